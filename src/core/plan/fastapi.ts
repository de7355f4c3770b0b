// Planners for FastAPI projects: `init` and `new resource` as EditPlans.
// Data flows one way: input -> validated spec -> project facts -> emitted
// files -> edits to existing modules -> validation of the planned result.
import type { FileView } from '../files';
import { projectFiles } from '../emit/fastapi/project';
import { emitResource, resourcePaths, type TestAccess } from '../emit/fastapi/resource';
import { readFastApiProject, type FastApiProject } from '../project/fastapi';
import { parsePython, firstSyntaxError } from '../parse/python';
import { InputError, resolveResourceSpec, type NewResourceInput, type ResourceSpec } from '../request/resource';
import { resultingText, type EditPlan, type FileChange, type TextEdit } from './editPlan';
import { findFastApiApp, planAllEntry, planFromImport, planIncludeRouter } from './pythonInsert';

/** The project cannot take the change as it stands (not a bad input value). */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Files `new resource` relies on; init creates them. */
export const REQUIRED_FOR_RESOURCES = [
  'app/main.py', 'app/db.py', 'app/deps.py', 'app/errors.py', 'app/models/__init__.py',
  'app/repositories/base.py', 'app/schemas/common.py', 'tests/conftest.py',
];

async function modifyPython(
  view: FileView,
  path: string,
  build: (source: string, tree: Awaited<ReturnType<typeof parsePython>>) => (TextEdit | undefined)[],
  /** The file's text when the caller already read it. */
  known?: string,
): Promise<FileChange | undefined> {
  const original = known ?? (await view.readFile(path));
  if (original === undefined) return undefined;
  // Python accepts a UTF-8 byte-order mark; the grammar does not. Plan on the text after it.
  const bom = original.startsWith('\uFEFF') ? 1 : 0;
  const source = original.slice(bom);
  const tree = await parsePython(source);
  try {
    const error = firstSyntaxError(tree);
    if (error) throw new PlanError(`${path} has a syntax error at line ${error.line}, column ${error.column}; fix it first, then run again`);
    // Inserted lines follow the file's own line endings.
    const crlf = source.includes('\r\n');
    const edits = build(source, tree)
      .filter((e): e is TextEdit => e !== undefined)
      .map((e) => ({ start: e.start + bom, end: e.end + bom, text: crlf ? e.text.replace(/\r?\n/g, '\r\n') : e.text }));
    return edits.length > 0 ? { kind: 'modify', path, original, edits } : undefined;
  } finally {
    tree.delete();
  }
}

/** Wire `from app.routers import MODULE` + `app.include_router(MODULE.router)` into main.py. */
export async function wireRouter(view: FileView, project: FastApiProject, routerModule: string): Promise<FileChange | undefined> {
  return modifyPython(view, project.mainPath, (source, tree) => {
    const app = findFastApiApp(tree);
    if (!app) {
      throw new PlanError(`${project.mainPath} has no \`app = FastAPI(...)\` (at module level or in an app factory function); add one so routers can be included`);
    }
    // Both edits are computed on the original text; they never overlap (imports precede the app).
    return [planFromImport(source, tree, 'app.routers', routerModule), planIncludeRouter(source, app, `${routerModule}.router`)];
  }, project.mainSource);
}

/** Register a model in app/models/__init__.py (import + __all__). */
export async function registerModel(view: FileView, module: string, className: string): Promise<FileChange | undefined> {
  return modifyPython(view, 'app/models/__init__.py', (source, tree) => [
    planFromImport(source, tree, `app.models.${module}`, className),
    planAllEntry(tree, className),
  ]);
}

/** A project name that is safe in a docstring, a Python string and (slugged) a package name. */
export const PROJECT_NAME = /^[A-Za-z][A-Za-z0-9 ._-]{0,63}$/;

/** A usable project name from a folder name (`2024 my api (copy)` -> `my api copy`); `api` when nothing fits. */
export function projectNameFromFolder(folder: string): string {
  const cleaned = folder.replace(/[^A-Za-z0-9 ._-]+/g, ' ').replace(/^[^A-Za-z]+/, '').replace(/\s+/g, ' ').trim().slice(0, 64);
  return PROJECT_NAME.test(cleaned) ? cleaned : 'api';
}

