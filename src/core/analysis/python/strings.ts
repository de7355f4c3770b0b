// How a string expression was built, for the injection rules: an f-string,
// `%` or `.format()` formatting, `+` concatenation, `sep.join(...)`, through
// local variables assigned (and `+=`-extended) earlier in the same function.
// The result is a template: constant text and the expressions interpolated
// into it, each marked safe when it provably cannot carry attacker text (a
// constant, a number, a value picked from an allow-list, a `Literal`/enum
// parameter, a `shlex.quote()`d value). Results are cached per file.
import type { SyntaxNode } from '../../parse/python';
import { enclosingFunction, keywordArg, literalString, named, positionalArgs, unparen, type PyFile } from './pyfile';

export interface ConstPart {
  readonly kind: 'const';
  /** The text as the program sees it (format escapes `{{`, `%%` decoded; backslash escapes left as written). */
  readonly text: string;
  /** The string node this text was written in, when it came straight from a literal. */
  readonly literal?: SyntaxNode;
}

export interface DynPart {
  readonly kind: 'dyn';
  /** The interpolated expression. */
  readonly node: SyntaxNode;
  /** `r`/`s`/`a` of `{x!r}` or `%r`; undefined for plain. */
  readonly conversion?: string;
  /** Format spec (`:>10` → `>10`, `%5d` → `5d`), when not trivial. */
  readonly spec?: string;
  /** True when the value cannot carry attacker-controlled text. */
  readonly safe: boolean;
  /** Why it is safe, when it is (`shlex.quote`, `constant`, …). */
  readonly why?: string;
}

export type Part = ConstPart | DynPart;

export interface Template {
  readonly parts: readonly Part[];
  /** Expression nodes whose text makes up the template (the argument, or the assignments it came from), in order. */
  readonly segments: readonly SyntaxNode[];
  /** True when the value was assembled from exactly these segments, in one straight line (no branches, loops, other variables). */
  readonly linear: boolean;
}

const MAX_DEPTH = 8;

