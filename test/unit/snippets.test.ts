// The checked-in snippets must be exactly what the emitters produce
// (UPDATE_SNIPPETS=1, or `npm run snippets`, rewrites them), and every
// snippet, expanded with its defaults, must parse as Python.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fastapiSnippets } from '../../src/core/emit/fastapi/snippets';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';

const FILE = resolve(__dirname, '../../../snippets/fastapi.code-snippets');

/** Expand tab stops to their defaults and undo snippet escapes. */
function expand(body: readonly string[]): string {
  return body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([$\\}])/g, '$1');
}

describe('snippets', () => {
  const generated = JSON.stringify(fastapiSnippets(), null, 2) + '\n';

  it('checked-in snippets match the templates', () => {
    if (process.env.UPDATE_SNIPPETS === '1') writeFileSync(FILE, generated);
    assert.equal(readFileSync(FILE, 'utf8'), generated, 'snippets/ drifted from the templates: run `npm run snippets`');
  });

  for (const [name, snippet] of Object.entries(fastapiSnippets())) {
    it(`${name} expands to valid Python with linked tab stops`, async () => {
      const code = expand(snippet.body);
      const tree = await parsePython(code);
      assert.equal(firstSyntaxError(tree), undefined, code);
      tree.delete();
      assert.ok(!/zqx/i.test(code), 'sentinel name leaked into the snippet');
      assert.match(snippet.body.join('\n'), /\$\{1:Item\}/);
    });
  }
});
