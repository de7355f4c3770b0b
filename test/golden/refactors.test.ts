// Golden files for the lightbulb refactors. Each case folder under
// test/golden/refactors holds `case.json` (the refactor to run, at the first
// occurrence of `cursorAt` in `path`), `input/` (hand-written files laid over
// a fresh `init` project when `init` is set) and `expected/` (every file the
// refactor creates or edits). Every planned Python file must parse, and the
// analyzer must find nothing new in it (`gone`: rules whose findings in the
// refactored file must disappear). A case with `error` must be refused with
// that message and plan nothing. UPDATE_GOLDEN=1 rewrites expected/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { collectProjectFacts, planAddAuthDependency, planAddResponseModel, planExtractModel, planGeneration, planInit, readFastApiProject, readSchemaClasses, refactorOffers, type EditPlan, type Finding } from '../../src/core/index';
import { analyzePython } from '../../src/core/analysis/engine';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';

interface RefactorCase {
  readonly description: string;
  /** Start from `init fastapi` with this project name. */
  readonly init?: string;
  /** Or from a fixture project of its own style (test/fixtures/projects/<name>). */
  readonly fixture?: string;
  readonly refactor: 'crud' | 'extract' | 'auth' | 'response-model';
  readonly path: string;
  readonly cursorAt: string;
  readonly auth?: 'writes' | 'all' | 'none';
  readonly className?: string;
  /** The lightbulb must offer exactly these titles at the cursor (order kept). */
  readonly offers?: readonly string[];
  readonly error?: string;
  readonly gone?: readonly string[];
}

const FIXTURES = resolve(__dirname, '../../../test/golden/refactors');
const PROJECTS = resolve(__dirname, '../../../test/fixtures/projects');
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

function factsOf(files: Map<string, string>) {
  return collectProjectFacts([...files].filter(([p]) => p.endsWith('.py')).map(([path, source]) => ({ path, source })));
}

async function findings(files: Map<string, string>, path: string): Promise<Finding[]> {
  const result = await analyzePython(path, files.get(path)!, { project: factsOf(files) });
  assert.deepEqual(result.ruleErrors, [], `rule errors on ${path}`);
  return [...result.findings];
}

const key = (f: Finding) => `${f.rule}: ${f.message}`;

async function plan(files: Map<string, string>, spec: RefactorCase): Promise<EditPlan> {
  const view = memoryFileView(files);
  const text = files.get(spec.path);
  assert.ok(text !== undefined, `${spec.path} missing`);
  const cursor = text.indexOf(spec.cursorAt);
  assert.ok(cursor >= 0, `cannot find ${JSON.stringify(spec.cursorAt)} in ${spec.path}`);
  switch (spec.refactor) {
    case 'crud':
      // Through the one generation entry, as the editor and the CLI call it.
      return (await planGeneration(view, { kind: 'crud-slice', modelPath: spec.path, cursor, auth: spec.auth ?? 'writes' })).plan;
    case 'extract':
      return planExtractModel(view, { path: spec.path, cursor });
    case 'auth':
      return planAddAuthDependency(view, { path: spec.path, cursor, facts: factsOf(files) });
    case 'response-model': {
      const classes = await readSchemaClasses(view, await readFastApiProject(view));
      return planAddResponseModel(view, { path: spec.path, cursor, classes, ...(spec.className ? { className: spec.className } : {}) });
    }
  }
}