/** Quote of a string node: its prefix letters and delimiter (`rf`, `"""`). */
export function stringDelimiter(node: SyntaxNode): { prefix: string; quote: string } | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.child(0);
  if (!start || start.type !== 'string_start') return undefined;
  const m = /^([a-zA-Z]*)("""|'''|"|')$/.exec(start.text);
  return m ? { prefix: m[1]!.toLowerCase(), quote: m[2]! } : undefined;
}

/** Constant and interpolated pieces of one string literal (f-string or not). */
function literalParts(node: SyntaxNode, py: PyFile, depth: number): Part[] | undefined {
  const delim = stringDelimiter(node);
  if (!delim || delim.prefix.includes('b')) return undefined;
  const isF = delim.prefix.includes('f');
  const parts: Part[] = [];
  for (const child of named(node)) {
    if (child.type === 'string_content' || child.type === 'escape_sequence') {
      const text = isF ? child.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : child.text;
      parts.push({ kind: 'const', text, literal: node });
    } else if (child.type === 'interpolation') {
      const expr = child.childForFieldName('expression');
      if (!expr) return undefined;
      const conv = child.childForFieldName('type_conversion')?.text.slice(1);
      const specNode = child.childForFieldName('format_specifier');
      const spec = specNode ? specNode.text.replace(/^:/, '') : undefined;
      const hasEq = child.children.some((c) => c?.type === '=');
      if (hasEq) parts.push({ kind: 'const', text: `${expr.text}=` });
      parts.push(dyn(expr, py, depth, conv, spec || undefined));
    }
  }
  return parts;
}

/** A dynamic part; its safety is worked out only when a rule asks (most templates never reach a sink). */
function dyn(node: SyntaxNode, py: PyFile, depth: number, conversion?: string, spec?: string): DynPart {
  // `{n:d}`, `{price:.2f}`, `%d`: formatting a string this way raises, so only a number gets through.
  let why: string | undefined | null = spec && /[bcdeEfFgGnoxX%]$/.test(spec) ? 'number' : null;
  const reason = (): string | undefined => (why === null ? (why = safeWhy(node, py, depth + 1)) : why);
  return {
    kind: 'dyn',
    node,
    conversion,
    spec,
    get safe() {
      return reason() !== undefined;
    },
    get why() {
      return reason();
    },
  };
}

/** `%` directives of a format string: `%s`, `%(name)s`, `%5.2f`, `%%`. */
const PERCENT = /%(?:\(([^)]*)\))?([#0\- +]*\d*(?:\.\d+)?)([diouxXeEfFgGcrsa%])/g;

function percentParts(fmt: Part[], right: SyntaxNode, py: PyFile, depth: number): Part[] | undefined {
  const r = unparen(right);
  const values = r.type === 'tuple' ? named(r) : undefined;
  const dict = r.type === 'dictionary' ? named(r) : undefined;
  let index = 0;
  const out: Part[] = [];
  for (const part of fmt) {
    if (part.kind === 'dyn') {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const m of part.text.matchAll(PERCENT)) {
      const at = m.index ?? 0;
      if (at > last) out.push({ kind: 'const', text: part.text.slice(last, at), literal: part.literal });
      last = at + m[0].length;
      if (m[3] === '%') {
        out.push({ kind: 'const', text: '%', literal: part.literal });
        continue;
      }
      let value: SyntaxNode | undefined;
      if (m[1] !== undefined) {
        const pair = dict?.find((p) => p.type === 'pair' && literalString(p.childForFieldName('key') ?? p) === m[1]);
        value = pair?.childForFieldName('value') ?? undefined;
        if (!value) value = r; // a mapping we cannot see into
      } else if (values) value = values[index++];
      else value = index++ === 0 ? r : undefined;
      if (!value) return undefined;
      const conv = m[3] === 'r' ? 'r' : undefined;
      const spec = m[2] || (m[3] !== 's' && m[3] !== 'r' ? m[3] : undefined) ? `${m[2]}${m[3]}` : undefined;
      out.push(dyn(value, py, depth, conv, spec));
    }
    if (last < part.text.length) out.push({ kind: 'const', text: part.text.slice(last), literal: part.literal });
  }
  return out;
}

const FORMAT_FIELD = /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g;

function formatParts(fmt: Part[], call: SyntaxNode, py: PyFile, depth: number): Part[] | undefined {
  const positional = positionalArgs(call);
  let auto = 0;
  const out: Part[] = [];
  for (const part of fmt) {
    if (part.kind === 'dyn') {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const m of part.text.matchAll(FORMAT_FIELD)) {
      const at = m.index ?? 0;
      if (at > last) out.push({ kind: 'const', text: part.text.slice(last, at), literal: part.literal });
      last = at + m[0].length;
      if (m[0] === '{{' || m[0] === '}}') {
        out.push({ kind: 'const', text: m[0][0]!, literal: part.literal });
        continue;
      }
      const field = m[1] ?? '';
      const head = field.split(/[.[]/)[0]!;
      let value: SyntaxNode | undefined;
      if (head === '') value = positional[auto++];
      else if (/^\d+$/.test(head)) value = positional[Number(head)];
      else value = keywordArg(call, head);
      if (!value) {
        // `**kwargs` or `*args`: a value we cannot see.
        const splat = named(call.childForFieldName('arguments')).find((a) => a.type === 'dictionary_splat' || a.type === 'list_splat');
        if (!splat) return undefined;
        value = splat;
      }
      if (field !== head) out.push({ kind: 'dyn', node: value, safe: false, why: undefined });
      else out.push(dyn(value, py, depth, m[2], m[3] || undefined));
    }
    if (last < part.text.length) out.push({ kind: 'const', text: part.text.slice(last), literal: part.literal });
  }
  return out;
}

/** The string receiver of `sep.join(...)`, `.format(...)`: a literal or a constant name. */
function receiverParts(call: SyntaxNode, py: PyFile, depth: number): Part[] | undefined {
  const fn = call.childForFieldName('function');
  const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (!obj) return undefined;
  const t = partsOf(obj, py, depth + 1);
  return t && t.isString ? t.parts : undefined;
}

interface Built {
  parts: Part[];
  /** The expression is certainly a string (a literal or an operation on one). */
  isString: boolean;
  linear: boolean;
  segments: SyntaxNode[];
}

function opaque(node: SyntaxNode, py: PyFile, depth: number): Built {
  return { parts: [dyn(unparen(node), py, depth)], isString: false, linear: true, segments: [] };
}

/** Template of any expression; a value we cannot see into is one dynamic part. */
function partsOf(node: SyntaxNode, py: PyFile, depth: number): Built | undefined {
  const n = unparen(node);
  if (depth > MAX_DEPTH) return { parts: [dyn(n, py, MAX_DEPTH)], isString: false, linear: false, segments: [] };
  if (n.type === 'string') {
    const parts = literalParts(n, py, depth);
    return parts ? { parts, isString: true, linear: true, segments: [n] } : undefined;
  }
  if (n.type === 'concatenated_string') {
    const parts: Part[] = [];
    for (const s of named(n)) {
      if (s.type !== 'string') continue;
      const p = literalParts(s, py, depth);
      if (!p) return undefined;
      parts.push(...p);
    }
    return { parts, isString: true, linear: true, segments: [n] };
  }
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return undefined;
    if (op === '+') {
      const a = partsOf(left, py, depth + 1) ?? opaque(left, py, depth);
      const b = partsOf(right, py, depth + 1) ?? opaque(right, py, depth);
      if (!a.isString && !b.isString) return undefined;
      return { parts: [...a.parts, ...b.parts], isString: true, linear: a.linear && b.linear, segments: [n] };
    }
    if (op === '%') {
      const a = partsOf(left, py, depth + 1);
      if (!a || !a.isString) return undefined;
      const parts = percentParts(a.parts, right, py, depth);
      return parts ? { parts, isString: true, linear: a.linear, segments: [n] } : undefined;
    }
    return undefined;
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method === 'format') {
      const recv = receiverParts(n, py, depth);
      const parts = recv && formatParts(recv, n, py, depth);
      return parts ? { parts, isString: true, linear: true, segments: [n] } : undefined;
    }
    if (method === 'join') {
      const recv = receiverParts(n, py, depth);
      if (!recv) return undefined;
      const arg = positionalArgs(n)[0] ?? named(n.childForFieldName('arguments'))[0];
      if (!arg) return undefined;
      const a = unparen(arg);
      if (a.type === 'list' || a.type === 'tuple') {
        const parts: Part[] = [];
        named(a).forEach((item, i) => {
          if (i > 0) parts.push(...recv);
          const t = partsOf(item, py, depth + 1);
          parts.push(...(t ? t.parts : [dyn(item, py, depth)]));
        });
        return { parts, isString: true, linear: true, segments: [n] };
      }
      // A list built in this function (`parts = ["SELECT ..."]`, then `parts.append(...)`): its items, in order of writing.
      if (a.type === 'identifier') {
        const { values, param } = reachingBindings(a, py);
        const init = values.length === 1 && !param ? unparen(values[0]!) : undefined;
        if (init && init.type === 'list') {
          const items = [...named(init), ...appendedValues(a, py)];
          const parts: Part[] = [];
          items.forEach((item, i) => {
            if (i > 0) parts.push(...recv);
            const t = partsOf(item, py, depth + 1);
            parts.push(...(t ? t.parts : [dyn(item, py, depth)]));
          });
          return { parts, isString: true, linear: false, segments: [n] };
        }
      }
      // An iterable we see only as a whole: safe when every element it can yield is.
      return { parts: [...recv, dyn(arg, py, depth)], isString: true, linear: false, segments: [n] };
    }
    if (py.callee(n) === 'str') {
      const inner = positionalArgs(n)[0];
      if (inner) return { parts: [dyn(inner, py, depth)], isString: true, linear: true, segments: [n] };
    }
    if (method && /^(strip|lstrip|rstrip|upper|lower|title|casefold)$/.test(method) && fn) {
      const obj = fn.childForFieldName('object');
      const t = obj ? partsOf(obj, py, depth + 1) : undefined;
      if (t && t.parts.every((p) => p.kind === 'const')) return { parts: [{ kind: 'const', text: n.text }], isString: true, linear: false, segments: [] };
    }
    return undefined;
  }
  if (n.type === 'identifier') return identifierParts(n, py, depth);
  return undefined;
}

/** Assignments to a name that reach `use`: those before it in its function (or the module), in order. */
export function reachingBindings(use: SyntaxNode, py: PyFile): { scope: SyntaxNode; values: SyntaxNode[]; param: boolean } {
  const fn = enclosingFunction(use);
  if (fn) {
    const isParam = py.paramNames(fn).includes(use.text);
    const local = py.bindings(fn, use.text).filter((b) => b.startIndex < use.startIndex && !contains(b, use));
    // A parameter reassigned only in a branch may still hold the caller's value.
    const body = fn.childForFieldName('body');
    const overrides = (b: SyntaxNode): boolean => b.type !== 'augmented_assignment' && b.parent?.type === 'assignment' && b.parent.parent?.parent?.id === body?.id;
    if (local.length > 0) return { scope: fn, values: local, param: isParam && !local.some(overrides) };
    if (py.bindings(fn, use.text).length > 0) return { scope: fn, values: py.bindings(fn, use.text), param: isParam };
    if (isParam) return { scope: fn, values: [], param: true };
  }
  const root = py.tree.rootNode;
  const all = moduleBindings(py, use.text);
  const before = fn ? all : all.filter((b) => b.startIndex < use.startIndex && !contains(b, use));
  return { scope: root, values: before, param: false };
}

/**
 * Module-level bindings of a name, found by reading statements only (not
 * every expression, as `PyFile.bindings` does): module constants are asked
 * about often and the module can be thousands of statements long.
 * Same value shapes as `PyFile.bindings`.
 */
export function moduleBindings(py: PyFile, name: string): SyntaxNode[] {
  const cache = cacheFor(py);
  if (!cache.module) {
    const map = new Map<string, SyntaxNode[]>();
    const add = (target: SyntaxNode | null | undefined, value: SyntaxNode): void => {
      if (!target) return;
      if (target.type === 'identifier') {
        const list = map.get(target.text) ?? [];
        list.push(value);
        map.set(target.text, list);
      } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') for (const t of named(target)) add(t, value);
    };
    const statements = (block: SyntaxNode): void => {
      for (const stmt of named(block)) {
        if (stmt.type === 'expression_statement') {
          let a = named(stmt)[0];
          while (a?.type === 'assignment') {
            const right = a.childForFieldName('right');
            if (!right) break;
            add(a.childForFieldName('left'), right);
            a = right.type === 'assignment' ? right : undefined;
          }
          if (a?.type === 'augmented_assignment') add(a.childForFieldName('left'), a);
        } else if (stmt.type === 'for_statement') {
          const right = stmt.childForFieldName('right');
          if (right) add(stmt.childForFieldName('left'), right);
          const body = stmt.childForFieldName('body');
          if (body) statements(body);
        } else if (/^(if_statement|try_statement|with_statement|else_clause|elif_clause|except_clause|finally_clause|block)$/.test(stmt.type)) {
          statements(stmt);
        }
      }
    };
    statements(py.tree.rootNode);
    cache.module = map;
  }
  return cache.module.get(name) ?? [];
}

/** The one value a name is bound to where it is used (its function, else the module), if bound exactly once. */
export function onlyBinding(name: SyntaxNode, py: PyFile): SyntaxNode | undefined {
  const { values, param } = reachingBindings(name, py);
  return !param && values.length === 1 && values[0]!.type !== 'augmented_assignment' ? values[0] : undefined;
}

function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** A binding node from `PyFile.bindings` as an assignment-like value (`x = v` → v, `x += v` → v with `extend`). */
function bindingValue(b: SyntaxNode): { value: SyntaxNode; extend: boolean; plain: boolean } | undefined {
  if (b.type === 'augmented_assignment') {
    const right = b.childForFieldName('right');
    return right && b.childForFieldName('operator')?.text === '+=' ? { value: right, extend: true, plain: false } : undefined;
  }
  const parent = b.parent;
  const plain = parent?.type === 'assignment' && parent.childForFieldName('left')?.type === 'identifier';
  if (parent && (parent.type === 'for_statement' || parent.type === 'for_in_clause')) return undefined;
  return { value: b, extend: false, plain };
}

function identifierParts(n: SyntaxNode, py: PyFile, depth: number): Built | undefined {
  const { values, param } = reachingBindings(n, py);
  if (param || values.length === 0) return undefined;
  let lastPlain = -1;
  values.forEach((b, i) => {
    const v = bindingValue(b);
    if (v && !v.extend) lastPlain = i;
  });
  if (lastPlain < 0) return undefined;
  const parts: Part[] = [];
  const segments: SyntaxNode[] = [];
  let isString = false;
  let linear = true;
  // Branches: other plain assignments before the last one are alternatives; add their parts too (for taint, not for fixes).
  for (let i = 0; i < values.length; i++) {
    const v = bindingValue(values[i]!);
    if (!v) return undefined;
    if (i < lastPlain) {
      linear = false;
      const t = partsOf(v.value, py, depth + 1);
      if (t) parts.push(...t.parts);
      else parts.push(dyn(v.value, py, depth));
      continue;
    }
    if (i > lastPlain && !v.extend) return undefined;
    const t = partsOf(v.value, py, depth + 1);
    if (!t) {
      if (i === lastPlain && values.length === 1) return undefined;
      parts.push(dyn(v.value, py, depth));
      linear = false;
      continue;
    }
    isString ||= t.isString;
    linear &&= t.linear && (!v.extend || values[i]!.childForFieldName('left')?.type === 'identifier');
    parts.push(...t.parts);
    segments.push(...t.segments);
  }
  if (!isString) return undefined;
  // Straight-line only when every assignment is a statement of one block.
  const blocks = new Set(values.map((b) => (b.type === 'augmented_assignment' ? b : b.parent)?.parent?.parent?.id));
  if (blocks.size !== 1) linear = false;
  return { parts, isString, linear, segments };
}

/** The template of a string expression, or undefined when it is not built from visible string operations. */
export function templateOf(node: SyntaxNode, py: PyFile): Template | undefined {
  const cache = cacheFor(py).templates;
  const hit = cache.get(node.id);
  if (hit !== undefined) return hit ?? undefined;
  let result: Template | undefined;
  const built = partsOf(node, py, 0);
  if (built && built.isString) result = { parts: merge(built.parts), segments: built.segments, linear: built.linear };
  else if (!built) {
    // An opaque value: a single dynamic part (a parameter, a call result).
    const d = dyn(unparen(node), py, 0);
    result = { parts: [d], segments: [], linear: false };
  }
  cache.set(node.id, result ?? null);
  return result;
}

function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'const' && p.text === '') continue;
    if (p.kind === 'const' && last?.kind === 'const' && last.literal === p.literal) out[out.length - 1] = { kind: 'const', text: last.text + p.text, literal: p.literal };
    else out.push(p);
  }
  return out;
}

/** The constant text with each dynamic part replaced by `marker`. */
export function skeleton(t: Template, marker = '\u0000'): string {
  return t.parts.map((p) => (p.kind === 'const' ? p.text : marker)).join('');
}

export function unsafeParts(t: Template): DynPart[] {
  return t.parts.filter((p): p is DynPart => p.kind === 'dyn' && !p.safe);
}

/** "`a`, `b` and `c`" for a message: the distinct interpolated expressions, shortened. */
export function describeValues(parts: readonly DynPart[]): { what: string; count: number } {
  const shown = [...new Set(parts.map((p) => `\`${p.node.text.length > 30 ? `${p.node.text.slice(0, 27)}...` : p.node.text}\``))];
  const what = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return { what, count: shown.length };
}

/** How many times a name is written in its function (assignments included, comments and keyword names not). */
export function countReferences(name: SyntaxNode): number {
  let scope: SyntaxNode | null = name.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return 0;
  let count = 0;
  const walk = (node: SyntaxNode): void => {
    for (const child of named(node)) {
      if (child.type === 'identifier') {
        const parent = child.parent;
        const isKeywordName = parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === child.id;
        const isAttribute = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === child.id;
        if (child.text === name.text && !isKeywordName && !isAttribute) count++;
      } else if (child.type !== 'comment') walk(child);
    }
  };
  walk(scope);
  return count;
}

// ---------------------------------------------------------------- safety

interface FileCache {
  templates: Map<number, Template | null>;
  safe: Map<number, string | null>;
  appends: Map<string, SyntaxNode[]>;
  classes?: Map<string, SyntaxNode>;
  module?: Map<string, SyntaxNode[]>;
  guards: Map<number, SyntaxNode[]>;
  /** `literalType` by annotation text. */
  literalTypes: Map<string, boolean>;
}
const caches = new WeakMap<PyFile, FileCache>();
function cacheFor(py: PyFile): FileCache {
  let c = caches.get(py);
  if (!c) {
    c = { templates: new Map(), safe: new Map(), appends: new Map(), guards: new Map(), literalTypes: new Map() };
    caches.set(py, c);
  }
  return c;
}

const SAFE_CALLS = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'shlex.quote', 'pipes.quote', 'shlex.join', 'uuid.uuid4', 'uuid.UUID', 'math.floor', 'math.ceil']);
const PATH_CALLS = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PurePosixPath', 'os.path.join', 'posixpath.join', 'str']);
const CONSTANT_NODES = new Set(['integer', 'float', 'true', 'false', 'none']);

/** Why an interpolated value cannot carry attacker text, or undefined when it may. */
export function safeWhy(node: SyntaxNode, py: PyFile, depth = 0): string | undefined {
  const cache = cacheFor(py).safe;
  const hit = cache.get(node.id);
  if (hit !== undefined) return hit ?? undefined;
  cache.set(node.id, null); // cycle guard
  const why = depth > MAX_DEPTH ? undefined : computeSafe(unparen(node), py, depth);
  cache.set(node.id, why ?? null);
  return why;
}

function computeSafe(n: SyntaxNode, py: PyFile, depth: number): string | undefined {
  if (CONSTANT_NODES.has(n.type)) return 'constant';
  if (n.type === 'unary_operator') return named(n).every((c) => safeWhy(c, py, depth + 1)) ? 'constant' : undefined;
  if (n.type === 'string' || n.type === 'concatenated_string' || n.type === 'binary_operator') {
    if (n.type === 'binary_operator' && ['*', '-', '//', '/'].includes(n.childForFieldName('operator')?.text ?? '')) {
      // `"?" * len(ids)`, arithmetic on numbers
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      return l && r && safeWhy(l, py, depth + 1) && safeWhy(r, py, depth + 1) ? 'constant' : undefined;
    }
    const built = partsOf(n, py, depth + 1);
    if (!built) {
      if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        return l && r && safeWhy(l, py, depth + 1) && safeWhy(r, py, depth + 1) ? 'constant' : undefined;
      }
      return undefined;
    }
    return built.parts.every((p) => p.kind === 'const' || p.safe) ? 'constant' : undefined;
  }
  if (n.type === 'conditional_expression') {
    const [a, , b] = named(n);
    return a && b && safeWhy(a, py, depth + 1) && safeWhy(b, py, depth + 1) ? 'constant' : undefined;
  }
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return named(n).every((c) => safeWhy(c, py, depth + 1)) ? 'constant' : undefined;
  if (n.type === 'list_comprehension' || n.type === 'generator_expression' || n.type === 'set_comprehension') {
    const body = n.childForFieldName('body');
    return body && safeWhy(body, py, depth + 1) ? 'constant' : undefined;
  }
  if (n.type === 'call') {
    const callee = py.callee(n);
    if (callee && SAFE_CALLS.has(callee)) return callee.includes('quote') || callee === 'shlex.join' ? 'quoted' : 'number';
    // A path or string assembled only from safe pieces (`Path("/srv") / "x"`, `os.path.join(BASE, "x")`).
    if (callee && PATH_CALLS.has(callee)) return named(n.childForFieldName('arguments')).every((a) => a.type !== 'keyword_argument' && safeWhy(a, py, depth + 1)) ? 'constant' : undefined;
    const fn = n.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method === 'quote' && /identifier_preparer|dialect/.test(fn?.text ?? '')) return 'quoted';
    if (method === 'quote_ident' || method === 'quote_identifier') return 'quoted';
    if (method === 'get' && fn) {
      const obj = fn.childForFieldName('object');
      const args = positionalArgs(n);
      if (obj && constantMapping(obj, py, depth) && (args.length < 2 || safeWhy(args[1]!, py, depth + 1))) return 'allow-list';
      return undefined;
    }
    if (method === 'join' || method === 'format') {
      const built = partsOf(n, py, depth + 1);
      return built && built.parts.every((p) => p.kind === 'const' || p.safe) ? 'constant' : undefined;
    }
    if (method && /^(upper|lower|strip|value|name)$/.test(method) && fn) {
      const obj = fn.childForFieldName('object');
      return obj && safeWhy(obj, py, depth + 1) ? 'constant' : undefined;
    }
    return undefined;
  }
  if (n.type === 'subscript') {
    const obj = n.childForFieldName('value');
    if (obj && constantMapping(obj, py, depth)) return 'allow-list';
    return undefined;
  }
  if (n.type === 'attribute') {
    const obj = n.childForFieldName('object');
    const attr = n.childForFieldName('attribute')?.text ?? '';
    if (obj && (attr === 'value' || attr === 'name') && (enumTyped(obj, py) || classTypedParam(obj, py))) return 'enum';
    if (obj && schemaMetadata(obj, attr, py)) return 'schema';
    // `self.value` / `self.name` in a method of an Enum class: a member's own constant.
    if (obj?.text === 'self' && (attr === 'value' || attr === 'name')) {
      let c: SyntaxNode | null = n.parent;
      while (c && c.type !== 'class_definition') c = c.parent;
      const name = c?.childForFieldName('name')?.text;
      if (name && (enumClass(name, py) || py.projectEnums.has(name))) return 'enum';
    }
    // `timezone.key` of a `ZoneInfo` parameter: an IANA name ZoneInfo already checked against the tz database.
    if (obj?.type === 'identifier' && attr === 'key' && typedParam(obj, py, /^(zoneinfo\.)?ZoneInfo$/)) return 'constant';
    // `User.__tablename__`, `Config.TABLE`: class-level constants by convention.
    if (obj?.type === 'identifier' && /^[A-Z]/.test(obj.text) && (attr === '__tablename__' || /^[A-Z][A-Z0-9_]*$/.test(attr))) return 'constant';
    if (enumTyped(n, py)) return 'enum';
    if (obj && /^[A-Z][A-Z0-9_]*$/.test(attr) && obj.type === 'identifier' && /^[A-Z]/.test(obj.text) && py.imports.get(obj.text) === undefined && enumClass(obj.text, py)) return 'enum';
    if (guarded(n, py)) return 'allow-list';
    return classConstant(n, py);
  }
  if (n.type === 'identifier') {
    if (guarded(n, py)) return 'allow-list';
    const fn = enclosingFunction(n);
    const { values, param } = reachingBindings(n, py);
    if (param && fn) {
      const p = py.params(fn).find((x) => x.name === n.text);
      if (!p?.annotation || !literalType(p.annotation, py)) return undefined;
      if (values.length === 0) return 'literal';
    }
    // An UPPER_CASE name imported from another module of the project is a constant by convention.
    if (values.length === 0) return /^[A-Z][A-Z0-9_]*$/.test(n.text) && py.imports.has(n.text) ? 'constant' : undefined;
    for (const b of values) {
      const parent = b.parent;
      if (parent && (parent.type === 'for_statement' || parent.type === 'for_in_clause')) {
        if (!safeCollection(b, py, depth)) return undefined;
        continue;
      }
      const v = b.type === 'augmented_assignment' ? b.childForFieldName('right') : b;
      if (!v) return undefined;
      if (parent?.type === 'assignment' && parent.childForFieldName('left')?.type !== 'identifier') return undefined;
      if (!safeWhy(v, py, depth + 1)) return undefined;
    }
    // A list filled by `.append()`/`.extend()` calls: safe when everything put in is.
    for (const arg of appendedValues(n, py)) if (!safeWhy(arg, py, depth + 1)) return undefined;
    return 'constant';
  }
  return undefined;
}

/** A name (or literal) holding a dict/list/tuple/set whose values are all constants. */
function constantMapping(node: SyntaxNode, py: PyFile, depth: number): boolean {
  let n = unparen(node);
  if (n.type === 'identifier') {
    const { values, param } = reachingBindings(n, py);
    if (param || values.length !== 1) return false;
    n = unparen(values[0]!);
  }
  if (n.type === 'call' && /^(types\.)?MappingProxyType|dict|frozenset|set|tuple$/.test(py.callee(n) ?? '')) {
    const inner = positionalArgs(n)[0];
    if (!inner) return false;
    n = unparen(inner);
  }
  if (n.type === 'dictionary') {
    return named(n).every((p) => p.type === 'pair' && !!p.childForFieldName('value') && !!safeWhy(p.childForFieldName('value')!, py, depth + 1));
  }
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return named(n).every((c) => !!safeWhy(c, py, depth + 1));
  return false;
}

/** The iterable of a `for` binding is a collection of constants (its elements, or a dict's keys). */
function safeCollection(iterable: SyntaxNode, py: PyFile, depth: number): boolean {
  let n = unparen(iterable);
  if (n.type === 'call' && py.callee(n) === 'range') return true;
  if (n.type === 'identifier') {
    const { values, param } = reachingBindings(n, py);
    if (param || values.length !== 1) return false;
    n = unparen(values[0]!);
  }
  if (n.type === 'dictionary') return named(n).every((p) => p.type === 'pair' && !!p.childForFieldName('key') && !!safeWhy(p.childForFieldName('key')!, py, depth + 1));
  return constantMapping(n, py, depth);
}

/** Values passed to `name.append(...)`, `name.extend([...])`, `name.insert(i, ...)` in the name's function. */
function appendedValues(name: SyntaxNode, py: PyFile): SyntaxNode[] {
  const fn = enclosingFunction(name) ?? py.tree.rootNode;
  const key = `${fn.id}:${name.text}`;
  const cache = cacheFor(py).appends;
  const hit = cache.get(key);
  if (hit) return hit;
  const out: SyntaxNode[] = [];
  if (fn.text.includes(`${name.text}.`)) {
    const walk = (node: SyntaxNode): void => {
      for (const child of named(node)) {
        if (child.type === 'function_definition' || child.type === 'class_definition') continue;
        if (child.type === 'call') {
          const f = child.childForFieldName('function');
          if (f?.type === 'attribute' && f.childForFieldName('object')?.text === name.text) {
            const m = f.childForFieldName('attribute')?.text;
            const args = positionalArgs(child);
            if (m === 'append' && args[0]) out.push(args[0]);
            else if (m === 'insert' && args[1]) out.push(args[1]);
            else if (m === 'extend' && args[0]) {
              const a = unparen(args[0]);
              if (a.type === 'list' || a.type === 'tuple') out.push(...named(a));
              else out.push(a);
            }
          }
        }
        walk(child);
      }
    };
    walk(fn.type === 'function_definition' ? (fn.childForFieldName('body') ?? fn) : fn);
  }
  cache.set(key, out);
  return out;
}

/** `Literal["a", "b"]`, `Annotated[Literal[...], Query()]`, `Literal[...] | None`, an Enum class of this file. */
function literalType(annotation: SyntaxNode, py: PyFile): boolean {
  // The answer depends only on the annotation's text and the file, and the
  // same few annotations (`Session`, `int`) recur on every function, while a
  // miss below searches the whole source: cached per text.
  const cache = cacheFor(py).literalTypes;
  const key = annotation.text;
  let hit = cache.get(key);
  if (hit === undefined) cache.set(key, (hit = computeLiteralType(key, py)));
  return hit;
}

function computeLiteralType(annotationText: string, py: PyFile): boolean {
  const text = annotationText.replace(/\s+/g, '');
  const m = /^(?:Annotated\[)?(?:Optional\[)?(?:typing\.|t\.)?Literal\[([^\]]*)\]/.exec(text);
  if (m) return /^(?:("[^"]*"|'[^']*'|-?\d+|None|True|False),?)+$/.test(m[1]!);
  const name = /^(?:Annotated\[)?(?:Optional\[)?([A-Za-z_][\w.]*)/.exec(text)?.[1];
  if (!name) return false;
  if (enumClass(name, py)) return true;
  // An enum imported from elsewhere in the project, named like one (`SortOrder`, `InvoiceStatus`).
  if (py.imports.has(name) && !classesOf(py).has(name) && ENUM_LIKE.test(name) && !/^(fastapi|pydantic|starlette|typing)\./.test(py.imports.get(name)!)) return true;
  // An Enum class the project declares in another module (project facts).
  if (py.imports.has(name) && !classesOf(py).has(name) && py.projectEnums.has(name)) return true;
  // `SortField = Literal["name", "email"]` (or `type SortField = ...`) declared at module level.
  if (!py.source.includes(`${name} = Literal[`) && !py.source.includes(`${name} = typing.Literal[`)) return false;
  const alias = moduleBindings(py, name);
  return alias.length === 1 && /^(typing\.|t\.)?Literal\[/.test(alias[0]!.text) && literalType(alias[0]!, py);
}

const ENUM_LIKE = /^[A-Z]\w*(Enum|Order|Direction|Sort|SortField|SortBy|Column|Kind|Status|Role|Mode|Choice|Choices)$/;

/** Is `name` a class defined in this file deriving from an Enum? */
function enumClass(name: string, py: PyFile): boolean {
  const cls = classesOf(py).get(name);
  return !!cls && /\b(Str|Int)?Enum\b|\bIntFlag\b|\bFlag\b/.test(cls.childForFieldName('superclasses')?.text ?? '');
}

/** Top-level classes of the file by name (computed once per file). */
function classesOf(py: PyFile): Map<string, SyntaxNode> {
  const cache = cacheFor(py);
  if (cache.classes) return cache.classes;
  const map = new Map<string, SyntaxNode>();
  for (const child of named(py.tree.rootNode)) {
    const cls = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const name = cls?.type === 'class_definition' ? cls.childForFieldName('name')?.text : undefined;
    if (name && !map.has(name)) map.set(name, cls!);
  }
  cache.classes = map;
  return map;
}

/** Objects of a SQLAlchemy schema by their usual names: `column`, `tsvector_column`, `self.table`, `Model.__table__`, `mapper.local_table`. */
const SCHEMA_OBJECT = /^(?:\w+_)?(?:column|col|table|tbl|mapper|local_table|__table__)$/;
const SCHEMA_ATTR = new Set(['name', 'key', 'fullname', 'schema']);
/** Decorators that make a function a route handler, whose parameters come from the request. */
const ROUTE_DECORATOR = /\.(?:get|post|put|patch|delete|api_route|route|websocket)\s*\(/;

/**
 * `column.name`, `self.table.fullname`: identifiers read from the ORM's own
 * schema objects in a module that works with SQLAlchemy (DDL for triggers,
 * search vectors, partitions). They are declared in code; no request sets them.
 * A route handler's parameters are excluded: those come from the request.
 */
const sqlAlchemyModules = new WeakMap<PyFile, boolean>();
/** Does the module import SQLAlchemy, SQLModel, Alembic or GeoAlchemy (asked per attribute, answered once per file)? */
function usesSqlAlchemy(py: PyFile): boolean {
  let uses = sqlAlchemyModules.get(py);
  if (uses === undefined) sqlAlchemyModules.set(py, (uses = [...py.imports.values()].some((q) => /^(sqlalchemy|sqlmodel|alembic|geoalchemy2)(\.|$)/.test(q))));
  return uses;
}

function schemaMetadata(obj: SyntaxNode, attr: string, py: PyFile): boolean {
  if (!SCHEMA_ATTR.has(attr)) return false;
  const o = unparen(obj);
  const last = o.type === 'attribute' ? o.childForFieldName('attribute')?.text : o.type === 'identifier' ? o.text : undefined;
  if (!last || !SCHEMA_OBJECT.test(last.toLowerCase())) return false;
  if (!usesSqlAlchemy(py)) return false;
  const root = o.type === 'attribute' ? o.text.split('.')[0] : o.text;
  const fn = enclosingFunction(o);
  if (fn && root !== 'self' && root !== 'cls' && py.params(fn).some((p) => p.name === root)) {
    const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
    if (decorated && named(decorated).some((d) => d.type === 'decorator' && ROUTE_DECORATOR.test(d.text))) return false;
  }
  return true;
}

/** A parameter of the enclosing function whose annotation (qualified) matches `type`, e.g. `timezone: ZoneInfo`. */
function typedParam(node: SyntaxNode, py: PyFile, type: RegExp): boolean {
  const fn = enclosingFunction(node);
  const p = fn && py.params(fn).find((x) => x.name === node.text);
  const ann = p?.annotation?.type === 'type' ? named(p.annotation)[0] : p?.annotation;
  if (!ann || (ann.type !== 'identifier' && ann.type !== 'attribute')) return false;
  return type.test(py.qualify(ann) ?? ann.text) && reachingBindings(node, py).values.length === 0;
}

/** A parameter annotated with a class (`order: SortOrder`): `.value` of it is an enum member's value. */
function classTypedParam(node: SyntaxNode, py: PyFile): boolean {
  const n = unparen(node);
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n);
  const p = fn && py.params(fn).find((x) => x.name === n.text);
  const type = p?.annotation?.text.replace(/^Annotated\[\s*/, '').split(/[\s,\]|[]/)[0] ?? '';
  return /^[A-Z]\w*$/.test(type) && !/^(Optional|Union|Any|List|Dict|Set|Tuple)$/.test(type);
}

/** An expression typed as an enum: a parameter annotated with an Enum class, or its `.value`. */
function enumTyped(node: SyntaxNode, py: PyFile): boolean {
  const n = unparen(node);
  if (n.type === 'identifier') {
    const fn = enclosingFunction(n);
    const p = fn && py.params(fn).find((x) => x.name === n.text);
    return !!p?.annotation && literalType(p.annotation, py) && !reachingBindings(n, py).values.length;
  }
  if (n.type === 'attribute') {
    // `params.sort` where `params: SortParams` and SortParams declares `sort: Literal[...]` or an enum.
    const obj = n.childForFieldName('object');
    const attr = n.childForFieldName('attribute')?.text;
    if (obj?.type !== 'identifier' || !attr) return false;
    const fn = enclosingFunction(n);
    const p = fn && py.params(fn).find((x) => x.name === obj.text);
    const cls = p?.annotation?.text.replace(/^Annotated\[\s*/, '').split(/[\s,\]|]/)[0];
    if (!cls) return false;
    const field = classField(cls, attr, py);
    return !!field && literalType(field, py);
  }
  return false;
}

function classField(cls: string, field: string, py: PyFile): SyntaxNode | undefined {
  const c = classesOf(py).get(cls);
  for (const stmt of named(c?.childForFieldName('body'))) {
    const a = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.text === field) return a.childForFieldName('type') ?? undefined;
  }
  return undefined;
}

/** `self.TABLE` / `cls.TABLE` where the class body sets TABLE to a constant and no method reassigns it. */
function classConstant(n: SyntaxNode, py: PyFile): string | undefined {
  const obj = n.childForFieldName('object');
  const attr = n.childForFieldName('attribute')?.text;
  if (!obj || !attr || (obj.text !== 'self' && obj.text !== 'cls')) return undefined;
  let cls: SyntaxNode | null = n.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  if (!cls) return undefined;
  if (new RegExp(`\\b(self|cls)\\.${attr}\\s*(=|\\+=)`).test(cls.text)) return undefined;
  for (const stmt of named(cls.childForFieldName('body'))) {
    const a = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.text === attr) {
      const right = a.childForFieldName('right');
      return right && safeWhy(right, py, 1) ? 'constant' : undefined;
    }
  }
  // `cls._threshold` read in a classmethod of a subclass: a class attribute the base declares (another
  // module). Class attributes are set in class bodies; nothing in this file assigns one of that name.
  if (obj.text === 'cls' && named(cls.childForFieldName('superclasses')).length > 0 && !new RegExp(`\\.${attr}\\s*(=[^=]|\\+=)`).test(py.source)) return 'constant';
  return undefined;
}

/**
 * Is the value checked against an allow-list on the way here? Either the use
 * sits inside `if x in ALLOWED:` (or `assert x in ALLOWED` precedes it), or an
 * earlier statement of an enclosing block is `if x not in ALLOWED: raise/return`.
 */
function guarded(n: SyntaxNode, py: PyFile): boolean {
  const text = n.text;
  for (let child: SyntaxNode = n, p = n.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') break;
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('consequence')?.id === child.id) {
      const cond = p.childForFieldName('condition');
      if (cond && conditionChecks(cond, text, 'in', py)) return true;
    }
    if (p.type === 'block' || p.type === 'module') {
      for (const stmt of guardStatements(p, py)) {
        if (stmt.startIndex >= child.startIndex) break;
        if (stmt.type === 'if_statement') {
          const cond = stmt.childForFieldName('condition');
          const body = stmt.childForFieldName('consequence');
          if (cond && body && conditionChecks(cond, text, 'not in', py) && (exits(body) || resets(body, text, py))) return true;
        } else if (stmt.type === 'assert_statement') {
          const cond = named(stmt)[0];
          if (cond && conditionChecks(cond, text, 'in', py)) return true;
        }
      }
    }
  }
  return false;
}

/** The `if`/`assert` statements of a block that mention `in` (guards are looked up often; the block is read once). */
function guardStatements(block: SyntaxNode, py: PyFile): SyntaxNode[] {
  const cache = cacheFor(py).guards;
  let list = cache.get(block.id);
  if (!list) {
    list = named(block).filter((s) => (s.type === 'if_statement' || s.type === 'assert_statement') && / in\b|\.is\w+\(|match\(/.test(s.type === 'if_statement' ? (s.childForFieldName('condition')?.text ?? '') : s.text));
    cache.set(block.id, list);
  }
  return list;
}

function conditionChecks(cond: SyntaxNode, text: string, op: 'in' | 'not in', py: PyFile): boolean {
  const c = unparen(cond);
  if (c.type === 'boolean_operator') {
    const kind = c.childForFieldName('operator')?.text;
    const l = c.childForFieldName('left');
    const r = c.childForFieldName('right');
    // `x in A and y in B` guards both inside; `x not in A or y not in B: raise` guards both after.
    if ((op === 'in' && kind === 'and') || (op === 'not in' && kind === 'or')) return (!!l && conditionChecks(l, text, op, py)) || (!!r && conditionChecks(r, text, op, py));
    return false;
  }
  if (c.type === 'not_operator' && op === 'not in') {
    const arg = c.childForFieldName('argument');
    return !!arg && conditionChecks(arg, text, 'in', py);
  }
  if (c.type === 'call' && op === 'in' && shapeCheck(c, text, py)) return true;
  if (c.type !== 'comparison_operator') return false;
  const operands = named(c).filter((x) => x.type !== 'comment');
  const ops = c.childrenForFieldName('operators').map((o) => o?.text.replace(/\s+/g, ' '));
  if (operands.length !== 2 || ops.length !== 1 || ops[0] !== op) return false;
  return operands[0]!.text === text && allowList(operands[1]!, py);
}

/** `x.isidentifier()`, `x.isdigit()`, `re.fullmatch(r"[a-z_]+", x)`: the value can only be a plain word. */
function shapeCheck(call: SyntaxNode, text: string, py: PyFile): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === text) {
    return /^(isidentifier|isalnum|isalpha|isdigit|isdecimal|isnumeric)$/.test(fn.childForFieldName('attribute')?.text ?? '');
  }
  const callee = py.callee(call);
  if (callee !== 're.fullmatch' && callee !== 're.match') return false;
  const [pattern, subject] = positionalArgs(call);
  const value = pattern ? literalString(pattern) : undefined;
  if (!subject || subject.text !== text || value === undefined) return false;
  const anchored = callee === 're.fullmatch' || /\$$|\\Z$/.test(value);
  return anchored && /^\^?(\[[\w\\-]*\]|\\w|\\d|[\w-])+([+*?]|\{\d+(,\d*)?\})?(\$|\\Z)?$/.test(value);
}

function allowList(node: SyntaxNode, py: PyFile): boolean {
  let n = unparen(node);
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if ((method === 'keys' || method === 'values') && fn) {
      const obj = fn.childForFieldName('object');
      return !!obj && (constantMapping(obj, py, 0) || /__members__|__table__\.columns|\.c$/.test(obj.text));
    }
  }
  if (n.type === 'attribute' && /(__members__|model_fields|__fields__|__table__\.columns|\.columns|\.c)$/.test(n.text)) return true;
  if (n.type === 'identifier' || n.type === 'attribute') {
    if (n.type === 'attribute') return /^[A-Z][A-Z0-9_]*$/.test(n.childForFieldName('attribute')?.text ?? '') ? true : false;
    const { values, param } = reachingBindings(n, py);
    // A collection imported from another module, or named like a constant, is an allow-list by intent.
    if (!param && values.length === 0 && (py.imports.has(n.text) || /^[A-Z][A-Z0-9_]*$/.test(n.text))) return true;
    if (param || values.length !== 1) return false;
    n = unparen(values[0]!);
  }
  return constantMapping(n, py, 0) || safeCollection(n, py, 0);
}

function exits(block: SyntaxNode): boolean {
  const last = named(block).filter((s) => s.type !== 'comment').at(-1);
  if (!last) return false;
  if (['raise_statement', 'return_statement', 'continue_statement', 'break_statement'].includes(last.type)) return true;
  // `abort(400)` in Flask, `sys.exit()`.
  return last.type === 'expression_statement' && /^(abort|flask\.abort|sys\.exit|exit)\(/.test(last.text);
}

/** `if x not in ALLOWED: x = "default"`. */
function resets(block: SyntaxNode, text: string, py: PyFile): boolean {
  const stmts = named(block).filter((s) => s.type !== 'comment');
  return (
    stmts.length > 0 &&
    stmts.every((s) => {
      const a = s.type === 'expression_statement' ? named(s)[0] : undefined;
      const right = a?.type === 'assignment' ? a.childForFieldName('right') : undefined;
      return !!right && a!.childForFieldName('left')?.text === text && !!safeWhy(right, py, 1);
    })
  );
}
