// The versioned-route planner for Express + zod (core): the compat fixture's
// Express project as base, edited in memory as the working tree. Each plan
// must re-parse, leave our rules with nothing new to say, and compat on the
// result must keep the old operations (nothing breaking left on them, now
// deprecated through their `Deprecation` header) with the new shape served
// under /v2 inside the router's mount; plans that cannot be written from the
// base (a handler passed by name, a route gone) or would not prove themselves
// are not offered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOpenApi, type SourceFile } from '../../src/core/contract/openapi';
import { diffContracts } from '../../src/core/compat/diff';
import { planExpressVersionedRoute } from '../../src/core/compat/expressVersionedRoute';
import { resultingText } from '../../src/core/plan/editPlan';
import { parseTypeScript } from '../../src/core/parse/typescript';

const ROOT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'compat', 'express');
const TS = 'src/schemas/user.ts';
const USERS = 'src/routes/users.ts';
const APP = 'src/app.ts';

function project(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: path.relative(ROOT, full).split(path.sep).join('/'), source: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(ROOT);
  return out;
}

function edit(files: readonly SourceFile[], file: string, from: string | RegExp, to: string): SourceFile[] {
  return files.map((f) => {
    if (f.path !== file) return f;
    const next = f.source.replace(from, to);
    assert.notEqual(next, f.source, `${file}: ${String(from)}`);
    return { path: f.path, source: next };
  });
}

async function plan(base: readonly SourceFile[], head: readonly SourceFile[], operations: string[], kind = 'response-field-removed') {
  const [baseDoc, headDoc] = [await buildOpenApi(base), await buildOpenApi(head)];
  const result = await planExpressVersionedRoute({ base, head, baseDoc, headDoc, operations, kind });
  if (!result) return undefined;
  const files = head.map((f) => {
    const change = result.plan.changes.find((c) => c.path === f.path);
    return change ? { path: f.path, source: resultingText(change) } : f;
  });
  for (const change of result.plan.changes) {
    assert.equal(change.kind, 'modify');
    assert.equal(change.kind === 'modify' && change.original, head.find((f) => f.path === change.path)!.source, 'the plan is against the working tree');
    const tree = await parseTypeScript(files.find((f) => f.path === change.path)!.source);
    assert.equal(tree.rootNode.hasError, false, `${change.path} re-parses`);
    tree.delete();
  }
  const doc = await buildOpenApi(files);
  const changes = diffContracts(baseDoc, doc);
  return { ...result, files, doc, changes, text: (p: string) => files.find((f) => f.path === p)!.source };
}

