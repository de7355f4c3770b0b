// Extension entry point: wires commands; the generation work lives in the core.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Backend Skill', { log: true });
  context.subscriptions.push(log);
  log.info('backend-skill activated');
}

export function deactivate(): void {}
