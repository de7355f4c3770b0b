// Extension entry point: creates the log channel and registers commands.
// Activation does no heavy work; the parser loads on the first command.
import * as vscode from 'vscode';
import { initProjectCommand } from './commands/initProject';
import { newResourceCommand } from './commands/newResource';
import { registerAnalysis } from './analysis';

/** Command ids, in one table (kept in step with package.json by a test). */
export const COMMANDS = {
  initFastApi: 'backendSkill.initFastApi',
  newResource: 'backendSkill.newResource',
  scanWorkspace: 'backendSkill.scanWorkspace',
} as const;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Backend Skill', { log: true });
  const ctx = { log };
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(COMMANDS.initFastApi, initProjectCommand(ctx)),
    vscode.commands.registerCommand(COMMANDS.newResource, newResourceCommand(ctx)),
  );
  const analysis = registerAnalysis(context, log);
  context.subscriptions.push(analysis, vscode.commands.registerCommand(COMMANDS.scanWorkspace, analysis.scanWorkspace));
}

export function deactivate(): void {}
