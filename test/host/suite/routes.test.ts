// The Backend Routes view in a real extension host, on the sample workspace:
// the tree data provider's items (full paths, method badge, lock icons from
// the missing-auth code), updates on an unsaved edit and on files written to
// disk, the click command, and Go to Route… opening the handler.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RouteNode } from '../../../src/vscode/routesView';
import { ScriptedInput, api, read, restore, snapshot, uri } from './scripted';

type Provider = vscode.TreeDataProvider<RouteNode> & { idle(): Promise<void>; refresh(): Promise<void> };

async function provider(): Promise<Provider> {
  return (await api()).routes as unknown as Provider;
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const iconOf = (item: vscode.TreeItem): string => (item.iconPath instanceof vscode.ThemeIcon ? `${item.iconPath.id}${item.iconPath.color ? '!' : ''}` : 'none');

/** The whole tree as text: apps, router mounts, then `label | description | icon` per route. */
async function tree(p: Provider): Promise<string[]> {
  const out: string[] = [];
  const walk = async (node: RouteNode | undefined, depth: number): Promise<void> => {
    for (const child of (await p.getChildren(node)) ?? []) {
      const item = await p.getTreeItem(child);
      out.push(`${'  '.repeat(depth)}${labelOf(item)} | ${item.description ?? ''}${child.kind === 'route' ? ` | ${iconOf(item)}` : ''}`);
      await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return out;
}

/** Poll the tree until `predicate` holds (updates are debounced and asynchronous). */
async function waitForTree(p: Provider, predicate: (lines: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await p.idle();
    const lines = await tree(p);
    if (predicate(lines)) return lines;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; tree:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const BASELINE_TREE = [
  'app | app/main.py',
  '  main.app | / · app/main.py',
  '    GET /health | health | unlock',
  '  auth.router | /auth · app/routers/auth.py',
  '    POST /auth/register | register | unlock',
  '    POST /auth/token | login | unlock',
  '    GET /auth/me | read_me | lock',
  '  authors.router | /authors · app/routers/authors.py',
  '    POST /authors | create_author | lock',
  '    GET /authors | list_authors | unlock',
  '    GET /authors/{author_id} | get_author | unlock',
  '    PUT /authors/{author_id} | replace_author | lock',
  '    PATCH /authors/{author_id} | update_author | lock',
  '    DELETE /authors/{author_id} | delete_author | lock',
];

suite('Backend Routes view', () => {
  let baseline: Map<string, string>;

  suiteSetup(async () => {
    await api();
    baseline = await snapshot();
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
    await restore(baseline);
    await (await provider()).refresh();
  });

  test('lists every route of the app with its full path, method badge, handler and auth lock', async () => {
    const p = await provider();
    await p.idle();
    assert.deepEqual(await tree(p), BASELINE_TREE);
    const [app] = (await p.getChildren(undefined)) ?? [];
    const groups = (await p.getChildren(app)) ?? [];
    const routes = (await p.getChildren(groups[2])) ?? [];
    const put = await p.getTreeItem(routes[3]!);
    assert.deepEqual((put.label as vscode.TreeItemLabel).highlights, [[0, 3]], 'the method is highlighted as a badge');
    assert.equal(put.contextValue, 'backendSkill.route.protected');
    const tooltip = (put.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Depends\(get_current_user\) on the route/, 'the tooltip gives the reason from routeAuth');
    const open = await p.getTreeItem(routes[1]!);
    assert.match((open.tooltip as vscode.MarkdownString).value, /no auth dependency on the route/);
  });

  test('clicking a route opens its handler', async () => {
    const p = await provider();
    await p.idle();
    const [app] = (await p.getChildren(undefined)) ?? [];
    const [, auth] = (await p.getChildren(app)) ?? [];
    const me = (await p.getChildren(auth))![2]!;
    const item = await p.getTreeItem(me);
    assert.ok(item.command, 'a route item has a command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), uri('app/routers/auth.py').toString());
    assert.equal(editor.document.getText(editor.selection), 'read_me');
  });

  test('an unsaved edit of a router file updates its routes (prefix, new route, lock) and nothing else', async () => {
    const p = await provider();
    await p.idle();
    const doc = await vscode.workspace.openTextDocument(uri('app/routers/authors.py'));
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    const prefix = text.indexOf('prefix="/authors"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(prefix), doc.positionAt(prefix + 'prefix="/authors"'.length)), 'prefix="/writers"');
    edit.insert(doc.uri, doc.positionAt(text.length), '\n\n@router.post("/import")\nasync def import_authors(repo: RepositoryDep) -> None:\n    return None\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the edit is not saved');
    const lines = await waitForTree(p, (l) => l.some((x) => x.includes('/writers/import')), 'the new route');
    assert.deepEqual(lines.slice(7), [
      '  authors.router | /writers · app/routers/authors.py',
      '    POST /writers | create_author | lock',
      '    GET /writers | list_authors | unlock',
      '    GET /writers/{author_id} | get_author | unlock',
      '    PUT /writers/{author_id} | replace_author | lock',
      '    PATCH /writers/{author_id} | update_author | lock',
      '    DELETE /writers/{author_id} | delete_author | lock',
      // An unguarded write: the open lock in the missing-auth warning colour.
      '    POST /writers/import | import_authors | unlock!',
    ]);
    assert.deepEqual(lines.slice(0, 7), BASELINE_TREE.slice(0, 7), 'the other routers are unchanged');
    // Taking the edit back (still unsaved) puts the tree back.
    const back = new vscode.WorkspaceEdit();
    back.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitForTree(p, (l) => l.join('\n') === BASELINE_TREE.join('\n'), 'the tree after the edit was taken back');
  });

  test('files written to disk are picked up by the watcher: a new router included from main.py', async () => {
    const p = await provider();
    await p.idle();
    const router = 'from fastapi import APIRouter, Depends\n\nfrom app.deps import get_current_user\n\nrouter = APIRouter(prefix="/tags")\n\n\n@router.delete("/{tag_id}")\nasync def delete_tag(tag_id: int) -> None:\n    return None\n';
    await vscode.workspace.fs.writeFile(uri('app/routers/tags.py'), new TextEncoder().encode(router));
    await waitForTree(p, (l) => l.some((x) => x.includes('DELETE /tags/{tag_id}')) && l.includes('Not included in an app | '), 'the new router, not yet included');
    const main = (await read('app/main.py'))!
      .replace('from app.routers import auth, authors', 'from fastapi import Depends\n\nfrom app.deps import get_current_user\nfrom app.routers import auth, authors, tags')
      .replace('app.include_router(authors.router)\n', 'app.include_router(authors.router)\napp.include_router(tags.router, prefix="/v2", dependencies=[Depends(get_current_user)])\n');
    await vscode.workspace.fs.writeFile(uri('app/main.py'), new TextEncoder().encode(main));
    const lines = await waitForTree(p, (l) => l.some((x) => x.includes('DELETE /v2/tags/{tag_id}')), 'the router mounted under /v2');
    // Guarded by include_router(..., dependencies=[...]) in another file: the lock follows.
    assert.ok(lines.includes('    DELETE /v2/tags/{tag_id} | delete_tag | lock'), lines.join('\n'));
    assert.ok(!lines.some((l) => l.startsWith('Not included')), 'no router left outside the app');
    await vscode.workspace.fs.delete(uri('app/routers/tags.py'));
    await waitForTree(p, (l) => !l.some((x) => x.includes('tags')), 'the deleted router gone');
  });

  test('an Express app created in the workspace appears, with its mounted router, through the TypeScript route model', async () => {
    const p = await provider();
    await p.idle();
    const app = [
      "import express from 'express';",
      "import { requireAuth } from './middleware/auth';",
      "import { itemsRouter } from './routes/items';",
      '',
      'export function createApp() {',
      '  const app = express();',
      '  app.use(express.json());',
      "  app.use('/items', itemsRouter());",
      "  app.use('/admin', requireAuth(), itemsRouter());",
      '  return app;',
      '}',
      '',
    ].join('\n');
    const items = [
      "import { Router } from 'express';",
      '',
      'export function itemsRouter(): Router {',
      '  const router = Router();',
      "  router.get('/', (_req, res) => res.json([]));",
      "  router.post('/:id/publish', publish);",
      '  return router;',
      '}',
      '',
      'function publish(_req: unknown, res: { end(): void }) {',
      '  res.end();',
      '}',
      '',
    ].join('\n');
    // Created as the explorer or a generator in the editor creates files (announced to extensions, folders included).
    const create = new vscode.WorkspaceEdit();
    create.createFile(uri('web/src/routes/items.ts'), { contents: new TextEncoder().encode(items) });
    create.createFile(uri('web/src/app.ts'), { contents: new TextEncoder().encode(app) });
    assert.ok(await vscode.workspace.applyEdit(create));
    const lines = await waitForTree(p, (l) => l.some((x) => x.startsWith('createApp | web/src/app.ts')) && l.some((x) => x.includes('/admin/:id/publish')), 'the Express app');
    const start = lines.indexOf('createApp | web/src/app.ts');
    assert.deepEqual(lines.slice(start), [
      'createApp | web/src/app.ts',
      '  items.itemsRouter | /items · web/src/routes/items.ts',
      '    GET /items | inline handler | unlock',
      '    POST /items/:id/publish | publish | unlock',
      '  items.itemsRouter | /admin · web/src/routes/items.ts',
      '    GET /admin | inline handler | lock',
      '    POST /admin/:id/publish | publish | lock',
    ]);
    assert.deepEqual(lines.slice(0, start), BASELINE_TREE, 'the FastAPI app is unchanged');
    // Go to Route… finds Express routes too, and lands on the named handler.
    (await api()).setInputForTests(new ScriptedInput({ 'route.goTo': 'POST /admin/:id/publish' }));
    await vscode.commands.executeCommand('backendSkill.goToRoute');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), uri('web/src/routes/items.ts').toString());
    assert.equal(editor.document.getText(editor.selection), 'publish');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Deleted as the explorer deletes it: one event for the folder.
    const remove = new vscode.WorkspaceEdit();
    remove.deleteFile(uri('web'), { recursive: true });
    assert.ok(await vscode.workspace.applyEdit(remove));
    await waitForTree(p, (l) => l.join('\n') === BASELINE_TREE.join('\n'), 'the Express app gone with its folder');
  });

  test('Go to Route… opens the picked route\'s handler', async () => {
    const input = new ScriptedInput({ 'route.goTo': 'PUT /authors/{author_id}' });
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand('backendSkill.goToRoute');
    assert.deepEqual(input.asked, ['route.goTo']);
    assert.deepEqual(input.errors, []);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), uri('app/routers/authors.py').toString());
    assert.equal(editor.document.getText(editor.selection), 'replace_author');
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^async def replace_author\(/);
  });

  test('Escape in Go to Route… opens nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const input = new ScriptedInput({});
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand('backendSkill.goToRoute');
    assert.deepEqual(input.asked, ['route.goTo']);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });
});
