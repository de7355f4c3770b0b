// What the injection rules need to know about a TypeScript/JavaScript
// value, shared by sql-injection, command-injection, path-traversal and ssrf:
//
// - `templateOf`: how a string was built (template literals, `+`, `+=` over
//   several lines, `[...].join(sep)`, `String(x)`), as constant text and the
//   expressions put into it, each marked safe when it provably cannot carry
//   attacker text (a constant, a number, a pick from an allow-list, a
//   `number`/literal-union/enum parameter, a zod field of a non-string type).
//   The SQL and shell rules flag any part that is not safe, whoever calls.
// - `taintOf(...).tainted`: is a value derived from request input inside one
//   function (Express `req.body/query/params/headers/cookies`, `req.get()`,
//   Fastify `request.*`, NestJS `@Body() @Query() @Param() @Headers() @Req()`
//   parameters, any parameter typed `Request`/`FastifyRequest` or named
//   `req`/`request`)? Taint follows local variables, destructuring, string
//   building, spreads and the few calls that return their argument's shape;
//   an unknown function's result is not tainted (no interprocedural guesses).
//   `basename`, numbers, a normalised containment check (paths) and a host
//   allow-list (URLs) end it.
// Everything is computed lazily and memoised per function.
import type { SyntaxNode } from '../../parse/python';
import { callArgs, enclosingFunction, FUNCTION_TYPES, isFunction, literalString, named, objectProperty, unwrap, type TsFile } from './tsfile';
import { memoized } from '../memo';

// ------------------------------------------------------------------ templates

export interface ConstPart {
  readonly kind: 'const';
  /** The text as the program sees it (escapes decoded). */
  readonly text: string;
  /** The text as written in the source (escapes kept), and the literal it is from. */
  readonly raw: string;
  readonly literal?: SyntaxNode;
}

export interface DynPart {
  readonly kind: 'dyn';
  readonly node: SyntaxNode;
  /** True when the value cannot carry attacker-controlled text. */
  readonly safe: boolean;
  /** Why it is safe (`constant`, `number`, `allow-list`…). */
  readonly why?: string;
}

export type Part = ConstPart | DynPart;

export interface Template {
  readonly parts: readonly Part[];
  /** The expressions whose text makes up the value (the argument, or a variable's assignments), in order. */
  readonly segments: readonly SyntaxNode[];
  /** Built in one straight line from exactly these segments. */
  readonly linear: boolean;
}

const COOKED: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
function cook(seq: string): string {
  const ch = seq.slice(1);
  if (ch in COOKED) return COOKED[ch]!;
  if (/^x[0-9a-f]{2}$/i.test(ch) || /^u[0-9a-f]{4}$/i.test(ch)) return String.fromCharCode(parseInt(ch.slice(1), 16));
  if (/^u\{[0-9a-f]+\}$/i.test(ch)) return String.fromCodePoint(parseInt(ch.slice(2, -1), 16));
  if (ch.startsWith('\n') || ch.startsWith('\r')) return '';
  return ch;
}

/** Constant parts of a string or template literal, substitutions as dynamic parts. */
function literalParts(file: TsFile, n: SyntaxNode, depth: number): Part[] {
  const parts: Part[] = [];
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_fragment') parts.push({ kind: 'const', text: c.text, raw: c.text, literal: n });
    else if (c.type === 'escape_sequence') parts.push({ kind: 'const', text: cook(c.text), raw: c.text, literal: n });
    else if (c.type === 'template_substitution') {
      const inner = named(c)[0];
      if (inner) parts.push(dyn(file, inner, depth));
    }
  }
  // Adjacent constant pieces of one literal are one piece.
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged.at(-1);
    if (p.kind === 'const' && last?.kind === 'const' && last.literal === p.literal) merged[merged.length - 1] = { kind: 'const', text: last.text + p.text, raw: last.raw + p.raw, literal: p.literal };
    else merged.push(p);
  }
  return merged;
}

function dyn(file: TsFile, node: SyntaxNode, depth: number): DynPart {
  let why: string | undefined | null = null;
  const reason = (): string | undefined => (why === null ? (why = safeWhy(file, node, depth + 1)) : why);
  return {
    kind: 'dyn',
    node,
    get safe() {
      return reason() !== undefined;
    },
    get why() {
      return reason();
    },
  };
}

const templateCache = new WeakMap<TsFile, Map<number, Template | null>>();

/** How a string expression was built; undefined when it is not string-like at all. */
export function templateOf(file: TsFile, node: SyntaxNode): Template | undefined {
  let cache = templateCache.get(file);
  if (!cache) templateCache.set(file, (cache = new Map()));
  const hit = cache.get(node.id);
  if (hit !== undefined) return hit ?? undefined;
  const t = build(file, node, 0);
  cache.set(node.id, t ?? null);
  return t;
}

function build(file: TsFile, node: SyntaxNode, depth: number): Template | undefined {
  const n = unwrap(node);
  if (depth > 8) return { parts: [dyn(file, n, depth)], segments: [n], linear: false };
  if (n.type === 'string' || n.type === 'template_string') return { parts: literalParts(file, n, depth), segments: [n], linear: true };
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return undefined;
    const a = build(file, left, depth + 1);
    const b = build(file, right, depth + 1);
    if (!a || !b) return undefined;
    // Text written inline belongs to this expression; parts from variables keep their own segments.
    const inline = a.segments.every((s) => within(s, n)) && b.segments.every((s) => within(s, n));
    return { parts: [...a.parts, ...b.parts], segments: inline ? [n] : [...a.segments, ...b.segments], linear: a.linear && b.linear };
  }
  if (n.type === 'identifier') {
    const fn = enclosingFunction(n);
    const scope = fn ?? file.tree.rootNode;
    const values = file.bindings(scope, n.text).filter((v) => v.endIndex <= n.startIndex);
    const decl = values[0];
    if (decl && declaredHere(decl, n.text) && values.slice(1).every((v) => v.type === 'augmented_assignment_expression' && v.childForFieldName('operator')?.text === '+=')) {
      const all = file.bindings(scope, n.text);
      // Not rebound anywhere else (later, or in a branch we would misread).
      if (all.length === values.length && values.every((v) => v.type === 'augmented_assignment_expression' || v === decl)) {
        const first = build(file, decl, depth + 1);
        if (first && first.parts.some((p) => p.kind === 'const')) {
          const parts = [...first.parts];
          const segments = [...first.segments];
          let linear = first.linear;
          for (const v of values.slice(1)) {
            const right = v.childForFieldName('right');
            const more = right ? build(file, right, depth + 1) : undefined;
            if (!more) return { parts: [dyn(file, n, depth)], segments: [n], linear: false };
            parts.push(...more.parts);
            segments.push(...more.segments);
            linear = linear && more.linear && sameBlock(v, decl);
          }
          return { parts, segments, linear };
        }
      }
    }
    return { parts: [dyn(file, n, depth)], segments: [], linear: true };
  }
  if (n.type === 'call_expression') {
    const method = file.methodName(n);
    const receiver = file.receiver(n);
    const args = callArgs(n);
    // `['SELECT *', 'FROM t', where].join(' ')`
    if (method === 'join' && receiver?.type === 'array' && args.length <= 1) {
      const sep = args[0] ? file.constantString(args[0]) : ',';
      if (sep !== undefined) {
        const parts: Part[] = [];
        named(receiver).forEach((item, i) => {
          if (i > 0) parts.push({ kind: 'const', text: sep, raw: escapeFor(sep, '`') });
          const inner = build(file, item, depth + 1);
          parts.push(...(inner ? inner.parts : [dyn(file, item, depth)]));
        });
        return { parts, segments: [n], linear: false };
      }
    }
    if (file.callee(n) === 'String' && args.length === 1) return { parts: [dyn(file, args[0]!, depth)], segments: [], linear: true };
  }
  return { parts: [dyn(file, n, depth)], segments: [], linear: true };
}

const within = (inner: SyntaxNode, outer: SyntaxNode): boolean => outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;

function declaredHere(value: SyntaxNode, name: string): boolean {
  const d = value.parent;
  return d?.type === 'variable_declarator' && d.childForFieldName('name')?.type === 'identifier' && d.childForFieldName('name')?.text === name;
}

function sameBlock(a: SyntaxNode, b: SyntaxNode): boolean {
  const blockOf = (n: SyntaxNode): SyntaxNode | null => {
    let s: SyntaxNode | null = n.parent;
    while (s && s.type !== 'statement_block' && s.type !== 'program') s = s.parent;
    return s;
  };
  return blockOf(a)?.id === blockOf(b)?.id;
}

/** Constant text as it must be written inside a literal with this quote. */
export function escapeFor(text: string, quote: string): string {
  let out = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (quote === '`') out = out.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  else out = out.split(quote).join(`\\${quote}`);
  return out;
}

/** The template's text with a marker for each dynamic part. */
export function skeleton(t: Template, marker = '\u0000'): string {
  return t.parts.map((p) => (p.kind === 'const' ? p.text : marker)).join('');
}

/** Parts that may carry attacker text; escaping meant for another language (`for`: 'sql' or 'shell') does not count. */
export function unsafeParts(t: Template, language?: 'sql' | 'shell'): DynPart[] {
  const foreign = language === 'sql' ? 'shell-quoted' : language === 'shell' ? 'sql-escaped' : undefined;
  return t.parts.filter((p): p is DynPart => p.kind === 'dyn' && (!p.safe || (foreign !== undefined && p.why === foreign)));
}

