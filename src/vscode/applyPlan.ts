// EditPlan -> one WorkspaceEdit: one undo step, optionally through the
// refactor preview. Files are created through the edit, never written
// behind the editor's back, so unsaved editor content is respected. After
// applying, the most relevant file is opened at the inserted code.
import * as vscode from 'vscode';
import { PlanError, type EditPlan } from '../core/index';

/** The document versions a WorkspaceEdit was built against, to refuse it when one changed before it is applied. */
const plannedVersions = new WeakMap<vscode.WorkspaceEdit, { uri: vscode.Uri; path: string; version: number; original: string }[]>();

// PlanError: the commands show its message as is (one line), not "failed; see the log".
const changed = (path: string) => new PlanError(`${path} changed while planning; nothing was changed — run the command again`);

export async function toWorkspaceEdit(root: vscode.Uri, plan: EditPlan, label: string, preview: boolean): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  const versions: { uri: vscode.Uri; path: string; version: number; original: string }[] = [];
  plannedVersions.set(edit, versions);
  // needsConfirmation is what sends an extension's edit to the refactor
  // preview (isRefactoring only makes VS Code honour auto-save). There the
  // entries start unchecked, grouped under `label`: one tick applies them all.
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: preview };
  for (const change of plan.changes) {
    const uri = vscode.Uri.joinPath(root, ...change.path.split('/'));
    if (change.kind === 'create') {
      edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(change.content) }, metadata);
      continue;
    }
    // Offsets were computed on `original`: map them through a document holding exactly that text.
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== change.original) throw changed(change.path);
    versions.push({ uri, path: change.path, version: document.version, original: change.original });
    for (const e of change.edits) {
      edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text, metadata);
    }
  }
  return edit;
}

/** What the last apply did, for host tests (read through the extension's API). */
export interface AppliedPlan {
  readonly label: string;
  readonly preview: boolean;
  readonly applied: boolean;
  readonly paths: readonly string[];
}

let last: AppliedPlan | undefined;
export const lastApplied = (): AppliedPlan | undefined => last;

/** Apply the plan as one edit; false when the user cancelled the preview or VS Code refused it. */
export async function applyPlan(root: vscode.Uri, plan: EditPlan, label: string, preview: boolean): Promise<boolean> {
  const edit = await toWorkspaceEdit(root, plan, label, preview);
  await refuseIfChanged(root, plan, edit);
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: preview });
  last = { label, preview, applied, paths: plan.changes.map((c) => c.path) };
  return applied;
}

/**
 * Right before applying: every edited document still at the version (and text)
 * it was planned against, every created file still absent. A WorkspaceEdit
 * carries offsets, not versions, so an edit built on older text would land in
 * the wrong place; refusing it keeps the change all-or-nothing.
 */
async function refuseIfChanged(root: vscode.Uri, plan: EditPlan, edit: vscode.WorkspaceEdit): Promise<void> {
  for (const planned of plannedVersions.get(edit) ?? []) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === planned.uri.toString()) ?? (await vscode.workspace.openTextDocument(planned.uri));
    if (document.version !== planned.version || document.getText() !== planned.original) throw changed(planned.path);
  }
  for (const change of plan.changes) {
    if (change.kind !== 'create') continue;
    const exists = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, ...change.path.split('/'))).then(() => true, () => false);
    if (exists) throw new PlanError(`${change.path} appeared while planning; nothing was changed — run the command again`);
  }
}

/** Open a file of the plan and put the cursor on the inserted code (plan.focus, else the start). */
export async function revealPlan(root: vscode.Uri, plan: EditPlan, fallbackPath?: string): Promise<void> {
  const path = plan.focus?.path ?? fallbackPath ?? plan.changes[0]?.path;
  if (!path) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, ...path.split('/')));
  const offset = plan.focus && plan.focus.path === path ? plan.focus.offset : 0;
  const position = document.positionAt(offset);
  const editor = await vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
