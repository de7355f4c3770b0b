// Router prefixes written as expressions (`prefix=settings.API_V1_STR`,
// `prefix=API_PREFIX`, `f"{settings.api_prefix}/admin"`) resolved to the
// string the running app would use: module constants, class attributes with
// a default (a pydantic-settings field's default), instances made by calling
// the class or a function annotated to return it (`get_settings()`), followed
// across `from … import …` and `import …` lines. Lexical, one pass per file,
// so the route index keeps one `ModuleConstants` per file and resolves without
// parsing. Environment overrides of settings fields are not visible here: the
// default is what is reported.
import { importsOf, matchingParen } from '../analysis/project';

/** What one Python file binds at module level, as expression texts (evaluated on demand). */
export interface ModuleConstants {
  /** Names assigned exactly once at column 0 → the assigned expression. */
  readonly assigns: ReadonlyMap<string, string>;
  /** Classes → base expressions and class-level `attr = expr` / `attr: T = expr`. */
  readonly classes: ReadonlyMap<string, { readonly bases: readonly string[]; readonly attrs: ReadonlyMap<string, string> }>;
  /** Functions → what calling them returns (return annotation, else a lone `return Cls(...)`). */
  readonly functions: ReadonlyMap<string, string | undefined>;
  /** Local name → [module, name]; name undefined for `import a.b`. */
  readonly imports: ReadonlyMap<string, [string, string | undefined]>;
}

/** The rest of a logical line from `at`: brackets that open on it are followed to their close. */
function logicalRest(source: string, at: number): string {
  let end = source.indexOf('\n', at);
  if (end < 0) end = source.length;
  for (let i = at; i < end; i++) {
    const c = source[i];
    if (c === '"' || c === "'") {
      const close = source.indexOf(c, i + 1);
      if (close < 0 || close > end) break;
      i = close;
    } else if (c === '#') return source.slice(at, i).trim();
    else if (c === '(' || c === '[' || c === '{') {
      const close = c === '(' ? matchingParen(source, i) : -1;
      if (close > end) {
        end = source.indexOf('\n', close);
        if (end < 0) end = source.length;
      }
      if (close > 0) i = close;
    }
  }
  return source.slice(at, end).trim();
}

const ASSIGN = /^([A-Za-z_]\w*)[ \t]*(?::[ \t]*[^=\n]+?)?[ \t]*=(?!=)[ \t]*/gm;

