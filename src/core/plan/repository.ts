// `add repository`: a repository class on the project's generic base
// (`Repository[Model]`, as `new resource` emits) for the SQLAlchemy model
// under the cursor, with its foreign keys registered as references so writes
// check them. Never overwrites an existing repository module.
import type { FileView } from '../files';
import { emitRepositoryFor } from '../emit/fastapi/resource';
import { readFastApiProject } from '../project/fastapi';
import { parsePython, firstSyntaxError, type SyntaxNode } from '../parse/python';
import { resourceNames } from '../request/names';
import { InputError } from '../request/resource';
import type { EditPlan } from './editPlan';
import { PlanError, validated } from './fastapi';
import { editPython, importSteps, type Step } from './pythonEdit';
import { planImport } from './pythonInsert';
import { emitCrudFunctions, emitRepositoryClass, type EmittedAccess, type RepositoryTarget } from '../emit/fastapi/styled/repository';
import { dottedModule } from '../emit/fastapi/styled/sqlmodel';
import type { ProjectStyle } from '../style/types';
import { Imports } from '../emit/python';

export interface AddRepositoryInput {
  /** The module holding the model, relative to the root (e.g. `app/models/book.py`). */
  readonly modelPath: string;
  /** Cursor offset in that module's text: the model is the class around it. */
  readonly cursor?: number;
  /** Or the model's class name. Neither: the module's only model. */
  readonly className?: string;
  /**
   * The project's inferred style. Outside our init layout the data access is
   * written where and as the project keeps its own (repository classes,
   * CRUD functions), self-contained: no generic base of ours is required.
   */
  readonly style?: ProjectStyle;
}

interface ModelClass {
  readonly name: string;
  readonly node: SyntaxNode;
}

/** Top-level table classes: the body assigns `__tablename__`, or SQLModel's `class X(..., table=True)`. */
function modelClasses(root: SyntaxNode): ModelClass[] {
  const out: ModelClass[] = [];
  for (const node of root.namedChildren) {
    const cls = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (cls?.type !== 'class_definition' || !node) continue;
    const body = cls.childForFieldName('body');
    const hasTable = body?.namedChildren.some((s) => {
      const assign = s?.type === 'expression_statement' ? s.namedChild(0) : undefined;
      return assign?.type === 'assignment' && assign.childForFieldName('left')?.text === '__tablename__';
    });
    const tableKeyword = cls.childForFieldName('superclasses')?.namedChildren.some((a) => a?.type === 'keyword_argument' && a.text.replace(/\s+/g, '') === 'table=True');
    if (hasTable || tableKeyword) out.push({ name: cls.childForFieldName('name')?.text ?? '', node });
  }
  return out;
}

