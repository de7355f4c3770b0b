// Extract Pydantic model: a route handler that takes its body as a `dict`
// (`payload: dict`, `body: dict[str, Any]`, `data=Body()`, `Annotated[dict,
// Body()]`) gets a BaseModel built from the keys the handler reads. Types come
// from what the code shows (`int(payload["qty"])`, `payload["kind"] == "a"`,
// `.strip()`, a `.get()` default); a key read with `.get()` is optional with
// that default. `payload["x"]` and `payload.get("x")` become `payload.x`; a
// dict passed on whole becomes `payload.model_dump()`. The class goes into the
// router's schemas module when the project has one, else above the handler.
import type { FileView } from '../files';
import { named, type PyFile, type Route, type RouteParam } from '../analysis/python/pyfile';
import { retypeBodyParam } from '../analysis/python/bodyModel';
import { fullPath } from '../analysis/python/routes';
import { PlanError } from '../plan/fastapi';
import type { EditPlan, FileChange, TextEdit } from '../plan/editPlan';
import { RESERVED_FIELD_NAMES } from '../request/fields';
import type { SyntaxNode } from '../parse/python';
import { checkedPlan, fileChange, parseForRefactor, pascal, replaceNode, routeAt, type ImportNeed, type ParsedFile } from './common';

export interface ExtractModelInput {
  /** The router module, relative to the project root. */
  readonly path: string;
  /** Cursor offset in the file's text (on the parameter, or anywhere in the handler). */
  readonly cursor: number;
}

export interface DictBody {
  readonly route: Route;
  readonly param: RouteParam;
  /** The node naming the dict type (replaced), undefined for `x=Body()` without annotation. */
  readonly typeNode: SyntaxNode | undefined;
}

const DICT_TYPE = /^(?:typing\.)?(?:dict|Dict)(?:\[\s*str\s*,\s*(?:typing\.)?(?:Any|object)\s*\])?$/;
const FASTAPI_MARKERS = /^(Query|Header|Cookie|Path|Form|File|Depends|Security)$/;

function marker(py: PyFile, node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'call') return undefined;
  return py.callee(node)?.split('.').pop();
}

/** A handler parameter that takes the JSON body as a plain dict. */
export function dictBodyParam(py: PyFile, param: RouteParam): DictBody['typeNode'] | 'body' | undefined {
  const m = marker(py, param.default);
  if (m && FASTAPI_MARKERS.test(m)) return undefined;
  const ann = param.annotation?.type === 'type' ? named(param.annotation)[0] : param.annotation;
  if (!ann) return m === 'Body' ? 'body' : undefined;
  if (ann.type === 'generic_type' && /^(typing\.)?Annotated$/.test(named(ann)[0]?.text ?? '')) {
    const args = named(named(ann).find((c) => c.type === 'type_parameter')).filter((c) => c.type === 'type');
    const inner = args[0] ? (named(args[0])[0] ?? args[0]) : undefined;
    const markers = args.slice(1).map((a) => marker(py, named(a)[0]));
    if (!inner || markers.some((x) => x && FASTAPI_MARKERS.test(x))) return undefined;
    return DICT_TYPE.test(inner.text.replace(/\s+/g, ' ')) ? inner : undefined;
  }
  return DICT_TYPE.test(ann.text.replace(/\s+/g, ' ')) ? ann : undefined;
}

/** The dict body parameter under the cursor (or the handler's only one when the cursor is elsewhere in it). */
export function dictBodyAt(py: PyFile, cursor: number): DictBody | undefined {
  const route = routeAt(py, cursor);
  if (!route) return undefined;
  const bodies = route.params.flatMap((param) => {
    const t = dictBodyParam(py, param);
    return t === undefined ? [] : [{ route, param, typeNode: t === 'body' ? undefined : t }];
  });
  return bodies.find((b) => b.param.node.startIndex <= cursor && cursor <= b.param.node.endIndex) ?? (bodies.length === 1 ? bodies[0] : undefined);
}

interface Field {
  readonly key: string;
  type: string | undefined;
  required: boolean;
  default: string | undefined;
}

const STR_METHODS = /^(strip|lower|upper|split|startswith|endswith|replace|title|encode|casefold|lstrip|rstrip|format|join|capitalize)$/;
const CASTS: Record<string, string> = { int: 'int', float: 'float', str: 'str', bool: 'bool', Decimal: 'Decimal', list: 'list[Any]', dict: 'dict[str, Any]' };

function literalType(node: SyntaxNode | undefined): string | undefined {
  switch (node?.type) {
    case 'string': return 'str';
    case 'concatenated_string': return 'str';
    case 'integer': return 'int';
    case 'float': return 'float';
    case 'true': case 'false': return 'bool';
    case 'list': case 'list_comprehension': return 'list[Any]';
    case 'dictionary': return 'dict[str, Any]';
    case 'unary_operator': return literalType(node.namedChild(0) ?? undefined);
    default: return undefined;
  }
}

