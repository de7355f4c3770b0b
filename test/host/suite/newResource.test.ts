// Backend: New Resource… and Initialize FastAPI Project… end to end in a
// real extension host, and the settings they honour: defaultAuth preselects
// the auth pick (an invalid value falls back to the default), previewEdits
// routes the edit through the refactor preview (applied or discarded there),
// projectFolder/targetFramework choose and check the project.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT, ScriptedInput, activeLine, api, assertSameWorkspace, exists, read, restore, setSetting, settle, snapshot, undoIn, uri, type Answer } from './scripted';

suite('New Resource and Initialize, with settings', () => {
  let baseline: Map<string, string>;
  let input: ScriptedInput;
  const restores: (() => Promise<void>)[] = [];

  suiteSetup(async () => {
    await api();
    baseline = await snapshot();
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
    for (const undo of restores.splice(0).reverse()) await undo();
    await restore(baseline);
  });

  async function set(key: string, value: unknown): Promise<void> {
    restores.push(await setSetting(key, value));
  }

  async function run(command: string, answers: Record<string, Answer>): Promise<ScriptedInput> {
    input = new ScriptedInput(answers);
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand(command);
    return input;
  }

  const BOOK: Record<string, Answer> = { 'resource.name': 'Book', 'resource.fields': 'title:str:max=200 author:ref(Author)', 'resource.auth': DEFAULT };

  test('creates the slice, wires it, opens the router; one undo removes every file and restores main.py', async () => {
    const main = await read('app/main.py');
    await run('backendSkill.newResource', BOOK);
    assert.deepEqual(input.errors, []);
    assert.equal(input.defaults.get('resource.auth'), 'writes');
    for (const path of ['app/models/book.py', 'app/schemas/book.py', 'app/repositories/book.py', 'app/routers/books.py', 'tests/test_books.py']) {
      assert.ok(await exists(path), `${path} created`);
    }
    assert.match((await read('app/main.py'))!, /app\.include_router\(books\.router\)/);
    assert.equal(activeLine().path, 'app/routers/books.py');
    assert.equal((await api()).lastApplied()?.preview, false, 'previewEdits off: applied directly');
    await undoIn('app/main.py');
    assert.equal(await read('app/main.py'), main);
    assertSameWorkspace(await snapshot(), baseline, 'workspace after one undo');
    // The documents of the deleted files linger in VS Code: running again must not see them.
    await run('backendSkill.newResource', BOOK);
    assert.deepEqual(input.errors, [], 'the same resource again after undo');
    assert.ok(await exists('app/routers/books.py'));
  });

  test('defaultAuth "all" preselects every-route auth; an invalid value falls back to writes', async () => {
    await set('defaultAuth', 'all');
    await run('backendSkill.newResource', BOOK);
    assert.equal(input.defaults.get('resource.auth'), 'all');
    assert.match((await read('app/routers/books.py'))!, /router = APIRouter\(prefix="\/books", tags=\["books"\], dependencies=\[Depends\(get_current_user\)\]\)/);
    await restore(baseline);
    await set('defaultAuth', 'sometimes');
    await run('backendSkill.newResource', { ...BOOK, 'resource.auth': undefined });
    assert.equal(input.defaults.get('resource.auth'), 'writes');
    assertSameWorkspace(await snapshot(), baseline, 'Escape at the auth pick: nothing changed');
  });

  test('the access pick also offers owned rows and admin-only writes (FastAPI)', async () => {
    await run('backendSkill.newResource', { ...BOOK, 'resource.auth': 'owned' });
    assert.deepEqual(input.errors, []);
    assert.match((await read('app/models/book.py'))!, /^ {4}owner_id: Mapped\[int\] = mapped_column\(ForeignKey\("users\.id"/m);
    assert.match((await read('app/routers/books.py'))!, /return await repo\.create_for_owner\(payload, current_user\.id\)/);
    await restore(baseline);
    await run('backendSkill.newResource', { ...BOOK, 'resource.auth': 'admin' });
    assert.deepEqual(input.errors, []);
    assert.match((await read('app/routers/books.py'))!, /dependencies=\[Depends\(get_current_superuser\)\]/);
  });

  test('previewEdits: the edit waits in the refactor preview; discarded there, nothing changes', async () => {
    await set('previewEdits', true);
    await throughPreview(run('backendSkill.newResource', BOOK), 'refactorPreview.discard');
    assert.deepEqual(input.errors, []);
    const last = (await api()).lastApplied();
    assert.deepEqual([last?.label, last?.preview, last?.applied], ['New resource Book', true, false]);
    assertSameWorkspace(await snapshot(), baseline, 'discarded: nothing changed');
    // Its entries start unchecked there (VS Code's rule for needsConfirmation), so a user ticks them and applies;
    // the off setting applies directly, as the first test shows (preview: false).
  });

  test('a bad field spec is explained while typing; forced through it changes nothing', async () => {
    await run('backendSkill.newResource', { ...BOOK, 'resource.fields': 'title:str author:ref(Writer)' });
    assert.match(input.validations[0]?.message ?? '', /ref\(Writer\): no resource Writer in this project \(known: Author, Book, User\).*column 11/);
    await run('backendSkill.newResource', { ...BOOK, 'resource.fields': { force: 'title:str author:ref(Writer)' } });
    assert.equal(input.errors.length, 1);
    assert.match(input.errors[0]!, /^Backend: ref\(Writer\): no resource Writer/);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });

  test('projectFolder and targetFramework choose and check the project', async () => {
    const plain = { ...BOOK, 'resource.fields': 'title:str' };
    await set('projectFolder', 'services/api');
    await run('backendSkill.newResource', plain);
    assert.match(input.errors[0] ?? '', /backendSkill\.projectFolder "services\/api" does not look like a FastAPI project.*targetFramework/);
    await set('targetFramework', 'fastapi');
    await run('backendSkill.newResource', plain);
    assert.match(input.errors[0] ?? '', /not a complete backend-skill FastAPI project \(missing app\/main\.py/);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
    // Initialize creates the project in that folder; one undo takes every file back.
    await run('backendSkill.initFastApi', { 'init.name': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.ok(await exists('services/api/app/main.py'));
    assert.equal(activeLine().path, 'services/api/app/main.py');
    await undoIn('services/api/app/main.py');
    const after = await snapshot();
    assert.deepEqual([...after.keys()].filter((p) => p.startsWith('services/')), [], 'undo removes every created file');
  });

  test('a workspace with several apps asks which one (Escape changes nothing) and acts in the one picked', async () => {
    // Move the root app aside and put two apps in subfolders.
    await vscode.workspace.fs.delete(uri('app/main.py'), { useTrash: false });
    const app = new TextEncoder().encode('from fastapi import FastAPI\n\napp = FastAPI()\n');
    for (const name of ['services/billing', 'services/shop']) await vscode.workspace.fs.writeFile(uri(`${name}/app/main.py`), app);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const moved = await snapshot();
    await run('backendSkill.newResource', { ...BOOK, 'resource.fields': 'title:str' });
    assert.deepEqual(input.asked, ['projectFolder']);
    assertSameWorkspace(await snapshot(), moved, 'Escape at the app pick: nothing changed');
    await run('backendSkill.newResource', { ...BOOK, 'resource.fields': 'title:str', projectFolder: 'services/shop' });
    assert.equal(input.errors.length, 1);
    assert.match(input.errors[0]!, /not a complete backend-skill FastAPI project \(missing app\/db\.py/, 'planned in services/shop, which has only app/main.py');
    assertSameWorkspace(await snapshot(), moved, 'nothing changed');
  });

  test('Initialize on a complete project changes nothing and says so', async () => {
    await run('backendSkill.initFastApi', { 'init.name': 'Sample' });
    assert.deepEqual(input.errors, []);
    assert.deepEqual(input.infos, ['Backend: the project already has everything init creates.']);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });
});

/**
 * The command waits in the refactor preview: press its Discard (or Apply)
 * (retried until the preview has our edit and the command returns).
 */
async function throughPreview(running: Promise<unknown>, command: 'refactorPreview.apply' | 'refactorPreview.discard'): Promise<void> {
  let done = false;
  let waited = 0;
  void running.then(() => (done = true));
  const until = Date.now() + 20_000;
  while (!done) {
    assert.ok(Date.now() < until, `the refactor preview did not take ${command}`);
    await settle(500);
    if (!done) {
      assert.equal(await exists('app/routers/books.py'), false, 'nothing is written while the preview waits');
      waited++;
      await vscode.commands.executeCommand(command);
    }
  }
  await running;
  assert.ok(waited > 0, 'the command returned without waiting for the refactor preview');
}
