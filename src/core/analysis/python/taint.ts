// Request-derived values inside one function (intraprocedural taint), shared
// by path-traversal and ssrf. Sources are the handler's request-bound
// parameters and the request object's input attributes (FastAPI/Starlette,
// Flask, Django basics); taint follows assignments, string building and the
// few calls that return their argument's shape. Each question is answered
// lazily by walking back from the sink through the reaching bindings, and
// memoised per function, so a file without sinks pays nothing.
//
// Two flavours: `path` (a filesystem path: any tainted part is dangerous,
// `basename`/`secure_filename`/`Path(x).name` and a normalised containment
// check end it) and `url` (only a tainted scheme/host is dangerous: a
// configured base URL followed by user data is not; an allow-list check of
// the host ends it).
import type { SyntaxNode } from '../../parse/python';
import { enclosingFunction, keywordArg, literalString, named, positionalArgs, unparen, type PyFile, type Route, type RouteParam } from './pyfile';
import { memoized } from '../memo';

export type TaintKind = 'path' | 'url';

/** Where a request-derived URL is dangerous: nowhere, only after a fixed host (path/query), or in the scheme/host. */
export type UrlState = 'none' | 'host-fixed' | 'full';

type ParamRole = 'tainted' | 'request' | 'clean';

/** Annotations whose values cannot carry a path or a host (validated by FastAPI/Pydantic before the handler runs). */
const SAFE_TYPES = new Set([
  'int', 'float', 'bool', 'complex', 'UUID', 'UUID1', 'UUID3', 'UUID4', 'UUID5', 'datetime', 'date', 'time', 'timedelta', 'Decimal',
  'PositiveInt', 'NegativeInt', 'NonNegativeInt', 'NonPositiveInt', 'PositiveFloat', 'NonNegativeFloat', 'StrictInt', 'StrictBool', 'StrictFloat',
  'conint', 'confloat', 'condecimal', 'Literal', 'IntEnum', 'None',
]);
/** Injected objects that are not request input (or only through specific attributes). */
const INJECTED_TYPES = new Set(['Session', 'AsyncSession', 'BackgroundTasks', 'Response', 'SessionDep', 'Settings', 'AsyncClient', 'ClientSession', 'Redis', 'Logger']);
const REQUEST_TYPES = new Set(['Request', 'WebSocket', 'HTTPConnection']);
/** Request-object attributes that hold client input. */
const REQUEST_ATTRS = new Set(['query_params', 'path_params', 'headers', 'cookies', 'args', 'form', 'values', 'json', 'files', 'data', 'GET', 'POST', 'FILES', 'COOKIES', 'META', 'body', 'query_string', 'view_args']);
/** Request-object methods returning client input (`await request.json()`, `request.get_json()`). */
const REQUEST_METHODS = new Set(['json', 'form', 'body', 'get_json', 'get_data', 'stream']);
/** Module-level request proxies. */
const REQUEST_GLOBALS = new Set(['flask.request', 'quart.request', 'werkzeug.local.request']);

