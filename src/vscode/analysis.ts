// Wires the analysis into the editor: one DiagnosticCollection, live
// diagnostics for Python, TypeScript and JavaScript documents, quick fixes, the workspace scan, and the
// per-folder config/project-facts cache they share. Returns one Disposable.
import * as vscode from 'vscode';
import type { ProjectFacts } from '../core/index';
import { AnalysisCodeActions } from './codeActions';
import { AnalysisWorkspace } from './analysisWorkspace';
import { scanFile, scanWorkspaceCommand } from './commands/scanWorkspace';
import type { CommandContext } from './commands/common';
import { EditorAnalyzer, LiveDiagnostics, SOURCE } from './diagnostics';
import { ANALYZED_LANGUAGE_IDS } from '../core/index';
import { windowInput } from './input';

export interface AnalysisFeatures extends vscode.Disposable {
  readonly scanWorkspace: () => Promise<void>;
  readonly collection: vscode.DiagnosticCollection;
  readonly live: LiveDiagnostics;
  /** A folder's project facts (auth dependencies, settings…), shared with the refactors. */
  readonly facts: (folder: vscode.WorkspaceFolder) => Promise<ProjectFacts>;
}

export function registerAnalysis(
  context: Pick<vscode.ExtensionContext, 'extensionUri'>,
  log: vscode.LogOutputChannel,
  ctx: CommandContext = { log, input: () => windowInput },
): AnalysisFeatures {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const workspace = new AnalysisWorkspace(log);
  const analysis = new EditorAnalyzer(workspace, vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules'), log);
  const live = new LiveDiagnostics(analysis, collection, log);
  const open = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  // A closed file with scan results is re-analysed when it changes on disk, dropped when deleted.
  const refreshScanned = workspace.onDidChange(({ uri }) => {
    if (uri && collection.has(uri) && !open(uri)) void scanFile(analysis, collection, uri);
  });
  const disposable = vscode.Disposable.from(
    collection,
    workspace,
    live,
    refreshScanned,
    vscode.languages.registerCodeActionsProvider(Object.keys(ANALYZED_LANGUAGE_IDS).map((language) => ({ language })), new AnalysisCodeActions(analysis), { providedCodeActionKinds: AnalysisCodeActions.kinds }),
  );
  return { scanWorkspace: scanWorkspaceCommand(ctx, analysis, collection), collection, live, facts: (folder) => workspace.facts(folder), dispose: () => disposable.dispose() };
}