export interface InitOptions {
  readonly projectName: string;
}

/** Create whatever of the project skeleton is missing; existing files are only extended. */
export async function planInit(view: FileView, options: InitOptions): Promise<EditPlan> {
  const projectName = options.projectName.trim();
  if (!PROJECT_NAME.test(projectName)) {
    throw new InputError('name', `project name "${options.projectName}" is not usable; start with a letter, then letters, digits, spaces, . _ or - (64 at most), e.g. --name "Book Shop"`);
  }
  const project = await readFastApiProject(view);
  const changes: FileChange[] = [];
  const notes: string[] = [];
  for (const [path, content] of projectFiles(projectName)) {
    if (project.existing.has(path)) notes.push(`kept ${path}`);
    else changes.push({ kind: 'create', path, content });
  }
  if (project.existing.has('app/main.py')) {
    const wiring = await wireRouter(view, project, 'auth');
    if (wiring) {
      changes.push(wiring);
      notes.push('added the auth router to the existing app/main.py');
    }
    if (!/\bcreate_all\b/.test(project.mainSource ?? '')) {
      // Not ours to rewrite: say what the kept main.py lacks instead.
      notes.push('app/main.py does not create tables at startup: import app.models and run Base.metadata.create_all in a lifespan (as a fresh init does), or use migrations');
    }
  }
  if (project.existing.has('app/models/__init__.py')) {
    const registration = await registerModel(view, 'user', 'User');
    if (registration) changes.push(registration);
  }
  if (changes.length === 0) notes.push('nothing to do: the project already has every file init creates');
  return validated({ changes, notes }, view);
}

const defines = (text: string | undefined, name: string) => text !== undefined && new RegExp(`^${name}\\s*=`, 'm').test(text);

/** app/schemas/common.py has the storable types and id bound DTOs are spelled with (see initFlavor). */
export async function hasGuardTypes(view: FileView): Promise<boolean> {
  const common = await view.readFile('app/schemas/common.py');
  return ['MAX_ID', 'RecordId', 'SafeStr', 'JsonData'].every((name) => defines(common, name));
}

/**
 * Whether the project has the hostile-input guards `init` writes: the types in
 * app/schemas/common.py, the BIGINT IdType in app/db.py, the 422 handler that always
 * renders and the body limit. A project initialised before them gets code that
 * imports only what it has (and no test of guards it lacks); `init` never rewrites it.
 */
export async function hasInputGuards(view: FileView): Promise<boolean> {
  const [db, errors, settings, limit] = await Promise.all(['app/db.py', 'app/errors.py', 'app/settings.py', 'app/body_limit.py'].map((p) => view.readFile(p)));
  return (await hasGuardTypes(view)) && defines(db, 'IdType') && /\bvalidation_exception_handler\b/.test(errors ?? '')
    && /\bmax_body_bytes\b/.test(settings ?? '') && limit !== undefined;
}

/** Whether the project answers non-JSON request bodies 415 (app/content_type.py, from `init`). */
export async function hasJsonBodyGuard(view: FileView): Promise<boolean> {
  const [module, main] = await Promise.all(['app/content_type.py', 'app/main.py'].map((p) => view.readFile(p)));
  return /^class JsonBodyMiddleware\b/m.test(module ?? '') && /\bJsonBodyMiddleware\b/.test(main ?? '');
}

/**
 * What owned and admin resources can build on: the superuser role (the User model's
 * is_superuser column, SuperuserDep in app/deps.py, app.manage.set_superuser) and the
 * test fixtures for more users in tests/conftest.py. A project from an older `init`
 * has neither; owned resources are still generated for it (they need only the users table).
 */
