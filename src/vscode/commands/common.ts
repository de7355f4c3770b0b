// Shared command plumbing: the context every command gets, and one way to
// report failures (one actionable message; details and stacks to the log).
import * as vscode from 'vscode';
import { InputError, PlanError, type EditPlan, type FileView, type Framework } from '../../core/index';
import { applyPlan, revealPlan } from '../applyPlan';
import type { InputFacade } from '../input';
import { resolveProject, type ProjectTarget } from '../project';
import { workspaceFileView } from '../workspaceFiles';

export interface CommandContext {
  readonly log: vscode.LogOutputChannel;
  /** The current input facade (VS Code's UI, or a script installed by a host test). */
  readonly input: () => InputFacade;
}

/** Run a command body; expected failures become one actionable message, the rest are logged with stack. */
export async function guarded(ctx: CommandContext, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof PlanError || error instanceof InputError) {
      ctx.log.warn(`${name}: ${error.message}`);
      void ctx.input().showError(`Backend: ${error.message}`);
      return;
    }
    ctx.log.error(`${name} failed`, error instanceof Error ? error : new Error(String(error)));
    void ctx
      .input()
      .showError(`Backend: ${name} failed; see the "Backend Skill" output for details.`, 'Open Log')
      .then((choice) => {
        if (choice) ctx.log.show();
      });
  }
}

/** What a command working on an existing project starts from. */
export interface ProjectSession {
  readonly input: InputFacade;
  readonly target: ProjectTarget;
  /** The project's files as the editor sees them (unsaved changes included). */
  readonly view: FileView;
}

/**
 * A guarded command that first resolves the target project; Escape while
 * picking it changes nothing. `only`: the command works on that framework alone.
 */
export function projectCommand(ctx: CommandContext, title: string, body: (session: ProjectSession) => Promise<void>, only?: Framework): () => Promise<void> {
  return () =>
    guarded(ctx, title, async () => {
      const input = ctx.input();
      const target = await resolveProject(input, ctx.log, title, undefined, only);
      if (!target) return;
      await body({ input, target, view: workspaceFileView(target.root) });
    });
}

/** Apply a plan (one undo step, preview when the setting asks), log it, and show the inserted code. */
export async function applyAndReveal(ctx: CommandContext, target: ProjectTarget, plan: EditPlan, label: string, fallbackPath?: string): Promise<boolean> {
  const applied = await applyPlan(target.root, plan, label, target.settings.previewEdits);
  if (!applied) {
    ctx.log.info(`${label}: not applied (preview cancelled or edit refused)`);
    return false;
  }
  ctx.log.info(`${label}: ${plan.changes.map((c) => `${c.kind === 'create' ? 'created' : 'edited'} ${c.path}`).join(', ')}`);
  for (const note of plan.notes) ctx.log.info(`  ${note}`);
  await revealPlan(target.root, plan, fallbackPath);
  return true;
}

/** The message of the first zod issue, or undefined when the value is fine (for validateInput). */
export function firstIssue(result: { success: boolean; error?: { issues: readonly { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}
