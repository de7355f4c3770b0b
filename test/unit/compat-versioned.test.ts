// The versioned-route planner (core): the compat fixture's FastAPI project as
// base, edited in memory as the working tree. Each plan must re-parse, and
// compat on the result must keep the old operations (nothing breaking left on
// them) with the new shape served under /v2; plans that cannot prove that,
// that a route declared earlier would shadow, or for request-side changes
// (the old route would store what the new models reject) are not offered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOpenApi, type SourceFile } from '../../src/core/contract/openapi';
import { diffContracts } from '../../src/core/compat/diff';
import { planVersionedRoute } from '../../src/core/compat/versionedRoute';
import { resultingText } from '../../src/core/plan/editPlan';
import { parsePython } from '../../src/core/parse/python';

const ROOT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'compat', 'fastapi');
const PY = 'app/schemas.py';
const USERS = 'app/routers/users.py';

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
  const result = await planVersionedRoute({ base, head, baseDoc, headDoc, operations, kind });
  if (!result) return undefined;
  const files = head.map((f) => {
    const change = result.plan.changes.find((c) => c.path === f.path);
    return change ? { path: f.path, source: resultingText(change) } : f;
  });
  for (const change of result.plan.changes) {
    assert.equal(change.kind, 'modify');
    assert.equal(change.kind === 'modify' && change.original, head.find((f) => f.path === change.path)!.source, 'the plan is against the working tree');
    const tree = await parsePython(files.find((f) => f.path === change.path)!.source);
    assert.equal(tree.rootNode.hasError, false, `${change.path} re-parses`);
    tree.delete();
  }
  const changes = diffContracts(baseDoc, await buildOpenApi(files));
  return { ...result, files, changes, text: (p: string) => files.find((f) => f.path === p)!.source };
}

