// New Resource in a project not laid out by `init`: the ProjectStyle decides
// where each piece goes; the emitters under emit/fastapi/styled write it;
// existing modules are only appended to (syntax-tree planners, merged
// imports), and the plan is validated before anything is written.
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import type { FileView } from '../files';
import { compareImportNames, Imports } from '../emit/python';
import {
  dottedModule, emitSqlModelClasses, emitSqlModelCrud, emitSqlModelRevision, emitSqlModelRoutes, emitSqlModelTests,
  revisionId, sqlmodelTable, type Appended, type StyledContext,
} from '../emit/fastapi/styled/sqlmodel';
import { emitFeatureModel, emitFeatureRouter, emitFeatureSchemas, emitFeatureService, type FeatureContext } from '../emit/fastapi/styled/featureFolders';
import {
  emitLayeredDependency, emitLayeredModel, emitLayeredRepository, emitLayeredRevision, emitLayeredRouter, emitLayeredSchemas, emitLayeredService,
  mixinColumns, type LayeredContext,
} from '../emit/fastapi/styled/layered';
import { parsePython, type SyntaxNode } from '../parse/python';
import { PlanError, validated } from '../plan/fastapi';
import type { EditPlan, FileChange } from '../plan/editPlan';
import { editPython, importSteps, planSortedFromImport, type Step } from '../plan/pythonEdit';
import { findFastApiApp, planFromImport, planImport, planIncludeRouter } from '../plan/pythonInsert';
import type { ResourceSpec } from '../request/resource';
import { resourceNames } from '../request/names';
import type { ExistingModel, ProjectStyle, StyledResourcePlanner } from '../style/types';

// smol-toml ships ESM types with a CommonJS build; this project compiles to CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as typeof SmolToml;

/**
 * The formatter line length the project configures in pyproject.toml (ruff,
 * else black); 88, both tools' default, when it says nothing.
 */
export async function projectLineLength(view: FileView): Promise<number> {
  const text = await view.readFile('pyproject.toml');
  if (text === undefined) return 88;
  try {
    const tool = (parseToml(text) as { tool?: Record<string, Record<string, unknown> | undefined> }).tool ?? {};
    for (const value of [tool['ruff']?.['line-length'], tool['black']?.['line-length'], tool['black']?.['line_length']]) {
      if (typeof value === 'number' && value >= 40 && value <= 400) return value;
    }
  } catch {
    // An unreadable pyproject leaves the default; the project's own tools will say why.
  }
  return 88;
}

/** The project's own top-level packages, for isort sections: the app package and the tests folder. */
export const localRoots = (style: ProjectStyle): string[] => [...new Set([style.packageRoot.split('/')[0]!, (style.tests?.dir ?? 'tests').split('/')[0]!])];

/** Append a block at the end of a module, two blank lines after the last statement. */
const appendStep = (code: string): Step => (source) => {
  // Nothing already there is touched: the blank lines needed are added after it.
  const trailing = /\n*$/.exec(source)![0].length;
  const gap = source.trim() === '' ? '' : '\n'.repeat(Math.max(0, 3 - trailing));
  return { start: source.length, end: source.length, text: `${gap}${code}` };
};

/**
 * A one-line `from module import ...` that the new names would push past 100
 * columns becomes the parenthesised one-name-per-line form isort writes (the
 * only existing line New Resource rewrites, and only by adding names).
 */
const wrapImportStep = (module: string, names: ReadonlySet<string>, width: number): Step => (source, tree) => {
  const statement = tree.rootNode.namedChildren.find((n) => n?.type === 'import_from_statement' && n.childForFieldName('module_name')?.text === module);
  if (!statement || statement.text.includes('(') || statement.text.includes('\n')) return undefined;
  const current = statement.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null).map((n) => n.text);
  const all = [...new Set([...current, ...names])].sort((a, b) => compareImportNames(a.replace(/ as .*/, ''), b.replace(/ as .*/, '')));
  if (`from ${module} import ${all.join(', ')}`.length <= width) return undefined;
  return { start: statement.startIndex, end: statement.endIndex, text: `from ${module} import (\n${all.map((n) => `    ${n},`).join('\n')}\n)` };
};

