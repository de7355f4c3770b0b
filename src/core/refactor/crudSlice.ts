// Generate CRUD slice for this model: the DTO family, repository, router and
// tests of `new resource`, derived from a table class the user already wrote
// (its columns' types, nullability, lengths, uniqueness, defaults and foreign
// keys). In our init layout it is wired into app/main.py by the init
// emitters; in any other project the styled New Resource planners write the
// rest of the slice in that project's style, told the model exists. The
// model itself is never rewritten.
import type { FileView } from '../files';
import { emitRepositoryFor, emitRouter, emitSchemas, emitTests, resourcePaths } from '../emit/fastapi/resource';
import { moduleOfPath } from '../analysis/project';
import { firstSyntaxError, parsePython } from '../parse/python';
import { hasInputGuards, hasJsonBodyGuard, PlanError, REQUIRED_FOR_RESOURCES, registerModel, validated, wireRouter } from '../plan/fastapi';
import type { EditPlan, FileChange } from '../plan/editPlan';
import { readFastApiProject, type ModelInfo } from '../project/fastapi';
import { SpecError } from '../request/fields';
import { resourceNames } from '../request/names';
import { checkResourceName, InputError, type AuthMode, type ResourceSpec } from '../request/resource';
import { columnAliases, declaredNames, localBaseChain, readModelFields, stringEnums, tableClasses, type TableClass } from './modelFields';
import { planStyledResource } from '../generate/styledResource';
import { ownerField } from '../emit/fastapi/styled/sqlmodel';
import type { ExistingModel, ProjectStyle } from '../style/types';

export interface CrudSliceInput {
  /** The module holding the model, relative to the project root (e.g. `app/models/book.py`). */
  readonly modelPath: string;
  /** Cursor offset in that module: the model is the class around it. */
  readonly cursor?: number;
  /** Or the class name. */
  readonly className?: string;
  readonly auth?: AuthMode;
}

/** Pick the table class at the cursor / by name / the only one. */
export function pickTableClass(classes: readonly TableClass[], path: string, input: { cursor?: number; className?: string }, bom = 0): TableClass {
  const listed = classes.map((c) => c.name).join(', ') || 'none';
  if (input.className) {
    const found = classes.find((c) => c.name === input.className);
    if (!found) throw new InputError('model', `${path} has no table class ${input.className} (models there: ${listed})`);
    return found;
  }
  if (input.cursor === undefined) {
    if (classes.length !== 1) throw new InputError('model', `${path} has ${classes.length ? `several models (${listed})` : 'no SQLAlchemy or SQLModel table class'}; name the class`);
    return classes[0]!;
  }
  const at = Math.max(0, input.cursor - bom);
  const found = classes.find((c) => c.statement.startIndex <= at && at <= c.statement.endIndex);
  if (!found) throw new InputError('model', `no table class at the cursor in ${path}; put the cursor inside a class with __tablename__ or SQLModel's table=True (models there: ${listed})`);
  return found;
}

/**
 * The table class the refactor is asked about (cursor, name or the only one),
 * the tables of its module and the module's tree, which the caller deletes.
 * A syntax error or a class name that cannot name a resource stops here.
 */
async function modelAt(input: CrudSliceInput, source: string) {
  const bom = source.startsWith('\uFEFF') ? 1 : 0;
  const tree = await parsePython(source.slice(bom));
  try {
    const error = firstSyntaxError(tree);
    if (error) throw new PlanError(`${input.modelPath} has a syntax error at line ${error.line}, column ${error.column}; fix it first, then run again`);
    const classes = tableClasses(tree.rootNode);
    const model = pickTableClass(classes, input.modelPath, input, bom);
    try {
      return { tree, classes, model, names: checkResourceName(model.name) };
    } catch (e) {
      if (e instanceof SpecError) throw new PlanError(`cannot generate a slice for ${model.name}: ${e.message}`);
      throw e;
    }
  } catch (e) {
    tree.delete();
    throw e;
  }
}