/** What the code around a read shows about its type. */
function usageType(value: SyntaxNode): string | undefined {
  let n = value;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if (p.type === 'attribute' && p.childForFieldName('object')?.id === n.id) {
    const attr = p.childForFieldName('attribute')?.text ?? '';
    if (STR_METHODS.test(attr)) return 'str';
    if (/^(items|keys|values)$/.test(attr)) return 'dict[str, Any]';
    if (/^(append|extend)$/.test(attr)) return 'list[Any]';
    if (attr === 'isoformat') return undefined;
    return undefined;
  }
  if (p.type === 'comparison_operator') {
    const ops = p.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
    if (ops.some((o) => o === 'in' || o === 'not in' || o === 'is' || o === 'is not')) {
      // `payload["role"] in ("admin", "staff")`: the tuple's element type.
      const other = named(p).find((c) => c.id !== n.id);
      if (other && (other.type === 'tuple' || other.type === 'list' || other.type === 'set') && named(other)[0]) return literalType(named(other)[0]);
      return undefined;
    }
    return literalType(named(p).find((c) => c.id !== n.id));
  }
  if (p.type === 'binary_operator') {
    const other = named(p).find((c) => c.id !== n.id);
    const op = p.childForFieldName('operator')?.text;
    const t = literalType(other);
    if (t === 'int' || t === 'float') return op === '/' ? 'float' : t;
    if (t === 'str' && op === '+') return 'str';
    return undefined;
  }
  if (p.type === 'argument_list' && p.parent?.type === 'call' && named(p).length === 1) {
    const fn = p.parent.childForFieldName('function')?.text ?? '';
    return CASTS[fn.replace(/^decimal\./, '')];
  }
  if (p.type === 'for_statement' && p.childForFieldName('right')?.id === n.id) return 'list[Any]';
  if (p.type === 'subscript' && p.childForFieldName('value')?.id === n.id) {
    const sub = p.childForFieldName('subscript');
    if (sub?.type === 'integer' || sub?.type === 'slice') return 'list[Any]';
    if (sub?.type === 'string') return 'dict[str, Any]';
  }
  return undefined;
}

/** Two pieces of evidence about one key: agreeing, int widened to float, otherwise unknown. */
function merge(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  if ((a === 'int' && b === 'float') || (a === 'float' && b === 'int')) return 'float';
  return 'Any';
}

/** Hard keywords only: `type` and `match` are soft keywords and fine as field names. */
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** The attribute for a key: itself when it can be one (not a keyword, not a BaseModel attribute), else `field_<key>` with an alias. */
function identFor(key: string): string {
  let name = key.replace(/\W/g, '_');
  const shadows = RESERVED_FIELD_NAMES.has(name) && name !== 'id';
  if (/^\d/.test(name) || KEYWORDS.has(name) || shadows || name.startsWith('model_') || name === '') name = `field_${name}`;
  return name;
}

interface Use {
  readonly node: SyntaxNode;
  readonly text: string;
}

interface Analysis {
  readonly fields: Map<string, Field>;
  readonly uses: Use[];
  /** Every read is by a constant key: the handler can read attributes instead. */
  readonly attributeMode: boolean;
}

