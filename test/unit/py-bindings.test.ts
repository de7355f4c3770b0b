// PyFile.bindings answers every scope from one index pass over the binding
// node types; it must give exactly what walking each scope's body gives, on
// every Python rule case and on scopes built to trip it (defaults, lambdas,
// class bodies, comprehensions, walrus, with-as, nested functions).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PyFile } from '../../src/core/analysis/python/pyfile';
import { parsePython, type SyntaxNode } from '../../src/core/parse/python';

const TRICKY = `
a = b = 1
c, (d, e) = pair
a += 2
def f(p=(q := 3), *, r=lambda: (s := 4)) -> int:
    t = 5
    [u for u in range(3) if (v := u)]
    class K:
        w = 6
        def m(self):
            x = 7
    with open("f") as fh, lock as (g, h):
        pass
    for i, j in items:
        pass
    def inner():
        y = 8
    g2 = lambda: (z := 9)
    return t
class Top:
    k = 1
async def af():
    async for n in stream:
        pass
`;

describe('PyFile bindings index', () => {
  const walked = (f: PyFile, scope: SyntaxNode) => (f as unknown as { walkBindings(s: SyntaxNode): Map<string, SyntaxNode[]> }).walkBindings(scope);
  const indexed = (f: PyFile, scope: SyntaxNode) => {
    f.bindings(scope, '');
    return (f as unknown as { assignCache: Map<number, Map<string, SyntaxNode[]>> }).assignCache.get(scope.id)!;
  };
  const flat = (m: Map<string, SyntaxNode[]>) => [...m].map(([k, v]) => `${k}=${v.map((n) => `${n.type}@${n.startIndex}`).join(',')}`).sort();

  it('matches the per-scope walk on every Python rule case and on tricky scopes', async () => {
    const sources: [string, string][] = [['tricky.py', TRICKY]];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.py')) sources.push([full, readFileSync(full, 'utf8')]);
      }
    };
    walk(join(__dirname, '..', '..', '..', 'test', 'rules'));
    let scopes = 0;
    let bound = 0;
    for (const [path, source] of sources) {
      const tree = await parsePython(source);
      const f = new PyFile(source, tree);
      for (const scope of [tree.rootNode, ...tree.rootNode.descendantsOfType('function_definition').filter((n): n is SyntaxNode => !!n)]) {
        const mine = flat(indexed(f, scope));
        assert.deepEqual(mine, flat(walked(f, scope)), `${path}: scope ${scope.type}@${scope.startIndex}`);
        scopes++;
        bound += mine.length;
      }
      if (path === 'tricky.py') {
        const names = (scope: SyntaxNode) => [...indexed(f, scope).keys()].sort();
        const fns = tree.rootNode.descendantsOfType('function_definition').filter((n): n is SyntaxNode => !!n);
        assert.deepEqual(names(tree.rootNode), ['a', 'b', 'c', 'd', 'e']);
        assert.deepEqual(names(fns[0]!), ['fh', 'g2', 'i', 'j', 't', 'u', 'v']);
      }
    }
    assert.ok(scopes > 400 && bound > 400, `${scopes} scopes, ${bound} names compared`);
  });
});
