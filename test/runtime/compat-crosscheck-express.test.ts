// compat's verdicts checked against what actually happens at runtime, for
// generated Express + zod projects (the FastAPI counterpart is
// compat-crosscheck.test.ts). An Express project is generated (init + one
// resource) and its static contract kept as the base. Express projects have no
// generated test suite, so the "old client" is written here: a fixed sequence
// of HTTP calls against the BASE project's API (register and sign in, create,
// list with paging, get, replace, patch, delete, read after delete), sending
// the token only where the base contract secures the operation, checking the
// statuses and the fields it reads back. It is never adapted to a variant.
// Each edit below — one per change class compat knows that applies to
// Express + zod — is applied to a copy of the source, compat judges the copy
// against the base contract, and the old client runs against the new app:
//   - a change compat calls compatible must leave the client green;
//   - a change compat calls breaking must turn it red;
//   - a change compat calls potentially breaking has its outcome tabled;
// unless the variant is listed in a table below with its reason, and then the
// listed outcome must be exactly what happens, so the tables cannot go stale.
// A red only counts as a failed expectation on a response: a 500, a refused
// connection or an app that does not start fails the test (the edit broke the app).
// PostgreSQL starts once; each variant gets its own database (the tables are
// created at start), its source is transpiled with the repository's TypeScript
// and started with node on 127.0.0.1, one variant at a time.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { run } from '../../src/cli/main';
import type { Change, Verdict } from '../../src/core/compat/diff';
import { Api, cli } from '../support/api';
import { findPgBin, startPostgres, type PgCluster } from '../support/postgres';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../support/process';

const REPO = path.resolve(__dirname, '../../..');
const SCHEMAS = 'src/schemas/book.ts';
const COMMON = 'src/schemas/common.ts';
const REPOSITORY = 'src/repositories/book.ts';
const ROUTER = 'src/routes/books.ts';
const MIGRATIONS = 'src/migrations.ts';
const FIELDS = 'title:str:max=200 isbn:str:unique price:decimal:min=0 pages:int:min=1:max=10000 rating:float? status:enum(draft|live|gone) published:bool=false';

/** A literal text edit on one file; a RegExp replaces every match, a string must occur exactly once. */
interface Edit {
  readonly file: string;
  readonly from: string | RegExp;
  readonly to: string;
}

interface Variant {
  readonly name: string;
  /** The change class the edit is written to produce, with the verdict compat must give it. */
  readonly expect: { kind: string; verdict: Verdict };
  readonly edits: readonly Edit[];
}

const CREATE_END = '  published: z.boolean().default(false),\n});\nexport type BookCreate';
const PUBLIC_END = '  published: z.boolean(),\n});\nexport type BookPublic';
const SELECT = 'const SELECT = \'SELECT "id", "title", "isbn", "price", "pages", "rating", "status", "published" FROM "books"\';';
const GET_ONE = "  router.get('/:id', async (req, res) => {\n    const { id } = IdParams.parse(req.params);\n";
const STATUS_ENUM = /z\.enum\(\['draft', 'live', 'gone'\]\)/g;
const STATUS_CHECK = `CHECK ("status" IN ('draft', 'live', 'gone'))`;

