// Route completions in router modules: the core decides what fits at the
// cursor (from the syntax tree) and which imports are missing; this adapter
// turns its offsets into ranges and snippet strings. Registering costs
// nothing: the parser loads on the first request in a file that mentions a
// router, and the workspace facts (schema classes, models, dependencies) are
// read once per project and dropped when those files change.
import * as vscode from 'vscode';
import { fastapiRouteCompletions, readRouteCompletionFacts, type RouteCompletion, type RouteCompletionFacts } from '../core/index';
import { workspaceFileView } from './workspaceFiles';

/** The project a router module belongs to: the folder holding its `app/` package. */
function projectOf(uri: vscode.Uri): { root: vscode.Uri; path: string } | undefined {
  const at = uri.path.lastIndexOf('/app/');
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

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Forget what was read for projects containing `uri` (a schema, model or deps module changed). */
  invalidate(uri: vscode.Uri): void {
    for (const key of [...this.facts.keys()]) if (uri.toString().startsWith(key)) this.facts.delete(key);
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

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
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

function toItem(document: vscode.TextDocument, item: RouteCompletion): vscode.CompletionItem {
  const range = (start: number, end: number) => new vscode.Range(document.positionAt(start), document.positionAt(end));
  const out = new vscode.CompletionItem(item.label, vscode.CompletionItemKind.Snippet);
  out.insertText = new vscode.SnippetString(item.snippet);
  out.range = range(item.replace.start, item.replace.end);
  out.filterText = item.filterText;
  out.sortText = item.sortText;
  out.detail = item.detail;
  out.documentation = new vscode.MarkdownString().appendCodeblock(item.preview, 'python');
  out.additionalTextEdits = item.additionalEdits.map((e) => vscode.TextEdit.replace(range(e.start, e.end), e.text));
  return out;
}

/** The provider for Python, with `@` as a trigger, and the watcher that keeps its facts fresh. */
export function registerCompletions(log: vscode.LogOutputChannel): vscode.Disposable {
  const provider = new RouteCompletions(log);
  const watcher = vscode.workspace.createFileSystemWatcher('**/app/{deps.py,errors.py,schemas/*.py,models/*.py}');
  const invalidate = (uri: vscode.Uri) => provider.invalidate(uri);
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider({ language: 'python' }, provider, '@'),
    watcher,
    watcher.onDidChange(invalidate),
    watcher.onDidCreate(invalidate),
    watcher.onDidDelete(invalidate),
    // Unsaved edits count too (the file view reads dirty documents): forget on every change to those modules.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (/\/app\/(deps|errors|schemas\/[^/]+|models\/[^/]+)\.py$/.test(e.document.uri.path)) invalidate(e.document.uri);
    }),
  );
}