/** Calls whose result cannot carry the taint (conversions, ids, hashes). */
const CLEAN_CALLS = new Set(['int', 'float', 'bool', 'len', 'hash', 'uuid.UUID', 'uuid.uuid4', 'uuid.uuid1', 'uuid.uuid5', 'secrets.token_hex', 'secrets.token_urlsafe', 'hashlib.sha256', 'hashlib.md5', 'hashlib.sha1', 'datetime.datetime.now', 'time.time']);
const PATH_SANITISERS = new Set(['os.path.basename', 'posixpath.basename', 'ntpath.basename', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename', 'secure_filename', 'pathvalidate.sanitize_filename']);
const URL_SANITISERS = new Set(['urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode', 'quote', 'quote_plus', 'urlencode']);
/** Calls that return their (first/any) argument's shape. */
const PASS_CALLS = new Set([
  'str', 'os.path.join', 'posixpath.join', 'os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'os.path.expanduser', 'os.fspath', 'os.path.splitext',
  'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.PurePosixPath', 'anyio.Path', 'aiopath.AsyncPath', 'trio.Path',
  'urllib.parse.urljoin', 'urllib.parse.unquote', 'urllib.parse.unquote_plus', 'httpx.URL', 'yarl.URL', 'furl.furl', 'typing.cast', 'cast',
  'list', 'tuple', 'sorted', 'reversed', 'iter', 'next',
]);
/** Methods on a tainted receiver whose result is not a string or path (tests, sizes). */
const CLEAN_METHODS = new Set(['startswith', 'endswith', 'isdigit', 'isalnum', 'isalpha', 'count', 'find', 'index', 'exists', 'is_file', 'is_dir', 'stat', 'is_relative_to', 'match', 'fullmatch', 'read', 'readlines']);
/** Normalising wrappers a containment check may look through. */
const NORMALISERS = new Set(['os.path.realpath', 'os.path.abspath', 'os.path.normpath', 'posixpath.realpath', 'posixpath.abspath', 'posixpath.normpath']);
const NORMALISING_METHODS = new Set(['resolve', 'absolute']);
/** Stored URLs a user set earlier: columns of an ORM object loaded in the handler. */
const STORED_URL_FIELDS = /^(url|callback_url|webhook_url|target_url|endpoint_url|notify_url|notification_url|hook_url|image_url|avatar_url|feed_url)$/;
const DB_LOADS = new Set(['get', 'get_or_404', 'first', 'first_or_404', 'one', 'one_or_none', 'scalar', 'scalar_one', 'scalar_one_or_none', 'scalars', 'all', 'fetchone', 'fetchall', 'unique']);

const EXITS = new Set(['raise_statement', 'return_statement', 'continue_statement', 'break_statement']);

/** Last simple statement of a block: does it leave the handler (raise, return, `abort(...)`)? */
function exits(block: SyntaxNode | null | undefined, py: PyFile): boolean {
  const last = named(block).filter((n) => n.type !== 'comment').at(-1);
  if (!last) return false;
  if (EXITS.has(last.type)) return true;
  if (last.type === 'expression_statement') {
    const call = unparen(named(last)[0] ?? last);
    if (call.type === 'call') {
      const callee = py.callee(call) ?? '';
      return /(^|\.)abort$/.test(callee) || callee === 'sys.exit';
    }
  }
  return false;
}

/** Whitespace-insensitive text of an expression (for "the checked value is the one used"). */
const key = (n: SyntaxNode): string => unparen(n).text.replace(/\s+/g, '');

interface Check {
  /** Keys of the expressions the check vouches for. */
  readonly subjects: readonly string[];
  readonly kind: TaintKind;
  /** Code after `from` (offset) inside `scope` is guarded. */
  readonly from: number;
  readonly scope: SyntaxNode;
  /** The guard's statement; bindings of the subject after it void the check. */
  readonly at: number;
}

export class FunctionTaint {
  private readonly memo = new Map<string, boolean>();
  private readonly partsMemo = new Map<number, Part[]>();
  private roles: Map<string, ParamRole> | undefined;
  private readonly checkLists = new Map<TaintKind, Check[]>();
  private routeInfo: { route: Route | undefined } | undefined;
  private paramList: RouteParam[] | undefined;
  private index: ScopeIndex | undefined;
  private readonly busy = new Set<string>();

  constructor(
    readonly py: PyFile,
    readonly fn: SyntaxNode,
  ) {}

  /** The route this function handles (the file's route table is only built when a decorator looks like one). */
  get route(): Route | undefined {
    if (!this.routeInfo) {
      const parent = this.fn.parent;
      const decorated = parent?.type === 'decorated_definition' && /@[\w.]+\.(get|post|put|patch|delete|head|options|trace|route|api_route|add_api_route)\s*\(/.test(parent.text.slice(0, this.fn.startIndex - parent.startIndex));
      this.routeInfo = { route: decorated ? this.py.routeOf(this.fn) : undefined };
    }
    return this.routeInfo.route;
  }

  get params(): RouteParam[] {
    this.paramList ??= this.py.params(this.fn);
    return this.paramList;
  }

  /** Bindings and guard statements of the function body, from one cursor walk (nested functions and classes excluded). */
  private get scope(): ScopeIndex {
    this.index ??= indexScope(this.fn);
    return this.index;
  }

  /** Right-hand sides bound to `name` in this function, in document order (as `PyFile.bindings`). */
  bindings(name: string): SyntaxNode[] {
    return this.scope.bindings.get(name) ?? [];
  }

  /** The constant string an expression evaluates to (literal, concatenation, a name bound once here or at module level). */
  constant(node: SyntaxNode): string | undefined {
    return this.py.constantString(node, (name) => this.singleValue(name.text));
  }

  /** The one value `name` is bound to in this function (else at module level), unless it is a parameter or rebound. */
  private singleValue(name: string): SyntaxNode | undefined {
    const local = this.bindings(name);
    if (local.length > 0) return local.length === 1 && local[0]!.type !== 'augmented_assignment' ? local[0] : undefined;
    if (this.params.some((p) => p.name === name)) return undefined;
    const global = this.py.bindings(this.py.tree.rootNode, name);
    return global.length === 1 && global[0]!.type !== 'augmented_assignment' ? global[0] : undefined;
  }

  /** Roles of the function's parameters (request input, the request object, or neither). */
  private get paramRoles(): Map<string, ParamRole> {
    if (this.roles) return this.roles;
    const roles = new Map<string, ParamRole>();
    const flaskTypes = this.route?.path ? flaskConverters(this.route.path) : undefined;
    for (const p of this.params) {
      if (p.name === 'self' || p.name === 'cls') continue;
      const ann = p.annotation ? baseType(p.annotation) : '';
      const annText = p.annotation?.text ?? '';
      if (REQUEST_TYPES.has(ann) || (!p.annotation && (p.name === 'request' || p.name === 'req'))) {
        roles.set(p.name, 'request');
        continue;
      }
      // An upload object only ever comes from a request, whoever receives it.
      if (ann === 'UploadFile' || ann === 'FileStorage') {
        roles.set(p.name, 'tainted');
        continue;
      }
      if (!this.route) continue;
      const defText = p.default?.text ?? '';
      if (/\b(Depends|Security)\s*\(/.test(defText) || /\b(Depends|Security)\s*\(/.test(annText)) continue;
      if (SAFE_TYPES.has(ann) || INJECTED_TYPES.has(ann) || this.isEnum(ann)) continue;
      if (/Dep$/.test(ann)) continue; // `SessionDep`, `CurrentUserDep` aliases
      const converter = flaskTypes?.get(p.name);
      if (converter && /^(int|float|uuid)$/.test(converter)) continue;
      roles.set(p.name, 'tainted');
    }
    this.roles = roles;
    return roles;
  }

  private isEnum(name: string): boolean {
    if (!name) return false;
    const cls = moduleClasses(this.py).get(name);
    return !!cls && /\((?:[\w.]*\.)?(Str|Int)?Enum\b|\((str|int),\s*(?:[\w.]*\.)?Enum\b/.test(cls.text.slice(0, cls.text.indexOf(':')));
  }

  /** Is `node` (an expression of this function) derived from request input, for a sink of `kind`? */
  tainted(node: SyntaxNode, kind: TaintKind, depth = 0): boolean {
    return memoized(this.memo, this.busy, `${kind}:${node.id}`, depth, () => this.compute(unparen(node), kind, depth + 1));
  }

  private compute(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    if (this.checked(n, kind)) return false;
    switch (n.type) {
      case 'identifier':
        return this.identifier(n, kind, depth);
      case 'attribute':
        return this.attribute(n, kind, depth);
      case 'subscript': {
        const value = n.childForFieldName('value');
        if (!value) return false;
        // `os.path.splitext(name)[1]`: an extension never holds a separator.
        const v = unparen(value);
        if (kind === 'path' && v.type === 'call' && /(^|\.)splitext$/.test(this.py.callee(v) ?? '') && /^(1|-1)$/.test(n.childForFieldName('subscript')?.text ?? '')) return false;
        return this.tainted(value, kind, depth);
      }
      case 'call':
        return this.call(n, kind, depth);
      case 'await':
      case 'parenthesized_expression':
      case 'list_splat':
        return named(n).some((c) => this.tainted(c, kind, depth));
      case 'string':
        return named(n).some((c) => c.type === 'interpolation' && !!c.childForFieldName('expression') && this.tainted(c.childForFieldName('expression')!, kind, depth));
      case 'concatenated_string':
        return named(n).some((c) => this.tainted(c, kind, depth));
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.text;
        if (op !== '+' && op !== '%' && op !== '/') return false;
        return [n.childForFieldName('left'), n.childForFieldName('right')].some((c) => !!c && this.tainted(c, kind, depth));
      }
      case 'conditional_expression': {
        const [a, , b] = named(n);
        return [a, b].some((c) => !!c && this.tainted(c, kind, depth));
      }
      case 'boolean_operator':
        return [n.childForFieldName('left'), n.childForFieldName('right')].some((c) => !!c && this.tainted(c, kind, depth));
      case 'list':
      case 'tuple':
        return named(n).some((c) => this.tainted(c, kind, depth));
      case 'augmented_assignment': {
        const op = n.childForFieldName('operator')?.text;
        const right = n.childForFieldName('right');
        return (op === '+=' || op === '/=') && !!right && this.tainted(right, kind, depth);
      }
      default:
        return false;
    }
  }

  private identifier(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    const reaching = this.reaching(n);
    if (reaching.values.length > 0) {
      if (reaching.values.some((v) => this.bindingTainted(v, kind, depth))) return true;
      if (!reaching.orParam) return false;
    }
    const role = this.paramRoles.get(n.text);
    if (role) return role === 'tainted';
    if (this.params.some((p) => p.name === n.text)) return false;
    // A closure reading its handler's variable: ask the enclosing function at the closure's position.
    const outer = enclosingFunction(this.fn);
    if (outer && reaching.values.length === 0) return taintOf(this.py, outer).tainted(n, kind, depth);
    return false;
  }

  /** The value bound by an augmented assignment keeps the earlier value too. */
  private bindingTainted(value: SyntaxNode, kind: TaintKind, depth: number): boolean {
    if (value.type === 'augmented_assignment') {
      const left = value.childForFieldName('left');
      if (left && this.tainted(left, kind, depth)) return true;
    }
    return this.tainted(value, kind, depth);
  }

  /**
   * Bindings of a name that reach `use`: the last one before it, plus earlier
   * ones (and the parameter) while the later ones sit in branches that do
   * not enclose the use.
   */
  reaching(use: SyntaxNode): { values: SyntaxNode[]; orParam: boolean } {
    const all = this.bindings(use.text).filter((v) => v.endIndex <= use.startIndex);
    const values: SyntaxNode[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const v = all[i]!;
      values.push(v);
      const block = nearestBlock(v, this.fn);
      if (block && block.startIndex <= use.startIndex && use.endIndex <= block.endIndex) return { values, orParam: false };
    }
    return { values, orParam: true };
  }

  private attribute(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    const object = n.childForFieldName('object');
    const attr = n.childForFieldName('attribute')?.text ?? '';
    if (!object) return false;
    if (this.isRequestObject(object)) return REQUEST_ATTRS.has(attr);
    if (kind === 'path' && (attr === 'name' || attr === 'stem' || attr === 'suffix') && this.isPathValue(object)) return false;
    if (kind === 'url' && STORED_URL_FIELDS.test(attr) && this.loadedFromDb(object)) return true;
    const built = this.constructorField(object, attr);
    if (built) return this.tainted(built, kind, depth);
    if (!this.tainted(object, kind, depth)) return false;
    return !this.safeField(object, attr);
  }

  /** `hook.url` where `hook = Webhook(url=payload.url, ...)` in this function: the keyword's value. */
  private constructorField(object: SyntaxNode, attr: string): SyntaxNode | undefined {
    const o = unparen(object);
    if (o.type !== 'identifier') return undefined;
    const { values, orParam } = this.reaching(o);
    const value = values.length === 1 && !orParam ? unparen(values[0]!) : undefined;
    if (value?.type !== 'call' || !/^[A-Z]/.test(this.py.methodName(value) ?? '')) return undefined;
    return keywordArg(value, attr);
  }

  /** `payload.count` where `payload: ItemCreate` and the class in this file declares `count: int`. */
  private safeField(object: SyntaxNode, attr: string): boolean {
    const o = unparen(object);
    if (o.type !== 'identifier') return false;
    const param = this.params.find((p) => p.name === o.text);
    if (!param?.annotation) return false;
    const cls = moduleClasses(this.py).get(baseType(param.annotation));
    if (!cls) return false;
    for (const stmt of named(cls.childForFieldName('body'))) {
      const a = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
      if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== attr) continue;
      const type = a.childForFieldName('type');
      const base = type ? baseType(type) : '';
      return SAFE_TYPES.has(base) || this.isEnum(base);
    }
    return false;
  }

  /** `Path(...)`, `BASE / x`, or a name bound to one: `.name` of it is a bare file name. */
  private isPathValue(object: SyntaxNode): boolean {
    const o = unparen(object);
    if (o.type === 'call') return /(^|\.)(Path|PurePath|PosixPath|PurePosixPath)$/.test(this.py.callee(o) ?? '');
    if (o.type === 'binary_operator') return o.childForFieldName('operator')?.text === '/';
    if (o.type === 'identifier') {
      const { values } = this.reaching(o);
      return values.length > 0 && values.every((v) => v.type !== 'augmented_assignment' && this.isPathValue(v));
    }
    return false;
  }

  /** An ORM object fetched in this function (`await session.get(Webhook, id)`, `db.query(X).first()`). */
  private loadedFromDb(object: SyntaxNode, depth = 0): boolean {
    const o = unparen(object);
    if (o.type !== 'identifier' || depth > 3) return false;
    const { values } = this.reaching(o);
    // `hooks = (await session.scalars(select(Webhook))).all()` then `for hook in hooks:`.
    return values.length > 0 && values.every((v) => isDbLoad(v) || this.loadedFromDb(v, depth + 1));
  }

  isRequestObject(node: SyntaxNode): boolean {
    const n = unparen(node);
    if (n.type === 'identifier') {
      if (this.paramRoles.get(n.text) === 'request' && this.reaching(n).values.length === 0) return true;
      return REQUEST_GLOBALS.has(this.py.qualify(n) ?? '');
    }
    if (n.type === 'attribute') {
      // `websocket.request`, `self.request` (class-based views).
      const attr = n.childForFieldName('attribute')?.text;
      return attr === 'request' && n.childForFieldName('object')?.text === 'self';
    }
    return false;
  }

  private call(n: SyntaxNode, kind: TaintKind, depth: number): boolean {
    const fn = n.childForFieldName('function');
    if (!fn) return false;
    const anyArg = (): boolean => named(n.childForFieldName('arguments')).some((a) => {
      const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      return !!v && this.tainted(v, kind, depth);
    });
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (object && this.isRequestObject(object)) return REQUEST_METHODS.has(method);
    }
    const callee = this.py.callee(n);
    if (callee !== undefined) {
      if (CLEAN_CALLS.has(callee)) return false;
      if (kind === 'path' && PATH_SANITISERS.has(callee)) return false;
      if (kind === 'url' && URL_SANITISERS.has(callee)) return false;
      if (PASS_CALLS.has(callee)) return anyArg();
      if (fn.type === 'identifier') return false; // an unknown function: no interprocedural guesses
    }
    if (fn.type !== 'attribute') return false;
    const object = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (!object) return false;
    if (CLEAN_METHODS.has(method)) return false;
    // `"{}/{}".format(a, b)`, `"/".join(parts)`, `base.joinpath(x)`: the arguments flow in.
    if (method === 'format' || method === 'join' || method === 'joinpath' || method === 'with_name' || method === 'copy_with') {
      if (anyArg()) return true;
    }
    // Flask `request.args.get("page", type=int)` converts before we see it.
    if (method === 'get' && /^(int|float|bool|uuid\.UUID|UUID)$/.test(keywordArg(n, 'type')?.text ?? '')) return false;
    // `request.args.get("f")`, `name.strip()`, `path.resolve()`: the receiver's taint flows through.
    return this.tainted(object, kind, depth);
  }

  /** Has a guard before `node` vouched for this exact expression (containment or host allow-list)? */
  checked(node: SyntaxNode, kind: TaintKind): boolean {
    const checks = this.checksFor(kind);
    if (checks.length === 0) return false;
    const subjects = subjectKeys(this.py, node, kind);
    for (const check of checks) {
      if (node.startIndex < check.from || node.endIndex > check.scope.endIndex) continue;
      if (!subjects.some((s) => check.subjects.includes(s))) continue;
      // Rebinding a name of the checked expression after the guard voids it.
      const names = [unparen(node), ...unparen(node).descendantsOfType('identifier')].filter((x): x is SyntaxNode => !!x && x.type === 'identifier');
      if (names.some((id) => this.bindings(id.text).some((v) => v.startIndex > check.at && v.endIndex <= node.startIndex))) continue;
      return true;
    }
    return false;
  }

  private checksFor(kind: TaintKind): Check[] {
    let list = this.checkLists.get(kind);
    if (list) return list;
    list = [];
    for (const stmt of this.scope.guards) {
      if (stmt.type === 'if_statement') this.ifChecks(stmt, kind, list);
      else if (kind === 'path') this.tryChecks(stmt, list);
    }
    this.checkLists.set(kind, list);
    return list;
  }

  private ifChecks(stmt: SyntaxNode, kind: TaintKind, out: Check[]): void {
    const cond = stmt.childForFieldName('condition');
    const consequence = stmt.childForFieldName('consequence');
    const scope = stmt.parent;
    if (!cond || !consequence || !scope) return;
    const text = cond.text;
    if (kind === 'path' ? !/is_relative_to|startswith|commonpath|parents?\b|isalnum|isdigit|isidentifier|isdecimal|match|\bin\b/.test(text) : !/\bin\b|[!=]=|startswith/.test(text)) return;
    // `if <escapes>: raise` guards the rest of the enclosing block.
    const rejected = this.guardSubjects(cond, kind, false);
    if (rejected.length > 0 && exits(consequence, this.py)) out.push({ subjects: rejected, kind, from: stmt.endIndex, scope, at: stmt.startIndex });
    // `if <contained>: <use>` guards its own body.
    const accepted = this.guardSubjects(cond, kind, true);
    if (accepted.length > 0) out.push({ subjects: accepted, kind, from: consequence.startIndex, scope: consequence, at: stmt.startIndex });
  }

  /** `try: p.relative_to(BASE) except ValueError: raise ...` */
  private tryChecks(stmt: SyntaxNode, out: Check[]): void {
    const body = stmt.childForFieldName('body');
    const handlers = named(stmt).filter((c) => c.type === 'except_clause');
    if (!body || handlers.length === 0 || !stmt.parent) return;
    if (!handlers.every((h) => exits(named(h).find((c) => c.type === 'block'), this.py))) return;
    const subjects: string[] = [];
    for (const call of body.descendantsOfType('call')) {
      // `try: uuid.UUID(file_id) except ValueError: raise ...` proves the text is a UUID (or an int).
      const converter = call ? this.py.callee(call) : undefined;
      const converted = call ? positionalArgs(call) : [];
      if ((converter === 'uuid.UUID' || converter === 'int') && converted.length === 1) subjects.push(key(converted[0]!));
      const fn = call?.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'relative_to') continue;
      const object = fn.childForFieldName('object');
      if (object) subjects.push(...normalisedSubjects(this, object));
    }
    if (subjects.length > 0) out.push({ subjects, kind: 'path', from: stmt.endIndex, scope: stmt.parent, at: stmt.startIndex });
  }

  /**
   * Keys of the values a condition proves safe when it is false
   * (`positive` = false: `not p.is_relative_to(B)`, `host not in ALLOWED`)
   * or when it is true (`positive` = true).
   */
  private guardSubjects(cond: SyntaxNode, kind: TaintKind, positive: boolean): string[] {
    const c = unparen(cond);
    if (c.type === 'not_operator') {
      const arg = c.childForFieldName('argument');
      return arg ? this.guardSubjects(arg, kind, !positive) : [];
    }
    if (kind === 'path' && !positive && c.type === 'boolean_operator') {
      const blocked = this.separatorBlacklist(c);
      if (blocked.length > 0) return blocked;
    }
    if (c.type === 'boolean_operator') {
      const op = c.childForFieldName('operator')?.text;
      // Leaving `if A or B: raise` proves both false; entering `if A and B:` proves both true.
      if ((op === 'or' && !positive) || (op === 'and' && positive)) {
        return [c.childForFieldName('left'), c.childForFieldName('right')].flatMap((x) => (x ? this.guardSubjects(x, kind, positive) : []));
      }
      return [];
    }
    return kind === 'path' ? this.containment(c, positive) : this.allowList(c, positive);
  }

  /** `if "/" in name or ".." in name: raise`: both the separator and the parent step refused. */
  private separatorBlacklist(c: SyntaxNode): string[] {
    const seen = new Map<string, Set<string>>();
    const visit = (n: SyntaxNode): void => {
      const u = unparen(n);
      if (u.type === 'boolean_operator' && u.childForFieldName('operator')?.text === 'or') {
        for (const side of [u.childForFieldName('left'), u.childForFieldName('right')]) if (side) visit(side);
      } else if (u.type === 'comparison_operator' && u.childrenForFieldName('operators').map((o) => o?.text).join() === 'in') {
        const [needle, hay] = named(u);
        const value = needle ? this.constant(needle) : undefined;
        if (hay && value !== undefined) {
          const set = seen.get(key(hay)) ?? new Set();
          set.add(value);
          seen.set(key(hay), set);
        }
      }
    };
    visit(c);
    return [...seen].filter(([, set]) => set.has('/') && set.has('..')).map(([k]) => k);
  }

  /** `p.is_relative_to(B)`, `str(p).startswith(str(B))`, `os.path.commonpath([p, B]) == B`, `B in p.parents` — on a normalised path. */
  private containment(c: SyntaxNode, positive: boolean): string[] {
    if (c.type === 'call' && positive) {
      const fn = c.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const object = fn?.childForFieldName('object');
      if (object && (method === 'is_relative_to' || method === 'startswith')) return normalisedSubjects(this, object);
      // A name limited to safe characters: `name.isalnum()`, `re.fullmatch(r"[\w-]+", name)`.
      if (object && (method === 'isalnum' || method === 'isdigit' || method === 'isidentifier' || method === 'isdecimal')) return [key(object)];
      const callee = this.py.callee(c) ?? '';
      const args = positionalArgs(c);
      if ((callee === 're.fullmatch' || callee === 're.match') && args.length >= 2) {
        const pattern = this.constant(args[0]!);
        if (pattern !== undefined && safeNamePattern(pattern, callee === 're.fullmatch')) return [key(args[1]!)];
      }
      if (object && (method === 'fullmatch' || method === 'match') && args.length === 1 && object.type === 'identifier') {
        // `NAME_RE = re.compile(r"[\w-]+")` at module level.
        const bound = this.py.bindings(this.py.tree.rootNode, object.text);
        const compiled = bound.length === 1 && unparen(bound[0]!).type === 'call' && this.py.callee(unparen(bound[0]!)) === 're.compile' ? positionalArgs(unparen(bound[0]!))[0] : undefined;
        const pattern = compiled ? this.constant(compiled) : undefined;
        if (pattern !== undefined && safeNamePattern(pattern, method === 'fullmatch')) return [key(args[0]!)];
      }
      return [];
    }
    if (c.type === 'comparison_operator') {
      const ops = c.childrenForFieldName('operators').map((o) => o?.text.replace(/\s+/g, ' '));
      const [left, right] = named(c);
      if (!left || !right || ops.length !== 1) return [];
      const op = ops[0];
      const eq = positive ? op === '==' : op === '!=';
      if (eq) {
        for (const side of [left, right]) {
          const s = unparen(side);
          if (s.type === 'call' && /(^|\.)commonpath$/.test(this.py.callee(s) ?? '')) {
            const list = positionalArgs(s)[0];
            if (list && (list.type === 'list' || list.type === 'tuple')) return named(list).flatMap((item) => normalisedSubjects(this, item));
          }
        }
      }
      // `dest.absolute().parent != ASSET_DIR: raise`: the path is a direct child of the base. No
      // normalisation needed: a `..` or a separator anywhere in the name moves the lexical parent.
      if (eq) {
        for (const side of [left, right]) {
          const s = unparen(side);
          if (s.type !== 'attribute' || s.childForFieldName('attribute')?.text !== 'parent') continue;
          let inner = unparen(s.childForFieldName('object') ?? s);
          const keys = [key(inner)];
          for (let w = unwrapPath(this.py, inner), i = 0; w && i < 5; w = unwrapPath(this.py, inner), i++) keys.push(key((inner = unparen(w.node))));
          return keys;
        }
      }
      const member = positive ? op === 'in' : op === 'not in';
      const r = unparen(right);
      if (member && r.type === 'attribute' && r.childForFieldName('attribute')?.text === 'parents') {
        const object = r.childForFieldName('object');
        return object ? normalisedSubjects(this, object) : [];
      }
    }
    return [];
  }

  /** `urlparse(u).hostname not in ALLOWED`, `host != "api.example.com"`, `u not in ALLOWED_URLS`, `u.startswith("https://api.x.com/")`. */
  private allowList(c: SyntaxNode, positive: boolean): string[] {
    if (c.type === 'call' && positive) {
      const fn = c.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      const arg = positionalArgs(c)[0];
      if (!object || !arg || fn?.childForFieldName('attribute')?.text !== 'startswith') return [];
      // Only a prefix that already ends the authority (`https://api.x.com/`); `https://api.x.com` admits `@evil.com`.
      const prefixes = unparen(arg).type === 'tuple' ? named(unparen(arg)).map((p) => this.constant(p)) : [this.constant(arg)];
      return prefixes.length > 0 && prefixes.every((p) => p !== undefined && /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@]+[/?#]/.test(p)) ? [key(object)] : [];
    }
    if (c.type !== 'comparison_operator') return [];
    const ops = c.childrenForFieldName('operators').map((o) => o?.text.replace(/\s+/g, ' '));
    const [left, right] = named(c);
    if (!left || !right || ops.length !== 1) return [];
    const op = ops[0];
    const ok = positive ? op === 'in' || op === '==' : op === 'not in' || op === '!=';
    if (!ok) return [];
    if ((op === '==' || op === '!=') && this.constant(right) === undefined && this.constant(left) === undefined) return [];
    const subject = op === '==' || op === '!=' ? (this.constant(left) !== undefined ? right : left) : left;
    return hostSubjects(this, subject);
  }
}

/** A regex that only matches single path components: no `/`, no wildcard `.`, no negated or broad classes, anchored. */
function safeNamePattern(pattern: string, full: boolean): boolean {
  if (!full && !/^\^/.test(pattern)) return false;
  if (!full && !/(\$|\\Z)$/.test(pattern)) return false;
  if (pattern.includes('/') || /\\[SWDs]/.test(pattern) || pattern.includes('[^')) return false;
  const outside = pattern.replace(/\[(?:\\.|[^\]])*\]/g, '').replace(/\\./g, '');
  return !outside.includes('.');
}

/** Keys a sink expression may be vouched for under: itself, and through `str(...)` / normalising wrappers. */
function subjectKeys(py: PyFile, node: SyntaxNode, kind: TaintKind): string[] {
  const keys = [key(node)];
  let n = unparen(node);
  for (let i = 0; i < 4; i++) {
    const inner = kind === 'path' ? unwrapPath(py, n) : unwrapStr(py, n);
    if (!inner) break;
    n = unparen(inner.node);
    keys.push(key(n));
  }
  return keys;
}

function unwrapStr(py: PyFile, n: SyntaxNode): { node: SyntaxNode } | undefined {
  if (n.type === 'call' && py.callee(n) === 'str' && positionalArgs(n).length === 1) return { node: positionalArgs(n)[0]! };
  return undefined;
}

/** One wrapper off a path expression: `str(x)`, `Path(x)`, `x.resolve()`, `os.path.realpath(x)`; `normalised` when it was one. */
function unwrapPath(py: PyFile, n: SyntaxNode): { node: SyntaxNode; normalised: boolean } | undefined {
  if (n.type !== 'call') return undefined;
  const callee = py.callee(n) ?? '';
  const args = positionalArgs(n);
  if (args.length === 1 && NORMALISERS.has(callee)) return { node: args[0]!, normalised: true };
  if (args.length === 1 && (callee === 'str' || callee === 'os.fspath' || /^(pathlib\.)?(Path|PurePath|PosixPath)$/.test(callee))) return { node: args[0]!, normalised: false };
  const fn = n.childForFieldName('function');
  if (fn?.type === 'attribute' && args.length === 0) {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (object && NORMALISING_METHODS.has(method)) return { node: object, normalised: true };
  }
  return undefined;
}

/**
 * What a containment test vouches for: the tested expression with its
 * wrappers peeled, provided a normalisation (`resolve()`, `realpath`)
 * happened in the test or in the name's single binding. Without it,
 * `BASE/../etc` passes a lexical `startswith`/`is_relative_to` test.
 */
function normalisedSubjects(t: FunctionTaint, node: SyntaxNode): string[] {
  const keys: string[] = [];
  let n = unparen(node);
  let normalised = false;
  for (let i = 0; i < 5; i++) {
    const inner = unwrapPath(t.py, n);
    if (!inner) break;
    normalised ||= inner.normalised;
    n = unparen(inner.node);
    keys.push(key(n));
  }
  const core = n;
  if (core.type === 'identifier') {
    const { values } = t.reaching(core);
    if (values.length === 1) {
      // `resolved = (BASE / name).resolve()`: the check also covers what was resolved.
      let v = unparen(values[0]!);
      let viaNormaliser = false;
      for (let i = 0; i < 5; i++) {
        const inner = unwrapPath(t.py, v);
        if (!inner) break;
        viaNormaliser ||= inner.normalised;
        v = unparen(inner.node);
        if (viaNormaliser && v.type === 'identifier') keys.push(key(v));
      }
      normalised ||= viaNormaliser;
    }
  }
  if (!normalised) return [];
  return [key(node), ...keys];
}

/** What a host test vouches for: `urlparse(u).hostname` → `u`; `host` bound to that → `u`; `parsed.hostname` with `parsed = urlparse(u)` → `u`. */
function hostSubjects(t: FunctionTaint, node: SyntaxNode, depth = 0): string[] {
  const n = unparen(node);
  if (depth > 3) return [];
  if (n.type === 'attribute') {
    const attr = n.childForFieldName('attribute')?.text ?? '';
    const object = n.childForFieldName('object');
    if (!object || !/^(hostname|netloc|host)$/.test(attr)) return [];
    return parsedUrl(t, object, depth);
  }
  if (n.type === 'identifier') {
    const { values } = t.reaching(n);
    // `host = urlparse(u).hostname`; also an exact URL allow-list (`if url not in ALLOWED_URLS`).
    if (values.length === 1) {
      const inner = hostSubjects(t, values[0]!, depth + 1);
      if (inner.length > 0) return inner;
    }
    return [key(n)];
  }
  if (n.type === 'call' && (t.py.callee(n) === 'str' || /(^|\.)lower$/.test(t.py.methodName(n) ?? ''))) {
    const fn = n.childForFieldName('function');
    const inner = t.py.callee(n) === 'str' ? positionalArgs(n)[0] : fn?.childForFieldName('object');
    return inner ? hostSubjects(t, inner, depth + 1) : [];
  }
  return [];
}

function parsedUrl(t: FunctionTaint, node: SyntaxNode, depth: number): string[] {
  const n = unparen(node);
  if (n.type === 'call') {
    const callee = t.py.callee(n) ?? '';
    if (/(^|\.)(urlparse|urlsplit|URL|furl)$/.test(callee)) {
      const arg = positionalArgs(n)[0];
      if (!arg) return [];
      const a = unparen(arg);
      const keys = [key(a)];
      if (a.type === 'call' && t.py.callee(a) === 'str' && positionalArgs(a)[0]) keys.push(key(positionalArgs(a)[0]!));
      return keys;
    }
    return [];
  }
  if (n.type === 'identifier') {
    const { values } = t.reaching(n);
    if (values.length === 1) return parsedUrl(t, values[0]!, depth + 1);
    return [];
  }
  // `url.host` on an `httpx.URL` / Pydantic `HttpUrl` value: vouches for `url` itself.
  if (n.type === 'attribute') return [key(n)];
  return [];
}

/** A statement of the function body enclosing `node`'s binding: the nearest `block` (or the function body). */
function nearestBlock(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) if (p.type === 'block') return p;
  return undefined;
}

function isDbLoad(value: SyntaxNode): boolean {
  let v = unparen(value);
  if (v.type === 'await') v = unparen(named(v)[0] ?? v);
  if (v.type !== 'call') {
    // `for hook in result.scalars():`
    return false;
  }
  const fn = v.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!DB_LOADS.has(method)) return false;
  const text = v.text;
  const first = positionalArgs(v)[0];
  return /\b(session|db|repo|repository|query|select|execute|scalars|objects)\b/i.test(text) || (!!first && /^[A-Z]\w*$/.test(first.text));
}

/** Flask URL converters of a route path: `/files/<path:name>` → name → path. */
function flaskConverters(path: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of path.matchAll(/<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>/g)) map.set(m[2]!, m[1] ?? 'string');
  // FastAPI `{item_id:int}` style converters too.
  for (const m of path.matchAll(/\{(\w+):(\w+)\}/g)) map.set(m[1]!, m[2]!);
  return map;
}