const VARIANTS: readonly Variant[] = [
  {
    name: 'operation removed (DELETE)',
    expect: { kind: 'operation-removed', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: /\n {2}router\.delete\('\/:id'[\s\S]*?\n {2}\}\);\n/, to: '\n' }],
  },
  {
    name: 'method changed (PUT → POST)',
    expect: { kind: 'method-changed', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: "router.put('/:id', auth,", to: "router.post('/:id', auth," }],
  },
  {
    name: 'path parameter renamed (:id → :bookId on GET)',
    expect: { kind: 'path-param-renamed', verdict: 'potentially-breaking' },
    edits: [{ file: ROUTER, from: GET_ONE, to: "  router.get('/:bookId', async (req, res) => {\n    const { id } = IdParams.parse({ id: req.params.bookId });\n" }],
  },
  {
    name: 'required request field added',
    expect: { kind: 'request-field-added-required', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: CREATE_END, to: CREATE_END.replace('\n});', '\n  subtitle: z.string().max(200),\n});') }],
  },
  {
    name: 'request field removed from a .strict() body (rating)',
    expect: { kind: 'request-field-removed-forbidden', verdict: 'breaking' },
    edits: [
      { file: SCHEMAS, from: '  rating: z.number().nullable().default(null),\n', to: '' },
      { file: SCHEMAS, from: '  rating: z.number().nullable().optional(),\n', to: '' },
      { file: REPOSITORY, from: 'data.pages, data.rating, data.status', to: 'data.pages, null, data.status' },
    ],
  },
  {
    name: 'request type narrowed (rating number → int)',
    expect: { kind: 'request-type-narrowed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: /rating: z\.number\(\)\.nullable\(\)\.(default|optional)/g, to: 'rating: z.int().nullable().$1' }],
  },
  {
    name: 'max lowered (title 200 → 100)',
    expect: { kind: 'constraint-tightened', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: /title: z\.string\(\)\.max\(200\)/g, to: 'title: z.string().max(100)' }],
  },
  {
    name: 'min raised (pages 1 → 50)',
    expect: { kind: 'constraint-tightened', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: /pages: z\.int\(\)\.min\(1\)/g, to: 'pages: z.int().min(50)' }],
  },
  {
    name: 'enum value removed (status "live")',
    expect: { kind: 'enum-value-removed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: STATUS_ENUM, to: "z.enum(['draft', 'gone'])" }, { file: MIGRATIONS, from: STATUS_CHECK, to: `CHECK ("status" IN ('draft', 'gone'))` }],
  },
  {
    name: 'optional request field made required (rating)',
    expect: { kind: 'request-field-made-required', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: 'rating: z.number().nullable().default(null),', to: 'rating: z.number().nullable(),' }],
  },
  {
    name: 'response field removed (rating)',
    expect: { kind: 'response-field-removed', verdict: 'breaking' },
    // The schema and the column list the reads select (create and replace still return every column).
    edits: [{ file: SCHEMAS, from: '  rating: z.number().nullable(),\n  status', to: '  status' }, { file: REPOSITORY, from: SELECT, to: SELECT.replace('"rating", ', '') }],
  },
  {
    name: 'response field renamed (published → is_published, column included)',
    expect: { kind: 'response-field-renamed', verdict: 'breaking' },
    edits: [
      { file: SCHEMAS, from: /\bpublished\b/g, to: 'is_published' },
      { file: REPOSITORY, from: /\bpublished\b/g, to: 'is_published' },
      { file: MIGRATIONS, from: '"published" BOOLEAN', to: '"is_published" BOOLEAN' },
    ],
  },
  {
    name: 'response field made nullable (pages optional, column included)',
    expect: { kind: 'response-made-nullable', verdict: 'breaking' },
    edits: [
      { file: SCHEMAS, from: 'pages: z.int().min(1).max(10000),', to: 'pages: z.int().min(1).max(10000).nullable().default(null),' },
      { file: SCHEMAS, from: 'pages: z.int().min(1).max(10000).optional(),', to: 'pages: z.int().min(1).max(10000).nullable().optional(),' },
      { file: SCHEMAS, from: 'pages: z.number().int(),', to: 'pages: z.number().int().nullable(),' },
      { file: MIGRATIONS, from: '"pages" BIGINT NOT NULL', to: '"pages" BIGINT' },
    ],
  },
  {
    name: 'response type changed (count int → string)',
    expect: { kind: 'response-type-changed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: '  count: z.number().int(),\n', to: '  count: z.string(),\n' }, { file: ROUTER, from: '{ data, count }', to: '{ data, count: String(count) }' }],
  },
  {
    name: 'enum value added (status "archived")',
    expect: { kind: 'response-enum-value-added', verdict: 'potentially-breaking' },
    edits: [{ file: SCHEMAS, from: STATUS_ENUM, to: "z.enum(['draft', 'live', 'gone', 'archived'])" }, { file: MIGRATIONS, from: STATUS_CHECK, to: `CHECK ("status" IN ('draft', 'live', 'gone', 'archived'))` }],
  },
  {
    name: 'success status changed (POST 201 → 200)',
    expect: { kind: 'success-status-changed', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: 'res.status(201).json(await books.create(body));', to: 'res.status(200).json(await books.create(body));' }],
  },
  {
    name: 'auth added to a public read (GET /books/{id})',
    expect: { kind: 'auth-added', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: "router.get('/:id', async", to: "router.get('/:id', auth, async" }],
  },
  {
    name: 'query parameter removed (offset)',
    expect: { kind: 'param-removed', verdict: 'potentially-breaking' },
    edits: [{ file: COMMON, from: /\n {2}offset: z\.coerce[^\n]*/, to: '' }, { file: ROUTER, from: 'const { limit, offset } = Pagination.parse(req.query);', to: 'const { limit } = Pagination.parse(req.query);\n    const offset = 0;' }],
  },
  {
    name: 'optional request field added',
    expect: { kind: 'request-field-added-optional', verdict: 'compatible' },
    edits: [{ file: SCHEMAS, from: CREATE_END, to: CREATE_END.replace('\n});', '\n  subtitle: z.string().max(200).nullable().default(null),\n});') }],
  },
  {
    name: 'route added (GET /books/{id}/summary)',
    expect: { kind: 'operation-added', verdict: 'compatible' },
    edits: [{ file: ROUTER, from: '\n  return router;\n', to: "\n  router.get('/:id/summary', async (req, res) => {\n    const { id } = IdParams.parse(req.params);\n    res.json({ title: found(await books.get(id)).title });\n  });\n\n  return router;\n" }],
  },
  {
    name: 'constraint relaxed (title max 200 → 500, column included)',
    expect: { kind: 'constraint-relaxed', verdict: 'compatible' },
    edits: [{ file: SCHEMAS, from: /title: z\.string\(\)\.max\(200\)/g, to: 'title: z.string().max(500)' }, { file: MIGRATIONS, from: '"title" VARCHAR(200)', to: '"title" VARCHAR(500)' }],
  },
  {
    name: 'query constraint relaxed (limit ≤ 100 → ≤ 500)',
    expect: { kind: 'constraint-relaxed', verdict: 'compatible' },
    edits: [{ file: COMMON, from: 'int().min(1).max(100).default(50)', to: 'int().min(1).max(500).default(50)' }],
  },
  {
    name: 'optional response field added (subtitle column)',
    expect: { kind: 'response-field-added', verdict: 'compatible' },
    edits: [
      { file: SCHEMAS, from: PUBLIC_END, to: PUBLIC_END.replace('\n});', '\n  subtitle: z.string().nullable().optional(),\n});') },
      { file: REPOSITORY, from: SELECT, to: SELECT.replace('"published" FROM', '"published", "subtitle" FROM') },
      { file: MIGRATIONS, from: '"published" BOOLEAN NOT NULL\n', to: '"published" BOOLEAN NOT NULL,\n        "subtitle" TEXT\n' },
    ],
  },
  {
    name: 'auth removed from a write (POST /books)',
    expect: { kind: 'auth-removed', verdict: 'compatible' },
    edits: [{ file: ROUTER, from: "router.post('/', auth, async", to: "router.post('/', async" }],
  },
  {
    name: '.strict() removed from the create body',
    expect: { kind: 'request-extra-allowed', verdict: 'compatible' },
    edits: [{ file: SCHEMAS, from: 'export const BookCreate = z.strictObject({', to: 'export const BookCreate = z.object({' }],
  },
];

