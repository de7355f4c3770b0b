// The fixture projects (test/fixtures/projects/*: FastAPI backends written in
// three real-world styles, plus our own `init` layout generated at test time)
// and how to run them for real: copy one to a temp dir, run its own pytest
// suite or Alembic against SQLite or a throwaway PostgreSQL database, and
// drive a CRUD round trip over HTTP under uvicorn. Feature tests (style
// inference, New Resource in style) use the same table to treat all four alike.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Api, cli, venvPython } from './api';
import { startPostgres, type PgCluster } from './postgres';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from './process';

export type FixtureName = 'sqlmodel-crud' | 'feature-folders' | 'async-layered' | 'init-layout';
export type DbKind = 'sqlite' | 'postgres';

/** One resource's HTTP contract, enough for a create / read / update / list / delete round trip. */
export interface ResourceContract {
  /** Collection path, e.g. `/api/v1/items/` (trailing slash as the app declares it). */
  readonly collection: string;
  readonly create: Record<string, unknown>;
  readonly createStatus: number;
  readonly update: { readonly method: 'PUT' | 'PATCH'; readonly body: Record<string, unknown> };
  readonly deleteStatus: number;
  /** The ids in a list response (each style pages differently). */
  listIds(json: unknown): unknown[];
}

export interface FixtureProject {
  readonly name: FixtureName;
  /** The uvicorn target. */
  readonly app: string;
  /** A path that answers below 500 once the app is up. */
  readonly readyPath: string;
  /** Whether the project carries Alembic migrations (alembic.ini at its root). */
  readonly alembic: boolean;
  /** Which SQLAlchemy driver the project's engine is built for. */
  readonly driver: 'sync' | 'async';
  /** The environment that points the project's own pytest suite at a database. */
  testEnv(databaseUrl: string): NodeJS.ProcessEnv;
  /** The environment the served app reads. */
  serveEnv(databaseUrl: string): NodeJS.ProcessEnv;
  /** The suite must run at least this many tests (a silently empty run fails). */
  readonly minTests: number;
  /** Registers a fresh user and sets `api.token`. */
  login(api: Api): Promise<void>;
  readonly resource: ResourceContract;
}

/** Random enough per run that reruns against one database never collide. */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const SECRET = `fixture-secret-${unique()}${unique()}${unique()}`;

async function registerAndLogin(api: Api, register: string, login: string, extra: Record<string, unknown> = {}): Promise<void> {
  const email = `u${unique()}@example.com`;
  const password = `pw-${unique()}`;
  const created = await api.call('POST', register, { email, password, ...extra }, { auth: false });
  assert.ok(created.status === 200 || created.status === 201, `register ${register}: ${created.status} ${created.text}`);
  const token = await api.call('POST', login, undefined, { auth: false, form: { username: email, password } });
  assert.equal(token.status, 200, `login ${login}: ${token.text}`);
  api.token = (token.json as { access_token: string }).access_token;
}

const dataIds = (json: unknown) => (json as { data: { id: unknown }[] }).data.map((x) => x.id);
const arrayIds = (json: unknown) => (json as { id: unknown }[]).map((x) => x.id);

