// Backend: Initialize FastAPI Project… — creates what is missing, keeps what exists.
import { PROJECT_NAME, planInit, projectNameFromFolder } from '../../core/index';
import { resolveProject } from '../project';
import { workspaceFileView } from '../workspaceFiles';
import { applyAndReveal, guarded, type CommandContext } from './common';

export function initProjectCommand(ctx: CommandContext): () => Promise<void> {
  return () =>
    guarded(ctx, 'Initialize FastAPI Project', async () => {
      const input = ctx.input();
      const target = await resolveProject(input, ctx.log, 'Initialize FastAPI Project', 'fastapi');
      if (!target) return;
      const folderName = target.root.path.split('/').filter(Boolean).pop() ?? target.folder.name;
      const projectName = await input.inputBox({
        id: 'init.name',
        title: 'Initialize FastAPI Project',
        prompt: 'Project name (used as the API title)',
        value: projectNameFromFolder(folderName),
        validate: (v) => (PROJECT_NAME.test(v.trim()) ? undefined : 'start with a letter; then letters, digits, spaces, . _ - (64 at most)'),
      });
      if (projectName === undefined) return;
      const plan = await planInit(workspaceFileView(target.root), { projectName: projectName.trim() });
      if (plan.changes.length === 0) {
        input.showInfo('Backend: the project already has everything init creates.');
        return;
      }
      await applyAndReveal(ctx, target, plan, 'Initialize FastAPI project', 'app/main.py');
    });
}