/** "`a`, `b` and `c`" for a message. */
export function describeValues(parts: readonly DynPart[]): { what: string; count: number } {
  const shown = [...new Set(parts.map((p) => `\`${p.node.text.length > 30 ? `${p.node.text.slice(0, 27)}...` : p.node.text}\``))];
  const what = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return { what, count: shown.length };
}

/** How many times a name is written in its function (declarations and assignments included). */
export function countReferences(file: TsFile, name: SyntaxNode): number {
  const scope = enclosingFunction(name) ?? file.tree.rootNode;
  let count = 0;
  const walk = (n: SyntaxNode): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if ((c.type === 'identifier' || c.type === 'shorthand_property_identifier') && c.text === name.text) count++;
      walk(c);
    }
  };
  walk(scope);
  return count;
}

// ------------------------------------------------------------------ safety

/** Calls whose result is a number, a boolean or otherwise free of attacker text. */
const NUMBER_CALLS = /^(Number|parseInt|parseFloat|Number\.parseInt|Number\.parseFloat|Number\.isInteger|Math\.\w+|BigInt|Boolean|Date\.now|isNaN|Number\.isFinite|crypto\.randomUUID|randomUUID|uuid\.v4|uuid\.v1|v4|uuidv4)$/;
const NUMBER_METHODS = new Set(['toFixed', 'getTime', 'valueOf', 'indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'test', 'has', 'toISOString', 'localeCompare', 'getFullYear']);
/** String methods that keep their receiver's (un)safety. */
const SAME_METHODS = new Set(['toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'toString', 'padStart', 'padEnd']);
/** Shell quoting: the value stays one word whatever it holds. */
const SHELL_QUOTE = /^(shell-quote\.quote|shescape\.quote|shescape\.quoteAll|shell-escape|any-shell-escape|shellEscape|shellQuote\.quote)$/;
const SAFE_TYPE = /^(number|boolean|bigint|Date|null|undefined|never|void|int|Int)$/;
const SAFE_PIPES = /^(ParseIntPipe|ParseFloatPipe|ParseBoolPipe|ParseUUIDPipe|ParseEnumPipe|DefaultValuePipe)$/;

const safeCache = new WeakMap<TsFile, Map<number, string | null>>();

/** Why `node` cannot carry attacker text, or undefined when it may. */
export function safeWhy(file: TsFile, node: SyntaxNode, depth = 0): string | undefined {
  let cache = safeCache.get(file);
  if (!cache) safeCache.set(file, (cache = new Map()));
  if (cache.has(node.id)) return cache.get(node.id) ?? undefined;
  cache.set(node.id, null); // cycles are unsafe
  const why = depth > 10 ? undefined : computeSafe(file, node, depth);
  cache.set(node.id, why ?? null);
  return why;
}

function computeSafe(file: TsFile, node: SyntaxNode, depth: number): string | undefined {
  let n = unwrap(node);
  if (n.type === 'await_expression' && named(n)[0]) n = unwrap(named(n)[0]!);
  const all = (nodes: (SyntaxNode | null | undefined)[], why = 'constant'): string | undefined => (nodes.every((c) => !!c && safeWhy(file, c, depth + 1)) ? why : undefined);
  switch (n.type) {
    case 'string':
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
    case 'regex':
      return 'constant';
    case 'number':
      return 'number';
    case 'template_string':
      return all(n.namedChildren.filter((c) => c?.type === 'template_substitution').map((c) => named(c)[0]));
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text;
      return op === '+' || op === '-' || op === '!' || op === 'typeof' || op === '~' ? 'number' : undefined;
    }
    case 'update_expression':
      return 'number';
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (op === '+' || op === '??' || op === '||' || op === '&&') return all([l, r]);
      return 'number'; // arithmetic and comparisons give numbers and booleans
    }
    case 'ternary_expression':
      return all([n.childForFieldName('consequence'), n.childForFieldName('alternative')]);
    case 'array':
      return all(named(n));
    case 'call_expression':
      return safeCall(file, n, depth);
    case 'new_expression': {
      const callee = file.callee(n) ?? '';
      return /^(Date|Number)$/.test(callee) ? 'number' : undefined;
    }
    case 'member_expression':
    case 'subscript_expression':
      return safeMember(file, n, depth);
    case 'identifier':
    case 'shorthand_property_identifier':
      return safeIdentifier(file, n, depth);
  }
  return undefined;
}

function safeCall(file: TsFile, n: SyntaxNode, depth: number): string | undefined {
  const callee = file.callee(n) ?? '';
  const method = file.methodName(n) ?? '';
  const receiver = file.receiver(n);
  const args = callArgs(n);
  if (NUMBER_CALLS.test(callee) || NUMBER_CALLS.test(callee.replace(/^[\w$]+\./, ''))) return 'number';
  if (callee === 'String' && args[0]) return safeWhy(file, args[0], depth + 1);
  if (SHELL_QUOTE.test(callee)) return 'shell-quoted';
  // Driver escaping: `connection.escape(v)`, `client.escapeLiteral(v)`, `SqlString.escape(v)`, `pg-format`.
  if (/^(escape|escapeId|escapeLiteral|escapeIdentifier)$/.test(method) && receiver && !/^(_|lodash|validator|he|html|querystring|qs)$/.test(receiver.text) && args.length >= 1) return 'sql-escaped';
  if (/^(sqlstring\.escape|sqlstring\.escapeId|pg-format|pg-format\.literal|pg-format\.ident|mysql\.escape|mysql2\.escape|mysql\.escapeId|mysql2\.escapeId)$/.test(callee)) return 'sql-escaped';
  if (NUMBER_METHODS.has(method) && receiver) return 'number';
  if (SAME_METHODS.has(method) && receiver) return safeWhy(file, receiver, depth + 1);
  // zod/joi: `z.number().parse(x)`, `schema.parse(body).limit` is handled by the member.
  if (/^(parse|parseAsync)$/.test(method) && receiver && schemaKind(file, receiver) === 'safe') return 'number';
  // `ids.map(() => '?').join(', ')`, `cols.map((_, i) => `$${i + 1}`).join(', ')`, `conditions.join(' AND ')`.
  if (method === 'join' && receiver && (!args[0] || safeWhy(file, args[0], depth + 1))) return safeCollection(file, receiver, depth) ? 'constant' : undefined;
  if (method === 'map' && receiver) return safeCollection(file, n, depth) ? 'constant' : undefined;
  return undefined;
}

/** Is every element of an array-valued expression safe? */
function safeCollection(file: TsFile, node: SyntaxNode, depth: number): boolean {
  const n = unwrap(node);
  if (depth > 10) return false;
  if (n.type === 'array') return named(n).every((c) => (c.type === 'spread_element' ? !!named(c)[0] && safeCollection(file, named(c)[0]!, depth + 1) : !!safeWhy(file, c, depth + 1)));
  if (n.type === 'call_expression') {
    const method = file.methodName(n);
    const receiver = file.receiver(n);
    const fn = callArgs(n)[0] ? unwrap(callArgs(n)[0]!) : undefined;
    if (method === 'map' && fn && isFunction(fn)) {
      const body = fn.childForFieldName('body');
      if (!body) return false;
      const results = body.type === 'statement_block' ? body.descendantsOfType('return_statement').map((r) => (r ? named(r)[0] : undefined)) : [body];
      return results.length > 0 && results.every((r) => !!r && !!safeWhy(file, r, depth + 1));
    }
    if ((method === 'filter' || method === 'slice' || method === 'concat') && receiver) return safeCollection(file, receiver, depth + 1) && (method !== 'concat' || callArgs(n).every((a) => safeCollection(file, a, depth + 1)));
    // The keys of a constant object are written in the code; `Object.keys(req.body)` are not.
    if (file.callee(n) === 'Object.keys' && callArgs(n)[0]) return !!constantObject(file, callArgs(n)[0]!);
    return false;
  }
  if (n.type === 'identifier') {
    let scope = enclosingFunction(n) ?? file.tree.rootNode;
    let values = file.bindings(scope, n.text);
    // A module-level collection (`const constraintNames = ["a", "b"]`) read inside a function; pushes anywhere in the file are checked below.
    if (values.length === 0 && scope !== file.tree.rootNode && !file.paramNames(scope).includes(n.text)) {
      scope = file.tree.rootNode;
      values = file.bindings(scope, n.text);
    }
    if (values.length === 0) return false;
    if (!values.every((v) => v.type !== 'augmented_assignment_expression' && safeCollection(file, v, depth + 1))) return false;
    // Filled with `.push(...)`: safe when everything pushed is.
    for (const call of scope.descendantsOfType('call_expression')) {
      if (!call || file.methodName(call) !== 'push' && file.methodName(call) !== 'unshift') continue;
      const r = file.receiver(call);
      if (r?.type !== 'identifier' || r.text !== n.text) continue;
      if (!callArgs(call).every((a) => !!safeWhy(file, a, depth + 1))) return false;
    }
    return true;
  }
  return false;
}

function safeMember(file: TsFile, n: SyntaxNode, depth: number): string | undefined {
  const object = n.childForFieldName('object');
  if (!object) return undefined;
  const o = unwrap(object);
  if (n.type === 'member_expression') {
    const prop = n.childForFieldName('property')?.text ?? '';
    if (prop === 'length' || prop === 'size') return 'number';
    // `this.table` / `UsersRepository.TABLE`: a class field set to a constant.
    if (o.type === 'this' || (o.type === 'identifier' && /^[A-Z]/.test(o.text))) {
      const value = classField(file, n, o, prop);
      if (value) return safeWhy(file, value, depth + 1);
      if (o.type === 'identifier' && enumMember(file, o.text)) return 'allow-list';
    }
    // A constant object's field: `COLUMNS.name`.
    const obj = constantObject(file, o);
    if (obj) {
      const v = objectProperty(obj, prop);
      return v ? safeWhy(file, v, depth + 1) : undefined;
    }
    // A zod/joi-parsed field of a non-string type: `query.limit` where `query = Schema.parse(req.query)`.
    if (parsedFieldSafe(file, o, prop) || validatedFieldSafe(file, o, prop)) return 'number';
    return undefined;
  }
  // `SORTABLE[sort]`: a pick from a constant object or array.
  const obj = constantObject(file, o);
  if (obj && named(obj).every((p) => p.type === 'pair' ? !!safeWhy(file, p.childForFieldName('value')!, depth + 1) : p.type !== 'spread_element' && !!safeWhy(file, p, depth + 1))) return 'allow-list';
  return undefined;
}

/** An object or array literal bound once (module constant or local `const`). */
function constantObject(file: TsFile, node: SyntaxNode): SyntaxNode | undefined {
  const n = unwrap(node);
  if (n.type === 'object' || n.type === 'array') return n;
  if (n.type !== 'identifier') return undefined;
  const value = file.singleBinding(n);
  const v = value ? unwrap(value) : undefined;
  return v && (v.type === 'object' || v.type === 'array') && declaredHere(value!, n.text) && v.parent?.parent?.text.startsWith('const') ? v : undefined;
}

function classField(file: TsFile, member: SyntaxNode, object: SyntaxNode, prop: string): SyntaxNode | undefined {
  let cls: SyntaxNode | null = null;
  if (object.type === 'this') {
    for (let p = member.parent; p; p = p.parent) if (p.type === 'class_declaration' || p.type === 'class' || p.type === 'abstract_class_declaration') { cls = p; break; }
  } else {
    cls = declarations(file).classes.get(object.text) ?? null;
  }
  const body = cls?.childForFieldName('body');
  for (const f of named(body)) {
    if (f.type !== 'public_field_definition' || f.childForFieldName('name')?.text !== prop) continue;
    // Only fields nobody assigns later (`readonly`, or never written as `this.x = ...`).
    const assigned = body!.descendantsOfType('assignment_expression').some((a) => a?.childForFieldName('left')?.text === `this.${prop}`);
    return assigned ? undefined : (f.childForFieldName('value') ?? undefined);
  }
  return undefined;
}

const declCache = new WeakMap<TsFile, { enums: Set<string>; classes: Map<string, SyntaxNode>; aliases: Map<string, SyntaxNode> }>();

/** Enums, classes and type aliases declared in the file, by name (one walk per file). */
function declarations(file: TsFile): { enums: Set<string>; classes: Map<string, SyntaxNode>; aliases: Map<string, SyntaxNode> } {
  let d = declCache.get(file);
  if (d) return d;
  d = { enums: new Set(), classes: new Map(), aliases: new Map() };
  for (const n of file.tree.rootNode.descendantsOfType(['enum_declaration', 'class_declaration', 'abstract_class_declaration', 'type_alias_declaration'])) {
    const name = n?.childForFieldName('name')?.text;
    if (!n || !name) continue;
    if (n.type === 'enum_declaration') d.enums.add(name);
    else if (n.type === 'type_alias_declaration') d.aliases.set(name, n);
    else if (!d.classes.has(name)) d.classes.set(name, n);
  }
  declCache.set(file, d);
  return d;
}

function enumMember(file: TsFile, name: string): boolean {
  return declarations(file).enums.has(name);
}

/** The key a destructuring declarator binds `name` from (`const { limit: l } = x` -> `limit`). */
function destructuredKey(value: SyntaxNode, name: string): string | undefined {
  const d = value.parent;
  const pattern = d?.type === 'variable_declarator' ? d.childForFieldName('name') : undefined;
  if (pattern?.type !== 'object_pattern') return undefined;
  for (const p of named(pattern)) {
    if (p.type === 'shorthand_property_identifier_pattern' && p.text === name) return name;
    if (p.type === 'pair_pattern' && p.childForFieldName('value')?.text === name) return p.childForFieldName('key')?.text;
    if (p.type === 'object_assignment_pattern' && named(p)[0]?.text === name) return name;
  }
  return undefined;
}

/** Is the value of this schema expression free of attacker text (`z.number()`, `z.enum([...])`, `Joi.number()`)? */
function schemaKind(file: TsFile, node: SyntaxNode, depth = 0): 'safe' | 'object' | undefined {
  let n = unwrap(node);
  if (depth > 4) return undefined;
  if (n.type === 'identifier') {
    const v = file.singleBinding(n);
    return v ? schemaKind(file, v, depth + 1) : undefined;
  }
  // Walk down the chain `z.coerce.number().int().min(1)` to its root call.
  const text = n.text.replace(/\s+/g, '');
  if (/^(z|zod|Joi|joi|yup)\.(coerce\.)?(number|bigint|boolean|date|enum|nativeEnum|literal)\(/.test(text) || /^(z|zod)\.string\(\)\.(uuid|cuid|cuid2|ulid|datetime|date|time|email)\(\)/.test(text) || /^(z|zod)\.string\(\)\.regex\(\/\^\[(\\w|a-zA-Z0-9_-]|a-z0-9_-]|a-z0-9-]|\\d)[^/]*\]\+\$\//.test(text)) return 'safe';
  if (/^(Joi|joi)\.string\(\)\.(guid|uuid|valid)\(/.test(text)) return 'safe';
  if (/^(z|zod|Joi|joi|yup)\.object\(/.test(text)) return 'object';
  return undefined;
}

/** `data.limit` where `data = Schema.parse(x)` (or `safeParse(x).data`, `await Schema.parseAsync(x)`) and the schema's `limit` is a non-string type. */
function parsedFieldSafe(file: TsFile, object: SyntaxNode, prop: string): boolean {
  const schema = parsedSchema(file, object);
  if (!schema) return false;
  return fieldSchemaSafe(file, schema, prop);
}

/** class-validator decorators that leave no room for attacker text. */
const VALIDATED_SAFE = /^(IsInt|IsNumber|IsBoolean|IsEnum|IsUUID|IsIn|IsDate|IsPositive|IsNegative|IsNumberString|IsDateString|IsISO8601|IsAlphanumeric|IsMongoId|IsBooleanString)$/;
const FASTIFY_PARTS: Record<string, string> = { query: 'querystring', params: 'params', body: 'body', headers: 'headers' };

/**
 * A field validated to a non-string shape before the handler runs:
 * `dto.limit` where the parameter's class (in this file) declares `@IsInt() limit`,
 * or `request.query.limit` where the Fastify route schema says `type: 'integer'` (or an `enum`).
 */
export function validatedFieldSafe(file: TsFile, object: SyntaxNode, prop: string): boolean {
  const o = unwrap(object);
  if (o.type === 'identifier') {
    for (let scope = enclosingFunction(o); scope; scope = enclosingFunction(scope)) {
      if (file.bindings(scope, o.text).length > 0) return false;
      const p = paramNode(file, scope, o.text);
      if (!p) continue;
      const type = p.childForFieldName('type');
      const name = type ? (named(type)[0] ?? type).text : '';
      const cls = declarations(file).classes.get(name);
      for (const f of named(cls?.childForFieldName('body'))) {
        if (f.type !== 'public_field_definition' || f.childForFieldName('name')?.text !== prop) continue;
        return named(f).some((d) => d.type === 'decorator' && VALIDATED_SAFE.test((named(d)[0]?.type === 'call_expression' ? named(d)[0]!.childForFieldName('function')?.text : named(d)[0]?.text) ?? ''));
      }
      return false;
    }
    return false;
  }
  if (o.type !== 'member_expression') return false;
  const part = FASTIFY_PARTS[o.childForFieldName('property')?.text ?? ''];
  const request = o.childForFieldName('object');
  const fn = enclosingFunction(o);
  if (!part || request?.type !== 'identifier' || !fn) return false;
  const route = file.routeOf(fn);
  const first = named(fn.childForFieldName('parameters'))[0];
  if (!route?.options || (first?.childForFieldName('pattern') ?? first)?.text !== request.text) return false;
  const schemaNode = objectProperty(route.options, 'schema');
  const resolveObject = (n: SyntaxNode | undefined): SyntaxNode | undefined => {
    if (!n) return undefined;
    const u = unwrap(n);
    if (u.type === 'identifier') {
      const v = file.singleBinding(u);
      return v ? unwrap(v) : undefined;
    }
    return u;
  };
  const schema = resolveObject(schemaNode);
  const section = schema?.type === 'object' ? resolveObject(objectProperty(schema, part)) : undefined;
  const properties = section?.type === 'object' ? resolveObject(objectProperty(section, 'properties')) : undefined;
  const field = properties?.type === 'object' ? resolveObject(objectProperty(properties, prop)) : undefined;
  if (field?.type !== 'object') return false;
  const t = objectProperty(field, 'type');
  const typeName = t ? file.constantString(t) : undefined;
  return (typeName !== undefined && /^(integer|number|boolean)$/.test(typeName)) || (!!objectProperty(field, 'enum') && !objectProperty(field, 'anyOf'));
}

function fieldSchemaSafe(file: TsFile, schema: SyntaxNode, prop: string): boolean {
  let s = unwrap(schema);
  if (s.type === 'identifier') {
    const v = file.singleBinding(s);
    if (!v) return false;
    s = unwrap(v);
  }
  // `z.object({...})` possibly followed by `.strict()` etc.: find the object literal.
  const call = s.type === 'call_expression' ? firstCallOf(file, s, 'object') : undefined;
  const shape = call ? callArgs(call)[0] : undefined;
  const field = shape ? objectProperty(shape, prop) : undefined;
  return !!field && schemaKind(file, field) === 'safe';
}

function firstCallOf(file: TsFile, n: SyntaxNode, method: string): SyntaxNode | undefined {
  for (let c: SyntaxNode | undefined = n; c && c.type === 'call_expression'; c = file.receiver(c)) if (file.methodName(c) === method) return c;
  return undefined;
}

/** The schema a value was parsed with. */
function parsedSchema(file: TsFile, object: SyntaxNode, depth = 0): SyntaxNode | undefined {
  let o = unwrap(object);
  if (o.type === 'await_expression' && named(o)[0]) o = unwrap(named(o)[0]!);
  if (depth > 3) return undefined;
  if (o.type === 'call_expression' && /^(parse|parseAsync|validateAsync|attempt)$/.test(file.methodName(o) ?? '')) {
    if (file.methodName(o) === 'attempt') return callArgs(o)[1];
    return file.receiver(o);
  }
  if (o.type === 'member_expression' && o.childForFieldName('property')?.text === 'data') {
    const inner = o.childForFieldName('object');
    const i = inner ? unwrap(inner) : undefined;
    if (i?.type === 'call_expression' && /^safeParse(Async)?$/.test(file.methodName(i) ?? '')) return file.receiver(i);
    if (i?.type === 'identifier') {
      const v = file.singleBinding(i);
      const vv = v ? unwrap(v) : undefined;
      if (vv?.type === 'call_expression' && /^safeParse(Async)?$/.test(file.methodName(vv) ?? '')) return file.receiver(vv);
    }
  }
  if (o.type === 'identifier') {
    const v = file.singleBinding(o);
    return v && !destructuredKey(v, o.text) ? parsedSchema(file, v, depth + 1) : undefined;
  }
  return undefined;
}

function safeIdentifier(file: TsFile, n: SyntaxNode, depth: number): string | undefined {
  if (n.text === 'undefined' || n.text === 'NaN' || n.text === 'Infinity') return 'constant';
  const fn = enclosingFunction(n);
  if (allowListed(file, n)) return 'allow-list';
  // Bindings in the function (all of them: any unsafe one makes the name unsafe).
  for (let scope: SyntaxNode | undefined = fn; scope; scope = enclosingFunction(scope)) {
    const values = file.bindings(scope, n.text);
    if (values.length > 0) return values.every((v) => safeBinding(file, v, n.text, depth)) ? 'constant' : undefined;
    const param = paramNode(file, scope, n.text);
    if (param) return safeParam(file, scope, param);
  }
  const global = file.bindings(file.tree.rootNode, n.text);
  if (global.length > 0) return global.every((v) => safeBinding(file, v, n.text, depth)) ? 'constant' : undefined;
  return undefined;
}

function safeBinding(file: TsFile, value: SyntaxNode, name: string, depth: number): boolean {
  if (value.type === 'augmented_assignment_expression') {
    const right = value.childForFieldName('right');
    return !!right && !!safeWhy(file, right, depth + 1);
  }
  if (value.type === 'function_declaration') return false;
  const key = destructuredKey(value, name);
  if (key) {
    const schema = parsedSchema(file, value);
    if (schema && fieldSchemaSafe(file, schema, key)) return true;
    if (validatedFieldSafe(file, value, key)) return true;
    const obj = constantObject(file, value);
    const field = obj ? objectProperty(obj, key) : undefined;
    return !!field && !!safeWhy(file, field, depth + 1);
  }
  const d = value.parent;
  if (d?.type === 'variable_declarator' && d.childForFieldName('name')?.type === 'array_pattern') return false;
  // `for (const col of COLUMNS)`: every element.
  if (d?.type === 'for_in_statement') return safeCollection(file, value, depth + 1);
  return !!safeWhy(file, value, depth + 1);
}

/** The parameter node declaring `name` in `fn`, if any. */
function paramNode(file: TsFile, fn: SyntaxNode, name: string): SyntaxNode | undefined {
  const single = fn.childForFieldName('parameter');
  if (single?.text === name) return single;
  if (!file.paramNames(fn).includes(name)) return undefined;
  for (const p of named(fn.childForFieldName('parameters'))) {
    const pattern = p.childForFieldName('pattern') ?? p;
    if (pattern.text === name || pattern.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']).some((i) => i?.text === name)) return p;
  }
  return undefined;
}

function safeParam(file: TsFile, fn: SyntaxNode, p: SyntaxNode): string | undefined {
  const type = p.childForFieldName('type');
  if (type && safeTypeAnnotation(file, named(type)[0] ?? type)) return 'number';
  const deco = named(p).find((c) => c.type === 'decorator');
  if (deco && callArgsOf(named(deco)[0]).some((a) => SAFE_PIPES.test(unwrap(a).type === 'new_expression' ? (unwrap(a).childForFieldName('constructor')?.text ?? '') : a.text))) return 'number';
  // The index of `.map((item, i) => ...)` / `.forEach`.
  const params = named(fn.childForFieldName('parameters'));
  const call = fn.parent?.type === 'arguments' ? fn.parent.parent : undefined;
  if (call?.type === 'call_expression' && /^(map|forEach|flatMap|filter|reduce)$/.test(file.methodName(call) ?? '') && params.findIndex((x) => x.id === p.id) === 1 && file.methodName(call) !== 'reduce') return 'number';
  return undefined;
}

function callArgsOf(node: SyntaxNode | undefined): SyntaxNode[] {
  return node?.type === 'call_expression' ? callArgs(node) : [];
}

function safeTypeAnnotation(file: TsFile, type: SyntaxNode): boolean {
  const t = unwrap(type);
  if (t.type === 'predefined_type') return SAFE_TYPE.test(t.text);
  if (t.type === 'literal_type') return true;
  if (t.type === 'union_type') return named(t).every((c) => safeTypeAnnotation(file, c));
  if (t.type === 'parenthesized_type') return named(t).every((c) => safeTypeAnnotation(file, c));
  if (t.type === 'type_identifier') {
    if (SAFE_TYPE.test(t.text) || enumMember(file, t.text)) return true;
    // `type SortOrder = 'asc' | 'desc'` in this file.
    const alias = declarations(file).aliases.get(t.text);
    const value = alias?.childForFieldName('value');
    return !!value && value.type !== 'type_identifier' && safeTypeAnnotation(file, value);
  }
  return false;
}

// ------------------------------------------------------------------ guards

/** Whitespace-insensitive text of an expression. */
export const keyOf = (n: SyntaxNode): string => unwrap(n).text.replace(/\s+/g, '');

/** `segment`: the value holds no `/` (one path component; `..` alone then names a directory, never a file beyond it). */
type GuardKind = 'allow' | 'path' | 'host' | 'segment';

interface Guard {
  readonly kind: GuardKind;
  readonly subjects: readonly string[];
  /** Uses inside [from, scope end) are guarded. */
  readonly from: number;
  readonly scope: SyntaxNode;
  readonly at: number;
}

const guardCache = new WeakMap<TsFile, Map<number, Guard[]>>();

function guardsOf(file: TsFile, fn: SyntaxNode | undefined): Guard[] {
  const scope = fn ?? file.tree.rootNode;
  let cache = guardCache.get(file);
  if (!cache) guardCache.set(file, (cache = new Map()));
  const hit = cache.get(scope.id);
  if (hit) return hit;
  const out: Guard[] = [];
  const body = fn ? fn.childForFieldName('body') : scope;
  const walk = (node: SyntaxNode): void => {
    for (const c of named(node)) {
      if (FUNCTION_TYPES.has(c.type) || c.type === 'class_declaration') continue;
      if (c.type === 'if_statement') ifGuards(file, c, out);
      walk(c);
    }
  };
  if (body) walk(body);
  cache.set(scope.id, out);
  return out;
}

/** Does a statement (block) always leave: return, throw, `next(err)`-return? */
function exits(node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'return_statement' || node.type === 'throw_statement' || node.type === 'continue_statement' || node.type === 'break_statement') return true;
  if (node.type === 'statement_block') return exits(named(node).at(-1));
  if (node.type === 'expression_statement') return /^process\.exit\(/.test(node.text);
  return false;
}

function ifGuards(file: TsFile, stmt: SyntaxNode, out: Guard[]): void {
  const cond = stmt.childForFieldName('condition');
  const consequence = stmt.childForFieldName('consequence');
  const scope = stmt.parent;
  if (!cond || !consequence || !scope) return;
  if (!/includes|has|startsWith|test|===|!==|==|!=|in\b|match/.test(cond.text) && !/^[!(\s]*[A-Za-z_$][\w$.]*\s*\(/.test(cond.text)) return;
  for (const kind of ['allow', 'path', 'host', 'segment'] as const) {
    if (exits(consequence) && !stmt.childForFieldName('alternative')) {
      const rejected = conditionSubjects(file, cond, kind, false);
      if (rejected.length > 0) out.push({ kind, subjects: rejected, from: stmt.endIndex, scope, at: stmt.startIndex });
    }
    const accepted = conditionSubjects(file, cond, kind, true);
    if (accepted.length > 0) out.push({ kind, subjects: accepted, from: consequence.startIndex, scope: consequence, at: stmt.startIndex });
  }
}

/** validator.js / class-validator checks of a format that holds no quote, space or semicolon. */
const FORMAT_CHECK = /^is(UUID|Int|Numeric|ISO8601\w*|Alphanumeric|Alpha|Hexadecimal|MongoId|Decimal|Port|IP|Boolean|Hash|JWT|Slug|Semver|ISO31661Alpha2|Locale|MimeType|Currency)$/;

/** Keys of the values a condition proves safe when it is `positive` (true) or not (false). */

function conditionSubjects(file: TsFile, cond: SyntaxNode, kind: GuardKind, positive: boolean, depth = 0): string[] {
  const c = unwrap(cond);
  // `isAllowed(key)`: a predicate of this file whose returned test vouches for its parameter vouches for the argument.
  if (c.type === 'call_expression' && depth < 2) {
    const helper = predicateHelper(file, c);
    if (helper) {
      const proven = conditionSubjects(file, helper.returned, kind, positive, depth + 1);
      const args = callArgs(c);
      return helper.params.flatMap((p, i) => (proven.includes(p) && args[i] ? [keyOf(args[i]!)] : []));
    }
  }
  if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
    const arg = c.childForFieldName('argument');
    return arg ? conditionSubjects(file, arg, kind, !positive, depth) : [];
  }
  if (c.type === 'binary_expression') {
    const op = c.childForFieldName('operator')?.text;
    const left = c.childForFieldName('left');
    const right = c.childForFieldName('right');
    if (!left || !right) return [];
    if ((op === '||' && !positive) || (op === '&&' && positive)) {
      const both = [...conditionSubjects(file, left, kind, positive, depth), ...conditionSubjects(file, right, kind, positive, depth)];
      if (kind === 'path' && !positive && op === '||') both.push(...separatorBlacklist(file, c));
      return both;
    }
    if (op === '||' || op === '&&') return [];
    if (kind === 'segment') return separatorIndexTest(file, c, positive);
    const eq = positive ? op === '===' || op === '==' : op === '!==' || op === '!=';
    if (eq && kind !== 'path') {
      const lc = file.constantString(left);
      const rc = file.constantString(right);
      if (lc === undefined && rc === undefined) return [];
      const subject = lc !== undefined ? right : left;
      return kind === 'host' ? hostSubjects(file, subject) : [keyOf(subject)];
    }
    if (kind === 'allow' && op === 'in' && positive) return [keyOf(left)];
    // `path.relative(root, p).startsWith('..')` written as a comparison is not handled; see the call form.
    return [];
  }
  if (kind === 'segment') {
    // `name.includes('/')` / `/\//.test(name)` false: no separator in `name`.
    if (c.type !== 'call_expression' || positive) return [];
    const method = file.methodName(c);
    const receiver = file.receiver(c);
    const arg = callArgs(c)[0];
    if (!receiver || !arg) return [];
    if (method === 'includes' && file.constantString(arg) === '/') return [keyOf(receiver)];
    if (method === 'test' && unwrap(receiver).type === 'regex' && /^(\\\/|\[\\\/\]|\/)$/.test(unwrap(receiver).childForFieldName('pattern')?.text ?? '')) return [keyOf(arg)];
    return [];
  }
  if (c.type !== 'call_expression' || !positive) return [];
  const method = file.methodName(c) ?? '';
  const receiver = file.receiver(c);
  const args = callArgs(c);
  // validator.js / class-validator format checks (`isUUID(id)`, `isISO8601Duration(d)`): a value of such a
  // format holds no quote, space or semicolon, so it cannot leave its place in the SQL text.
  if (kind === 'allow' && FORMAT_CHECK.test(method) && args[0] && (!receiver || /^(validator|validators|v)$/.test(unwrap(receiver).text))) return [keyOf(args[0])];
  if (!receiver || args.length === 0) return [];
  if ((method === 'includes' || method === 'has') && (kind === 'allow' || kind === 'host')) {
    // `ALLOWED.includes(x)` where ALLOWED is a constant collection (not `x.includes('..')`).
    if (!constantCollection(file, receiver)) return [];
    return kind === 'host' ? hostSubjects(file, args[0]!) : [keyOf(args[0]!)];
  }
  if (method === 'startsWith' && kind === 'path') return normalisedSubjects(file, receiver);
  if (method === 'startsWith' && kind === 'host') {
    const prefix = file.constantString(args[0]!);
    return prefix !== undefined && /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@]+[/?#]/.test(prefix) ? [keyOf(receiver)] : [];
  }
  if (method === 'test' && unwrap(receiver).type === 'regex' && kind !== 'host') {
    const pattern = unwrap(receiver).childForFieldName('pattern')?.text ?? '';
    return safeNamePattern(pattern) ? [keyOf(args[0]!)] : [];
  }
  return [];
}

/**
 * A call to a function of this file (`function isAllowed(key) { return
 * KEYS.includes(key) }`, `const ok = (k) => …`) whose body is one returned
 * test: its plain parameters and that test. A helper doing anything else
 * (`return key.length > 0`, several statements) proves only what its test does.
 */
const topFunctions = new WeakMap<TsFile, Map<string, SyntaxNode | null>>();

/** Top-level functions of the file by name (declared or `const f = () => …`), built once per file; null for a name bound twice. */
function topLevelFunction(file: TsFile, name: string): SyntaxNode | undefined {
  let map = topFunctions.get(file);
  if (!map) {
    map = new Map();
    const add = (n: string | undefined, fn: SyntaxNode): void => {
      if (n) map!.set(n, map!.has(n) ? null : fn);
    };
    for (const top of named(file.tree.rootNode)) {
      const decl = top.type === 'export_statement' ? named(top).find((c) => c.type !== 'decorator') : top;
      if (decl?.type === 'function_declaration') add(decl.childForFieldName('name')?.text, decl);
      else if (decl?.type === 'lexical_declaration') {
        for (const d of named(decl)) {
          const value = d.type === 'variable_declarator' ? d.childForFieldName('value') : null;
          if (value && (value.type === 'arrow_function' || value.type === 'function_expression')) add(d.childForFieldName('name')?.text, value);
        }
      }
    }
    topFunctions.set(file, map);
  }
  return map.get(name) ?? undefined;
}

function predicateHelper(file: TsFile, call: SyntaxNode): { params: string[]; returned: SyntaxNode } | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  const fn = topLevelFunction(file, callee.text);
  if (!fn) return undefined;
  const body = fn.childForFieldName('body');
  let returned: SyntaxNode | null | undefined;
  if (body?.type === 'statement_block') {
    const stmts = named(body).filter((s) => s.type !== 'comment');
    returned = stmts.length === 1 && stmts[0]!.type === 'return_statement' ? named(stmts[0]!)[0] : undefined;
  } else returned = body;
  if (!returned) return undefined;
  const params = file.paramNames(fn);
  return { params, returned };
}

/** `name.indexOf('/') === -1` (or `< 0`) true, `!== -1` false: no separator in `name`. */
function separatorIndexTest(file: TsFile, c: SyntaxNode, positive: boolean): string[] {
  const op = c.childForFieldName('operator')?.text;
  const left = c.childForFieldName('left');
  const right = c.childForFieldName('right');
  const call = left && unwrap(left).type === 'call_expression' ? unwrap(left) : undefined;
  if (!call || !right || file.methodName(call) !== 'indexOf' || unwrap(right).text.replace(/\s+/g, '') !== '-1' && !(op === '<' && unwrap(right).text === '0')) return [];
  const arg = callArgs(call)[0];
  const receiver = file.receiver(call);
  if (!receiver || !arg || file.constantString(arg) !== '/') return [];
  const absent = op === '===' || op === '==' || op === '<' ? positive : op === '!==' || op === '!=' ? !positive : undefined;
  return absent ? [keyOf(receiver)] : [];
}

/** `if (name.includes('..') || name.includes('/')) throw`: both the parent step and the separator refused. */
function separatorBlacklist(file: TsFile, c: SyntaxNode): string[] {
  const seen = new Map<string, Set<string>>();
  const visit = (n: SyntaxNode): void => {
    const u = unwrap(n);
    if (u.type === 'binary_expression' && u.childForFieldName('operator')?.text === '||') {
      for (const side of [u.childForFieldName('left'), u.childForFieldName('right')]) if (side) visit(side);
    } else if (u.type === 'call_expression' && file.methodName(u) === 'includes') {
      const r = file.receiver(u);
      const v = callArgs(u)[0] ? file.constantString(callArgs(u)[0]!) : undefined;
      if (r && v !== undefined) {
        const set = seen.get(keyOf(r)) ?? new Set();
        set.add(v);
        seen.set(keyOf(r), set);
      }
    }
  };
  visit(c);
  return [...seen].filter(([, set]) => set.has('..') && (set.has('/') || set.has(path_sep))).map(([k]) => k);
}
const path_sep = '\\';

function constantCollection(file: TsFile, node: SyntaxNode): boolean {
  const n = unwrap(node);
  if (n.type === 'array') return named(n).every((c) => file.constantString(c) !== undefined);
  if (n.type === 'new_expression' && file.callee(n) === 'Set') {
    const arg = callArgs(n)[0];
    return !arg || constantCollection(file, arg);
  }
  if (n.type === 'call_expression' && file.callee(n) === 'Object.keys') return true;
  if (n.type === 'identifier' || n.type === 'member_expression') {
    // A module constant, a class constant or a configured list (`config.allowedHosts`, `ALLOWED_HOSTS`): what is in it is the deployment's choice.
    if (n.type === 'member_expression') return /allow|permit|trusted|whitelist|known|valid|sortable|columns/i.test(n.text);
    const v = file.singleBinding(n);
    if (!v) return /^[A-Z][A-Z0-9_]*$/.test(n.text);
    return constantCollection(file, v) || /^[A-Z][A-Z0-9_]*$/.test(n.text) || /process\.env/.test(v.text);
  }
  return false;
}

/** A regex that only matches single path components: anchored, no `/`, no `.` wildcard, no broad classes. */
function safeNamePattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  if (pattern.includes('/') || /\\[SWDs]/.test(pattern) || pattern.includes('[^')) return false;
  const outside = pattern.replace(/\[(?:\\.|[^\]])*\]/g, '').replace(/\\./g, '');
  if (outside.includes('.')) return false;
  // Inside classes, a `.` is literal: `[\w.-]+` admits `..` only with other characters around it, which is not a parent step alone.
  return !/\[[^\]]*\.[^\]]*\][+*]/.test(pattern);
}

/** Path expressions a `startsWith` check on `node` vouches for: only normalised ones (`path.resolve`, `path.join`, `path.normalize`, `realpath`). */
function normalisedSubjects(file: TsFile, node: SyntaxNode): string[] {
  const n = unwrap(node);
  if (n.type === 'call_expression' && /^path\.(resolve|join|normalize)$|^(fs\.)?realpathSync$|realpath$/.test(file.callee(n) ?? '')) {
    // `path.resolve(p).startsWith(...)` vouches for `p` too: file functions resolve it the same way.
    const args = callArgs(n);
    return args.length === 1 && /^path\.(resolve|normalize)$/.test(file.callee(n) ?? '') ? [keyOf(n), keyOf(args[0]!)] : [keyOf(n)];
  }
  if (n.type === 'identifier') {
    const v = file.singleBinding(n);
    const vv = v ? unwrap(v.type === 'await_expression' && named(v)[0] ? named(v)[0]! : v) : undefined;
    if (vv?.type === 'call_expression' && /^(path\.(resolve|join|normalize)|fs\.realpathSync|fs\.promises\.realpath|fs\/promises\.realpath|realpath|realpathSync)$/.test(file.callee(vv) ?? '')) return [keyOf(n)];
  }
  return [];
}

/** Values a host test vouches for: `new URL(x).hostname` -> x; `u.hostname` with `u = new URL(x)` -> u and x; `host` bound to either. */
function hostSubjects(file: TsFile, node: SyntaxNode, depth = 0): string[] {
  const n = unwrap(node);
  if (depth > 3) return [];
  if (n.type === 'member_expression' && /^(hostname|host|origin)$/.test(n.childForFieldName('property')?.text ?? '')) {
    const o = unwrap(n.childForFieldName('object')!);
    if (o.type === 'new_expression' && /^(URL|url\.URL)$/.test(file.callee(o) ?? '')) return callArgs(o)[0] ? [keyOf(callArgs(o)[0]!)] : [];
    if (o.type === 'identifier') {
      const v = file.singleBinding(o);
      const vv = v ? unwrap(v) : undefined;
      if (vv?.type === 'new_expression' && /^(URL|url\.URL)$/.test(file.callee(vv) ?? '') && callArgs(vv)[0]) return [keyOf(o), keyOf(callArgs(vv)[0]!)];
      if (vv?.type === 'call_expression' && /^(url\.parse|parse)$/.test(file.callee(vv) ?? '') && callArgs(vv)[0]) return [keyOf(o), keyOf(callArgs(vv)[0]!)];
    }
    return [];
  }
  if (n.type === 'identifier') {
    const v = file.singleBinding(n);
    if (v && v.parent?.type === 'variable_declarator' && v.parent.childForFieldName('name')?.type === 'object_pattern') {
      // `const { hostname } = new URL(url)`
      const vv = unwrap(v);
      if (vv.type === 'new_expression' && callArgs(vv)[0]) return [keyOf(callArgs(vv)[0]!)];
      return [];
    }
    return v ? hostSubjects(file, v, depth + 1) : [];
  }
  // An exact URL allow-list: `ALLOWED_URLS.includes(url)`.
  return [keyOf(n)];
}

/** Has a guard of `kind` vouched for `node` (an expression at this position)? */
export function guarded(file: TsFile, node: SyntaxNode, kind: GuardKind): boolean {
  const guards = guardsOf(file, enclosingFunction(node));
  if (guards.length === 0) return false;
  const k = keyOf(node);
  for (const g of guards) {
    if (g.kind !== kind || node.startIndex < g.from || node.endIndex > g.scope.endIndex) continue;
    if (!g.subjects.includes(k)) continue;
    // Rebinding the checked name after the guard voids it.
    const n = unwrap(node);
    if (n.type === 'identifier') {
      const fn = enclosingFunction(n);
      if (fn && file.bindings(fn, n.text).some((v) => v.startIndex > g.at && v.endIndex <= n.startIndex)) continue;
    }
    return true;
  }
  return false;
}

function allowListed(file: TsFile, n: SyntaxNode): boolean {
  return guarded(file, n, 'allow');
}

// ------------------------------------------------------------------ request taint

/** `file`: a path a file is opened at (read, written, sent), where one path component cannot leave its folder; `path`: any file-system path (directories too). */
export type TaintKind = 'path' | 'file' | 'url' | 'any';

/** Request-object properties holding client input. */
const REQUEST_PROPS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'file', 'files', 'url', 'originalUrl', 'path', 'hostname', 'raw', 'rawBody']);
/** Request-object methods returning client input. */
const REQUEST_METHODS = new Set(['get', 'header', 'param', 'file', 'files', 'parts', 'formData', 'json', 'text']);
const REQUEST_TYPE = /^(express\.)?Request\b|^FastifyRequest\b|^(Express\.)?Request$|^IncomingMessage$|^http\.IncomingMessage$|^NextRequest$/;
const NEST_INPUT = /^(Body|Query|Param|Params|Headers|Cookies|UploadedFile|UploadedFiles|Ip|HostParam)$/;
const NEST_REQUEST = /^(Req|Request)$/;
const MULTER_GENERATED = new Set(['path', 'filename', 'destination', 'size', 'mimetype']);
/** Calls that return their argument's shape. */
const PASS_CALLS = /^(String|path\.(join|resolve|normalize|posix\.join|win32\.join|format|dirname)|decodeURI|decodeURIComponent|URL|url\.URL|url\.resolve|url\.format|Buffer\.from|Array\.from|Object\.assign|JSON\.parse|structuredClone|unescape)$/;
/** Calls whose result cannot carry the taint. */
const CLEAN_CALLS = /^(Number|parseInt|parseFloat|Boolean|Number\.parseInt|Number\.parseFloat|Math\.\w+|isNaN|Date\.now|crypto\.randomUUID|randomUUID|uuid\.v4|v4|JSON\.stringify|crypto\.createHash)$/;
const PATH_SANITISERS = /^(path\.basename|path\.posix\.basename|path\.win32\.basename|path\.extname|sanitize-filename|sanitizeFilename|sanitize)$/;
const URL_SANITISERS = /^(encodeURIComponent|querystring\.stringify|qs\.stringify|querystring\.escape)$/;
/** Methods on a tainted receiver whose result is not a string (tests, sizes) or holds no path/host. */
const CLEAN_METHODS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'test', 'has', 'length', 'localeCompare', 'exec', 'search', 'getTime', 'toFixed']);

