// The one place where analysis offsets become editor positions: a finding's
// range, and a fix's EditPlan as one WorkspaceEdit (one undo step). The
// analysed document is edited through its own URI (it may be untitled or
// outside any folder); other files of the plan (.env.example, the settings
// module) are opened relative to the base the analysis ran in.
import * as vscode from 'vscode';
import { lineIndex, type EditPlan, type Finding } from '../core/index';
import type { Placement } from './analysisWorkspace';

export function findingRange(document: { positionAt(offset: number): vscode.Position }, finding: Pick<Finding, 'start' | 'end'>): vscode.Range {
  return new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
}

/** A fix's plan as one WorkspaceEdit; undefined when a file changed since the analysis (the fix is stale). */
export async function fixToWorkspaceEdit(document: vscode.TextDocument, placement: Placement, plan: EditPlan): Promise<vscode.WorkspaceEdit | undefined> {
  const edit = new vscode.WorkspaceEdit();
  for (const change of plan.changes) {
    const uri = change.path === placement.path ? document.uri : vscode.Uri.joinPath(placement.base, ...change.path.split('/'));
    if (change.kind === 'create') {
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(change.content) });
      continue;
    }
    const target = uri.toString() === document.uri.toString() ? document : await vscode.workspace.openTextDocument(uri);
    if (target.getText() !== change.original) return undefined;
    for (const e of change.edits) edit.replace(uri, new vscode.Range(target.positionAt(e.start), target.positionAt(e.end)), e.text);
  }
  return edit;
}

/** positionAt for a text that is not open in an editor (workspace scan). */
export function textPositions(text: string): { positionAt(offset: number): vscode.Position } {
  const index = lineIndex(text);
  return {
    positionAt(offset) {
      const { line, column } = index.position(offset);
      return new vscode.Position(line - 1, column - 1);
    },
  };
}
