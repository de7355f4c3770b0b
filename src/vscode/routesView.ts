// The "Backend Routes" view in the explorer: every app's routes grouped by
// router mount, with the full path, a method badge and the auth lock the
// missing-auth rule computes. One RouteIndex per workspace folder, built on
// first show from the folder's Python files; afterwards a file watcher and
// open-document edits (debounced) update one file at a time. Clicking a
// route (or picking it in "Go to Route…") opens its handler.
import * as vscode from 'vscode';
import {
  ANALYZED_LANGUAGE_IDS,
  analysisLanguageOf,
  analyzedFilesGlob,
  CONFIG_FILES,
  decodeSource,
  excludeGlob,
  excludeMatcher,
  resolveConfig,
  RouteIndex,
  type AppNode,
  type ExcludeMatcher,
  type ResolvedRoute,
  type RouterGroup,
  type SourceSpan,
} from '../core/index';
import type { CommandContext } from './commands/common';
import { guarded } from './commands/common';
import type { PickItem } from './input';

export const ROUTES_VIEW = 'backendSkill.routes';
/** Context key: true once indexing found no app and no route (shows the welcome content). */
const EMPTY_CONTEXT = 'backendSkill.routes.empty';
const EDIT_DEBOUNCE_MS = 300;
/** Bursts of file events (a checkout, a generator) are applied together, then the tree refreshes once. */
const FILE_EVENT_DELAY_MS = 50;

export type RouteNode =
  | { readonly kind: 'app'; readonly app: AppNode; readonly folder: vscode.WorkspaceFolder }
  | { readonly kind: 'group'; readonly group: RouterGroup; readonly folder: vscode.WorkspaceFolder }
  | { readonly kind: 'route'; readonly route: ResolvedRoute; readonly folder: vscode.WorkspaceFolder };

interface FolderIndex {
  readonly folder: vscode.WorkspaceFolder;
  readonly index: RouteIndex;
  readonly excluded: ExcludeMatcher;
}

/** Python and TypeScript/JavaScript sources (what the analysis reads). */
const ROUTE_FILES_GLOB = analyzedFilesGlob();
const isRouteLanguage = (document: vscode.TextDocument): boolean => document.languageId in ANALYZED_LANGUAGE_IDS;

const toRange = (span: SourceSpan): vscode.Range => new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);

/** `GET /authors/{author_id}` with the method highlighted: the badge. */
export function routeLabel(route: ResolvedRoute): vscode.TreeItemLabel {
  const methods = route.methods.join('|');
  return { label: `${methods} ${route.fullPath}`, highlights: [[0, methods.length]] };
}

function authIcon(route: ResolvedRoute): vscode.ThemeIcon {
  if (route.auth.status === 'protected') return new vscode.ThemeIcon('lock');
  // What missing-auth reports is coloured like its diagnostic.
  return route.auth.flagged ? new vscode.ThemeIcon('unlock', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('unlock');
}

const AUTH_WORDS = { protected: 'requires authentication', open: 'open to anonymous callers', exempt: 'public by design' } as const;

/** Reads workspace files as the editor sees them: an open document's text, else the file on disk. */
async function readSource(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  if (open) return open.getText();
  try {
    return decodeSource(await vscode.workspace.fs.readFile(uri)).text;
  } catch {
    return undefined;
  }
}

function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const prefix = folder.uri.path.replace(/\/?$/, '/');
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}

