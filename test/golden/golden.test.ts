// Golden files for the FastAPI emitters and planners. Each case folder under
// test/golden/fixtures holds `case.json` (the steps to run), an optional
// `input/` tree (the project before), and `expected/` (every file the last
// step creates or edits, as it must read). UPDATE_GOLDEN=1 rewrites expected/.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { planExpressInit, planExpressResource, planInit, planNewResource, type EditPlan } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { planAddDto } from '../../src/core/plan/dto';
import { planAddRepository } from '../../src/core/plan/repository';
import { planAddRoute } from '../../src/core/plan/route';
import { resultingText } from '../../src/core/plan/editPlan';

type Step =
  | { readonly kind: 'init'; readonly name: string; readonly framework?: 'fastapi' | 'express' }
  | { readonly kind: 'resource'; readonly name: string; readonly fields: string; readonly auth?: 'writes' | 'all' | 'none' | 'admin'; readonly owned?: boolean; readonly framework?: 'fastapi' | 'express' }
  /** A user's own edit between steps: replace `find` with `replace` in `path`. */
  | { readonly kind: 'edit'; readonly path: string; readonly find: string; readonly replace: string }
  /** A file the user wrote by hand. */
  | { readonly kind: 'write'; readonly path: string; readonly content: string }
  /** Add Route; `cursorBefore`: the cursor sits on the line before this text (in the blank space above it). */
  | { readonly kind: 'route'; readonly router: string; readonly method: string; readonly path: string; readonly responseModel?: string; readonly auth?: boolean; readonly functionName?: string; readonly cursorBefore?: string }
  | { readonly kind: 'dto'; readonly name: string; readonly fields?: string; readonly json?: unknown; readonly module?: string }
  /** Add Repository for the model around the first occurrence of `cursorAt` in `model`. */
  | { readonly kind: 'repository'; readonly model: string; readonly cursorAt: string };

interface GoldenCase {
  readonly description: string;
  readonly steps: readonly Step[];
  /** Only these changed files are golden (the others are covered by other cases). */
  readonly compare?: readonly string[];
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

/** Offset of `text` in a file, failing the case clearly when it is not there. */
function offsetOf(files: Map<string, string>, path: string, text: string): number {
  const at = files.get(path)?.indexOf(text) ?? -1;
  assert.ok(at >= 0, `cannot find ${JSON.stringify(text)} in ${path}`);
  return at;
}

async function runStep(files: Map<string, string>, step: Exclude<Step, { kind: 'edit' | 'write' }>): Promise<EditPlan> {
  const view = memoryFileView(files);
  let plan: EditPlan;
  switch (step.kind) {
    case 'init':
      plan = step.framework === 'express' ? await planExpressInit(view, { projectName: step.name }) : await planInit(view, { projectName: step.name });
      break;
    case 'resource': {
      const input = { name: step.name, fields: step.fields, auth: step.auth ?? 'writes', owned: step.owned ?? false };
      plan = (step.framework === 'express' ? await planExpressResource(view, input) : await planNewResource(view, input)).plan;
      break;
    }
    case 'route':
      plan = await planAddRoute(view, {
        routerPath: step.router,
        method: step.method,
        path: step.path,
        auth: step.auth ?? false,
        ...(step.responseModel ? { responseModel: step.responseModel } : {}),
        ...(step.functionName ? { functionName: step.functionName } : {}),
        ...(step.cursorBefore ? { cursor: offsetOf(files, step.router, step.cursorBefore) - 1 } : {}),
      });
      break;
    case 'dto':
      plan = (await planAddDto(view, {
        name: step.name,
        ...(step.fields !== undefined ? { fields: step.fields } : {}),
        ...(step.json !== undefined ? { json: JSON.stringify(step.json, null, 2) } : {}),
        ...(step.module ? { module: step.module } : {}),
      })).plan;
      break;
    case 'repository':
      plan = await planAddRepository(view, { modelPath: step.model, cursor: offsetOf(files, step.model, step.cursorAt) });
      break;
  }
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
      for (const step of spec.steps) {
        if (step.kind === 'edit') {
          const text = files.get(step.path);
          assert.ok(text?.includes(step.find), `${name}: edit step cannot find its text in ${step.path}`);
          files.set(step.path, text!.replace(step.find, step.replace));
        } else if (step.kind === 'write') files.set(step.path, step.content);
        else last = await runStep(files, step);
      }
      const changed = last!.changes.map((c) => c.path).filter((p) => !spec.compare || spec.compare.includes(p));
      if (spec.compare) assert.deepEqual([...changed].sort(), [...spec.compare].sort(), `${name}: expected these files to change`);
      const produced = new Map(changed.map((path) => [path, files.get(path)!]));
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
