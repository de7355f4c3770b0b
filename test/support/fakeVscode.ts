// A small in-process stand-in for the `vscode` module, enough to drive the
// analysis adapters (diagnostics, quick fixes, the workspace scan) from plain
// mocha: documents are in memory, workspace folders are real temp folders on
// disk. Importing this file installs it as `vscode` for every later require.
// It is not VS Code: behaviour that matters (positionAt, DiagnosticCollection,
// WorkspaceEdit) follows the real API's documented semantics.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as nodePath from 'node:path';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>, thisArg?: unknown, disposables?: { dispose(): void }[]): Disposable => {
    const bound = thisArg ? listener.bind(thisArg) : listener;
    this.listeners.push(bound);
    const d = new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== bound)));
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', nodePath.resolve(p).split(nodePath.sep).join('/'));
  }
  static untitled(name: string): Uri {
    return new Uri('untitled', name);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, nodePath.posix.normalize([base.path, ...segments].join('/')));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  constructor(
    public range: Range,
    public message: string,
    public severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  constructor(readonly value: string) {}
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(this.value + '.');
  }
}

export class CodeAction {
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; text: string }[] = [];
  readonly creates: { uri: Uri; contents?: Uint8Array }[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }
  createFile(uri: Uri, options?: { contents?: Uint8Array }): void {
    this.creates.push({ uri, contents: options?.contents });
  }
}

export enum CompletionItemKind {
  Text = 0,
  Snippet = 27,
}

export class SnippetString {
  constructor(readonly value = '') {}
}

export class MarkdownString {
  value = '';
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
  static replace(range: Range, newText: string): TextEdit {
    return new TextEdit(range, newText);
  }
}

export class CompletionItem {
  insertText?: string | SnippetString;
  range?: Range;
  filterText?: string;
  sortText?: string;
  detail?: string;
  documentation?: string | MarkdownString;
  additionalTextEdits?: TextEdit[];
  constructor(
    readonly label: string,
    readonly kind?: CompletionItemKind,
  ) {}
}

export class RelativePattern {
  readonly baseUri: Uri;
  constructor(
    base: { uri: Uri } | Uri,
    readonly pattern: string,
  ) {
    this.baseUri = base instanceof Uri ? base : base.uri;
  }
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum FileType {
  File = 1,
  Directory = 2,
}

/** Line starts as VS Code counts them: \r\n, \n and a lone \r each end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

export class FakeDocument {
  version = 1;
  isClosed = false;
  constructor(
    readonly uri: Uri,
    private text: string,
    readonly languageId = 'python',
  ) {}
  getText(): string {
    return this.text;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = lineStarts(this.text);
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= o) line++;
    return new Position(line, o - starts[line]!);
  }
  offsetAt(position: Position): number {
    const starts = lineStarts(this.text);
    return Math.min(this.text.length, (starts[position.line] ?? this.text.length) + position.character);
  }
  /** Replace the whole text (a keystroke, for the tests' purposes). */
  setText(text: string): void {
    this.text = text;
    this.version++;
    workspaceEvents.change.fire({ document: this, contentChanges: [] });
  }
}

/** Apply a WorkspaceEdit's replacements to a text (for one URI), as VS Code would. */
export function applyWorkspaceEdit(document: FakeDocument, edit: WorkspaceEdit): string {
  const mine = edit.edits.filter((e) => e.uri.toString() === document.uri.toString());
  const sorted = [...mine].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  let text = document.getText();
  for (const e of sorted) text = text.slice(0, document.offsetAt(e.range.start)) + e.text + text.slice(document.offsetAt(e.range.end));
  return text;
}