export class RoutesProvider implements vscode.TreeDataProvider<RouteNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RouteNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private folders: Promise<FolderIndex[]> | undefined;
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pendingFiles = new Map<string, { uri: vscode.Uri; deleted: boolean }>();
  private fileTimer: ReturnType<typeof setTimeout> | undefined;
  /** The chain of index updates: they apply one after another, and tests can wait for it. */
  private work: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /** Time of the last single-file update (ms), for the log. */
  lastUpdateMs = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(ROUTE_FILES_GLOB);
    this.disposables.push(
      watcher,
      this.changed,
      watcher.onDidCreate((uri) => this.fileEvent(uri, false)),
      watcher.onDidChange((uri) => this.fileEvent(uri, false)),
      watcher.onDidDelete((uri) => this.fileEvent(uri, true)),
      // Deletes, creations and renames done in the editor (explorer, refactorings) are announced
      // reliably, folders included; the watcher covers what happens outside.
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.fileEvent(uri, true))),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => this.fileEvent(uri, false))),
      vscode.workspace.onDidRenameFiles((e) =>
        e.files.forEach(({ oldUri, newUri }) => {
          this.fileEvent(oldUri, true);
          this.fileEvent(newUri, false);
        }),
      ),
      vscode.workspace.onDidChangeTextDocument((e) => this.documentEdited(e.document)),
      // Closing without saving puts the disk text back in charge.
      vscode.workspace.onDidCloseTextDocument((d) => isRouteLanguage(d) && this.fileEvent(d.uri, false)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  dispose(): void {
    for (const t of this.editTimers.values()) clearTimeout(t);
    if (this.fileTimer) clearTimeout(this.fileTimer);
    for (const d of this.disposables) d.dispose();
  }

  /** Drop every index and rebuild from the files (the Refresh button, folder changes). */
  refresh(): Promise<void> {
    this.folders = undefined;
    this.changed.fire(undefined);
    return this.idle();
  }

  /** Resolves when the index is built and every queued update is applied (tests, Go to Route). */
  async idle(): Promise<void> {
    await this.indexes();
    for (let last: Promise<void> | undefined; last !== this.work; ) {
      last = this.work;
      await last;
    }
  }

  /** Every app of every folder, in tree order. */
  async apps(): Promise<{ app: AppNode; folder: vscode.WorkspaceFolder }[]> {
    return (await this.indexes()).flatMap((f) => f.index.apps().map((app) => ({ app, folder: f.folder })));
  }

  async getChildren(node?: RouteNode): Promise<RouteNode[]> {
    if (!node) return (await this.apps()).map(({ app, folder }) => ({ kind: 'app', app, folder }));
    if (node.kind === 'app') return node.app.groups.map((group) => ({ kind: 'group', group, folder: node.folder }));
    if (node.kind === 'group') return node.group.routes.map((route) => ({ kind: 'route', route, folder: node.folder }));
    return [];
  }

  getTreeItem(node: RouteNode): vscode.TreeItem {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    if (node.kind === 'app') {
      const { app } = node;
      const item = new vscode.TreeItem(app.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.folder.uri.toString()}|${app.id}`;
      item.description = [app.relativePath, multiRoot ? node.folder.name : undefined].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(app.file ? 'server-process' : 'question');
      item.contextValue = 'backendSkill.app';
      item.tooltip = app.file ? `${app.framework === 'express' ? 'Express' : 'FastAPI'} app ${app.label} (${app.relativePath})` : 'Routers that no app in the workspace includes';
      if (app.file && app.location) item.resourceUri = vscode.Uri.parse(app.file);
      return item;
    }
    if (node.kind === 'group') {
      const { group } = node;
      const stem = group.module.split(/[./]/).pop() ?? group.module;
      const item = new vscode.TreeItem(`${stem}.${group.variable}`, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.folder.uri.toString()}|${group.id}`;
      item.description = `${group.prefix || '/'} · ${group.relativePath}`;
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'backendSkill.router';
      item.tooltip = `${group.variable} in ${group.relativePath}, mounted at ${group.prefix || '/'}`;
      return item;
    }
    const { route } = node;
    const item = new vscode.TreeItem(routeLabel(route), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.folder.uri.toString()}|${route.id}`;
    item.description = route.handler;
    item.iconPath = authIcon(route);
    item.contextValue = `backendSkill.route.${route.auth.status}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${route.methods.join(', ')}** \`${route.fullPath.replace(/`/g, "'")}\``);
    tooltip.appendMarkdown(`\n\nHandler \`${route.handler}\` in ${route.relativePath}:${route.location.start.line + 1}`);
    tooltip.appendMarkdown(`\n\n${route.auth.status === 'protected' ? '$(lock)' : '$(unlock)'} ${AUTH_WORDS[route.auth.status]}: ${route.auth.reason}`);
    if (route.auth.flagged) tooltip.appendMarkdown('\n\n$(warning) reported by `missing-auth`');
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.command = { command: 'vscode.open', title: 'Go to Handler', arguments: [vscode.Uri.parse(route.file), { selection: toRange(route.location) } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  private indexes(): Promise<FolderIndex[]> {
    this.folders ??= this.build().catch((error: unknown) => {
      this.log.error('indexing routes failed', error instanceof Error ? error : new Error(String(error)));
      return [];
    });
    return this.folders;
  }

  private async build(): Promise<FolderIndex[]> {
    const out: FolderIndex[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const started = Date.now();
      const exclude = await folderExcludes(folder, this.log);
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, ROUTE_FILES_GLOB), excludeGlob(exclude));
      const excluded = excludeMatcher(exclude);
      const files = (
        await Promise.all(
          uris.map(async (uri) => {
            const path = relativePath(folder, uri);
            const source = path === undefined || excluded(path) ? undefined : await readSource(uri);
            return source === undefined ? [] : [{ key: uri.toString(), path: path!, source }];
          }),
        )
      ).flat();
      const index = await RouteIndex.create();
      // The TypeScript grammars load only when the folder has TS/JS files that may use Express.
      await index.prepare(files.filter((f) => analysisLanguageOf(f.path) === 'typescript' && f.source.includes('express')).map((f) => f.path));
      const read = Date.now();
      const stats = index.build(files);
      this.log.info(`${folder.name}: routes indexed from ${files.length} files (${stats.parsed} parsed) in ${Date.now() - started} ms (${Date.now() - read} ms after reading), ${index.routes().length} routes`);
      out.push({ folder, index, excluded });
    }
    const empty = out.every((f) => f.index.apps().length === 0);
    void vscode.commands.executeCommand('setContext', EMPTY_CONTEXT, empty);
    return out;
  }

  private documentEdited(document: vscode.TextDocument): void {
    if (!isRouteLanguage(document) || document.uri.scheme !== 'file' || !this.folders) return;
    const key = document.uri.toString();
    const pending = this.editTimers.get(key);
    if (pending) clearTimeout(pending);
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        this.enqueue([{ uri: document.uri, deleted: false }]);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private fileEvent(uri: vscode.Uri, deleted: boolean): void {
    if (!this.folders) return; // not built yet: the build reads everything anyway
    this.pendingFiles.set(uri.toString(), { uri, deleted });
    if (this.fileTimer) clearTimeout(this.fileTimer);
    this.fileTimer = setTimeout(() => {
      this.fileTimer = undefined;
      const batch = [...this.pendingFiles.values()];
      this.pendingFiles.clear();
      this.enqueue(batch);
    }, FILE_EVENT_DELAY_MS);
  }

  /** Apply updates after the ones already queued; refresh the tree once if anything changed. */
  private enqueue(batch: { uri: vscode.Uri; deleted: boolean }[]): void {
    this.work = this.work.then(async () => {
      try {
        let changed = false;
        for (const { uri, deleted } of batch) changed = (await this.apply(uri, deleted)) || changed;
        if (changed) {
          const folders = await this.indexes();
          void vscode.commands.executeCommand('setContext', EMPTY_CONTEXT, folders.every((f) => f.index.apps().length === 0));
          this.changed.fire(undefined);
        }
      } catch (error) {
        this.log.error('updating routes failed', error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private async apply(uri: vscode.Uri, deleted: boolean): Promise<boolean> {
    const folders = await this.indexes();
    const entry = folders.find((f) => relativePath(f.folder, uri) !== undefined);
    if (!entry) return false;
    const path = relativePath(entry.folder, uri)!;
    const started = performance.now();
    let changed = false;
    if (deleted) {
      // A deleted folder is announced once, for the folder itself: drop what was under it.
      const key = uri.toString();
      for (const file of entry.index.keys()) if (file.startsWith(`${key}/`)) changed = entry.index.remove(file).changed || changed;
      changed = entry.index.remove(key).changed || changed;
      // Watchers may coalesce a recursive delete into some of its files' events: check the rest of that folder.
      const dir = key.slice(0, key.lastIndexOf('/') + 1);
      for (const file of entry.index.keys()) {
        if (!file.startsWith(dir)) continue;
        const exists = await Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.parse(file))).then(() => true, () => false);
        if (!exists) changed = entry.index.remove(file).changed || changed;
      }
    } else if (analysisLanguageOf(path) === undefined && !entry.excluded(path)) {
      // A created folder may be announced once, for the folder itself: read what is inside.
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (stat?.type === vscode.FileType.Directory) {
        for (const child of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, ROUTE_FILES_GLOB))) changed = (await this.apply(child, false)) || changed;
      }
    } else if (analysisLanguageOf(path) !== undefined && !entry.excluded(path)) {
      const source = await readSource(uri);
      if (source?.includes('express') && analysisLanguageOf(path) === 'typescript') await entry.index.prepare([path]);
      changed = (source === undefined ? entry.index.remove(uri.toString()) : entry.index.update({ key: uri.toString(), path, source })).changed;
    }
    this.lastUpdateMs = performance.now() - started;
    if (changed) this.log.debug(`routes: ${path} updated in ${this.lastUpdateMs.toFixed(1)} ms`);
    return changed;
  }
}

/** The folder's excludes: the defaults plus `exclude` from pyproject.toml / .backend-skill.json. */
async function folderExcludes(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<readonly string[]> {
  const texts = new Map<string, string>();
  for (const name of CONFIG_FILES) {
    try {
      const text = decodeSource(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, name))).text;
      if (text !== undefined) texts.set(name, text);
    } catch {
      // absent
    }
  }
  const problems: string[] = [];
  const config = resolveConfig((name) => texts.get(name), problems);
  for (const p of problems) log.warn(`${folder.name}: ${p}`);
  return config.exclude;
}

