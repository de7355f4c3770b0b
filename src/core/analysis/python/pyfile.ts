// Import-aware questions rules ask about one Python file: what a callee
// really is (`sa.text` is `sqlalchemy.text`), whether an expression is a
// constant string, what a local name was bound to, and which functions are
// routes. Everything is computed lazily and cached per file, so a rule that
// never asks pays nothing.
import type { SyntaxNode, SyntaxTree } from '../../parse/python';
import { enclosingOfType } from '../enclosing';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;
/**
 * A cheap necessary condition for \`PyFile.routes\` (and imperative
 * registrations) to find anything: a decorator sign and a call of one of the
 * route-registering attribute names. Used by rules' \`applies\`.
 */
export function mayHaveRoutes(source: string): boolean {
  if (/\.[\s\\]*(?:add_api_route|add_url_rule)\b/.test(source)) return true;
  if (!source.includes('@')) return false;
  // A decorator starts a logical line; its callee may only run on to the next
  // line inside brackets or after a backslash, which is taken as a maybe.
  for (const m of source.matchAll(/^[ \t\f]*@([^\n]*)/gm)) {
    const line = m[1]!;
    if (ROUTE_DECORATOR_CALL.test(line)) return true;
    if (line.endsWith('\\') || line.endsWith('\\\r') || openBrackets(line)) return true;
  }
  return false;
}