export const FIXTURES: Readonly<Record<FixtureName, FixtureProject>> = {
  'sqlmodel-crud': {
    name: 'sqlmodel-crud',
    app: 'app.main:app',
    readyPath: '/api/v1/openapi.json',
    alembic: true,
    driver: 'sync',
    testEnv: (url) => ({ DATABASE_URL: url }),
    serveEnv: (url) => ({ DATABASE_URL: url, SECRET_KEY: SECRET }),
    minTests: 16,
    login: (api) => registerAndLogin(api, '/api/v1/users/signup', '/api/v1/login/access-token'),
    resource: {
      collection: '/api/v1/items/',
      create: { title: 'Round trip', description: 'over HTTP' },
      createStatus: 200,
      update: { method: 'PUT', body: { title: 'Round trip, updated' } },
      deleteStatus: 200,
      listIds: dataIds,
    },
  },
  'feature-folders': {
    name: 'feature-folders',
    app: 'src.main:app',
    readyPath: '/health',
    alembic: false,
    driver: 'sync',
    testEnv: (url) => ({ DATABASE_URL: url }),
    serveEnv: (url) => ({ DATABASE_URL: url, JWT_SECRET: SECRET }),
    minTests: 9,
    login: (api) => registerAndLogin(api, '/users/', '/auth/token'),
    resource: {
      collection: '/todos/',
      create: { title: 'Round trip', priority: 1 },
      createStatus: 201,
      update: { method: 'PUT', body: { title: 'Round trip, updated', done: true, priority: 2 } },
      deleteStatus: 204,
      listIds: arrayIds,
    },
  },
  'async-layered': {
    name: 'async-layered',
    app: 'app.main:app',
    readyPath: '/openapi.json',
    alembic: true,
    driver: 'async',
    testEnv: (url) => ({ DATABASE_URL: url }),
    serveEnv: (url) => ({ DATABASE_URL: url, SECRET_KEY: SECRET }),
    minTests: 9,
    login: (api) => registerAndLogin(api, '/api/v1/users', '/api/v1/auth/login'),
    resource: {
      collection: '/api/v1/posts',
      create: { title: 'Round trip', body: 'over HTTP' },
      createStatus: 201,
      update: { method: 'PATCH', body: { published: true } },
      deleteStatus: 204,
      listIds: arrayIds,
    },
  },
  'init-layout': {
    name: 'init-layout',
    app: 'app.main:app',
    readyPath: '/health',
    alembic: false,
    driver: 'async',
    // The generated conftest reads TEST_DATABASE_URL and sets DATABASE_URL itself.
    testEnv: (url) => ({ TEST_DATABASE_URL: url }),
    serveEnv: (url) => ({ DATABASE_URL: url, SECRET_KEY: SECRET }),
    minTests: 10,
    login: (api) => registerAndLogin(api, '/auth/register', '/auth/token'),
    resource: {
      collection: '/items',
      create: { title: 'Round trip', quantity: 2 },
      createStatus: 201,
      update: { method: 'PATCH', body: { quantity: 3 } },
      deleteStatus: 204,
      listIds: dataIds,
    },
  },
};

export const FIXTURE_NAMES = Object.keys(FIXTURES) as FixtureName[];

/** The checked-in fixtures (from out/test/support back to the sources). */
export const FIXTURES_DIR = resolve(__dirname, '../../../test/fixtures/projects');

const copies = new Set<string>();
let exitHookInstalled = false;

/** Removes every copy made by copyFixture (also done when the process exits). */
export function removeFixtureCopies(): void {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies.clear();
}

/**
 * A fresh copy of one fixture project in a temp dir, removed by
 * removeFixtureCopies() or at exit. `init-layout` is not checked in: it is what
 * `init fastapi` plus one `new resource` write today, so it follows the product.
 */
export async function copyFixture(name: FixtureName): Promise<string> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', removeFixtureCopies);
  }
  const dir = mkdtempSync(join(tmpdir(), `backend-skill-fixture-${name}-`));
  copies.add(dir);
  if (name === 'init-layout') {
    await cli(['init', 'fastapi', '--root', dir, '--name', 'init-layout']);
    await cli(['new', 'resource', 'Item', '--fields', 'title:str:max=200 description:text? quantity:int=1:min=0', '--auth', 'writes', '--root', dir]);
  } else {
    // Caches left by a developer's local runs are not part of the fixture.
    const skip = /(^|[\\/])(__pycache__|\.mypy_cache|\.ruff_cache|\.pytest_cache)$|\.db$/;
    cpSync(join(FIXTURES_DIR, name), dir, { recursive: true, filter: (src) => !skip.test(src) });
  }
  return dir;
}

