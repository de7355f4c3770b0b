// A JSON sample (pasted, selected or on the clipboard) -> a field spec in the
// same language the user would type, so the result goes through exactly the
// same validation. Strings are recognised as datetime, date, uuid, email or
// URL; nested objects and mixed lists become `json` (a dict / JsonValue);
// lists of strings `list[str]`; null or a key missing from some items of an
// array sample makes the field optional.
import { InputError } from './resource';
import { PYTHON_KEYWORDS, toSnake } from './names';
import { RESERVED_FIELD_NAMES } from './fields';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

type Kind = 'str' | 'text' | 'int' | 'float' | 'bool' | 'date' | 'datetime' | 'uuid' | 'email' | 'url' | 'json' | 'list[str]' | 'null';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') {
    if (ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')))) return 'datetime';
    if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return 'date';
    if (UUID.test(value)) return 'uuid';
    if (EMAIL.test(value)) return 'email';
    if (URL_RE.test(value)) return 'url';
    return [...value].length > 255 ? 'text' : 'str';
  }
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'list[str]' : 'json';
  return 'json';
}

/** The type that fits two observed kinds (int and float -> float; anything else mixed -> str or json). */
function unify(a: Kind, b: Kind): Kind {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  const pair = new Set([a, b]);
  if (pair.has('int') && pair.has('float')) return 'float';
  if (pair.has('str') && pair.has('text')) return 'text';
  const textual: Kind[] = ['str', 'text', 'date', 'datetime', 'uuid', 'email', 'url'];
  if (textual.includes(a) && textual.includes(b)) return pair.has('text') ? 'text' : 'str';
  return 'json';
}

/** A usable field name for a JSON key, and why it differs (when it does). */
function fieldName(key: string): { name: string; why?: string } | undefined {
  let name = toSnake(key).replace(/[^a-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return undefined;
  if (/^\d/.test(name)) name = `field_${name}`;
  if (PYTHON_KEYWORDS.has(name) || name.startsWith('model_') || (RESERVED_FIELD_NAMES.has(name) && name !== 'id')) name = `${name}_value`;
  return name === key ? { name } : { name, why: `"${key}" became ${name}` };
}

/** Line and column (1-based) of an offset. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Where JSON.parse gave up: V8 names a position in some messages only, so find it with a small scanner. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?)/.exec(text.slice(i));
    if (!literal) fail();
    i += literal![0].length;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

export interface InferredSpec {
  /** A field spec, e.g. `title:str price:float tags:list[str] due_on:date?`. */
  readonly spec: string;
  /** What the inference decided that the user may want to know. */
  readonly notes: readonly string[];
  /** The sample's own key of each field (`published_on` -> `publishedOn`), for targets that keep JSON keys as written. */
  readonly keys: ReadonlyMap<string, string>;
}

/** Infer a field spec from a JSON object (or an array of objects). Throws InputError('json'). */
export function inferFieldSpec(sample: string): InferredSpec {
  const text = sample.trim();
  if (text === '') throw new InputError('json', 'the JSON sample is empty; select or copy an object like {"title": "Dune", "pages": 412}');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorOffset(text);
    const token = text.slice(at, at + 12).split('\n')[0] || 'end of input';
    throw new InputError('json', `the sample is not valid JSON at ${position(text, at)} (near "${token}"): ${(error as Error).message}`, token, at);
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0 || !items.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    throw new InputError('json', 'the sample must be a JSON object (or an array of objects), e.g. {"title": "Dune", "pages": 412}');
  }
  const fields = new Map<string, { kind: Kind; seen: number; key: string }>();
  const notes: string[] = [];
  for (const item of items as Record<string, unknown>[]) {
    for (const [key, v] of Object.entries(item)) {
      const named = fieldName(key);
      if (!named) {
        notes.push(`key "${key}" left out: no usable field name`);
        continue;
      }
      if (named.name === 'id') {
        if (!notes.includes('"id" left out: the database assigns it')) notes.push('"id" left out: the database assigns it');
        continue;
      }
      const known = fields.get(named.name);
      if (known && known.key !== key) throw new InputError('json', `keys "${known.key}" and "${key}" both become the field ${named.name}; rename one`, key);
      if (!known && named.why) notes.push(named.why);
      fields.set(named.name, { kind: known ? unify(known.kind, kindOf(v)) : kindOf(v), seen: (known?.seen ?? 0) + (v === null ? 0 : 1), key });
    }
  }
  if (fields.size === 0) throw new InputError('json', 'the sample has no usable fields; e.g. {"title": "Dune", "pages": 412}');
  const tokens = [...fields].map(([name, f]) => {
    // Never seen with a value: text is the safest guess, optional.
    const kind = f.kind === 'null' ? 'str' : f.kind;
    const optional = f.seen < items.length;
    return `${name}:${kind}${optional ? '?' : ''}`;
  });
  return { spec: tokens.join(' '), notes, keys: new Map([...fields].map(([name, f]) => [name, f.key])) };
}
