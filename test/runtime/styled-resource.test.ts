// New Resource in an existing project's own style, run for real: each fixture
// project is copied, its style inferred from its code, the resource planned and
// written; then the result is clean under the project's own ruff and mypy
// settings, the project's tests and the generated ones pass on SQLite and on a
// throwaway PostgreSQL database, the new Alembic revision goes up, matches the
// models (`alembic check`) and comes down again (its table gone), and uvicorn
// serves a CRUD round trip of the new resource over HTTP. Generate CRUD slice
// is proven the same way: a table class written by hand into the copy (the
// golden case's input), the rest of the slice planned through the same entry.
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planGeneration, type EditPlan } from '../../src/core/index';
import { applyPlanToDisk, diskFileView } from '../../src/cli/nodeFiles';
import { venvPython } from '../support/api';
import {
  FIXTURES, alembic, copyFixture, crudRoundTrip, databaseUrl, lint, removeFixtureCopies, runPython, runPytest, serve,
  stopFixturePostgres, type DbKind, type FixtureName, type ResourceContract, type Served,
} from '../support/fixtureProjects';

interface Case {
  readonly fixture: FixtureName;
  readonly resource: string;
  readonly fields: string;
  /** The table the resource gets (what the revision creates and drops). */
  readonly table: string;
  readonly contract: ResourceContract;
  /** Generated tests that must be among those passing (ownership: the owner, another user, a superuser). */
  readonly mustPass?: readonly string[];
  /** Generate CRUD slice instead of New Resource: the golden refactor case whose input holds the hand-written model, and its module. */
  readonly slice?: { readonly golden: string; readonly modelPath: string };
}

const REFACTOR_GOLDENS = resolve(__dirname, '../../../test/golden/refactors');

const runId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const dataIds = (json: unknown) => (json as { data: { id: unknown }[] }).data.map((x) => x.id);

