// Route completions in router modules: the core decides what fits at the
// cursor (from the syntax tree) and which imports are missing; this adapter
// turns its offsets into ranges and snippet strings. Registering costs
// nothing: the parser loads on the first request in a file that mentions a
// router, and the workspace facts (schema classes, models, dependencies) are
// read once per project and dropped when those files change.
import * as vscode from 'vscode';
import { expressCompletionMayApply, expressRouteCompletions, fastapiRouteCompletions, readExpressCompletionFacts, readRouteCompletionFacts, type ExpressCompletionFacts, type RouteCompletion, type RouteCompletionFacts } from '../core/index';
import { workspaceFileView } from './workspaceFiles';

/** The project a router module belongs to: the folder holding its `app/` package (FastAPI) or `src/` folder (Express). */
function projectOf(uri: vscode.Uri, marker = '/app/'): { root: vscode.Uri; path: string } | undefined {
  const at = uri.path.lastIndexOf(marker);
  if (at >= 0) {
    const path = uri.path.slice(at + 1);
    return { root: vscode.Uri.joinPath(uri, ...path.split('/').map(() => '..')), path };
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const prefix = folder.uri.path.replace(/\/?$/, '/');
  return uri.path.startsWith(prefix) ? { root: folder.uri, path: uri.path.slice(prefix.length) } : undefined;
}

export class RouteCompletions implements vscode.CompletionItemProvider {
  private readonly facts = new Map<string, Promise<RouteCompletionFacts>>();
  private readonly expressFacts = new Map<string, Promise<ExpressCompletionFacts>>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Forget what was read for projects containing `uri` (a schema, model or deps module changed). */
  invalidate(uri: vscode.Uri): void {
    for (const cache of [this.facts, this.expressFacts]) for (const key of [...cache.keys()]) if (uri.toString().startsWith(key)) cache.delete(key);
  }

  private factsFor(root: vscode.Uri): Promise<RouteCompletionFacts> {
    const key = root.toString();
    let facts = this.facts.get(key);
    if (!facts) {
      facts = readRouteCompletionFacts(workspaceFileView(root));
      facts.catch(() => this.facts.delete(key));
      this.facts.set(key, facts);
    }
    return facts;
  }

  private expressFactsFor(root: vscode.Uri): Promise<ExpressCompletionFacts> {
    const key = root.toString();
    let facts = this.expressFacts.get(key);
    if (!facts) {
      facts = readExpressCompletionFacts(workspaceFileView(root));
      facts.catch(() => this.expressFacts.delete(key));
      this.expressFacts.set(key, facts);
    }
    return facts;
  }

  /** Express router modules: handlers of the module's resource (tree-sitter-typescript; parsed only when the line could start one). */
  private async express(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const text = document.getText();
    const offset = document.offsetAt(position);
    if (!expressCompletionMayApply(text, offset)) return undefined;
    const project = projectOf(document.uri, '/src/');
    if (!project) return undefined;
    try {
      const facts = await this.expressFactsFor(project.root);
      if (token.isCancellationRequested) return undefined;
      return (await expressRouteCompletions(text, offset, facts, project.path)).map((item) => toItem(document, item, 'typescript'));
    } catch (error) {
      this.log.error('route completions failed', error);
      return undefined;
    }
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    if (document.languageId === 'typescript') return this.express(document, position, token);
    // Cheap checks first: no parse for modules that cannot define a router.
    const text = document.getText();
    if (!text.includes('APIRouter')) return undefined;
    const project = projectOf(document.uri);
    try {
      const facts = project ? await this.factsFor(project.root) : EMPTY;
      if (token.isCancellationRequested) return undefined;
      const items = await fastapiRouteCompletions(text, document.offsetAt(position), facts, project?.path ?? '');
      return items.map((item) => toItem(document, item));
    } catch (error) {
      this.log.error('route completions failed', error);
      return undefined;
    }
  }
}

const EMPTY: RouteCompletionFacts = { schemas: new Map(), models: new Map(), dependencies: new Map(), helpers: new Map() };

function toItem(document: vscode.TextDocument, item: RouteCompletion, language = 'python'): vscode.CompletionItem {
  const range = (start: number, end: number) => new vscode.Range(document.positionAt(start), document.positionAt(end));
  const out = new vscode.CompletionItem(item.label, vscode.CompletionItemKind.Snippet);
  out.insertText = new vscode.SnippetString(item.snippet);
  out.range = range(item.replace.start, item.replace.end);
  out.filterText = item.filterText;
  out.sortText = item.sortText;
  out.detail = item.detail;
  out.documentation = new vscode.MarkdownString().appendCodeblock(item.preview, language);
  out.additionalTextEdits = item.additionalEdits.map((e) => vscode.TextEdit.replace(range(e.start, e.end), e.text));
  return out;
}

/** The provider for Python (with `@` as a trigger) and TypeScript, and the watchers that keep its facts fresh. */
export function registerCompletions(log: vscode.LogOutputChannel): vscode.Disposable {
  const provider = new RouteCompletions(log);
  const watcher = vscode.workspace.createFileSystemWatcher('**/{app/deps.py,app/errors.py,app/schemas/*.py,app/models/*.py,src/app.ts,src/schemas/*.ts}');
  const invalidate = (uri: vscode.Uri) => provider.invalidate(uri);
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider([{ language: 'python' }, { language: 'typescript' }], provider, '@'),
    watcher,
    watcher.onDidChange(invalidate),
    watcher.onDidCreate(invalidate),
    watcher.onDidDelete(invalidate),
    // Unsaved edits count too (the file view reads dirty documents): forget on every change to those modules.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (/\/app\/(deps|errors|schemas\/[^/]+|models\/[^/]+)\.py$|\/src\/(app|schemas\/[^/]+)\.ts$/.test(e.document.uri.path)) invalidate(e.document.uri);
    }),
  );
}
