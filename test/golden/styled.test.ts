// Golden files for New Resource in a project's own style. Each case under
// test/golden/styled/<case>/ has `input/` (the project before) and
// `expected/` (every file the plan creates or edits). The ProjectStyle is
// written by hand here, as inference would yield it for the input, so this
// suite pins the emitters alone. UPDATE_GOLDEN=1 rewrites expected/.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { memoryFileView, resultingText, analyzePython } from '../../src/core/index';
import { planStyledResource } from '../../src/core/generate/styledResource';
import { resolveResourceSpec } from '../../src/core/spec/resource';
import { sqlmodelTemplateStyle } from '../support/styles';

const ROOT = resolve(__dirname, '../../../test/golden/styled');

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const CASES = [
  { name: 'sqlmodel', style: sqlmodelTemplateStyle, resource: 'Project', fields: 'title:str:max=120 budget:decimal:min=0 code:str:unique:max=20 starts_on:date? done:bool=false' },
];

describe('golden: New Resource in the project style', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const input = readTree(join(ROOT, c.name, 'input'));
      const view = memoryFileView(input);
      const spec = resolveResourceSpec({ name: c.resource, fields: c.fields }, { existing: new Set(c.style.models.known.map((m) => m.className)) });
      const plan = await planStyledResource(view, c.style, spec);
      const out = new Map(plan.changes.map((ch) => [ch.path, resultingText(ch)]));
      // Existing lines are never rewritten, except import lines that gain a name.
      for (const ch of plan.changes) {
        if (ch.kind !== 'modify') continue;
        for (const e of ch.edits) {
          const replaced = ch.original.slice(e.start, e.end);
          assert.ok(replaced === '' || /^(from \S+ import [^\n]*\n)+$/.test(replaced), `${ch.path}: an edit replaces ${JSON.stringify(replaced)}`);
        }
      }
      // Our own rules find nothing in what is written.
      for (const [path, text] of out) {
        const { findings } = await analyzePython(path, text);
        assert.deepEqual(findings.map((f) => `${path}:${f.start}: ${f.rule} ${f.message}`), []);
      }
      const expectedDir = join(ROOT, c.name, 'expected');
      if (process.env.UPDATE_GOLDEN) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const [path, text] of out) {
          mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
          writeFileSync(join(expectedDir, path), text);
        }
      }
      const expected = readTree(expectedDir);
      assert.deepEqual([...out.keys()].sort(), [...expected.keys()].sort());
      for (const [path, text] of out) assert.equal(text, expected.get(path), path);
      // A rerun on the result refuses: the resource exists.
      const after = new Map(input);
      for (const [path, text] of out) after.set(path, text);
      const again = { ...c.style, models: { ...c.style.models } };
      await assert.rejects(planStyledResource(memoryFileView(after), again, spec), /already exists/);
    });
  }
});
