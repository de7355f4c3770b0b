// Route completions in a real extension host: asked through
// vscode.executeCompletionItemProvider in the sample workspace's router, then
// accepted the way the editor does (snippet at the item's range, then its
// additional edits); nothing offered inside a string or a comment. The same
// for an Express router module (TypeScript), in a project written into the
// workspace by the core's own Express generator.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseFieldSpec, resourceNames } from '../../../src/core/index';
import { emitExpressResource } from '../../../src/core/emit/express/resource';
import { expressProjectFiles } from '../../../src/core/emit/express/project';
import { api, openAt, read, restore, snapshot, uri } from './scripted';

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

/** Items whose label starts with `prefix` (the editor's own word and language completions are left out). */
async function routeItemsNamed(editor: vscode.TextEditor, position: vscode.Position, prefix: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items.filter((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith(prefix) && i.kind === vscode.CompletionItemKind.Snippet);
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

  test('Express router module (TypeScript): handlers with the module variables, a missing schema import merged; none in a template or comment', async () => {
    // An Express project from the generator's own emitters (init express + the Author slice, mounted), under express/.
    // (The emitters, not the planners: the planners load ts-morph, which this test has no use for.)
    const files = new Map(expressProjectFiles('Shop'));
    const slice = emitExpressResource({ names: resourceNames('Author'), fields: parseFieldSpec('name:str:max=120'), auth: 'writes' }, () => 'authors');
    for (const f of [slice.schemas, slice.repository, slice.router]) files.set(f.path, f.content);
    files.set('src/app.ts', files.get('src/app.ts')!.replace("  app.use('/auth', authRouter(deps));", "  app.use('/auth', authRouter(deps));\n  app.use('/authors', authorsRouter(deps));"));
    assert.match(files.get('src/app.ts')!, /app\.use\('\/authors', authorsRouter\(deps\)\)/);
    for (const [path, text] of files) {
      if (path.startsWith('src/')) await vscode.workspace.fs.writeFile(uri(`express/${path}`), new TextEncoder().encode(text));
    }
    const router = files.get('src/routes/authors.ts')!.replace("import { AuthorCreate, AuthorUpdate, type AuthorsPublic } from '../schemas/author';", "import { AuthorCreate, type AuthorsPublic } from '../schemas/author';");
    await vscode.workspace.fs.writeFile(uri('express/src/routes/authors.ts'), new TextEncoder().encode(router));
    const editor = await openAt('express/src/routes/authors.ts', '  return router;');
    assert.equal(editor.document.languageId, 'typescript');
    const at = editor.document.positionAt(editor.document.getText().indexOf('  return router;'));
    await editor.edit((b) => b.insert(at, '  router.pa\n\n'));
    const typed = new vscode.Position(at.line, '  router.pa'.length);
    const items = await routeItemsNamed(editor, typed, 'router.');
    assert.deepEqual(items.map(labelOf), ["router.post '/'", "router.get '/'", "router.get '/:id'", "router.put '/:id'", "router.patch '/:id'", "router.delete '/:id'"]);
    const patch = items[4]!;
    assert.equal(patch.detail, 'PATCH /authors/:id: update some fields (auth)');
    assert.equal(editor.document.getText(patch.range as vscode.Range), 'router.pa');
    await editor.insertSnippet(patch.insertText as vscode.SnippetString, patch.range as vscode.Range);
    await editor.edit((b) => patch.additionalTextEdits!.forEach((e) => b.replace(e.range, e.newText)));
    const text = editor.document.getText();
    assert.match(text, /^import \{ AuthorCreate, type AuthorsPublic, AuthorUpdate \} from '\.\.\/schemas\/author';$/m, 'merged into the existing import');
    assert.match(text, /\n {2}router\.patch\('\/:id', auth, async \(req, res\) => \{\n {4}const \{ id \} = IdParams\.parse\(req\.params\);\n {4}const body = AuthorUpdate\.parse\(req\.body\);\n {4}res\.json\(found\(await authors\.update\(id, body\)\)\);\n {2}\}\);\n/, 'indented like the line it was typed on');

    // Inside a template literal and a block comment: nothing.
    for (const opening of ['  const note = `\n', '  /* later:\n']) {
      const end = editor.document.positionAt(editor.document.getText().indexOf('  return router;'));
      await editor.edit((b) => b.insert(end, `${opening}  router.p\n`));
      const line = end.line + 1;
      assert.equal(editor.document.lineAt(line).text, '  router.p');
      assert.deepEqual((await routeItemsNamed(editor, new vscode.Position(line, '  router.p'.length), 'router.')).map(labelOf), [], JSON.stringify(opening));
      await vscode.commands.executeCommand('undo');
    }
    // Closed again, the same line does get them (the check above is not vacuous).
    const end = editor.document.positionAt(editor.document.getText().indexOf('  return router;'));
    await editor.edit((b) => b.insert(end, '  /* later */\n  router.p\n'));
    assert.equal((await routeItemsNamed(editor, new vscode.Position(end.line + 1, '  router.p'.length), 'router.')).length, 6);
  });
});