/** The steps that add a block and its imports to an existing module. */
function appendSteps(block: Appended, width: number, local: readonly string[]): Step[] {
  const plain: Step[] = block.plainImports.map((m) => (source, tree) => planImport(source, tree, m));
  const wraps = [...block.imports.entries()].map(([m, names]) => wrapImportStep(m, names, width));
  return [...plain, ...wraps, ...importSteps(block.imports.entries(), local), appendStep(block.code)];
}

/** Top-level names a module defines (classes, functions, assignments). */
async function definedNames(source: string): Promise<Set<string>> {
  const tree = await parsePython(source);
  try {
    const names = new Set<string>();
    for (const node of tree.rootNode.namedChildren) {
      let n: SyntaxNode | null = node;
      if (n?.type === 'decorated_definition') n = n.childForFieldName('definition');
      if (n?.type === 'class_definition' || n?.type === 'function_definition') names.add(n.childForFieldName('name')?.text ?? '');
      if (n?.type === 'expression_statement' && n.namedChild(0)?.type === 'assignment') names.add(n.namedChild(0)!.childForFieldName('left')?.text ?? '');
    }
    return names;
  } finally {
    tree.delete();
  }
}

/** Where the first name of an expression (`settings` in `settings.API_V1_STR`) is imported from in a module. */
async function importOf(source: string, name: string): Promise<string | undefined> {
  const tree = await parsePython(source);
  try {
    for (const node of tree.rootNode.namedChildren) {
      if (node?.type !== 'import_from_statement') continue;
      for (const child of node.childrenForFieldName('name')) if (child?.text === name) return node.childForFieldName('module_name')?.text;
    }
    return undefined;
  } finally {
    tree.delete();
  }
}

const plural = (spec: ResourceSpec) => spec.names.snakePlural;

/** Alembic's file_template with the parts we know; date parts from `now`. */
function revisionFileName(template: string, rev: string, slug: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const parts: Record<string, string> = {
    rev, slug, year: String(now.getUTCFullYear()), month: pad(now.getUTCMonth() + 1), day: pad(now.getUTCDate()),
    hour: pad(now.getUTCHours()), minute: pad(now.getUTCMinutes()), second: pad(now.getUTCSeconds()), epoch: String(Math.floor(now.getTime() / 1000)),
  };
  return `${template.replace(/%\((\w+)\)[sd]/g, (_, key: string) => parts[key] ?? key)}.py`;
}

const modifyError = (message: string) => new PlanError(message);

/** Generate CRUD slice refuses, in one line, a slice that is there already. */
const sliceExists = (C: string, where: string) =>
  new PlanError(`a CRUD slice for ${C} already exists (${where}); nothing was changed (add routes to it with Add Route instead)`);

/** Whether some revision in the versions folder creates the table already (then the slice writes none). */
async function tableInRevisions(view: FileView, versionsDir: string, table: string): Promise<boolean> {
  const create = new RegExp(`create_table\\(\\s*["']${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`);
  const files = (await view.listDir(versionsDir)).filter((p) => p.endsWith('.py'));
  for (const path of files) if (create.test((await view.readFile(path)) ?? '')) return true;
  return false;
}

/** Required references cannot be built by the styled tests (they send no referenced rows). */
const testsNeedRows = (spec: ResourceSpec): boolean => spec.fields.some((f) => f.type.kind === 'ref' && !f.optional);

/**
 * How tests reach the API prefix: the collector's include prefix, imported
 * as the app module imports it, or from the app module when it defines the
 * name itself (`settings = get_settings()`).
 */