export async function planCrudSlice(view: FileView, input: CrudSliceInput): Promise<EditPlan> {
  const source = await view.readFile(input.modelPath);
  if (source === undefined) throw new PlanError(`${input.modelPath} does not exist`);
  const project = await readFastApiProject(view);
  const missing = REQUIRED_FOR_RESOURCES.filter((p) => !project.existing.has(p));
  if (missing.length > 0) {
    throw new PlanError(`not a complete backend-skill FastAPI project (missing ${missing.join(', ')}); run \`backend-skill init fastapi\` in it first`);
  }
  const { tree, classes, model, names } = await modelAt(input, source);
  try {
    const paths = resourcePaths(model.name);
    const taken = [paths.schemas, paths.router].filter((p) => project.existing.has(p));
    if (taken.length > 0) {
      throw new PlanError(`a CRUD slice for ${model.name} already exists (${taken.join(', ')}); nothing was changed (add routes to it with Add Route instead)`);
    }
    // Tables this module defines without a __tablename__ (SQLModel) can be referenced too.
    const models: ModelInfo[] = [...project.models];
    for (const c of classes) {
      if (!models.some((m) => m.className === c.name)) models.push({ className: c.name, tableName: c.tableName ?? c.name.toLowerCase(), path: input.modelPath });
    }
    const read = readModelFields(model, models, stringEnums(tree.rootNode), columnAliases(tree.rootNode));
    if (read.refusal) throw new PlanError(read.refusal);
    const spec: ResourceSpec = { names, fields: read.fields, auth: input.auth ?? 'writes' };
    const modelModule = moduleOfPath(input.modelPath);
    const refs = read.fields.flatMap((f) => (f.type.kind === 'ref' ? [{ field: f.name, target: f.type.target }] : []));
    const notes: string[] = [];
    const changes: FileChange[] = [];
    const guarded = await hasInputGuards(view);
    changes.push({ kind: 'create', path: paths.schemas, content: emitSchemas(spec, guarded) });

    // A repository Add Repository already wrote is reused as it is.
    const existingRepo = project.existing.has(paths.repository) ? await view.readFile(paths.repository) : undefined;
    if (existingRepo !== undefined) {
      if (!new RegExp(`^class\\s+${model.name}Repository\\b`, 'm').test(existingRepo)) {
        throw new PlanError(`${paths.repository} exists but defines no ${model.name}Repository; rename it or move it away, then run again`);
      }
      notes.push(`kept ${paths.repository} (its ${model.name}Repository is used as it is)`);
    } else {
      changes.push({ kind: 'create', path: paths.repository, content: emitRepositoryFor(model.name, modelModule, refs, models) });
    }
    changes.push({ kind: 'create', path: paths.router, content: emitRouter(spec, modelModule, guarded) });

    // The test module builds referenced rows with the helpers of the referenced slices' tests.
    const helpersMissing = refs.filter((r) => r.target !== 'User' && r.target !== model.name && !project.existing.has(`tests/test_${resourceNames(r.target).snakePlural}.py`));
    const selfRequired = read.fields.some((f) => f.type.kind === 'ref' && f.type.target === model.name && !f.optional);
    if (project.existing.has(paths.test)) notes.push(`kept ${paths.test}; no tests were generated`);
    else if (helpersMissing.length > 0 || selfRequired) {
      const why = selfRequired ? 'a required reference to itself' : `no generated tests for ${helpersMissing.map((r) => r.target).join(', ')} to build referenced rows with`;
      notes.push(`no ${paths.test}: ${why}`);
    } else {
      // A hand-written model's key may be INTEGER: its tests do not insist that MAX_ID fits.
      changes.push({ kind: 'create', path: paths.test, content: emitTests(spec, { bigKeys: false, hostile: guarded, jsonBodies: await hasJsonBodyGuard(view) }) });
    }

    const wiring = await wireRouter(view, project, names.snakePlural);
    if (wiring) changes.push(wiring);
    const underModels = /^app\/models\/([a-z_][a-z0-9_]*)\.py$/.exec(input.modelPath);
    if (underModels && underModels[1] !== '__init__') {
      const registration = await registerModel(view, underModels[1]!, model.name);
      if (registration) changes.push(registration);
    }
    notes.unshift(`${model.name}: ${read.fields.length} field${read.fields.length === 1 ? '' : 's'} (${read.fields.map((f) => f.name).join(', ')}); routes under /${names.kebabPlural}`);
    notes.push(...read.notes);
    if (model.flavor === 'sqlmodel') {
      notes.push(`${model.name} is an SQLModel table: its table is registered on SQLModel.metadata, which app/main.py does not create; create it there (or with migrations)`);
    }
    const router = changes.find((c) => c.path === paths.router) as { content: string };
    return await validated({ changes, notes, focus: { path: paths.router, offset: Math.max(0, router.content.indexOf('router = APIRouter')) } }, view);
  } finally {
    tree.delete();
  }
}

/**
 * Generate CRUD slice in a project of its own style: the model is read as in
 * our layout (uuid keys too, when the model makes them), then the styled New
 * Resource planner writes everything but the model, told it exists.
 */
