// What a hand-written table class says about its columns, as the field specs
// the emitters take: SQLAlchemy 2 (`x: Mapped[T] = mapped_column(...)`),
// legacy `x = Column(Type, ...)` and SQLModel (`class X(SQLModel, table=True)`
// with `x: T = Field(...)`). Read from the tree-sitter tree of the module the
// refactor already parsed; the project's model list (table -> class) comes
// from the lexical scan in project/pythonScan.ts.
import type { SyntaxNode } from '../parse/python';
import { keywordArg, literalString, named, positionalArgs, unparen } from '../analysis/python/pyfile';
import type { FieldDefault, FieldSpec, FieldType } from '../request/fields';
import { RESERVED_FIELD_NAMES } from '../request/fields';
import type { ModelInfo } from '../project/fastapi';

export interface TableClass {
  readonly name: string;
  /** The class_definition node. */
  readonly cls: SyntaxNode;
  /** The top-level statement (the decorated definition when decorated). */
  readonly statement: SyntaxNode;
  readonly flavor: 'sqlalchemy' | 'sqlmodel';
  /** `__tablename__` when written. */
  readonly tableName: string | undefined;
}

export interface ModelFields {
  readonly fields: FieldSpec[];
  /** Columns left out of the DTOs and why (server defaults, relationships are not listed). */
  readonly notes: string[];
  /** A reason the model cannot back a generated slice, if any. */
  readonly refusal: string | undefined;
  /**
   * Columns the ORM stores otherwise than their field spec says, as an Alembic
   * revision spells the type it creates: a `str` / `Mapped[str]` / `String`
   * without a length is read as unbounded text, but SQLModel makes it an
   * AutoString and SQLAlchemy a VARCHAR, not TEXT (`alembic check` would see drift).
   */
  readonly columnTypes?: Readonly<Record<string, string>>;
  /** The primary key as written: its type, and whether the column is indexed (an Alembic revision creates the index too). */
  readonly key?: { readonly type: 'int' | 'uuid'; readonly indexed: boolean };
}

/** Which primary keys a slice can address rows by: our init layout's integers, or a project's own uuid keys too. */
export interface ReadOptions {
  readonly uuidKeys?: boolean;
  /** Classes of the module the table takes columns from (SQLModel's `HeroBase`), outermost first: their columns are read before the table's own. */
  readonly bases?: readonly SyntaxNode[];
}

const SQLMODEL_TABLE = /\btable\s*=\s*True\b/;

function assignmentOf(stmt: SyntaxNode | null): SyntaxNode | undefined {
  const inner = stmt?.type === 'expression_statement' ? stmt.namedChild(0) : undefined;
  return inner?.type === 'assignment' ? inner : undefined;
}

/** Top-level table classes of a module: a `__tablename__` in the body, or SQLModel's `table=True`. */
export function tableClasses(root: SyntaxNode): TableClass[] {
  const out: TableClass[] = [];
  for (const statement of named(root)) {
    const cls = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (cls?.type !== 'class_definition') continue;
    const body = cls.childForFieldName('body');
    let tableName: string | undefined;
    let hasTable = false;
    for (const s of named(body)) {
      const assign = assignmentOf(s);
      if (assign?.childForFieldName('left')?.text !== '__tablename__') continue;
      hasTable = true;
      const right = assign.childForFieldName('right');
      tableName = right ? literalString(right) : undefined;
    }
    const bases = cls.childForFieldName('superclasses')?.text ?? '';
    const sqlmodel = SQLMODEL_TABLE.test(bases);
    if (!hasTable && !sqlmodel) continue;
    out.push({ name: cls.childForFieldName('name')?.text ?? '', cls, statement, flavor: sqlmodel ? 'sqlmodel' : 'sqlalchemy', tableName });
  }
  return out;
}

/**
 * The classes of the same module a SQLModel table inherits columns from
 * (`class Hero(HeroBase, table=True)` with `class HeroBase(SQLModel)`, the
 * full-stack template's pattern), outermost first as Python's MRO lays out
 * the columns; `skip` names bases that are not column holders here (the
 * project's mixins and declarative base, read elsewhere).
 */
