// Pydantic models and type aliases → JSON Schema, read from syntax trees.
// One pass over every Python file collects classes (with their bases, fields
// and `extra="forbid"`), `Enum` classes and module-level type aliases; types
// are then turned into schemas the way pydantic words them (`X | None` →
// anyOf with null, `Literal[...]` → enum, `Annotated[T, Field(...)]` → T
// plus constraints), so the static document can be compared with FastAPI's.
import type { SyntaxNode } from '../parse/python';
import { keywordArg, literalString, named, positionalArgs } from '../analysis/python/pyfile';

export type JsonSchema = { [key: string]: unknown };

export interface PyField {
  readonly name: string;
  readonly annotation: SyntaxNode;
  readonly value: SyntaxNode | undefined;
  readonly line: number;
}

export interface PyClass {
  readonly name: string;
  readonly bases: readonly string[];
  readonly fields: readonly PyField[];
  readonly forbidExtra: boolean;
  /** `class Color(str, Enum)`: the member values. */
  readonly enumValues: readonly (string | number)[] | undefined;
  readonly file: string;
  readonly line: number;
}

/** Everything the schema reader knows about a project's Python types. */
export class PythonTypes {
  readonly classes = new Map<string, PyClass>();
  readonly aliases = new Map<string, SyntaxNode>();
  /** Classes whose schemas were asked for: they become components. */
  readonly used = new Set<string>();
  /** Pydantic words some types differently for what it validates and what it serializes (Decimal). */
  mode: 'input' | 'output' = 'input';
  private readonly dependent = new Map<string, boolean>();

  /** Read one parsed file's classes and aliases (module level). */
  addFile(path: string, root: SyntaxNode): void {
    for (const stmt of named(root)) {
      const node = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (node?.type === 'class_definition') this.addClass(path, node);
      if (stmt.type === 'expression_statement') {
        const assign = stmt.namedChild(0);
        if (assign?.type !== 'assignment') continue;
        const left = assign.childForFieldName('left');
        const right = assign.childForFieldName('right');
        if (left?.type === 'identifier' && right && /^(Annotated|Optional|Literal|list|List|Union)\b/.test(right.text)) this.aliases.set(left.text, right);
      }
      if (stmt.type === 'type_alias_statement') {
        const left = stmt.namedChild(0);
        const right = stmt.namedChild(1);
        if (left && right) this.aliases.set(left.text.split('[')[0]!, right);
      }
    }
  }

