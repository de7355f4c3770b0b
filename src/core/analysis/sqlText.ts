// What SQL text says about itself, shared by the Python and TypeScript
// sql-injection rules: whether a string looks like a statement, and whether an
// interpolated value sits where a bound parameter could take its place (a
// value, not a table name, keyword or list).
import type { TemplatePart } from './shellWords';

/** Statements in upper case (`SELECT ...`): any text that starts like one. */
export const SQL_START_UPPER = /^[\s(]*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|TRUNCATE|REPLACE|MERGE|UPSERT|GRANT|REVOKE|PRAGMA|EXPLAIN|CALL|EXEC|SET|SHOW|DESCRIBE|VACUUM|ANALYZE|COPY|LOCK|COMMENT\s+ON|REFRESH|ATTACH|REINDEX)\s/;
/** Statements in any case, only with their telling second word (`select ... from`), so prose is not SQL. */
export const SQL_START_ANY = /^[\s(]*(select\s[\s\S]*\bfrom\s|select\s+[\w.]+\s*\(|insert\s+(or\s+\w+\s+)?into\s|update\s+\S+\s+set\s|delete\s+from\s|with\s+(recursive\s+)?\w+\s+as\s*\(|(create|drop|alter)\s+(or\s+replace\s+)?(temp(orary)?\s+|unique\s+)?(table|index|view|schema|database|sequence|function|trigger|type|extension|materialized\s+view)\s|truncate\s|pragma\s|vacuum\b|explain\s)/i;

export interface ValuePosition {
  /** Text inside the SQL quotes around the value (`%` of `'%{q}%'`), when quoted. */
  readonly quoted?: { before: string; after: string };
}

/** The constant text with each dynamic value as a NUL. */
export function skeletonOf(parts: readonly TemplatePart[]): string {
  return parts.map((p) => (p.kind === 'const' ? p.text : '\0')).join('');
}

/** Does the SQL before a value put it where a value goes (after `=`, `LIKE`, `LIMIT`, inside `VALUES (...)`)? */
export function valueBefore(before: string): boolean {
  const b = before.replace(/\s+$/, '');
  if (/(=|<>|<|>)$/.test(b)) return true;
  if (/\b(I?LIKE|LIMIT|OFFSET|BETWEEN|BETWEEN\s+\S+\s+AND)$/i.test(b)) return true;
  if (/[(,]$/.test(b) && /\bVALUES\s*\((?:[^()]|\([^()]*\))*$/i.test(b)) return true;
  return false;
}

/**
 * Is the value at `index` bindable? Inside a SQL string literal it is when
 * the literal holds only this value and constant text (and `quoted` allows
 * it); `cast` accepts a PostgreSQL `::type` right after it.
 */
export function valuePosition(parts: readonly TemplatePart[], index: number, options: { quoted?: boolean; cast?: boolean } = {}): ValuePosition | undefined {
  const before = skeletonOf(parts.slice(0, index));
  const after = skeletonOf(parts.slice(index + 1));
  const quotes = (before.match(/'/g) ?? []).length;
  if (quotes % 2 === 1) {
    const open = before.lastIndexOf("'");
    const close = after.indexOf("'");
    if (close < 0) return undefined;
    const inner = { before: before.slice(open + 1), after: after.slice(0, close) };
    if (inner.before.includes('\0') || inner.after.includes('\0') || options.quoted === false) return undefined;
    if (!valueBefore(before.slice(0, open))) return undefined;
    return { quoted: inner };
  }
  if (!valueBefore(before)) return undefined;
  if (!/^($|[\s),;])/.test(after) && !(options.cast && /^::\w+/.test(after))) return undefined;
  return {};
}