let sharedCluster: Promise<PgCluster> | undefined;
let databaseCount = 0;

/** A new, empty PostgreSQL database on one throwaway cluster shared by the harness. */
async function freshPostgresDatabase(): Promise<{ cluster: PgCluster; db: string }> {
  sharedCluster ??= startPostgres();
  const cluster = await sharedCluster;
  const db = `fixture_${process.pid}_${++databaseCount}`;
  await cluster.createDatabase(db);
  return { cluster, db };
}

/** Stops the shared cluster (call from an `after` hook). */
export async function stopFixturePostgres(): Promise<void> {
  const cluster = sharedCluster;
  sharedCluster = undefined;
  if (cluster) await (await cluster).stop();
}

/**
 * A URL for a new empty database of the given kind, in the driver the
 * project's engine expects (psycopg 3 / asyncpg, pysqlite / aiosqlite).
 */
export async function databaseUrl(project: FixtureProject, dir: string, db: DbKind): Promise<string> {
  if (db === 'sqlite') {
    const file = join(dir, `fixture-${++databaseCount}.db`);
    return project.driver === 'async' ? `sqlite+aiosqlite:///${file}` : `sqlite:///${file}`;
  }
  const { cluster, db: name } = await freshPostgresDatabase();
  const driver = project.driver === 'async' ? 'asyncpg' : 'psycopg';
  return `postgresql+${driver}://postgres@127.0.0.1:${cluster.port}/${name}`;
}

export interface RunResult {
  readonly status: number | null;
  readonly output: string;
}

async function python(): Promise<string> {
  const exe = await venvPython();
  if (!exe) throw new Error('the Python venv is missing; run `npm run setup:python`');
  return exe;
}

/** Runs the venv's python with args in dir (asynchronously, so mocha's timers and servers keep running). */
export async function runPython(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 180_000): Promise<RunResult> {
  const exe = await python();
  return new Promise<RunResult>((resolvePromise, reject) => {
    // Only what the project needs: a DATABASE_URL of the developer's must not leak in.
    const base = { ...process.env };
    for (const key of ['DATABASE_URL', 'TEST_DATABASE_URL', 'SECRET_KEY', 'JWT_SECRET']) delete base[key];
    const child = spawn(exe, args, { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output });
    });
  });
}

/**
 * The project's own pytest suite against a new database; fails the test when
 * it fails or runs fewer than the project's minTests. Counts come from a JUnit
 * report, so the project's own verbosity settings (`addopts = "-q"`) cannot
 * hide them. Returns e.g. "16 passed".
 */
export async function runPytest(dir: string, opts: { project: FixtureName; db: DbKind; extraArgs?: string[] }): Promise<string> {
  const project = FIXTURES[opts.project];
  const url = await databaseUrl(project, dir, opts.db);
  const report = join(dir, `.junit-${opts.db}-${++databaseCount}.xml`);
  const result = await runPython(dir, ['-m', 'pytest', '-p', 'no:cacheprovider', `--junit-xml=${report}`, ...(opts.extraArgs ?? [])], project.testEnv(url));
  assert.equal(result.status, 0, `${opts.project} pytest (${opts.db}) failed:\n${result.output.slice(-6000)}`);
  const counts = junitCounts(readFileSync(report, 'utf8'));
  const passed = counts.tests - counts.failures - counts.errors - counts.skipped;
  assert.ok(passed >= project.minTests, `${opts.project} (${opts.db}): ${passed} tests passed, expected at least ${project.minTests}:\n${result.output.slice(-2000)}`);
  return `${passed} passed`;
}

/** Sums the counters of every <testsuite> in a JUnit XML report. */
function junitCounts(xml: string): { tests: number; failures: number; errors: number; skipped: number } {
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of xml.matchAll(/<testsuite\b([^>]*)>/g)) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) {
      total[key] += Number(new RegExp(`\\b${key}="(\\d+)"`).exec(suite[1] ?? '')?.[1] ?? 0);
    }
  }
  return total;
}

