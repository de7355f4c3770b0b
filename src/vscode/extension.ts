// Extension entry point: creates the log channel and registers the commands
// from one table. Activation does no heavy work (the parser loads on the
// first command). The returned API lets host tests script the input facade.
import * as vscode from 'vscode';
import { lastApplied, type AppliedPlan } from './applyPlan';
import { addDtoCommand } from './commands/addDto';
import { addRepositoryCommand } from './commands/addRepository';
import { addRouteCommand } from './commands/addRoute';
import type { CommandContext } from './commands/common';
import { initExpressCommand } from './commands/initExpress';
import { registerCompletions } from './completions';
import { initProjectCommand } from './commands/initProject';
import { newResourceCommand } from './commands/newResource';
import { registerAnalysis } from './analysis';
import { registerCompatDiagnostics } from './compatDiagnostics';
import { registerRefactors } from './refactors';
import { windowInput, type InputFacade } from './input';
import { goToRouteCommand, registerRoutesView, type RoutesProvider } from './routesView';

/** Command ids and their handlers, in one table (kept in step with package.json by a test). */
const COMMANDS: Record<string, (ctx: CommandContext) => () => Promise<void>> = {
  'backendSkill.initFastApi': initProjectCommand,
  'backendSkill.newResource': newResourceCommand,
  'backendSkill.addRoute': addRouteCommand,
  'backendSkill.addDto': addDtoCommand,
  'backendSkill.addRepository': addRepositoryCommand,
  'backendSkill.initExpress': initExpressCommand,
};

/** What `activate` returns (vscode.extensions.getExtension(...).exports). */
export interface BackendSkillApi {
  /** Replace the UI with a scripted facade (tests); undefined restores VS Code's own UI. */
  setInputForTests(facade: InputFacade | undefined): void;
  /** The last plan a command applied (label, preview on/off, paths), for tests. */
  lastApplied(): AppliedPlan | undefined;
  /** The Backend Routes view's data provider (tests walk its items and wait for its updates). */
  readonly routes: RoutesProvider;
}

export function activate(context: vscode.ExtensionContext): BackendSkillApi {
  const log = vscode.window.createOutputChannel('Backend Skill', { log: true });
  let input: InputFacade = windowInput;
  const ctx: CommandContext = { log, input: () => input };
  context.subscriptions.push(log, ...Object.entries(COMMANDS).map(([id, command]) => vscode.commands.registerCommand(id, command(ctx))));
  // Diagnostics, quick fixes and the workspace scan; the analyzer itself loads on first use.
  const analysis = registerAnalysis(context, log, ctx);
  context.subscriptions.push(analysis, vscode.commands.registerCommand('backendSkill.scanWorkspace', analysis.scanWorkspace));
  // Route completions in router modules; the parser loads on the first request.
  context.subscriptions.push(registerCompletions(log));
  // The Backend Routes view: indexed when first shown, then updated file by file.
  const routes = registerRoutesView(log);
  context.subscriptions.push(
    routes,
    vscode.commands.registerCommand('backendSkill.goToRoute', goToRouteCommand(ctx, routes.provider)),
    vscode.commands.registerCommand('backendSkill.refreshRoutes', () => routes.provider.refresh()),
  );
  // Refactors in the lightbulb; they parse on request only.
  context.subscriptions.push(registerRefactors(ctx, analysis.facts, 'backendSkill.applyRefactor'));
  // Backward compatibility against the default branch, checked on save (git runs then, not at activation).
  context.subscriptions.push(registerCompatDiagnostics(log));
  return {
    setInputForTests(facade) {
      input = facade ?? windowInput;
    },
    lastApplied,
    routes: routes.provider,
  };
}

export function deactivate(): void {}
