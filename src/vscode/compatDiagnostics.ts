// Backward-compatibility diagnostics: when a source file the API contract is
// built from is saved, the working tree's contract is compared with the one at
// the merge base of the default branch (read with `git show`, nothing checked
// out; cached per base commit) and each breaking or potentially breaking
// change is shown on the changed line, naming the operations it breaks. Quick
// fixes come from the core (keep a removed field deprecated; make a new
// required request field optional; keep the old operation and serve the new
// shape under /v2, a plan over several files). Folders that are not git
// repositories, or have no default branch, get no diagnostics (logged once).
import * as vscode from 'vscode';
import { buildOpenApi, compatFindings, isContractSource, type CompatFinding, type CompatFix, type OpenApiDocument, type SourceFile } from '../core/index';
import { commitOf, defaultBase, diskSources, gitSources } from '../cli/contractSources';
import { fixToWorkspaceEdit } from './analysisEdits';
import { relativeTo } from './project';

export const COMPAT_SOURCE = 'backend-skill compat';

interface FolderState {
  running?: Promise<void>;
  again: boolean;
  /** The base's files and contract, kept until the base commit moves. */
  base?: { commit: string; files: SourceFile[]; doc: OpenApiDocument };
  warned?: string;
  /** URIs that hold this folder's diagnostics now. */
  shown: vscode.Uri[];
}

export class CompatDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly folders = new Map<string, FolderState>();
  private readonly fixes = new WeakMap<vscode.Diagnostic, readonly CompatFix[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly collection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((d) => void this.saved(d)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** A saved document: re-check its folder when the contract reads the file. */
  saved(document: vscode.TextDocument): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const path = folder && relativeTo(folder.uri, document.uri);
    if (!folder || !path || !isContractSource(path)) return Promise.resolve();
    return this.check(folder);
  }

  /** Compare the folder with its base now; a save during a check runs one more afterwards. */
  check(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const state = this.folders.get(key) ?? { again: false, shown: [] };
    this.folders.set(key, state);
    if (state.running) {
      state.again = true;
      return state.running;
    }
    const loop = async () => {
      do {
        state.again = false;
        await this.run(folder, state);
      } while (state.again);
      state.running = undefined;
    };
    state.running = loop();
    return state.running;
  }

  private async run(folder: vscode.WorkspaceFolder, state: FolderState): Promise<void> {
    const root = folder.uri.fsPath;
    let findings: CompatFinding[];
    let head: SourceFile[] = [];
    try {
      head = diskSources(root);
      const headDoc = await buildOpenApi(head);
      // A folder with no API routes (a library, a frontend) is not worth reading the base of.
      if (Object.keys(headDoc.paths).length === 0 && !state.base) findings = [];
      else {
        const commit = await commitOf(root, await defaultBase(root));
        if (state.base?.commit !== commit) {
          const files = await gitSources(root, commit);
          state.base = { commit, files, doc: await buildOpenApi(files) };
        }
        findings = await compatFindings(state.base.files, head, undefined, state.base.doc, headDoc);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      if (state.warned !== message) this.log.info(`compatibility check skipped for ${folder.name}: ${message}`);
      state.warned = message;
      findings = [];
    }
    for (const uri of state.shown) this.collection.delete(uri);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const texts = new Map(head.map((f) => [f.path, f.source]));
    for (const finding of findings) {
      const diagnostic = this.toDiagnostic(finding, texts.get(finding.path)?.split('\n')[finding.line] ?? '');
      this.fixes.set(diagnostic, finding.fixes);
      byFile.set(finding.path, [...(byFile.get(finding.path) ?? []), diagnostic]);
    }
    state.shown = [];
    for (const [path, diagnostics] of byFile) {
      const uri = vscode.Uri.joinPath(folder.uri, ...path.split('/'));
      this.collection.set(uri, diagnostics);
      state.shown.push(uri);
    }
  }

  private toDiagnostic(finding: CompatFinding, text: string): vscode.Diagnostic {
    // The whole changed line, from its indentation on (the file may not be open: its text is the one the check read).
    const indent = /^\s*/.exec(text)![0].length;
    const range = new vscode.Range(new vscode.Position(finding.line, indent), new vscode.Position(finding.line, Math.max(indent, text.length)));
    const severity = finding.verdict === 'breaking' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const diagnostic = new vscode.Diagnostic(range, finding.message, severity);
    diagnostic.source = COMPAT_SOURCE;
    diagnostic.code = finding.kind;
    return diagnostic;
  }

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const path = folder && relativeTo(folder.uri, document.uri);
    if (!folder || !path) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== COMPAT_SOURCE) continue;
      for (const fix of this.fixes.get(diagnostic) ?? []) {
        // Plans may span files (the versioned route edits the router and the schemas); each file must still
        // hold the text the check read, or the fix is stale (the next save refreshes it).
        const edit = await fixToWorkspaceEdit(document, { folder, base: folder.uri, path }, fix.plan);
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}

/** The compatibility diagnostics and their quick fixes, as one Disposable. */
export function registerCompatDiagnostics(log: vscode.LogOutputChannel): CompatDiagnostics {
  const collection = vscode.languages.createDiagnosticCollection(COMPAT_SOURCE);
  const diagnostics = new CompatDiagnostics(collection, log);
  const provider = vscode.languages.registerCodeActionsProvider(
    [{ language: 'python' }, { language: 'typescript' }, { language: 'javascript' }],
    diagnostics,
    { providedCodeActionKinds: CompatDiagnostics.kinds },
  );
  const dispose = diagnostics.dispose.bind(diagnostics);
  diagnostics.dispose = () => {
    dispose();
    provider.dispose();
    collection.dispose();
  };
  return diagnostics;
}
