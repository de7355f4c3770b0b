// `add repository`: a repository class on the project's generic base
// (`Repository[Model]`, as `new resource` emits) for the SQLAlchemy model
// under the cursor, with its foreign keys registered as references so writes
// check them. Never overwrites an existing repository module.
import type { FileView } from '../files';
import { emitRepositoryFor } from '../emit/fastapi/resource';
import { readFastApiProject } from '../project/fastapi';
import { parsePython, firstSyntaxError, type SyntaxNode } from '../parse/python';
import { resourceNames } from '../spec/names';
import { InputError } from '../spec/resource';
import type { EditPlan } from './editPlan';
import { PlanError, validated } from './fastapi';

export interface AddRepositoryInput {
  /** The module holding the model, relative to the root (e.g. `app/models/book.py`). */
  readonly modelPath: string;
  /** Cursor offset in that module's text: the model is the class around it. */
  readonly cursor?: number;
  /** Or the model's class name. Neither: the module's only model. */
  readonly className?: string;
}

interface ModelClass {
  readonly name: string;
  readonly node: SyntaxNode;
}

/** Top-level classes whose body assigns `__tablename__`. */
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
    if (hasTable) out.push({ name: cls.childForFieldName('name')?.text ?? '', node });
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
  const project = await readFastApiProject(view);
  if (!project.existing.has('app/repositories/base.py')) {
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