function analyse(route: Route, param: RouteParam): Analysis {
  const body = route.fn.childForFieldName('body');
  const fields = new Map<string, Field>();
  const uses: Use[] = [];
  let attributeMode = true;
  const field = (key: string): Field => {
    let f = fields.get(key);
    if (!f) fields.set(key, (f = { key, type: undefined, required: false, default: undefined }));
    return f;
  };
  const keyOf = (node: SyntaxNode | undefined | null): string | undefined => {
    if (node?.type !== 'string' || node.children.some((c) => c?.type === 'interpolation')) return undefined;
    const content = named(node).filter((c) => c.type === 'string_content');
    const key = content.map((c) => c.text).join('');
    return /^[\w-]+$/.test(key) && named(node).every((c) => c.type === 'string_content' || c.type === 'string_start' || c.type === 'string_end') ? key : undefined;
  };
  for (const id of body?.descendantsOfType('identifier') ?? []) {
    if (!id || id.text !== param.name) continue;
    const p = id.parent!;
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue;
    if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
    if (p.type === 'subscript' && p.childForFieldName('value')?.id === id.id) {
      const key = keyOf(p.childForFieldName('subscript'));
      const g = p.parent;
      const written = (g?.type === 'assignment' || g?.type === 'augmented_assignment') && g.childForFieldName('left')?.id === p.id;
      if (!key || written || g?.type === 'delete_statement') {
        attributeMode = false;
        continue;
      }
      const f = field(key);
      f.required = true;
      f.type = merge(f.type, usageType(p));
      uses.push({ node: p, text: `${param.name}.${identFor(key)}` });
      continue;
    }
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.text === 'get' && p.parent?.type === 'call') {
      const call = p.parent;
      const args = named(call.childForFieldName('arguments'));
      const key = keyOf(args[0]);
      if (!key || args.length > 2 || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) {
        attributeMode = false;
        continue;
      }
      const f = field(key);
      const def = args[1];
      if (def && def.type !== 'none') {
        const t = literalType(def);
        // A default the class can hold: a literal (not a call, not a name that may change).
        if (t) {
          f.default ??= def.text;
          f.type = merge(f.type, t);
        } else attributeMode = false;
      }
      f.type = merge(f.type, usageType(call));
      uses.push({ node: call, text: `${param.name}.${identFor(key)}` });
      continue;
    }
    // The whole dict handed on: `repo.create(payload)`, `Item(**payload)`, `return payload`, `data = payload`.
    if (p.type === 'argument_list' || p.type === 'dictionary_splat' || p.type === 'return_statement' || p.type === 'keyword_argument' || (p.type === 'assignment' && p.childForFieldName('right')?.id === id.id)) {
      uses.push({ node: id, text: `${param.name}.model_dump(by_alias=True)` });
      continue;
    }
    attributeMode = false;
  }
  return { fields, uses, attributeMode };
}

/** `create_order` -> `OrderCreate`, `update_item` -> `ItemUpdate`, otherwise `<Handler>Body`. */
function classNameFor(route: Route, param: RouteParam, several: boolean): string {
  const words = route.name.split('_').filter(Boolean);
  const verb = words[0] ?? '';
  const rest = pascal(words.slice(1).join('_'));
  const suffix = several ? pascal(param.name) : '';
  if (rest && /^(create|add|new|post|register|submit)$/.test(verb)) return `${rest}Create${suffix}`;
  if (rest && /^(update|patch|edit|modify)$/.test(verb)) return `${rest}Update${suffix}`;
  if (rest && /^(replace|put)$/.test(verb)) return `${rest}Replace${suffix}`;
  return `${pascal(route.name)}${suffix}Body`;
}

/** Start of the top-level statement holding the route, before the comments right above it. */
function insertionPoint(route: Route): number {
  let stmt: SyntaxNode = route.fn;
  while (stmt.parent && stmt.parent.type !== 'module') stmt = stmt.parent;
  let start: SyntaxNode = stmt;
  for (let prev = stmt.previousNamedSibling; prev?.type === 'comment' && prev.endPosition.row === start.startPosition.row - 1; prev = prev.previousNamedSibling) start = prev;
  return start.startIndex;
}

/** The schemas module matching a router module (`app/routers/books.py` -> `app/schemas/book.py`), if the project has it. */
async function schemasModuleFor(view: FileView, path: string): Promise<string | undefined> {
  const m = /^(.*\/)?routers\/([A-Za-z_]\w*)\.py$/.exec(path);
  if (!m) return undefined;
  const base = `${m[1] ?? ''}schemas/`;
  const name = m[2]!;
  const singular = name.replace(/ies$/, 'y').replace(/(ch|sh|x|ss)es$/, '$1').replace(/s$/, '');
  for (const candidate of [`${base}${name}.py`, `${base}${singular}.py`]) {
    if ((await view.readFile(candidate)) !== undefined) return candidate;
  }
  return undefined;
}

const definesClass = (source: string, name: string) => new RegExp(`^class\\s+${name}\\b`, 'm').test(source);