const CASES: readonly Case[] = [
  {
    fixture: 'sqlmodel-crud',
    resource: 'Project',
    fields: 'title:str:max=120 budget:decimal:min=0 code:str:unique:max=20 starts_on:date? done:bool=false status:enum(draft|active|closed)=draft item:ref(Item)?',
    table: 'project',
    contract: {
      collection: '/api/v1/projects/',
      create: { title: 'Round trip', budget: '19.99', code: `rt-${runId()}`, starts_on: '2024-05-17', done: true },
      createStatus: 201,
      update: { method: 'PUT', body: { title: 'Round trip, updated' } },
      deleteStatus: 204,
      listIds: dataIds,
    },
    // Items are owned and their routes let a superuser through: so are projects.
    mustPass: ['test_project_round_trip', 'test_project_of_another_user_is_out_of_reach', 'test_superuser_reaches_every_project'],
  },
  {
    fixture: 'feature-folders',
    resource: 'Project',
    fields: 'title:str:max=120 budget:decimal:min=0 code:str:unique:max=20 starts_on:date? done:bool=false notes:text? todo:ref(Todo)?',
    table: 'projects',
    contract: {
      collection: '/projects/',
      create: { title: 'Round trip', budget: '19.99', code: `rt-${runId()}`, starts_on: '2024-05-17', done: true },
      createStatus: 201,
      // PUT replaces the whole resource in this project, as its own routes do.
      update: { method: 'PUT', body: { title: 'Round trip, updated', budget: '5.00', code: `rt-${runId()}`, starts_on: null, done: false } },
      deleteStatus: 204,
      listIds: (json) => (json as { id: unknown }[]).map((x) => x.id),
    },
    // Todos are filtered by owner (another user's is not found): so are projects.
    mustPass: ['test_project_of_another_user_is_out_of_reach'],
  },
  {
    // Async SQLAlchemy 2 in layers: repository subclass, service class, `XServiceDep` alias, endpoints router.
    fixture: 'async-layered',
    resource: 'Project',
    fields: 'title:str:max=120 budget:decimal:min=0 code:str:unique:max=20 starts_on:date? done:bool=false notes:text? post:ref(Post)?',
    table: 'projects',
    contract: {
      collection: '/api/v1/projects',
      create: { title: 'Round trip', budget: '19.99', code: `rt-${runId()}`, starts_on: '2024-05-17', done: true },
      createStatus: 201,
      // PATCH changes only what is sent, as the project's own routes do.
      update: { method: 'PATCH', body: { title: 'Round trip, updated' } },
      deleteStatus: 204,
      listIds: (json) => (json as { id: unknown }[]).map((x) => x.id),
    },
    // Posts belong to their author (PermissionDeniedError for anyone else): so do projects.
    mustPass: ['test_project_of_another_user_is_out_of_reach'],
  },
  {
    // The model appended to app/models.py by hand (uuid key), the slice generated for it.
    fixture: 'sqlmodel-crud',
    resource: 'Project',
    fields: '',
    table: 'project',
    slice: { golden: 'crud-styled-sqlmodel', modelPath: 'app/models.py' },
    contract: {
      collection: '/api/v1/projects/',
      create: { title: 'Round trip', budget: '19.99', code: `rs-${runId()}`, starts_on: '2024-05-17', done: true },
      createStatus: 201,
      update: { method: 'PUT', body: { title: 'Round trip, updated' } },
      deleteStatus: 204,
      listIds: dataIds,
    },
    mustPass: ['test_project_round_trip'],
  },
  {
    // The template's own pattern: TagBase holds the fields, Tag(TagBase, table=True) the key and owner; the DTOs reuse TagBase.
    fixture: 'sqlmodel-crud',
    resource: 'Tag',
    fields: '',
    table: 'tag',
    slice: { golden: 'crud-styled-sqlmodel-base', modelPath: 'app/models.py' },
    contract: {
      collection: '/api/v1/tags/',
      create: { label: 'Round trip', color: 'teal', weight: 3 },
      createStatus: 201,
      update: { method: 'PUT', body: { label: 'Round trip, updated' } },
      deleteStatus: 204,
      listIds: dataIds,
    },
    mustPass: ['test_tag_round_trip', 'test_tag_of_another_user_is_out_of_reach'],
  },
  {
    // A Mapped model in a new feature folder, owned through owner_id.
    fixture: 'feature-folders',
    resource: 'Project',
    fields: '',
    table: 'projects',
    slice: { golden: 'crud-styled-feature', modelPath: 'src/projects/models.py' },
    contract: {
      collection: '/projects/',
      create: { title: 'Round trip', code: `rs-${runId()}`, starts_on: '2024-05-17', done: true },
      createStatus: 201,
      update: { method: 'PUT', body: { title: 'Round trip, updated', code: `rs-${runId()}`, starts_on: null, done: false } },
      deleteStatus: 204,
      listIds: (json) => (json as { id: unknown }[]).map((x) => x.id),
    },
    mustPass: ['test_project_of_another_user_is_out_of_reach'],
  },
  {
    // A model module in the models package (TimestampMixin, author_id), the revision on the head.
    fixture: 'async-layered',
    resource: 'Project',
    fields: '',
    table: 'projects',
    slice: { golden: 'crud-styled-layered', modelPath: 'app/models/project.py' },
    contract: {
      collection: '/api/v1/projects',
      create: { title: 'Round trip', code: `rs-${runId()}`, budget: '19.99', starts_on: '2024-05-17' },
      createStatus: 201,
      update: { method: 'PATCH', body: { title: 'Round trip, updated' } },
      deleteStatus: 204,
      listIds: (json) => (json as { id: unknown }[]).map((x) => x.id),
    },
    mustPass: ['test_project_of_another_user_is_out_of_reach'],
  },
];

/** Table names in a database, read through a sync driver. */
async function tables(dir: string, url: string): Promise<string[]> {
  const sync = url.replace('+asyncpg', '+psycopg').replace('+aiosqlite', '');
  const script = 'import os, sqlalchemy as sa\nprint(",".join(sorted(sa.inspect(sa.create_engine(os.environ["URL"])).get_table_names())))';
  const result = await runPython(dir, ['-c', script], { URL: sync });
  assert.equal(result.status, 0, result.output);
  return result.output.trim().split('\n').pop()!.split(',');
}

/** Test ids that passed and failed in a pytest JUnit XML report. */
function junit(path: string): { passed: string[]; failed: string[] } {
  const xml = readFileSync(path, 'utf8');
  const passed: string[] = [];
  const failed: string[] = [];
  for (const m of xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const id = `${m[1]}::${m[2]}`;
    if (m[4] && /<(failure|error|skipped)\b/.test(m[4])) failed.push(id);
    else passed.push(id);
  }
  return { passed, failed };
}

