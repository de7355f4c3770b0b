// The field spec language: `name:type[?][=default][:modifier...]`, fields
// separated by spaces or commas. Parsing keeps every token's offset so that an
// error can name the token and its column, in the CLI and in an input box.
import { PYTHON_KEYWORDS, TYPESCRIPT_RESERVED_WORDS, type Target } from './names';

export type ScalarKind =
  | 'str' | 'text' | 'int' | 'float' | 'decimal' | 'bool' | 'date' | 'datetime' | 'uuid' | 'email' | 'url' | 'json';

export type FieldType =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'list'; readonly item: 'str' }
  | { readonly kind: 'ref'; readonly target: string };

/** A default value: a literal (already checked against the type) or a factory. */
export type FieldDefault =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null | readonly unknown[] | Record<string, unknown> }
  | { readonly kind: 'factory'; readonly factory: 'now' | 'today' | 'uuid4' };

export interface FieldSpec {
  /** The attribute/column name (`author_id` for `author:ref(Author)`). */
  readonly name: string;
  readonly type: FieldType;
  readonly optional: boolean;
  readonly default?: FieldDefault;
  readonly unique: boolean;
  readonly index: boolean;
  readonly max?: number;
  readonly min?: number;
  /** Precision and scale of a decimal read from an existing `Numeric(p, s)` column (the spec language never sets them). */
  readonly digits?: number;
  readonly places?: number;
  /** Offsets of the whole token in the spec string. */
  readonly start: number;
  readonly end: number;
}

