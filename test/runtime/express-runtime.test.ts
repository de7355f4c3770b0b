// Proof that generated Express code runs: generate a project with resources
// covering every field type and modifier, type-check and build it with the
// repository's TypeScript, start it with node against a throwaway PostgreSQL
// cluster and drive the real HTTP API. Its dependencies come from this
// repository's node_modules (a symlink; the versions are the ones the
// generated package.json pins), so no install runs per test.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jwt from 'jsonwebtoken';
import { parseFieldSpec, resourceNames } from '../../src/core/index';
import { compareKind, invalidValue, sampleValue, type JsonValue } from '../../src/core/emit/samples';
import { type FieldSpec } from '../../src/core/request/fields';
import { Api, cli } from '../support/api';
import { findPgBin, psql, startPostgres, type PgCluster } from '../support/postgres';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../support/process';
import { probeContentTypes, probeEdge, probeFailingRoute } from '../support/httpEdge';
import { limitsEnv, probeLoginLimits, probeRemovedUser, probeTokenClaims, tokenViaProxy } from '../support/authLimits';

interface ResourceCase {
  readonly name: string;
  readonly fields: string;
  readonly auth: 'writes' | 'all' | 'none';
}

/** Book has every type, `?`, literal and factory defaults and every modifier; the others cover the auth modes. */
const RESOURCES: readonly ResourceCase[] = [
  { name: 'Author', fields: 'name:str:max=120:min=2 email:email:unique bio:text?:max=2000 born_on:date? active:bool=true', auth: 'writes' },
  {
    name: 'Book',
    fields:
      'title:str:max=200:index isbn:str:unique:max=32 price:decimal:min=0:max=100000 pages:int?:min=1:max=100000 ' +
      'rating:float?:min=0:max=5 published_at:datetime? released_on:date=2024-01-01 uid:uuid=uuid4 homepage:url? ' +
      'meta:json? status:enum(draft|published|archived)=draft tags:list[str]=[]:max=10 author:ref(Author) summary:text? ' +
      'owner:ref(User)? parent:ref(Book)? placed_at:datetime=now first_day:date=today settings:json={"theme":"dark"} ' +
      'contact:email?:max=200 weight:float=1.5 copies:int=1:min=0 discount:decimal?=0.50 serial:uuid?:unique:index ' +
      'created_on:datetime=2024-01-31T12:00:00Z label:str?="dark blue" flag:bool? rank:int:unique',
    auth: 'writes',
  },
  { name: 'OrderLine', fields: 'sku:str:unique quantity:int=1:min=1 book:ref(Book)?', auth: 'all' },
  { name: 'Tag', fields: 'label:str:max=40:unique color:str?', auth: 'none' },
];

/** SQL metacharacters and odd text that must be stored and returned verbatim. */
const NASTY = `Robert'); DROP TABLE books;-- "q" \\ %_ ; /* */ ' OR '1'='1 $1 :name ? \`x\` \${y}`;

const REPO = resolve(__dirname, '../../..');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

function sameValue(field: FieldSpec, got: unknown, sent: unknown): boolean {
  if (sent === null || sent === undefined) return got === null;
  switch (compareKind(field.type)) {
    case 'decimal': return Number(got) === Number(sent);
    case 'float': return Math.abs(Number(got) - Number(sent)) < 1e-9;
    case 'datetime': return Date.parse(String(got)) === Date.parse(String(sent));
    case 'uuid': return String(got).toLowerCase() === String(sent).toLowerCase();
    default: return JSON.stringify(got) === JSON.stringify(sent);
  }
}

function assertMatches(fields: readonly FieldSpec[], got: Record<string, unknown>, sent: Record<string, unknown>, what: string): void {
  for (const field of fields) {
    if (!(field.name in sent)) continue;
    assert.ok(sameValue(field, got[field.name], sent[field.name]), `${what}: ${field.name} came back as ${JSON.stringify(got[field.name])}, sent ${JSON.stringify(sent[field.name])}`);
  }
}

