// Sample values per field type: the generated pytest modules and the runtime
// HTTP checks both build their request bodies from here, so they agree.
import { DEFAULT_STR_LENGTH, type FieldSpec, type FieldType } from '../request/fields';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How a response value is compared with what was sent (see conftest's assert_fields_equal). */
export type CompareKind = 'exact' | 'decimal' | 'float' | 'datetime' | 'uuid';

export function compareKind(type: FieldType): CompareKind {
  switch (type.kind) {
    case 'decimal': return 'decimal';
    case 'float': return 'float';
    case 'datetime': return 'datetime';
    case 'uuid': return 'uuid';
    default: return 'exact';
  }
}

function fitLength(text: string, field: FieldSpec): string {
  const max = field.max ?? (field.type.kind === 'str' ? DEFAULT_STR_LENGTH : undefined);
  const min = field.min ?? 0;
  let out = text;
  if (max !== undefined && [...out].length > max) out = [...out].slice(0, max).join('');
  while ([...out].length < min) out += 'x';
  return out;
}

function numberIn(field: FieldSpec, preferred: number, integer: boolean): number {
  let value = preferred;
  if (field.min !== undefined && value < field.min) value = integer ? Math.ceil(field.min) : field.min;
  if (field.max !== undefined && value > field.max) value = integer ? Math.floor(field.max) : field.max;
  return value;
}

/**
 * A valid value for a field. `variant` 0 and 1 give two different values;
 * `unique` makes text values distinct across calls in one test run.
 * Refs are not handled here (their value is an id created at test time).
 */
export interface UniqueSource {
  /** Short random text, different per call. */
  readonly suffix: string;
  /** A number that grows per call. */
  readonly seq: number;
  /** A fresh UUID. */
  readonly uuid: string;
}

export function sampleValue(field: FieldSpec, variant: 0 | 1, source: UniqueSource): JsonValue {
  const t = field.type;
  const v = variant;
  const unique = source.suffix;
  if (field.unique) {
    const n = 1000 + source.seq * 2 + v;
    switch (t.kind) {
      case 'int': return numberIn(field, n, true);
      case 'float': return numberIn(field, n + 0.25, false);
      case 'decimal': return numberIn(field, n + 0.25, false).toFixed(2);
      case 'date': return new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      case 'datetime': return new Date(Date.UTC(2000, 0, 1) + n * 60_000).toISOString().replace('.000Z', 'Z');
      case 'uuid': return source.uuid;
      default: break;
    }
  }
  switch (t.kind) {
    case 'str':
    case 'text':
      if (field.unique) return fitLength(`${unique}${v}-${field.name}`, field);
      if (t.kind === 'str') return fitLength(v === 0 ? `Sample ${field.name}` : `Changed ${field.name}`, field);
      return fitLength(v === 0 ? `Some longer text for ${field.name}.\nSecond line.` : `Rewritten ${field.name}`, field);
    case 'int':
      return numberIn(field, v === 0 ? 42 : 7, true);
    case 'float':
      return numberIn(field, v === 0 ? 3.25 : 1.5, false);
    case 'decimal':
      return String(numberIn(field, v === 0 ? 19.99 : 5.5, false).toFixed(2));
    case 'bool':
      return v === 0;
    case 'date':
      return v === 0 ? '2024-05-17' : '2025-01-02';
    case 'datetime':
      return v === 0 ? '2024-05-17T10:30:00Z' : '2025-01-02T08:00:00Z';
    case 'uuid':
      return v === 0 ? '8f14e45f-ceea-467f-a0e6-2f3b2c1d4e5a' : '1b4e28ba-2fa1-4d3b-883f-0016d3cca427';
    case 'email':
      return field.unique ? `${field.name.replace(/_/g, '-')}-${unique}${v}@example.com` : `${field.name.replace(/_/g, '-')}-${v}@example.com`;
    case 'url':
      return field.unique ? `https://example.com/${field.name}/${unique}${v}` : `https://example.com/${field.name}/${v}`;
    case 'json':
      return v === 0 ? { tags: ['a', 'b'], nested: { n: 1 } } : [1, 'two', null];
    case 'enum':
      return t.values[v === 0 ? 0 : Math.min(1, t.values.length - 1)]!;
    case 'list': {
      const items = v === 0 ? ['alpha', 'beta'] : ['gamma'];
      const min = field.min ?? 0;
      while (items.length < min) items.push(`item${items.length}`);
      return field.max !== undefined ? items.slice(0, field.max) : items;
    }
    case 'ref':
      throw new Error('ref fields take an id created at test time');
  }
}

/** A value of the wrong type for a field, for 422 checks (undefined when any JSON fits). */
export function invalidValue(field: FieldSpec): JsonValue | undefined {
  switch (field.type.kind) {
    case 'int': case 'float': case 'decimal': case 'ref': return 'not-a-number';
    case 'bool': return 'not-a-bool';
    case 'date': case 'datetime': return 'not-a-date';
    case 'uuid': return 'not-a-uuid';
    case 'email': return 'not-an-email';
    case 'url': return 'not a url';
    case 'enum': return 'not-one-of-the-values';
    case 'list': return 'not-a-list';
    case 'str': case 'text': return { not: 'a string' };
    case 'json': return undefined;
  }
}