export function localBaseChain(root: SyntaxNode, model: TableClass, skip: readonly string[] = []): SyntaxNode[] {
  const classes = new Map<string, SyntaxNode>();
  for (const statement of named(root)) {
    const cls = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const name = cls?.type === 'class_definition' ? cls.childForFieldName('name')?.text : undefined;
    if (cls && name) classes.set(name, cls);
  }
  const out: SyntaxNode[] = [];
  const seen = new Set<string>([model.name]);
  const visit = (cls: SyntaxNode) => {
    for (const base of named(cls.childForFieldName('superclasses'))) {
      if (base.type !== 'identifier' || seen.has(base.text) || skip.includes(base.text)) continue;
      seen.add(base.text);
      const parent = classes.get(base.text);
      // A table class is not a column holder to copy from (SQLModel forbids inheriting from one anyway).
      if (!parent || SQLMODEL_TABLE.test(parent.childForFieldName('superclasses')?.text ?? '')) continue;
      visit(parent);
      out.push(parent);
    }
  };
  visit(model.cls);
  return out;
}

/** The names of the columns a class body declares (annotated or assigned names, no dunders), for telling base columns from the table's own. */
export function declaredNames(cls: SyntaxNode): string[] {
  const out: string[] = [];
  for (const s of named(cls.childForFieldName('body'))) {
    const left = assignmentOf(s)?.childForFieldName('left');
    if (left?.type === 'identifier' && !left.text.startsWith('__')) out.push(left.text);
  }
  return out;
}

/** The callee's last name: `sa.Column` -> `Column`. */
function calleeName(call: SyntaxNode | undefined): string | undefined {
  if (call?.type !== 'call') return undefined;
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  return fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
}

const lastName = (text: string): string => text.replace(/^.*\./, '');

