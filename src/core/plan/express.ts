// Planners for Express projects: `init express` and `new resource` as
// EditPlans. Like the FastAPI planners: input -> validated spec -> project
// facts -> emitted files -> edits to existing modules (src/app.ts and
// src/migrations.ts, located with ts-morph) -> validation of the result.
import type { FileView } from '../files';
import { expressProjectFiles, USERS_MIGRATION } from '../emit/express/project';
import { emitExpressMigrationEntry, emitExpressResource, expressAppWiring } from '../emit/express/resource';
import { expressNames, expressResourcePaths } from '../emit/express/ts';
import { readExpressProject, type ExpressProject } from '../project/express';
import { resourceNames } from '../request/names';
import { InputError, resolveResourceSpec, type NewResourceInput, type ResourceSpec } from '../request/resource';
import { resultingText, type EditPlan, type FileChange, type TextEdit } from './editPlan';
import { PlanError, PROJECT_NAME, type InitOptions } from './fastapi';
import { planAppendMigration, planMountRouter, syntaxErrors, type RouterMount } from './tsInsert';

/** Files `new resource` relies on; `init express` creates them. */
const REQUIRED_FOR_RESOURCES = [
  'package.json', 'src/app.ts', 'src/migrations.ts', 'src/db.ts', 'src/errors.ts', 'src/middleware/auth.ts', 'src/schemas/common.ts',
];

const AUTH_MOUNT: RouterMount = { routerName: 'authRouter', importPath: './routes/auth', mount: '/auth' };

function modify(path: string, original: string, edits: readonly TextEdit[]): FileChange {
  return { kind: 'modify', path, original, edits };
}

/** Create whatever of the Express skeleton is missing; existing files are only extended. */
export async function planExpressInit(view: FileView, options: InitOptions): Promise<EditPlan> {
  const projectName = options.projectName.trim();
  if (!PROJECT_NAME.test(projectName)) {
    throw new InputError('name', `project name "${options.projectName}" is not usable; start with a letter, then letters, digits, spaces, . _ or - (64 at most), e.g. --name "Book Shop"`);
  }
  const project = await readExpressProject(view);
  const changes: FileChange[] = [];
  const notes: string[] = [];
  const kept = new Set<string>();
  for (const [path, content] of expressProjectFiles(projectName)) {
    // src/ may hold more than the scanned folders list: ask for the file itself.
    const present = project.existing.has(path) || (await view.readFile(path)) !== undefined;
    if (present) {
      kept.add(path);
      notes.push(`kept ${path}`);
    } else changes.push({ kind: 'create', path, content });
  }
  // A kept app module or migration list gets the auth router and the users table it lacks.
  if (kept.has('src/app.ts') && project.appSource !== undefined) {
    try {
      changes.push(modify('src/app.ts', project.appSource, planMountRouter('src/app.ts', project.appSource, AUTH_MOUNT)));
      notes.push('mounted the auth router in the existing src/app.ts');
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      notes.push(`src/app.ts left as it is: ${error.message}`);
    }
  }
  if (kept.has('src/migrations.ts') && project.migrationsSource !== undefined) {
    try {
      const edits = planAppendMigration('src/migrations.ts', project.migrationsSource, { resource: 'User', table: 'users', text: USERS_MIGRATION });
      changes.push(modify('src/migrations.ts', project.migrationsSource, edits));
      notes.push('added the users table to the existing src/migrations.ts');
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      notes.push(`src/migrations.ts left as it is: ${error.message}`);
    }
  }
  if (changes.length === 0) notes.push('nothing to do: the project already has every file init creates');
  return validatedTs({ changes, notes }, view);
}

/** Plan a whole CRUD slice for one resource of an Express project. Throws InputError (bad input) or PlanError (project state). */
export async function planExpressResource(view: FileView, input: NewResourceInput): Promise<{ plan: EditPlan; spec: ResourceSpec }> {
  const project: ExpressProject = await readExpressProject(view);
  const missing = REQUIRED_FOR_RESOURCES.filter((p) => !project.existing.has(p));
  if (missing.length > 0) {
    throw new PlanError(`not a complete backend-skill Express project (missing ${missing.join(', ')}); run \`backend-skill init express\` in it first`);
  }
  const existing = new Set(project.resources.map((r) => r.className));
  // The Express slice has no owner column nor superuser role yet: refused, never silently ignored.
  if (input.owned) throw new InputError('owned', 'is available for FastAPI projects only, for now');
  if (input.auth === 'admin') throw new InputError('auth', 'admin is available for FastAPI projects only, for now');
  const spec = resolveResourceSpec(input, { existing, target: 'express' });
  const paths = expressResourcePaths(spec.names);
  const taken = Object.values(paths).filter((p) => project.existing.has(p));
  if (taken.length > 0) {
    throw new InputError('name', `resource ${spec.names.className} already exists in this project (${taken.join(', ')}); choose another name`);
  }
  const tableOf = (className: string) => project.resources.find((r) => r.className === className)?.table ?? resourceNames(className).snakePlural;
  const files = emitExpressResource(spec, tableOf);
  const changes: FileChange[] = Object.values(files).map((f) => ({ kind: 'create', path: f.path, content: f.content }));
  const names = expressNames(spec.names);
  const wiring = expressAppWiring(names);
  changes.push(modify(project.appPath, project.appSource!, planMountRouter(project.appPath, project.appSource!, { routerName: names.routerName, ...wiring })));
  const entry = { resource: names.className, table: names.snakePlural, text: emitExpressMigrationEntry(spec, tableOf) };
  changes.push(modify(project.migrationsPath, project.migrationsSource!, planAppendMigration(project.migrationsPath, project.migrationsSource!, entry)));
  const notes = [`${names.className}: routes under /${names.kebabPlural}, writes ${spec.auth === 'none' ? 'open' : spec.auth === 'all' ? 'and reads behind auth' : 'behind auth'}; table ${names.snakePlural} is created at the next start`];
  return { plan: await validatedTs({ changes, notes }, view), spec };
}

/**
 * Check a plan before anything is written: created files must not exist, and
 * every planned TypeScript file must parse.
 */
async function validatedTs(plan: EditPlan, view: FileView): Promise<EditPlan> {
  const creates = plan.changes.filter((c) => c.kind === 'create');
  const present = await Promise.all(creates.map((c) => view.readFile(c.path)));
  const clash = creates.find((_, i) => present[i] !== undefined);
  if (clash) throw new PlanError(`${clash.path} already exists; it would not be overwritten`);
  const seen = new Set<string>();
  for (const change of plan.changes) {
    if (seen.has(change.path)) throw new PlanError(`internal: ${change.path} planned twice`);
    seen.add(change.path);
    // Only edited modules need a parse: the created ones are fixed templates (covered by the golden and runtime tests).
    if (change.kind !== 'modify' || !change.path.endsWith('.ts')) continue;
    const errors = syntaxErrors(change.path, resultingText(change));
    if (errors.length > 0) throw new PlanError(`internal: the planned ${change.path} would not parse (${errors[0]})`);
  }
  return plan;
}
