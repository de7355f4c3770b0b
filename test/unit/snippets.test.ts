// The checked-in snippets must be exactly what the emitters produce
// (UPDATE_SNIPPETS=1, or `npm run snippets`, rewrites them), and every
// snippet, expanded with its defaults (a choice by its first option), must
// parse with the real grammar: tree-sitter-python for Python, the TypeScript
// compiler for TypeScript (zero syntactic diagnostics).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { expressSnippets } from '../../src/core/emit/express/snippets';
import { fastapiSnippetTemplates, fastapiSnippets } from '../../src/core/emit/fastapi/snippets';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';
import { expandSnippet } from '../support/snippets';

const ROOT = resolve(__dirname, '../../..');
const FILE = resolve(ROOT, 'snippets/fastapi.code-snippets');
const TS_FILE = resolve(ROOT, 'snippets/express.code-snippets');

/** The TypeScript compiler's syntactic diagnostics for a module, as readable lines. */
function syntaxDiagnostics(code: string): string[] {
  const out = ts.transpileModule(code, { reportDiagnostics: true, fileName: 'snippet.ts', compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true } });
  return (out.diagnostics ?? []).map((d) => `${d.start ?? 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Check a generated snippet file against the checked-in one (or rewrite it on request). */
function checkFile(file: string, generated: string): void {
  if (process.env.UPDATE_SNIPPETS === '1') writeFileSync(file, generated);
  assert.equal(readFileSync(file, 'utf8'), generated, `${file} drifted from the templates: run \`npm run snippets\``);
}

describe('snippets', () => {
  it('checked-in FastAPI snippets match the templates', () => {
    checkFile(FILE, JSON.stringify(fastapiSnippets(), null, 2) + '\n');
  });

  it('checked-in Express snippets match the templates', () => {
    checkFile(TS_FILE, JSON.stringify(expressSnippets(), null, 2) + '\n');
  });

  it('the package contributes the snippet files for their languages', () => {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.ok(manifest.contributes.snippets.some((s) => s.language === 'python' && s.path === './snippets/fastapi.code-snippets'));
    assert.ok(manifest.contributes.snippets.some((s) => s.language === 'typescript' && s.path === './snippets/express.code-snippets'));
  });

  it('prefixes follow one scheme, are unique and every snippet has a description', () => {
    for (const [scheme, all, least] of [['fa', Object.values(fastapiSnippets()), 15], ['ex', Object.values(expressSnippets()), 12]] as const) {
      assert.ok(all.length >= least, `expected the full ${scheme}- set, got ${all.length}`);
      for (const s of all) {
        assert.match(s.prefix, new RegExp(`^${scheme}-[a-z]+(-[a-z]+)*$`), s.prefix);
        assert.match(s.description, /^backend-skill: \S/, s.prefix);
      }
      assert.equal(new Set(all.map((s) => s.prefix)).size, all.length, 'duplicate prefix');
      for (const method of ['get', 'list', 'post', 'put', 'patch', 'delete']) assert.ok(all.some((s) => s.prefix === `${scheme}-${method}`), `${scheme}-${method}`);
    }
  });

  it('Express handlers: the path is a tab stop, 201/204, 404 through the router helpers, auth on writes', () => {
    const s = expressSnippets();
    const body = (title: string) => s[title]!.body.join('\n');
    assert.match(body('Express GET handler'), /^router\.get\('\$\{7:\/:id\}', async \(req, res\) => \{/);
    assert.match(body('Express GET handler'), /found\(await \$\{4:items\}\.get\(id\)\)/);
    assert.match(body('Express POST handler'), /^router\.post\('\$\{7:\/\}', auth, async/);
    assert.match(body('Express POST handler'), /res\.status\(201\)/);
    assert.match(body('Express DELETE handler'), /throw missing\(\);\n {2}res\.status\(204\)\.end\(\);/);
    for (const t of ['Express PUT handler', 'Express PATCH handler', 'Express DELETE handler']) assert.match(body(t), /^router\.\w+\('\$\{7:\/:id\}', auth, async/, t);
  });

  for (const [name, snippet] of Object.entries(expressSnippets())) {
    it(`${name} (${snippet.prefix}) expands to TypeScript without syntax errors`, () => {
      const code = expandSnippet(snippet.body);
      assert.deepEqual(syntaxDiagnostics(code), [], code);
      assert.ok(!/zqx/i.test(code), 'sentinel name leaked into the snippet');
      assert.ok(!/\$(?!\d|\{)/.test(snippet.body.join('\n').replace(/\\\$/g, '')), 'an unescaped $ would be read as a variable');
    });
  }

  it('the TypeScript check catches a broken snippet (the check is not vacuous)', () => {
    assert.notDeepEqual(syntaxDiagnostics("router.get('/', async (req, res) => {\n  res.json(\n});\n"), []);
  });

  it('route snippets: path parameters are tab stops, the right status code, 404 and auth on writes', () => {
    const s = fastapiSnippets();
    const body = (title: string) => s[title]!.body.join('\n');
    assert.match(body('FastAPI GET route'), /@router\.get\(\n {4}"\/\{\$\{3:item\}_id\}",/);
    assert.match(body('FastAPI GET route'), /HTTP_404_NOT_FOUND/);
    assert.doesNotMatch(body('FastAPI GET route'), /get_current_user/);
    assert.match(body('FastAPI POST route'), /status_code=status\.HTTP_201_CREATED/);
    assert.match(body('FastAPI DELETE route'), /status_code=status\.HTTP_204_NO_CONTENT,\n {4}response_class=Response/);
    for (const t of ['FastAPI POST route', 'FastAPI PUT route', 'FastAPI PATCH route', 'FastAPI DELETE route']) {
      assert.match(body(t), /dependencies=\[Depends\(get_current_user\)\]/, t);
    }
    for (const t of ['FastAPI PUT route', 'FastAPI PATCH route', 'FastAPI DELETE route']) {
      assert.match(body(t), /raise HTTPException\(status_code=status\.HTTP_404_NOT_FOUND/, t);
      assert.doesNotMatch(body(t), /get_or_404/, `${t} stands alone`);
    }
  });

  for (const [name, snippet] of Object.entries(fastapiSnippetTemplates())) {
    it(`${name} (${snippet.prefix}) expands to valid Python`, async () => {
      const expanded = expandSnippet(snippet.body);
      // A class-body snippet is checked where it goes: indented under a class.
      const code = snippet.scope === 'class' ? `class Holder:\n${expanded.replace(/^(?=.)/gm, '    ')}\n` : expanded;
      const tree = await parsePython(code);
      try {
        assert.equal(firstSyntaxError(tree), undefined, code);
      } finally {
        tree.delete();
      }
      assert.ok(!/zqx/i.test(code), 'sentinel name leaked into the snippet');
      assert.ok(!/\$(?!\d|\{)/.test(snippet.body.join('\n').replace(/\\\$/g, '')), 'an unescaped $ would be read as a variable');
    });
  }
});