describe('compat quick fix for Express + zod: keep the old route, serve the new shape under /v2', function () {
  this.timeout(30_000);
  const base = project();

  const dropEmail = (files: readonly SourceFile[]) => edit(files, TS, '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n');
  const kept = (r: NonNullable<Awaited<ReturnType<typeof plan>>>, op: string) => r.changes.filter((c) => c.operation === op && c.verdict !== 'compatible');

  it('a removed response field: GET /users/{id} keeps its old schema, the new route moves to /users/v2/{id}', async () => {
    const head = dropEmail(base);
    const r = await plan(base, head, ['GET /users/{id}']);
    assert.ok(r, 'a plan');
    assert.equal(r.title, 'Keep GET /users/{id} as it was (deprecated) and serve the new shape at /users/v2/{id}');
    assert.deepEqual(kept(r, 'GET /users/{id}'), [], 'the old operation is preserved');
    assert.ok(r.changes.some((c) => c.kind === 'operation-added' && c.operation === 'GET /users/v2/{id}'), 'the new shape is served');
    assert.equal(r.doc.paths['/users/{id}']!.get!.deprecated, true, 'the kept operation is deprecated in the contract');
    assert.equal(r.doc.paths['/users/v2/{id}']!.get!.deprecated, undefined);
    assert.deepEqual(r.plan.changes.map((c) => c.path).sort(), [USERS, TS], 'one plan over the router and the schemas; the app module is not touched');
    const users = r.text(USERS);
    assert.ok(users.includes("usersRouter.get('/v2/:id', (req, res) => {\n  const { id } = IdParams.parse(req.params);\n  const out: UserPublic = "), users);
    assert.ok(users.includes(
      "\n\n// deprecated: GET /users/{id} as it was, for existing clients; the new shape is at /users/v2/{id}.\n" +
      "usersRouter.get('/:id', (req, res) => {\n  res.set('Deprecation', 'true');\n  const { id } = IdParams.parse(req.params);\n  const out: UserPublicV1 = { id, email: 'a@b.c', name: 'a', role: 'member' };\n  res.json(out);\n});\n",
    ), users);
    assert.ok(users.indexOf("'/v2/:id'") < users.indexOf("'/:id'"), 'the old route stays after the moved one, where it was');
    assert.ok(users.includes("import { IdParams, UserCreate, UserPublic, UserPublicV1 } from '../schemas/user';\n"), users);
    assert.match(r.text(TS), /export const UserPublic = z\.object\(\{\n {2}id: z\.number\(\)\.int\(\),\n {2}name: z\.string\(\),\n {2}role: [^\n]+\n\}\);\n\n\/\/ UserPublic as clients of the deprecated route still read it\.\nexport const UserPublicV1 = z\.object\(\{\n {2}id: z\.number\(\)\.int\(\),\n {2}email: z\.string\(\),\n/);
    assert.equal(r.plan.focus?.path, USERS);
    assert.equal(users.slice(r.plan.focus!.offset, r.plan.focus!.offset + 7), '/v2/:id', 'the editor reveals the moved path');
  });

  it('every operation a change breaks, in one plan: the root route of the router moves to /v2', async () => {
    const r = await plan(base, dropEmail(base), ['POST /users', 'GET /users/{id}']);
    assert.ok(r, 'a plan');
    assert.equal(r.title, 'Keep POST /users, GET /users/{id} as they were (deprecated) and serve the new shapes under /v2');
    assert.deepEqual(r.changes.filter((c) => c.verdict === 'breaking'), [], 'nothing breaks any more');
    for (const op of ['POST /users/v2', 'GET /users/v2/{id}']) assert.ok(r.changes.some((c) => c.kind === 'operation-added' && c.operation === op), op);
    const users = r.text(USERS);
    assert.ok(users.includes("usersRouter.post('/v2', requireAuth, (req, res) => {"), users);
    assert.ok(users.includes("usersRouter.post('/', requireAuth, (req, res) => {\n  res.set('Deprecation', 'true');\n  const body = UserCreate.parse(req.body);\n  const out: UserPublicV1 = "), users);
    assert.equal((users.match(/UserPublicV1 }/g) ?? []).length, 1, 'the import is extended once');
    assert.equal((r.text(TS).match(/export const UserPublicV1 =/g) ?? []).length, 1, 'the schema is copied once');
  });

  it('a renamed response field: the old route keeps answering the old name', async () => {
    const head = edit(base, TS, '  email: z.string(),\n  name: z.string(),\n  role', '  email_address: z.string(),\n  name: z.string(),\n  role');
    const before = diffContracts(await buildOpenApi(base), await buildOpenApi(head));
    assert.ok(before.some((c) => c.kind === 'response-field-renamed' && c.operation === 'GET /users/{id}'), JSON.stringify(before));
    const r = await plan(base, head, ['GET /users/{id}'], 'response-field-renamed');
    assert.ok(r, 'a plan');
    assert.deepEqual(kept(r, 'GET /users/{id}'), []);
    assert.ok(r.text(TS).includes('export const UserPublicV1 = z.object({\n  id: z.number().int(),\n  email: z.string(),\n'));
    assert.ok(r.text(TS).includes('export const UserPublic = z.object({\n  id: z.number().int(),\n  email_address: z.string(),\n'));
  });

  it('a changed success status: the old route keeps answering 201, no schema is copied', async () => {
    const head = edit(base, USERS, 'res.status(201)', 'res.status(200)');
    const r = await plan(base, head, ['POST /users'], 'success-status-changed');
    assert.ok(r, 'a plan');
    assert.deepEqual(kept(r, 'POST /users'), []);
    assert.deepEqual(r.plan.changes.map((c) => c.path), [USERS]);
    const users = r.text(USERS);
    assert.ok(users.includes("usersRouter.post('/v2', requireAuth, (req, res) => {\n  const body = UserCreate.parse(req.body);\n  const out: UserPublic = { id: 1, email: body.email, name: body.name, role: body.role };\n  res.status(200).json(out);"), users);
    assert.ok(users.includes("usersRouter.post('/', requireAuth, (req, res) => {\n  res.set('Deprecation', 'true');\n  const body = UserCreate.parse(req.body);\n  const out: UserPublic = { id: 1, email: body.email, name: body.name, role: body.role };\n  res.status(201).json(out);"), users);
    assert.deepEqual(Object.keys(r.doc.paths['/users']!.post!.responses as object), ['201']);
    assert.deepEqual(Object.keys(r.doc.paths['/users/v2']!.post!.responses as object), ['200']);
  });

  it('the types derived from a copied schema are copied and renamed with it', async () => {
    const typed = edit(base, TS, "  role: z.enum(['admin', 'member']),\n});\n", "  role: z.enum(['admin', 'member']),\n});\nexport type UserPublic = z.infer<typeof UserPublic>;\n");
    const r = await plan(typed, dropEmail(typed), ['GET /users/{id}']);
    assert.ok(r, 'a plan');
    assert.ok(r.text(TS).includes("export type UserPublic = z.infer<typeof UserPublic>;\n\n// UserPublic as clients of the deprecated route still read it.\nexport const UserPublicV1 = z.object({\n  id: z.number().int(),\n  email: z.string(),\n  name: z.string(),\n  role: z.enum(['admin', 'member']),\n});\nexport type UserPublicV1 = z.infer<typeof UserPublicV1>;\n"), r.text(TS));
    assert.deepEqual(kept(r, 'GET /users/{id}'), []);
  });

  it('a router mounted under a prefix in another file: the version segment goes inside the router, the mounts stay', async () => {
    // app.ts mounts an api router at /api; src/routes/index.ts mounts the users router at /accounts under it.
    const mounted = [
      ...edit(base, APP, "import { usersRouter } from './routes/users';\n", "import { apiRouter } from './routes/index';\n").map((f) => (f.path === APP ? { path: f.path, source: f.source.replace("app.use('/users', usersRouter);", "app.use('/api', apiRouter);") } : f)),
      { path: 'src/routes/index.ts', source: "import { Router } from 'express';\nimport { usersRouter } from './users';\n\nexport const apiRouter = Router();\napiRouter.use('/accounts', usersRouter);\n" },
    ];
    const baseDoc = await buildOpenApi(mounted);
    assert.ok(baseDoc.paths['/api/accounts/{id}'], Object.keys(baseDoc.paths).join(', '));
    const r = await plan(mounted, dropEmail(mounted), ['GET /api/accounts/{id}', 'POST /api/accounts']);
    assert.ok(r, 'a plan');
    assert.equal(r.title, 'Keep POST /api/accounts, GET /api/accounts/{id} as they were (deprecated) and serve the new shapes under /v2');
    assert.deepEqual(r.changes.filter((c) => c.verdict === 'breaking'), []);
    for (const op of ['POST /api/accounts/v2', 'GET /api/accounts/v2/{id}']) assert.ok(r.changes.some((c) => c.kind === 'operation-added' && c.operation === op), op);
    assert.deepEqual(r.plan.changes.map((c) => c.path).sort(), [USERS, TS]);
    assert.ok(r.text(USERS).includes('the new shape is at /api/accounts/v2/{id}.'), r.text(USERS));
  });

  it('a schema declared in the router module itself is copied there, with no import to extend', async () => {
    const schema = "export const UserPublic = z.object({\n  id: z.number().int(),\n  email: z.string(),\n  name: z.string(),\n  role: z.enum(['admin', 'member']),\n});\n";
    const local = edit(
      edit(base, TS, `\n${schema}`, ''),
      USERS, "import { IdParams, UserCreate, UserPublic } from '../schemas/user';\n", `import { z } from 'zod';\nimport { IdParams, UserCreate } from '../schemas/user';\n\n${schema}`,
    );
    const head = edit(local, USERS, '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n');
    const r = await plan(local, head, ['GET /users/{id}']);
    assert.ok(r, 'a plan');
    assert.deepEqual(r.plan.changes.map((c) => c.path), [USERS]);
    assert.ok(r.text(USERS).includes("import { IdParams, UserCreate } from '../schemas/user';\n"), 'imports untouched');
    assert.ok(r.text(USERS).includes('// UserPublic as clients of the deprecated route still read it.\nexport const UserPublicV1 = z.object({\n  id: z.number().int(),\n  email: z.string(),\n'), r.text(USERS));
    assert.deepEqual(kept(r, 'GET /users/{id}'), []);
  });

  it('the kept route is deprecated in the contract: removing it later is a warning, and a route deprecated already is not given the header twice', async () => {
    const r = await plan(base, dropEmail(base), ['GET /users/{id}']);
    assert.ok(r);
    const users = r.text(USERS);
    const withoutOld = r.files.map((f) => (f.path === USERS ? { path: f.path, source: users.slice(0, users.indexOf('\n\n// deprecated: GET /users/{id}')) + '\n' } : f));
    const later = diffContracts(r.doc, await buildOpenApi(withoutOld)).filter((c) => c.operation === 'GET /users/{id}');
    assert.deepEqual(later.map((c) => [c.verdict, c.kind]), [['potentially-breaking', 'operation-removed-deprecated']]);
    // A route that was deprecated already keeps its own header in the copy, not two.
    const flagged = edit(base, USERS, "usersRouter.get('/:id', (req, res) => {\n", "usersRouter.get('/:id', (req, res) => {\n  res.set('Deprecation', '@1767225600');\n");
    const again = await plan(flagged, dropEmail(flagged), ['GET /users/{id}']);
    assert.ok(again);
    const copy = again.text(USERS).slice(again.text(USERS).indexOf('// deprecated: GET /users/{id}'));
    assert.equal((copy.match(/Deprecation/g) ?? []).length, 1, copy);
  });

  describe('not offered', () => {
    it('for request-side changes: the old route would store values the new schemas reject', async () => {
      const required = edit(base, TS, '  name: z.string(),\n  nickname', '  name: z.string(),\n  phone: z.string(),\n  nickname');
      assert.equal(await plan(base, required, ['POST /users'], 'request-field-added-required'), undefined);
      assert.equal(await plan(base, edit(base, TS, "role: z.enum(['admin', 'member']).default", "role: z.enum(['admin']).default"), ['POST /users'], 'enum-value-removed'), undefined);
    });

    it('when the base handler cannot be located as an inline handler (passed by name), or the route is gone', async () => {
      const named = edit(base, USERS, /usersRouter\.get\('\/:id', \(req, res\) => \{([\s\S]*?)\n\}\);/, "function getUser(req: Request, res: Response): void {$1\n}\n\nusersRouter.get('/:id', getUser);");
      assert.ok((await buildOpenApi(named)).paths['/users/{id}'], 'the named handler is still a route');
      assert.equal(await plan(named, dropEmail(named), ['GET /users/{id}']), undefined);
      const gone = edit(base, USERS, /\n\nusersRouter\.get\('\/:id'[\s\S]*$/, '\n');
      assert.equal(await plan(base, dropEmail(gone), ['GET /users/{id}']), undefined);
    });

    it('when a route declared earlier would shadow /v2 (a path parameter takes the version segment)', async () => {
      const listed = edit(base, USERS, /$/, "\nusersRouter.get('/', (req, res) => {\n  const out: UserPublic[] = [];\n  res.json(out);\n});\n");
      const head = dropEmail(listed);
      assert.equal(await plan(listed, head, ['GET /users']), undefined, "GET /users/v2 would reach '/:id' first");
      assert.ok(await plan(listed, head, ['GET /users/{id}']), 'the get-one route itself can still be versioned');
    });

    it('when the copy cannot be imported, or its name is taken', async () => {
      const namespaced = edit(base, USERS, "import { IdParams, UserCreate, UserPublic } from '../schemas/user';", "import * as s from '../schemas/user';\nconst { IdParams, UserCreate, UserPublic } = s;");
      assert.equal(await plan(namespaced, dropEmail(namespaced), ['GET /users/{id}']), undefined);
      const taken = edit(base, TS, /$/, '\nexport const UserPublicV1 = z.object({});\n');
      assert.equal(await plan(taken, dropEmail(taken), ['GET /users/{id}']), undefined);
    });

    it('when our rules would report something new in the result (the old handler carried a finding)', async () => {
      const risky = edit(base, USERS, "  const { id } = IdParams.parse(req.params);\n", "  const { id } = IdParams.parse(req.params);\n  eval(String(req.query.code));\n");
      assert.equal(await plan(risky, dropEmail(risky), ['GET /users/{id}']), undefined);
    });
  });
});