/** `alembic ARGS` in dir against databaseUrl; fails the test when it exits non-zero. */
export async function alembic(dir: string, args: string[], url: string): Promise<string> {
  return (await alembicSteps(dir, [args], url))[0] ?? '';
}

// Runs several alembic command lines in one interpreter (start-up and the
// model imports are most of an alembic call's cost), stdout and stderr merged
// into one stream so each command's output stays in order, with a marker line
// before each. Stops at the first command that fails, with its exit status.
const ALEMBIC_STEPS = `
import json, os, sys
os.dup2(1, 2)
sys.stderr = sys.stdout
from alembic.config import main
for argv in json.loads(sys.argv[1]):
    print("\\x1e" + " ".join(argv), flush=True)
    try:
        main(argv=argv, prog="alembic")
    except SystemExit as stop:
        if stop.code not in (None, 0):
            sys.stdout.flush()
            os._exit(stop.code if isinstance(stop.code, int) and stop.code > 0 else 1)
    sys.stdout.flush()
`;

/**
 * `alembic` with each of `steps` in turn, in one process; returns each step's
 * output. Fails the test at the first step that fails, naming it.
 */
export async function alembicSteps(dir: string, steps: string[][], url: string): Promise<string[]> {
  const result = await runPython(dir, ['-c', ALEMBIC_STEPS, JSON.stringify(steps)], { DATABASE_URL: url });
  const parts = result.output.split('\x1e').slice(1);
  const outputs = parts.map((part) => part.slice(part.indexOf('\n') + 1));
  assert.ok(
    result.status === 0 && outputs.length === steps.length,
    `alembic ${steps[Math.max(outputs.length - 1, 0)]?.join(' ')} failed (exit ${String(result.status)}):\n${result.output.slice(-4000)}`,
  );
  return outputs;
}

/** upgrade head, heads, current, downgrade -1, current, upgrade head, check — one interpreter. */
export async function migrateUpDownUp(dir: string, project: FixtureProject, db: DbKind): Promise<void> {
  const url = await databaseUrl(project, dir, db);
  const [, heads = '', atHead = '', , afterDowngrade = ''] = await alembicSteps(
    dir,
    // `alembic check` fails when autogenerate would emit anything: the migrations match the models.
    [['upgrade', 'head'], ['heads'], ['current'], ['downgrade', '-1'], ['current'], ['upgrade', 'head'], ['check']],
    url,
  );
  const head = /^(\w+) \(head\)/m.exec(heads)?.[1];
  assert.ok(head, `alembic heads names one head:\n${heads}`);
  assert.match(atHead, new RegExp(`^${head} \\(head\\)`, 'm'));
  assert.doesNotMatch(afterDowngrade, new RegExp(head));
}

/** ruff check, ruff format --check and mypy as the project's pyproject configures them. */
export async function lint(dir: string): Promise<void> {
  for (const args of [
    ['-m', 'ruff', 'check', '--no-cache', '--output-format', 'concise', '.'],
    ['-m', 'ruff', 'format', '--no-cache', '--check', '.'],
    ['-m', 'mypy', '--no-incremental', '.'],
  ]) {
    const result = await runPython(dir, args);
    assert.equal(result.status, 0, `${args.slice(1, 3).join(' ')} found problems in ${dir}:\n${result.output.slice(-4000)}`);
  }
}

export interface Served {
  readonly api: Api;
  readonly server: ManagedProcess;
}

/**
 * Starts the project under uvicorn on 127.0.0.1 against databaseUrl (after
 * `alembic upgrade head` where the project migrates rather than creating its
 * tables at start-up). The caller stops `server`.
 */
