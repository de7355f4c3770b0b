// Editing existing Express modules: the path dialect, every refusal of Add
// Route and Add DTO (clear message, nothing planned), and proof that what is
// inserted runs: the zod family is executed with the real zod, and a router
// with an added route is served by the real express over HTTP.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { InputError, PlanError, SpecError, expressRoutersIn, planAddExpressRoute, planAddZodDto, tsMorphLoaded, type EditPlan } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { parseExpressPath } from '../../src/core/request/expressRoute';
import { resultingText } from '../../src/core/plan/editPlan';

const REPO = resolve(__dirname, '../../..');

const ROUTER = `import { Router } from 'express';
import { requireAuth } from '../middleware/auth';

export const router = Router();

router.get('/', (req, res) => {
  res.json([]);
});

router.route('/:bookId').get((req, res) => res.json({})).put(requireAuth, (req, res) => res.json({}));

router.all('/legacy/:path', (req, res) => res.status(410).end());
`;

const view = (files: Record<string, string>) => memoryFileView(new Map(Object.entries(files)));
const base = { 'src/routes/books.ts': ROUTER, 'src/middleware/auth.ts': 'export const requireAuth = () => undefined;\n' };

async function refused(files: Record<string, string>, input: Partial<Parameters<typeof planAddExpressRoute>[1]>, pattern: RegExp, kind: typeof InputError | typeof PlanError = InputError): Promise<void> {
  await assert.rejects(
    planAddExpressRoute(view(files), { routerPath: 'src/routes/books.ts', method: 'GET', path: '/x', auth: false, ...input }),
    (error: Error) => {
      assert.ok(error instanceof kind, `${error.name}: ${error.message}`);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('Express paths', () => {
  it('take :param and {param}, converted to :param; ids are numbers', () => {
    assert.deepEqual(parseExpressPath('/{bookId}/tags/:tag'), { path: '/:bookId/tags/:tag', params: [{ name: 'bookId', type: 'int' }, { name: 'tag', type: 'str' }] });
    assert.deepEqual(parseExpressPath('/:id/:author_id/:slug'), { path: '/:id/:author_id/:slug', params: [{ name: 'id', type: 'int' }, { name: 'author_id', type: 'int' }, { name: 'slug', type: 'str' }] });
    assert.deepEqual(parseExpressPath(''), { path: '/', params: [] });
    assert.deepEqual(parseExpressPath('/video'), { path: '/video', params: [] }, 'a segment ending in "id" letters is no parameter');
  });

  it('refuse reserved words, shadowed handler names, partial segments and converters, naming token and column', () => {
    assert.throws(() => parseExpressPath('/:class'), /"class" is a TypeScript reserved word/);
    assert.throws(() => parseExpressPath('/x/:req'), (e: SpecError) => /would shadow the request in the handler; rename it, e.g. :req_value \(token ":req" at column 4\)/.test(e.describe()));
    assert.throws(() => parseExpressPath('/file:id'), /must fill a whole segment, e.g. \/:slug/);
    assert.throws(() => parseExpressPath('/{rest:path}'), /has a converter; write :rest/);
    assert.throws(() => parseExpressPath('/:a/:a'), /appears twice/);
    assert.throws(() => parseExpressPath('/:1x'), /use a JavaScript identifier/);
    assert.throws(() => parseExpressPath('books'), /starts with "\/"/);
  });
});

describe('Add Route (Express): refusals', () => {
  it('refuses a method + path the router serves, naming the line (parameter names and a trailing slash do not matter)', async () => {
    await refused(base, { method: 'GET', path: '/' }, /GET \/ already exists in src\/routes\/books\.ts \(line 6\)/);
    await refused(base, { method: 'PUT', path: '/{id}/' }, /PUT \/:id\/ already exists .*line 10/);
    await refused(base, { method: 'DELETE', path: '/legacy/:rest' }, /already exists .*router\.all, line 12/);
  });

  it('refuses bad input before reading the project', async () => {
    await refused(base, { method: 'TRACE' }, /method must be one of/);
    await refused(base, { path: '/:delete' }, /reserved word/);
    await refused(base, { routerPath: 'src/routes/nope.ts' }, /src\/routes\/nope\.ts does not exist/, PlanError);
  });

  it('refuses a module that does not parse, or has no router, or several without a choice', async () => {
    await refused({ ...base, 'src/routes/books.ts': `${ROUTER}\nrouter.get('/x', (req, res) => {\n` }, {}, /syntax error at line \d+, column \d+.*fix it first/, PlanError);
    await refused({ 'src/routes/books.ts': "import { z } from 'zod';\nexport const x = z.string();\n" }, {}, /has no Express router/, PlanError);
    const two = "import express from 'express';\nconst a = express.Router();\nconst b = express.Router();\na.get('/', (q, s) => s.end());\n";
    await refused({ 'src/routes/books.ts': two }, {}, /declares several routers \(a, line 2; b, line 3\); choose one/);
    await refused({ 'src/routes/books.ts': two }, { router: 'c' }, /has no router named c \(found: a, b\)/);
  });

  it('refuses auth when no middleware is in scope, and an unknown body schema', async () => {
    const open = "import { Router } from 'express';\nconst router = Router();\nrouter.get('/', (req, res) => res.json([]));\nexport default router;\n";
    await refused({ 'src/routes/books.ts': open }, { auth: true }, /no auth middleware in scope in src\/routes\/books\.ts/, PlanError);
    await refused({ ...base, 'src/schemas/book.ts': "import { z } from 'zod';\nexport const BookCreate = z.object({});\n" }, { method: 'POST', path: '/x', bodySchema: 'BookInput' },
      /body schema BookInput is not exported by a module in src\/schemas \(found: BookCreate\)/);
  });

  it('plans an edit of the router only (never a created or rewritten file) and lists the routers for the editor', async () => {
    const plan = await planAddExpressRoute(view(base), { routerPath: 'src/routes/books.ts', method: 'PATCH', path: '/{bookId}', auth: true });
    assert.deepEqual(plan.changes.map((c) => [c.kind, c.path]), [['modify', 'src/routes/books.ts']]);
    const change = plan.changes[0]!;
    assert.ok(change.kind === 'modify' && change.edits.every((e) => e.end === e.start), 'insertions only: nothing of the user is replaced');
    const text = resultingText(change);
    assert.match(text, /router\.patch\('\/:bookId', requireAuth, \(req, res\) => \{\n {2}const bookId = z\.coerce\.number\(\)\.int\(\)\.parse\(req\.params\.bookId\);/);
    assert.equal(text.match(/from 'zod'/g)?.length, 1);
    const routers = await expressRoutersIn('src/routes/books.ts', text);
    assert.deepEqual(routers.map((r) => [r.name, r.routes.map((x) => `${x.method} ${x.path}`)]), [['router', ['GET /', 'GET /:bookId', 'PUT /:bookId', 'ALL /legacy/:path', 'PATCH /:bookId']]]);
    assert.ok(tsMorphLoaded(), 'ts-morph was loaded by the planner (lazily)');
  });
});

describe('Add DTO (zod): refusals', () => {
  const schemas = { 'src/schemas/book.ts': "import { z } from 'zod';\n\nexport const BookCreate = z.object({ title: z.string() });\nexport type BookCreate = z.infer<typeof BookCreate>;\n" };

  it('refuses names the module already binds, and bad names, specs and samples', async () => {
    await assert.rejects(planAddZodDto(view(schemas), { name: 'Book', fields: 'title:str', module: 'src/schemas/book.ts' }), /src\/schemas\/book\.ts already defines BookCreate; choose another DTO name/);
    await assert.rejects(planAddZodDto(view(schemas), { name: 'Default', fields: 'a:str' }), /TypeScript reserved word "default"/);
    await assert.rejects(planAddZodDto(view(schemas), { name: 'Note', fields: 'class:str' }), /"class" is (a Python keyword|a TypeScript reserved word)/);
    await assert.rejects(planAddZodDto(view(schemas), { name: 'Note', fields: 'author:ref(Writer)' }), /Writer/);
    await assert.rejects(planAddZodDto(view(schemas), { name: 'Note', json: '{"a": }' }), (e: InputError) => e.part === 'json' && /line 1, column 7/.test(e.message));
    await assert.rejects(planAddZodDto(view(schemas), { name: 'Note', fields: 'a:str', module: '../outside.ts' }), /not a TypeScript module of the project/);
    await assert.rejects(planAddZodDto(view({ 'src/schemas/book.ts': 'export const = ;\n' }), { name: 'Note', fields: 'a:str', module: 'src/schemas/book.ts' }), /syntax error/);
  });

  it('edits an existing module instead of creating it; refs to the project\'s resources are accepted', async () => {
    const { plan } = await planAddZodDto(view(schemas), { name: 'BookNote', fields: 'book:ref(Book) text:text', module: 'src/schemas/book.ts' });
    assert.deepEqual(plan.changes.map((c) => c.kind), ['modify']);
    const text = resultingText(plan.changes[0]!);
    assert.ok(text.startsWith(schemas['src/schemas/book.ts']), 'the module is extended, not replaced');
    assert.equal(text.match(/from 'zod'/g)?.length, 1, 'no second zod import');
    assert.match(text, /book_id: z\.int\(\)\.min\(1\),/);
  });
});

/** Transpile a project's TypeScript files to CommonJS in a folder inside the repo (so express and zod resolve). */
function transpileTo(dir: string, files: ReadonlyMap<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of files) {
    if (!path.endsWith('.ts')) continue;
    const out = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const file = join(dir, path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, out);
  }
}

function apply(files: Map<string, string>, plan: EditPlan): Map<string, string> {
  for (const change of plan.changes) files.set(change.path, resultingText(change));
  return files;
}

describe('what Add Route and Add DTO insert runs', function () {
  this.timeout(60_000);
  const dir = join(REPO, 'node_modules/.cache/backend-skill-express-edit-run');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the zod family validates like the FastAPI DTOs: strict Create with defaults, PATCH without defaults, 422-worthy errors', async () => {
    const files = new Map<string, string>();
    const { plan } = await planAddZodDto(memoryFileView(files), { name: 'Listing', fields: 'title:str:max=5 stock:int=0 tags:list[str]=[] note:str? status:enum(draft|live)=draft' });
    apply(files, plan);
    transpileTo(dir, files);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require(join(dir, 'src/schemas/listing.js')) as Record<string, { parse(v: unknown): unknown; safeParse(v: unknown): { success: boolean } }>;
    assert.deepEqual(m.ListingCreate!.parse({ title: 'Dune' }), { title: 'Dune', stock: 0, tags: [], note: null, status: 'draft' });
    const a = m.ListingCreate!.parse({ title: 'a' }) as { tags: string[] };
    const b = m.ListingCreate!.parse({ title: 'b' }) as { tags: string[] };
    assert.notEqual(a.tags, b.tags, 'a fresh default list per parse');
    assert.equal(m.ListingCreate!.safeParse({ title: 'too long' }).success, false, 'max length');
    assert.equal(m.ListingCreate!.safeParse({ title: 'x', extra: 1 }).success, false, 'unknown keys refused');
    assert.equal(m.ListingCreate!.safeParse({}).success, false, 'required title');
    assert.deepEqual(m.ListingUpdate!.parse({}), {}, 'PATCH: nothing sent, nothing changed (no defaults)');
    assert.deepEqual(m.ListingUpdate!.parse({ note: null }), { note: null }, 'an optional field may be cleared');
    assert.equal(m.ListingUpdate!.safeParse({ title: null }).success, false, 'a required field cannot be nulled');
    assert.deepEqual(m.ListingPublic!.parse({ title: 'x', stock: 1, tags: [], note: null, status: 'live', internal: 1 }), { title: 'x', stock: 1, tags: [], note: null, status: 'live' });
  });

  it('an added route is served by express: 501 until implemented, behind the router\'s auth, the id parsed, the body validated', async () => {
    const files = new Map<string, string>([
      ['src/middleware/auth.ts', `import type { RequestHandler } from 'express';
export const requireAuth: RequestHandler = (req, res, next) => {
  if (req.headers.authorization !== 'Bearer good') { res.status(401).json({ detail: 'Not authenticated' }); return; }
  next();
};
`],
      ['src/schemas/book.ts', "import { z } from 'zod';\nexport const BookUpdate = z.strictObject({ title: z.string().max(10).optional() });\n"],
      ['src/routes/books.ts', `import { Router } from 'express';
import { requireAuth } from '../middleware/auth';

export const router = Router();

router.post('/', requireAuth, async (req, res) => {
  res.status(201).json({ id: 1 });
});
`],
      ['src/app.ts', `import express, { type ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { router } from './routes/books';

export const app = express();
app.use(express.json());
app.use('/books', router);
const errors: ErrorRequestHandler = (err, _req, res, _next) => {
  res.status(err instanceof ZodError ? 422 : 500).json({ detail: err instanceof ZodError ? 'invalid' : 'error' });
};
app.use(errors);
`],
    ]);
    apply(files, await planAddExpressRoute(memoryFileView(files), { routerPath: 'src/routes/books.ts', method: 'PATCH', path: '/{id}', auth: true }));
    transpileTo(dir, files);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { app } = require(join(dir, 'src/app.js')) as { app: { listen(port: number, host: string, cb: () => void): import('node:http').Server } };
    const server = await new Promise<import('node:http').Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/books`;
      const patch = (path: string, body: unknown, token = 'good') =>
        fetch(`${url}${path}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const ok = await patch('/7', { title: 'Dune' });
      assert.equal(ok.status, 501);
      assert.deepEqual(await ok.json(), { detail: 'Not implemented yet' });
      assert.equal((await patch('/7', { title: 'Dune' }, 'bad')).status, 401, 'behind the auth middleware');
      assert.equal((await patch('/seven', { title: 'Dune' })).status, 422, 'the id must be a number');
      assert.equal((await patch('/7', { title: 'a title that is too long' })).status, 422, 'the body is parsed with BookUpdate');
      assert.equal((await patch('/7', { other: 1 })).status, 422, 'unknown keys are refused');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
