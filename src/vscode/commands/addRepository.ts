// Backend: Add Repository… — for the SQLAlchemy model under the cursor (or
// one picked from the project's models when no model file is active): a
// repository class on the project's generic base, as New Resource emits.
import * as vscode from 'vscode';
import { PlanError, inferStyle, planGeneration, readFastApiProject } from '../../core/index';
import { relativeTo } from '../project';
import { applyAndReveal, projectCommand, type CommandContext } from './common';

const TITLE = 'Add Repository';

export function addRepositoryCommand(ctx: CommandContext): () => Promise<void> {
  return projectCommand(ctx, TITLE, async ({ input, target, view }) => {
    if (target.framework === 'express') {
      throw new PlanError('Add Repository works on SQLAlchemy models (FastAPI); in an Express project, New Resource creates the pg repository (src/repositories/<name>.ts) with the table');
    }
    const editor = vscode.window.activeTextEditor;
    const activePath = editor ? relativeTo(target.root, editor.document.uri) : undefined;
    if (editor && activePath?.endsWith('.py')) {
      // The model under the cursor; the planner says clearly when there is none.
      const generation = await planGeneration(view, { kind: 'repository', modelPath: activePath, cursor: editor.document.offsetAt(editor.selection.active) });
      ctx.log.info(generation.summary);
      await applyAndReveal(ctx, target, generation.plan, TITLE);
      return;
    }
    const style = await inferStyle(view);
    let choices: ReadonlyArray<{ className: string; path: string }>;
    if (style.initLayout) {
      const project = await readFastApiProject(view);
      const missing = project.models.filter((m) => !project.existing.has(`app/repositories/${m.path.replace(/^app\/models\//, '')}`));
      choices = missing.length ? missing : project.models;
    } else {
      // Any project: the table classes style inference found, wherever they live.
      choices = style.models.known;
    }
    const model = await input.quickPick({
      id: 'repository.model',
      title: TITLE,
      placeHolder: 'Model to write a repository for (or run this command with the cursor in a model class)',
      items: choices.map((m) => ({ label: m.className, description: m.path, value: m })),
    });
    if (!model) return;
    const generation = await planGeneration(view, { kind: 'repository', modelPath: model.path, className: model.className });
    ctx.log.info(generation.summary);
    await applyAndReveal(ctx, target, generation.plan, TITLE);
  });
}
