// Golden files for editing existing Express + zod modules (Add Route, Add DTO
// with ts-morph). Each case folder under test/golden/express-edit holds
// `case.json` (the steps), `input/` (the project before: hand-written files
// with comments and odd formatting) and `expected/` (every file the last step
// creates or edits). UPDATE_GOLDEN=1 rewrites expected/. Then every case's
// resulting project is type-checked with the TypeScript compiler (strict, as
// the generated projects are configured) against the real express and zod
// typings: an inserted route or schema that does not compile fails here.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { planAddExpressRoute, planAddZodDto, planExpressInit, planExpressResource, type EditPlan } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';

type Step =
  /** `init express` and `new resource` (the generator's planners): the generated files to edit afterwards. */
  | { readonly kind: 'init'; readonly name: string }
  | { readonly kind: 'resource'; readonly name: string; readonly fields: string; readonly auth?: 'writes' | 'all' | 'none' }
  | { readonly kind: 'edit'; readonly path: string; readonly find: string; readonly replace: string }
  | { readonly kind: 'write'; readonly path: string; readonly content: string }
  /** Add Route; `cursorBefore`: the cursor sits on the line before this text. */
  | {
    readonly kind: 'route'; readonly router: string; readonly method: string; readonly path: string; readonly auth?: boolean;
    readonly routerName?: string; readonly bodySchema?: string; readonly cursorBefore?: string;
  }
  | { readonly kind: 'dto'; readonly name: string; readonly fields?: string; readonly json?: unknown; readonly module?: string };

interface GoldenCase {
  readonly description: string;
  readonly steps: readonly Step[];
  /** The case's project does not type-check on purpose (e.g. it stands for a partial file); default false. */
  readonly skipTypeCheck?: boolean;
}

const REPO = resolve(__dirname, '../../..');
const FIXTURES = join(REPO, 'test/golden/express-edit');
const CHECK_DIR = join(REPO, 'node_modules/.cache/backend-skill-express-golden');
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

function offsetOf(files: Map<string, string>, path: string, text: string): number {
  const at = files.get(path)?.indexOf(text) ?? -1;
  assert.ok(at >= 0, `cannot find ${JSON.stringify(text)} in ${path}`);
  return at;
}

async function runStep(files: Map<string, string>, step: Extract<Step, { kind: 'route' | 'dto' | 'init' | 'resource' }>): Promise<EditPlan> {
  const view = memoryFileView(files);
  let plan: EditPlan;
  if (step.kind === 'init') plan = await planExpressInit(view, { projectName: step.name });
  else if (step.kind === 'resource') plan = (await planExpressResource(view, { name: step.name, fields: step.fields, auth: step.auth ?? 'writes' })).plan;
  else if (step.kind === 'route') {
    plan = await planAddExpressRoute(view, {
      routerPath: step.router,
      method: step.method,
      path: step.path,
      auth: step.auth ?? false,
      ...(step.routerName ? { router: step.routerName } : {}),
      ...(step.bodySchema !== undefined ? { bodySchema: step.bodySchema } : {}),
      ...(step.cursorBefore ? { cursor: offsetOf(files, step.router, step.cursorBefore) - 1 } : {}),
    });
  } else {
    plan = (await planAddZodDto(view, {
      name: step.name,
      ...(step.fields !== undefined ? { fields: step.fields } : {}),
      ...(step.json !== undefined ? { json: JSON.stringify(step.json, null, 2) } : {}),
      ...(step.module ? { module: step.module } : {}),
    })).plan;
  }
  for (const change of plan.changes) files.set(change.path, resultingText(change));
  return plan;
}

/** Type-check projects (folder -> files) with one program: strict, node16, as `init express` configures them. */
function typeCheck(projects: Map<string, Map<string, string>>): string[] {
  rmSync(CHECK_DIR, { recursive: true, force: true });
  const roots: string[] = [];
  for (const [name, files] of projects) {
    for (const [path, text] of files) {
      if (!/\.ts$/.test(path)) continue;
      const full = join(CHECK_DIR, name, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      roots.push(full);
    }
  }
  const program = ts.createProgram(roots, {
    strict: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${relative(CHECK_DIR, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('golden files: editing Express modules', function () {
  this.timeout(120_000);
  const cases = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'case.json'))) : [];
  const results = new Map<string, Map<string, string>>();

  it('has golden cases to check', () => {
    assert.ok(cases.length >= 6, `expected golden cases in ${FIXTURES}`);
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
      assert.ok(last, `${name}: no planning step`);
      if (!spec.skipTypeCheck) results.set(name, files);
      const produced = new Map(last.changes.map((c) => [c.path, files.get(c.path)!]));
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
      for (const [path, text] of produced) assert.equal(text, expected.get(path), `${name}: ${path} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
    });
  }

  it('every resulting project type-checks (strict, node16) against the real express and zod typings', () => {
    assert.ok(results.size >= 5, `cases ran before the type check (${results.size})`);
    const problems = typeCheck(results);
    assert.deepEqual(problems, []);
  });

  it('the type check is not vacuous: a wrong body type in a golden output is reported', () => {
    const [name, files] = [...results].find(([, f]) => [...f.keys()].some((p) => p.startsWith('src/routes/')))!;
    const broken = new Map(files);
    const router = [...broken.keys()].find((p) => p.startsWith('src/routes/'))!;
    broken.set(router, `${broken.get(router)!}\nconst notANumber: number = 'text';\n`);
    const problems = typeCheck(new Map([[name, broken]]));
    assert.ok(problems.some((p) => p.includes("Type 'string' is not assignable to type 'number'")), problems.join('\n'));
  });
});
