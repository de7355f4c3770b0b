// Backend: Initialize Express Project… — the TypeScript skeleton (config from
// env with zod, pg pool, JSON errors, JWT auth, rate limit, request log, app,
// server, migrations) in the workspace folder or backendSkill.projectFolder;
// creates what is missing, keeps what exists. A separate command from the
// FastAPI one, so each is found by its framework's name in the palette.
import { PROJECT_NAME, planExpressInit, projectNameFromFolder } from '../../core/index';
import { resolveProject } from '../project';
import { workspaceFileView } from '../workspaceFiles';
import { applyAndReveal, guarded, type CommandContext } from './common';

const TITLE = 'Initialize Express Project';

export function initExpressCommand(ctx: CommandContext): () => Promise<void> {
  return () =>
    guarded(ctx, TITLE, async () => {
      const input = ctx.input();
      const target = await resolveProject(input, ctx.log, TITLE, 'express');
      if (!target) return;
      const folderName = target.root.path.split('/').filter(Boolean).pop() ?? target.folder.name;
      const projectName = await input.inputBox({
        id: 'init.name',
        title: TITLE,
        prompt: 'Project name (used for package.json and the API title)',
        value: projectNameFromFolder(folderName),
        validate: (v) => (PROJECT_NAME.test(v.trim()) ? undefined : 'start with a letter; then letters, digits, spaces, . _ - (64 at most)'),
      });
      if (projectName === undefined) return;
      const plan = await planExpressInit(workspaceFileView(target.root), { projectName: projectName.trim() });
      if (plan.changes.length === 0) {
        input.showInfo('Backend: the project already has everything init creates.');
        return;
      }
      await applyAndReveal(ctx, target, plan, 'Initialize Express project', 'src/app.ts');
    });
}