/** Plan the extraction for the dict body under the cursor. */
export async function planExtractModel(view: FileView, input: ExtractModelInput): Promise<EditPlan> {
  const original = await view.readFile(input.path);
  if (original === undefined) throw new PlanError(`${input.path} does not exist`);
  const file = await parseForRefactor(input.path, original);
  let schemas: ParsedFile | undefined;
  try {
    const target = dictBodyAt(file.py, input.cursor - file.bom);
    if (!target) throw new PlanError(`no route handler taking a dict body (payload: dict, dict[str, Any], Body()) at the cursor in ${input.path}`);
    const { route, param } = target;
    const { fields, uses, attributeMode } = analyse(route, param);
    if (fields.size === 0) {
      throw new PlanError(`${route.name} reads no constant keys from ${param.name} (payload["key"] or payload.get("key")); there is nothing to build a model from`);
    }
    const schemasPath = await schemasModuleFor(view, input.path);
    const schemasText = schemasPath ? await view.readFile(schemasPath) : undefined;
    const several = route.params.filter((p) => dictBodyParam(file.py, p) !== undefined).length > 1;
    const base = classNameFor(route, param, several);
    let className = base;
    for (let i = 2; definesClass(file.source, className) || file.py.imports.has(className) || (schemasText !== undefined && definesClass(schemasText, className)); i++) className = `${base}${i}`;

    // The class: one line per key, in the order the handler first reads them.
    const needs = new Set<string>();
    const lines = [...fields.values()].map((f) => {
      const name = identFor(f.key);
      let type = f.type ?? 'Any';
      if (type === 'Decimal') needs.add('Decimal');
      if (type.includes('Any')) needs.add('Any');
      let def: string | undefined;
      if (!f.required) {
        def = f.default ?? 'None';
        if (f.default === undefined && type !== 'Any') type = `${type} | None`;
      }
      if (name !== f.key) {
        needs.add('Field');
        return `    ${name}: ${type} = Field(${def !== undefined ? `default=${def}, ` : ''}alias=${JSON.stringify(f.key)})`;
      }
      return `    ${name}: ${type}${def !== undefined ? ` = ${def}` : ''}`;
    });
    const where = fullPath(file.py, route) ?? route.path;
    const doc = `    """Body of ${route.methods.map((m) => m.toUpperCase()).join('/')} ${where ? where : route.name}."""\n\n`;
    // When the handler keeps working on a dict, keys the model does not list are kept too.
    const config = attributeMode ? '' : '    model_config = ConfigDict(extra="allow")\n\n';
    const cls = `class ${className}(BaseModel):\n${doc}${config}${lines.join('\n')}\n`;
    const classImports: ImportNeed[] = [{ module: 'pydantic', name: 'BaseModel' }];
    if (!attributeMode) classImports.push({ module: 'pydantic', name: 'ConfigDict' });
    if (needs.has('Field')) classImports.push({ module: 'pydantic', name: 'Field' });
    if (needs.has('Any')) classImports.push({ module: 'typing', name: 'Any' });
    if (needs.has('Decimal')) classImports.push({ module: 'decimal', name: 'Decimal' });

    const edits: TextEdit[] = [];
    const handlerImports: ImportNeed[] = [];
    const changes: FileChange[] = [];
    if (schemasPath && schemasText !== undefined) {
      schemas = await parseForRefactor(schemasPath, schemasText);
      const end = schemas.source.length;
      const trimmed = schemas.source.replace(/\s+$/, '').length;
      const classEdit: TextEdit = { start: trimmed, end, text: `\n\n\n${cls}` };
      changes.push(await fileChange(schemas, [classEdit], classImports));
      handlerImports.push({ module: schemasPath.replace(/\.py$/, '').split('/').join('.'), name: className });
    } else {
      const at = insertionPoint(route);
      edits.push({ start: at, end: at, text: `${cls}\n\n` });
      handlerImports.push(...classImports);
    }

    // Attribute mode: reads become `payload.key`. Otherwise the handler keeps a dict, made from the validated model.
    const retyped = retypeBodyParam({
      param,
      typeNode: target.typeNode,
      className,
      attributeMode,
      uses,
      firstStatement: named(route.fn.childForFieldName('body')).find((s) => !(s.type === 'expression_statement' && s.namedChild(0)?.type === 'string')),
      dump: 'model_dump(by_alias=True, exclude_unset=True)',
    });
    if ('problem' in retyped) throw new PlanError(retyped.problem === 'name' ? `cannot read the parameter ${param.name} of ${route.name}` : `${route.name} has an empty body`);
    const newName = retyped.newName;
    edits.push(...retyped.edits);
    changes.unshift(await fileChange(file, edits, handlerImports));
    const keys = [...fields.keys()].join(', ');
    const notes = [
      `${className} (${keys}) ${schemasPath ? `in ${schemasPath}` : `above ${route.name}`}; ${param.name} is validated before ${route.name} runs`,
      ...(attributeMode ? [] : [`${route.name} uses ${param.name} in ways a model cannot replace (writes, dynamic keys); it now starts from ${newName}.model_dump()`]),
    ];
    const focusPath = schemasPath ?? input.path;
    return await checkedPlan({ changes, notes, focus: { path: focusPath, offset: 0 } }, view).then((plan) => withFocus(plan, focusPath, `class ${className}(`));
  } finally {
    file.tree.delete();
    schemas?.tree.delete();
  }
}

/** Point the plan's focus at `needle` in the planned text of `path`. */
function withFocus(plan: EditPlan, path: string, needle: string): EditPlan {
  const change = plan.changes.find((c) => c.path === path);
  if (!change || change.kind !== 'modify') return plan;
  let text = change.original;
  const sorted = [...change.edits].sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  const offset = text.indexOf(needle);
  return offset < 0 ? plan : { ...plan, focus: { path, offset } };
}
