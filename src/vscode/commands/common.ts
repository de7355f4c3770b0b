// Shared command plumbing: pick the target folder, report failures once.
import * as vscode from 'vscode';
import { InputError, PlanError } from '../../core/index';

export interface CommandContext {
  readonly log: vscode.LogOutputChannel;
}

/** The workspace folder to act in: the active editor's, the only one, or one the user picks. */
export async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (owner) return owner;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder of the FastAPI project' });
}

/** Run a command body; expected failures become one actionable message, the rest are logged with stack. */
export async function guarded(ctx: CommandContext, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof PlanError || error instanceof InputError) {
      void vscode.window.showErrorMessage(`Backend: ${error.message}`);
      ctx.log.warn(`${name}: ${error.message}`);
      return;
    }
    ctx.log.error(`${name} failed`, error instanceof Error ? error : new Error(String(error)));
    void vscode.window.showErrorMessage(`Backend: ${name} failed; see the "Backend Skill" output for details.`, 'Open Log').then((choice) => {
      if (choice) ctx.log.show();
    });
  }
}