/** Breaking changes the old client cannot observe: it must stay green, and why. */
const UNOBSERVED: Readonly<Record<string, string>> = {
  'max lowered (title 200 → 100)': 'the old client sends short titles (under 40 characters); none falls between the new and the old limit',
  'response field made nullable (pages optional, column included)': 'the old client sends pages on every write, so no book it reads back has null pages',
};

/** Potentially breaking changes: the old client's outcome, and why. */
const POTENTIAL: Readonly<Record<string, { outcome: 'green' | 'red'; reason: string }>> = {
  'path parameter renamed (:id → :bookId on GET)': { outcome: 'green', reason: 'a path parameter\'s name is not on the wire: the URL the old client builds is the same' },
  'enum value added (status "archived")': { outcome: 'green', reason: 'no row holds the new value unless a client writes it; the old client only writes draft and live' },
  'query parameter removed (offset)': { outcome: 'red', reason: 'the old client pages with offset; ignored now, page 2 repeats page 1' },
};

/** Compatible changes that turn the old client red, and why (none: the old client only relies on what the base contract promises). */
const RED_BUT_COMPATIBLE: Readonly<Record<string, string>> = {};

/** What the old client did: every call as METHOD path-template with whether it sent the token, and the first expectation that failed. */
interface ClientRun {
  readonly calls: string[];
  failed?: string;
  /** A 500 or a transport error: the app broke rather than the contract. */
  crashed?: string;
}