export async function planStyledCrudSlice(view: FileView, style: ProjectStyle, input: CrudSliceInput): Promise<{ plan: EditPlan; spec: ResourceSpec }> {
  const source = await view.readFile(input.modelPath);
  if (source === undefined) throw new PlanError(`${input.modelPath} does not exist`);
  const { tree, classes, model, names } = await modelAt(input, source);
  try {
    const superclasses = (model.cls.childForFieldName('superclasses')?.namedChildren ?? []).flatMap((n) => (n && n.type !== 'keyword_argument' ? [n.text] : []));
    // Columns inherited from classes of this module (SQLModel's `HeroBase`) are read with the table's own; the
    // direct one is reused as the DTO family's base. The project's mixins and declarative base are read elsewhere.
    const chain = model.flavor === 'sqlmodel' ? localBaseChain(tree.rootNode, model, [...style.models.mixins, style.models.base.name]) : [];
    const direct = chain.find((c) => superclasses.includes(c.childForFieldName('name')?.text ?? ''));
    const dtoBaseName = direct?.childForFieldName('name')?.text;
    const dtoBaseFields = direct && dtoBaseName
      ? [direct, ...localBaseChain(tree.rootNode, { ...model, name: dtoBaseName, cls: direct }, [...style.models.mixins, style.models.base.name])].flatMap(declaredNames)
      : [];
    const tableName = model.tableName ?? (model.flavor === 'sqlmodel' ? model.name.toLowerCase() : undefined);
    if (!tableName) throw new PlanError(`cannot tell ${model.name}'s table name; write \`__tablename__ = "..."\` as a plain string`);
    const models: ModelInfo[] = style.models.known.map((m) => ({ className: m.className, tableName: m.tableName, path: m.path }));
    for (const c of classes) {
      if (!models.some((m) => m.className === c.name)) models.push({ className: c.name, tableName: c.tableName ?? c.name.toLowerCase(), path: input.modelPath });
    }
    const read = readModelFields(model, models, stringEnums(tree.rootNode), columnAliases(tree.rootNode), { uuidKeys: true, bases: chain });
    if (read.refusal) throw new PlanError(read.refusal);
    const auth = input.auth ?? 'writes';
    // The project's owner column, when the model has one: set from the current user, as the sibling resources do.
    const ownerTable = style.auth.owner?.table ?? style.models.known.find((m) => m.className === 'User')?.tableName;
    const ownerColumn = read.fields.find((f) => f.name === ownerField(style) && f.type.kind === 'ref' && models.find((m) => m.className === (f.type as { target: string }).target)?.tableName === ownerTable);
    const owned = style.auth.ownership && ownerTable !== undefined && auth !== 'none' && ownerColumn !== undefined && !ownerColumn.optional;
    const fields = owned ? read.fields.filter((f) => f !== ownerColumn) : read.fields;
    // The DTOs inherit the base's fields: an owner column there would be taken from request bodies.
    if (owned && dtoBaseName && dtoBaseFields.includes(ownerColumn!.name)) {
      throw new PlanError(`${model.name}'s owner column ${ownerColumn!.name} is declared in ${dtoBaseName}, which the generated Create model would inherit (a client could set the owner); declare it on ${model.name} itself`);
    }
    const existing: ExistingModel = {
      className: model.name, path: input.modelPath, tableName, key: read.key!, owned, bases: superclasses,
      ...(dtoBaseName ? { dtoBase: { name: dtoBaseName, fields: dtoBaseFields } } : {}),
      ...(read.columnTypes ? { columnTypes: read.columnTypes } : {}),
    };
    const spec: ResourceSpec = { names, fields, auth };
    // The slice addresses rows by the model's own key type, whatever the project's other tables use.
    const plan = await planStyledResource(view, { ...style, idType: read.key!.type }, spec, existing);
    // Planned first: a slice that exists already is the clearer refusal for a model with nothing else to send.
    if (fields.length === 0) throw new PlanError(`${model.name} has no columns besides id and its owner to take in a request body`);
    const intro = `${model.name}: ${fields.length} field${fields.length === 1 ? '' : 's'} (${fields.map((f) => f.name).join(', ')})${owned ? `; ${ownerColumn!.name} set from the current user` : ''}`;
    // Sibling resources are per user, this one cannot be (the model is not rewritten to add the column).
    const shared = style.auth.ownership && !owned && auth !== 'none'
      ? [`${model.name} has no ${ownerField(style)} column like the project's other resources: every signed-in user reaches every ${names.words}`] : [];
    return { plan: { ...plan, notes: [intro, ...plan.notes, ...shared, ...read.notes] }, spec };
  } finally {
    tree.delete();
  }
}
