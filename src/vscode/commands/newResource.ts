// Backend: New Resource… — name, fields (validated while typing by the same
// zod schema as the CLI), auth mode; then one WorkspaceEdit.
import * as vscode from 'vscode';
import { AUTH_MODES, checkResourceName, fieldSpecSchema, planNewResource, readFastApiProject, type AuthMode } from '../../core/index';
import { applyPlan } from '../applyPlan';
import { readSettings } from '../settings';
import { workspaceFileView } from '../workspaceFiles';
import { guarded, pickFolder, type CommandContext } from './common';

const AUTH_LABELS: Record<AuthMode, string> = {
  writes: 'Writes need a bearer token (reads are open)',
  all: 'Every route needs a bearer token',
  none: 'No authentication',
};

export function newResourceCommand(ctx: CommandContext): () => Promise<void> {
  return () =>
    guarded(ctx, 'New Resource', async () => {
      const folder = await pickFolder();
      if (!folder) {
        void vscode.window.showErrorMessage('Backend: open a FastAPI project folder first.');
        return;
      }
      const view = workspaceFileView(folder.uri);
      const project = await readFastApiProject(view);
      const existing = new Set(project.models.map((m) => m.className));
      const name = await vscode.window.showInputBox({
        title: 'New Resource (1/3)',
        prompt: 'Resource name, singular (e.g. Book, OrderLine)',
        validateInput: (value) => {
          try {
            const names = checkResourceName(value);
            return existing.has(names.className) ? `${names.className} already exists in this project` : undefined;
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
        },
      });
      if (name === undefined) return;
      const schema = fieldSpecSchema(new Set([...existing, checkResourceName(name).className]));
      const fields = await vscode.window.showInputBox({
        title: 'New Resource (2/3)',
        prompt: 'Fields: name:type[?][=default][:modifier…] — e.g. title:str:max=200 price:decimal author:ref(Author)',
        validateInput: (value) => {
          const result = schema.safeParse(value);
          return result.success ? undefined : result.error.issues[0]?.message;
        },
      });
      if (fields === undefined) return;
      const settings = readSettings(folder.uri, ctx.log);
      const picked = await vscode.window.showQuickPick(
        AUTH_MODES.map((mode) => ({ label: mode, description: AUTH_LABELS[mode], picked: mode === settings.defaultAuth })),
        { title: 'New Resource (3/3)', placeHolder: `Authentication (default: ${settings.defaultAuth})` },
      );
      if (!picked) return;
      const { plan, spec } = await planNewResource(view, { name, fields, auth: picked.label as AuthMode });
      const applied = await applyPlan(folder.uri, plan, `New resource ${spec.names.className}`, settings.previewEdits);
      if (!applied) return;
      ctx.log.info(`new resource ${spec.names.className}: ${plan.changes.map((c) => c.path).join(', ')}`);
      const router = plan.changes.find((c) => c.path.startsWith('app/routers/'));
      if (router) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...router.path.split('/')));
    });
}
