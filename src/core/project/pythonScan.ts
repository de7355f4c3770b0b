// A lexical scan for SQLAlchemy model classes: top-level `class X(...)` whose
// body assigns `__tablename__ = "..."`. It skips strings (all quote forms,
// prefixes, triple quotes), comments and bracketed continuation lines, so text
// inside a docstring is never taken for code. Used instead of a full parse
// when reading a project, because a project can have hundreds of model
// modules and only these two facts are needed (see scripts/bench.mjs).

export interface ScannedModel {
  readonly className: string;
  readonly tableName: string;
}

interface Line {
  /** Text of the logical line with string contents blanked (quotes kept), comments removed. */
  readonly code: string;
  /** Indentation of the physical line the logical line starts on. */
  readonly indent: number;
  /** String literal values in the line, in order. */
  readonly strings: readonly string[];
}

/** Split source into logical lines (joining bracket and backslash continuations). */
function logicalLines(source: string): Line[] {
  const lines: Line[] = [];
  let code = '';
  let strings: string[] = [];
  let depth = 0;
  let indent = -1;
  let i = 0;
  const n = source.length;
  const flush = () => {
    if (code.trim() !== '') lines.push({ code, indent: Math.max(indent, 0), strings });
    code = '';
    strings = [];
    indent = -1;
  };
  while (i < n) {
    const ch = source[i]!;
    if (indent < 0) {
      // At the start of a logical line: measure indentation.
      let j = i;
      let width = 0;
      while (j < n && (source[j] === ' ' || source[j] === '\t')) {
        width += source[j] === '\t' ? 8 - (width % 8) : 1;
        j++;
      }
      indent = width;
      i = j;
      continue;
    }
    if (ch === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (ch === '\n') {
      i++;
      if (depth > 0) continue;
      flush();
      continue;
    }
    if (ch === '"' || ch === "'") {
      const triple = source.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      // Raw prefix: the identifier characters just before the quote.
      const prefix = /[rRbBuUfF]*$/.exec(code)?.[0] ?? '';
      const raw = /[rR]/.test(prefix);
      let j = i + quote.length;
      let value = '';
      let closed = false;
      while (j < n) {
        if (source.startsWith(quote, j)) {
          closed = true;
          break;
        }
        if (source[j] === '\\') {
          // Even in a raw string a backslash keeps the next quote from closing it.
          value += raw ? source.slice(j, j + 2) : (source[j + 1] ?? '');
          j += 2;
          continue;
        }
        if (!triple && source[j] === '\n') break; // unterminated: stop at the line end
        value += source[j];
        j++;
      }
      if (closed) {
        strings.push(value);
        code += '""';
        i = j + quote.length;
      } else {
        code += '"'; // not a literal: never matches an assignment of one
        i = j;
      }
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    code += ch;
    i++;
  }
  flush();
  return lines;
}

export function scanModelClasses(source: string): ScannedModel[] {
  const out: ScannedModel[] = [];
  let current: { name: string; bodyIndent: number | undefined; table: string | undefined } | undefined;
  const close = () => {
    if (current?.table !== undefined) out.push({ className: current.name, tableName: current.table });
    current = undefined;
  };
  for (const line of logicalLines(source)) {
    const code = line.code.trim();
    if (line.indent === 0) {
      if (code.startsWith('@')) continue; // a decorator belongs to the class that follows
      close();
      const m = /^class\s+([A-Za-z_]\w*)\s*[(:]/.exec(code);
      if (m) current = { name: m[1]!, bodyIndent: undefined, table: undefined };
      continue;
    }
    if (!current) continue;
    current.bodyIndent ??= line.indent;
    if (line.indent !== current.bodyIndent || current.table !== undefined) continue;
    if (/^__tablename__\s*(:\s*[\w\[\]., ]+)?=\s*""$/.test(code) && line.strings.length === 1) current.table = line.strings[0];
  }
  close();
  return out;
}

export interface ScannedClass {
  readonly className: string;
  /** The base-class list as written, e.g. `BookBase` or `BaseModel`. */
  readonly bases: string;
}

/** Top-level classes of a module (name and bases), skipping strings and comments. */
export function scanClasses(source: string): ScannedClass[] {
  const out: ScannedClass[] = [];
  for (const line of logicalLines(source)) {
    if (line.indent !== 0) continue;
    const m = /^class\s+([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*:/.exec(line.code.trim());
    if (m) out.push({ className: m[1]!, bases: (m[2] ?? '').trim() });
  }
  return out;
}