export class FunctionTaint {
  private readonly memo = new Map<string, boolean>();
  private readonly busy = new Set<string>();
  private roles: Map<string, 'tainted' | 'request'> | undefined;

  constructor(
    readonly file: TsFile,
    readonly fn: SyntaxNode,
  ) {}

  /** Parameters that are request input or the request object. */
  get paramRoles(): Map<string, 'tainted' | 'request'> {
    if (this.roles) return this.roles;
    const roles = new Map<string, 'tainted' | 'request'>();
    const params = named(this.fn.childForFieldName('parameters'));
    const single = this.fn.childForFieldName('parameter');
    const names = params.map((p) => (p.childForFieldName('pattern') ?? p).text);
    const handlerShape = (names[1] !== undefined && /^(res|response|reply|rep|h)$/.test(names[1])) || !!this.file.routeOf(this.fn);
    for (const p of params) {
      const pattern = p.childForFieldName('pattern') ?? p;
      if (pattern.type !== 'identifier') {
        // `({ body, query }, res) =>` destructures the request.
        if (pattern.type === 'object_pattern' && p === params[0] && handlerShape) for (const id of this.file.paramNames(this.fn)) if (REQUEST_PROPS.has(id)) roles.set(id, 'tainted');
        continue;
      }
      const typeNode = p.childForFieldName('type');
      const type = typeNode ? (named(typeNode)[0] ?? typeNode).text : '';
      const deco = named(p).find((c) => c.type === 'decorator');
      const decoCall = deco ? named(deco)[0] : undefined;
      const decoName = decoCall?.type === 'call_expression' ? decoCall.childForFieldName('function')?.text : decoCall?.text;
      if (decoName && NEST_REQUEST.test(decoName)) {
        roles.set(pattern.text, 'request');
        continue;
      }
      if (decoName && NEST_INPUT.test(decoName)) {
        if (typeNode && safeTypeAnnotation(this.file, named(typeNode)[0] ?? typeNode)) continue;
        if (callArgsOf(decoCall).some((a) => SAFE_PIPES.test(unwrap(a).type === 'new_expression' ? (unwrap(a).childForFieldName('constructor')?.text ?? '') : a.text))) continue;
        roles.set(pattern.text, 'tainted');
        continue;
      }
      if (REQUEST_TYPE.test(type) || (!typeNode && /^(req|request)$/.test(pattern.text) && (handlerShape || p === params[0]))) roles.set(pattern.text, 'request');
    }
    if (single && /^(req|request)$/.test(single.text)) roles.set(single.text, 'request');
    this.roles = roles;
    return roles;
  }

