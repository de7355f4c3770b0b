// The one generation entry for the adapters: a request (validated with zod)
// plus the workspace view → an EditPlan. The project's style is inferred once
// here and handed to the planner that fits it, so neither the CLI nor the
// editor chooses emitters: our init layout keeps today's New Resource path,
// any other FastAPI project goes to the styled planner.
import { z } from 'zod';
import type { FileView } from '../files';
import type { EditPlan } from '../plan/editPlan';
import { PlanError, planNewResource, REQUIRED_FOR_RESOURCES } from '../plan/fastapi';
import { planAddRoute } from '../plan/route';
import { planAddDto } from '../plan/dto';
import { planAddRepository } from '../plan/repository';
import { AuthModeSchema, InputError, ResourceAuthModeSchema, resolveResourceSpec, type InputPart, type ResourceSpec } from '../request/resource';
import { inferStyle, styleSummary } from '../style/infer';
import type { ProjectStyle } from '../style/types';
import { planStyledResource } from './styledResource';
import { planCrudSlice, planStyledCrudSlice } from '../refactor/crudSlice';

const text = z.string();
const offset = z.number().int().nonnegative();

export const GenerationRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resource'), name: text, fields: text, auth: ResourceAuthModeSchema.default('writes'), owned: z.boolean().default(false) }),
  z.object({
    kind: z.literal('route'), routerPath: text, method: text, path: text, auth: z.boolean(), authMode: AuthModeSchema.optional(),
    functionName: text.optional(), responseModel: text.optional(), cursor: offset.optional(),
  }),
  z.object({ kind: z.literal('dto'), name: text, fields: text.optional(), json: text.optional(), module: text.optional() }),
  z.object({ kind: z.literal('repository'), modelPath: text, className: text.optional(), cursor: offset.optional() }),
  // Generate CRUD slice for a table class the user wrote (the lightbulb refactor).
  z.object({ kind: z.literal('crud-slice'), modelPath: text, className: text.optional(), cursor: offset.optional(), auth: AuthModeSchema.optional() }),
]);
/** The input part each request field comes from, for error messages that name the flag or input box. */
const REQUEST_PARTS: Record<string, InputPart | undefined> = {
  name: 'name', fields: 'fields', auth: 'auth', owned: 'owned', json: 'json', method: 'method', path: 'path', functionName: 'function',
  responseModel: 'response-model', routerPath: 'router', modelPath: 'model', module: 'module',
};

export type GenerationRequest = z.input<typeof GenerationRequestSchema>;

export interface Generation {
  readonly plan: EditPlan;
  readonly style: ProjectStyle;
  /** `style: sqlmodel · sync · …`, for the CLI and the log channel. */
  readonly summary: string;
  /** The resolved resource, for `resource` requests. */
  readonly spec?: ResourceSpec;
}

/** Plan one generation request against the project in `view`. Throws InputError (bad input) or PlanError (project state). */
export async function planGeneration(view: FileView, raw: GenerationRequest): Promise<Generation> {
  const parsed = GenerationRequestSchema.safeParse(raw);
  if (!parsed.success) {
    // A value the user typed (an --auth mode) is bad input, named by its flag; anything else is a caller's bug.
    const issue = parsed.error.issues[0]!;
    const part = REQUEST_PARTS[String(issue.path[0])];
    if (part) throw new InputError(part, issue.message);
    throw new PlanError(`internal: invalid generation request (${issue.message})`);
  }
  const request = parsed.data;
  const style = await inferStyle(view);
  const summary = styleSummary(style);
  switch (request.kind) {
    case 'resource': {
      const input = { name: request.name, fields: request.fields, auth: request.auth, owned: request.owned };
      if (await initPlannerFits(view, style)) {
        const { plan, spec } = await planNewResource(view, input);
        return { plan, spec, style, summary };
      }
      // Ownership and the superuser role are built on the User model and deps `init` writes;
      // a project of its own shape has its own user model, which the styled planner does not scope by.
      if (input.owned) throw new InputError('owned', 'is available in projects made by `backend-skill init fastapi` (it scopes rows by that User model); this project has its own layout');
      if (input.auth === 'admin') throw new InputError('auth', 'admin is available in projects made by `backend-skill init fastapi` (it needs that superuser role); this project has its own layout');
      const spec = resolveResourceSpec(input, { existing: new Set(style.models.known.map((m) => m.className)) });
      return { plan: await planStyledResource(view, style, spec), spec, style, summary };
    }
    case 'route': {
      const { kind: _kind, ...input } = request;
      return { plan: await planAddRoute(view, { ...input, style }), style, summary };
    }
    case 'dto': {
      const { kind: _kind, ...input } = request;
      if ((input.fields === undefined) === (input.json === undefined)) throw new InputError('fields', 'give exactly one of a field spec or a JSON sample');
      return { plan: (await planAddDto(view, { ...input, style })).plan, style, summary };
    }
    case 'repository': {
      const { kind: _kind, ...input } = request;
      return { plan: await planAddRepository(view, { ...input, style }), style, summary };
    }
    case 'crud-slice': {
      const { kind: _kind, ...input } = request;
      // The same split as New Resource: our layout keeps its own slice emitters, any other project its style.
      if (await initPlannerFits(view, style)) return { plan: await planCrudSlice(view, input), style, summary };
      const { plan, spec } = await planStyledCrudSlice(view, style, input);
      return { plan, spec, style, summary };
    }
  }
}

/**
 * Our layout, a damaged copy of it (its own modules are there but a folder is missing or
 * unreadable), a folder with no FastAPI app, or an app with no ORM models to match (a bare
 * `app = FastAPI()`): the init planner says what is wrong and that `init fastapi` adds it.
 */
async function initPlannerFits(view: FileView, style: ProjectStyle): Promise<boolean> {
  const nothingToMatch = !style.inferred.has('app') || !style.inferred.has('orm');
  return style.initLayout || nothingToMatch || (await looksLikeInitLayout(view));
}

/** At least four of the six support modules init writes (db, deps, errors, repository base, …) exist. */
async function looksLikeInitLayout(view: FileView): Promise<boolean> {
  const own = REQUIRED_FOR_RESOURCES.filter((p) => p !== 'app/main.py' && p !== 'tests/conftest.py');
  const present = await Promise.all(own.map(async (p) => (await view.readFile(p)) !== undefined));
  return present.filter(Boolean).length >= 4;
}
