// Python source helpers shared by the FastAPI emitters.

/** A Python string literal (double-quoted, escaped). */
export function pyStr(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** A JSON value as a Python literal. */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyStr(k)}: ${pyLiteral(v)}`);
  return `{${entries.join(', ')}}`;
}

/** Collects `from X import a, b` lines and renders them sorted, stdlib first. */
export class Imports {
  private readonly modules = new Map<string, Set<string>>();

  add(module: string, ...names: string[]): this {
    const set = this.modules.get(module) ?? new Set<string>();
    for (const n of names) set.add(n);
    this.modules.set(module, set);
    return this;
  }

  /** module -> imported names, for planners that merge them into an existing module. */
  entries(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.modules;
  }

  /** Drop names from a module's import (and the module when nothing is left). */
  remove(module: string, ...names: string[]): this {
    const current = this.modules.get(module);
    for (const n of names) current?.delete(n);
    if (current?.size === 0) this.modules.delete(module);
    return this;
  }

  render(isLocal: (module: string) => boolean = (m) => m === 'app' || m.startsWith('app.') || m === 'tests' || m.startsWith('tests.')): string {
    const STDLIB = new Set(['collections.abc', 'datetime', 'decimal', 'typing', 'uuid', 'enum', 'contextlib', 'json', 'secrets']);
    const groups: string[][] = [[], [], []];
    for (const [module, names] of [...this.modules].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...names].sort(compareImportNames);
      const group = STDLIB.has(module) ? 0 : isLocal(module) ? 2 : 1;
      const line = `from ${module} import ${sorted.join(', ')}`;
      groups[group]!.push(line.length <= 100 ? line : `from ${module} import (\n${sorted.map((n) => `    ${n},`).join('\n')}\n)`);
    }
    return groups.filter((g) => g.length > 0).map((g) => g.join('\n')).join('\n\n');
  }
}

/** isort/ruff "order by type": CONSTANTS, then Classes, then functions and variables. */
export function compareImportNames(a: string, b: string): number {
  const rank = (n: string): number => (n.length > 1 && n === n.toUpperCase() ? 0 : /^[A-Z]/.test(n) ? 1 : 2);
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  // Within a type, case-insensitive first (BookPublic < BooksPublic < BookUpdate), as ruff's isort does.
  return rank(a) - rank(b) || cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b);
}