export class SpecError extends Error {
  constructor(
    message: string,
    /** The offending token as written. */
    readonly token: string,
    /** 0-based offset of the token in the spec string. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'SpecError';
  }
  /** One line: what, where, how to fix. */
  describe(): string {
    return `${clipEcho(this.message)} (token "${clipEcho(this.token)}" at column ${this.offset + 1})`;
  }
}

/** Echoed input cut to a readable length: any run of 60+ non-space characters keeps its first 40 and an ellipsis. */
const clipEcho = (text: string): string => text.replace(/[^\s]{60,}/g, (run) => `${run.slice(0, 40)}…`);

/** The column length of a `str` field without max= (VARCHAR(255)), shared by the emitters. */
export const DEFAULT_STR_LENGTH = 255;

export const SCALAR_KINDS: readonly ScalarKind[] = [
  'str', 'text', 'int', 'float', 'decimal', 'bool', 'date', 'datetime', 'uuid', 'email', 'url', 'json',
];
const TYPE_HELP = `${SCALAR_KINDS.join(', ')}, enum(a|b|c), list[str], ref(Resource)`;
const MODIFIERS = ['unique', 'index', 'max', 'min'] as const;

/**
 * Names that would collide with generated code: the primary key, pydantic
 * and SQLAlchemy attributes, and the parameters of generated handlers.
 */
export const RESERVED_FIELD_NAMES: ReadonlyMap<string, string> = new Map([
  ['id', 'every resource already has an integer primary key `id`'],
  ['metadata', 'SQLAlchemy reserves `metadata` on declarative models'],
  ['registry', 'SQLAlchemy reserves `registry` on declarative models'],
  ['self', '`self` is the method receiver'],
  ['cls', '`cls` is the class receiver'],
  ...['copy', 'dict', 'json', 'schema', 'schema_json', 'construct', 'validate', 'fields', 'parse_obj', 'parse_raw', 'parse_file', 'from_orm', 'update_forward_refs'].map(
    (n): [string, string] => [n, `\`${n}\` would shadow a pydantic BaseModel method`],
  ),
]);

/** Split a spec into tokens at top-level spaces/commas (not inside (), [], quotes). */
function tokenize(spec: string): { text: string; start: number }[] {
  const tokens: { text: string; start: number }[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = -1;
  for (let i = 0; i <= spec.length; i++) {
    const ch = spec[i];
    const atEnd = ch === undefined;
    if (!atEnd && quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    const separator = atEnd || (depth === 0 && (ch === ',' || /\s/.test(ch)));
    if (separator) {
      if (start >= 0) tokens.push({ text: spec.slice(start, i), start });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
  }
  if (quote) {
    const last = tokens[tokens.length - 1];
    throw new SpecError(`unterminated ${quote} quote; close the quoted default`, last?.text ?? spec, last?.start ?? 0);
  }
  return tokens;
}

function parseType(text: string, token: string, offset: number): FieldType {
  const enumMatch = /^enum\((.*)\)$/.exec(text);
  if (enumMatch) {
    const values = (enumMatch[1] ?? '').split('|').map((v) => v.trim());
    if (values.length === 0 || values.some((v) => v === '')) {
      throw new SpecError('enum needs one or more values separated by |, e.g. enum(draft|published)', token, offset);
    }
    const bad = values.find((v) => !/^[A-Za-z0-9_.-]+$/.test(v));
    if (bad !== undefined) throw new SpecError(`enum value "${bad}" may use only letters, digits, _ . and -`, token, offset);
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) throw new SpecError(`enum value "${dup}" is listed twice`, token, offset);
    return { kind: 'enum', values };
  }
  if (text === 'list[str]') return { kind: 'list', item: 'str' };
  if (text.startsWith('list[')) throw new SpecError(`unsupported list type "${text}"; use list[str]`, token, offset);
  const refMatch = /^ref\((.*)\)$/.exec(text);
  if (refMatch) {
    const target = (refMatch[1] ?? '').trim();
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(target)) {
      throw new SpecError(`ref needs a resource class name, e.g. ref(Author); got "${target}"`, token, offset);
    }
    return { kind: 'ref', target };
  }
  if ((SCALAR_KINDS as readonly string[]).includes(text)) return { kind: text as ScalarKind };
  throw new SpecError(`unknown type "${text}"; use one of ${TYPE_HELP}`, token, offset);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function validTime(text: string): boolean {
  const m = /[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  return !m || (Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3] ?? 0) <= 59);
}

function validDate(text: string): boolean {
  const d = new Date(text.slice(0, 10) + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text.slice(0, 10);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

/** Check a default against the type; return its typed value. */
function parseDefault(raw: string, type: FieldType, optional: boolean, token: string, offset: number): FieldDefault {
  const fail = (why: string): never => {
    throw new SpecError(`default "${raw}" does not fit type ${typeLabel(type)}: ${why}`, token, offset);
  };
  if (raw === 'null' || raw === 'None') {
    if (!optional) fail('only an optional field (`?`) can default to null');
    return { kind: 'literal', value: null };
  }
  // Inside quotes, \n \t \r are the control characters (as in Python and JS); any other \c is c itself.
  const unquoted = /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c) : undefined;
  const text = unquoted ?? raw;
  switch (type.kind) {
    case 'str':
    case 'text':
      return { kind: 'literal', value: text };
    case 'email':
      if (!EMAIL.test(text)) fail('expected an email address like a@example.com');
      return { kind: 'literal', value: text };
    case 'url':
      if (!URL_RE.test(text)) fail('expected an http(s) URL');
      return { kind: 'literal', value: text };
    case 'int':
      if (!/^-?\d+$/.test(text)) fail('expected a whole number');
      if (!Number.isSafeInteger(Number(text))) fail('out of range (at most 2^53 - 1 in magnitude)');
      return { kind: 'literal', value: Number(text) };
    case 'float':
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail('expected a number');
      if (!Number.isFinite(Number(text))) fail('out of range for a 64-bit float');
      return { kind: 'literal', value: Number(text) };
    case 'decimal':
      if (!/^-?\d{1,10}(\.\d{1,2})?$/.test(text)) fail('expected a decimal with at most 10 integer digits and 2 decimal places');
      return { kind: 'literal', value: text };
    case 'bool': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') fail('expected true or false');
      return { kind: 'literal', value: lower === 'true' };
    }
    case 'date':
      if (text === 'today') return { kind: 'factory', factory: 'today' };
      if (!ISO_DATE.test(text) || !validDate(text)) fail('expected an ISO date like 2024-01-31, or today');
      return { kind: 'literal', value: text };
    case 'datetime':
      if (text === 'now') return { kind: 'factory', factory: 'now' };
      if (!ISO_DATETIME.test(text) || !validDate(text) || !validTime(text)) fail('expected an ISO datetime like 2024-01-31T12:00:00Z, or now');
      return { kind: 'literal', value: text };
    case 'uuid':
      if (text === 'uuid4' || text === 'new') return { kind: 'factory', factory: 'uuid4' };
      if (!UUID.test(text)) fail('expected a UUID literal, or uuid4 for a fresh one');
      return { kind: 'literal', value: text.toLowerCase() };
    case 'enum':
      if (!type.values.includes(text)) fail(`expected one of ${type.values.join(', ')}`);
      return { kind: 'literal', value: text };
    case 'json':
    case 'list': {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        fail('expected JSON, e.g. [] or {}');
      }
      if (type.kind === 'list' && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
        fail('expected a JSON array of strings, e.g. [] or ["a","b"]');
      }
      return { kind: 'literal', value: value as FieldDefault extends { value: infer V } ? V : never };
    }
    case 'ref':
      return fail('a reference cannot have a default');
  }
}

export function typeLabel(type: FieldType): string {
  switch (type.kind) {
    case 'enum':
      return `enum(${type.values.join('|')})`;
    case 'list':
      return 'list[str]';
    case 'ref':
      return `ref(${type.target})`;
    default:
      return type.kind;
  }
}

/** Which modifiers make sense for a type (max/min mean length, value, or item count). */
/**
 * The largest min/max a type's column holds: integers are BIGINT but bounds
 * travel as JS numbers, so exact integers stop at 2^53 - 1; decimals are the
 * emitters' Numeric(12, 2); text lengths stop at PostgreSQL's VARCHAR limit.
 */
function boundLimit(type: FieldType): { value: number; what: string } {
  switch (type.kind) {
    case 'int': return { value: Number.MAX_SAFE_INTEGER, what: 'an int column' };
    case 'decimal': return { value: 9_999_999_999.99, what: 'a decimal column (12 digits, 2 after the point)' };
    case 'float': return { value: Number.MAX_VALUE, what: 'a float column' };
    case 'list': return { value: 1_000_000, what: 'a list field' };
    default: return { value: 10_485_760, what: `a ${typeLabel(type)} column` };
  }
}

function boundsMeaning(type: FieldType): 'length' | 'value' | 'items' | undefined {
  switch (type.kind) {
    case 'str': case 'text': case 'email': case 'url':
      return 'length';
    case 'int': case 'float': case 'decimal':
      return 'value';
    case 'list':
      return 'items';
    default:
      return undefined;
  }
}

/** Split `type?=default:mod:mod` after the name, honouring quoted defaults and colons inside defaults. */
function splitRest(rest: string): { typeText: string; defaultText?: string; modifiers: { text: string; at: number }[] } {
  const modStart = (s: string, i: number): boolean => s[i] === ':' && /^(unique|index|max=|min=)/.test(s.slice(i + 1));
  let i = 0;
  let depth = 0;
  while (i < rest.length) {
    const ch = rest[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && (ch === '=' || ch === ':')) break;
    i++;
  }
  const typeText = rest.slice(0, i);
  let defaultText: string | undefined;
  if (rest[i] === '=') {
    let j = i + 1;
    const q = rest[j];
    if (q === '"' || q === "'") {
      j++;
      while (j < rest.length && rest[j] !== q) j += rest[j] === '\\' ? 2 : 1;
      j++;
    } else {
      // Unquoted (JSON for json/list): a ":modifier" inside a JSON string or brackets is data.
      let depth = 0;
      let inString = false;
      for (; j < rest.length; j++) {
        const c = rest[j];
        if (inString) {
          if (c === '\\') j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '[' || c === '{') depth++;
        else if (c === ']' || c === '}') depth--;
        else if (depth <= 0 && modStart(rest, j)) break;
      }
    }
    defaultText = rest.slice(i + 1, j);
    i = j;
  }
  const modifiers: { text: string; at: number }[] = [];
  if (i < rest.length) {
    // rest[i] is ':' here (or junk after a quoted default, reported as a modifier)
    let at = rest[i] === ':' ? i + 1 : i;
    for (const part of rest.slice(at).split(':')) {
      modifiers.push({ text: part, at });
      at += part.length + 1;
    }
  }
  return defaultText === undefined ? { typeText, modifiers } : { typeText, defaultText, modifiers };
}

function parseField(tokenText: string, offset: number, target: Target): FieldSpec {
  const colon = tokenText.indexOf(':');
  if (colon < 0) {
    throw new SpecError(`missing type; write name:type, e.g. ${tokenText}:str`, tokenText, offset);
  }
  const rawName = tokenText.slice(0, colon);
  checkFieldName(rawName, tokenText, offset, target);
  const { typeText, defaultText, modifiers } = splitRest(tokenText.slice(colon + 1));
  const optional = typeText.endsWith('?');
  const type = parseType(optional ? typeText.slice(0, -1) : typeText, tokenText, offset);
  const name = type.kind === 'ref' && !rawName.endsWith('_id') ? `${rawName}_id` : rawName;

  let unique = false;
  let index = false;
  let max: number | undefined;
  let min: number | undefined;
  const given = new Set<string>();
  for (const mod of modifiers) {
    const m = /^(\w+)(?:=(.*))?$/.exec(mod.text);
    const key = m?.[1] ?? mod.text;
    if (!m || !(MODIFIERS as readonly string[]).includes(key)) {
      throw new SpecError(`unknown modifier "${mod.text}"; use unique, index, max=N or min=N`, tokenText, offset);
    }
    // `max=5:max=6` would silently keep one of them: say which is meant.
    if (given.has(key)) throw new SpecError(`modifier ${key} is given twice; keep one`, tokenText, offset);
    given.add(key);
    if (key === 'unique' || key === 'index') {
      if (m[2] !== undefined) throw new SpecError(`modifier ${key} takes no value`, tokenText, offset);
      if (key === 'unique') unique = true;
      else index = true;
      continue;
    }
    const meaning = boundsMeaning(type);
    if (!meaning) throw new SpecError(`${key}= does not apply to type ${typeLabel(type)}`, tokenText, offset);
    const value = m[2] ?? '';
    const numeric = meaning === 'value' ? /^-?\d+(\.\d+)?$/ : /^\d+$/;
    if (!numeric.test(value)) {
      throw new SpecError(`${key}= needs ${meaning === 'value' ? 'a number' : 'a non-negative whole number'}, got "${value}"`, tokenText, offset);
    }
    const bound = Number(value);
    const limit = boundLimit(type);
    if (!Number.isFinite(bound) || Math.abs(bound) > limit.value) {
      throw new SpecError(`${key}=${value.length > 24 ? `${value.slice(0, 24)}…` : value} is beyond what ${limit.what} holds (at most ${limit.value})`, tokenText, offset);
    }
    if (key === 'max') max = bound;
    else min = bound;
  }
  if (max !== undefined && min !== undefined && min > max) {
    throw new SpecError(`min=${min} is greater than max=${max}`, tokenText, offset);
  }
  if (boundsMeaning(type) === 'length' && max === 0) throw new SpecError('max=0 would allow only empty text', tokenText, offset);
  if (unique && (type.kind === 'bool' || type.kind === 'enum')) {
    throw new SpecError(`unique on ${typeLabel(type)} would allow only one row per value; drop unique or use another type`, tokenText, offset);
  }
  if (unique && (type.kind === 'json' || type.kind === 'list')) {
    throw new SpecError(`unique does not apply to type ${typeLabel(type)}`, tokenText, offset);
  }

  let dflt: FieldDefault | undefined;
  if (defaultText !== undefined) {
    if (defaultText === '') throw new SpecError('empty default after "="; quote an empty string as ""', tokenText, offset);
    dflt = parseDefault(defaultText, type, optional, tokenText, offset);
    checkDefaultBounds(dflt, type, min, max, tokenText, offset);
    if (unique && dflt.kind === 'literal' && dflt.value !== null) {
      throw new SpecError('a unique field cannot have a constant default (the second row would conflict)', tokenText, offset);
    }
  }
  const field = { name, type, optional, unique, index, start: offset, end: offset + tokenText.length };
  return {
    ...field,
    ...(dflt ? { default: dflt } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(min !== undefined ? { min } : {}),
  };
}

function checkDefaultBounds(d: FieldDefault, type: FieldType, min: number | undefined, max: number | undefined, token: string, offset: number): void {
  if (d.kind !== 'literal' || d.value === null) return;
  const meaning = boundsMeaning(type);
  const measure =
    meaning === 'length' && typeof d.value === 'string' ? [...d.value].length
    : meaning === 'value' ? Number(d.value)
    : meaning === 'items' && Array.isArray(d.value) ? d.value.length
    : undefined;
  if (measure === undefined) return;
  // A str without max= is still a VARCHAR(255) column: a longer default would fail on insert.
  if (max === undefined && type.kind === 'str' && measure > DEFAULT_STR_LENGTH) {
    throw new SpecError(`default is ${measure} characters, longer than a str column holds without max= (${DEFAULT_STR_LENGTH}); shorten it, add :max=N, or use text`, token, offset);
  }
  if ((max !== undefined && measure > max) || (min !== undefined && measure < min)) {
    throw new SpecError(`default ${JSON.stringify(d.value)} is outside min/max`, token, offset);
  }
}

function checkFieldName(name: string, token: string, offset: number, target: Target): void {
  if (name === '') throw new SpecError('missing field name before ":"', token, offset);
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new SpecError(`invalid field name "${name}"; use lower snake_case starting with a letter, e.g. published_at`, token, offset);
  }
  if (name.length > 60) throw new SpecError(`field name "${name}" is longer than 60 characters`, token, offset);
  if (PYTHON_KEYWORDS.has(name)) throw new SpecError(`"${name}" is a Python keyword; pick another name, e.g. ${name}_value`, token, offset);
  if (target === 'express' && TYPESCRIPT_RESERVED_WORDS.has(name)) {
    throw new SpecError(`"${name}" is a TypeScript reserved word; pick another name, e.g. ${name}_value`, token, offset);
  }
  if (name.startsWith('model_')) {
    throw new SpecError(`"${name}" starts with model_, which pydantic reserves; rename it`, token, offset);
  }
  const reserved = RESERVED_FIELD_NAMES.get(name);
  if (reserved) throw new SpecError(`field name "${name}" clashes with generated code: ${reserved}`, token, offset);
}

/**
 * Parse a whole field spec. Throws SpecError naming the offending token and
 * its offset. `knownResources` are class names a `ref(...)` may point to;
 * `self`, the resource being created, is left out of the list a failed ref prints.
 */
export function parseFieldSpec(spec: string, knownResources?: ReadonlySet<string>, target: Target = 'fastapi', self?: string): FieldSpec[] {
  const tokens = tokenize(spec);
  if (tokens.length === 0) throw new SpecError('no fields given; e.g. "title:str:max=200 price:decimal"', spec, 0);
  const fields: FieldSpec[] = [];
  const seen = new Map<string, string>();
  for (const [i, token] of tokens.entries()) {
    const previous = tokens[i - 1]?.text;
    if (!token.text.includes(':') && previous !== undefined && /^[^:]*:[^=]*=[^"']/.test(previous)) {
      // `color:str=dark blue`: the shell kept the spaces, the spec splits on them.
      const [fieldName] = previous.split(':');
      throw new SpecError(`"${token.text}" looks like the rest of ${fieldName}'s default; quote a default with spaces, e.g. ${previous.slice(0, previous.indexOf('=') + 1)}"${previous.slice(previous.indexOf('=') + 1)} ${token.text}"`, token.text, token.start);
    }
    const field = parseField(token.text, token.start, target);
    const earlier = seen.get(field.name);
    if (earlier !== undefined) {
      throw new SpecError(`duplicate field "${field.name}" (already defined by "${earlier}")`, token.text, token.start);
    }
    if (field.type.kind === 'ref' && knownResources && !knownResources.has(field.type.target)) {
      // The resource being created may reference itself, but it is not yet "in this project".
      const known = [...knownResources].filter((r) => r !== self).sort().join(', ') || 'none yet';
      throw new SpecError(`ref(${field.type.target}): no resource ${field.type.target} in this project (known: ${known}); create it first`, token.text, token.start);
    }
    seen.set(field.name, token.text);
    fields.push(field);
  }
  return fields;
}