  private addClass(path: string, node: SyntaxNode): void {
    const name = node.childForFieldName('name')?.text;
    if (!name) return;
    const bases = named(node.childForFieldName('superclasses')).filter((b) => b.type !== 'keyword_argument').map((b) => b.text.split('.').pop()!.split('[')[0]!);
    const body = node.childForFieldName('body');
    const fields: PyField[] = [];
    let forbidExtra = /extra\s*=\s*["']forbid["']/.test(node.childForFieldName('superclasses')?.text ?? '');
    const enumValues: (string | number)[] = [];
    for (const stmt of named(body)) {
      if (stmt.type !== 'expression_statement') continue;
      const assign = stmt.namedChild(0);
      if (assign?.type !== 'assignment') continue;
      const left = assign.childForFieldName('left');
      const type = assign.childForFieldName('type');
      const right = assign.childForFieldName('right') ?? undefined;
      if (left?.type !== 'identifier') continue;
      if (left.text === 'model_config') {
        if (right && /extra\s*=\s*["']forbid["']/.test(right.text)) forbidExtra = true;
        continue;
      }
      if (type && !type.text.startsWith('ClassVar')) fields.push({ name: left.text, annotation: type, value: right, line: stmt.startPosition.row });
      else if (!type && right) {
        const literal = literalString(right);
        if (literal !== undefined) enumValues.push(literal);
        else if (right.type === 'integer') enumValues.push(Number(right.text));
      }
    }
    const isEnum = bases.some((b) => /Enum$/.test(b));
    this.classes.set(name, { name, bases, fields, forbidExtra, enumValues: isEnum ? enumValues : undefined, file: path, line: node.startPosition.row });
  }

  /** A class that is (transitively) a pydantic model. */
  isModel(name: string, seen = new Set<string>()): boolean {
    if (name === 'BaseModel' || name === 'SQLModel') return true;
    const cls = this.classes.get(name);
    if (!cls || seen.has(name) || cls.enumValues) return false;
    seen.add(name);
    return cls.bases.some((b) => this.isModel(b, seen));
  }

  /** Fields of a model, inherited ones first (a subclass's redefinition wins in place). */
  fieldsOf(name: string, seen = new Set<string>()): PyField[] {
    const cls = this.classes.get(name);
    if (!cls || seen.has(name)) return [];
    seen.add(name);
    const out = new Map<string, PyField>();
    for (const base of [...cls.bases].reverse()) for (const f of this.fieldsOf(base, seen)) out.set(f.name, f);
    for (const f of cls.fields) out.set(f.name, f);
    return [...out.values()];
  }

  forbids(name: string, seen = new Set<string>()): boolean {
    const cls = this.classes.get(name);
    if (!cls || seen.has(name)) return false;
    seen.add(name);
    return cls.forbidExtra || cls.bases.some((b) => this.forbids(b, seen));
  }

  /** Whether a model's schema differs between input and output (it reaches a Decimal). */
  modeDependent(name: string): boolean {
    const known = this.dependent.get(name);
    if (known !== undefined) return known;
    this.dependent.set(name, false);
    const reaches = (text: string, depth: number): boolean => (text.match(/[A-Za-z_]\w*/g) ?? []).some((id) => id === 'Decimal' || (depth < 10 && this.aliases.has(id) && reaches(this.aliases.get(id)!.text, depth + 1)) || (id !== name && this.isModel(id) && this.modeDependent(id)));
    const result = this.fieldsOf(name).some((f) => reaches(f.annotation.text, 0));
    this.dependent.set(name, result);
    return result;
  }

  /** The component key a `$ref` to `name` uses in the current mode (`Book-Output` when the modes differ). */
  componentKey(name: string): string {
    return this.classes.get(name)?.enumValues || !this.modeDependent(name) ? name : `${name}-${this.mode === 'input' ? 'Input' : 'Output'}`;
  }

  /** The component schema behind a key from `componentKey` (the mode is read from the key). */
  componentSchema(key: string): JsonSchema {
    const name = key.replace(/-(Input|Output)$/, '');
    const saved = this.mode;
    if (key !== name) this.mode = key.endsWith('-Output') ? 'output' : 'input';
    try {
      return this.componentSchemaOf(name);
    } finally {
      this.mode = saved;
    }
  }

  private componentSchemaOf(name: string): JsonSchema {
    const cls = this.classes.get(name)!;
    if (cls.enumValues) {
      const values = cls.enumValues;
      return { title: name, type: values.every((v) => typeof v === 'string') ? 'string' : 'integer', enum: [...values], 'x-source': `${cls.file}:${cls.line + 1}` };
    }
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const field of this.fieldsOf(name)) {
      if (field.name.startsWith('_')) continue;
      const { schema, required: isRequired } = this.fieldSchema(field);
      const owner = this.ownerOf(name, field.name);
      properties[field.name] = { ...schema, 'x-source': `${owner.file}:${field.line + 1}` };
      if (isRequired) required.push(field.name);
    }
    const out: JsonSchema = { title: name, type: 'object', properties };
    if (required.length) out.required = required;
    if (this.forbids(name)) out.additionalProperties = false;
    out['x-source'] = `${cls.file}:${cls.line + 1}`;
    return out;
  }

  private ownerOf(name: string, field: string, seen = new Set<string>()): PyClass {
    const cls = this.classes.get(name)!;
    if (cls.fields.some((f) => f.name === field) || seen.has(name)) return cls;
    seen.add(name);
    for (const base of cls.bases) if (this.classes.has(base) && this.fieldsOf(base).some((f) => f.name === field)) return this.ownerOf(base, field, seen);
    return cls;
  }

  /** One model field: its schema (constraints and default folded in) and whether it is required. */
  fieldSchema(field: { annotation: SyntaxNode; value: SyntaxNode | undefined }): { schema: JsonSchema; required: boolean } {
    const schema = this.typeSchema(field.annotation);
    let required = field.value === undefined;
    const value = field.value;
    if (value?.type === 'call' && /^(Field|Query|Path|Header|Cookie|Body)$/.test(value.childForFieldName('function')?.text.split('.').pop() ?? '')) {
      Object.assign(schema, constraintsOf(value));
      const first = positionalArgs(value)[0];
      const defaultNode = keywordArg(value, 'default') ?? first;
      const factory = keywordArg(value, 'default_factory');
      required = !factory && (defaultNode === undefined || defaultNode.text === '...');
      if (!required && defaultNode && defaultNode.text !== '...') setDefault(schema, defaultNode);
    } else if (value) setDefault(schema, value);
    return { schema, required };
  }

  /** A type annotation as a schema (`$ref` for models and enums). */
  typeSchema(node: SyntaxNode, depth = 0): JsonSchema {
    if (depth > 20) return {};
    if (node.type === 'type') return this.typeSchema(node.namedChild(0) ?? node, depth + 1);
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
      return unionOf([node.childForFieldName('left')!, node.childForFieldName('right')!].map((n) => this.typeSchema(n, depth + 1)));
    }
    if (node.type === 'union_type') return unionOf(named(node).map((n) => this.typeSchema(n, depth + 1)));
    if (node.type === 'none') return { type: 'null' };
    const text = node.text;
    if (node.type === 'string') return { const: literalString(node) };
    if (node.type === 'subscript' || node.type === 'generic_type') {
      const head = (node.type === 'subscript' ? node.childForFieldName('value') : node.namedChild(0))?.text.split('.').pop() ?? '';
      const args = node.type === 'subscript' ? node.childrenForFieldName('subscript').filter((n): n is SyntaxNode => n !== null) : named(node.namedChild(1)).flatMap((n) => (n.type === 'type' ? [n] : []));
      return this.genericSchema(head, args.map((t) => (t.type === 'type' ? (t.namedChild(0) ?? t) : t)), depth);
    }
    const name = text.split('.').pop()!;
    const alias = this.aliases.get(name);
    if (alias) return this.typeSchema(alias, depth + 1);
    if (this.classes.has(name) && (this.isModel(name) || this.classes.get(name)!.enumValues)) {
      const key = this.componentKey(name);
      this.used.add(key);
      return { $ref: `#/components/schemas/${key}` };
    }
    if (name === 'Decimal' && this.mode === 'output') return { type: 'string' };
    return scalarSchema(name);
  }

  private genericSchema(head: string, args: SyntaxNode[], depth: number): JsonSchema {
    const inner = (i: number): JsonSchema => (args[i] ? this.typeSchema(args[i]!, depth + 1) : {});
    switch (head) {
      case 'Optional':
        return unionOf([inner(0), { type: 'null' }]);
      case 'Union':
        return unionOf(args.map((_, i) => inner(i)));
      case 'list': case 'List': case 'Sequence': case 'set': case 'Set': case 'frozenset': case 'tuple': case 'Tuple':
        return { type: 'array', items: inner(0), ...(/set/i.test(head) ? { uniqueItems: true } : {}) };
      case 'dict': case 'Dict': case 'Mapping':
        return { type: 'object', additionalProperties: inner(1) };
      case 'Literal': {
        const values = args.map((t) => (t.type === 'type' ? (t.namedChild(0) ?? t) : t)).map((a) => (a.type === 'string' ? literalString(a) : a.type === 'integer' ? Number(a.text) : a.text === 'True' ? true : a.text === 'False' ? false : a.text));
        return { type: values.every((v) => typeof v === 'string') ? 'string' : values.every((v) => typeof v === 'number') ? 'integer' : undefined, enum: values };
      }
      case 'Annotated': {
        const schema = inner(0);
        for (const extra of args.slice(1)) {
          if (extra.type === 'call' && /^(Field|Query|Path|Header|Cookie|Body)$/.test(extra.childForFieldName('function')?.text.split('.').pop() ?? '')) Object.assign(schema, constraintsOf(extra));
        }
        return schema;
      }
      default:
        return {};
    }
  }
}

/** The pydantic spelling of a union: one `anyOf`, flattened. */
function unionOf(parts: JsonSchema[]): JsonSchema {
  const flat = parts.flatMap((p) => (Array.isArray(p.anyOf) && Object.keys(p).length === 1 ? (p.anyOf as JsonSchema[]) : [p]));
  return flat.length === 1 ? flat[0]! : { anyOf: flat };
}

const SCALARS: Record<string, JsonSchema> = {
  str: { type: 'string' }, int: { type: 'integer' }, float: { type: 'number' }, bool: { type: 'boolean' }, bytes: { type: 'string', format: 'binary' },
  Decimal: { anyOf: [{ type: 'number' }, { type: 'string' }] },
  datetime: { type: 'string', format: 'date-time' }, date: { type: 'string', format: 'date' }, time: { type: 'string', format: 'time' },
  timedelta: { type: 'string', format: 'duration' },
  UUID: { type: 'string', format: 'uuid' }, EmailStr: { type: 'string', format: 'email' },
  AnyUrl: { type: 'string', format: 'uri' }, HttpUrl: { type: 'string', format: 'uri' }, AnyHttpUrl: { type: 'string', format: 'uri' },
  SecretStr: { type: 'string', format: 'password' }, Json: {}, Any: {}, object: {}, dict: { type: 'object' }, list: { type: 'array', items: {} },
  // Pydantic's constrained and strict aliases: their schema is the base scalar plus the bound they carry.
  FiniteFloat: { type: 'number' }, StrictStr: { type: 'string' }, StrictInt: { type: 'integer' }, StrictFloat: { type: 'number' },
  StrictBool: { type: 'boolean' }, StrictBytes: { type: 'string', format: 'binary' },
  PositiveInt: { type: 'integer', exclusiveMinimum: 0 }, NegativeInt: { type: 'integer', exclusiveMaximum: 0 },
  NonNegativeInt: { type: 'integer', minimum: 0 }, NonPositiveInt: { type: 'integer', maximum: 0 },
  PositiveFloat: { type: 'number', exclusiveMinimum: 0 }, NegativeFloat: { type: 'number', exclusiveMaximum: 0 },
  NonNegativeFloat: { type: 'number', minimum: 0 }, NonPositiveFloat: { type: 'number', maximum: 0 },
  AwareDatetime: { type: 'string', format: 'date-time' }, NaiveDatetime: { type: 'string', format: 'date-time' },
  PastDatetime: { type: 'string', format: 'date-time' }, FutureDatetime: { type: 'string', format: 'date-time' },
  PastDate: { type: 'string', format: 'date' }, FutureDate: { type: 'string', format: 'date' },
  UUID1: { type: 'string', format: 'uuid1' }, UUID3: { type: 'string', format: 'uuid3' }, UUID4: { type: 'string', format: 'uuid4' }, UUID5: { type: 'string', format: 'uuid5' },
  NameEmail: { type: 'string', format: 'name-email' }, IPvAnyAddress: { type: 'string', format: 'ipvanyaddress' }, Base64Str: { type: 'string', format: 'base64' },
};

function scalarSchema(name: string): JsonSchema {
  const known = SCALARS[name];
  return known ? structuredClone(known) : {};
}

const CONSTRAINTS: Record<string, string> = {
  max_length: 'maxLength', min_length: 'minLength', ge: 'minimum', le: 'maximum', gt: 'exclusiveMinimum', lt: 'exclusiveMaximum',
  pattern: 'pattern', regex: 'pattern', multiple_of: 'multipleOf', title: 'title', description: 'description', deprecated: 'deprecated', alias: 'x-alias',
};

/** Keyword constraints of `Field(...)`/`Query(...)` that have a constant value. */
export function constraintsOf(call: SyntaxNode): JsonSchema {
  const out: JsonSchema = {};
  for (const arg of named(call.childForFieldName('arguments'))) {
    if (arg.type !== 'keyword_argument') continue;
    const key = CONSTRAINTS[arg.childForFieldName('name')?.text ?? ''];
    const value = arg.childForFieldName('value');
    if (!key || !value) continue;
    const constant = constantOf(value);
    if (constant !== undefined) out[key] = constant;
  }
  return out;
}

/** A literal's JSON value (numbers, strings, booleans, `Decimal("0")`, `-1`), or undefined. */
export function constantOf(node: SyntaxNode): unknown {
  if (node.type === 'integer' || node.type === 'float') return Number(node.text.replace(/_/g, ''));
  if (node.type === 'unary_operator' && node.text.startsWith('-')) {
    const inner = constantOf(node.namedChild(0)!);
    return typeof inner === 'number' ? -inner : undefined;
  }
  if (node.type === 'true') return true;
  if (node.type === 'false') return false;
  if (node.type === 'none') return null;
  if (node.type === 'string') return literalString(node);
  if (node.type === 'call' && node.childForFieldName('function')?.text === 'Decimal') {
    const arg = positionalArgs(node)[0];
    const value = arg ? constantOf(arg) : undefined;
    return typeof value === 'string' || typeof value === 'number' ? Number(value) : undefined;
  }
  if (node.type === 'list' && node.namedChildCount === 0) return [];
  if (node.type === 'dictionary' && node.namedChildCount === 0) return {};
  return undefined;
}

function setDefault(schema: JsonSchema, node: SyntaxNode): void {
  const value = constantOf(node);
  if (value !== undefined) schema.default = value;
}
