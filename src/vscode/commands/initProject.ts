// Backend: Initialize FastAPI Project… — creates what is missing, keeps what exists.
import * as vscode from 'vscode';
import { PROJECT_NAME, planInit, projectNameFromFolder } from '../../core/index';
import { applyPlan } from '../applyPlan';
import { readSettings } from '../settings';
import { workspaceFileView } from '../workspaceFiles';
import { guarded, pickFolder, type CommandContext } from './common';

export function initProjectCommand(ctx: CommandContext): () => Promise<void> {
  return () =>
    guarded(ctx, 'Initialize FastAPI Project', async () => {
      const folder = await pickFolder();
      if (!folder) {
        void vscode.window.showErrorMessage('Backend: open a folder first; the project is created in it.');
        return;
      }
      const projectName = await vscode.window.showInputBox({
        title: 'Initialize FastAPI Project',
        prompt: 'Project name (used as the API title)',
        value: projectNameFromFolder(folder.name),
        validateInput: (v) => (PROJECT_NAME.test(v.trim()) ? undefined : 'Start with a letter; then letters, digits, spaces, . _ - (64 at most)'),
      });
      if (projectName === undefined) return;
      const plan = await planInit(workspaceFileView(folder.uri), { projectName: projectName.trim() });
      if (plan.changes.length === 0) {
        void vscode.window.showInformationMessage('Backend: the project already has everything init creates.');
        return;
      }
      const applied = await applyPlan(folder.uri, plan, 'Initialize FastAPI project', readSettings(folder.uri, ctx.log).previewEdits);
      if (!applied) return;
      ctx.log.info(`init: ${plan.changes.length} file(s) in ${folder.uri.fsPath}`);
      const main = vscode.Uri.joinPath(folder.uri, 'app', 'main.py');
      await vscode.window.showTextDocument(main);
    });
}
