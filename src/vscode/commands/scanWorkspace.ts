// Backend: Scan Workspace for Unsafe Patterns — every Python, TypeScript and JavaScript file of every
// folder (excludes honoured) analysed into the Problems view, with a
// cancellable progress notification. Open documents keep their live results
// (their unsaved text is what the editor shows); closed files get a snapshot
// that the watcher refreshes when they change on disk.
import * as vscode from 'vscode';
import { analyzedFilesGlob, excludeGlob } from '../../core/index';
import { textPositions } from '../analysisEdits';
import { placementOf, readText } from '../analysisWorkspace';
import { isAnalyzedDocument, type EditorAnalyzer } from '../diagnostics';
import type { CommandContext } from './common';
import { guarded } from './common';

export interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly filesWithFindings: number;
  readonly ms: number;
  readonly cancelled: boolean;
}

/** Analyse one closed file from disk into the collection. */
export async function scanFile(analysis: EditorAnalyzer, collection: vscode.DiagnosticCollection, uri: vscode.Uri): Promise<number> {
  const text = await readText(uri);
  const result = text === undefined ? undefined : await analysis.analyze(placementOf(uri), text);
  if (!result || result.findings.length === 0) {
    collection.delete(uri);
    return 0;
  }
  const positions = textPositions(text!);
  collection.set(uri, result.findings.map((f) => analysis.toDiagnostic(positions, f)));
  return result.findings.length;
}

export async function scanWorkspace(analysis: EditorAnalyzer, collection: vscode.DiagnosticCollection, log: vscode.LogOutputChannel): Promise<ScanSummary | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Backend: open a folder to scan.');
    return undefined;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Backend: scanning for unsafe patterns', cancellable: true }, async (progress, token) => {
    const started = Date.now();
    const uris: vscode.Uri[] = [];
    for (const folder of folders) {
      const { exclude } = await analysis.workspace.config(folder);
      uris.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, analyzedFilesGlob()), excludeGlob(exclude), undefined, token)));
    }
    const open = new Set(vscode.workspace.textDocuments.filter(isAnalyzedDocument).map((d) => d.uri.toString()));
    let findings = 0;
    let filesWithFindings = 0;
    let done = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      if (open.has(uri.toString())) {
        const live = collection.get(uri)?.length ?? 0;
        findings += live;
        if (live) filesWithFindings++;
      } else {
        const n = await scanFile(analysis, collection, uri);
        findings += n;
        if (n) filesWithFindings++;
      }
      done++;
      if (done % 20 === 0 || done === uris.length) progress.report({ message: `${done}/${uris.length} files`, increment: (20 / uris.length) * 100 });
      // Let the extension host breathe between batches.
      if (done % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    const summary = { files: done, findings, filesWithFindings, ms: Date.now() - started, cancelled: token.isCancellationRequested };
    const message = `${findings} finding${findings === 1 ? '' : 's'} in ${filesWithFindings} file${filesWithFindings === 1 ? '' : 's'} (${summary.ms} ms)`;
    log.info(`scan${summary.cancelled ? ' (cancelled)' : ''}: ${message}; ${done} of ${uris.length} files analysed`);
    void vscode.window.showInformationMessage(`Backend: ${message}${summary.cancelled ? ' — cancelled' : ''}.`);
    return summary;
  });
}

export function scanWorkspaceCommand(ctx: CommandContext, analysis: EditorAnalyzer, collection: vscode.DiagnosticCollection): () => Promise<void> {
  return () => guarded(ctx, 'Scan Workspace', async () => void (await scanWorkspace(analysis, collection, ctx.log)));
}
