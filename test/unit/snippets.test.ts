// The checked-in snippets must be exactly what the emitters produce
// (UPDATE_SNIPPETS=1, or `npm run snippets`, rewrites them), and every
// snippet, expanded with its defaults (a choice by its first option), must
// parse with the real grammar: tree-sitter-python for Python.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fastapiSnippetTemplates, fastapiSnippets } from '../../src/core/emit/fastapi/snippets';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';
import { expandSnippet } from '../support/snippets';

const ROOT = resolve(__dirname, '../../..');
const FILE = resolve(ROOT, 'snippets/fastapi.code-snippets');

/** Check a generated snippet file against the checked-in one (or rewrite it on request). */
function checkFile(file: string, generated: string): void {
  if (process.env.UPDATE_SNIPPETS === '1') writeFileSync(file, generated);
  assert.equal(readFileSync(file, 'utf8'), generated, `${file} drifted from the templates: run \`npm run snippets\``);
}

describe('snippets', () => {
  it('checked-in FastAPI snippets match the templates', () => {
    checkFile(FILE, JSON.stringify(fastapiSnippets(), null, 2) + '\n');
  });

  it('the package contributes the snippet files for their languages', () => {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.ok(manifest.contributes.snippets.some((s) => s.language === 'python' && s.path === './snippets/fastapi.code-snippets'));
  });

  it('prefixes follow one scheme, are unique and every snippet has a description', () => {
    const all = Object.values(fastapiSnippets());
    assert.ok(all.length >= 15, `expected the full set, got ${all.length}`);
    for (const s of all) {
      assert.match(s.prefix, /^fa-[a-z]+(-[a-z]+)*$/, s.prefix);
      assert.match(s.description, /^backend-skill: \S/, s.prefix);
    }
    assert.equal(new Set(all.map((s) => s.prefix)).size, all.length, 'duplicate prefix');
    for (const method of ['get', 'list', 'post', 'put', 'patch', 'delete']) assert.ok(all.some((s) => s.prefix === `fa-${method}`), `fa-${method}`);
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