export async function accessSupport(view: FileView, project: FastApiProject): Promise<TestAccess> {
  const userPath = project.models.find((m) => m.className === 'User')?.path ?? 'app/models/user.py';
  const [user, deps, manage, conftest] = await Promise.all([userPath, 'app/deps.py', 'app/manage.py', 'tests/conftest.py'].map((p) => view.readFile(p)));
  const superuser = /^\s+is_superuser\s*:/m.test(user ?? '') && defines(deps, 'SuperuserDep') && /\bdef get_current_superuser\b/.test(deps ?? '')
    && /\bdef set_superuser\b/.test(manage ?? '');
  const userFixtures = ['other_headers', 'superuser_headers', 'superuser_headers_for'].every((name) => new RegExp(`^def ${name}\\b`, 'm').test(conftest ?? ''));
  return { superuser, userFixtures };
}

/** Plan a whole CRUD slice for one resource. Throws InputError (bad input) or PlanError (project state). */
export async function planNewResource(view: FileView, input: NewResourceInput): Promise<{ plan: EditPlan; spec: ResourceSpec }> {
  const project = await readFastApiProject(view);
  const missing = REQUIRED_FOR_RESOURCES.filter((p) => !project.existing.has(p));
  if (missing.length > 0) {
    throw new PlanError(`not a complete backend-skill FastAPI project (missing ${missing.join(', ')}); run \`backend-skill init fastapi\` in it first`);
  }
  const existing = new Set(project.models.map((m) => m.className));
  const spec = resolveResourceSpec(input, { existing });
  const paths = resourcePaths(spec.names.className);
  const taken = Object.values(paths).filter((p) => project.existing.has(p));
  if (taken.length > 0) {
    throw new InputError('name', `resource ${spec.names.className} already exists in this project (${taken.join(', ')}); choose another name`);
  }
  const access = await accessSupport(view, project);
  if (spec.auth === 'admin' && !(access.superuser && access.userFixtures)) {
    throw new PlanError('--auth admin needs the superuser role, which this project predates (it comes with a newer `init`: User.is_superuser, SuperuserDep in app/deps.py, app/manage.py and the superuser test fixtures); use --auth writes, or add the role first');
  }
  const files = emitResource(spec, project.models, await hasInputGuards(view), access, await hasJsonBodyGuard(view));
  const changes: FileChange[] = Object.values(files).map((f) => ({ kind: 'create', path: f.path, content: f.content }));
  const edits = await Promise.all([wireRouter(view, project, spec.names.snakePlural), registerModel(view, spec.names.snake, spec.names.className)]);
  for (const edit of edits) if (edit) changes.push(edit);
  const guard = spec.owned ? 'every route scoped to the signed-in owner' : spec.auth === 'admin' ? 'writes for superusers only'
    : `writes ${spec.auth === 'none' ? 'open' : spec.auth === 'all' ? 'and reads behind auth' : 'behind auth'}`;
  const notes = [`${spec.names.className}: routes under /${spec.names.kebabPlural}, ${guard}`];
  if (spec.owned && !access.superuser) notes.push('this project has no superuser role (an older init): only owners see their rows');
  return { plan: await validated({ changes, notes }, view), spec };
}

/**
 * Check a plan before anything is written: created files must not exist,
 * and every planned Python file must parse without errors.
 */
export async function validated(plan: EditPlan, view: FileView): Promise<EditPlan> {
  const seen = new Set<string>();
  const creates = plan.changes.filter((c) => c.kind === 'create');
  const present = await Promise.all(creates.map((c) => view.readFile(c.path)));
  const clash = creates.find((_, i) => present[i] !== undefined);
  if (clash) throw new PlanError(`${clash.path} already exists; it would not be overwritten`);
  for (const change of plan.changes) {
    if (seen.has(change.path)) throw new PlanError(`internal: ${change.path} planned twice`);
    seen.add(change.path);
    if (!change.path.endsWith('.py')) continue;
    const tree = await parsePython(resultingText(change).replace(/^\uFEFF/, ''));
    const error = firstSyntaxError(tree);
    tree.delete();
    if (error) throw new PlanError(`internal: the planned ${change.path} would not parse (line ${error.line}, column ${error.column})`);
  }
  return plan;
}
