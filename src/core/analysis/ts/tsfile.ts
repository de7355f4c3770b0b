// Import-aware helpers over one TypeScript/JavaScript file, shared by every
// TypeScript rule: what a callee is (`cp.exec` -> `child_process.exec`),
// what a name is bound to, the constant string an expression evaluates to,
// and the file's HTTP routes (Express, Fastify, NestJS: see ./routes.ts).
// Everything is computed on first use and cached for the file.
import type { SyntaxNode, SyntaxTree } from '../../parse/python';
import { enclosingOfType } from '../enclosing';
import { collectRoutes, type TsMount, type TsRoute } from './routes';

/** Named children, skipping nulls and comments (comments may sit anywhere in JS argument lists). */
export const named = (node: SyntaxNode | null | undefined): SyntaxNode[] =>
  node ? node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [];

/** Expression wrappers that do not change the value: parentheses, `as`, `satisfies`, `!`, `<T>x`, `await`. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; i < 16 && TRANSPARENT.has(n.type); i++) {
    const inner: SyntaxNode | undefined = n.type === 'type_assertion' ? named(n).at(-1) : named(n)[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** Functions: their bodies are separate scopes. */
export const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);

export function isFunction(node: SyntaxNode | null | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  // From the tree's index of function ranges (../enclosing.ts): a `.parent` walk is O(statements) per step at top level.
  return enclosingOfType(node, FUNCTION_TYPES, 'ts-function');
}

