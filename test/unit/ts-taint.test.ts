// The TypeScript injection helper (src/core/analysis/ts/taint.ts): how a
// string was built and which parts are harmless, request input followed
// inside one function, guards that end it, and where request input sits in a URL.
import assert from 'node:assert/strict';
import { parseTypeScript } from '../../src/core/parse/typescript';
import { TsFile } from '../../src/core/analysis/ts/tsfile';
import { enclosingFunction } from '../../src/core/analysis/ts/tsfile';
import { skeleton, taintOf, templateOf, unsafeParts, urlState } from '../../src/core/analysis/ts/taint';
import type { SyntaxNode } from '../../src/core/parse/python';

async function file(source: string): Promise<TsFile> {
  return new TsFile(source, await parseTypeScript(source, 'typescript'));
}

/** The first argument of the n-th call whose callee text is `name`. */
function argOf(f: TsFile, name: string, n = 0): SyntaxNode {
  const call = f.tree.rootNode.descendantsOfType('call_expression').filter((c) => c?.childForFieldName('function')?.text === name)[n];
  assert.ok(call, `a call to ${name}`);
  const arg = call.childForFieldName('arguments')!.namedChildren[0];
  assert.ok(arg);
  return arg;
}

describe('ts/taint', () => {
  it('builds templates from literals, concatenation and += over several lines', async () => {
    const f = await file(`
const TABLE = 'users';
function q(id: string, limit: number, order: 'asc' | 'desc') {
  let sql = \`SELECT * FROM \${TABLE} WHERE id = '\${id}'\`;
  sql += ' ORDER BY name ' + order + ' LIMIT ' + limit;
  run(sql);
}`);
    const t = templateOf(f, argOf(f, 'run'))!;
    assert.equal(skeleton(t, '?'), "SELECT * FROM ? WHERE id = '?' ORDER BY name ? LIMIT ?");
    assert.deepEqual(unsafeParts(t).map((p) => p.node.text), ['id'], 'the constant, the literal union and the number are harmless');
    assert.equal(t.segments.length, 2);
    assert.ok(t.linear);
  });

  it('treats allow-list picks, guarded values, numbers and placeholder lists as harmless', async () => {
    const f = await file(`
const SORTABLE = { name: 'name', created: 'created_at' };
const ALLOWED = ['asc', 'desc'];
function q(sort: string, dir: string, page: string, ids: string[]) {
  if (!ALLOWED.includes(dir)) throw new Error('bad');
  const marks = ids.map((_, i) => \`$\${i + 1}\`).join(', ');
  run(\`SELECT * FROM t WHERE id IN (\${marks}) ORDER BY \${SORTABLE[sort] ?? 'id'} \${dir} OFFSET \${Number(page) * 10}\`);
  run(\`SELECT * FROM t ORDER BY \${sort}\`);
}`);
    assert.deepEqual(unsafeParts(templateOf(f, argOf(f, 'run', 0))!), []);
    assert.deepEqual(unsafeParts(templateOf(f, argOf(f, 'run', 1))!).map((p) => p.node.text), ['sort']);
  });

  it('follows Express, Fastify and NestJS request input inside one function only', async () => {
    const f = await file(`
import { Body, Param, ParseIntPipe } from '@nestjs/common';
app.get('/a', (req, res) => { const { name } = req.query; const p = path.join(BASE, String(name).trim()); sink(p); });
app.get('/b', async (request, reply) => { sink(request.params.file); sink(request.headers.host.length); });
function helper(name: string) { sink(name); }
class C {
  m(@Param('id', ParseIntPipe) id: number, @Body() dto: Dto, @Param('f') f: string) { sink(id); sink(dto.path); sink(path.basename(f)); }
}`);
    const results = f.tree.rootNode
      .descendantsOfType('call_expression')
      .filter((c): c is SyntaxNode => c?.childForFieldName('function')?.text === 'sink')
      .map((c) => taintOf(f, enclosingFunction(c)!).tainted(c.childForFieldName('arguments')!.namedChildren[0]!, 'path'));
    assert.deepEqual(results, [true, true, false, false, false, true, false]);
  });

  it('ends path taint at a normalised containment check that rejects, not at an unnormalised one', async () => {
    const f = await file(`
app.get('/a', (req, res) => {
  const full = path.resolve(ROOT, req.query.f);
  if (!full.startsWith(ROOT + path.sep)) return res.status(400).end();
  sink(full);
});
app.get('/b', (req, res) => {
  const full = ROOT + '/' + req.query.f;
  if (!full.startsWith(ROOT)) return res.status(400).end();
  sink(full);
});`);
    const sinks = f.tree.rootNode.descendantsOfType('call_expression').filter((c): c is SyntaxNode => c?.childForFieldName('function')?.text === 'sink');
    assert.deepEqual(sinks.map((c) => taintOf(f, enclosingFunction(c)!).tainted(c.childForFieldName('arguments')!.namedChildren[0]!, 'path')), [false, true]);
  });

  it('tells a request-derived host from request data after a fixed host', async () => {
    const f = await file(`
app.get('/a', (req, res) => {
  sink(req.query.url);
  sink(\`https://api.example.com/users/\${req.params.id}\`);
  sink(\`\${API_BASE}/users/\${req.params.id}\`);
  sink(\`https://\${req.params.host}/x\`);
  sink('https://api.example.com' + req.query.path);
  sink(new URL(\`/items/\${req.query.id}\`, API_BASE));
});`);
    const sinks = f.tree.rootNode.descendantsOfType('call_expression').filter((c): c is SyntaxNode => c?.childForFieldName('function')?.text === 'sink');
    const t = taintOf(f, enclosingFunction(sinks[0]!)!);
    assert.deepEqual(sinks.map((c) => urlState(t, c.childForFieldName('arguments')!.namedChildren[0]!)), ['full', 'host-fixed', 'host-fixed', 'full', 'full', 'host-fixed']);
  });
});