class Expectation extends Error {}

/**
 * The old client, written once against the base project: it relies on exactly what the base contract says
 * (statuses, the fields it reads, writes behind the token, reads without one, the decimal price as text, the
 * count as a number, pagination by limit and offset, optional fields left out on create).
 */
async function oldClient(base: string): Promise<ClientRun> {
  const api = new Api(base);
  const result: ClientRun = { calls: [] };
  const expect = (ok: boolean, what: string): void => {
    if (!ok) throw new Expectation(what);
  };
  const call = async (method: string, template: string, url: string, body: unknown, secured: boolean, opts: { form?: Record<string, string> } = {}) => {
    result.calls.push(`${method} ${template}${secured ? ' (token)' : ''}`);
    const r = await api.call(method, url, body, { auth: secured, ...opts });
    if (r.status >= 500) throw Object.assign(new Error(`${method} ${url} answered ${r.status}: ${r.text.slice(0, 300)}`), { crash: true });
    return r;
  };
  const same = (got: Record<string, unknown>, want: Record<string, unknown>, what: string): void => {
    for (const [k, v] of Object.entries(want)) expect(got[k] === v, `${what}: ${k} is ${JSON.stringify(got[k])}, expected ${JSON.stringify(v)}`);
  };
  try {
    const email = `old-client-${randomBytes(4).toString('hex')}@example.com`;
    const password = randomBytes(12).toString('base64url');
    const reg = await call('POST', '/auth/register', '/auth/register', { email, password }, false);
    expect(reg.status === 201, `register: ${reg.status}`);
    const tok = await call('POST', '/auth/token', '/auth/token', undefined, false, { form: { username: email, password } });
    expect(tok.status === 200 && typeof tok.json?.access_token === 'string', `token: ${tok.status}`);
    api.token = tok.json.access_token as string;

    // Create: optional fields left out, their defaults read back.
    const first = { title: 'The Ones Who Walk Away', isbn: `isbn-${randomBytes(4).toString('hex')}`, price: '19.90', pages: 24, status: 'draft' };
    const created = await call('POST', '/books', '/books', first, true);
    expect(created.status === 201, `create: ${created.status} ${created.text.slice(0, 300)}`);
    expect(typeof created.json?.id === 'number', 'create: a numeric id');
    same(created.json, { ...first, rating: null, published: false }, 'create');
    const id = created.json.id as number;
    const second = { title: 'The Left Hand of Darkness', isbn: `isbn-${randomBytes(4).toString('hex')}`, price: 12, pages: 304, rating: 4.5, status: 'live', published: true };
    const created2 = await call('POST', '/books', '/books', second, true);
    expect(created2.status === 201, `create (every field): ${created2.status} ${created2.text.slice(0, 300)}`);
    same(created2.json, { ...second, price: '12.00' }, 'create (every field)');

    // List, two pages of one.
    const page1 = await call('GET', '/books', '/books?limit=1&offset=0', undefined, false);
    expect(page1.status === 200, `list: ${page1.status}`);
    expect(page1.json?.count === 2, `list: count is ${JSON.stringify(page1.json?.count)}, expected 2`);
    expect(Array.isArray(page1.json.data) && page1.json.data.length === 1, 'list: one item per page');
    const page2 = await call('GET', '/books', '/books?limit=1&offset=1', undefined, false);
    expect(page2.status === 200 && page2.json?.data?.length === 1, `list page 2: ${page2.status}`);
    expect(page2.json.data[0].id !== page1.json.data[0].id, 'list: page 2 differs from page 1');
    same(page1.json.data[0], { id, ...first, rating: null, published: false }, 'list item');

    // Get (a public read).
    const got = await call('GET', '/books/{id}', `/books/${id}`, undefined, false);
    expect(got.status === 200, `get: ${got.status}`);
    same(got.json, { id, ...first, rating: null, published: false }, 'get');

    // Replace, then patch one field.
    const replacement = { title: 'The Dispossessed', isbn: first.isbn, price: '9.50', pages: 256, rating: 3.5, status: 'live', published: true };
    const put = await call('PUT', '/books/{id}', `/books/${id}`, replacement, true);
    expect(put.status === 200, `replace: ${put.status} ${put.text.slice(0, 300)}`);
    same(put.json, { id, ...replacement }, 'replace');
    const patched = await call('PATCH', '/books/{id}', `/books/${id}`, { title: 'The Word for World Is Forest' }, true);
    expect(patched.status === 200, `patch: ${patched.status} ${patched.text.slice(0, 300)}`);
    same(patched.json, { id, ...replacement, title: 'The Word for World Is Forest' }, 'patch');

    // Delete, then the book is gone.
    const deleted = await call('DELETE', '/books/{id}', `/books/${id}`, undefined, true);
    expect(deleted.status === 204, `delete: ${deleted.status}`);
    const after = await call('GET', '/books/{id}', `/books/${id}`, undefined, false);
    expect(after.status === 404, `get after delete: ${after.status}`);
  } catch (error) {
    if (error instanceof Expectation) result.failed = error.message;
    else result.crashed = (error as Error).message;
  }
  return result;
}