/** Node types that bind a name in their scope (see `TsFile.bindings`). */
const BINDING_NODE_TYPES = ['variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'for_in_statement', 'function_declaration', 'generator_function_declaration'];

/** What owns a binding: a function, or a class (whose body binds none). */
const SCOPE_TYPES: ReadonlySet<string> = new Set([...FUNCTION_TYPES, 'class_declaration', 'class']);

/** Record what `node` binds, if it is a binding node (declarator, assignment, for-in, named function). */
function addBinding(map: Map<string, SyntaxNode[]>, node: SyntaxNode): void {
  const add = (target: SyntaxNode | null | undefined, value: SyntaxNode): void => {
    if (!target) return;
    if (target.type === 'identifier' || target.type === 'shorthand_property_identifier_pattern') {
      const list = map.get(target.text) ?? [];
      list.push(value);
      map.set(target.text, list);
    } else if (target.type === 'object_pattern' || target.type === 'array_pattern') {
      for (const t of named(target)) {
        if (t.type === 'pair_pattern') add(t.childForFieldName('value'), value);
        else if (t.type === 'assignment_pattern' || t.type === 'object_assignment_pattern') add(t.childForFieldName('left') ?? named(t)[0], value);
        else if (t.type === 'rest_pattern') add(named(t)[0], value);
        else add(t, value);
      }
    }
  };
  if (node.type === 'function_declaration' || node.type === 'generator_function_declaration') {
    add(node.childForFieldName('name'), node);
  } else if (node.type === 'variable_declarator') {
    const value = node.childForFieldName('value');
    if (value) add(node.childForFieldName('name'), value);
  } else if (node.type === 'assignment_expression') {
    const right = node.childForFieldName('right');
    if (right) add(node.childForFieldName('left'), right);
  } else if (node.type === 'augmented_assignment_expression') {
    add(node.childForFieldName('left'), node);
  } else if (node.type === 'for_in_statement') {
    const right = node.childForFieldName('right');
    if (right) add(node.childForFieldName('left'), right);
  }
}

/** The text of a string literal or a template without substitutions; undefined otherwise. */
export function literalString(node: SyntaxNode): string | undefined {
  const n = unwrap(node);
  if (n.type === 'string') return stringContent(n);
  if (n.type === 'template_string') {
    if (n.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
    return stringContent(n);
  }
  return undefined;
}

function stringContent(n: SyntaxNode): string {
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_fragment') out += c.text;
    else if (c.type === 'escape_sequence') out += unescape(c.text);
  }
  return out;
}

function unescape(seq: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
  const ch = seq.slice(1);
  if (ch in simple) return simple[ch]!;
  if (/^x[0-9a-f]{2}$/i.test(ch)) return String.fromCharCode(parseInt(ch.slice(1), 16));
  if (/^u[0-9a-f]{4}$/i.test(ch)) return String.fromCharCode(parseInt(ch.slice(1), 16));
  if (/^u\{[0-9a-f]+\}$/i.test(ch)) return String.fromCodePoint(parseInt(ch.slice(2, -1), 16));
  if (ch.startsWith('\n') || ch.startsWith('\r')) return '';
  return ch;
}

/** `node:fs` and `fs` are the same module. */
export function normalizeModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/** Arguments of a call or `new` expression (spread elements included as they are). */
export function callArgs(call: SyntaxNode): SyntaxNode[] {
  return named(call.childForFieldName('arguments'));
}

/** The entry for `key` in an object literal: a `pair` (`{ key: v }`, `{ 'key': v }`), a shorthand `{ key }` or a method `{ key() {} }`; the last one wins, as in JavaScript. */
export function objectEntry(object: SyntaxNode, key: string): SyntaxNode | undefined {
  const o = unwrap(object);
  if (o.type !== 'object') return undefined;
  let found: SyntaxNode | undefined;
  for (const p of named(o)) {
    if (p.type === 'pair') {
      const k = p.childForFieldName('key');
      const name = k ? (k.type === 'property_identifier' ? k.text : literalString(k)) : undefined;
      if (name === key) found = p;
    } else if (p.type === 'shorthand_property_identifier' && p.text === key) found = p;
    else if (p.type === 'method_definition' && p.childForFieldName('name')?.text === key) found = p;
  }
  return found;
}

/** The value of `key` in an object literal (shorthand `{ key }` gives the identifier; a method gives nothing). */
export function objectProperty(object: SyntaxNode, key: string): SyntaxNode | undefined {
  const entry = objectEntry(object, key);
  if (entry?.type === 'pair') return entry.childForFieldName('value') ?? undefined;
  return entry?.type === 'shorthand_property_identifier' ? entry : undefined;
}

/**
 * A per-rule "report each node once" guard: nodes several visitors reach
 * (a literal seen as a declarator and as a pair) are claimed by the first.
 * Each call makes a guard of its own, so rules never share claims.
 * Claims are per analysis run, keyed by the rule's context (made afresh for
 * every run), not by the tree: the incremental cache hands the same tree to
 * the next run of an unchanged document, whose findings would otherwise all
 * count as already reported.
 */
export function claimer(): (run: object, node: SyntaxNode) => boolean {
  const reported = new WeakMap<object, Set<number>>();
  return (run, node) => {
    let set = reported.get(run);
    if (!set) reported.set(run, (set = new Set()));
    if (set.has(node.startIndex)) return false;
    set.add(node.startIndex);
    return true;
  };
}

export class TsFile {
  private importMap: Map<string, string> | undefined;
  private collectedImports: SyntaxNode[] | undefined;
  private routeCache: { routes: TsRoute[]; mounts: TsMount[] } | undefined;
  /** Handler id -> its first route: `routeOf` is asked per function, so a scan of the routes each time was quadratic. */
  private routeByHandler: Map<number, TsRoute> | undefined;
  private readonly scopeCache = new Map<number, Map<string, SyntaxNode[]>>();
  private bindingsIndexed = false;
  private readonly calleeCache = new Map<number, string | undefined>();
  private readonly methodCache = new Map<number, string | undefined>();
  private readonly qualifyCache = new Map<number, string | undefined>();

  constructor(
    readonly source: string,
    readonly tree: SyntaxTree,
  ) {}

  /** The engine's single walk hands over the import statements (in document order). */
  useCollected(byType: ReadonlyMap<string, SyntaxNode[]>): void {
    this.collectedImports = byType.get('import_statement');
  }

  /**
   * Local name -> qualified name from ES imports and CommonJS requires at any
   * level: `import x from 'm'` and `import * as x from 'm'` and
   * `const x = require('m')` give `m`; `import { a as b } from 'm'` and
   * `const { a: b } = require('m')` give `m.a`. `node:` prefixes are dropped.
   */
  get imports(): ReadonlyMap<string, string> {
    if (this.importMap) return this.importMap;
    const map = new Map<string, string>();
    for (const node of this.collectedImports ?? this.tree.rootNode.descendantsOfType('import_statement')) {
      if (!node) continue;
      const sourceNode = node.childForFieldName('source');
      for (const part of named(node)) {
        if (part.type === 'import_require_clause') {
          const id = named(part).find((c) => c.type === 'identifier');
          const spec = named(part).find((c) => c.type === 'string');
          if (id && spec) map.set(id.text, normalizeModule(literalString(spec) ?? ''));
        }
      }
      if (!sourceNode) continue;
      const module = normalizeModule(literalString(sourceNode) ?? '');
      const clause = named(node).find((c) => c.type === 'import_clause');
      for (const c of named(clause)) {
        if (c.type === 'identifier') map.set(c.text, module);
        else if (c.type === 'namespace_import') {
          const id = named(c)[0];
          if (id) map.set(id.text, module);
        } else if (c.type === 'named_imports') {
          for (const spec of named(c)) {
            if (spec.type !== 'import_specifier') continue;
            const name = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias');
            if (!name) continue;
            const imported = name.type === 'string' ? (literalString(name) ?? name.text) : name.text;
            map.set((alias ?? name).text, imported === 'default' ? module : `${module}.${imported}`);
          }
        }
      }
    }
    // CommonJS: `const x = require('m')`, `const { a, b: c } = require('m')`, `const y = require('m').z`.
    if (this.source.includes('require(')) {
      for (const call of this.tree.rootNode.descendantsOfType('call_expression')) {
        if (!call || call.childForFieldName('function')?.text !== 'require') continue;
        const spec = callArgs(call)[0];
        const module = spec ? literalString(spec) : undefined;
        if (module === undefined) continue;
        let value: SyntaxNode = call;
        let suffix = '';
        while (value.parent?.type === 'member_expression' && value.parent.childForFieldName('object')?.id === value.id) {
          suffix += `.${value.parent.childForFieldName('property')?.text ?? ''}`;
          value = value.parent;
        }
        const declarator = value.parent;
        if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('value')?.id !== value.id) continue;
        const target = declarator.childForFieldName('name');
        const base = normalizeModule(module) + suffix;
        if (target?.type === 'identifier') map.set(target.text, base);
        else if (target?.type === 'object_pattern') {
          for (const p of named(target)) {
            if (p.type === 'shorthand_property_identifier_pattern') map.set(p.text, `${base}.${p.text}`);
            else if (p.type === 'pair_pattern') {
              const key = p.childForFieldName('key')?.text;
              const local = p.childForFieldName('value');
              if (key && local?.type === 'identifier') map.set(local.text, `${base}.${key}`);
            }
          }
        }
      }
    }
    this.importMap = map;
    return map;
  }

  /**
   * Dotted name of an identifier/member chain with its head resolved through
   * the imports: `cp.exec` -> `child_process.exec`, `pool.query` ->
   * `pool.query`, `this.db.query` -> `this.db.query`. Undefined for chains
   * through calls or computed members.
   */
  qualify(node: SyntaxNode | null | undefined): string | undefined {
    if (!node) return undefined;
    // Rules ask about the same receivers and callees again and again: cached per node.
    if (this.qualifyCache.has(node.id)) return this.qualifyCache.get(node.id);
    const name = this.qualifyUncached(node);
    this.qualifyCache.set(node.id, name);
    return name;
  }

  private qualifyUncached(node: SyntaxNode): string | undefined {
    const parts: string[] = [];
    let n: SyntaxNode | null = unwrap(node);
    while (n && n.type === 'member_expression') {
      const property = n.childForFieldName('property');
      if (!property) return undefined;
      parts.unshift(property.text);
      const object: SyntaxNode | null = n.childForFieldName('object');
      n = object ? unwrap(object) : null;
    }
    if (!n) return undefined;
    if (n.type === 'this') return ['this', ...parts].join('.');
    if (n.type !== 'identifier') return undefined;
    const head = this.imports.get(n.text) ?? n.text;
    return [head, ...parts].join('.');
  }

  /** Qualified callee of a call or `new` expression (see `qualify`); cached. */
  callee(call: SyntaxNode): string | undefined {
    if (this.calleeCache.has(call.id)) return this.calleeCache.get(call.id);
    const fn = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
    const name = this.qualify(fn);
    this.calleeCache.set(call.id, name);
    return name;
  }

  /** The property a call ends with (`query` for `getPool().query(...)`), or the function's own name. */
  methodName(call: SyntaxNode): string | undefined {
    // Cached: every rule asks it of every call.
    if (this.methodCache.has(call.id)) return this.methodCache.get(call.id);
    const raw = call.childForFieldName('function');
    const fn = raw ? unwrap(raw) : undefined;
    const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.type === 'identifier' ? fn.text : undefined;
    this.methodCache.set(call.id, name);
    return name;
  }

  /** The object a method is called on (`pool` in `pool.query(...)`), if the callee is a member expression. */
  receiver(call: SyntaxNode): SyntaxNode | undefined {
    const raw = call.childForFieldName('function');
    const fn = raw ? unwrap(raw) : undefined;
    if (fn?.type !== 'member_expression') return undefined;
    const object = fn.childForFieldName('object');
    return object ? unwrap(object) : undefined;
  }

  /**
   * Values bound to `name` directly in `scope` (a function or the program),
   * in document order: declarations (`const x = v`), assignments (`x = v`;
   * compound ones like `x += v` are returned whole), destructuring targets
   * (the destructured expression), `for (const x of v)` (the iterable).
   * Nested functions and classes are not entered; blocks are (function scope
   * is an over-approximation of block scope).
   */
  bindings(scope: SyntaxNode, name: string): SyntaxNode[] {
    if (!this.scopeCache.has(scope.id)) {
      if (scope.id === this.tree.rootNode.id || FUNCTION_TYPES.has(scope.type)) this.indexAllBindings();
      // Any other node (a block, a class) as the scope: walked on its own.
      if (!this.scopeCache.has(scope.id)) this.scopeCache.set(scope.id, this.walkBindings(scope));
    }
    return this.scopeCache.get(scope.id)!.get(name) ?? [];
  }

  /**
   * Every function's and the program's bindings at once, from one pass inside
   * WASM over the binding node types; each is given to its innermost
   * enclosing function (from the function range index) or the program, and
   * dropped when a class is nearer (class bodies bind no variables) or when it
   * lies outside its function's body (a parameter default). Same result, in the
   * same document order, as walking each scope's body and not entering nested
   * functions and classes (`walkBindings`), which creates a JavaScript object
   * for every node of the file and was most of the TypeScript analysis time.
   */
  private indexAllBindings(): void {
    if (this.bindingsIndexed) return;
    this.bindingsIndexed = true;
    const root = this.tree.rootNode;
    const maps = new Map<number, Map<string, SyntaxNode[]>>([[root.id, new Map()]]);
    const bodies = new Map<number, SyntaxNode | null>();
    for (const node of root.descendantsOfType(BINDING_NODE_TYPES)) {
      if (!node) continue;
      const owner = enclosingOfType(node, SCOPE_TYPES, 'ts-scope');
      if (owner && !FUNCTION_TYPES.has(owner.type)) continue;
      let map = maps.get(root.id)!;
      if (owner) {
        if (!bodies.has(owner.id)) bodies.set(owner.id, owner.childForFieldName('body'));
        const body = bodies.get(owner.id);
        if (!body || node.id === body.id || node.startIndex < body.startIndex || node.endIndex > body.endIndex) continue;
        map = maps.get(owner.id) ?? new Map();
        maps.set(owner.id, map);
      }
      addBinding(map, node);
    }
    // Functions with no bindings get an empty map, so they are not walked again.
    for (const fn of root.descendantsOfType([...FUNCTION_TYPES])) if (fn && !maps.has(fn.id)) maps.set(fn.id, new Map());
    for (const [id, map] of maps) if (!this.scopeCache.has(id)) this.scopeCache.set(id, map);
  }

  /** The bindings directly in `scope`, by walking its body (see `bindings`). */
  private walkBindings(scope: SyntaxNode): Map<string, SyntaxNode[]> {
    const map = new Map<string, SyntaxNode[]>();
    const walk = (node: SyntaxNode): void => {
      for (const child of named(node)) {
        if (FUNCTION_TYPES.has(child.type) || child.type === 'class_declaration' || child.type === 'class') {
          // A named function declaration binds its name in the enclosing scope.
          if (child.type === 'function_declaration' || child.type === 'generator_function_declaration') addBinding(map, child);
          continue;
        }
        addBinding(map, child);
        walk(child);
      }
    };
    const body = FUNCTION_TYPES.has(scope.type) ? scope.childForFieldName('body') : scope;
    if (body) walk(body);
    return map;
  }

  /** Parameter names of a function (destructured parameters give each bound name). */
  paramNames(fn: SyntaxNode): string[] {
    const out: string[] = [];
    const single = fn.childForFieldName('parameter');
    if (single) out.push(single.text);
    const collect = (p: SyntaxNode | null | undefined): void => {
      if (!p) return;
      if (p.type === 'identifier' || p.type === 'shorthand_property_identifier_pattern') out.push(p.text);
      else if (p.type === 'required_parameter' || p.type === 'optional_parameter') collect(p.childForFieldName('pattern'));
      else if (p.type === 'object_pattern' || p.type === 'array_pattern') {
        for (const c of named(p)) {
          if (c.type === 'pair_pattern') collect(c.childForFieldName('value'));
          else if (c.type === 'object_assignment_pattern' || c.type === 'assignment_pattern') collect(c.childForFieldName('left') ?? named(c)[0]);
          else collect(c);
        }
      } else if (p.type === 'rest_pattern' || p.type === 'assignment_pattern') collect(p.childForFieldName('left') ?? named(p)[0]);
    };
    for (const p of named(fn.childForFieldName('parameters'))) collect(p);
    return out;
  }

  /**
   * The one value a name is bound to, looking outwards from its function to
   * the program (closures), if it is bound exactly once there and is not a
   * parameter on the way. Undefined when it may vary.
   */
  singleBinding(name: SyntaxNode): SyntaxNode | undefined {
    for (let fn = enclosingFunction(name); fn; fn = enclosingFunction(fn)) {
      const local = this.bindings(fn, name.text);
      if (local.length > 0) return local.length === 1 && local[0]!.type !== 'augmented_assignment_expression' ? local[0] : undefined;
      if (this.paramNames(fn).includes(name.text)) return undefined;
    }
    const global = this.bindings(this.tree.rootNode, name.text);
    return global.length === 1 && global[0]!.type !== 'augmented_assignment_expression' ? global[0] : undefined;
  }

  /**
   * The constant string an expression evaluates to: a literal, a template
   * whose substitutions are constant, a `+` concatenation of constants, or a
   * name bound exactly once to such a value. Undefined when it may vary.
   * `resolve` finds the one value a name is bound to (the taint tracker
   * passes its own).
   */
  constantString(node: SyntaxNode, resolve: (name: SyntaxNode) => SyntaxNode | undefined = (n) => this.singleBinding(n), depth = 0): string | undefined {
    const n = unwrap(node);
    const literal = literalString(n);
    if (literal !== undefined) return literal;
    if (depth > 6) return undefined;
    if (n.type === 'template_string') {
      let out = '';
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === 'string_fragment') out += c.text;
        else if (c.type === 'escape_sequence') out += unescape(c.text);
        else if (c.type === 'template_substitution') {
          const inner = named(c)[0];
          const value = inner ? this.constantString(inner, resolve, depth + 1) ?? constantNumber(inner) : undefined;
          if (value === undefined) return undefined;
          out += value;
        }
      }
      return out;
    }
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const a = left ? this.constantString(left, resolve, depth + 1) ?? constantNumber(left) : undefined;
      const b = right ? this.constantString(right, resolve, depth + 1) ?? constantNumber(right) : undefined;
      return a !== undefined && b !== undefined && (literalOrString(left!, this, resolve, depth) || literalOrString(right!, this, resolve, depth)) ? a + b : undefined;
    }
    if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') {
      const value = resolve(n);
      return value && value.type !== 'function_declaration' ? this.constantString(value, resolve, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * Where a value comes from: the qualified callee of the call or `new`
   * expression that produced it, following single bindings and `await`
   * (`const pool = new Pool()` -> `pg.Pool`; `const app = express()` ->
   * `express`; `const r = express.Router()` -> `express.Router`).
   */
  origin(node: SyntaxNode, depth = 0): string | undefined {
    let n = unwrap(node);
    if (n.type === 'await_expression') {
      const inner = named(n)[0];
      if (!inner) return undefined;
      n = unwrap(inner);
    }
    if (n.type === 'call_expression' || n.type === 'new_expression') {
      const name = this.callee(n);
      if (name) return name;
      // `require('express')()` or `(await import('x')).y()`: unknown.
      return undefined;
    }
    if (n.type === 'identifier' && depth < 4) {
      const value = this.singleBinding(n);
      return value ? this.origin(value, depth + 1) : undefined;
    }
    return undefined;
  }

  /** HTTP routes registered in this file (Express, Fastify, NestJS), in document order. */
  get routes(): readonly TsRoute[] {
    this.routeCache ??= collectRoutes(this);
    return this.routeCache.routes;
  }

  /** `app.use(...)`, `router.use(...)` and `fastify.register(...)` calls, in document order. */
  get mounts(): readonly TsMount[] {
    this.routeCache ??= collectRoutes(this);
    return this.routeCache.mounts;
  }

  /** The route whose handler is `fn`, if any. */
  routeOf(fn: SyntaxNode): TsRoute | undefined {
    if (!this.routeByHandler) {
      this.routeByHandler = new Map();
      // The first route of a handler wins, as a `find` over the list would give.
      for (const r of this.routes) if (r.handler && !this.routeByHandler.has(r.handler.id)) this.routeByHandler.set(r.handler.id, r);
    }
    return this.routeByHandler.get(fn.id);
  }
}

function constantNumber(node: SyntaxNode): string | undefined {
  const n = unwrap(node);
  return n.type === 'number' ? n.text : undefined;
}

/** JavaScript's `+` concatenates only when one side is a string: `1 + 2` is not the string "12". */
function literalOrString(node: SyntaxNode, file: TsFile, resolve: (name: SyntaxNode) => SyntaxNode | undefined, depth: number): boolean {
  return constantNumber(node) === undefined && file.constantString(node, resolve, depth + 1) !== undefined;
}
