// Owned resources (`new resource X --owned`), the superuser role and admin-only
// writes (`--auth admin`) in the init layout: what the generated slice contains,
// the refusals (one line, nothing written), a project from an older init (no
// superuser role) and the targets that do not offer them. The generated code
// itself runs in test/runtime/fastapi-runtime.test.ts.
import assert from 'node:assert/strict';
import { InputError, PlanError, planExpressInit, planExpressResource, planGeneration, planInit, planNewResource } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText, type EditPlan } from '../../src/core/plan/editPlan';
import { analyzePython } from '../../src/core/analysis/engine';
import { SQLMODEL_PROJECT } from '../support/styleProjects';
import { olderInitFiles } from '../support/olderInit';

async function initFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const c of (await planInit(memoryFileView(files), { projectName: 'shop' })).changes) files.set(c.path, resultingText(c));
  return files;
}

function apply(files: Map<string, string>, plan: EditPlan): Map<string, string> {
  const out = new Map(files);
  for (const c of plan.changes) out.set(c.path, resultingText(c));
  return out;
}

/** Each route decorator of a router and the function under it. */
function routes(router: string): { method: string; decorator: string; signature: string }[] {
  return [...router.matchAll(/^@router\.(\w+)\(\n([\s\S]*?)^\)\n(async def [\s\S]*?:)\n/gm)].map((m) => ({ method: m[1]!, decorator: m[2]!, signature: m[3]! }));
}

async function noFindings(plan: EditPlan): Promise<void> {
  for (const c of plan.changes) {
    if (!c.path.endsWith('.py')) continue;
    const { findings } = await analyzePython(c.path, resultingText(c));
    assert.deepEqual(findings.map((f) => `${c.path}: ${f.rule}`), []);
  }
}

