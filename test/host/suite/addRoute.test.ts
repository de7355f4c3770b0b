// Backend: Add Route… end to end in a real extension host, with its inputs
// scripted: where the route lands, typed path parameters, imports added once,
// one undo restoring the file, Escape at every step and bad input changing nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT, ScriptedInput, activeLine, api, assertSameWorkspace, openAt, read, restore, snapshot, undoIn, uri, type Answer } from './scripted';

const ROUTER = 'app/routers/authors.py';
const STEPS = ['route.method', 'route.path', 'route.function', 'route.responseModel', 'route.auth'];

suite('Add Route', () => {
  let baseline: Map<string, string>;
  let input: ScriptedInput;

  suiteSetup(async () => {
    await api();
    baseline = await snapshot();
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
    await restore(baseline);
  });

  async function run(answers: Record<string, Answer>): Promise<ScriptedInput> {
    input = new ScriptedInput(answers);
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand('backendSkill.addRoute');
    return input;
  }

  test('after the last route, with typed path parameters, imports once, revealed; one undo restores the file', async () => {
    await openAt(ROUTER, 'router = APIRouter');
    const before = await read(ROUTER);
    await run({ 'route.method': 'GET', 'route.path': '/{author_id}/books/{slug}', 'route.function': DEFAULT, 'route.responseModel': 'UserPublic', 'route.auth': 'Open' });
    assert.deepEqual(input.errors, []);
    assert.deepEqual(input.asked, STEPS);
    const text = (await read(ROUTER))!;
    assert.match(text, /async def get_books\(author_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\], slug: str, repo: RepositoryDep\) -> UserPublic:/);
    assert.ok(text.indexOf('async def get_books(') > text.indexOf('async def delete_author('), 'after the last route');
    assert.equal(text.split('from app.schemas.user import UserPublic\n').length, 2, 'the response model is imported once');
    assert.equal(text.split('from fastapi import ').length, 2, 'fastapi names merged into the existing import');
    assert.ok(!/get_books[\s\S]*dependencies=/.test(text), 'open route: no auth dependency');
    const shown = activeLine();
    assert.equal(shown.path, ROUTER);
    assert.match(shown.line, /^async def get_books\(/);
    await undoIn(ROUTER);
    assert.equal(await read(ROUTER), before, 'one undo restores the router exactly');
    assertSameWorkspace(await snapshot(), baseline, 'workspace after undo');
  });

  test('at the cursor between two routes, behind auth by default for a write (defaultAuth: writes)', async () => {
    // The cursor on the blank line above the PUT route.
    await openAt(ROUTER, '@router.put(', -1);
    await run({ 'route.method': 'POST', 'route.path': '/{author_id}/publish', 'route.function': 'publish_author', 'route.responseModel': DEFAULT, 'route.auth': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.equal(input.defaults.get('route.auth'), true, 'writes need a token by default');
    assert.equal(input.defaults.get('route.responseModel'), 'AuthorPublic', 'the router\'s own Public model is preselected');
    const text = (await read(ROUTER))!;
    const at = text.indexOf('async def publish_author(');
    assert.ok(at > text.indexOf('async def get_author(') && at < text.indexOf('async def replace_author('), 'between get and put');
    assert.match(text, /summary="Publish author",\n    dependencies=\[Depends\(get_current_user\)\],\n\)\nasync def publish_author\(author_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\], repo: RepositoryDep\) -> AuthorPublic:/);
    await undoIn(ROUTER);
    assertSameWorkspace(await snapshot(), baseline, 'workspace after undo');
  });

  test('the path box explains a bad path (token and column) and a method + path that exists', async () => {
    await openAt(ROUTER);
    await run({ 'route.method': 'GET', 'route.path': '/{Bad}/x' });
    assert.equal(input.validations.length, 1);
    assert.match(input.validations[0]!.message, /invalid path parameter "Bad".*\(token "\{Bad\}" at column 2\)/);
    await run({ 'route.method': 'GET', 'route.path': '/{id}' });
    assert.match(input.validations[0]!.message, /^GET \/\{id\} already exists \(get_author, line \d+\)/);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });

  test('a duplicate method + path that gets past the box is refused with one message, nothing changed', async () => {
    await openAt(ROUTER);
    await run({ 'route.method': 'DELETE', 'route.path': { force: '/{x_id}' }, 'route.function': 'remove_again', 'route.auth': 'Open' });
    assert.equal(input.errors.length, 1);
    assert.match(input.errors[0]!, /^Backend: DELETE \/\{x_id\} already exists in app\/routers\/authors\.py \(delete_author, line \d+\); choose another method or path$/);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });

  test('Escape at any step changes nothing and shows no error', async () => {
    const full: Record<string, Answer> = { 'route.method': 'PATCH', 'route.path': '/{author_id}/x', 'route.function': DEFAULT, 'route.responseModel': DEFAULT, 'route.auth': DEFAULT };
    for (const [i, step] of STEPS.entries()) {
      await openAt(ROUTER);
      await run({ ...full, [step]: undefined });
      assert.deepEqual(input.asked, STEPS.slice(0, i + 1), `stopped at ${step}`);
      assert.deepEqual(input.errors, []);
      assertSameWorkspace(await snapshot(), baseline, `Escape at ${step}`);
    }
  });

  test('without a router editor, the router is picked from app/routers', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run({ 'route.router': 'app/routers/authors.py', 'route.method': 'GET', 'route.path': '/count', 'route.function': DEFAULT, 'route.responseModel': '(none)', 'route.auth': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.equal(input.asked[0], 'route.router');
    assert.equal(input.defaults.get('route.auth'), false, 'reads are open by default');
    assert.match((await read(ROUTER))!, /async def get_count\(repo: RepositoryDep\) -> None:/);
  });

  test('plans against unsaved editor text, leaves it unsaved, and undo takes back only the route', async () => {
    const editor = await openAt(ROUTER, 'router = APIRouter');
    // The bytes on disk (not the document, which may lag behind a file an earlier test restored).
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(ROUTER)));
    // The user's own unsaved change: a helper above the router.
    await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().indexOf('router = APIRouter')), 'PAGE_SIZE = 50\n\n'));
    const unsaved = editor.document.getText();
    await run({ 'route.method': 'GET', 'route.path': '/first', 'route.function': DEFAULT, 'route.responseModel': '(none)', 'route.auth': 'Open' });
    assert.deepEqual(input.errors, []);
    const text = editor.document.getText();
    assert.ok(text.includes('PAGE_SIZE = 50\n\nrouter = APIRouter') && text.includes('async def get_first('), 'both the unsaved line and the route');
    assert.equal(editor.document.isDirty, true, 'still unsaved: nothing was written behind the editor');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(ROUTER))), disk, 'the file on disk is untouched');
    await undoIn(ROUTER);
    assert.equal(editor.document.getText(), unsaved, 'undo removes the route and keeps the user\'s unsaved line');
  });

  test('a CRLF router keeps CRLF; undo restores it', async () => {
    const crlf = 'app/routers/status.py';
    const source = '"""Status."""\r\n\r\nfrom fastapi import APIRouter\r\n\r\nrouter = APIRouter(prefix="/status")\r\n\r\n\r\n@router.get("")\r\nasync def status_root() -> dict[str, str]:\r\n    return {"status": "ok"}\r\n';
    await vscode.workspace.fs.writeFile(uri(crlf), new TextEncoder().encode(source));
    const editor = await openAt(crlf, 'return');
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    await run({ 'route.method': 'DELETE', 'route.path': '/cache/{key:path}', 'route.function': DEFAULT, 'route.auth': 'Bearer token required' });
    assert.deepEqual(input.errors, []);
    assert.equal(input.asked.includes('route.responseModel'), false, 'DELETE answers 204: no response model asked');
    const text = editor.document.getText();
    assert.match(text, /\r\nasync def delete_cache\(key: str\) -> None:\r\n/);
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.match(text, /^from fastapi import APIRouter, Depends, HTTPException, Response, status\r\n\r\nfrom app\.deps import get_current_user\r\n/m);
    await undoIn(crlf);
    assert.equal(editor.document.getText(), source);
    await vscode.workspace.fs.delete(uri(crlf), { useTrash: false });
  });
});