  /** Is `node` derived from request input? */
  tainted(node: SyntaxNode, kind: TaintKind = 'any', depth = 0): boolean {
    return memoized(this.memo, this.busy, `${kind}:${node.id}`, depth, () => this.compute(unwrap(node), kind, depth + 1));
  }

  private compute(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    if ((kind === 'path' || kind === 'file') && guarded(this.file, n, 'path')) return false;
    if (kind === 'file' && guarded(this.file, n, 'segment')) return false;
    // `if (!ALLOWED.includes(key)) return`: the value is one of the constants, whatever the sink.
    if ((n.type === 'identifier' || n.type === 'member_expression') && guarded(this.file, n, 'allow')) return false;
    if (kind === 'url' && guarded(this.file, n, 'host')) return false;
    const any = (nodes: (SyntaxNode | null | undefined)[]): boolean => nodes.some((c) => !!c && this.tainted(c, kind, depth));
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.identifier(n, kind, depth);
      case 'member_expression':
        return this.member(n, kind, depth);
      case 'subscript_expression': {
        const object = n.childForFieldName('object');
        if (!object) return false;
        if (this.isRequestObject(object)) return true; // `req['body']`
        return this.tainted(object, kind, depth);
      }
      case 'call_expression':
        return this.call(n, kind, depth);
      case 'new_expression': {
        const callee = this.file.callee(n) ?? '';
        if (/^(URL|url\.URL)$/.test(callee)) {
          const args = callArgs(n);
          // `new URL(path, BASE)`: an absolute `path` replaces the base, so the first argument decides.
          return !!args[0] && this.tainted(args[0], kind, depth);
        }
        return false;
      }
      case 'await_expression':
      case 'parenthesized_expression':
      case 'spread_element':
      case 'template_substitution':
        return any(named(n));
      case 'template_string':
        return any(n.namedChildren.filter((c) => c?.type === 'template_substitution'));
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        if (op !== '+' && op !== '??' && op !== '||' && op !== '&&') return false;
        return any([n.childForFieldName('left'), n.childForFieldName('right')]);
      }
      case 'ternary_expression': {
        // `ALLOWED.includes(x) ? x : 'jpg'`: the branch an allow-list check vouches for is one of its constants.
        const cond = n.childForFieldName('condition');
        const vouched = (branch: SyntaxNode | null, positive: boolean) => !!branch && !!cond && conditionSubjects(this.file, cond, 'allow', positive).includes(keyOf(branch));
        const consequence = n.childForFieldName('consequence');
        const alternative = n.childForFieldName('alternative');
        return any([vouched(consequence, true) ? null : consequence, vouched(alternative, false) ? null : alternative]);
      }
      case 'array':
        return any(named(n));
      case 'object':
        return named(n).some((p) => (p.type === 'pair' ? this.tainted(p.childForFieldName('value')!, kind, depth) : p.type === 'spread_element' || p.type === 'shorthand_property_identifier' ? this.tainted(p, kind, depth) : false));
      case 'augmented_assignment_expression':
        return any([n.childForFieldName('left'), n.childForFieldName('right')]);
      default:
        return false;
    }
  }

  private identifier(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    const { values, orParam } = this.reaching(n);
    for (const v of values) {
      if (v.type === 'function_declaration') continue;
      const key = destructuredKey(v, n.text);
      if (key) {
        // `const { limit } = Schema.parse(req.query)` with `limit: z.coerce.number()`.
        const schema = parsedSchema(this.file, v);
        if (schema && fieldSchemaSafe(this.file, schema, key)) continue;
        if (validatedFieldSafe(this.file, v, key)) continue;
      }
      // `const { body, query } = req`; `const { method } = req` is not input; nested patterns are.
      if (this.isRequestObject(v)) {
        if (!key || REQUEST_PROPS.has(key)) return true;
        continue;
      }
      if (this.tainted(v, kind, depth)) return true;
    }
    if (values.length > 0 && !orParam) return false;
    const role = this.paramRoles.get(n.text);
    if (role) return role === 'tainted';
    if (this.file.paramNames(this.fn).includes(n.text)) return false;
    // A closure reading its handler's variable.
    const outer = enclosingFunction(this.fn);
    if (outer && values.length === 0) return taintOf(this.file, outer).tainted(n, kind, depth);
    return false;
  }

  /** Bindings of a name in this function that reach `use`: the last one before it, and earlier ones while later ones sit in branches. */
  reaching(use: SyntaxNode): { values: SyntaxNode[]; orParam: boolean } {
    const all = this.file.bindings(this.fn, use.text).filter((v) => v.endIndex <= use.startIndex || (v.parent?.type === 'for_in_statement' && v.parent.startIndex < use.startIndex));
    const values: SyntaxNode[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const v = all[i]!;
      values.push(v);
      const block = blockOf(v, this.fn);
      if (v.type !== 'augmented_assignment_expression' && block && block.startIndex <= use.startIndex && use.endIndex <= block.endIndex) return { values, orParam: false };
    }
    return { values, orParam: true };
  }

  isRequestObject(node: SyntaxNode): boolean {
    const n = unwrap(node);
    if (n.type === 'identifier') return this.paramRoles.get(n.text) === 'request' && this.reaching(n).values.length === 0 ? true : this.outerRequest(n);
    if (n.type === 'member_expression') return n.childForFieldName('property')?.text === 'req' && /^(this|ctx|context)$/.test(n.childForFieldName('object')?.text ?? '');
    return false;
  }

  private outerRequest(n: SyntaxNode): boolean {
    if (this.file.paramNames(this.fn).includes(n.text) || this.file.bindings(this.fn, n.text).length > 0) return false;
    const outer = enclosingFunction(this.fn);
    return !!outer && taintOf(this.file, outer).isRequestObject(n);
  }

  private member(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    const object = n.childForFieldName('object');
    const prop = n.childForFieldName('property')?.text ?? '';
    if (!object) return false;
    if (this.isRequestObject(object)) return REQUEST_PROPS.has(prop);
    if (prop === 'length' || prop === 'size') return false;
    // multer's `req.file.path`/`filename` are generated by the server (the client's name is `originalname`).
    if (MULTER_GENERATED.has(prop) && this.uploadedFile(object)) return false;
    if (parsedFieldSafe(this.file, object, prop) || validatedFieldSafe(this.file, object, prop)) return false;
    // `new URL(x).pathname` / `.search`: a part after the host.
    if (!this.tainted(object, kind, depth)) return false;
    return true;
  }

  /** `req.file`, `req.files[i]`, `req.files.avatar[0]`. */
  private uploadedFile(node: SyntaxNode): boolean {
    let n = unwrap(node);
    for (let i = 0; i < 3 && n.type === 'subscript_expression'; i++) n = unwrap(n.childForFieldName('object')!);
    if (n.type === 'member_expression' && n.childForFieldName('object') && this.isRequestObject(n.childForFieldName('object')!)) return /^(file|files)$/.test(n.childForFieldName('property')?.text ?? '');
    if (n.type === 'member_expression') return this.uploadedFile(n.childForFieldName('object')!) && /^\w+$/.test(n.childForFieldName('property')?.text ?? '');
    return false;
  }

  private call(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    const args = callArgs(n);
    const anyArg = (): boolean => args.some((a) => this.tainted(a, kind, depth));
    const receiver = this.file.receiver(n);
    const method = this.file.methodName(n) ?? '';
    if (receiver && this.isRequestObject(receiver)) return REQUEST_METHODS.has(method);
    const callee = this.file.callee(n);
    if (callee !== undefined) {
      if (CLEAN_CALLS.test(callee)) return false;
      if ((kind === 'path' || kind === 'file') && PATH_SANITISERS.test(callee)) return false;
      if (kind === 'url' && URL_SANITISERS.test(callee)) return false;
      if (PASS_CALLS.test(callee)) return anyArg();
    }
    // Schema parsing: the parsed value is as tainted as its input (fields of safe types are handled by `member`).
    if (receiver && /^(parse|parseAsync|validateAsync)$/.test(method)) {
      if (schemaKind(this.file, receiver) === 'safe') return false;
      return anyArg();
    }
    if (receiver && method === 'attempt' && /^(Joi|joi)$/.test(receiver.text)) return !!args[0] && this.tainted(args[0], kind, depth);
    const fn = n.childForFieldName('function');
    if (!receiver || fn?.type !== 'member_expression') return false; // an unknown function: no interprocedural guesses
    if (CLEAN_METHODS.has(method)) return false;
    if (method === 'join' || method === 'concat' || method === 'replace' || method === 'replaceAll') {
      if (this.tainted(receiver, kind, depth)) return true;
      return (method === 'join' || method === 'concat') && anyArg();
    }
    // `name.trim()`, `parts.slice(1)`, `req.query.file.toString()`: the receiver's taint flows through.
    return this.tainted(receiver, kind, depth);
  }
}