/** Foreign keys declared as `field: Mapped[...] = mapped_column(ForeignKey("table.id"...))`. */
function foreignKeys(cls: SyntaxNode): { field: string; table: string }[] {
  const out: { field: string; table: string }[] = [];
  for (const m of cls.text.matchAll(/^\s+([a-z_]\w*)\s*:\s*Mapped\[[^\]]*\]\s*=\s*mapped_column\([^)]*?ForeignKey\(\s*["']([A-Za-z_]\w*)\.\w+["']/gm)) {
    out.push({ field: m[1]!, table: m[2]! });
  }
  return out;
}

/** Plan a repository for one model. Throws InputError or PlanError with what to do next. */
export async function planAddRepository(view: FileView, input: AddRepositoryInput): Promise<EditPlan> {
  const source = await view.readFile(input.modelPath);
  if (source === undefined) throw new PlanError(`${input.modelPath} does not exist`);
  const styled = input.style && !input.style.initLayout ? input.style : undefined;
  const project = await readFastApiProject(view);
  if (!styled && !project.existing.has('app/repositories/base.py')) {
    throw new PlanError('app/repositories/base.py (the generic Repository) is missing; run Initialize FastAPI Project first');
  }
  const bom = source.startsWith('\uFEFF') ? 1 : 0;
  const tree = await parsePython(source.slice(bom));
  try {
    const error = firstSyntaxError(tree);
    if (error) throw new PlanError(`${input.modelPath} has a syntax error at line ${error.line}, column ${error.column}; fix it first, then run again`);
    const classes = modelClasses(tree.rootNode);
    const listed = classes.map((c) => c.name).join(', ') || 'none';
    let model: ModelClass | undefined;
    if (input.className) {
      model = classes.find((c) => c.name === input.className);
      if (!model) throw new InputError('model', `${input.modelPath} has no SQLAlchemy model ${input.className} (models there: ${listed})`);
    } else if (input.cursor === undefined) {
      // No cursor and no name (the CLI): the module's only model.
      if (classes.length !== 1) throw new InputError('model', `${input.modelPath} has ${classes.length ? `several models (${listed})` : 'no SQLAlchemy model'}; name the class`);
      model = classes[0]!;
    } else {
      const at = Math.max(0, input.cursor - bom);
      model = classes.find((c) => c.node.startIndex <= at && at <= c.node.endIndex);
      if (!model) {
        throw new InputError('model', `no SQLAlchemy model at the cursor in ${input.modelPath}; put the cursor inside a class that sets __tablename__ (models there: ${listed})`);
      }
    }
    const names = resourceNames(model.name);
    if (styled) return await planStyledRepository(view, input, styled, model, source);
    const path = `app/repositories/${names.snake}.py`;
    if (project.existing.has(path)) throw new PlanError(`${path} already exists; it is not overwritten (add methods to it instead)`);
    const byTable = new Map(project.models.map((m) => [m.tableName, m.className]));
    const notes: string[] = [];
    const refs = foreignKeys(model.node).flatMap((fk) => {
      const target = byTable.get(fk.table);
      if (!target) notes.push(`${model.name}.${fk.field}: no model for table ${fk.table}; not checked before writes`);
      return target ? [{ field: fk.field, target }] : [];
    });
    const moduleName = input.modelPath.replace(/\.py$/, '').split('/').join('.');
    const content = emitRepositoryFor(model.name, moduleName, refs, project.models);
    notes.unshift(`${model.name}Repository in ${path}${refs.length ? ` (checks ${refs.map((r) => r.field).join(', ')})` : ''}`);
    const focus = content.indexOf(`class ${model.name}Repository`);
    return await validated({ changes: [{ kind: 'create', path, content }], notes, focus: { path, offset: focus } }, view);
  } finally {
    tree.delete();
  }
}

/** Names a module defines at top level (classes, functions, assignments). */
function topLevelNames(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const node of root.namedChildren) {
    const def = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (def?.type === 'class_definition' || def?.type === 'function_definition') names.add(def.childForFieldName('name')?.text ?? '');
    const assign = def?.type === 'expression_statement' ? def.namedChild(0) : undefined;
    if (assign?.type === 'assignment') names.add(assign.childForFieldName('left')?.text ?? '');
  }
  return names;
}

/** The primary key annotation of a table class: `id: Mapped[uuid.UUID]`, `id: int | None = Field(...)`, or `Column(Integer)`. */
function idAnnotationOf(cls: SyntaxNode, known: string | undefined): string {
  if (known === 'uuid') return 'uuid.UUID';
  if (known === 'int') return 'int';
  const m = /^\s+id\s*:\s*(?:Mapped\[\s*)?([\w.]+)/m.exec(cls.text);
  if (m && m[1] !== 'Optional') return m[1] === 'UUID' ? 'uuid.UUID' : m[1]!;
  return /^\s+id\s*=\s*(?:sa\.)?Column\(\s*(?:sa\.)?(?:UUID|Uuid)/m.test(cls.text) ? 'uuid.UUID' : 'int';
}

/** Append `code` after the last statement, two blank lines apart. */
const appendAtEnd = (code: string): Step => (source) => {
  const end = source.replace(/\s+$/, '').length;
  return { start: end, end: source.length, text: `${end > 0 ? '\n\n\n' : ''}${code}` };
};

/** Does existing data-access code commit, or leave that to a layer above (only flushes)? */
async function siblingsCommit(view: FileView, paths: readonly string[]): Promise<boolean> {
  const texts = (await Promise.all(paths.slice(0, 8).map((p) => view.readFile(p)))).filter((t): t is string => t !== undefined);
  if (texts.length === 0) return true;
  return texts.some((t) => /\.commit\(/.test(t)) || !texts.some((t) => /\.flush\(/.test(t));
}

/**
 * The project's generic repository base, when its sibling subclasses bind the
 * model with a class attribute (`class PostRepository(BaseRepository[Post]): model = Post`):
 * then the new repository is the same two lines for this model.
 */
async function subclassOf(view: FileView, dir: string, model: string): Promise<{ code: string; imports: Map<string, Set<string>> } | undefined> {
  for (const path of (await view.listDir(dir)).filter((p) => p.endsWith('.py') && !p.endsWith('__init__.py')).sort()) {
    const text = await view.readFile(path);
    if (!text) continue;
    const tree = await parsePython(text);
    try {
      for (const node of tree.rootNode.namedChildren) {
        if (node?.type !== 'class_definition' || !/Repo(sitory)?$/.test(node.childForFieldName('name')?.text ?? '')) continue;
        const supers = node.childForFieldName('superclasses')?.namedChildren ?? [];
        const generic = supers.length === 1 && supers[0]?.type === 'subscript' ? supers[0] : undefined;
        const baseName = generic?.childForFieldName('value')?.text;
        const sibling = generic?.childForFieldName('subscript')?.text;
        if (!baseName || !/^\w+$/.test(baseName) || !sibling || !/^\w+$/.test(sibling)) continue;
        // The base binds the model through a class attribute the sibling sets (`model = Post`).
        const attr = (node.childForFieldName('body')?.namedChildren ?? [])
          .map((st) => (st?.type === 'expression_statement' ? st.namedChild(0) : undefined))
          .find((a) => a?.type === 'assignment' && a.childForFieldName('right')?.text === sibling);
        if (!attr) continue;
        const from = tree.rootNode.namedChildren.find((n) => n?.type === 'import_from_statement' && n.childrenForFieldName('name').some((c) => c?.text === baseName));
        let module = from?.childForFieldName('module_name')?.text;
        if (!module) continue;
        if (module.startsWith('.')) module = dottedModule(`${dir}/${module.replace(/^\.+/, '')}.py`);
        const left = attr.childForFieldName('left')!.text;
        const annotation = attr.childForFieldName('type')?.text;
        const line = annotation ? `${left}: ${annotation.split(sibling).join(model)} = ${model}` : `${left} = ${model}`;
        return { code: `class ${model}Repository(${baseName}[${model}]):\n    ${line}\n`, imports: new Map([[module, new Set([baseName])]]) };
      }
    } finally {
      tree.delete();
    }
  }
  return undefined;
}

/** Add Repository outside the init layout: in the project's data-access style and place. */
async function planStyledRepository(view: FileView, input: AddRepositoryInput, style: ProjectStyle, model: ModelClass, source: string): Promise<EditPlan> {
  const names = resourceNames(model.name);
  const known = style.models.known.find((m) => m.className === model.name && m.path === input.modelPath);
  const modelDir = input.modelPath.includes('/') ? input.modelPath.replace(/\/[^/]+$/, '') : '';
  const da = style.dataAccess;
  const functions = da.kind === 'crud-functions';
  // Where the code goes: the project's own data-access placement, beside the model in feature folders.
  let path: string;
  const placement = da.kind === 'inline' ? undefined : da.placement;
  if (placement?.kind === 'module' && (functions || da.kind === 'repository-class')) path = placement.path;
  else if (placement?.kind === 'package' && (functions || da.kind === 'repository-class')) path = `${placement.dir}/${names.snake}.py`;
  else if (placement?.kind === 'feature' && (functions || da.kind === 'repository-class')) path = `${modelDir}/${placement.file}`;
  else if (style.models.placement.kind === 'feature') path = `${modelDir}/repository.py`;
  else path = `${style.packageRoot}/repositories/${names.snake}.py`;
  const existing = await view.readFile(path);
  const targetDir = path.replace(/\/[^/]+$/, '');
  // The modules beside the target say whether data access commits (and which generic base it reuses).
  const siblingPaths = placement?.kind === 'module' ? [placement.path] : (await view.listDir(targetDir)).filter((p) => p.endsWith('.py') && p !== path);
  const target: RepositoryTarget = {
    className: model.name,
    names,
    ...(path === input.modelPath ? {} : { modelModule: dottedModule(input.modelPath) }),
    idType: idAnnotationOf(model.node, known?.idType),
    orm: style.orm === 'sqlmodel' || /^from\s+sqlmodel\s+import/m.test(source) ? 'sqlmodel' : 'sqlalchemy',
    async: style.async,
    commit: await siblingsCommit(view, siblingPaths),
  };
  let emitted: EmittedAccess | { code: string; imports: Map<string, Set<string>>; plainImports: readonly string[]; definedNames: readonly string[] };
  let defined = new Set<string>();
  let reused = false;
  if (existing !== undefined) {
    const tree = await parsePython(existing);
    try {
      defined = topLevelNames(tree.rootNode);
    } finally {
      tree.delete();
    }
  }
  if (functions) {
    emitted = emitCrudFunctions(target, da.naming, defined);
    if (emitted.definedNames.length === 0) throw new PlanError(`${path} already defines the CRUD functions for ${model.name}; nothing to add`);
  } else {
    const sub = await subclassOf(view, targetDir, model.name);
    if (sub) {
      sub.imports.set(dottedModule(input.modelPath), new Set([model.name]));
      emitted = { ...sub, plainImports: [], definedNames: [`${model.name}Repository`] };
      reused = true;
    } else {
      emitted = emitRepositoryClass(target);
    }
    if (defined.has(`${model.name}Repository`)) throw new PlanError(`${path} already defines ${model.name}Repository; it is not overwritten (add methods to it instead)`);
  }
  const imports = emitted.imports instanceof Map ? emitted.imports : emitted.imports.entries();
  const plainSteps = emitted.plainImports.map((m): Step => (s, tree) => planImport(s, tree, m));
  let finalChange;
  let result: string;
  if (existing === undefined) {
    // A new module: its imports rendered in sections (the project's package first-party), then the code.
    const rendered = new Imports();
    for (const [m, ns] of imports) rendered.add(m, ...ns);
    const local = (m: string) => m === style.packageRoot || m.startsWith(`${style.packageRoot}.`);
    const content = `${rendered.render(local)}\n\n\n${emitted.code}`;
    result = plainSteps.length ? (await editPython(path, content, plainSteps, (m) => new PlanError(m))).result : content;
    finalChange = { kind: 'create' as const, path, content: result };
  } else {
    const edited = await editPython(path, existing, [appendAtEnd(emitted.code), ...plainSteps, ...importSteps(imports)], (m) => new PlanError(m));
    if (!edited.change) throw new PlanError('internal: nothing to insert');
    finalChange = edited.change;
    result = edited.result;
  }
  const notes = [`${emitted.definedNames.join(', ')} in ${path}${functions || reused || target.commit ? '' : ' (writes flush; the caller commits)'}`];
  const focus = Math.max(0, result.indexOf(emitted.definedNames[0]!));
  return await validated({ changes: [finalChange], notes, focus: { path, offset: focus } }, view);
}
