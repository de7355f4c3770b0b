// Golden files for the FastAPI emitters and planners. Each case folder under
// test/golden/fixtures holds `case.json` (the steps to run), an optional
// `input/` tree (the project before), and `expected/` (every file the last
// step creates or edits, as it must read). UPDATE_GOLDEN=1 rewrites expected/.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { memoryFileView, planInit, planNewResource, resultingText, type EditPlan } from '../../src/core/index';

type Step =
  | { readonly kind: 'init'; readonly name: string }
  | { readonly kind: 'resource'; readonly name: string; readonly fields: string; readonly auth?: 'writes' | 'all' | 'none' };

interface GoldenCase {
  readonly description: string;
  readonly steps: readonly Step[];
}

const FIXTURES = resolve(__dirname, '../../../test/golden/fixtures');
const update = process.env.UPDATE_GOLDEN === '1';

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

async function runStep(files: Map<string, string>, step: Step): Promise<EditPlan> {
  const view = memoryFileView(files);
  const plan =
    step.kind === 'init'
      ? await planInit(view, { projectName: step.name })
      : (await planNewResource(view, { name: step.name, fields: step.fields, auth: step.auth ?? 'writes' })).plan;
  for (const change of plan.changes) files.set(change.path, resultingText(change));
  return plan;
}

describe('golden files', () => {
  const cases = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'case.json'))) : [];

  it('has golden cases to check', () => {
    assert.ok(cases.length >= 5, `expected golden cases in ${FIXTURES}`);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(FIXTURES, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as GoldenCase;
      const files = readTree(join(dir, 'input'));
      let last: EditPlan | undefined;
      for (const step of spec.steps) last = await runStep(files, step);
      const produced = new Map(last!.changes.map((c) => [c.path, files.get(c.path)!]));
      const expectedDir = join(dir, 'expected');
      if (update) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const [path, text] of produced) {
          mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
          writeFileSync(join(expectedDir, path), text);
        }
        return;
      }
      const expected = readTree(expectedDir);
      assert.deepEqual([...produced.keys()].sort(), [...expected.keys()].sort(), `${name}: the set of changed files differs (UPDATE_GOLDEN=1 to accept)`);
      for (const [path, text] of produced) {
        assert.equal(text, expected.get(path), `${name}: ${path} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
      }
    });
  }
});
