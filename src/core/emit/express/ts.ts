// Small helpers for emitting TypeScript source: string literals in the
// generated project's style (single quotes), and the names a resource's
// files and identifiers use on the Express target.
import { resourceNames, type ResourceNames } from '../../request/names';

/** A single-quoted TypeScript string literal. */
export function tsStr(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** A TypeScript expression for a JSON-like value (single-quoted strings, `{ a: 1 }` objects). */
export function tsLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsStr(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : tsStr(k));
  return `{ ${entries.map(([k, v]) => `${key(k)}: ${tsLiteral(v)}`).join(', ')} }`;
}

/** A double-quoted SQL identifier (every generated identifier is quoted: `order` or `user` are fine as names). */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal (for CHECK constraints on enum values, which the spec limits to [A-Za-z0-9_.-]). */
export function sqlStr(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export interface ExpressNames extends ResourceNames {
  /** kebab-case singular, schema and repository module: `order-line`. */
  readonly kebab: string;
  /** camelCase plural, router factory stem and repository variable: `orderLines`. */
  readonly camelPlural: string;
  /** The router factory: `orderLinesRouter`. */
  readonly routerName: string;
}

export function expressNames(name: string | ResourceNames): ExpressNames {
  const n = typeof name === 'string' ? resourceNames(name) : name;
  const camelPlural = n.classPlural.charAt(0).toLowerCase() + n.classPlural.slice(1);
  return { ...n, kebab: n.snake.replace(/_/g, '-'), camelPlural, routerName: `${camelPlural}Router` };
}

/** Paths of a resource's files in an Express project (also used to detect a resource that already exists). */
export function expressResourcePaths(name: string | ResourceNames) {
  const n = expressNames(name);
  return {
    schemas: `src/schemas/${n.kebab}.ts`,
    repository: `src/repositories/${n.kebab}.ts`,
    router: `src/routes/${n.kebabPlural}.ts`,
  };
}