describe('owned resources, superusers and admin-only writes (init layout)', () => {
  it('init gives User an is_superuser column no public body can set, SuperuserDep and app/manage.py', async () => {
    const files = await initFiles();
    assert.match(files.get('app/models/user.py')!, /^ {4}is_superuser: Mapped\[bool\] = mapped_column\(default=False\)$/m);
    const register = /class UserRegister\(BaseModel\):([\s\S]*?)\n\n\nclass /.exec(files.get('app/schemas/user.py')!)![1]!;
    assert.match(register, /extra="forbid"/);
    assert.doesNotMatch(register, /superuser/);
    assert.match(files.get('app/deps.py')!, /^SuperuserDep = Annotated\[User, Depends\(get_current_superuser\)\]$/m);
    assert.match(files.get('app/deps.py')!, /status_code=status\.HTTP_403_FORBIDDEN/);
    const manage = files.get('app/manage.py')!;
    assert.match(manage, /^async def set_superuser\(email: str, value: bool\) -> bool:$/m);
    // No default account or password anywhere: the password is typed or piped in.
    assert.match(manage, /getpass\.getpass\("Password: "\)/);
    assert.doesNotMatch(manage, /\bpassword\s*=\s*["']/i);
    assert.doesNotMatch(files.get('.env.example')!, /^[A-Z_]*PASSWORD=/m);
    assert.match(files.get('README.md')!, /python -m app\.manage create-superuser/);
    assert.match(files.get('.env.example')!, /python -m app\.manage create-superuser/);
  });

  it('--owned: owner_id column from the token, absent from Create/Update, in Public; every route takes the user', async () => {
    const files = await initFiles();
    const { plan, spec } = await planNewResource(memoryFileView(files), { name: 'Note', fields: 'title:str:max=200 author:ref(User)?', owned: true });
    assert.equal(spec.owned, true);
    const out = apply(files, plan);
    assert.match(out.get('app/models/note.py')!, /^ {4}owner_id: Mapped\[int\] = mapped_column\(ForeignKey\("users\.id", ondelete="CASCADE"\), index=True\)$/m);
    const schemas = out.get('app/schemas/note.py')!;
    const classBody = (name: string) => new RegExp(`class ${name}\\(.*?\\):([\\s\\S]*?)(?=\\n\\n\\nclass |$)`).exec(schemas)![1]!;
    for (const dto of ['NoteBase', 'NoteCreate', 'NoteUpdate']) assert.doesNotMatch(classBody(dto), /owner_id/, `${dto} has no owner_id`);
    assert.match(classBody('NoteCreate'), /extra="forbid"/);
    assert.match(classBody('NotePublic'), /^ {4}owner_id: int$/m);
    const router = out.get('app/routers/notes.py')!;
    const all = routes(router);
    assert.deepEqual(all.map((r) => r.method), ['post', 'get', 'get', 'put', 'patch', 'delete']);
    for (const r of all) {
      assert.match(r.signature, /current_user: CurrentUserDep/, `${r.method} takes the user`);
      assert.match(r.decorator, /error_responses\(401/, `${r.method} documents 401`);
      assert.doesNotMatch(r.decorator, /403/, 'another user\'s row is a 404, never a 403');
    }
    assert.match(router, /return await repo\.create_for_owner\(payload, current_user\.id\)/);
    assert.match(router, /return None if user\.is_superuser else user\.id/);
    assert.match(router, /item = await repo\.get_for_owner\(note_id, owner_scope\(user\)\)\n {4}if item is None:\n {8}raise HTTPException\(status_code=status\.HTTP_404_NOT_FOUND/);
    const tests = out.get('tests/test_notes.py')!;
    for (const name of ['test_other_users_note_is_404', 'test_note_owner_comes_from_the_token', 'test_superuser_sees_and_changes_every_note']) {
      assert.match(tests, new RegExp(`^def ${name}\\(`, 'm'));
    }
    assert.match(tests, /refused = client\.post\("\/notes", json=\{\*\*payload, "owner_id": other_id\}, headers=auth_headers\)\n {4}assert refused\.status_code == 422/);
    await noFindings(plan);
  });

  it('--auth admin: reads open, every write behind get_current_superuser (403 documented); tests write as a superuser', async () => {
    const files = await initFiles();
    const { plan } = await planNewResource(memoryFileView(files), { name: 'Category', fields: 'label:str:unique', auth: 'admin' });
    const out = apply(files, plan);
    const router = out.get('app/routers/categories.py')!;
    assert.match(router, /^router = APIRouter\(prefix="\/categories", tags=\["categories"\]\)$/m);
    for (const r of routes(router)) {
      const write = r.method !== 'get';
      assert.equal(r.decorator.includes('dependencies=[Depends(get_current_superuser)]'), write, `${r.method}: superuser only if it writes`);
      assert.equal(/error_responses\(401, 403/.test(r.decorator), write, `${r.method}: 401 and 403 documented on writes`);
    }
    assert.doesNotMatch(router, /get_current_user\b/);
    const tests = out.get('tests/test_categories.py')!;
    assert.match(tests, /^def auth_headers\(superuser_headers: dict\[str, str\]\) -> dict\[str, str\]:$/m);
    assert.match(tests, /assert \[response\.status_code for response in refused\] == \[403\] \* 4/);
    assert.match(tests, /headers=superuser_headers_for\(client\)\)/);
    await noFindings(plan);
  });

  it('refuses contradictions and a client-set owner with one line, planning nothing', async () => {
    const view = memoryFileView(await initFiles());
    const refuses = (input: Parameters<typeof planNewResource>[1], part: string, message: RegExp) =>
      assert.rejects(planNewResource(view, input), (e: unknown) => e instanceof InputError && e.part === part && message.test(e.detail) && !e.detail.includes('\n'));
    await refuses({ name: 'Note', fields: 't:str', owned: true, auth: 'none' }, 'owned', /a login is needed; use --auth writes or all/);
    await refuses({ name: 'Note', fields: 't:str', owned: true, auth: 'admin' }, 'owned', /does not combine with --auth admin/);
    await refuses({ name: 'Note', fields: 't:str owner_id:int', owned: true }, 'fields', /--owned adds owner_id itself .* drop the field "owner_id:int" \(column 7\)/);
    // A reference named owner is the owner_id column too.
    await refuses({ name: 'Note', fields: 'owner:ref(User)', owned: true }, 'fields', /drop the field "owner:ref\(User\)"/);
    await refuses({ name: 'Note', fields: 't:str', auth: 'root' as 'admin' }, 'auth', /auth must be one of writes, all, none, admin/);
    // Without --owned, owner_id is an ordinary field name.
    assert.ok((await planNewResource(view, { name: 'Note', fields: 'owner_id:int' })).plan.changes.length > 0);
  });

  it('a project from an older init: --owned works without superusers; --auth admin is refused, nothing planned', async () => {
    const files = await olderInitFiles();
    const view = memoryFileView(files);
    const { plan } = await planNewResource(view, { name: 'Note', fields: 'title:str', owned: true });
    const out = apply(files, plan);
    const router = out.get('app/routers/notes.py')!;
    assert.match(router, /this project has no superuser role/);
    assert.doesNotMatch(router, /is_superuser/);
    const tests = out.get('tests/test_notes.py')!;
    // Its conftest has one user: the second one is a fixture of the module; no superuser test.
    assert.match(tests, /^@fixture\(scope="module"\)\ndef other_headers\(client: TestClient\) -> dict\[str, str\]:$/m);
    assert.match(tests, /^from pytest import fixture$/m);
    assert.doesNotMatch(tests, /superuser/);
    assert.ok(plan.notes.some((n) => /no superuser role/.test(n)));
    await assert.rejects(
      planNewResource(view, { name: 'Category', fields: 'label:str', auth: 'admin' }),
      (e: unknown) => e instanceof PlanError && /^--auth admin needs the superuser role, which this project predates/.test(e.message) && !e.message.includes('\n'),
    );
  });

  it('projects of their own layout and Express refuse --owned and --auth admin rather than ignore them', async () => {
    const styled = memoryFileView(new Map(Object.entries(SQLMODEL_PROJECT)));
    await assert.rejects(planGeneration(styled, { kind: 'resource', name: 'Project', fields: 'title:str', owned: true }), (e: unknown) => e instanceof InputError && e.part === 'owned');
    await assert.rejects(planGeneration(styled, { kind: 'resource', name: 'Project', fields: 'title:str', auth: 'admin' }), (e: unknown) => e instanceof InputError && e.part === 'auth' && /^admin is available/.test(e.detail));
    const files = new Map<string, string>();
    for (const c of (await planExpressInit(memoryFileView(files), { projectName: 'shop' })).changes) files.set(c.path, resultingText(c));
    const express = memoryFileView(files);
    await assert.rejects(planExpressResource(express, { name: 'Note', fields: 'title:str', owned: true }), (e: unknown) => e instanceof InputError && e.part === 'owned' && /FastAPI projects only/.test(e.detail));
    await assert.rejects(planExpressResource(express, { name: 'Note', fields: 'title:str', auth: 'admin' }), (e: unknown) => e instanceof InputError && e.part === 'auth');
  });
});