/** `Annotated[Optional[int], Query()]` → `int`; `list[UUID]` → `UUID`; `uuid.UUID` → `UUID`; `str | None` → `str`. */
export function baseType(annotation: SyntaxNode): string {
  let text = annotation.text.replace(/\s+/g, '');
  for (let i = 0; i < 4; i++) {
    const m = /^(?:typing\.)?(Annotated|Optional|list|List|set|Set|tuple|Tuple|Sequence|frozenset)\[(.*)\]$/.exec(text);
    if (!m) break;
    let depth = 0;
    let end = m[2]!.length;
    for (let j = 0; j < m[2]!.length; j++) {
      const ch = m[2]![j];
      if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') depth--;
      else if (ch === ',' && depth === 0) {
        end = j;
        break;
      }
    }
    text = m[2]!.slice(0, end);
  }
  const parts = text.split('|').filter((p) => p !== 'None');
  if (parts.length === 1) text = parts[0]!;
  if (/^(typing\.)?Literal\[/.test(text)) return 'Literal';
  if (/^(conint|confloat|condecimal)\(/.test(text)) return 'conint';
  return text.replace(/^.*\./, '').replace(/^"|"$/g, '');
}

interface ScopeIndex {
  readonly bindings: Map<string, SyntaxNode[]>;
  /** `if` and `try` statements that may guard a later use. */
  readonly guards: SyntaxNode[];
}

const BINDING_TYPES = new Set(['assignment', 'augmented_assignment', 'named_expression', 'for_statement', 'for_in_clause', 'as_pattern', 'if_statement', 'try_statement']);
const GUARD_TEXT = /is_relative_to|startswith|commonpath|relative_to|parents|isalnum|isdigit|isidentifier|isdecimal|match|\bin\b|[!=]=/;

const SCOPE_TYPES = [...BINDING_TYPES, 'function_definition', 'class_definition', 'lambda'];

/**
 * Bindings and guards of a function body from one `descendantsOfType` query
 * (done inside the parser, only matching nodes reach JavaScript); nodes of
 * nested functions, classes and lambdas are skipped by their ranges.
 */
function indexScope(fn: SyntaxNode): ScopeIndex {
  const bindings = new Map<string, SyntaxNode[]>();
  const guards: SyntaxNode[] = [];
  const add = (target: SyntaxNode | null | undefined, value: SyntaxNode): void => {
    if (!target) return;
    if (target.type === 'identifier') {
      const list = bindings.get(target.text) ?? [];
      list.push(value);
      bindings.set(target.text, list);
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (const t of named(target)) add(t, value);
    }
  };
  const body = fn.childForFieldName('body');
  if (!body) return { bindings, guards };
  let nestedEnd = -1;
  for (const node of body.descendantsOfType(SCOPE_TYPES)) {
    if (!node) continue;
    if (node.startIndex < nestedEnd) continue;
    const type = node.type;
    if (type === 'function_definition' || type === 'class_definition' || type === 'lambda') {
      nestedEnd = node.endIndex;
      continue;
    }
    if (type === 'assignment') {
      const right = node.childForFieldName('right');
      if (right) add(node.childForFieldName('left'), right);
    } else if (type === 'augmented_assignment') add(node.childForFieldName('left'), node);
    else if (type === 'named_expression') {
      const value = node.childForFieldName('value');
      if (value) add(node.childForFieldName('name'), value);
    } else if (type === 'for_statement' || type === 'for_in_clause') {
      const right = node.childForFieldName('right');
      if (right) add(node.childForFieldName('left'), right);
    } else if (type === 'as_pattern') {
      const target = node.childForFieldName('alias') ?? named(node).at(-1);
      const value = named(node)[0];
      if (value && target?.type === 'as_pattern_target') add(named(target)[0], value);
    } else if (type === 'if_statement') {
      const cond = node.childForFieldName('condition');
      if (cond && GUARD_TEXT.test(cond.text)) guards.push(node);
    } else if (/relative_to|UUID\(|int\(/.test(node.childForFieldName('body')?.text ?? '')) guards.push(node);
  }
  return { bindings, guards };
}

const classCache = new WeakMap<PyFile, Map<string, SyntaxNode>>();

/** Top-level classes of the file by name (Pydantic models, enums). */
function moduleClasses(py: PyFile): Map<string, SyntaxNode> {
  let map = classCache.get(py);
  if (map) return map;
  map = new Map();
  for (const child of named(py.tree.rootNode)) {
    const cls = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (cls?.type === 'class_definition') {
      const name = cls.childForFieldName('name')?.text;
      if (name) map.set(name, cls);
    }
  }
  classCache.set(py, map);
  return map;
}

const cache = new WeakMap<PyFile, Map<number, FunctionTaint>>();

/** The (memoised) taint view of one function. */
export function taintOf(py: PyFile, fn: SyntaxNode): FunctionTaint {
  let byFn = cache.get(py);
  if (!byFn) {
    byFn = new Map();
    cache.set(py, byFn);
  }
  let t = byFn.get(fn.id);
  if (!t) {
    t = new FunctionTaint(py, fn);
    byFn.set(fn.id, t);
  }
  return t;
}

// ---------------------------------------------------------------------------
// URLs: is the tainted part in the scheme/host, or after a fixed host?

type Part = { kind: 'const'; text: string } | { kind: 'clean' } | { kind: 'fixed' } | { kind: 'taint' };

/** Where request input lands in a URL expression. */
export function urlState(t: FunctionTaint, node: SyntaxNode): UrlState {
  const parts = urlParts(t, node, 0);
  const first = parts.findIndex((p) => p.kind === 'taint');
  if (first < 0) return 'none';
  let prefix = '';
  for (const p of parts.slice(0, first)) prefix += p.kind === 'const' ? p.text : p.kind === 'fixed' ? '\u0001/' : '\u0001';
  return hostFixed(prefix) ? 'host-fixed' : 'full';
}

/** Does a URL prefix already fix scheme and host (`https://api.x.com/`, `{settings.base}/`, `/relative`)? */
function hostFixed(prefix: string): boolean {
  const p = prefix.replace(/^\u0001:\/\//, 'x://');
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@]+[/?#]/.test(p)) return true;
  if (/^\u0001[^:]*[/?#]/.test(p)) return true;
  return /^\/(?!\/)/.test(p) || /^[?#]/.test(p);
}

function urlParts(t: FunctionTaint, node: SyntaxNode, depth: number): Part[] {
  const n = unparen(node);
  if (depth > 12) return [t.tainted(n, 'url') ? { kind: 'taint' } : { kind: 'clean' }];
  if (t.checked(n, 'url')) return [{ kind: 'clean' }];
  switch (n.type) {
    case 'string': {
      const literal = literalString(n);
      if (literal !== undefined) return [{ kind: 'const', text: literal }];
      const parts: Part[] = [];
      for (const c of named(n)) {
        if (c.type === 'string_content' || c.type === 'escape_sequence') parts.push({ kind: 'const', text: c.text });
        else if (c.type === 'interpolation') {
          const e = c.childForFieldName('expression');
          if (e) parts.push(...urlParts(t, e, depth + 1));
        }
      }
      return parts;
    }
    case 'concatenated_string':
      return named(n).flatMap((c) => urlParts(t, c, depth + 1));
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (!left || !right) return [{ kind: 'clean' }];
      if (op === '+') return [...urlParts(t, left, depth + 1), ...urlParts(t, right, depth + 1)];
      if (op === '%') return template(t, left, [right], '%');
      if (op === '/') return [...urlParts(t, left, depth + 1), { kind: 'const', text: '/' }, ...urlParts(t, right, depth + 1)];
      break;
    }
    case 'call': {
      const callee = t.py.callee(n) ?? '';
      const args = positionalArgs(n);
      if ((callee === 'str' || callee === 'httpx.URL' || callee === 'yarl.URL') && args.length === 1) return urlParts(t, args[0]!, depth + 1);
      if (/(^|\.)urljoin$/.test(callee) && args.length === 2) {
        // An absolute second argument replaces the base entirely.
        if (t.tainted(args[1]!, 'url')) return [{ kind: 'taint' }];
        return [...urlParts(t, args[0]!, depth + 1), { kind: 'clean' }];
      }
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
        const object = fn.childForFieldName('object');
        if (object && t.constant(object) !== undefined) {
          return template(t, object, named(n.childForFieldName('arguments')).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') ?? a : a)), '{');
        }
      }
      break;
    }
    case 'await':
      return named(n)[0] ? urlParts(t, named(n)[0]!, depth + 1) : [{ kind: 'clean' }];
    case 'identifier': {
      if (!t.tainted(n, 'url')) {
        const constant = t.constant(n);
        return [constant !== undefined ? { kind: 'const', text: constant } : { kind: 'clean' }];
      }
      const { values, orParam } = t.reaching(n);
      if (values.length === 1 && !orParam && values[0]!.type !== 'augmented_assignment') return urlParts(t, values[0]!, depth + 1);
      if (values.length === 0) return [t.tainted(n, 'url') ? { kind: 'taint' } : { kind: 'clean' }];
      // Several reaching values: the worst of them.
      const states = values.map((v) => (v.type === 'augmented_assignment' ? (t.tainted(v, 'url') ? 'full' : 'none') : stateOf(urlParts(t, v, depth + 1))));
      if (orParam && t.tainted(n, 'url')) states.push('full');
      if (states.includes('full')) return [{ kind: 'taint' }];
      return states.includes('host-fixed') ? [{ kind: 'fixed' }] : [{ kind: 'clean' }];
    }
    case 'conditional_expression':
    case 'boolean_operator': {
      const options = n.type === 'conditional_expression' ? [named(n)[0], named(n)[2]] : [n.childForFieldName('left'), n.childForFieldName('right')];
      const states = options.filter((o): o is SyntaxNode => !!o).map((o) => stateOf(urlParts(t, o, depth + 1)));
      if (states.includes('full')) return [{ kind: 'taint' }];
      return states.includes('host-fixed') ? [{ kind: 'fixed' }] : [{ kind: 'clean' }];
    }
  }
  return [t.tainted(n, 'url') ? { kind: 'taint' } : { kind: 'clean' }];
}

function stateOf(parts: Part[]): UrlState {
  const first = parts.findIndex((p) => p.kind === 'taint');
  if (first < 0) return parts.some((p) => p.kind === 'fixed') ? 'host-fixed' : 'none';
  let prefix = '';
  for (const p of parts.slice(0, first)) prefix += p.kind === 'const' ? p.text : p.kind === 'fixed' ? '\u0001/' : '\u0001';
  return hostFixed(prefix) ? 'host-fixed' : 'full';
}

/** `"https://%s/x" % host`, `"https://{}/x".format(host)`: the template's text up to its first placeholder, then the arguments. */
function template(t: FunctionTaint, tpl: SyntaxNode, args: SyntaxNode[], marker: string): Part[] {
  const text = t.constant(tpl);
  const argsTainted = args.some((a) => t.tainted(a, 'url'));
  if (text === undefined) return [argsTainted || t.tainted(tpl, 'url') ? { kind: 'taint' } : { kind: 'clean' }];
  const at = text.indexOf(marker);
  if (at < 0) return [{ kind: 'const', text }];
  return [{ kind: 'const', text: text.slice(0, at) }, argsTainted ? { kind: 'taint' } : { kind: 'clean' }];
}