function blockOf(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (n.type === 'statement_block' || n.type === 'switch_case' || n.type === 'else_clause') return n.type === 'statement_block' && n.parent?.id === fn.id ? fn : n;
  return fn;
}

const taintCache = new WeakMap<TsFile, Map<number, FunctionTaint>>();

/** The taint tracker of one function (memoised per file). */
export function taintOf(file: TsFile, fn: SyntaxNode): FunctionTaint {
  let map = taintCache.get(file);
  if (!map) taintCache.set(file, (map = new Map()));
  let t = map.get(fn.id);
  if (!t) map.set(fn.id, (t = new FunctionTaint(file, fn)));
  return t;
}

// ------------------------------------------------------------------ URLs

export type UrlState = 'none' | 'host-fixed' | 'full';

type UrlPart = { kind: 'const'; text: string } | { kind: 'taint' } | { kind: 'clean' } | { kind: 'fixed' };

/** Where request input sits in a URL: nowhere, only after a fixed host, or in the scheme/host. */
export function urlState(t: FunctionTaint, node: SyntaxNode): UrlState {
  return stateOf(urlParts(t, node, 0));
}

function stateOf(parts: UrlPart[]): UrlState {
  const first = parts.findIndex((p) => p.kind === 'taint');
  if (first < 0) return parts.some((p) => p.kind === 'fixed') ? 'host-fixed' : 'none';
  let prefix = '';
  for (const p of parts.slice(0, first)) prefix += p.kind === 'const' ? p.text : p.kind === 'fixed' ? '\u0001/' : '\u0001';
  return hostFixed(prefix) ? 'host-fixed' : 'full';
}