function applyEdit(root: string, edit: Edit): void {
  const file = path.join(root, edit.file);
  const text = fs.readFileSync(file, 'utf8');
  let next: string;
  if (typeof edit.from === 'string') {
    const count = text.split(edit.from).length - 1;
    assert.equal(count, 1, `${edit.file} holds ${JSON.stringify(edit.from)} exactly once (found ${count})`);
    next = text.replace(edit.from, () => edit.to);
  } else {
    assert.ok(edit.from.test(text), `${edit.file} matches ${String(edit.from)}`);
    edit.from.lastIndex = 0;
    next = text.replace(edit.from, edit.to);
  }
  assert.notEqual(next, text, `the edit changes ${edit.file}`);
  fs.writeFileSync(file, next);
}

/** src/**.ts → dist/**.js as CommonJS (what the project's tsconfig emits for its CommonJS package), without a type check. */
function transpile(root: string): void {
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const out = path.join(root, 'dist', path.relative(path.join(root, 'src'), full).replace(/\.ts$/, '.js'));
        const js = ts.transpileModule(fs.readFileSync(full, 'utf8'), { fileName: full, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, js);
      }
    }
  };
  walk(path.join(root, 'src'));
}

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run(args, (s) => (out += s), (s) => (out += s));
  return { code, out };
}