describe('New Resource in the project style, run for real', function () {
  this.timeout(240_000);
  let served: Served | undefined;

  before(async function () {
    if (!(await venvPython())) {
      if (process.env.CI) throw new Error('the Python venv is missing; `npm install` (scripts/setup-python.mjs) builds it');
      console.log('    (skipped: no Python venv; run `npm run setup:python`)');
      this.skip();
    }
  });

  afterEach(async () => {
    await served?.server.stop();
    served = undefined;
  });

  after(async () => {
    await stopFixturePostgres();
    removeFixtureCopies();
  });

  for (const c of CASES) {
    const project = FIXTURES[c.fixture];
    describe(c.slice ? `${c.fixture}: Generate CRUD slice for a hand-written ${c.resource}` : c.fixture, () => {
      let dir: string;
      let plan: EditPlan;
      let testModule: string;
      let revision: string | undefined;
      let previousHead: string | undefined;
      const request = () => (c.slice
        ? { kind: 'crud-slice' as const, modelPath: c.slice.modelPath, className: c.resource }
        : { kind: 'resource' as const, name: c.resource, fields: c.fields });

      before(async () => {
        dir = await copyFixture(c.fixture);
        if (c.slice) cpSync(join(REFACTOR_GOLDENS, c.slice.golden, 'input'), dir, { recursive: true });
        const view = diskFileView(dir);
        // The one generation entry the CLI and the editor call: style inferred, then planned.
        const generation = await planGeneration(view, request());
        const style = generation.style;
        assert.equal(style.initLayout, false);
        previousHead = style.migrations?.head;
        plan = generation.plan;
        await applyPlanToDisk(dir, plan);
        testModule = plan.changes.find((ch) => ch.kind === 'create' && /(^|\/)test_[^/]+\.py$/.test(ch.path))!.path;
        const rev = plan.changes.find((ch) => ch.kind === 'create' && ch.path.startsWith(`${style.migrations?.versionsDir ?? '\0'}/`));
        revision = rev?.kind === 'create' ? /^revision = "(\w+)"/m.exec(rev.content)?.[1] : undefined;
      });

      it('writes a test module and, where the project migrates, a revision; a rerun refuses', async () => {
        assert.ok(testModule);
        assert.equal(project.alembic, revision !== undefined, 'a revision exactly when the project uses Alembic');
        await assert.rejects(planGeneration(diskFileView(dir), request()), /already exists/);
      });

      it("is clean under the project's own ruff (check + format) and mypy configuration", async () => {
        await lint(dir);
      });

      for (const db of ['sqlite', 'postgres'] as DbKind[]) {
        it(`passes the project's own tests and the generated ones on ${db}`, async () => {
          await runPytest(dir, { project: c.fixture, db });
          // The harness's own JUnit report of that run (`.junit-<db>-<n>.xml`): the newest one.
          const reports = readdirSync(dir).filter((f) => f.startsWith(`.junit-${db}-`) && f.endsWith('.xml'));
          const report = reports.map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
          assert.ok(report, 'the harness wrote a JUnit report');
          const { passed, failed } = junit(report);
          assert.deepEqual(failed, []);
          const generated = passed.filter((id) => id.startsWith(`${testModule.replace(/\.py$/, '').replace(/\//g, '.')}::`));
          const written = (readFileSync(join(dir, testModule), 'utf8').match(/^def test_/gm) ?? []).length;
          assert.ok(written >= 3, `${testModule} defines ${written} tests`);
          assert.equal(generated.length, written, `every generated test ran and passed: ${generated.join(', ')}`);
          for (const name of c.mustPass ?? []) assert.ok(generated.some((id) => id.endsWith(`::${name}`)), `${name} ran and passed`);
        });
      }

      if (project.alembic) {
        for (const db of ['sqlite', 'postgres'] as DbKind[]) {
          it(`migrates on ${db}: the revision creates the table, matches the models, and downgrade -1 drops it`, async () => {
            const url = await databaseUrl(project, dir, db);
            await alembic(dir, ['upgrade', 'head'], url);
            assert.match(await alembic(dir, ['current'], url), new RegExp(`^${revision} \\(head\\)`, 'm'));
            assert.ok((await tables(dir, url)).includes(c.table), `${c.table} exists after upgrade`);
            await alembic(dir, ['check'], url);
            await alembic(dir, ['downgrade', '-1'], url);
            assert.match(await alembic(dir, ['current'], url), new RegExp(`^${previousHead}\\b`, 'm'));
            assert.ok(!(await tables(dir, url)).includes(c.table), `${c.table} is gone after downgrade`);
            await alembic(dir, ['upgrade', 'head'], url);
          });
        }
      }

      it('serves a CRUD round trip of the new resource under uvicorn on PostgreSQL', async () => {
        served = await serve(dir, project, await databaseUrl(project, dir, 'postgres'));
        await crudRoundTrip(served.api, project, c.contract);
        // The project's own resource still works beside it.
        await crudRoundTrip(served.api, project);
      });
    });
  }
});
