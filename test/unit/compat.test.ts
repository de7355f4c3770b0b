// `backend-skill compat` on real git repositories made in temp dirs: one small
// FastAPI and one Express + zod project (test/fixtures/compat/) are committed,
// edited one way each, and the verdict of the check is asserted per class of
// change — breaking, potentially breaking, compatible — including edits that
// change nothing a client can see (they must report nothing).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { compareContracts } from '../../src/core/contract/compare';
import { type Change } from '../../src/core/compat/diff';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'compat');
const dirs: string[] = [];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A git repository holding the fixture project, committed on `main`. */
function repo(framework: 'fastapi' | 'express'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-compat-'));
  dirs.push(dir);
  fs.cpSync(path.join(FIXTURES, framework), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
  return dir;
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(dir, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `edit did not apply to ${file}: ${String(from)}`);
  fs.writeFileSync(full, after);
}

function commit(dir: string): void {
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qam', 'next');
}

async function changes(dir: string, ...extra: string[]): Promise<{ code: number; changes: Change[] }> {
  const r = await cli('compat', dir, '--format', 'json', ...(extra.length ? extra : ['--base', 'HEAD']));
  assert.equal(r.err, '', r.err);
  return { code: r.code, changes: (JSON.parse(r.out) as { changes: Change[] }).changes };
}

const show = (cs: readonly Change[]): string => cs.map((c) => `${c.verdict} ${c.kind} ${c.operation}: ${c.message}`).join('\n') || '(none)';

interface Case {
  readonly name: string;
  readonly file: string;
  readonly from: string | RegExp;
  readonly to: string;
  /** An edit committed to the base first (a deprecation). */
  readonly base?: { file: string; from: string | RegExp; to: string };
  readonly kind: string;
  readonly verdict: Change['verdict'];
  readonly operation?: string;
  /** Exact message expected for this change, when the wording matters. */
  readonly message?: string;
}

const PY = { schemas: 'app/schemas.py', users: 'app/routers/users.py' };
const FASTAPI_CASES: Case[] = [
  { name: 'operation removed', file: PY.users, from: /@router\.get\("\/\{user_id\}"[\s\S]*$/, to: '', kind: 'operation-removed', verdict: 'breaking', operation: 'GET /users/{user_id}' },
  { name: 'method changed', file: PY.users, from: '@router.get("/{user_id}"', to: '@router.post("/{user_id}"', kind: 'method-changed', verdict: 'breaking' },
  { name: 'path parameter renamed', file: PY.users, from: /user_id/g, to: 'uid', kind: 'path-param-renamed', verdict: 'potentially-breaking' },
  { name: 'path parameter retyped (narrowed)', file: PY.users, from: 'user_id: int', to: 'user_id: Annotated[int, Path(ge=10)]', kind: 'constraint-tightened', verdict: 'breaking' },
  { name: 'path parameter retyped (str → int)', base: { file: PY.users, from: 'user_id: int', to: 'user_id: str' }, file: PY.users, from: 'user_id: str', to: 'user_id: int', kind: 'request-type-narrowed', verdict: 'breaking' },
  { name: 'request field added as required', file: PY.schemas, from: '    name: str\n    nickname', to: '    name: str\n    phone: str\n    nickname', kind: 'request-field-added-required', verdict: 'breaking' },
  { name: 'request field added as optional', file: PY.schemas, from: '    name: str\n    nickname', to: '    name: str\n    phone: str | None = None\n    nickname', kind: 'request-field-added-optional', verdict: 'compatible' },
  { name: 'request field removed under extra=forbid', file: PY.schemas, from: '    nickname: str | None = None\n', to: '', kind: 'request-field-removed-forbidden', verdict: 'breaking' },
  { name: 'request field type narrowed', file: PY.schemas, from: '    name: str\n    nickname', to: '    name: int\n    nickname', kind: 'request-type-narrowed', verdict: 'breaking' },
  { name: 'constraint tightened (max_length lowered)', file: PY.schemas, from: 'max_length=100', to: 'max_length=50', kind: 'constraint-tightened', verdict: 'breaking' },
  { name: 'constraint tightened (min raised)', file: PY.schemas, from: 'ge=0', to: 'ge=18', kind: 'constraint-tightened', verdict: 'breaking' },
  { name: 'constraint relaxed', file: PY.schemas, from: 'max_length=100', to: 'max_length=200', kind: 'constraint-relaxed', verdict: 'compatible' },
  { name: 'enum value removed', file: PY.schemas, from: '    admin = "admin"\n', to: '', kind: 'enum-value-removed', verdict: 'breaking', operation: 'POST /users' },
  { name: 'optional → required', file: PY.schemas, from: '    nickname: str | None = None', to: '    nickname: str | None', kind: 'request-field-made-required', verdict: 'breaking' },
  { name: 'response field removed', file: PY.schemas, from: '    id: int\n    email: str\n', to: '    id: int\n', kind: 'response-field-removed', verdict: 'breaking', operation: 'GET /users/{user_id}', message: 'Removing "email" from UserPublic breaks clients of GET /users/{user_id}' },
  { name: 'response field renamed', file: PY.schemas, from: '    email: str\n    name: str\n    role: Role', to: '    email: str\n    full_name: str\n    role: Role', kind: 'response-field-renamed', verdict: 'breaking' },
  { name: 'response field made nullable', file: PY.schemas, from: '    id: int\n    email: str\n', to: '    id: int\n    email: str | None\n', kind: 'response-made-nullable', verdict: 'breaking' },
  { name: 'response field type changed', file: PY.schemas, from: '    id: int\n    email', to: '    id: str\n    email', kind: 'response-type-changed', verdict: 'breaking' },
  { name: 'response enum value added', file: PY.schemas, from: '    member = "member"\n', to: '    member = "member"\n    guest = "guest"\n', kind: 'response-enum-value-added', verdict: 'potentially-breaking' },
  { name: 'success status changed', file: PY.users, from: 'status.HTTP_201_CREATED', to: 'status.HTTP_200_OK', kind: 'success-status-changed', verdict: 'breaking' },
  { name: 'auth added to a public route', file: PY.users, from: '@router.get("/{user_id}", response_model=UserPublic)', to: '@router.get("/{user_id}", response_model=UserPublic, dependencies=[Depends(get_current_user)])', kind: 'auth-added', verdict: 'breaking' },
  { name: 'new route', file: PY.users, from: /$/, to: '\n\n@router.get("/{user_id}/avatar")\nasync def get_avatar(user_id: int) -> dict[str, str]:\n    return {}\n', kind: 'operation-added', verdict: 'compatible' },
  { name: 'new optional query parameter', file: PY.users, from: '= 50) ->', to: '= 50, q: str | None = None) ->', kind: 'param-added-optional', verdict: 'compatible' },
  { name: 'new required query parameter', file: PY.users, from: '= 50) ->', to: '= 50, *, q: str) ->', kind: 'param-added-required', verdict: 'breaking' },
  { name: 'extra="forbid" added to a request model', base: { file: PY.schemas, from: '    model_config = ConfigDict(extra="forbid")\n\n    email', to: '    email' }, file: PY.schemas, from: 'class UserCreate(BaseModel):\n', to: 'class UserCreate(BaseModel):\n    model_config = ConfigDict(extra="forbid")\n\n', kind: 'request-extra-forbidden', verdict: 'potentially-breaking', operation: 'POST /users' },
  { name: 'extra="forbid" removed from a request model', file: PY.schemas, from: '    model_config = ConfigDict(extra="forbid")\n\n    email', to: '    email', kind: 'request-extra-allowed', verdict: 'compatible' },
  {
    name: 'deprecated route removed', base: { file: PY.users, from: '@router.get("/{user_id}", response_model=UserPublic)', to: '@router.get("/{user_id}", response_model=UserPublic, deprecated=True)' },
    file: PY.users, from: /@router\.get\("\/\{user_id\}"[\s\S]*$/, to: '', kind: 'operation-removed-deprecated', verdict: 'potentially-breaking',
  },
  {
    name: 'deprecated response field removed', base: { file: PY.schemas, from: '    id: int\n    email: str\n', to: '    id: int\n    email: str = Field(deprecated=True)\n' },
    file: PY.schemas, from: '    email: str = Field(deprecated=True)\n', to: '', kind: 'response-field-removed-deprecated', verdict: 'potentially-breaking',
  },
];

const TS = { schemas: 'src/schemas/user.ts', users: 'src/routes/users.ts' };
const EXPRESS_CASES: Case[] = [
  { name: 'operation removed', file: TS.users, from: /usersRouter\.get\('\/:id'[\s\S]*$/, to: '', kind: 'operation-removed', verdict: 'breaking', operation: 'GET /users/{id}' },
  { name: 'method changed', file: TS.users, from: "usersRouter.get('/:id'", to: "usersRouter.put('/:id'", kind: 'method-changed', verdict: 'breaking' },
  { name: 'path parameter renamed', file: TS.users, from: "usersRouter.get('/:id'", to: "usersRouter.get('/:userId'", kind: 'path-param-renamed', verdict: 'potentially-breaking' },
  { name: 'request field added as required', file: TS.schemas, from: '  name: z.string(),\n  nickname', to: '  name: z.string(),\n  phone: z.string(),\n  nickname', kind: 'request-field-added-required', verdict: 'breaking' },
  { name: 'request field added as optional', file: TS.schemas, from: '  name: z.string(),\n  nickname', to: '  name: z.string(),\n  phone: z.string().optional(),\n  nickname', kind: 'request-field-added-optional', verdict: 'compatible' },
  { name: 'request field removed from a strict object', file: TS.schemas, from: '  nickname: z.string().nullable().optional(),\n', to: '', kind: 'request-field-removed-forbidden', verdict: 'breaking' },
  { name: 'request field type narrowed', file: TS.schemas, from: '  name: z.string(),\n  nickname', to: '  name: z.number(),\n  nickname', kind: 'request-type-narrowed', verdict: 'breaking' },
  { name: 'request field type narrowed to zod 4 z.int()', file: TS.schemas, from: '  age: z.number().min(0)', to: '  age: z.int().min(0)', base: { file: TS.schemas, from: '  age: z.number().int().min(0)', to: '  age: z.number().min(0)' }, kind: 'request-type-narrowed', verdict: 'breaking' },
  { name: 'constraint tightened', file: TS.schemas, from: 'z.string().max(100)', to: 'z.string().max(20)', kind: 'constraint-tightened', verdict: 'breaking' },
  { name: 'constraint relaxed', file: TS.schemas, from: 'z.string().max(100)', to: 'z.string().max(500)', kind: 'constraint-relaxed', verdict: 'compatible' },
  { name: 'enum value removed', file: TS.schemas, from: "role: z.enum(['admin', 'member']).default", to: "role: z.enum(['member']).default", kind: 'enum-value-removed', verdict: 'breaking' },
  { name: 'optional → required', file: TS.schemas, from: 'z.string().nullable().optional()', to: 'z.string().nullable()', kind: 'request-field-made-required', verdict: 'breaking' },
  { name: 'response field removed', file: TS.schemas, from: '  id: z.number().int(),\n  email: z.string(),\n', to: '  id: z.number().int(),\n', kind: 'response-field-removed', verdict: 'breaking', message: 'Removing "email" from UserPublic breaks clients of GET /users/{id}' },
  { name: 'response field renamed', file: TS.schemas, from: '  email: z.string(),\n  name: z.string(),\n  role: z.enum', to: '  email: z.string(),\n  fullName: z.string(),\n  role: z.enum', kind: 'response-field-renamed', verdict: 'breaking' },
  { name: 'response field made nullable', file: TS.schemas, from: '  id: z.number().int(),\n  email: z.string(),\n', to: '  id: z.number().int(),\n  email: z.string().nullable(),\n', kind: 'response-made-nullable', verdict: 'breaking' },
  { name: 'response field type changed', file: TS.schemas, from: '  id: z.number().int(),\n  email', to: '  id: z.string(),\n  email', kind: 'response-type-changed', verdict: 'breaking' },
  { name: 'response enum value added', file: TS.schemas, from: "  role: z.enum(['admin', 'member']),\n});", to: "  role: z.enum(['admin', 'member', 'guest']),\n});", kind: 'response-enum-value-added', verdict: 'potentially-breaking' },
  { name: 'request object made strict', base: { file: TS.schemas, from: 'export const UserCreate = z.strictObject({', to: 'export const UserCreate = z.object({' }, file: TS.schemas, from: 'export const UserCreate = z.object({', to: 'export const UserCreate = z.strictObject({', kind: 'request-extra-forbidden', verdict: 'potentially-breaking' },
  { name: 'success status changed', file: TS.users, from: 'res.status(201)', to: 'res.status(200)', kind: 'success-status-changed', verdict: 'breaking' },
  { name: 'auth added to a public route', file: TS.users, from: "usersRouter.get('/:id', (req", to: "usersRouter.get('/:id', requireAuth, (req", kind: 'auth-added', verdict: 'breaking' },
  {
    name: 'deprecated route removed (Deprecation header)', base: { file: TS.users, from: "  const { id } = IdParams.parse(req.params);", to: "  res.set('Deprecation', 'true');\n  const { id } = IdParams.parse(req.params);" },
    file: TS.users, from: /usersRouter\.get\('\/:id'[\s\S]*$/, to: '', kind: 'operation-removed-deprecated', verdict: 'potentially-breaking',
  },
  { name: 'new route', file: TS.users, from: /$/, to: "\nusersRouter.get('/:id/avatar', (req, res) => {\n  res.json({});\n});\n", kind: 'operation-added', verdict: 'compatible' },
];

/** Edits no client sees or must react to: each must report no change at all. */
const NO_CHANGE: { framework: 'fastapi' | 'express'; name: string; file: string; from: string | RegExp; to: string }[] = [
  { framework: 'fastapi', name: 'comment and blank lines', file: PY.schemas, from: 'class UserPublic(BaseModel):', to: '# What the API returns.\n\n\nclass UserPublic(BaseModel):' },
  { framework: 'fastapi', name: 'fields reordered', file: PY.schemas, from: '    email: str\n    name: str\n    role: Role', to: '    name: str\n    role: Role\n    email: str' },
  { framework: 'fastapi', name: 'path parameter widened from int to str (every URL still accepted)', file: PY.users, from: 'user_id: int', to: 'user_id: str' },
  { framework: 'fastapi', name: 'handler body changed', file: PY.users, from: 'return []', to: 'users: list[UserPublic] = []\n    return users' },
  { framework: 'fastapi', name: 'Optional[X] spelled as X | None', file: PY.schemas, from: '    nickname: str | None = None', to: '    nickname: Optional[str] = None' },
  { framework: 'express', name: 'handler body changed', file: TS.users, from: "name: 'a'", to: "name: 'b'" },
  { framework: 'express', name: 'z.number().int() spelled as zod 4 z.int()', file: TS.schemas, from: '  age: z.number().int().min(0)', to: '  age: z.int().min(0)' },
  { framework: 'express', name: 'schema reformatted', file: TS.schemas, from: '  name: z.string(),\n  nickname', to: '  name: z\n    .string(),\n  nickname' },
];

describe('compat: backward compatibility against a git base', function () {
  this.timeout(60_000);
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [framework, cases] of [['fastapi', FASTAPI_CASES], ['express', EXPRESS_CASES]] as const) {
    describe(framework, () => {
      for (const c of cases) {
        it(`${c.name} → ${c.verdict}`, async () => {
          const dir = repo(framework);
          if (c.base) {
            edit(dir, c.base.file, c.base.from, c.base.to);
            commit(dir);
          }
          edit(dir, c.file, c.from, c.to);
          const { code, changes: found } = await changes(dir);
          const hit = found.find((x) => x.kind === c.kind && (c.operation === undefined || x.operation === c.operation));
          assert.ok(hit, `expected ${c.kind}; got\n${show(found)}`);
          assert.equal(hit.verdict, c.verdict, show(found));
          if (c.message) assert.ok(found.some((x) => x.message === c.message), `expected message "${c.message}"; got\n${show(found)}`);
          assert.match(hit.source ?? '', /^[\w/.-]+:\d+$/, 'each change points at a file:line');
          assert.equal(code, found.some((x) => x.verdict === 'breaking') ? 1 : 0);
          // Compatible edits must not be called breaking by anything else the edit touched.
          if (c.verdict === 'compatible') assert.ok(!found.some((x) => x.verdict === 'breaking'), show(found));
        });
      }
    });
  }

  describe('edits no client sees report nothing (hard negatives)', () => {
    for (const c of NO_CHANGE) {
      it(`${c.framework}: ${c.name}`, async () => {
        const dir = repo(c.framework);
        if (c.to.includes('Optional[')) edit(dir, PY.schemas, 'from enum import Enum', 'from enum import Enum\nfrom typing import Optional');
        edit(dir, c.file, c.from, c.to);
        const { code, changes: found } = await changes(dir);
        assert.deepEqual(found, [], show(found));
        assert.equal(code, 0);
      });
    }
  });

  it('defaults to the merge base with the default branch, reading files with git show', async () => {
    const dir = repo('fastapi');
    git(dir, 'checkout', '-q', '-b', 'feature');
    edit(dir, PY.schemas, '    id: int\n    email: str\n', '    id: int\n');
    commit(dir);
    const statusBefore = git(dir, 'status', '--porcelain');
    const r = await cli('compat', dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /BREAKING {2}GET \/users\/\{user_id\} {2}Removing "email" from UserPublic breaks clients of GET \/users\/\{user_id\} {2}\(app\/schemas\.py:\d+\)/);
    assert.equal(git(dir, 'status', '--porcelain'), statusBefore, 'nothing checked out or written');
  });

  it('--base-file compares with a saved OpenAPI document; SARIF marks breaking changes as errors', async () => {
    const dir = repo('express');
    const saved = await cli('openapi', dir);
    assert.equal(saved.code, 0, saved.err);
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, saved.out);
    edit(dir, TS.schemas, 'z.string().max(100)', 'z.string().max(20)');
    const r = await cli('compat', dir, '--base-file', file, '--format', 'sarif');
    assert.equal(r.code, 1, r.err);
    const sarif = JSON.parse(r.out) as { version: string; runs: { results: { level: string; ruleId: string; locations?: unknown[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'constraint-tightened');
    assert.equal(result?.level, 'error');
    assert.ok(result?.locations?.length);
  });

  it('bad input: one line, exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-compat-'));
    dirs.push(dir);
    for (const argv of [['compat', dir, '--base', 'HEAD'], ['compat', dir, '--base-file', path.join(dir, 'missing.json')], ['compat', dir, '--format', 'xml'], ['openapi', dir, '--exact']]) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.out}${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^backend-skill: error: /);
    }
  });
});

describe('openapi: static vs exact agreement counts every fact', () => {
  const doc = (nameType: string, extraOp: boolean) => ({
    paths: {
      '/users/{id}': {
        get: {
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'integer' } }],
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } } },
        },
        ...(extraOp ? { delete: { responses: { '204': {} } } } : {}),
      },
    },
    components: { schemas: { User: { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, name: { type: nameType } } } } },
  });

  it('identical documents agree on every fact, $refs resolved', () => {
    const r = compareContracts(doc('string', false), doc('string', false));
    assert.equal(r.agreed, r.total);
    assert.deepEqual(r.disagreements, []);
  });

  it('a retyped property and a missing operation are each listed', () => {
    const r = compareContracts(doc('string', false), doc('integer', true));
    assert.equal(r.total - r.agreed, r.disagreements.length);
    assert.ok(r.disagreements.includes('GET /users/{id} 200.name: static=optional string exact=optional integer'), r.disagreements.join('\n'));
    assert.ok(r.disagreements.some((d) => d.startsWith('DELETE /users/{id}: static=(missing)')), r.disagreements.join('\n'));
  });
});