/** The type inside `Mapped[...]` (or the annotation itself), with `| None` / Optional peeled off. */
function unwrapAnnotation(text: string): { inner: string; optional: boolean } {
  let t = text.replace(/\s+/g, ' ').trim();
  const mapped = /^(?:\w+\.)*Mapped\[(.*)\]$/.exec(t);
  if (mapped) t = mapped[1]!.trim();
  let optional = false;
  const opt = /^(?:typing\.)?Optional\[(.*)\]$/.exec(t);
  if (opt) {
    t = opt[1]!.trim();
    optional = true;
  }
  const parts = splitTop(t, '|').map((p) => p.trim());
  if (parts.length > 1 && parts.includes('None')) {
    optional = true;
    t = parts.filter((p) => p !== 'None').join(' | ');
  }
  const union = /^(?:typing\.)?Union\[(.*)\]$/.exec(t);
  if (union) {
    const args = splitTop(union[1]!, ',').map((p) => p.trim());
    if (args.includes('None')) {
      optional = true;
      t = args.filter((a) => a !== 'None').join(', ');
    }
  }
  return { inner: t.replace(/^["']|["']$/g, ''), optional };
}

function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

const INT32 = { min: -2147483648, max: 2147483647 };
const INT16 = { min: -32768, max: 32767 };

interface Typed {
  readonly type: FieldType;
  readonly max?: number;
  readonly min?: number;
  readonly digits?: number;
  readonly places?: number;
}

/** A Python annotation as a field type, when it is one the emitters know. */
function fromPython(inner: string, enums: ReadonlyMap<string, readonly string[]>): Typed | undefined {
  const t = lastName(inner);
  const literal = /^(?:typing\.)?Literal\[(.*)\]$/.exec(inner);
  if (literal) {
    const values = splitTop(literal[1]!, ',').map((v) => v.trim());
    if (values.every((v) => /^(["'])[A-Za-z0-9_.-]+\1$/.test(v))) return { type: { kind: 'enum', values: values.map((v) => v.slice(1, -1)) } };
    return undefined;
  }
  if (/^(list|List)\[\s*str\s*\]$/.test(inner)) return { type: { kind: 'list', item: 'str' } };
  if (/^(dict|Dict)(\[.*\])?$/.test(inner) || t === 'Any' || t === 'JsonValue') return { type: { kind: 'json' } };
  const values = enums.get(t);
  if (values) return { type: { kind: 'enum', values } };
  switch (t) {
    case 'str': return { type: { kind: 'text' } };
    case 'int': return { type: { kind: 'int' }, ...INT32 };
    case 'float': return { type: { kind: 'float' } };
    case 'Decimal': return { type: { kind: 'decimal' } };
    case 'bool': return { type: { kind: 'bool' } };
    case 'date': return { type: { kind: 'date' } };
    case 'datetime': return { type: { kind: 'datetime' } };
    case 'UUID': return { type: { kind: 'uuid' } };
    default: return undefined;
  }
}

/** An SQL type expression (`String(120)`, `sa.Text`, `Integer()`, `DateTime(timezone=True)`) as a field type. */
function fromSql(node: SyntaxNode, enums: ReadonlyMap<string, readonly string[]>): Typed | undefined {
  const call = node.type === 'call' ? node : undefined;
  const name = lastName(call ? (call.childForFieldName('function')?.text ?? '') : node.text);
  const length = (): number | undefined => {
    if (!call) return undefined;
    const arg = keywordArg(call, 'length') ?? positionalArgs(call)[0];
    return arg?.type === 'integer' ? Number(arg.text) : undefined;
  };
  switch (name) {
    case 'String': case 'VARCHAR': case 'Unicode': case 'CHAR': case 'NVARCHAR': {
      const max = length();
      return max === undefined ? { type: { kind: 'text' } } : { type: { kind: 'str' }, max };
    }
    case 'Text': case 'UnicodeText': case 'TEXT': return { type: { kind: 'text' } };
    case 'Integer': case 'INTEGER': case 'INT': return { type: { kind: 'int' }, ...INT32 };
    case 'SmallInteger': case 'SMALLINT': return { type: { kind: 'int' }, ...INT16 };
    case 'BigInteger': case 'BIGINT': return { type: { kind: 'int' } };
    case 'Float': case 'Double': case 'REAL': case 'FLOAT': return { type: { kind: 'float' } };
    case 'Numeric': case 'DECIMAL': case 'NUMERIC': {
      // Numeric(p, s): the DTO allows what the column holds (a bigger value would fail in the database).
      const [p, s] = call ? positionalArgs(call).map((a) => (a.type === 'integer' ? Number(a.text) : NaN)) : [];
      if (p === undefined || Number.isNaN(p)) return { type: { kind: 'decimal' } };
      return { type: { kind: 'decimal' }, digits: p, places: s === undefined || Number.isNaN(s) ? 0 : s };
    }
    case 'Boolean': case 'BOOLEAN': return { type: { kind: 'bool' } };
    case 'Date': case 'DATE': return { type: { kind: 'date' } };
    case 'DateTime': case 'TIMESTAMP': case 'DATETIME': return { type: { kind: 'datetime' } };
    case 'Uuid': case 'UUID': return { type: { kind: 'uuid' } };
    case 'JSON': case 'JSONB': return { type: { kind: 'json' } };
    case 'Enum': {
      if (!call) return undefined;
      const args = positionalArgs(call);
      const strings = args.map((a) => literalString(a));
      if (args.length > 0 && strings.every((s): s is string => s !== undefined && /^[A-Za-z0-9_.-]+$/.test(s))) return { type: { kind: 'enum', values: strings } };
      const values = args.length === 1 ? enums.get(lastName(args[0]!.text)) : undefined;
      return values ? { type: { kind: 'enum', values } } : undefined;
    }
    default: return undefined;
  }
}

/** `class Status(str, enum.Enum): DRAFT = "draft"` -> the string values, for every such class in the module. */
export function stringEnums(root: SyntaxNode): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const statement of named(root)) {
    if (statement.type !== 'class_definition') continue;
    if (!/\b(Enum|StrEnum)\b/.test(statement.childForFieldName('superclasses')?.text ?? '')) continue;
    const values: string[] = [];
    for (const s of named(statement.childForFieldName('body'))) {
      const right = assignmentOf(s)?.childForFieldName('right');
      const value = right ? literalString(right) : undefined;
      if (value !== undefined && /^[A-Za-z0-9_.-]+$/.test(value)) values.push(value);
    }
    if (values.length > 0) out.set(statement.childForFieldName('name')?.text ?? '', values);
  }
  return out;
}

/** A literal default that fits the type, or a Python factory the DTOs can call too. */
function defaultOf(node: SyntaxNode, type: FieldType): FieldDefault | 'other' {
  const n = unparen(node);
  const text = n.text.replace(/\s+/g, '');
  if (n.type === 'none') return { kind: 'literal', value: null };
  if (/^(uuid\.)?uuid4$/.test(text)) return { kind: 'factory', factory: 'uuid4' };
  if (/^(lambda:)?(datetime\.)?datetime\.(now|utcnow)(\(.*\))?$|^(sa\.|sqlalchemy\.)?func\.now\(\)$|^lambda:datetime\.now\(.*\)$/.test(text)) return type.kind === 'datetime' ? { kind: 'factory', factory: 'now' } : 'other';
  if (/^(datetime\.)?date\.today$/.test(text)) return type.kind === 'date' ? { kind: 'factory', factory: 'today' } : 'other';
  const str = literalString(n);
  if (str !== undefined) {
    if (type.kind === 'str' || type.kind === 'text') return { kind: 'literal', value: str };
    if (type.kind === 'enum' && type.values.includes(str)) return { kind: 'literal', value: str };
    return 'other';
  }
  if ((n.type === 'true' || n.type === 'false') && type.kind === 'bool') return { kind: 'literal', value: n.type === 'true' };
  if ((n.type === 'integer' || (n.type === 'unary_operator' && /^-\d+$/.test(text))) && (type.kind === 'int' || type.kind === 'float')) return { kind: 'literal', value: Number(text) };
  if ((n.type === 'float' || n.type === 'integer') && type.kind === 'float') return { kind: 'literal', value: Number(text) };
  // `default=0` on a Decimal column: the DTOs default to Decimal("0").
  if ((n.type === 'float' || n.type === 'integer') && type.kind === 'decimal') return { kind: 'literal', value: Number(text) };
  // `Status.DRAFT` for an enum column: its value.
  if (type.kind === 'enum' && n.type === 'attribute') {
    const member = n.childForFieldName('attribute')?.text?.toLowerCase();
    const value = type.values.find((v) => v.toLowerCase() === member);
    if (value) return { kind: 'literal', value };
  }
  return 'other';
}

/**
 * The type the ORM creates for a column read as unbounded text, when it is not
 * TEXT: SQLModel maps a bare `str` to its AutoString, SQLAlchemy a bare
 * `Mapped[str]` to String, and `String` / `VARCHAR` / `Unicode` without a
 * length are VARCHAR too. Spelled as autogenerate writes them.
 */
function storedAs(flavor: TableClass['flavor'], sqlType: SyntaxNode | undefined): string | undefined {
  if (!sqlType) return flavor === 'sqlmodel' ? 'sqlmodel.sql.sqltypes.AutoString()' : 'sa.String()';
  const n = unparen(sqlType);
  const name = lastName(n.type === 'call' ? (n.childForFieldName('function')?.text ?? '') : n.text);
  if (name === 'AutoString') return 'sqlmodel.sql.sqltypes.AutoString()';
  return /^(String|VARCHAR|Unicode|NVARCHAR)$/.test(name) ? 'sa.String()' : undefined;
}

export interface ColumnAlias {
  /** The Python type inside the alias. */
  readonly inner: string;
  /** Its `mapped_column(...)`, if any. */
  readonly call: SyntaxNode | undefined;
}

/** Module-level `name = Annotated[T, mapped_column(...)]` aliases (SQLAlchemy's reusable column types). */
export function columnAliases(root: SyntaxNode): Map<string, ColumnAlias> {
  const out = new Map<string, ColumnAlias>();
  for (const statement of named(root)) {
    const assign = assignmentOf(statement);
    const left = assign?.childForFieldName('left');
    const right = assign?.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const m = /^(?:typing\.)?Annotated\[([\s\S]*)\]$/.exec(right.text);
    if (!m) continue;
    const [inner, ...rest] = splitTop(m[1]!, ',').map((p) => p.trim());
    if (!inner || !rest.some((r) => /^(?:\w+\.)?mapped_column\(/.test(r))) continue;
    const call = right.descendantsOfType('call').find((c) => c && calleeName(c) === 'mapped_column') ?? undefined;
    out.set(left.text, { inner, call });
  }
  return out;
}

/** The table named by `ForeignKey("authors.id")` / `foreign_key="authors.id"`. */
function foreignTable(text: string | undefined): string | undefined {
  return text ? /^([A-Za-z_]\w*)\.\w+$/.exec(text)?.[1] : undefined;
}

interface Column {
  readonly name: string;
  readonly node: SyntaxNode;
  readonly annotation: string | undefined;
  /** `mapped_column(...)` / `Column(...)` / `Field(...)` call, if any. */
  readonly call: SyntaxNode | undefined;
  /** A plain value on the right (`x: int | None = None`). */
  readonly value: SyntaxNode | undefined;
}

const SKIPPED_CALLS = /^(relationship|Relationship|column_property|synonym|association_proxy|hybrid_property|deferred|query_expression|composite|backref)$/;

/** Read the columns of a table class. `models` maps tables to classes (for references). */
export function readModelFields(
  model: TableClass,
  models: readonly ModelInfo[],
  enums: ReadonlyMap<string, readonly string[]>,
  aliases: ReadonlyMap<string, ColumnAlias> = new Map(),
  options: ReadOptions = {},
): ModelFields {
  const fields: FieldSpec[] = [];
  const notes: string[] = [];
  const columnTypes: Record<string, string> = {};
  const columns: Column[] = [];
  // Base classes first, then the table: a name declared again replaces the inherited column, as in Python.
  const bodies = [...(options.bases ?? []), model.cls].flatMap((c) => named(c.childForFieldName('body')));
  for (const s of bodies) {
    const assign = assignmentOf(s);
    if (!assign) continue;
    const left = assign.childForFieldName('left');
    if (left?.type !== 'identifier' || left.text.startsWith('__') || left.text === 'model_config') continue;
    const annotation = assign.childForFieldName('type')?.text;
    if (annotation && /^(typing\.)?ClassVar\b/.test(annotation)) continue;
    const right = assign.childForFieldName('right') ?? undefined;
    const name = calleeName(right ?? undefined);
    if (name && SKIPPED_CALLS.test(name)) continue;
    const isColumnCall = name === 'mapped_column' || name === 'Column' || (model.flavor === 'sqlmodel' && name === 'Field');
    if (!annotation && !isColumnCall) continue; // a plain class attribute
    if (annotation && !/Mapped\[/.test(annotation) && model.flavor === 'sqlalchemy' && !isColumnCall) continue;
    if (annotation && /^(?:\w+\.)*Mapped\[\s*(list|List|set|Set)\[\s*["']?[A-Z]/.test(annotation)) continue; // a collection relationship
    const again = columns.findIndex((c) => c.name === left.text);
    if (again >= 0) columns.splice(again, 1);
    columns.push({ name: left.text, node: s, annotation, call: isColumnCall ? right : undefined, value: isColumnCall ? undefined : right });
  }

  let idOk = false;
  let key: ModelFields['key'];
  for (const col of columns) {
    // `title: Mapped[str50]` with `str50 = Annotated[str, mapped_column(String(50))]`: the alias's type and column.
    const unwrapped = col.annotation ? unwrapAnnotation(col.annotation) : undefined;
    const alias = unwrapped ? aliases.get(unwrapped.inner) : undefined;
    const call = col.call ?? alias?.call;
    const kw = (key: string) => (call ? keywordArg(call, key) : undefined);
    const flag = (key: string) => kw(key)?.type === 'true';
    const positional = call ? positionalArgs(call) : [];
    // Legacy `Column("db_name", Type, ...)`: the first string is the column name.
    const args = positional.filter((a, i) => !(i === 0 && literalString(a) !== undefined));
    const fk = args.find((a) => calleeName(a) === 'ForeignKey');
    const fkTable = foreignTable(fk ? literalString(positionalArgs(fk)[0] ?? fk) : kw('foreign_key') ? literalString(kw('foreign_key')!) : undefined);
    const sqlType = args.find((a) => a !== fk && calleeName(a) !== 'Sequence' && calleeName(a) !== 'Identity' && calleeName(a) !== 'CheckConstraint') ?? kw('type_') ?? kw('sa_type');
    const ann = unwrapped && alias ? { inner: alias.inner, optional: unwrapped.optional } : unwrapped;
    const pk = flag('primary_key');
    if (pk || col.name === 'id') {
      const intKey = pk && col.name === 'id' && (!ann || /^int$/.test(ann.inner)) && (!sqlType || /Integer|INT/i.test(sqlType.text));
      const uuidKey = options.uuidKeys && pk && col.name === 'id' && (!ann || /^(uuid\.)?UUID$/.test(ann.inner)) && (!sqlType || /^(sa\.|sqlalchemy\.)?(Uuid|UUID)\b/.test(sqlType.text))
        && (ann !== undefined || sqlType !== undefined);
      if (uuidKey) {
        // The create route never sends an id: the model must make one.
        const made = kw('default_factory') ?? kw('default') ?? kw('insert_default');
        if (!made || !/^(uuid\.)?uuid4$/.test(made.text.replace(/\s+/g, ''))) {
          return { fields, notes, refusal: `${model.name}'s uuid primary key has no uuid4 default (\`default_factory=uuid.uuid4\` / \`default=uuid.uuid4\`); the generated create route cannot make its ids` };
        }
        key = { type: 'uuid', indexed: flag('index') };
        idOk = true;
        continue;
      }
      if (!intKey) {
        const kinds = options.uuidKeys ? 'an integer or uuid column' : 'an integer column';
        return { fields, notes, refusal: `${model.name}'s primary key must be ${kinds} named id (\`id: Mapped[int] = mapped_column(primary_key=True)\`); the generated routes address rows by /{id}` };
      }
      key = { type: 'int', indexed: flag('index') };
      idOk = true;
      continue;
    }
    if (kw('server_default') || kw('server_onupdate') || kw('sa_column')) {
      notes.push(`${model.name}.${col.name}: set by the database (server_default); left out of the request and response models`);
      continue;
    }
    let typed = sqlType ? fromSql(unparen(sqlType), enums) : undefined;
    const fromAnn = ann ? fromPython(ann.inner, enums) : undefined;
    // A Python str with an SQL length: str with that max; a Python type alone when no SQL type is written.
    if (!typed || (typed.type.kind === 'text' && fromAnn?.type.kind === 'enum')) typed = fromAnn ?? typed;
    if (typed && fromAnn?.type.kind === 'enum' && typed.type.kind === 'str') typed = { ...fromAnn };
    if (fkTable) {
      const target = models.find((m) => m.tableName === fkTable)?.className;
      if (target) typed = { type: { kind: 'ref', target } };
      else {
        notes.push(`${model.name}.${col.name}: no model for table ${fkTable} in app/models; taken as a plain integer, not checked before writes`);
        typed = { type: { kind: 'int' } };
      }
    }
    if (model.flavor === 'sqlmodel' && typed && (typed.type.kind === 'text' || typed.type.kind === 'str')) {
      const max = kw('max_length');
      if (max?.type === 'integer') typed = { type: { kind: 'str' }, max: Number(max.text) };
    }
    if (model.flavor === 'sqlmodel' && typed?.type.kind === 'decimal') {
      // SQLModel sizes the NUMERIC column from max_digits / decimal_places.
      const digits = kw('max_digits');
      const places = kw('decimal_places');
      if (digits?.type === 'integer') typed = { type: typed.type, digits: Number(digits.text), places: places?.type === 'integer' ? Number(places.text) : 0 };
    }
    if (!typed) {
      const what = sqlType?.text ?? ann?.inner ?? 'no type';
      return { fields, notes, refusal: `${model.name}.${col.name} has a column type the slice cannot map to a request field (${what}); use a standard type (String, Integer, Numeric, Boolean, Date, DateTime, Uuid, JSON, Enum)` };
    }
    if (typed.type.kind === 'datetime' && !/timezone\s*=\s*True|TIMESTAMP\(\s*timezone/.test(sqlType?.text ?? '')) {
      notes.push(`${model.name}.${col.name}: a DateTime column without timezone=True; PostgreSQL drivers reject datetimes with an offset for it, so declare DateTime(timezone=True) (the generated tests send UTC datetimes)`);
    }
    if (typed.type.kind === 'text') {
      const stored = storedAs(model.flavor, sqlType);
      if (stored) columnTypes[col.name] = stored;
    }
    const reserved = RESERVED_FIELD_NAMES.get(col.name);
    if (reserved) return { fields, notes, refusal: `${model.name}.${col.name} cannot be a request field: ${reserved}` };
    // Nullability: nullable= wins; then the annotation; legacy Column() is nullable unless told otherwise.
    const nullableArg = kw('nullable');
    let optional: boolean;
    if (nullableArg?.type === 'true' || nullableArg?.type === 'false') optional = nullableArg.type === 'true';
    else if (ann) optional = ann.optional;
    else optional = calleeName(call) === 'Column';
    const rawDefault = model.flavor === 'sqlmodel' ? (kw('default') ?? (call ? positionalArgs(call)[0] : col.value)) : kw('default') ?? kw('insert_default');
    const factory = model.flavor === 'sqlmodel' ? kw('default_factory') : undefined;
    let def: FieldDefault | undefined;
    if (rawDefault || factory) {
      const parsed = defaultOf(rawDefault ?? factory!, typed.type);
      if (parsed === 'other') {
        notes.push(`${model.name}.${col.name}: its default (${(rawDefault ?? factory)!.text}) is computed by the model; left out of the request and response models`);
        continue;
      }
      if (parsed.kind === 'literal' && parsed.value === null) {
        if (!optional) {
          notes.push(`${model.name}.${col.name}: default None on a NOT NULL column; taken as required`);
        }
      } else def = parsed;
    }
    const min = model.flavor === 'sqlmodel' ? kw('min_length') ?? kw('ge') : undefined;
    const typedMin = min?.type === 'integer' ? Number(min.text) : typed.min;
    const field: FieldSpec = {
      name: col.name,
      type: typed.type,
      optional,
      ...(def ? { default: def } : {}),
      unique: flag('unique'),
      index: flag('index'),
      ...(typed.max !== undefined ? { max: typed.max } : {}),
      ...(typedMin !== undefined ? { min: typedMin } : {}),
      ...(typed.digits !== undefined ? { digits: typed.digits, places: typed.places ?? 0 } : {}),
      start: col.node.startIndex,
      end: col.node.endIndex,
    };
    fields.push(field);
  }
  if (!idOk) {
    return { fields, notes, refusal: `${model.name} has no ${options.uuidKeys ? 'integer or uuid' : 'integer'} primary key named id (\`id: Mapped[int] = mapped_column(primary_key=True)\`); the generated routes address rows by /{id}` };
  }
  const stored = Object.keys(columnTypes).length > 0 ? { columnTypes } : {};
  if (fields.length === 0) return { fields, notes, refusal: `${model.name} has no columns besides id to take in a request body`, ...stored, ...(key ? { key } : {}) };
  return { fields, notes, refusal: undefined, ...stored, ...(key ? { key } : {}) };
}