/** Does a URL prefix fix scheme and host (`https://api.x.com/`, `${config.base}/`, `/relative`)? */
function hostFixed(prefix: string): boolean {
  const p = prefix.replace(/^\u0001:\/\//, 'x://');
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@\u0001]+[/?#]/.test(p)) return true;
  if (/^\u0001[^:]*[/?#]/.test(p)) return true;
  return /^\/(?!\/)/.test(p) || /^[?#]/.test(p);
}

function urlParts(t: FunctionTaint, node: SyntaxNode, depth: number): UrlPart[] {
  const n = unwrap(node);
  const whole = (): UrlPart[] => [t.tainted(n, 'url') ? { kind: 'taint' } : { kind: 'clean' }];
  if (depth > 10) return whole();
  if (guarded(t.file, n, 'host')) return [{ kind: 'clean' }];
  switch (n.type) {
    case 'string':
    case 'template_string': {
      const parts: UrlPart[] = [];
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === 'string_fragment') parts.push({ kind: 'const', text: c.text });
        else if (c.type === 'escape_sequence') parts.push({ kind: 'const', text: cook(c.text) });
        else if (c.type === 'template_substitution' && named(c)[0]) parts.push(...urlParts(t, named(c)[0]!, depth + 1));
      }
      return parts;
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (!l || !r) return [{ kind: 'clean' }];
      if (op === '+') return [...urlParts(t, l, depth + 1), ...urlParts(t, r, depth + 1)];
      if (op === '??' || op === '||') return worst([l, r].map((o) => stateOf(urlParts(t, o, depth + 1))));
      return whole();
    }
    case 'ternary_expression':
      return worst([n.childForFieldName('consequence'), n.childForFieldName('alternative')].filter((x): x is SyntaxNode => !!x).map((o) => stateOf(urlParts(t, o, depth + 1))));
    case 'new_expression': {
      const callee = t.file.callee(n) ?? '';
      const args = callArgs(n);
      if (/^(URL|url\.URL)$/.test(callee) && args[0]) {
        // `new URL(path, base)`: an absolute path replaces the base; a relative one keeps its host.
        if (args[1]) {
          if (!t.tainted(args[0], 'url')) return [...urlParts(t, args[1], depth + 1), { kind: 'clean' }];
          const first = stateOf(urlParts(t, args[0], depth + 1));
          return first === 'host-fixed' && /^\/(?!\/)/.test(t.file.constantString(args[0]) ?? literalPrefix(args[0])) ? [...urlParts(t, args[1], depth + 1), { kind: 'fixed' }] : [{ kind: 'taint' }];
        }
        return urlParts(t, args[0], depth + 1);
      }
      return whole();
    }
    case 'call_expression': {
      const callee = t.file.callee(n) ?? '';
      const args = callArgs(n);
      if (callee === 'String' && args[0]) return urlParts(t, args[0], depth + 1);
      if (callee === 'url.resolve' && args.length === 2) return t.tainted(args[1]!, 'url') ? [{ kind: 'taint' }] : [...urlParts(t, args[0]!, depth + 1), { kind: 'clean' }];
      if (t.file.methodName(n) === 'toString' && t.file.receiver(n)) return urlParts(t, t.file.receiver(n)!, depth + 1);
      return whole();
    }
    case 'member_expression': {
      // `u.href` / `u.toString()` of a URL built here: the URL itself.
      const prop = n.childForFieldName('property')?.text;
      const object = n.childForFieldName('object');
      if (object && (prop === 'href' || prop === 'origin') && !t.isRequestObject(object)) return urlParts(t, object, depth + 1);
      return whole();
    }
    case 'identifier': {
      if (!t.tainted(n, 'url')) {
        const c = t.file.constantString(n);
        return [c !== undefined ? { kind: 'const', text: c } : { kind: 'clean' }];
      }
      const { values, orParam } = t.reaching(n);
      const plain = values.filter((v) => !destructuredKey(v, n.text));
      if (values.length === 1 && plain.length === 1 && !orParam && values[0]!.type !== 'augmented_assignment_expression') return urlParts(t, values[0]!, depth + 1);
      return whole();
    }
  }
  return whole();
}

function literalPrefix(node: SyntaxNode): string {
  const n = unwrap(node);
  if (n.type !== 'template_string' && n.type !== 'string') return '';
  const first = n.namedChildren[0];
  return first?.type === 'string_fragment' ? first.text : '';
}

function worst(states: UrlState[]): UrlPart[] {
  if (states.includes('full')) return [{ kind: 'taint' }];
  return states.includes('host-fixed') ? [{ kind: 'fixed' }] : [{ kind: 'clean' }];
}

// ------------------------------------------------------------------ statements (for fixes)

/** The statement (directly inside a block or the program) containing `node`. */
export function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    const p = n.parent;
    if (p && (p.type === 'statement_block' || p.type === 'program' || p.type === 'switch_case')) return n;
    if (p && isFunction(p) && n.type !== 'statement_block') return undefined; // an arrow's expression body
  }
  return undefined;
}