export class FakeDiagnosticCollection {
  readonly entries = new Map<string, { uri: Uri; diagnostics: Diagnostic[] }>();
  constructor(readonly name: string) {}
  set(uri: Uri, diagnostics: Diagnostic[]): void {
    this.entries.set(uri.toString(), { uri, diagnostics: [...diagnostics] });
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString())?.diagnostics;
  }
  has(uri: Uri): boolean {
    return this.entries.has(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  dispose(): void {
    this.entries.clear();
  }
}

/** `{a,b}`, `**`, `*`, `?` → RegExp over a relative path. */
function globRegExp(glob: string): RegExp {
  const alternatives = glob.startsWith('{') && glob.endsWith('}') ? glob.slice(1, -1).split(',') : [glob];
  const one = (g: string): string => {
    let re = '';
    for (let i = 0; i < g.length; i++) {
      const c = g[i]!;
      if (c === '*' && g[i + 1] === '*') {
        if (g[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i++;
        }
      } else if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else if (c === '{') {
        const close = g.indexOf('}', i);
        re += `(?:${g.slice(i + 1, close).split(',').map(one).join('|')})`;
        i = close;
      } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
    return re;
  };
  return new RegExp(`^(?:${alternatives.map(one).join('|')})$`);
}

export interface FakeWatcher {
  readonly create: EventEmitter<Uri>;
  readonly change: EventEmitter<Uri>;
  readonly delete: EventEmitter<Uri>;
}

const workspaceEvents = {
  open: new EventEmitter<FakeDocument>(),
  change: new EventEmitter<{ document: FakeDocument; contentChanges: unknown[] }>(),
  close: new EventEmitter<FakeDocument>(),
  save: new EventEmitter<FakeDocument>(),
  configuration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  folders: new EventEmitter<unknown>(),
};

/** Test controls over the fake editor. */
export const fake = {
  documents: [] as FakeDocument[],
  folders: [] as { uri: Uri; name: string; index: number }[],
  settings: {} as Record<string, unknown>,
  watchers: [] as FakeWatcher[],
  collections: [] as FakeDiagnosticCollection[],
  codeActionProviders: [] as { selector: unknown; provider: { provideCodeActions: (...args: unknown[]) => Promise<CodeAction[]> }; metadata: unknown }[],
  completionProviders: [] as { selector: unknown; provider: { provideCompletionItems: (...args: unknown[]) => Promise<CompletionItem[] | undefined> }; triggers: string[] }[],
  messages: [] as string[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  /** Tree data providers by view id (the Backend Routes view registers one at activation). */
  treeViews: new Map<string, unknown>(),
  log: [] as string[],
  findFilesCalls: 0,
  /** WorkspaceEdits given to workspace.applyEdit, in order. */
  appliedEdits: [] as WorkspaceEdit[],
  reset(): void {
    this.documents = [];
    this.folders = [];
    this.settings = {};
    this.watchers = [];
    this.collections = [];
    this.codeActionProviders = [];
    this.completionProviders = [];
    this.messages = [];
    this.commands = new Map();
    this.treeViews = new Map();
    this.log = [];
    this.findFilesCalls = 0;
    this.appliedEdits = [];
  },
  open(uri: Uri, text: string, languageId = 'python'): FakeDocument {
    const doc = new FakeDocument(uri, text, languageId);
    this.documents.push(doc);
    workspaceEvents.open.fire(doc);
    return doc;
  },
  /** Write the document's text to its file and fire onDidSaveTextDocument. */
  save(doc: FakeDocument): void {
    fs.writeFileSync(doc.uri.fsPath, doc.getText());
    workspaceEvents.save.fire(doc);
  },
  close(doc: FakeDocument): void {
    this.documents = this.documents.filter((d) => d !== doc);
    doc.isClosed = true;
    workspaceEvents.close.fire(doc);
  },
  setSetting(key: string, value: unknown): void {
    this.settings[key] = value;
    workspaceEvents.configuration.fire({ affectsConfiguration: (section: string) => key === section || key.startsWith(section + '.') });
  },
  /** Tell every watcher a file changed on disk. */
  fileEvent(kind: 'create' | 'change' | 'delete', uri: Uri): void {
    for (const w of this.watchers) w[kind].fire(uri);
  },
  logChannel() {
    const push = (level: string) => (message: string, ...rest: unknown[]) => void fake.log.push(`${level} ${message}${rest.length ? ' ' + rest.map(String).join(' ') : ''}`);
    return { info: push('info'), warn: push('warn'), error: push('error'), debug: push('debug'), trace: push('trace'), show() {}, dispose() {} };
  },
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = nodePath.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

const vscodeModule = {
  EventEmitter,
  Disposable,
  Uri,
  Position,
  Range,
  Diagnostic,
  DiagnosticSeverity,
  CodeAction,
  CodeActionKind,
  WorkspaceEdit,
  RelativePattern,
  CompletionItem,
  CompletionItemKind,
  SnippetString,
  MarkdownString,
  TextEdit,
  ProgressLocation,
  FileType,
  languages: {
    createDiagnosticCollection(name: string) {
      const c = new FakeDiagnosticCollection(name);
      fake.collections.push(c);
      return c;
    },
    registerCodeActionsProvider(selector: unknown, provider: never, metadata: unknown) {
      fake.codeActionProviders.push({ selector, provider, metadata });
      return new Disposable(() => undefined);
    },
    registerCompletionItemProvider(selector: unknown, provider: never, ...triggers: string[]) {
      const entry = { selector, provider, triggers };
      fake.completionProviders.push(entry);
      return new Disposable(() => (fake.completionProviders = fake.completionProviders.filter((p) => p !== entry)));
    },
  },
  workspace: {
    get textDocuments() {
      return fake.documents;
    },
    get workspaceFolders() {
      return fake.folders;
    },
    onDidOpenTextDocument: workspaceEvents.open.event,
    onDidChangeTextDocument: workspaceEvents.change.event,
    onDidCloseTextDocument: workspaceEvents.close.event,
    onDidSaveTextDocument: workspaceEvents.save.event,
    onDidChangeConfiguration: workspaceEvents.configuration.event,
    onDidChangeWorkspaceFolders: workspaceEvents.folders.event,
    // File operations done in the editor (explorer, WorkspaceEdit): never fired by the fake.
    onDidCreateFiles: new EventEmitter<unknown>().event,
    onDidDeleteFiles: new EventEmitter<unknown>().event,
    onDidRenameFiles: new EventEmitter<unknown>().event,
    getConfiguration(section: string) {
      return { get: (key: string) => fake.settings[`${section}.${key}`] };
    },
    getWorkspaceFolder(uri: Uri) {
      return fake.folders.find((f) => uri.scheme === 'file' && (uri.path + '/').startsWith(f.uri.path + '/'));
    },
    async findFiles(include: RelativePattern, exclude?: string) {
      fake.findFilesCalls++;
      const root = include.baseUri.fsPath;
      const inc = globRegExp(include.pattern);
      const exc = exclude ? globRegExp(exclude) : undefined;
      return walk(root)
        .map((full) => nodePath.relative(root, full).split(nodePath.sep).join('/'))
        .filter((rel) => inc.test(rel) && !exc?.test(rel))
        .map((rel) => Uri.joinPath(include.baseUri, rel));
    },
    fs: {
      async readFile(uri: Uri) {
        return new Uint8Array(fs.readFileSync(uri.fsPath));
      },
      async stat(uri: Uri) {
        const stat = fs.statSync(uri.fsPath);
        return { type: stat.isDirectory() ? FileType.Directory : FileType.File, size: stat.size, ctime: stat.ctimeMs, mtime: stat.mtimeMs };
      },
      async readDirectory(uri: Uri): Promise<[string, FileType][]> {
        return fs.readdirSync(uri.fsPath, { withFileTypes: true }).map((e) => [e.name, e.isDirectory() ? FileType.Directory : FileType.File]);
      },
    },
    createFileSystemWatcher() {
      const w = { create: new EventEmitter<Uri>(), change: new EventEmitter<Uri>(), delete: new EventEmitter<Uri>() };
      fake.watchers.push(w);
      return { onDidCreate: w.create.event, onDidChange: w.change.event, onDidDelete: w.delete.event, dispose: () => (fake.watchers = fake.watchers.filter((x) => x !== w)) };
    },
    /** Record the edit (fake.appliedEdits) and apply its replacements to the open documents. */
    async applyEdit(edit: WorkspaceEdit) {
      fake.appliedEdits.push(edit);
      for (const doc of fake.documents) if (edit.edits.some((e) => e.uri.toString() === doc.uri.toString())) doc.setText(applyWorkspaceEdit(doc, edit));
      return true;
    },
    async openTextDocument(uri: Uri) {
      const open = fake.documents.find((d) => d.uri.toString() === uri.toString());
      if (open) return open;
      return new FakeDocument(uri, fs.readFileSync(uri.fsPath, 'utf8'), uri.path.endsWith('.py') ? 'python' : 'plaintext');
    },
  },
  commands: {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
      fake.commands.set(id, handler);
      return new Disposable(() => fake.commands.delete(id));
    },
  },
  window: {
    createOutputChannel() {
      return fake.logChannel();
    },
    createTreeView(id: string, options: { treeDataProvider: unknown }) {
      fake.treeViews.set(id, options.treeDataProvider);
      return new Disposable(() => fake.treeViews.delete(id));
    },
    async withProgress(_options: unknown, task: (progress: { report(v: unknown): void }, token: { isCancellationRequested: boolean }) => Promise<unknown>) {
      return task({ report() {} }, { isCancellationRequested: false });
    },
    showInformationMessage(message: string) {
      fake.messages.push(message);
      return Promise.resolve(undefined);
    },
    showErrorMessage(message: string) {
      fake.messages.push(message);
      return Promise.resolve(undefined);
    },
  },
};

// Resolve `require('vscode')` to the fake.
const moduleWithResolve = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === 'vscode') return 'vscode';
  return original.call(this, request, ...rest);
};
(require.cache as Record<string, unknown>)['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeModule } as unknown;