const RANK: Record<Verdict, number> = { compatible: 0, 'potentially-breaking': 1, breaking: 2 };
const worst = (changes: readonly Change[]): Verdict | 'none' => (changes.length === 0 ? 'none' : changes.reduce<Verdict>((w, c) => (RANK[c.verdict] > RANK[w] ? c.verdict : w), 'compatible'));
const outcome = (r: ClientRun): string => (r.crashed ? `crashed: ${r.crashed}` : r.failed ? `red: ${r.failed}` : `green (${r.calls.length} calls)`);

describe('compat cross-checked at runtime (Express): a fixed old client against the edited app', function () {
  this.timeout(170_000);
  let work = '';
  let pg: PgCluster | undefined;
  let server: ManagedProcess | undefined;
  let baseContract: { paths: Record<string, Record<string, { security?: unknown[] }>> } | undefined;
  const verdicts = new Map<string, Change[]>();
  const runs = new Map<string, ClientRun>();
  const secret = randomBytes(32).toString('base64url');

  async function serveAndRun(dir: string, db: string): Promise<ClientRun> {
    await pg!.createDatabase(db);
    const port = await freePort();
    server = startProcess(process.execPath, ['dist/server.js'], {
      cwd: dir,
      name: `express-${db}`,
      env: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${pg!.port}/${db}`, JWT_SECRET: secret, AUTH_RATE_LIMIT: '1000', CORS_ORIGINS: 'http://localhost:3000', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 20_000, process: server });
      return await oldClient(`http://127.0.0.1:${port}`);
    } catch (error) {
      return { calls: [], crashed: `${(error as Error).message}\n${server.output().slice(-1500)}` };
    } finally {
      await server.stop();
      server = undefined;
    }
  }

  before(async function () {
    if (!findPgBin()) {
      if (process.env.CI) throw new Error('PostgreSQL tools are missing; run `node scripts/ensure-postgres.mjs`');
      console.log('    (skipped: no PostgreSQL tools; run `node scripts/ensure-postgres.mjs`)');
      return this.skip();
    }
    const started = Date.now();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-xcheck-express-'));
    const base = path.join(work, 'base');
    await cli(['init', 'express', '--root', base, '--name', 'xcheck']);
    await cli(['new', 'resource', 'Book', '--fields', FIELDS, '--auth', 'writes', '--root', base]);
    const doc = await capture(['openapi', base]);
    assert.equal(doc.code, 0, doc.out);
    baseContract = JSON.parse(doc.out) as typeof baseContract;
    const baseDoc = path.join(work, 'old-openapi.json');
    fs.writeFileSync(baseDoc, doc.out);
    const dirs = new Map<string, string>();
    for (const [i, variant] of VARIANTS.entries()) {
      const dir = path.join(work, `v${i}`);
      fs.cpSync(base, dir, { recursive: true });
      for (const edit of variant.edits) applyEdit(dir, edit);
      const compat = await capture(['compat', dir, '--base-file', baseDoc, '--format', 'json']);
      assert.ok(compat.code === 0 || compat.code === 1, `compat on "${variant.name}" failed:\n${compat.out}`);
      verdicts.set(variant.name, (JSON.parse(compat.out) as { changes: Change[] }).changes);
      dirs.set(variant.name, dir);
    }
    for (const dir of [base, ...dirs.values()]) {
      transpile(dir);
      // The dependencies the generated package.json pins, from this repository (as express-runtime does).
      fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    }
    console.log(`      (generated, judged and transpiled in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    pg = await startPostgres();
    runs.set('base', await serveAndRun(base, 'xbase'));
    for (const [i, variant] of VARIANTS.entries()) runs.set(variant.name, await serveAndRun(dirs.get(variant.name)!, `xv${i}`));
    console.log(`      (old client run against ${VARIANTS.length + 1} apps in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    // The table the report quotes: variant, worst verdict, the change kinds, the old client's outcome.
    for (const variant of VARIANTS) {
      const changes = verdicts.get(variant.name)!;
      const kinds = [...new Set(changes.map((c) => `${c.kind}:${c.verdict}`))].join(' ');
      console.log(`      ${variant.name} | ${worst(changes)} | ${kinds || '(no changes)'} | ${outcome(runs.get(variant.name)!)}`);
    }
  });

  after(async () => {
    await server?.stop();
    await pg?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('the old client is green against the base, and sends the token exactly where the base contract asks', function () {
    const base = runs.get('base')!;
    assert.equal(base.crashed, undefined);
    assert.equal(base.failed, undefined);
    assert.equal(base.calls.length, 11);
    for (const call of base.calls) {
      const [method, template] = call.split(' ') as [string, string];
      const op = baseContract!.paths[template]?.[method.toLowerCase()];
      assert.ok(op, `${call}: an operation of the base contract`);
      assert.equal(call.endsWith('(token)'), (op.security ?? []).length > 0, `${call}: the token is sent where the base secures the operation`);
    }
  });

  it('each edit is reported as the class it was written to produce', function () {
    const wrong: string[] = [];
    for (const variant of VARIANTS) {
      const changes = verdicts.get(variant.name)!;
      const { kind, verdict } = variant.expect;
      if (!changes.some((c) => c.kind === kind && c.verdict === verdict)) wrong.push(`${variant.name}: expected ${kind} (${verdict}), got ${changes.map((c) => `${c.kind}:${c.verdict}`).join(', ') || 'nothing'}`);
      if (worst(changes) !== verdict) wrong.push(`${variant.name}: written as ${verdict}, but the worst change is ${worst(changes)}: ${changes.map((c) => `${c.kind}:${c.verdict}`).join(', ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('compatible keeps the old client green; breaking turns it red (each exception is tabled, and holds)', function () {
    const wrong: string[] = [];
    for (const variant of VARIANTS) {
      const r = runs.get(variant.name)!;
      if (r.crashed) {
        wrong.push(`${variant.name}: the app broke (${r.crashed.slice(0, 600)})`);
        continue;
      }
      const red = r.failed !== undefined;
      const verdict = worst(verdicts.get(variant.name)!);
      const unobserved = UNOBSERVED[variant.name];
      const potential = POTENTIAL[variant.name];
      const tabledRed = RED_BUT_COMPATIBLE[variant.name];
      if (verdict === 'compatible' || verdict === 'none') {
        if (red !== (tabledRed !== undefined)) wrong.push(`${variant.name}: compat says ${verdict}, old client ${outcome(r)}${tabledRed ? ', tabled red' : ''}`);
        if (unobserved || potential) wrong.push(`${variant.name}: tabled as ${unobserved ? 'an unobserved break' : 'potentially breaking'}, but compat says ${verdict}`);
      } else if (verdict === 'breaking') {
        if (unobserved && red) wrong.push(`${variant.name}: tabled as unobserved, but the old client went ${outcome(r)}`);
        if (!unobserved && !red) wrong.push(`${variant.name}: compat says breaking, but the old client stays green`);
        if (tabledRed || potential) wrong.push(`${variant.name}: tabled as ${tabledRed ? 'compatible' : 'potentially breaking'}, but compat says breaking`);
      } else {
        if (!potential) wrong.push(`${variant.name}: compat says potentially breaking (old client ${outcome(r)}), not tabled`);
        else if ((potential.outcome === 'red') !== red) wrong.push(`${variant.name}: tabled ${potential.outcome}, old client ${outcome(r)}`);
        if (unobserved || tabledRed) wrong.push(`${variant.name}: tabled as ${unobserved ? 'breaking' : 'compatible'}, but compat says potentially breaking`);
      }
    }
    for (const name of [...Object.keys(UNOBSERVED), ...Object.keys(POTENTIAL), ...Object.keys(RED_BUT_COMPATIBLE)]) if (!VARIANTS.some((v) => v.name === name)) wrong.push(`${name}: tabled, but no such variant`);
    assert.deepEqual(wrong, []);
  });
});
