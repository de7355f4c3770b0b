// Backend: New Resource… — name, fields (validated while typing by the same
// zod schema as the CLI), access (an auth mode preselected from
// backendSkill.defaultAuth; for FastAPI also admin-only writes and rows owned by
// their user, the CLI's --auth admin and --owned); then one WorkspaceEdit, and
// the new router opened. FastAPI or Express, as the project is (the Express
// slice: zod schemas, pg repository, router).
import {
  AUTH_MODES, SpecError, checkResourceName, fieldSpecSchema, parseFieldSpec, planExpressResource, planGeneration, readExpressProject, readFastApiProject,
  type AuthMode,
} from '../../core/index';
import { applyAndReveal, firstIssue, projectCommand, type CommandContext } from './common';

export const AUTH_LABELS: Record<AuthMode, string> = {
  writes: 'Writes need a bearer token (reads are open)',
  all: 'Every route needs a bearer token',
  none: 'No authentication',
};

/** The access choices beyond the three auth modes, FastAPI only: `new resource --auth admin` and `--owned`. */
type Access = AuthMode | 'admin' | 'owned';
const FASTAPI_ACCESS: readonly { value: Exclude<Access, AuthMode>; description: string }[] = [
  { value: 'admin', description: 'Only superusers write (reads are open)' },
  { value: 'owned', description: "Rows belong to their creator: every route needs a token, other users' rows answer 404, superusers see all" },
];

/** What the pick means for the request: `owned` is every route behind the token, scoped to the owner. */
export function accessRequest(access: Access): { auth: AuthMode | 'admin'; owned: boolean } {
  return access === 'owned' ? { auth: 'all', owned: true } : { auth: access, owned: false };
}

export function newResourceCommand(ctx: CommandContext): () => Promise<void> {
  return projectCommand(ctx, 'New Resource', async ({ input, target, view }) => {
    const express = target.framework === 'express';
    const existing = express
      ? new Set((await readExpressProject(view)).resources.map((r) => r.className))
      : new Set((await readFastApiProject(view)).models.map((m) => m.className));
    const flavor = express ? 'express' : 'fastapi';
    const name = await input.inputBox({
      id: 'resource.name',
      title: 'New Resource (1/3)',
      prompt: 'Resource name, singular (e.g. Book, OrderLine)',
      validate: (value) => {
        try {
          const names = checkResourceName(value, flavor);
          return existing.has(names.className) ? `${names.className} already exists in this project` : undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
    });
    if (name === undefined) return;
    let className = name;
    try {
      className = checkResourceName(name, flavor).className;
    } catch {
      // the planner reports it with the right wording
    }
    const schema = fieldSpecSchema(new Set([...existing, className]));
    const fields = await input.inputBox({
      id: 'resource.fields',
      title: 'New Resource (2/3)',
      prompt: 'Fields: name:type[?][=default][:modifier…] — e.g. title:str:max=200 price:decimal author:ref(Author)',
      placeHolder: 'title:str:max=200 price:decimal:min=0',
      validate: (value) => (express ? expressFieldIssue(value, new Set([...existing, className])) : firstIssue(schema.safeParse(value))),
    });
    if (fields === undefined) return;
    const items: { label: string; description: string; value: Access }[] = AUTH_MODES.map((mode) => ({ label: mode, description: AUTH_LABELS[mode], value: mode }));
    // The Express slice has neither an owner column nor a superuser role: not offered there.
    if (!express) items.push(...FASTAPI_ACCESS.map((a) => ({ label: a.value, description: a.description, value: a.value as Access })));
    const access = await input.quickPick<Access>({
      id: 'resource.auth',
      title: 'New Resource (3/3)',
      placeHolder: `Access (default from backendSkill.defaultAuth: ${target.settings.defaultAuth})`,
      items,
      active: target.settings.defaultAuth,
    });
    if (!access) return;
    const { auth, owned } = accessRequest(access);
    if (express) {
      const { plan, spec } = await planExpressResource(view, { name, fields, auth });
      await applyAndReveal(ctx, target, plan, `New resource ${spec.names.className}`, plan.changes.find((c) => c.path.startsWith('src/routes/'))?.path);
      return;
    }
    // The one generation entry: it reads the project's style and picks the planner (init layout or the project's own).
    const generation = await planGeneration(view, { kind: 'resource', name, fields, auth, owned });
    ctx.log.info(generation.summary);
    const plan = generation.plan;
    const router = plan.changes.find((c) => /(^|\/)(routers|routes|endpoints)\/|(views|router)\.py$/.test(c.path))?.path;
    await applyAndReveal(ctx, target, plan, `New resource ${generation.spec?.names.className ?? name}`, router);
  });
}

/** The field spec checked for the Express target (TypeScript reserved words too), for validateInput. */
export function expressFieldIssue(value: string, existing: ReadonlySet<string>): string | undefined {
  try {
    parseFieldSpec(value, existing, 'express');
    return undefined;
  } catch (error) {
    if (error instanceof SpecError) return error.describe();
    throw error;
  }
}