async function testApiPrefix(style: ProjectStyle, appSource: string | undefined): Promise<StyledContext['apiPrefix']> {
  const prefixExpr = style.routers.collector.prefix;
  if (prefixExpr && /^["']/.test(prefixExpr)) return { expr: prefixExpr.slice(1, -1) };
  if (!prefixExpr || appSource === undefined) return undefined;
  const head = /^[A-Za-z_]\w*/.exec(prefixExpr)?.[0];
  let module = head ? await importOf(appSource, head) : undefined;
  if (!module && head && (await definedNames(appSource)).has(head)) module = dottedModule(style.appModule);
  if (!module || !head) throw new PlanError(`cannot tell where \`${prefixExpr}\` (the API prefix in ${style.appModule}) comes from; import it by name there`);
  return { expr: prefixExpr, module, name: head };
}

/** New Resource for a SQLModel project with crud functions and a routes package. */
async function planSqlModel(view: FileView, style: ProjectStyle, spec: ResourceSpec, existing?: ExistingModel): Promise<EditPlan> {
  if (style.models.placement.kind !== 'module' || style.dataAccess.kind !== 'crud-functions' || style.dataAccess.placement.kind !== 'module') {
    throw new PlanError('this SQLModel project keeps models or CRUD code in packages; New Resource supports one models module and one crud module for SQLModel so far');
  }
  if (style.pydantic !== 2) throw new PlanError('this project uses Pydantic v1; New Resource writes SQLModel code for Pydantic v2 only');
  const C = spec.names.className;
  // The DTO family goes beside the table: the models module, or wherever the user wrote the table class.
  const modelsPath = existing?.path ?? style.models.placement.path;
  const crudPath = style.dataAccess.placement.path;
  const [modelsSource, crudSource, appSource] = await Promise.all([view.readFile(modelsPath), view.readFile(crudPath), view.readFile(style.appModule)]);
  if (modelsSource === undefined) throw new PlanError(`${modelsPath} is missing; the style says models live there`);
  if (crudSource === undefined) throw new PlanError(`${crudPath} is missing; the style says CRUD functions live there`);
  const modelNames = await definedNames(modelsSource);
  // Beside a written table, its DTOs are what a slice is made of; a lone XBase is the user's own class.
  const family = [...(existing ? [] : [C, `${C}Base`]), `${C}Create`, `${C}Update`, `${C}Public`, `${spec.names.classPlural}Public`];
  const clash = family.find((n) => modelNames.has(n));
  const routesDir = style.routers.placement.kind === 'package' ? style.routers.placement.dir : `${style.packageRoot}/api/routes`;
  const routesPath = `${routesDir}/${plural(spec)}.py`;
  if (existing) {
    const crudNames = await definedNames(crudSource);
    const naming = style.dataAccess.naming;
    const fn = [naming.create, naming.get, naming.list, naming.update, naming.delete].map((t) => t.replace(/\{name\}/g, spec.names.snake).replace(/\{plural\}/g, spec.names.snakePlural)).find((n) => crudNames.has(n));
    const taken = [clash ? `${modelsPath} defines ${clash}` : '', fn ? `${crudPath} defines ${fn}` : '', (await view.readFile(routesPath)) !== undefined ? routesPath : ''].filter(Boolean);
    if (taken.length > 0) throw sliceExists(C, taken.join(', '));
    if (!existing.dtoBase && modelNames.has(`${C}Base`)) throw new PlanError(`${modelsPath} defines ${C}Base already; the slice's DTO family starts with that name, so rename it first`);
  } else if (clash || style.models.known.some((m) => m.className === C)) {
    throw new PlanError(`resource ${C} already exists in this project (${modelsPath} defines ${clash ?? C}); choose another name`);
  }
  const testsDir = style.tests?.dir ?? 'tests';
  const testPath = `${testsDir}/test_${plural(spec)}.py`;
  const owner = style.models.known.find((m) => m.className === 'User');
  // The API prefix tests call through: the collector's include prefix, imported as the app module does.
  const apiPrefix = await testApiPrefix(style, appSource);
  const lineLength = await projectLineLength(view);
  const ctx: StyledContext = {
    style, spec, modelsModule: dottedModule(modelsPath), ownerTable: style.auth.owner?.table ?? owner?.tableName, lineLength, localRoots: localRoots(style),
    ...(apiPrefix ? { apiPrefix } : {}),
    ...headerFixtures(style),
    ...(existing ? { existing } : {}),
  };
  const changes: FileChange[] = [];
  const models = await editPython(modelsPath, modelsSource, appendSteps(emitSqlModelClasses(ctx), lineLength, localRoots(style)), modifyError);
  const crud = await editPython(crudPath, crudSource, appendSteps(emitSqlModelCrud(ctx), lineLength, localRoots(style)), modifyError);
  for (const c of [models.change, crud.change]) if (c) changes.push(c);
  changes.push({ kind: 'create', path: routesPath, content: emitSqlModelRoutes(ctx) });
  const routesPkg = dottedModule(routesDir);
  changes.push(await wireRouter(view, style, { pkg: routesPkg, module: plural(spec), alias: `${plural(spec)}_router` }));
  const table = existing?.tableName ?? sqlmodelTable(C);
  const revision = await needsRevision(view, style, table, existing);
  if (revision) {
    const m = revision;
    const rev = revisionId(`${m.head ?? ''}:${C}:${spec.fields.map((f) => f.name).join(',')}`);
    const name = revisionFileName(m.fileTemplate, rev, `add_${table}_table`, new Date());
    changes.push({ kind: 'create', path: `${m.versionsDir}/${name}`, content: emitSqlModelRevision(ctx, rev, m.head) });
  }
  const tests = await testsChange(view, spec, testPath, existing, () => emitSqlModelTests(ctx));
  if (tests.change) changes.push(tests.change);
  const notes = existing
    ? [`${C}: the table class in ${modelsPath} kept as written; DTOs appended beside it, CRUD functions to ${crudPath}, routes in ${routesPath}${revision ? ', an Alembic revision' : ''}${tests.change ? `, tests in ${testPath}` : ''}`, ...skippedNotes(style, table, revision, tests.note)]
    : [`${C}: models appended to ${modelsPath}, CRUD functions to ${crudPath}, routes in ${routesPath}${style.migrations ? ', an Alembic revision' : ''}, tests in ${testPath}`];
  return validated({ changes, notes, focus: { path: routesPath, offset: 0 } }, view);
}

/** The project's migrations when a revision must create the table: always for a new model, for a written one unless a revision has it. */
async function needsRevision(view: FileView, style: ProjectStyle, table: string, existing: ExistingModel | undefined): Promise<ProjectStyle['migrations']> {
  if (!style.migrations) return undefined;
  if (existing && (await tableInRevisions(view, style.migrations.versionsDir, table))) return undefined;
  return style.migrations;
}

/** The test module, unless a written model's slice cannot have one (a test module is there, or it needs referenced rows). */
async function testsChange(view: FileView, spec: ResourceSpec, testPath: string, existing: ExistingModel | undefined, emit: () => string): Promise<{ change?: FileChange; note?: string }> {
  if (existing && (await view.readFile(testPath)) !== undefined) return { note: `kept ${testPath}; no tests were generated` };
  if (existing && testsNeedRows(spec)) return { note: `no ${testPath}: ${existing.className} has a required reference, and the generated tests build no referenced rows` };
  return { change: { kind: 'create', path: testPath, content: emit() } };
}

/** Notes on what a slice for a written model left out. */
function skippedNotes(style: ProjectStyle, table: string, revision: ProjectStyle['migrations'], testNote: string | undefined): string[] {
  const notes: string[] = [];
  if (style.migrations && !revision) notes.push(`no Alembic revision: one in ${style.migrations.versionsDir} creates ${table} already`);
  if (testNote) notes.push(testNote);
  return notes;
}

/**
 * Include the new router where the others are (an `api_router` aggregator or
 * the app), imported as the siblings are: `from pkg import module` +
 * `module.router`, or `from pkg.module import router as alias` + `alias`.
 */
async function wireRouter(view: FileView, style: ProjectStyle, target: { pkg: string; module: string; alias: string; args?: string }): Promise<FileChange> {
  const { path, variable, importStyle } = style.routers.collector;
  const source = await view.readFile(path);
  if (source === undefined) throw new PlanError(`${path} (where routers are included) is missing`);
  const { pkg, module, alias } = target;
  const expr = importStyle === 'module' ? `${module}.router` : alias;
  const includeStep: Step = (text, tree) => {
    const app = findFastApiApp(tree);
    if (app && app.name === variable) return planIncludeRouter(text, app, expr);
    // An aggregator router: `api_router.include_router(...)` at module level.
    const calls = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => {
      const call = n?.type === 'expression_statement' ? n.namedChild(0) : undefined;
      return call?.type === 'call' && call.childForFieldName('function')?.text === `${variable}.include_router`;
    });
    if (calls.some((c) => c.namedChild(0)?.childForFieldName('arguments')?.namedChild(0)?.text === expr)) return undefined;
    const last = calls[calls.length - 1];
    const at = last ? text.indexOf('\n', last.endIndex) + 1 || text.length : text.replace(/\s+$/, '').length;
    const line = `${variable}.include_router(${expr}${target.args ?? ''})\n`;
    return { start: at, end: at, text: last ? (text[at - 1] === '\n' ? line : `\n${line}`) : `\n${line}` };
  };
  const importStep: Step = (text, tree) => (importStyle === 'module'
    ? planSortedFromImport(text, tree, pkg, module, localRoots(style))
    : planSortedFromImport(text, tree, `${pkg}.${module}`, `router as ${alias}`, localRoots(style)));
  const { change } = await editPython(path, source, [importStep, includeStep], modifyError);
  if (!change) throw new PlanError(`${path} already includes ${expr}; the resource seems to exist`);
  return change;
}

/** Test-header fixtures: a regular user's and a superuser's, by the names the project's tests use. */
function headerFixtures(style: ProjectStyle): { userHeaders?: string; superuserHeaders?: string; otherHeaders?: string } {
  const fixtures = style.tests?.fixtures ?? [];
  const userHeaders = fixtures.find((f) => /token_headers$/.test(f) && !/super/.test(f)) ?? fixtures.find((f) => /headers$/.test(f) && !/super|other/.test(f));
  const superuserHeaders = fixtures.find((f) => /super.*headers$/.test(f));
  const otherHeaders = fixtures.find((f) => /other.*headers$/.test(f));
  return { ...(userHeaders ? { userHeaders } : {}), ...(superuserHeaders ? { superuserHeaders } : {}), ...(otherHeaders ? { otherHeaders } : {}) };
}

/** The table name for a new class in the project's convention: plural when the existing tables are. */
function tableName(style: ProjectStyle, spec: ResourceSpec): string {
  const known = style.models.known.filter((m) => m.className !== 'User' || style.models.known.length === 1);
  const plural = known.some((m) => m.tableName === resourceNames(m.className).snakePlural);
  const singular = known.some((m) => m.tableName === resourceNames(m.className).snake);
  return singular && !plural ? spec.names.snake : spec.names.snakePlural;
}

/** New Resource for sync SQLAlchemy feature folders: one new folder with models, schemas, service and router. */
async function planFeatureFolder(view: FileView, style: ProjectStyle, spec: ResourceSpec, existing?: ExistingModel): Promise<EditPlan> {
  if (style.routers.placement.kind !== 'feature') throw new PlanError('internal: feature-folder planner needs feature routers');
  if (style.dataAccess.kind !== 'service' && style.dataAccess.kind !== 'crud-functions') {
    throw new PlanError('this project reaches its data another way than service functions per feature; New Resource supports service functions in feature folders so far');
  }
  if (style.pydantic !== 2) throw new PlanError('this project uses Pydantic v1; New Resource writes Pydantic v2 schemas only');
  const C = spec.names.className;
  const root = style.routers.placement.root;
  const dir = `${root}/${spec.names.snakePlural}`;
  const routerFile = style.routers.placement.file;
  if (existing) {
    // The slice gets the feature folder of its name (the one holding the model, or a new one beside it).
    const ours = [`${dir}/schemas.py`, `${dir}/service.py`, `${dir}/${routerFile}`, ...(existing.path === `${dir}/models.py` ? [] : [`${dir}/models.py`])];
    const taken = (await Promise.all(ours.map(async (p) => ((await view.readFile(p)) !== undefined ? p : '')))).filter(Boolean);
    if (taken.length > 0) throw sliceExists(C, taken.join(', '));
  } else if (style.models.known.some((m) => m.className === C) || (await view.listDir(dir)).length > 0) {
    throw new PlanError(`resource ${C} already exists in this project (${dir}/ or a model named ${C}); choose another name`);
  }
  const owner = style.models.known.find((m) => m.className === 'User');
  const lineLength = await projectLineLength(view);
  const ctx: FeatureContext = {
    style, spec, modelsModule: existing ? dottedModule(existing.path) : `${dottedModule(dir)}.models`, ownerTable: style.auth.owner?.table ?? owner?.tableName,
    lineLength, localRoots: localRoots(style), dir, pkg: dottedModule(dir), routerFile, table: existing?.tableName ?? tableName(style, spec),
    listIsArray: true, putReplaces: true, ...headerFixtures(style), ...(existing ? { existing } : {}),
  };
  // Sibling features are packages when they carry an __init__.py.
  const siblings = style.routers.modules.map((m) => m.slice(0, m.lastIndexOf('/')));
  const packaged = (await Promise.all(siblings.map((d) => view.readFile(`${d}/__init__.py`)))).some((t) => t !== undefined);
  const changes: FileChange[] = [];
  if (packaged && (await view.readFile(`${dir}/__init__.py`)) === undefined) changes.push({ kind: 'create', path: `${dir}/__init__.py`, content: '' });
  const routerPath = `${dir}/${ctx.routerFile}`;
  if (!existing) changes.push({ kind: 'create', path: `${dir}/models.py`, content: emitFeatureModel(ctx) });
  changes.push(
    { kind: 'create', path: `${dir}/schemas.py`, content: emitFeatureSchemas(ctx) },
    { kind: 'create', path: `${dir}/service.py`, content: emitFeatureService(ctx) },
    { kind: 'create', path: routerPath, content: emitFeatureRouter(ctx) },
  );
  changes.push(await wireRouter(view, style, { pkg: ctx.pkg, module: ctx.routerFile.replace(/\.py$/, ''), alias: `${spec.names.snakePlural}_router` }));
  const testPath = `${style.tests?.dir ?? 'tests'}/test_${plural(spec)}.py`;
  const tests = await testsChange(view, spec, testPath, existing, () => emitSqlModelTests(ctx));
  if (tests.change) changes.push(tests.change);
  const notes = existing
    ? [`${C}: the table class in ${existing.path} kept as written; schemas, service and ${ctx.routerFile} in ${dir}/, included in ${style.routers.collector.path}${tests.change ? `, tests in ${testPath}` : ''}`, ...skippedNotes(style, ctx.table, undefined, tests.note)]
    : [`${C}: a feature folder ${dir}/ (models, schemas, service, ${ctx.routerFile}), included in ${style.routers.collector.path}, tests in ${testPath}`];
  return validated({ changes, notes, focus: { path: routerPath, offset: 0 } }, view);
}

const modulePath = (dotted: string) => `${dotted.replace(/\./g, '/')}.py`;

/** The Python modules of a package folder, `__init__.py` aside, sorted. */
async function packageModules(view: FileView, dir: string): Promise<string[]> {
  return (await view.listDir(dir)).filter((p) => p.endsWith('.py') && !p.endsWith('/__init__.py')).sort();
}

/** The body of a top-level class, up to the next top-level statement. */
function classBlock(source: string, name: string): string | undefined {
  const m = new RegExp(`^class ${name}\\b[^\\n]*\\n((?:[ \\t]+[^\\n]*\\n|[ \\t]*\\n)*)`, 'm').exec(source);
  return m?.[0];
}

/** Add a name to a package `__init__` that re-exports its modules: the import, and `__all__` when it lists them. */
function exportSteps(module: string, name: string, local: readonly string[], width: number): Step[] {
  const allStep: Step = (source, tree) => {
    const node = tree.rootNode.namedChildren.find((n) => n?.type === 'expression_statement' && /^__all__\s*=\s*\[/.test(n.text));
    if (!node || node.text.includes(`"${name}"`)) return undefined;
    // Only an insertion (no existing line is rewritten): at the sorted place when the line still fits, else a line after.
    const items = [...node.text.matchAll(/"(\w+)"/g)];
    const after = items.find((m) => m[1]! > name);
    if (!node.text.includes('\n') && node.text.length + name.length + 4 <= width) {
      if (after) { const at = node.startIndex + after.index!; return { start: at, end: at, text: `"${name}", ` }; }
      const last = items[items.length - 1];
      if (last) { const at = node.startIndex + last.index! + last[0].length; return { start: at, end: at, text: `, "${name}"` }; }
    }
    return { start: node.endIndex, end: node.endIndex, text: `\n__all__ += ["${name}"]` };
  };
  return [(source, tree) => planSortedFromImport(source, tree, module, name, local), allStep];
}

/** New Resource for async SQLAlchemy 2 layers: models, schemas, repositories and services packages, endpoint routers. */
async function planLayered(view: FileView, style: ProjectStyle, spec: ResourceSpec, existing?: ExistingModel): Promise<EditPlan> {
  const { models, schemas, dataAccess, routers } = style;
  if (models.placement.kind !== 'package' || schemas.kind !== 'package' || dataAccess.kind !== 'service' || !dataAccess.classBased
    || dataAccess.placement.kind !== 'package' || routers.placement.kind !== 'package') {
    throw new PlanError('this async project is not laid out as models/, schemas/, services/ (classes) and endpoint packages; New Resource supports that layered layout for async SQLAlchemy so far');
  }
  if (style.pydantic !== 2) throw new PlanError('this project uses Pydantic v1; New Resource writes Pydantic v2 schemas only');
  const C = spec.names.className;
  const s = spec.names.snake;
  const local = localRoots(style);
  const lineLength = await projectLineLength(view);
  const paths = {
    model: existing?.path ?? `${models.placement.dir}/${s}.py`, schemas: `${schemas.dir}/${s}.py`, service: `${dataAccess.placement.dir}/${s}.py`,
    router: `${routers.placement.dir}/${plural(spec)}.py`,
  };
  // The repository the sibling services use, its base's methods, the not-found error and commits: all style facts.
  const repository = dataAccess.repository;
  if (existing) {
    const ours = [paths.schemas, paths.service, paths.router, ...(repository ? [modulePath(`${repository.package}.${s}`)] : [])];
    const taken = (await Promise.all(ours.map(async (p) => ((await view.readFile(p)) !== undefined ? p : '')))).filter(Boolean);
    if (taken.length > 0) throw sliceExists(C, taken.join(', '));
  } else if (models.known.some((m) => m.className === C) || (await view.readFile(paths.model)) !== undefined || (await view.readFile(paths.router)) !== undefined) {
    throw new PlanError(`resource ${C} already exists in this project (${paths.model} or a model named ${C}); choose another name`);
  }
  if (!repository) throw new PlanError(`no service in ${dataAccess.placement.dir}/ uses a repository subclassing a generic base (\`class XRepository(Base[X])\`); New Resource needs one to follow`);
  if (!repository.methods) throw new PlanError(repository.missing ?? `the base repository ${repository.base.name} has methods New Resource does not recognise`);
  const notFound = style.notFound;
  // Service aliases (`PostServiceDep = Annotated[PostService, Depends(...)]`) live beside the session alias.
  const depsModule = style.session.imports[0]?.module;
  const depsSource = depsModule ? await view.readFile(modulePath(depsModule)) : undefined;
  const aliasesThere = depsSource !== undefined && /^\w+ServiceDep = Annotated\[/m.test(depsSource);
  // Mixins are imported by the existing models (or the one the user wrote); their columns go into the revision.
  const mixinSource = existing ? existing.path : models.known[0]?.path;
  const knownSource = mixinSource ? await view.readFile(mixinSource) : undefined;
  const mixins: { name: string; module: string }[] = [];
  const mixinCols: string[] = [];
  for (const name of models.mixins.filter((m) => !existing || existing.bases.includes(m))) {
    const module = knownSource ? await importOf(knownSource, name) : undefined;
    if (!module) throw new PlanError(`cannot tell where the model mixin ${name} is defined; import it by name in ${mixinSource ?? 'the models'}`);
    mixins.push({ name, module });
    const block = classBlock((await view.readFile(modulePath(module))) ?? '', name);
    if (block) mixinCols.push(...mixinColumns(block));
  }
  // The read schema's suffix, as the sibling schemas name theirs.
  const schemaTexts = await Promise.all((await packageModules(view, schemas.dir)).map(async (p) => (await view.readFile(p)) ?? ''));
  const readSuffix = schemaTexts.map((t) => /^class [A-Z]\w*?(Read|Public|Out|Response)\(/m.exec(t)?.[1]).find((x) => x !== undefined) ?? 'Public';
  const siblingRouter = routers.modules.find((m) => !/auth|login/.test(m));
  const routerSource = siblingRouter ? await view.readFile(siblingRouter) : undefined;
  const collection = routers.prefixOn === 'include' && routerSource !== undefined && /@router\.\w+\(""/.test(routerSource) ? '' : '/';
  const owner = models.known.find((m) => m.className === 'User');
  const ownerTable = style.auth.owner?.table ?? owner?.tableName;
  // Services take the user owned rows point to (`author: User`), so they import its class.
  const ownerModel = models.known.find((m) => m.tableName === ownerTable);
  const table = existing?.tableName ?? tableName(style, spec);
  const apiPrefix = await testApiPrefix(style, await view.readFile(style.appModule));
  const ctx: LayeredContext = {
    style, spec, modelsModule: dottedModule(models.placement.dir), ownerTable, lineLength, localRoots: local,
    ...(ownerModel ? { ownerModel: { name: ownerModel.className, module: dottedModule(ownerModel.path) } } : {}),
    ...(apiPrefix ? { apiPrefix } : {}),
    ...headerFixtures(style), listIsArray: true, bareCollection: collection === '', collection,
    table, mixins, mixinColumns: mixinCols, readSuffix,
    modelModule: dottedModule(paths.model), schemasModule: dottedModule(paths.schemas),
    repositoryModule: `${repository.package}.${s}`, serviceModule: dottedModule(paths.service),
    repository: { base: repository.base, ...(repository.modelAttr ? { modelAttr: repository.modelAttr } : {}), methods: repository.methods },
    ...(notFound ? { notFound } : {}),
    commits: dataAccess.commits ?? false,
    ...(aliasesThere ? { depsModule } : {}),
    ...(existing ? { existing } : {}),
  };
  const changes: FileChange[] = [
    ...(existing ? [] : [{ kind: 'create' as const, path: paths.model, content: emitLayeredModel(ctx) }]),
    { kind: 'create', path: paths.schemas, content: emitLayeredSchemas(ctx) },
    { kind: 'create', path: modulePath(ctx.repositoryModule), content: emitLayeredRepository(ctx) },
    { kind: 'create', path: paths.service, content: emitLayeredService(ctx) },
    { kind: 'create', path: paths.router, content: emitLayeredRouter(ctx) },
  ];
  // The models package re-exports its classes when it imports its modules (so Alembic and tests see every table).
  const initPath = `${models.placement.dir}/__init__.py`;
  const init = await view.readFile(initPath);
  if (init !== undefined && new RegExp(`^from ${dottedModule(models.placement.dir).replace(/\./g, '\\.')}\\.\\w+ import`, 'm').test(init)) {
    const { change } = await editPython(initPath, init, exportSteps(ctx.modelModule, C, local, lineLength), modifyError);
    if (change) changes.push(change);
  }
  if (aliasesThere && depsModule) {
    const { change } = await editPython(modulePath(depsModule), depsSource, appendSteps(emitLayeredDependency(ctx), lineLength, local), modifyError);
    if (change) changes.push(change);
  }
  const path = routers.pathCase === 'snake' ? spec.names.snakePlural : spec.names.kebabPlural;
  const includeArgs = routers.prefixOn === 'include' ? `, prefix=${JSON.stringify(`/${path}`)}${routers.tags ? `, tags=[${JSON.stringify(path)}]` : ''}` : '';
  changes.push(await wireRouter(view, style, { pkg: dottedModule(routers.placement.dir), module: plural(spec), alias: `${plural(spec)}_router`, args: includeArgs }));
  const revision = await needsRevision(view, style, table, existing);
  if (revision) {
    const m = revision;
    const rev = revisionId(`${m.head ?? ''}:${C}:${spec.fields.map((f) => f.name).join(',')}`);
    const name = revisionFileName(m.fileTemplate, rev, `add_${table}_table`, new Date());
    changes.push({ kind: 'create', path: `${m.versionsDir}/${name}`, content: emitLayeredRevision(ctx, rev, m.head) });
  }
  const testPath = `${style.tests?.dir ?? 'tests'}/test_${plural(spec)}.py`;
  const tests = await testsChange(view, spec, testPath, existing, () => emitSqlModelTests(ctx));
  if (tests.change) changes.push(tests.change);
  const notes = existing
    ? [`${C}: the table class in ${existing.path} kept as written; schemas, repository and service modules, ${paths.router} included in ${routers.collector.path}${revision ? ', an Alembic revision' : ''}${tests.change ? `, tests in ${testPath}` : ''}`, ...skippedNotes(style, table, revision, tests.note)]
    : [`${C}: model, schemas, repository and service modules, ${paths.router} included in ${routers.collector.path}${style.migrations ? ', an Alembic revision' : ''}, tests in ${testPath}`];
  return validated({ changes, notes, focus: { path: paths.router, offset: 0 } }, view);
}

/** The `generate` stage: New Resource in the project's own style. */
export const planStyledResource: StyledResourcePlanner = async (view, style, spec, existing) => {
  if (style.orm === 'sqlmodel') return planSqlModel(view, style, spec, existing);
  if (!style.async && style.routers.placement.kind === 'feature') return planFeatureFolder(view, style, spec, existing);
  if (style.async && style.orm === 'sqlalchemy' && style.dataAccess.kind === 'service' && style.routers.placement.kind === 'package') return planLayered(view, style, spec, existing);
  throw new PlanError(`New Resource in this project's style (${style.orm}${style.async ? ', async' : ''}) is not supported yet; New Resource writes into SQLModel projects with crud functions, sync SQLAlchemy feature folders and async SQLAlchemy repository/service layers`);
};

export { Imports };