/** Leading whitespace of the line `offset` is on. */
export function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** One indentation step of the file (two spaces unless it uses four or tabs). */
export function indentUnit(source: string): string {
  if (/^\t/m.test(source)) return '\t';
  return /^ {4}\S/m.test(source) && !/^ {2}\S/m.test(source) ? '    ' : '  ';
}

/** A statement that rejects the request in the style of the function's framework. */
export function rejection(file: TsFile, fn: SyntaxNode, message: string): { text: string; imports: { module: string; name: string }[] } {
  const names = named(fn.childForFieldName('parameters')).map((p) => (p.childForFieldName('pattern') ?? p).text);
  const quoted = `'${message.replace(/'/g, "\\'")}'`;
  const nest = named(fn.childForFieldName('parameters')).some((p) => named(p).some((c) => c.type === 'decorator'));
  if (nest || /@nestjs\/common/.test([...file.imports.values()].join(' '))) {
    return { text: `throw new BadRequestException(${quoted});`, imports: [{ module: '@nestjs/common', name: 'BadRequestException' }] };
  }
  const reply = names[1] && /^(reply|rep)$/.test(names[1]) ? names[1] : undefined;
  if (reply) return { text: `return ${reply}.code(400).send({ error: ${quoted} });`, imports: [] };
  const res = names[1] && /^(res|response)$/.test(names[1]) ? names[1] : undefined;
  if (res) return { text: `return ${res}.status(400).json({ error: ${quoted} });`, imports: [] };
  return { text: `throw new Error(${quoted});`, imports: [] };
}

/** A name not yet used in the file. */
export function freshName(source: string, base: string): string {
  let name = base;
  for (let k = 2; new RegExp(`\\b${name}\\b`).test(source); k++) name = `${base}${k}`;
  return name;
}

export { literalString };
