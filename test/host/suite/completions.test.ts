// Route completions in a real extension host: asked through
// vscode.executeCompletionItemProvider in the sample workspace's router, then
// accepted the way the editor does (snippet at the item's range, then its
// additional edits); nothing offered inside a string or a comment.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, openAt, read, restore, snapshot } from './scripted';

const ROUTER = 'app/routers/authors.py';

/** Append `text` to the open router and return the position at its end. */
async function append(editor: vscode.TextEditor, text: string): Promise<vscode.Position> {
  const end = editor.document.positionAt(editor.document.getText().length);
  await editor.edit((b) => b.insert(end, text));
  return editor.document.positionAt(editor.document.getText().length);
}

async function routeItems(editor: vscode.TextEditor, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items.filter((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('@router.'));
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

suite('Route completions', () => {
  let baseline: Map<string, string>;

  suiteSetup(async () => {
    await api();
    baseline = await snapshot();
  });

  teardown(async () => {
    await restore(baseline);
  });

  test('a router module gets every method with its router, DTOs and CurrentUserDep; accepting adds the missing import once', async () => {
    const editor = await openAt(ROUTER);
    const position = await append(editor, '\n\n@router.p');
    const items = await routeItems(editor, position);
    assert.deepEqual(items.map(labelOf), ['@router.post ""', '@router.get ""', '@router.get /{author_id}', '@router.put /{author_id}', '@router.patch /{author_id}', '@router.delete /{author_id}']);
    const post = items[0]!;
    assert.equal(post.kind, vscode.CompletionItemKind.Snippet);
    assert.match(post.detail ?? '', /^POST \/authors: create/);
    assert.ok(post.range instanceof vscode.Range, 'replaces the typed "@router.p"');
    assert.equal(editor.document.getText(post.range), '@router.p');
    assert.equal(post.additionalTextEdits?.length, 1, 'one import edit');

    await editor.insertSnippet(post.insertText as vscode.SnippetString, post.range);
    await editor.edit((b) => post.additionalTextEdits!.forEach((e) => b.replace(e.range, e.newText)));
    const text = (await read(ROUTER))!;
    assert.match(text, /^from app\.deps import CurrentUserDep, SessionDep, get_current_user$/m, 'merged into the existing import');
    assert.equal(text.split('from app.deps import').length, 2, 'no second import line');
    assert.match(text, /\n@router\.post\(\n {4}"",\n {4}status_code=status\.HTTP_201_CREATED,[\s\S]*async def create_author\(payload: AuthorCreate, repo: RepositoryDep, current_user: CurrentUserDep\) -> Author:\n {4}with repository_errors\(\):\n {8}return await repo\.create\(payload\)\n$/);
    assert.ok(!text.includes('@router.p\n'), 'the typed text was replaced');

    // A second route needs nothing new: no import edits at all.
    const next = await append(editor, '\n\nde');
    const del = (await routeItems(editor, next)).find((i) => labelOf(i).startsWith('@router.delete'));
    assert.ok(del, 'delete offered after a plain word');
    assert.deepEqual(del.additionalTextEdits ?? [], []);
  });

  test('nothing inside a string or a comment', async () => {
    const editor = await openAt(ROUTER);
    const inString = await append(editor, '\n\nNOTE = """\n@router.p');
    assert.deepEqual((await routeItems(editor, inString)).map(labelOf), [], 'inside an unclosed docstring');
    await editor.edit((b) => b.insert(inString, '\n"""\n'));
    const closedString = editor.document.positionAt(editor.document.getText().lastIndexOf('@router.p') + '@router.p'.length);
    assert.deepEqual((await routeItems(editor, closedString)).map(labelOf), [], 'inside a closed string');
    const inComment = await append(editor, '\n# post a route here: ');
    assert.deepEqual((await routeItems(editor, inComment)).map(labelOf), [], 'inside a comment');
    // The same file does offer them on a fresh top-level line.
    const fresh = await append(editor, '\n\n@router.p');
    assert.equal((await routeItems(editor, fresh)).length, 6);
  });

  test('nothing in a module without a router', async () => {
    const editor = await openAt('app/models/author.py');
    const position = await append(editor, '\n\n@router.p');
    assert.deepEqual((await routeItems(editor, position)).map(labelOf), []);
  });
});