/** The module-level bindings of one Python file (`module` its import path, for relative imports). */
export function moduleConstants(path: string, source: string, module: string): ModuleConstants {
  const assigns = new Map<string, string>();
  const seen = new Set<string>();
  for (const m of source.matchAll(ASSIGN)) {
    const name = m[1]!;
    // Bound twice at module level: which value wins depends on control flow, so neither is trusted.
    if (seen.has(name)) assigns.delete(name);
    else assigns.set(name, logicalRest(source, m.index! + m[0].length));
    seen.add(name);
  }
  const classes = new Map<string, { bases: string[]; attrs: Map<string, string> }>();
  for (const m of source.matchAll(/^class[ \t]+(\w+)[ \t]*(\(|:)/gm)) {
    let bodyAt = m.index! + m[0].length;
    let bases: string[] = [];
    if (m[2] === '(') {
      const close = matchingParen(source, bodyAt - 1);
      if (close < 0) continue;
      bases = source.slice(bodyAt, close).split(',').map((b) => b.trim()).filter((b) => /^[\w.]+$/.test(b));
      bodyAt = close + 1;
    }
    const nl = source.indexOf('\n', bodyAt);
    if (nl < 0) continue;
    const attrs = new Map<string, string>();
    const lines = source.slice(nl + 1).split('\n');
    let indent: string | undefined;
    let offset = nl + 1;
    for (const line of lines) {
      const here = offset;
      offset += line.length + 1;
      if (!line.trim() || /^[ \t]*#/.test(line)) continue;
      const lead = /^[ \t]*/.exec(line)![0];
      if (!lead) break;
      indent ??= lead;
      if (lead !== indent) continue;
      const a = /^[ \t]+([A-Za-z_]\w*)[ \t]*(?::[ \t]*[^=\n]+?)?[ \t]*=(?!=)[ \t]*/.exec(line);
      if (a) attrs.set(a[1]!, logicalRest(source, here + a[0].length));
    }
    classes.set(m[1]!, { bases, attrs });
  }
  const functions = new Map<string, string | undefined>();
  for (const m of source.matchAll(/^(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/gm)) {
    const close = matchingParen(source, m.index! + m[0].length - 1);
    if (close < 0) continue;
    const annotation = /^\s*->\s*([^:\n]+?)\s*:/.exec(source.slice(close + 1))?.[1]?.replace(/^["']|["']$/g, '');
    // Calling it yields an instance of the annotated class; without an annotation, of the one class it returns.
    let returns = annotation && /^[\w.]+$/.test(annotation) ? `${annotation}()` : undefined;
    if (!returns) {
      const body = source.slice(close + 1).split(/\n(?=\S)/)[0] ?? '';
      const lone = [...body.matchAll(/^[ \t]+return[ \t]+([\w.]+)\(/gm)];
      returns = lone.length === 1 ? `${lone[0]![1]}()` : undefined;
    }
    functions.set(m[1]!, returns);
  }
  return { assigns, classes, functions, imports: importsOf(source, module, /(^|\/)__init__\.py$/.test(path)) };
}

type Value =
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'module'; readonly name: string }
  | { readonly k: 'class' | 'instance'; readonly module: string; readonly name: string }
  | { readonly k: 'fn'; readonly module: string; readonly name: string };

const MAX_DEPTH = 12;

/** Evaluates constant string expressions across modules; `find` maps an import path to that module's constants. */
export class ConstantResolver {
  constructor(private readonly find: (module: string) => { readonly module: string; readonly constants?: ModuleConstants | undefined } | undefined) {}

  /** The string `expression`, written in `module`, evaluates to; undefined when it is not a constant we can follow. */
  string(module: string, expression: string): string | undefined {
    const value = this.expr(module, expression.trim(), 0);
    return value?.k === 'str' ? value.v : undefined;
  }

  private constantsOf(module: string): { module: string; constants: ModuleConstants } | undefined {
    const found = this.find(module);
    return found?.constants ? { module: found.module, constants: found.constants } : undefined;
  }

  /** `a + b`, implicit string concatenation, or one primary. */
  private expr(module: string, text: string, depth: number): Value | undefined {
    if (depth > MAX_DEPTH || !text) return undefined;
    const parts = splitTop(text, '+');
    if (parts.length > 1) {
      let out = '';
      for (const part of parts) {
        const v = this.expr(module, part, depth + 1);
        if (v?.k !== 'str') return undefined;
        out += v.v;
      }
      return { k: 'str', v: out };
    }
    return this.primary(module, text, depth);
  }

  private primary(module: string, text: string, depth: number): Value | undefined {
    const strings = stringLiterals(text);
    if (strings) {
      let out = '';
      for (const s of strings) {
        if (!s.f) {
          out += s.body;
          continue;
        }
        // f-string: `{expr}` placeholders (no conversions or format specs), `{{`/`}}` escapes.
        const piece = s.body.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (all, inner: string | undefined) => {
          if (inner === undefined) return all[0]!;
          if (/[!:]/.test(inner)) return '\u0000';
          const v = this.expr(module, inner, depth + 1);
          return v?.k === 'str' ? v.v : '\u0000';
        });
        if (piece.includes('\u0000')) return undefined;
        out += piece;
      }
      return { k: 'str', v: out };
    }
    if (text.startsWith('(') && matchingParen(text, 0) === text.length - 1) return this.expr(module, text.slice(1, -1).trim(), depth + 1);
    // A chain: name(.attr | (args))*
    const head = /^[A-Za-z_]\w*/.exec(text);
    if (!head) return undefined;
    let value = this.name(module, head[0], depth + 1);
    let i = head[0].length;
    while (value && i < text.length) {
      const rest = text.slice(i);
      const attr = /^\s*\.\s*([A-Za-z_]\w*)/.exec(rest);
      if (attr) {
        value = this.attribute(value, attr[1]!, depth + 1);
        i += attr[0].length;
        continue;
      }
      const call = /^\s*\(/.exec(rest);
      if (!call) return undefined;
      const open = i + call[0].length - 1;
      const close = matchingParen(text, open);
      if (close < 0) return undefined;
      value = this.call(value, text.slice(open + 1, close), module, depth + 1);
      i = close + 1;
    }
    return value;
  }

  /** A name as `module` binds it: its own assignment, class or function, else what it imports. */
  private name(module: string, name: string, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const own = this.constantsOf(module);
    if (own) {
      const c = own.constants;
      const assigned = c.assigns.get(name);
      if (assigned !== undefined) return this.expr(own.module, assigned, depth + 1);
      if (c.classes.has(name)) return { k: 'class', module: own.module, name };
      if (c.functions.has(name)) return { k: 'fn', module: own.module, name };
      const imported = c.imports.get(name);
      if (imported) {
        const [from, what] = imported;
        return what === undefined ? { k: 'module', name: from } : this.member(from, what, depth + 1);
      }
    }
    return undefined;
  }

  /** `module.name`: a binding of the module, else its submodule (`from app.core import config`). */
  private member(module: string, name: string, depth: number): Value | undefined {
    return this.name(module, name, depth) ?? (this.find(`${module}.${name}`) ? { k: 'module', name: `${module}.${name}` } : undefined);
  }

  private attribute(value: Value, attr: string, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (value.k === 'module') return this.member(value.name, attr, depth + 1);
    if (value.k !== 'class' && value.k !== 'instance') return undefined;
    const own = this.constantsOf(value.module);
    const cls = own?.constants.classes.get(value.name);
    if (!own || !cls) return undefined;
    const expr = cls.attrs.get(attr);
    if (expr !== undefined) return this.fieldDefault(own.module, expr, depth + 1);
    // Inherited: the first base (in MRO order, simplified to declaration order) that has it.
    for (const base of cls.bases) {
      const b = this.expr(own.module, base, depth + 1);
      const found = b?.k === 'class' ? this.attribute(b, attr, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** A class attribute's value: the expression, or the default of `Field(default, ...)` / `Field(default=...)`. */
  private fieldDefault(module: string, expr: string, depth: number): Value | undefined {
    const field = /^(?:[\w.]*\.)?Field\s*\(/.exec(expr);
    if (field) {
      const close = matchingParen(expr, field[0].length - 1);
      if (close < 0) return undefined;
      const args = splitTop(expr.slice(field[0].length, close), ',');
      const keyword = args.map((a) => /^default\s*=(?!=)\s*([\s\S]*)$/.exec(a)?.[1]).find((a) => a !== undefined);
      const positional = args[0] !== undefined && !/^\w+\s*=(?!=)/.test(args[0]) ? args[0] : undefined;
      const chosen = keyword ?? positional;
      return chosen === undefined ? undefined : this.expr(module, chosen, depth + 1);
    }
    return this.expr(module, expr, depth);
  }

  private call(value: Value, _args: string, _module: string, depth: number): Value | undefined {
    // Calling a class makes an instance, whose attributes read as the class defaults.
    if (value.k === 'class') return { k: 'instance', module: value.module, name: value.name };
    if (value.k !== 'fn') return undefined;
    const returns = this.constantsOf(value.module)?.constants.functions.get(value.name);
    return returns ? this.expr(value.module, returns, depth + 1) : undefined;
  }
}

/** `text` split at top-level occurrences of `sep` (outside brackets and strings); [text] when none. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return [text];
      i = close;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((p, i) => p !== '' || i < out.length - 1);
}

/** `"a" 'b' f"c"` as literal pieces, or undefined when `text` is not only string literals. */
function stringLiterals(text: string): { f: boolean; body: string }[] | undefined {
  const out: { f: boolean; body: string }[] = [];
  const re = /\s*([rRuUfF]{0,2})("|')((?:\\.|(?!\2)[^\\\n])*)\2\s*/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    const flags = m[1]!.toLowerCase();
    if (/[^rfu]/.test(flags)) return undefined;
    const raw = flags.includes('r');
    const body = raw ? m[3]! : m[3]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    out.push({ f: flags.includes('f'), body });
    i = re.lastIndex;
  }
  return out.length ? out : undefined;
}