const ROUTE_DECORATOR_CALL = /\.[\s\\]*(?:get|post|put|patch|delete|head|options|trace|api_route|route|add_api_route|websocket)[\s\\]*\(/;

/** Does a line leave a bracket open (so the expression continues on the next line)? Strings and comments are not told apart: a maybe. */
function openBrackets(line: string): boolean {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return depth > 0;
}
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

export interface RouteParam {
  readonly name: string;
  readonly node: SyntaxNode;
  /** Annotation text as written (`Annotated[User, Depends(get_user)]`), if any. */
  readonly annotation: SyntaxNode | undefined;
  readonly default: SyntaxNode | undefined;
}

export interface Route {
  /** The decorator's call node, e.g. `@router.post("/items", ...)`. */
  readonly decorator: SyntaxNode;
  /** The object the decorator hangs off (`router`, `app`, `bp`). */
  readonly owner: string;
  /** Lower-case HTTP methods (`api_route`/`route` may list several). */
  readonly methods: readonly string[];
  /** The path when it is a constant string. */
  readonly path: string | undefined;
  readonly pathNode: SyntaxNode | undefined;
  /** The `function_definition` node (async or not). */
  readonly fn: SyntaxNode;
  readonly name: string;
  readonly params: readonly RouteParam[];
}

export const named = (node: SyntaxNode | null | undefined): SyntaxNode[] =>
  node ? node.namedChildren.filter((n): n is SyntaxNode => n !== null) : [];

/** Keyword argument `name=` of a call, as its value node. */
export function keywordArg(call: SyntaxNode, name: string): SyntaxNode | undefined {
  const args = call.childForFieldName('arguments');
  // The name must be written in the arguments: a text test spares materialising them all.
  if (!args || !args.text.includes(name)) return undefined;
  for (const arg of named(args)) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) {
      return arg.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** Positional arguments of a call (no keywords, no `*args`/`**kw`). */
export function positionalArgs(call: SyntaxNode): SyntaxNode[] {
  return named(call.childForFieldName('arguments')).filter(
    (a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat' && a.type !== 'comment',
  );
}

/** Strip parentheses around an expression. */
export function unparen(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) {
    const inner = current.namedChild(0);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The value of a plain string literal (no f-string interpolation), else undefined. Escapes are left as written. */
export function literalString(node: SyntaxNode): string | undefined {
  const n = unparen(node);
  if (n.type === 'string') {
    let out = '';
    for (const child of named(n)) {
      if (child.type === 'interpolation') return undefined;
      if (child.type === 'string_content' || child.type === 'escape_sequence') out += child.text;
    }
    return out;
  }
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const part of named(n)) {
      const value = literalString(part);
      if (value === undefined) return undefined;
      out += value;
    }
    return out;
  }
  return undefined;
}

export function isFunction(node: SyntaxNode): boolean {
  return node.type === 'function_definition';
}

/** The innermost function containing `node`, or undefined at module level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  // From the tree's index of function ranges (../enclosing.ts): a `.parent` walk is O(statements) per step at module level.
  return enclosingOfType(node, PY_FUNCTION_TYPES, 'py-function');
}
const PY_FUNCTION_TYPES: ReadonlySet<string> = new Set(['function_definition']);

export class PyFile {
  private importMap: Map<string, string> | undefined;
  private routeList: Route[] | undefined;
  /** Handler function id -> its first route: `routeOf` is asked per function and per name, so a scan of the routes each time was quadratic. */
  private routeByFn: Map<number, Route> | undefined;
  /** Import statements and decorated definitions, when the engine's walk already collected them (in document order). */
  private collected: { imports: SyntaxNode[]; decorated: SyntaxNode[] } | undefined;
  private readonly assignCache = new Map<number, Map<string, SyntaxNode[]>>();
  private readonly calleeCache = new Map<number, string | undefined>();
  private readonly qualifyCache = new Map<number, string | undefined>();
  private readonly fnCache = new Map<number, SyntaxNode | null>();
  /** Enum class names of the whole project (project facts), set by the engine before the rules run. */
  projectEnums: ReadonlySet<string> = new Set();

  constructor(
    readonly source: string,
    readonly tree: SyntaxTree,
  ) {}

  /** The engine's single walk hands over the nodes `imports` and `routes` would otherwise each walk the tree for. */
  useCollected(byType: ReadonlyMap<string, SyntaxNode[]>): void {
    const imports = [...(byType.get('import_statement') ?? []), ...(byType.get('import_from_statement') ?? [])].sort((a, b) => a.startIndex - b.startIndex);
    this.collected = { imports, decorated: byType.get('decorated_definition') ?? [] };
  }

  /** Local name → fully qualified name, from the file's imports at any level. */
  get imports(): ReadonlyMap<string, string> {
    if (this.importMap) return this.importMap;
    const map = new Map<string, string>();
    // One pass inside WASM finds imports at any depth (function-level imports count too).
    for (const node of this.collected?.imports ?? this.tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement'])) {
      if (!node) continue;
      if (node.type === 'import_statement') {
        for (const item of node.childrenForFieldName('name')) {
          if (!item) continue;
          if (item.type === 'aliased_import') {
            const alias = item.childForFieldName('alias')?.text;
            const name = item.childForFieldName('name')?.text;
            if (alias && name) map.set(alias, name);
          } else {
            // `import os.path` binds `os`.
            const first = item.text.split('.')[0]!;
            map.set(first, first);
          }
        }
      } else {
        const module = node.childForFieldName('module_name')?.text ?? '';
        for (const item of node.childrenForFieldName('name')) {
          if (!item) continue;
          if (item.type === 'aliased_import') {
            const alias = item.childForFieldName('alias')?.text;
            const name = item.childForFieldName('name')?.text;
            if (alias && name) map.set(alias, `${module}.${name}`);
          } else {
            map.set(item.text, `${module}.${item.text}`);
          }
        }
      }
    }
    this.importMap = map;
    return map;
  }

  /**
   * Dotted name of an identifier/attribute chain with its first segment
   * resolved through the imports: `sa.text` → `sqlalchemy.text`,
   * `cursor.execute` → `cursor.execute`. Undefined for anything else
   * (calls, subscripts in the chain).
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
    let n: SyntaxNode | null = node;
    while (n && n.type === 'attribute') {
      parts.unshift(n.childForFieldName('attribute')?.text ?? '');
      n = n.childForFieldName('object');
    }
    if (!n || n.type !== 'identifier') return undefined;
    const head = this.imports.get(n.text) ?? n.text;
    return [head, ...parts].join('.');
  }

  /** A call's `function` node; cached, since most rules visiting calls start by asking for it. */
  fnOf(call: SyntaxNode): SyntaxNode | null {
    let fn = this.fnCache.get(call.id);
    if (fn === undefined) this.fnCache.set(call.id, (fn = call.childForFieldName('function')));
    return fn;
  }

  /** Qualified callee of a call node (see `qualify`); cached, since several rules ask about the same calls. */
  callee(call: SyntaxNode): string | undefined {
    if (this.calleeCache.has(call.id)) return this.calleeCache.get(call.id);
    const name = this.qualify(this.fnOf(call));
    this.calleeCache.set(call.id, name);
    return name;
  }

  /** The attribute name a call ends with (`execute` for `conn.cursor().execute(...)`). */
  methodName(call: SyntaxNode): string | undefined {
    const fn = this.fnOf(call);
    if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
    if (fn?.type === 'identifier') return fn.text;
    return undefined;
  }

  /**
   * Right-hand sides bound to `name` in `scope` (a function or the module),
   * in document order: plain and annotated assignments, augmented
   * assignments (`+=`, returned as the whole assignment), walrus, for-loop
   * targets and `with ... as name`. Nested functions and classes are not entered.
   */
  bindings(scope: SyntaxNode, name: string): SyntaxNode[] {
    let byName = this.assignCache.get(scope.id);
    if (!byName) {
      byName = new Map();
      this.assignCache.set(scope.id, byName);
      const add = (target: SyntaxNode | null | undefined, value: SyntaxNode): void => {
        if (!target) return;
        if (target.type === 'identifier') {
          const list = byName!.get(target.text) ?? [];
          list.push(value);
          byName!.set(target.text, list);
        } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
          for (const t of named(target)) add(t, value);
        }
      };
      const walk = (node: SyntaxNode): void => {
        for (const child of named(node)) {
          if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda') continue;
          if (child.type === 'assignment') {
            const right = child.childForFieldName('right');
            if (right) add(child.childForFieldName('left'), right);
          } else if (child.type === 'augmented_assignment') {
            add(child.childForFieldName('left'), child);
          } else if (child.type === 'named_expression') {
            const value = child.childForFieldName('value');
            if (value) add(child.childForFieldName('name'), value);
          } else if (child.type === 'for_statement' || child.type === 'for_in_clause') {
            const right = child.childForFieldName('right');
            if (right) add(child.childForFieldName('left'), right);
          } else if (child.type === 'as_pattern') {
            const target = child.childForFieldName('alias') ?? named(child).at(-1);
            const value = named(child)[0];
            if (value && target?.type === 'as_pattern_target') add(named(target)[0], value);
          }
          walk(child);
        }
      };
      const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
      if (body) walk(body);
    }
    return byName.get(name) ?? [];
  }

  /**
   * The constant string an expression evaluates to: a literal, a constant
   * concatenation, or a name bound exactly once (in its function, else at
   * module level) to such a value. Undefined when it may vary. `resolve`
   * finds the one value a name is bound to; callers with their own scope
   * index (the taint tracker) pass theirs.
   */
  constantString(node: SyntaxNode, resolve: (name: SyntaxNode) => SyntaxNode | undefined = (n) => this.singleBinding(n), depth = 0): string | undefined {
    const n = unparen(node);
    const literal = literalString(n);
    if (literal !== undefined) return literal;
    if (depth > 4) return undefined;
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const a = left ? this.constantString(left, resolve, depth + 1) : undefined;
      const b = right ? this.constantString(right, resolve, depth + 1) : undefined;
      return a !== undefined && b !== undefined ? a + b : undefined;
    }
    if (n.type === 'identifier') {
      const value = resolve(n);
      return value ? this.constantString(value, resolve, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The one value a name is bound to in its function (or the module), if bound exactly once and not a parameter. */
  singleBinding(name: SyntaxNode): SyntaxNode | undefined {
    const fn = enclosingFunction(name);
    if (fn) {
      const local = this.bindings(fn, name.text);
      if (local.length > 0) return local.length === 1 && local[0]!.type !== 'augmented_assignment' ? local[0] : undefined;
      if (this.paramNames(fn).includes(name.text)) return undefined;
    }
    const global = this.bindings(this.tree.rootNode, name.text);
    return global.length === 1 && global[0]!.type !== 'augmented_assignment' ? global[0] : undefined;
  }

  /** Is `name` a parameter of function `fn`? */
  paramNames(fn: SyntaxNode): string[] {
    return this.params(fn).map((p) => p.name);
  }

  params(fn: SyntaxNode): RouteParam[] {
    const out: RouteParam[] = [];
    for (const p of named(fn.childForFieldName('parameters'))) {
      let nameNode: SyntaxNode | null | undefined;
      let annotation: SyntaxNode | undefined;
      let def: SyntaxNode | undefined;
      if (p.type === 'identifier') nameNode = p;
      else if (p.type === 'typed_parameter') {
        nameNode = named(p).find((c) => c.type === 'identifier');
        annotation = p.childForFieldName('type') ?? undefined;
      } else if (p.type === 'default_parameter') {
        nameNode = p.childForFieldName('name');
        def = p.childForFieldName('value') ?? undefined;
      } else if (p.type === 'typed_default_parameter') {
        nameNode = p.childForFieldName('name');
        annotation = p.childForFieldName('type') ?? undefined;
        def = p.childForFieldName('value') ?? undefined;
      }
      if (nameNode) out.push({ name: nameNode.text, node: p, annotation, default: def });
    }
    return out;
  }

  /** Route handlers: functions decorated with `@X.get(...)`, `@X.post(...)`, `@X.api_route(..., methods=[...])`, Flask `@X.route(...)`. */
  get routes(): readonly Route[] {
    if (this.routeList) return this.routeList;
    const routes: Route[] = [];
    for (const def of this.collected?.decorated ?? this.tree.rootNode.descendantsOfType('decorated_definition')) {
      const fn = def?.childForFieldName('definition');
      if (!def || fn?.type !== 'function_definition') continue;
      for (const deco of def.namedChildren) {
        if (deco?.type !== 'decorator') continue;
        const route = this.routeFromDecorator(deco, fn);
        if (route) routes.push(route);
      }
    }
    this.routeList = routes;
    return routes;
  }

  /** The route a function node is the handler of, if any. */
  routeOf(fn: SyntaxNode): Route | undefined {
    if (!this.routeByFn) {
      this.routeByFn = new Map();
      // The first route of a handler wins, as a `find` over the list would give.
      for (const r of this.routes) if (!this.routeByFn.has(r.fn.id)) this.routeByFn.set(r.fn.id, r);
    }
    return this.routeByFn.get(fn.id);
  }

  private routeFromDecorator(deco: SyntaxNode, fn: SyntaxNode): Route | undefined {
    const call = named(deco)[0];
    if (call?.type !== 'call') return undefined;
    const target = call.childForFieldName('function');
    if (target?.type !== 'attribute') return undefined;
    const verb = target.childForFieldName('attribute')?.text ?? '';
    const owner = target.childForFieldName('object')?.text ?? '';
    let methods: string[];
    if ((HTTP_METHODS as readonly string[]).includes(verb)) methods = [verb];
    else if (verb === 'api_route' || verb === 'route' || verb === 'add_api_route') {
      const list = keywordArg(call, 'methods');
      methods = list ? named(list).map((m) => literalString(m)?.toLowerCase()).filter((m): m is string => !!m) : ['get'];
    } else return undefined;
    const pathNode = positionalArgs(call)[0] ?? keywordArg(call, 'path');
    const name = fn.childForFieldName('name')?.text ?? '';
    return { decorator: call, owner, methods, path: pathNode ? literalString(pathNode) : undefined, pathNode, fn, name, params: this.params(fn) };
  }
}
