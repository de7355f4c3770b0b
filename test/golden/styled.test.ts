// Golden files for New Resource in a project's own style. Each case under
// test/golden/styled/<case>/ has `input/` (the project before) and
// `expected/` (every file the plan creates or edits). The ProjectStyle is
// written by hand here, as inference would yield it for the input, so this
// suite pins the emitters alone. UPDATE_GOLDEN=1 rewrites expected/.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { inferStyle } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';
import { analyzePython } from '../../src/core/analysis/engine';
import { type ProjectStyle } from '../../src/core/style/types';
import { planStyledResource } from '../../src/core/generate/styledResource';
import { resolveResourceSpec } from '../../src/core/request/resource';
import { sqlmodelTemplateStyle } from '../support/styles';

const ROOT = resolve(__dirname, '../../../test/golden/styled');
const FIXTURES = resolve(__dirname, '../../../test/fixtures/projects');

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

const FIELDS = 'title:str:max=120 budget:decimal:min=0 code:str:unique:max=20 starts_on:date? done:bool=false';

/**
 * `style` given: the emitters alone on a hand-written input. Otherwise the
 * input is a fixture project (test/fixtures/projects/<name>) and the style is
 * inferred from it, as the generation entry does.
 */
interface Case {
  readonly name: string;
  readonly style?: ProjectStyle;
  readonly resource: string;
  readonly fields: string;
}

const CASES: readonly Case[] = [
  { name: 'sqlmodel', style: sqlmodelTemplateStyle, resource: 'Project', fields: FIELDS },
  { name: 'sqlmodel-crud', resource: 'Project', fields: FIELDS },
  { name: 'feature-folders', resource: 'Project', fields: FIELDS },
  { name: 'async-layered', resource: 'Project', fields: FIELDS },
];

/** A fixture's files without the caches a local run leaves behind. */
function fixtureTree(name: string): Map<string, string> {
  const files = readTree(join(FIXTURES, name));
  for (const path of [...files.keys()]) if (/(^|\/)(__pycache__|\.mypy_cache|\.ruff_cache|\.pytest_cache)\/|\.db$/.test(path)) files.delete(path);
  return files;
}

describe('golden: New Resource in the project style', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const input = c.style ? readTree(join(ROOT, c.name, 'input')) : fixtureTree(c.name);
      const view = memoryFileView(input);
      const style = c.style ?? (await inferStyle(view));
      const spec = resolveResourceSpec({ name: c.resource, fields: c.fields }, { existing: new Set(style.models.known.map((m) => m.className)) });
      const plan = await planStyledResource(view, style, spec);
      const out = new Map(plan.changes.map((ch) => [ch.path, resultingText(ch)]));
      // Existing lines are never rewritten, except import lines and a one-line `__all__` that gain a name.
      for (const ch of plan.changes) {
        if (ch.kind !== 'modify') continue;
        for (const e of ch.edits) {
          const replaced = ch.original.slice(e.start, e.end);
          assert.ok(replaced === '' || /^(from \S+ import [^\n]*\n|__all__ = \[[^\n]*\]\n)+$/.test(replaced), `${ch.path}: an edit replaces ${JSON.stringify(replaced)}`);
          for (const name of replaced.matchAll(/"(\w+)"/g)) assert.ok(e.text.includes(`"${name[1]}"`), `${ch.path}: ${name[1]} dropped from __all__`);
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
      const again = c.style ?? (await inferStyle(memoryFileView(after)));
      await assert.rejects(planStyledResource(memoryFileView(after), again, spec), /already exists/);
    });
  }
});