describe('golden files: refactors', () => {
  const cases = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'case.json'))).sort() : [];

  it('has a case for every refactor, and refusal cases', () => {
    const specs = cases.map((n) => JSON.parse(readFileSync(join(FIXTURES, n, 'case.json'), 'utf8')) as RefactorCase);
    for (const kind of ['crud', 'extract', 'auth', 'response-model'] as const) {
      assert.ok(specs.some((s) => s.refactor === kind && !s.error), `a golden case for ${kind}`);
      assert.ok(specs.some((s) => s.refactor === kind && s.error), `a refusal case for ${kind}`);
    }
  });

  for (const name of cases) {
    it(name, async function () {
      this.timeout(60_000);
      const dir = join(FIXTURES, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as RefactorCase;
      const files = new Map<string, string>();
      if (spec.init) {
        const init = await planInit(memoryFileView(files), { projectName: spec.init });
        for (const change of init.changes) files.set(change.path, resultingText(change));
      }
      if (spec.fixture) {
        // Caches a local run leaves in a fixture are not part of it.
        for (const [path, text] of readTree(join(PROJECTS, spec.fixture))) {
          if (!/(^|\/)(__pycache__|\.mypy_cache|\.ruff_cache|\.pytest_cache)\/|\.db$/.test(path)) files.set(path, text);
        }
      }
      for (const [path, text] of readTree(join(dir, 'input'))) files.set(path, text);

      if (spec.offers) {
        const text = files.get(spec.path)!;
        const view = memoryFileView(files);
        const offers = await refactorOffers(spec.path, text, text.indexOf(spec.cursorAt), {
          facts: factsOf(files),
          schemaClasses: async () => readSchemaClasses(view, await readFastApiProject(view)),
        });
        assert.deepEqual(offers.map((o) => o.title), spec.offers, `${name}: offers at the cursor`);
      }

      if (spec.error) {
        await assert.rejects(plan(files, spec), (e: Error) => {
          assert.ok(e.message.includes(spec.error!), `${name}: refused with "${e.message}", expected it to say "${spec.error}"`);
          return true;
        });
        return;
      }

      const before = new Map<string, Finding[]>();
      const result = await plan(files, spec);
      // The model a CRUD slice is generated for is never rewritten: its module gains imports and appended code at most.
      for (const change of result.changes) {
        if (spec.refactor !== 'crud' || change.path !== spec.path || change.kind !== 'modify') continue;
        for (const e of change.edits) {
          const replaced = change.original.slice(e.start, e.end);
          assert.ok(replaced === '' || /^(from \S+ import [^\n]*\n?)+$/.test(replaced), `${name}: an edit to the model's module replaces ${JSON.stringify(replaced)}`);
        }
      }
      for (const change of result.changes) {
        if (change.path.endsWith('.py') && change.kind === 'modify') before.set(change.path, await findings(files, change.path));
      }
      for (const change of result.changes) files.set(change.path, resultingText(change));
      for (const change of result.changes) {
        if (!change.path.endsWith('.py')) continue;
        const tree = await parsePython(files.get(change.path)!.replace(/^\uFEFF/, ''));
        const error = firstSyntaxError(tree);
        tree.delete();
        assert.equal(error, undefined, `${name}: ${change.path} does not parse`);
        const was = new Set((before.get(change.path) ?? []).map(key));
        const now = await findings(files, change.path);
        const added = now.filter((f) => !was.has(key(f)));
        assert.deepEqual(added.map(key), [], `${name}: new analyzer findings in ${change.path}`);
        for (const rule of spec.gone ?? []) {
          if (change.path !== spec.path) continue;
          assert.ok((before.get(change.path) ?? []).some((f) => f.rule === rule), `${name}: expected a ${rule} finding before the refactor`);
          assert.ok(!now.some((f) => f.rule === rule), `${name}: the ${rule} finding should be gone`);
        }
      }

      const produced = new Map(result.changes.map((c) => [c.path, files.get(c.path)!]));
      const expectedDir = join(dir, 'expected');
      if (update) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const [path, text] of produced) {
          mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
          writeFileSync(join(expectedDir, path), text);
        }
        writeFileSync(join(dir, 'notes.txt'), result.notes.join('\n') + '\n');
        return;
      }
      const expected = readTree(expectedDir);
      assert.deepEqual([...produced.keys()].sort(), [...expected.keys()].sort(), `${name}: the set of changed files differs (UPDATE_GOLDEN=1 to accept)`);
      for (const [path, text] of produced) assert.equal(text, expected.get(path), `${name}: ${path} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
      assert.equal(result.notes.join('\n') + '\n', readFileSync(join(dir, 'notes.txt'), 'utf8'), `${name}: notes differ`);
    });
  }
});