export async function serve(dir: string, project: FixtureProject, url: string): Promise<Served> {
  if (project.alembic) await alembic(dir, ['upgrade', 'head'], url);
  const port = await freePort();
  const server = startProcess(await python(), ['-m', 'uvicorn', project.app, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    name: `uvicorn ${project.name}`,
    env: { TEST_DATABASE_URL: undefined, JWT_SECRET: undefined, ...project.serveEnv(url) },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}${project.readyPath}`, { timeoutMs: 30_000, process: server });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { api: new Api(`http://127.0.0.1:${port}`), server };
}

/** Create, read, update, list, delete and read-after-delete of one resource, as a logged-in user. */
export async function crudRoundTrip(api: Api, project: FixtureProject, resource: ResourceContract = project.resource): Promise<void> {
  const where = (what: string, r: { status: number; text: string }) => `${project.name} ${what}: ${r.status} ${r.text.slice(0, 500)}`;
  const anonymous = await api.call('POST', resource.collection, resource.create, { auth: false });
  assert.ok(anonymous.status === 401 || anonymous.status === 403, where('create without a token', anonymous));
  await project.login(api);

  const created = await api.call('POST', resource.collection, resource.create);
  assert.equal(created.status, resource.createStatus, where('create', created));
  const id = (created.json as { id: unknown }).id;
  assert.ok(id !== undefined && id !== null, where('create returns an id', created));
  for (const [key, value] of Object.entries(resource.create)) assert.deepEqual(created.json[key], value, where(`create echoes ${key}`, created));
  const item = `${resource.collection.replace(/\/$/, '')}/${String(id)}`;

  const read = await api.call('GET', item);
  assert.equal(read.status, 200, where('read', read));
  assert.deepEqual(read.json.id, id);

  const updated = await api.call(resource.update.method, item, resource.update.body);
  assert.equal(updated.status, 200, where('update', updated));
  for (const [key, value] of Object.entries(resource.update.body)) assert.deepEqual(updated.json[key], value, where(`update sets ${key}`, updated));
  const reread = await api.call('GET', item);
  for (const [key, value] of Object.entries(resource.update.body)) assert.deepEqual(reread.json[key], value, where(`update persists ${key}`, reread));

  const listed = await api.call('GET', resource.collection);
  assert.equal(listed.status, 200, where('list', listed));
  assert.ok(resource.listIds(listed.json).includes(id), where('list contains the new id', listed));

  const invalid = await api.call('POST', resource.collection, undefined, { raw: '{"title": ' });
  assert.equal(invalid.status, 422, where('malformed JSON', invalid));

  const deleted = await api.call('DELETE', item);
  assert.equal(deleted.status, resource.deleteStatus, where('delete', deleted));
  const gone = await api.call('GET', item);
  assert.equal(gone.status, 404, where('read after delete', gone));
}

/**
 * Everything the runtime test proves about a fixture, for a copy that a
 * feature has written into (New Resource, Add Route): its pytest suite (with
 * any generated tests) on SQLite and PostgreSQL, Alembic up / down / up with no
 * drift where it migrates, its own ruff and mypy, and a CRUD round trip over
 * HTTP of `resource` (e.g. the generated one) under uvicorn on PostgreSQL.
 * Throws the first failure; stops the server it started.
 */
export async function proveFixture(dir: string, name: FixtureName, resource?: ResourceContract): Promise<void> {
  const project = FIXTURES[name];
  const checks: Promise<unknown>[] = [lint(dir)];
  for (const db of ['sqlite', 'postgres'] as const) {
    checks.push(runPytest(dir, { project: name, db }));
    if (project.alembic) checks.push(migrateUpDownUp(dir, project, db));
  }
  // All settle before the first failure is thrown, so nothing still runs in dir.
  const settled = await Promise.allSettled(checks);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  const { api, server } = await serve(dir, project, await databaseUrl(project, dir, 'postgres'));
  try {
    await crudRoundTrip(api, project, resource);
  } finally {
    await server.stop();
  }
}