describe('compat quick fix: keep the old operation, serve the new shape under /v2', function () {
  this.timeout(30_000);
  const base = project();

  it('a removed response field: GET /users/{user_id} keeps its old model, the new one moves to /users/v2/{user_id}', async () => {
    const head = edit(base, PY, '    id: int\n    email: str\n', '    id: int\n');
    const r = await plan(base, head, ['GET /users/{user_id}']);
    assert.ok(r, 'a plan');
    assert.equal(r.title, 'Keep GET /users/{user_id} as it was (deprecated) and serve the new shape at /users/v2/{user_id}');
    assert.deepEqual(r.changes.filter((c) => c.operation === 'GET /users/{user_id}' && c.verdict !== 'compatible'), [], 'the old operation is preserved');
    assert.ok(r.changes.some((c) => c.kind === 'operation-added' && c.operation === 'GET /users/v2/{user_id}'), 'the new shape is served');
    const users = r.text(USERS);
    assert.ok(users.includes('@router.get("/v2/{user_id}", response_model=UserPublic)\nasync def get_user(user_id: int) -> UserPublic:'), users);
    assert.ok(users.includes('@router.get("/{user_id}", response_model=UserPublicV1, deprecated=True)\nasync def get_user_v1(user_id: int) -> UserPublicV1:'), users);
    assert.ok(users.includes('from app.schemas import UserCreate, UserPublic, UserPublicV1\n'), users);
    assert.match(r.text(PY), /class UserPublic\(BaseModel\):\n {4}id: int\n {4}name: str\n {4}role: Role\n\n\n# UserPublic as clients of the deprecated route still read it\.\nclass UserPublicV1\(BaseModel\):\n {4}id: int\n {4}email: str\n/);
  });

  it('every operation a change breaks, in one plan: list wrappers keep the old item model', async () => {
    const head = edit(base, PY, '    id: int\n    email: str\n', '    id: int\n');
    const ops = ['POST /users', 'GET /users', 'GET /users/{user_id}'];
    const r = await plan(base, head, ops);
    assert.ok(r, 'a plan');
    assert.deepEqual(r.changes.filter((c) => c.verdict === 'breaking'), [], 'nothing breaks any more');
    for (const op of ['POST /users/v2', 'GET /users/v2', 'GET /users/v2/{user_id}']) assert.ok(r.changes.some((c) => c.kind === 'operation-added' && c.operation === op), op);
    assert.ok(r.text(USERS).includes('@router.get("", response_model=list[UserPublicV1], deprecated=True)\nasync def list_users_v1('));
  });

  it('a changed success status: the old handler keeps answering 201', async () => {
    const head = edit(base, USERS, 'status.HTTP_201_CREATED', 'status.HTTP_200_OK');
    const r = await plan(base, head, ['POST /users'], 'success-status-changed');
    assert.ok(r, 'a plan');
    assert.deepEqual(r.changes.filter((c) => c.operation === 'POST /users' && c.verdict === 'breaking'), []);
    assert.ok(r.text(USERS).includes('@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserPublic, dependencies=[Depends(get_current_user)], deprecated=True)\nasync def create_user_v1('));
  });

  it('not offered for request-side changes: the old route would store values the new models reject', async () => {
    const required = edit(base, PY, '    name: str\n    nickname', '    name: str\n    phone: str\n    nickname');
    assert.equal(await plan(base, required, ['POST /users'], 'request-field-added-required'), undefined);
    assert.equal(await plan(base, edit(base, PY, '    admin = "admin"\n', ''), ['POST /users'], 'enum-value-removed'), undefined);
    assert.equal(await plan(base, edit(base, USERS, '@router.get("/{user_id}", response_model=UserPublic)', '@router.get("/{user_id}", response_model=UserPublic, dependencies=[Depends(get_current_user)])'), ['GET /users/{user_id}'], 'auth-added'), undefined);
  });

  it('a model that inherits the changed one is copied with its parent', async () => {
    const split = edit(base, PY, 'class UserPublic(BaseModel):\n    id: int\n    email: str\n    name: str\n    role: Role\n', 'class UserFields(BaseModel):\n    email: str\n    name: str\n    role: Role\n\n\nclass UserPublic(UserFields):\n    id: int\n');
    const head = edit(split, PY, 'class UserFields(BaseModel):\n    email: str\n', 'class UserFields(BaseModel):\n');
    const r = await plan(split, head, ['GET /users/{user_id}']);
    assert.ok(r, 'a plan');
    assert.ok(r.text(PY).includes('class UserPublicV1(UserFieldsV1):'), r.text(PY));
    assert.ok(r.text(PY).includes('class UserFieldsV1(BaseModel):\n    email: str\n'));
    assert.deepEqual(r.changes.filter((c) => c.operation === 'GET /users/{user_id}' && c.verdict !== 'compatible'), []);
  });

  it('not offered when a class beneath the handler changed too (the old handler would run on new storage)', async () => {
    const withOrm = edit(base, PY, 'class Role(str, Enum):', 'class UserRow:\n    __tablename__ = "users"\n    email: str\n\n\nclass Role(str, Enum):');
    const dropped = edit(withOrm, PY, '    id: int\n    email: str\n', '    id: int\n');
    const head = edit(dropped, PY, '    __tablename__ = "users"\n    email: str\n', '    __tablename__ = "users"\n');
    assert.equal(await plan(withOrm, head, ['GET /users/{user_id}']), undefined);
    assert.ok(await plan(withOrm, dropped, ['GET /users/{user_id}']), 'offered while the class beneath is unchanged');
  });

  it('not offered: the operation is gone, a route declared earlier would shadow /v2, or the name is taken', async () => {
    const removed = edit(base, USERS, /@router\.get\("\/\{user_id\}"[\s\S]*$/, '');
    assert.equal(await plan(base, removed, ['GET /users/{user_id}']), undefined);
    // The get-one route declared before the list: GET /users/v2 would reach /{user_id} first.
    const users = base.find((f) => f.path === USERS)!.source;
    const list = users.slice(users.indexOf('@router.get("", '), users.indexOf('@router.get("/{user_id}"'));
    const reordered = edit(edit(base, USERS, list, ''), USERS, /$/, `\n\n${list.trimEnd()}\n`);
    const head = edit(reordered, PY, '    id: int\n    email: str\n', '    id: int\n');
    assert.equal(await plan(reordered, head, ['GET /users']), undefined);
    assert.ok(await plan(reordered, head, ['GET /users/{user_id}']), 'the get-one route itself can still be versioned');
    const taken = edit(edit(base, USERS, /$/, '\n\ndef get_user_v1() -> None:\n    pass\n'), PY, '    id: int\n    email: str\n', '    id: int\n');
    assert.equal(await plan(edit(base, USERS, /$/, '\n\ndef get_user_v1() -> None:\n    pass\n'), taken, ['GET /users/{user_id}']), undefined);
  });
});