/** Drive the whole HTTP contract of a running generated app (the FastAPI runtime test's checks). */
async function exerciseApi(api: Api, resources: readonly ResourceCase[]): Promise<{ edge: number; requestId: string }> {
  const health = await api.call('GET', '/health');
  assert.equal(health.status, 200);
  assert.deepEqual(health.json, { status: 'ok' });
  assert.equal(health.headers.get('x-content-type-options'), 'nosniff', 'helmet sets its headers');
  assert.equal(health.headers.get('x-powered-by'), null);
  assert.match(health.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
  const unknown = await api.call('GET', '/no-such-route');
  assert.equal(unknown.status, 404);
  assert.deepEqual(unknown.json, { detail: 'Not found', request_id: unknown.headers.get('x-request-id') });
  // Request ids, request_id in error bodies, CORS for the allowed origin only.
  const requestId = `edge-${randomBytes(6).toString('hex')}`;
  let edgeProbes = await probeEdge(api, requestId);

  // CORS: the allow-list from CORS_ORIGINS, nothing else.
  const allowed = await api.call('OPTIONS', '/books', undefined, { headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:3000');
  const denied = await api.call('OPTIONS', '/books', undefined, { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.equal(denied.headers.get('access-control-allow-origin'), null);

  const email = `Runner-${randomBytes(4).toString('hex')}@Example.com`;
  const password = randomBytes(12).toString('base64url');
  const registered = await api.call('POST', '/auth/register', { email, password });
  assert.equal(registered.status, 201, registered.text);
  assert.equal(registered.json.email, email.toLowerCase());
  assert.ok(!('password' in registered.json) && !('hashed_password' in registered.json), 'password must not be returned');
  assert.equal((await api.call('POST', '/auth/register', { email, password })).status, 409);
  assert.equal((await api.call('POST', '/auth/register', { email: 'nope', password })).status, 422);
  assert.equal((await api.call('POST', '/auth/register', { email: 'short@example.com', password: 'x' })).status, 422);
  const wrong = await api.call('POST', '/auth/token', undefined, { form: { username: email, password: 'wrong-password' } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
  const nobody = await api.call('POST', '/auth/token', undefined, { form: { username: 'nobody@example.com', password } });
  assert.equal(nobody.status, 401);
  const token = await api.call('POST', '/auth/token', undefined, { form: { username: email, password } });
  assert.equal(token.status, 200, token.text);
  assert.equal(token.json.token_type, 'bearer');
  api.token = token.json.access_token;
  const me = await api.call('GET', '/auth/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.email, email.toLowerCase());
  const userId = me.json.id as number;
  assert.equal((await api.call('GET', '/auth/me', undefined, { auth: false })).status, 401);
  assert.equal((await api.call('GET', '/auth/me', undefined, { auth: false, headers: { authorization: `Bearer ${api.token}x` } })).status, 401);

  const lastIds = new Map<string, number>();
  let seq = 0;
  const payloadFor = (fields: readonly FieldSpec[], self: string, variant: 0 | 1): Record<string, JsonValue> => {
    const body: Record<string, JsonValue> = {};
    seq += 1;
    const source = { suffix: randomBytes(5).toString('hex'), seq: seq + (Math.floor(Date.now() / 1000) % 100000), uuid: randomUUID() };
    for (const f of fields) {
      if (f.type.kind === 'ref') {
        body[f.name] = f.type.target === 'User' ? userId : f.type.target === self ? null : lastIds.get(f.type.target)!;
      } else {
        body[f.name] = sampleValue(f, variant, source);
      }
    }
    return body;
  };

  for (const resource of resources) {
    const names = resourceNames(resource.name);
    const fields = parseFieldSpec(resource.fields);
    const path = `/${names.kebabPlural}`;
    const what = `${resource.name} (${path})`;

    // Writes without a token (and with a forged one)
    const anonymous = await api.call('POST', path, payloadFor(fields, resource.name, 0), { auth: false });
    if (resource.auth === 'none') assert.equal(anonymous.status, 201, `${what}: open writes should work: ${anonymous.text}`);
    else {
      assert.equal(anonymous.status, 401, `${what}: write without token`);
      assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
      const forged = await api.call('POST', path, payloadFor(fields, resource.name, 0), { auth: false, headers: { authorization: 'Bearer forged' } });
      assert.equal(forged.status, 401, `${what}: forged token`);
    }
    if (resource.auth === 'all') assert.equal((await api.call('GET', path, undefined, { auth: false })).status, 401, `${what}: read without token`);
    if (resource.auth === 'writes') assert.equal((await api.call('GET', path, undefined, { auth: false })).status, 200, `${what}: open reads`);

    // Create and read
    const payload = payloadFor(fields, resource.name, 0);
    const created = await api.call('POST', path, payload);
    assert.equal(created.status, 201, `${what}: create: ${created.text}`);
    assert.equal(typeof created.json.id, 'number');
    assertMatches(fields, created.json, payload, `${what} create`);
    const id = created.json.id as number;
    lastIds.set(resource.name, id);
    const read = await api.call('GET', `${path}/${id}`);
    assert.equal(read.status, 200);
    assertMatches(fields, read.json, payload, `${what} read`);
    assert.deepEqual(Object.keys(read.json).sort(), ['id', ...fields.map((f) => f.name)].sort(), `${what}: exactly the public fields`);

    // Defaults fill omitted fields
    const withDefaults = fields.filter((f) => f.default || f.optional);
    if (withDefaults.length) {
      const minimal = Object.fromEntries(Object.entries(payloadFor(fields, resource.name, 0)).filter(([k]) => !withDefaults.some((f) => f.name === k)));
      const sparse = await api.call('POST', path, minimal);
      assert.equal(sparse.status, 201, `${what}: create with defaults: ${sparse.text}`);
      for (const f of withDefaults) {
        const got = sparse.json[f.name];
        const d = f.default;
        if (!d || (d.kind === 'literal' && d.value === null)) assert.equal(got, null, `${what}: ${f.name} defaults to null`);
        else if (d.kind === 'literal') assert.ok(sameValue(f, got, d.value), `${what}: ${f.name} default ${JSON.stringify(d.value)}, got ${JSON.stringify(got)}`);
        else if (d.factory === 'uuid4') assert.match(String(got), /^[0-9a-f-]{36}$/);
        else if (d.factory === 'now') assert.ok(Math.abs(Date.parse(String(got)) - Date.now()) < 120_000, `${what}: ${f.name} is now`);
        else assert.match(String(got), /^\d{4}-\d{2}-\d{2}$/);
      }
    }

    // List with pagination
    for (let i = 0; i < 2; i++) assert.equal((await api.call('POST', path, payloadFor(fields, resource.name, 0))).status, 201);
    const page1 = await api.call('GET', `${path}?limit=2&offset=0`);
    assert.equal(page1.status, 200);
    assert.equal(page1.json.data.length, 2);
    assert.ok(page1.json.count >= 3, `${what}: count ${page1.json.count}`);
    const page2 = await api.call('GET', `${path}?limit=2&offset=2`);
    const ids1 = new Set(page1.json.data.map((x: { id: number }) => x.id));
    assert.ok(page2.json.data.length >= 1 && page2.json.data.every((x: { id: number }) => !ids1.has(x.id)), `${what}: pages overlap`);
    const defaults = await api.call('GET', path);
    assert.ok(defaults.json.data.length <= 50 && defaults.json.data.length >= 3);
    for (const bad of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc', 'limit=1&limit=2']) {
      assert.equal((await api.call('GET', `${path}?${bad}`)).status, 422, `${what}: ?${bad}`);
    }
    assert.equal((await api.call('GET', `${path}/abc`)).status, 422, `${what}: non-numeric id`);

    // Replace and patch
    const replacement = payloadFor(fields, resource.name, 1);
    const put = await api.call('PUT', `${path}/${id}`, replacement);
    assert.equal(put.status, 200, `${what}: put: ${put.text}`);
    assertMatches(fields, put.json, replacement, `${what} put`);
    const patchField = fields.find((f) => (f.type.kind === 'str' || f.type.kind === 'text') && !f.unique) ?? fields.find((f) => f.type.kind === 'str');
    if (patchField) {
      // SQL metacharacters are data, stored and returned verbatim.
      const nasty = patchField.max !== undefined ? NASTY.slice(0, patchField.max) : NASTY;
      const patched = await api.call('PATCH', `${path}/${id}`, { [patchField.name]: nasty });
      assert.equal(patched.status, 200, `${what}: patch: ${patched.text}`);
      assert.equal(patched.json[patchField.name], nasty);
      assertMatches(fields.filter((f) => f !== patchField), patched.json, replacement, `${what} patch keeps other fields`);
      assert.equal((await api.call('GET', `${path}/${id}`)).json[patchField.name], nasty);
      const required = fields.find((f) => !f.optional);
      if (required) assert.equal((await api.call('PATCH', `${path}/${id}`, { [required.name]: null })).status, 422, `${what}: null for required`);
      const optional = fields.find((f) => f.optional && f.type.kind !== 'ref');
      if (optional) {
        const cleared = await api.call('PATCH', `${path}/${id}`, { [optional.name]: null });
        assert.equal(cleared.status, 200, `${what}: null for optional ${optional.name}: ${cleared.text}`);
        assert.equal(cleared.json[optional.name], null);
      }
    }

    // Unique conflict
    for (const unique of fields.filter((f) => f.unique)) {
      const current = (await api.call('GET', `${path}/${id}`)).json as Record<string, JsonValue>;
      if (current[unique.name] === null) continue;
      const clash = { ...payloadFor(fields, resource.name, 0), [unique.name]: current[unique.name]! };
      const conflict = await api.call('POST', path, clash);
      assert.equal(conflict.status, 409, `${what}: duplicate ${unique.name}: ${conflict.text}`);
      assert.deepEqual(Object.keys(conflict.json), ['detail', 'request_id']);
    }

    // Invalid bodies
    const unexpected = await api.call('POST', path, { ...payload, unexpected_field: 1 });
    assert.equal(unexpected.status, 422);
    assert.ok(Array.isArray(unexpected.json.errors) && unexpected.json.errors.length > 0, 'a 422 lists its errors');
    for (const f of fields) {
      const bad = invalidValue(f);
      if (bad === undefined) continue;
      const r = await api.call('POST', path, { ...payloadFor(fields, resource.name, 0), [f.name]: bad });
      assert.equal(r.status, 422, `${what}: bad ${f.name} (${JSON.stringify(bad)}): ${r.text}`);
    }
    for (const f of fields.filter((x) => x.max !== undefined && (x.type.kind === 'str' || x.type.kind === 'int'))) {
      const over = f.type.kind === 'str' ? 'x'.repeat(f.max! + 1) : f.max! + 1;
      assert.equal((await api.call('POST', path, { ...payloadFor(fields, resource.name, 0), [f.name]: over })).status, 422, `${what}: ${f.name} over max`);
    }
    if (fields.some((f) => !f.optional && !f.default)) assert.equal((await api.call('POST', path, {})).status, 422);
    const malformed = await api.call('POST', path, undefined, { raw: '{not json' });
    assert.equal(malformed.status, 422, malformed.text);
    assert.equal((await api.call('POST', path)).status, 422, `${what}: no body`);
    edgeProbes += await probeContentTypes(api, path, payloadFor(fields, resource.name, 0), `${path}/${id}`, what);
    const ref = fields.find((f) => f.type.kind === 'ref' && f.type.target !== resource.name);
    if (ref) {
      const dangling = await api.call('POST', path, { ...payloadFor(fields, resource.name, 0), [ref.name]: 2_000_000_000 });
      assert.equal(dangling.status, 422, `${what}: reference to a missing row: ${dangling.text}`);
      assert.equal((await api.call('PATCH', `${path}/${id}`, { [ref.name]: 2_000_000_000 })).status, 422, `${what}: patch to a missing row`);
    }

    // Delete, then 404 everywhere
    const victim = (await api.call('POST', path, payloadFor(fields, resource.name, 0))).json.id as number;
    const deleted = await api.call('DELETE', `${path}/${victim}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.equal((await api.call('GET', `${path}/${victim}`)).status, 404);
    assert.equal((await api.call('DELETE', `${path}/${victim}`)).status, 404);
    assert.equal((await api.call('PUT', `${path}/${victim}`, payloadFor(fields, resource.name, 0))).status, 404);
    const gone = await api.call('PATCH', `${path}/${victim}`, {});
    assert.equal(gone.status, 404);
    assert.match(gone.json.detail, /not found/);
  }

  // A referenced row cannot be deleted (the foreign key holds): 409.
  const authorId = lastIds.get('Author');
  if (authorId !== undefined) assert.equal((await api.call('DELETE', `/authors/${authorId}`)).status, 409);

  // The auth routes are rate limited in process: 429 with Retry-After.
  let limited: Awaited<ReturnType<Api['call']>> | undefined;
  for (let i = 0; i < 40 && !limited; i++) {
    const r = await api.call('POST', '/auth/token', undefined, { form: { username: email, password: 'wrong' } });
    if (r.status === 429) limited = r;
  }
  assert.ok(limited, 'expected 429 from /auth/token');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal(limited.json.request_id, limited.headers.get('x-request-id'), 'the 429 body names its request');
  return { edge: edgeProbes, requestId };
}

describe('generated Express project runs for real', function () {
  this.timeout(600_000);
  let root: string;
  let pg: PgCluster | undefined;
  let server: ManagedProcess | undefined;
  const secret = randomBytes(32).toString('base64url');

  before(async function () {
    if (!findPgBin()) {
      if (process.env.CI) throw new Error('PostgreSQL tools are missing; run `node scripts/ensure-postgres.mjs`');
      console.log('    (skipped: no PostgreSQL tools; run `node scripts/ensure-postgres.mjs`)');
      this.skip();
    }
    root = mkdtempSync(join(tmpdir(), 'backend-skill-express-'));
    await cli(['init', 'express', '--root', root, '--name', 'runtime-proof']);
    for (const r of RESOURCES) await cli(['new', 'resource', r.name, '--fields', r.fields, '--auth', r.auth, '--root', root]);
    // The dependencies the generated package.json pins, from this repository (same versions; see express-versions.test).
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  after(async () => {
    await pg?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  function tsc(...args: string[]): void {
    const result = spawnSync(process.execPath, [TSC, '-p', root, ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    assert.equal(result.status, 0, `tsc ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }

  const url = (cluster: PgCluster, db: string) => `postgresql://postgres@127.0.0.1:${cluster.port}/${db}`;

  async function serve(databaseUrl: string, env: Record<string, string> = {}): Promise<Api> {
    const port = await freePort();
    server = startProcess(process.execPath, ['dist/server.js'], {
      cwd: root,
      name: 'express',
      env: { DATABASE_URL: databaseUrl, JWT_SECRET: secret, AUTH_RATE_LIMIT: '30', CORS_ORIGINS: 'http://localhost:3000', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    });
    await waitForHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 30_000, process: server });
    return new Api(`http://127.0.0.1:${port}`);
  }

  it('type-checks with tsc --noEmit (strict) and builds', () => {
    tsc('--noEmit');
    tsc();
    assert.ok(existsSync(join(root, 'dist', 'server.js')));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.build, 'tsc -p .');
    assert.equal(pkg.scripts.start, 'node dist/server.js');
  });

  it('refuses to start with an invalid configuration, naming each variable', async () => {
    const result = spawnSync(process.execPath, ['dist/server.js'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', JWT_SECRET: 'short', PORT: 'eighty' },
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /invalid configuration/);
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'PORT']) assert.match(result.stderr, new RegExp(`${name}: `));
    assert.ok(!/\n\s+at /.test(result.stderr), `a configuration error is a message, not a stack trace:\n${result.stderr}`);
  });

  it('answers the HTTP contract with PostgreSQL', async () => {
    pg = await startPostgres();
    await pg.createDatabase('app_http');
    const api = await serve(url(pg, 'app_http'));
    const edge = await exerciseApi(api, RESOURCES);
    console.log(`      HTTP-edge probes (415, request ids, CORS) passed: ${edge.edge}`);
    // A token signed with the real secret but without "exp" (or "iat") is refused.
    const sub = (JSON.parse(Buffer.from(api.token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
    for (const token of [jwt.sign({ sub }, secret, { algorithm: 'HS256' }), jwt.sign({ sub, exp: 2 ** 40 }, secret, { algorithm: 'HS256', noTimestamp: true })]) {
      assert.equal((await api.call('GET', '/auth/me', undefined, { auth: false, headers: { authorization: `Bearer ${token}` } })).status, 401);
    }
    // The request log names method, path, status and request id.
    assert.match(server!.output(), /INFO POST \/books -> 201 in [\d.]+ ms request_id=[0-9a-f]{32}/);
    assert.ok(server!.output().includes(`INFO GET /health -> 200 in`) && server!.output().includes(`request_id=${edge.requestId}`), "the log line names the client's request id");
  });

  it('keys login limits on the real client, locks accounts, refuses incomplete tokens and removed users', async () => {
    assert.ok(pg, 'runs after the HTTP contract, on its cluster');
    await pg.createDatabase('app_limits');
    const api = await serve(url(pg, 'app_limits'), limitsEnv());
    const requests = await probeLoginLimits(api.base);
    api.token = await tokenViaProxy(api.base);
    const claims = await probeTokenClaims(api, secret);
    const author = () => ({ name: 'Ann Author', email: `ann-${randomBytes(4).toString('hex')}@example.com` });
    await probeRemovedUser(api, { path: '/authors', body: author() }, async (id) => {
      await psql(pg!, 'app_limits', `UPDATE "users" SET "is_active" = FALSE WHERE "id" = ${id}`);
    });
    // A deleted user's token too (Author has no owner column, so the row can go).
    const other = new Api(api.base);
    other.token = await tokenViaProxy(api.base);
    await probeRemovedUser(other, { path: '/authors', body: author() }, async (id) => {
      await psql(pg!, 'app_limits', `DELETE FROM "users" WHERE "id" = ${id}`);
    });
    console.log(`      login-limit probes (untrusted X-Forwarded-For, trusted proxy, account lockout) passed: ${requests} requests; token probes: ${claims}; deactivated and deleted users' tokens 401`);
  });

  it('answers 500 with a request id and no internals when the database goes away', async () => {
    const cluster = await startPostgres();
    try {
      await cluster.createDatabase('app_outage');
      const api = await serve(url(cluster, 'app_outage'));
      assert.equal((await api.call('GET', '/books')).status, 200);
      await cluster.stop();
      // Allowed origin: CORS headers on the 500 too; another origin: none. Generic body, request id.
      const failed = await probeFailingRoute(api, '/books', /at |ECONNREFUSED|pg|postgres|127\.0\.0\.1|stack/i);
      console.log(`      500 probes (generic body, request_id, CORS for the allowed origin only) passed: ${failed.probes}`);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(server!.output().includes(`request_id=${failed.requestId}`), 'the 500 is logged with its request id');
    } finally {
      await cluster.stop();
    }
  });
});
