// EditPlan -> one WorkspaceEdit: one undo step, optionally through the
// refactor preview. Files are created through the edit, never written
// behind the editor's back, so unsaved editor content is respected.
import * as vscode from 'vscode';
import type { EditPlan } from '../core/index';

export async function toWorkspaceEdit(folder: vscode.Uri, plan: EditPlan, label: string): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  for (const change of plan.changes) {
    const uri = vscode.Uri.joinPath(folder, ...change.path.split('/'));
    if (change.kind === 'create') {
      edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(change.content) }, metadata);
      continue;
    }
    // Offsets were computed on `original`: map them through a document holding exactly that text.
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== change.original) throw new Error(`${change.path} changed while planning; run the command again`);
    for (const e of change.edits) {
      edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text, metadata);
    }
  }
  return edit;
}

export async function applyPlan(folder: vscode.Uri, plan: EditPlan, label: string, preview: boolean): Promise<boolean> {
  const edit = await toWorkspaceEdit(folder, plan, label);
  return vscode.workspace.applyEdit(edit, { isRefactoring: preview });
}