/** Open a route's handler with its name selected. */
export async function openHandler(route: ResolvedRoute): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(route.file));
  await vscode.window.showTextDocument(document, { selection: toRange(route.location), preview: false });
}

/** Backend: Go to Route… — a quick pick over every route, searched by method, path or handler name. */
export function goToRouteCommand(ctx: CommandContext, provider: RoutesProvider): () => Promise<void> {
  return () =>
    guarded(ctx, 'Go to Route', async () => {
      await provider.idle();
      const apps = await provider.apps();
      const items: PickItem<ResolvedRoute>[] = apps.flatMap(({ app }) =>
        app.groups.flatMap((g) =>
          g.routes.map((route) => ({
            label: `${route.methods.join('|')} ${route.fullPath}`,
            description: route.handler,
            detail: `${route.auth.status === 'protected' ? '$(lock)' : '$(unlock)'} ${app.label} · ${route.relativePath}:${route.location.start.line + 1}`,
            value: route,
          })),
        ),
      );
      const input = ctx.input();
      if (items.length === 0) {
        input.showInfo('Backend: no FastAPI or Express routes found in this workspace.');
        return;
      }
      const route = await input.quickPick({ id: 'route.goTo', title: 'Go to Route', placeHolder: 'Search routes by method, path or handler name', items, matchOnDescription: true, matchOnDetail: true });
      if (route) await openHandler(route);
    });
}

export interface RoutesFeatures extends vscode.Disposable {
  readonly provider: RoutesProvider;
  readonly view: vscode.TreeView<RouteNode>;
}

/** The view and its provider; the commands are registered by extension.ts. */
export function registerRoutesView(log: vscode.LogOutputChannel): RoutesFeatures {
  const provider = new RoutesProvider(log);
  const view = vscode.window.createTreeView(ROUTES_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  return { provider, view, dispose: () => vscode.Disposable.from(view, provider).dispose() };
}
