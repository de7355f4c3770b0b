// Wires the analysis into the editor: one DiagnosticCollection, live
// diagnostics for Python, TypeScript and JavaScript documents, quick fixes, the workspace scan, and the
// per-folder config/project-facts cache they share. Returns one Disposable.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Analyzers, ThreadAnalyzers, type DocumentAnalyzers, type ProjectFacts } from '../core/index';
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
  const analysis = new EditorAnalyzer(workspace, vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules'), log, analyzersFor(context.extensionUri, log));
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
    analysis,
    refreshScanned,
    vscode.languages.registerCodeActionsProvider(Object.keys(ANALYZED_LANGUAGE_IDS).map((language) => ({ language })), new AnalysisCodeActions(analysis), { providedCodeActionKinds: AnalysisCodeActions.kinds }),
  );
  return { scanWorkspace: scanWorkspaceCommand(ctx, analysis, collection), collection, live, facts: (folder) => workspace.facts(folder), dispose: () => disposable.dispose() };
}

/**
 * The rules run on the analysis worker thread shipped beside the extension
 * bundle (dist/analysis-worker.js), so the extension host's thread only posts
 * text; in-process where there is none (tests of the sources, a remote
 * extension location).
 */
function analyzersFor(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): DocumentAnalyzers {
  const script = extensionUri.scheme === 'file' ? join(extensionUri.fsPath, 'dist', 'analysis-worker.js') : undefined;
  if (!script || !existsSync(script)) return new Analyzers();
  log.info('analysis runs on a worker thread');
  return new ThreadAnalyzers(script, {}, (message) => log.warn(message));
}
