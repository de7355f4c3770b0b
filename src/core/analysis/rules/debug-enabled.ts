// debug-enabled: debug behaviour that reaches clients and is not gated by
// configuration. Two shapes:
//   - debug mode switched on in code: `FastAPI(debug=True)`/`Starlette(debug=True)`
//     answer errors with full tracebacks; Flask `app.run(debug=True)`,
//     `app.debug = True`, `app.config["DEBUG"] = True` enable the Werkzeug
//     debugger, an interactive Python console in the browser. A `__main__`
//     guard does not make it safe (`python app.py` is how small apps are
//     deployed, and the debugger serves whoever reaches the port): flagged too.
//   - exception details sent back in a response: `traceback.format_exc()`, or
//     `str(exc)`/`repr(exc)`/`f"{exc}"` of an exception caught as `Exception`
//     or as a database driver error (its message carries the SQL), or received
//     by a handler registered for those or for 500. The message of a specific
//     exception (`except ValueError as e: … detail=str(e)`) is usually written
//     for clients and is not flagged, nor is anything logged.
// Branches chosen by configuration (`if settings.debug:`) and test code are not flagged.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { fileFix, type FixImport, replaceNode } from '../fixes';
import { isTestPath, isTrue, keywordNode, lexicalBinding, lineIndent, settingsAccess, textOf } from '../python/config';
import { enclosingFunction, literalString, named, positionalArgs, unparen } from '../python/pyfile';
import { interleave, nodesAround } from '../python/candidates';
import type { Fix, Rule, RuleContext, Visitor } from '../types';

// ---------------------------------------------------------------- debug mode

const APP_CONSTRUCTOR = /(^|\.)(FastAPI|Starlette|Flask|Quart)$/;
const APP_NAMES = new Set(['app', 'application', 'flask_app', 'api', 'server']);

/** Is `node` an application object: a name bound to `Flask(...)`/`FastAPI(...)`, or conventionally named `app`? */
function isApp(node: SyntaxNode | null | undefined, ctx: RuleContext): boolean {
  if (node?.type !== 'identifier') return false;
  const value = lexicalBinding(ctx, node);
  if (value) {
    const v = unparen(value);
    if (v.type === 'call') return APP_CONSTRUCTOR.test(ctx.py.callee(v) ?? '') || APP_NAMES.has(node.text);
  }
  return APP_NAMES.has(node.text);
}

const CONFIG_CONDITION = /settings\.|environ|getenv|config\b|config\[|\bDEBUG\b|\bdebug\b|\bENV\b|ENVIRONMENT|is_dev|development|testing/i;

/**
 * Is `node` inside a branch chosen by configuration (`if settings.debug:`,
 * `FastAPI(debug=True) if os.getenv("ENV") == "dev" else FastAPI()`)? The
 * `__main__` guard is not configuration.
 */
function gatedByConfig(node: SyntaxNode, ctx: RuleContext): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'conditional_expression') {
      const condition = p.type === 'conditional_expression' ? named(p)[1] : p.childForFieldName('condition');
      if (!condition || condition.startIndex <= node.startIndex && node.endIndex <= condition.endIndex) continue;
      const text = textOf(ctx, condition);
      if (!text.includes('__name__') && CONFIG_CONDITION.test(text)) return true;
    }
    if (p.type === 'function_definition' || p.type === 'class_definition') return false;
  }
  return false;
}

const TRACEBACKS = 'unhandled errors are answered with full tracebacks';
const WERKZEUG = 'Flask serves the Werkzeug debugger, an interactive Python console, to whoever reaches the app';

function reportDebug(ctx: RuleContext, value: SyntaxNode, what: string, effect: string): void {
  if (gatedByConfig(value, ctx)) return;
  ctx.report({
    node: value,
    message: `${what} is switched on in code: ${effect}; read it from settings so it is off unless configured.`,
    fixes: () => debugFixes(ctx, value),
  });
}

function debugFixes(ctx: RuleContext, value: SyntaxNode): Fix[] {
  const access = settingsAccess(ctx, 'debug', 'debug: bool = False', { name: 'DEBUG', value: 'false', onlyWithNewField: true });
  const off = fileFix(ctx, 'Turn debug off', [replaceNode(value, 'False')], { preferred: !access });
  if (!access) return [off];
  return [fileFix(ctx, `Read debug from settings (${access.expr})`, [replaceNode(value, access.expr)], { imports: access.imports, extra: access.extra, preferred: true }), off];
}

function checkDebugCall(call: SyntaxNode, ctx: RuleContext): boolean {
  if (!/debug/i.test(textOf(ctx, call))) return false;
  const fn = ctx.py.fnOf(call);
  const text = fn ? textOf(ctx, fn) : '';
  if (!/FastAPI|Starlette|run|update|from_mapping/.test(text) && !/(FastAPI|Starlette)$/.test(ctx.py.imports.get(text) ?? '')) return false;
  const debug = keywordNode(call, 'debug')?.childForFieldName('value');
  const callee = ctx.py.callee(call) ?? '';
  if (debug && isTrue(debug, ctx)) {
    if (/(^|\.)(FastAPI|Starlette)$/.test(callee)) {
      reportDebug(ctx, debug, `${callee.split('.').pop()} debug mode`, TRACEBACKS);
      return true;
    }
    if (ctx.py.methodName(call) === 'run' && callee.includes('.') && callee !== 'asyncio.run' && !callee.startsWith('trio.')) {
      reportDebug(ctx, debug, 'Debug mode', callee.startsWith('uvicorn.') ? TRACEBACKS : WERKZEUG);
      return true;
    }
  }
  // app.config.update(DEBUG=True) / app.config.from_mapping(DEBUG=True) / app.config.update({"DEBUG": True})
  if (fn?.type === 'attribute' && /^(update|from_mapping)$/.test(ctx.py.methodName(call) ?? '')) {
    const config = fn.childForFieldName('object');
    if (config?.type !== 'attribute' || config.childForFieldName('attribute')?.text !== 'config' || !isApp(config.childForFieldName('object'), ctx)) return false;
    const kw = keywordNode(call, 'DEBUG')?.childForFieldName('value');
    if (kw && isTrue(kw, ctx)) reportDebug(ctx, kw, 'Debug mode', WERKZEUG);
    const dict = positionalArgs(call)[0];
    if (dict?.type === 'dictionary') {
      for (const pair of named(dict)) {
        const key = pair.childForFieldName('key');
        const value = pair.childForFieldName('value');
        if (pair.type === 'pair' && key && value && literalString(key) === 'DEBUG' && isTrue(value, ctx)) reportDebug(ctx, value, 'Debug mode', WERKZEUG);
      }
    }
    return true;
  }
  return false;
}

/** `app.debug = True`, `app.config["DEBUG"] = True`. */
function checkAssignment(node: SyntaxNode, ctx: RuleContext): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || unparen(right).type !== 'true') return;
  if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'debug' && isApp(left.childForFieldName('object'), ctx)) {
    reportDebug(ctx, right, 'Debug mode', WERKZEUG);
  } else if (left.type === 'subscript') {
    const config = left.childForFieldName('value');
    const key = left.childForFieldName('subscript');
    if (config?.type === 'attribute' && config.childForFieldName('attribute')?.text === 'config' && key && literalString(key) === 'DEBUG' && isApp(config.childForFieldName('object'), ctx)) {
      reportDebug(ctx, right, 'Debug mode', WERKZEUG);
    }
  }
}

// ---------------------------------------------------------------- exception details in responses

const TRACEBACK_FNS = new Set(['traceback.format_exc', 'traceback.format_exception', 'traceback.format_tb', 'traceback.format_stack', 'traceback.format_exception_only']);
const RESPONSE_CALLS = new Set([
  'JSONResponse', 'Response', 'PlainTextResponse', 'HTMLResponse', 'ORJSONResponse', 'UJSONResponse', 'jsonify', 'make_response',
  'HTTPException', 'abort', 'json_response', 'render_template', 'HTTPInternalServerError',
]);
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'fatal']);
const BROAD = /^(?:builtins\.)?(Exception|BaseException)$/;
/** Database driver errors: their message carries the SQL statement and its parameters. */
const DRIVER_ERRORS = /^(sqlalchemy\.exc|psycopg2?(\.errors)?|asyncpg(\.exceptions)?|pymysql(\.err)?|MySQLdb|sqlite3|pymongo\.errors|redis\.exceptions)\.\w+$/;

/** Per file: names of functions registered as handlers for every exception (or HTTP 500). */
const broadHandlers = new WeakMap<object, Set<string>>();

function isBroadTarget(node: SyntaxNode | undefined, ctx: RuleContext): boolean {
  if (!node) return false;
  const n = unparen(node);
  if (n.type === 'integer') return n.text === '500';
  if (n.type === 'tuple') return named(n).some((item) => isBroadTarget(item, ctx));
  const name = ctx.py.qualify(n) ?? n.text;
  return BROAD.test(name) || /(^|\.)InternalServerError$/.test(name) || DRIVER_ERRORS.test(name);
}

function handlersOf(ctx: RuleContext): Set<string> {
  let set = broadHandlers.get(ctx.tree);
  if (set) return set;
  set = new Set();
  broadHandlers.set(ctx.tree, set);
  // Found lexically, then looked up in the tree: registrations are few, calls are many.
  for (const m of ctx.source.matchAll(/\.(add_exception_handler|register_error_handler)\s*\(/g)) {
    let call: SyntaxNode | null = ctx.tree.rootNode.descendantForIndex(m.index!);
    while (call && call.type !== 'call') call = call.parent;
    if (!call) continue;
    const [target, handler] = positionalArgs(call);
    // `handle_error` or `handlers.unhandled`: the function's own name is what is matched.
    const fnName = handler?.type === 'identifier' ? handler.text : handler?.type === 'attribute' ? handler.childForFieldName('attribute')?.text : undefined;
    if (isBroadTarget(target, ctx) && fnName) set.add(fnName);
  }
  for (const m of ctx.source.matchAll(/exception_handlers\s*=\s*\{/g)) {
    // FastAPI(exception_handlers={Exception: handler, 500: handler})
    let dict: SyntaxNode | null = ctx.tree.rootNode.descendantForIndex(m.index! + m[0].length - 1);
    while (dict && dict.type !== 'dictionary') dict = dict.parent;
    for (const pair of named(dict)) {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (pair.type === 'pair' && key && value?.type === 'identifier' && isBroadTarget(key, ctx)) set.add(value.text);
    }
  }
  return set;
}

/** Is `fn` an exception handler for every exception (or 500, or driver errors), by its decorator or a registration in this file? */
function isBroadHandler(fn: SyntaxNode, ctx: RuleContext): boolean {
  const deco = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  for (const d of named(deco).filter((n) => n.type === 'decorator')) {
    const call = named(d)[0];
    if (call?.type !== 'call') continue;
    if (/^(exception_handler|errorhandler|app_errorhandler)$/.test(ctx.py.methodName(call) ?? '') && isBroadTarget(positionalArgs(call)[0], ctx)) return true;
  }
  const name = fn.childForFieldName('name')?.text;
  return !!name && handlersOf(ctx).has(name);
}

/** Is `fn` any exception handler (HTTPException handlers included): what it returns is a response. */
function isAnyHandler(fn: SyntaxNode, ctx: RuleContext): boolean {
  const deco = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return named(deco).some((d) => d.type === 'decorator' && /\.(exception_handler|errorhandler|app_errorhandler)\(/.test(d.text)) || isBroadHandler(fn, ctx);
}

const ROUTE_DECORATOR = /^@\s*[\w.]+\.(get|post|put|patch|delete|head|options|route|api_route|websocket)\s*\(/;

/** A route handler, from its own decorators (the file's full route table is not needed here). */
function isRoute(fn: SyntaxNode): boolean {
  const deco = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return named(deco).some((d) => d.type === 'decorator' && ROUTE_DECORATOR.test(d.text));
}

interface Caught {
  /** The except clause binding the name, or the handler function receiving it. */
  readonly scope: SyntaxNode;
  readonly inExcept: boolean;
  readonly name: string;
}

/** Where `name` (an identifier) holds an exception caught broadly: `except Exception as name`, or a broad handler's parameter. */
function broadException(name: SyntaxNode, ctx: RuleContext): Caught | undefined {
  for (let p = name.parent; p; p = p.parent) {
    if (p.type === 'except_clause') {
      const pattern = named(p)[0];
      if (pattern?.type === 'as_pattern') {
        const alias = pattern.childForFieldName('alias');
        const bound = alias ? named(alias)[0]?.text : undefined;
        if (bound === name.text) return isBroadTarget(named(pattern)[0], ctx) ? { scope: p, inExcept: true, name: name.text } : undefined;
      }
    }
    if (p.type === 'lambda') return undefined;
    if (p.type === 'function_definition') {
      const params = ctx.py.params(p);
      const param = params.find((x) => x.name === name.text);
      if (!param) return undefined;
      // `async def handler(request: Request, exc: Exception)`: the shape of a catch-all handler registered elsewhere.
      const annotation = (x: (typeof params)[number]) => (x.annotation ? (ctx.py.qualify(x.annotation.type === 'type' ? named(x.annotation)[0] : x.annotation) ?? '') : '');
      const handlerShape = BROAD.test(annotation(param)) && params.some((x) => /(^|\.)Request$/.test(annotation(x)));
      return handlerShape || isBroadHandler(p, ctx) ? { scope: p, inExcept: false, name: name.text } : undefined;
    }
  }
  return undefined;
}

const PASS_THROUGH = new Set([
  'argument_list', 'keyword_argument', 'pair', 'dictionary', 'list', 'tuple', 'set', 'binary_operator', 'interpolation', 'string',
  'concatenated_string', 'parenthesized_expression', 'conditional_expression', 'expression_list', 'boolean_operator', 'subscript', 'await',
]);

function isLogCall(call: SyntaxNode, ctx: RuleContext): boolean {
  const callee = ctx.py.callee(call) ?? call.childForFieldName('function')?.text ?? '';
  if (callee === 'print' || /^(sys\.std(err|out)\.write|sentry_sdk\.|warnings\.warn|traceback\.print_)/.test(callee)) return true;
  const method = ctx.py.methodName(call) ?? '';
  const object = call.childForFieldName('function')?.childForFieldName('object')?.text ?? '';
  return LOG_METHODS.has(method) && /log/i.test(object);
}

/** The node a client gets to see when `node` flows into a response (itself, or a later use of the variable it is stored in). */
function exposure(node: SyntaxNode, ctx: RuleContext, depth = 0): SyntaxNode | undefined {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'call') {
      if (child.type !== 'argument_list') return undefined; // the node is the callee
      if (isLogCall(p, ctx)) return undefined;
      const name = (ctx.py.callee(p) ?? '').split('.').pop() ?? '';
      if (RESPONSE_CALLS.has(name)) return node;
      continue; // dict(...), "".join(...), str(...)
    }
    if (PASS_THROUGH.has(p.type)) continue;
    if (p.type === 'return_statement') {
      const fn = enclosingFunction(p);
      return fn && (isRoute(fn) || isAnyHandler(fn, ctx)) ? node : undefined;
    }
    if (p.type === 'assignment' && depth < 2) {
      if (p.childForFieldName('right')?.id !== child.id) return undefined;
      let target = p.childForFieldName('left');
      // body["error"] = detail: the container is what is sent; the detail itself is the thing to replace.
      const container = target?.type === 'subscript';
      if (container) target = target!.childForFieldName('value');
      if (target?.type !== 'identifier') return undefined;
      const fn = enclosingFunction(p);
      if (!fn) return undefined;
      for (const use of fn.descendantsOfType('identifier')) {
        if (!use || use.text !== target.text || use.startIndex <= p.endIndex) continue;
        const parent = use.parent;
        if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === use.id) continue;
        const seen = exposure(use, ctx, depth + 1);
        if (seen) return container ? node : seen;
      }
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

function reportDetail(ctx: RuleContext, shown: SyntaxNode, what: string, caught: Caught | undefined): void {
  if (gatedByConfig(shown, ctx)) return; // `if settings.debug: return {"trace": …}`
  ctx.report({
    node: shown,
    message: `${what} is sent to the client: internals (queries, paths, library versions) leak to whoever triggers the error; answer with a generic message and log the exception instead.`,
    fixes: () => detailFixes(ctx, shown, caught),
  });
}

/** The module's logger (`logger = logging.getLogger(...)`), else `logging.getLogger(__name__)`. */
function loggerOf(ctx: RuleContext): { expr: string; imports: FixImport[] } {
  for (const stmt of named(ctx.tree.rootNode)) {
    const assign = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
    if (assign?.type !== 'assignment') continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    if (left?.type === 'identifier' && right?.type === 'call' && /(^|\.)(getLogger|get_logger)$/.test(ctx.py.callee(right) ?? '')) return { expr: left.text, imports: [] };
  }
  return { expr: 'logging.getLogger(__name__)', imports: [{ module: 'logging' }] };
}

function detailFixes(ctx: RuleContext, shown: SyntaxNode, caught: Caught | undefined): Fix[] {
  const edits: TextEdit[] = [replaceNode(shown, '"Internal server error"')];
  let imports: FixImport[] = [];
  // Log the exception where it is handled, unless that block already does.
  const scope = caught?.scope ?? ancestor(shown, 'except_clause');
  let statement: SyntaxNode | undefined = shown;
  while (statement && statement.parent?.type !== 'block') statement = statement.parent ?? undefined;
  const body = scope?.type === 'function_definition' ? scope.childForFieldName('body') : scope ? named(scope).find((n) => n.type === 'block') : undefined;
  const logged = body && /\.(exception|error|critical)\(|exc_info|print_exc|capture_exception/.test(body.text);
  if (statement && scope && !logged) {
    // Above the comments that introduce the statement, so they stay with it.
    let first = statement;
    for (;;) {
      // A comment before a block's first statement belongs to the clause, not to the block.
      const prev = first.previousNamedSibling ?? (first.parent?.type === 'block' && first.parent.startIndex === first.startIndex ? first.parent.previousNamedSibling : null);
      if (prev?.type !== 'comment' || prev.endPosition.row !== first.startPosition.row - 1) break;
      first = prev;
    }
    const { indent, lineStart, alone } = lineIndent(ctx.source, first.startIndex);
    if (alone) {
      const logger = loggerOf(ctx);
      imports = logger.imports;
      const call = scope.type === 'except_clause' ? `${logger.expr}.exception("Unhandled error")` : `${logger.expr}.error("Unhandled error", exc_info=${caught?.name ?? 'True'})`;
      edits.push({ start: lineStart, end: lineStart, text: `${indent}${call}\n` });
    }
  }
  return [fileFix(ctx, 'Answer with a generic message and log the exception', edits, { imports, preferred: true })];
}

function ancestor(node: SyntaxNode, type: string): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === type) return p;
    if (p.type === 'function_definition') return undefined;
  }
  return undefined;
}

function insideInterpolation(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'interpolation') return true;
    if (p.type === 'block' || p.type === 'module') return false;
  }
  return false;
}

function checkCall(call: SyntaxNode, ctx: RuleContext): void {
  if (checkDebugCall(call, ctx)) return;
  const fn = ctx.py.fnOf(call);
  if (!fn) return;
  const text = textOf(ctx, fn);
  if (text === 'str' || text === 'repr') {
    const arg = positionalArgs(call)[0];
    if (arg?.type !== 'identifier' || insideInterpolation(call)) return;
    const caught = broadException(arg, ctx);
    if (!caught) return;
    const shown = exposure(call, ctx);
    if (shown) reportDetail(ctx, shown, `The message of an unexpected exception (${text}(${arg.text}))`, caught);
    return;
  }
  if (!text.includes('format_')) return;
  const callee = ctx.py.callee(call);
  if (!callee || !TRACEBACK_FNS.has(callee)) return;
  // "".join(traceback.format_exception(exc)) is one traceback.
  let node = call;
  const outer = call.parent?.parent;
  if (call.parent?.type === 'argument_list' && outer?.type === 'call' && ctx.py.methodName(outer) === 'join' && named(call.parent).length === 1) node = outer;
  const shown = exposure(node, ctx);
  if (!shown) return;
  const arg = positionalArgs(call)[0];
  const caught = arg?.type === 'identifier' ? broadException(arg, ctx) : undefined;
  reportDetail(ctx, shown, 'A traceback', caught);
}

/** `f"Error: {exc}"`, `f"{exc!r}"`, `f"{str(exc)}"` with a broadly caught exception. */
function checkFString(node: SyntaxNode, ctx: RuleContext): void {
  if (!/^[a-zA-Z]{0,2}['"]/.test(ctx.source.slice(node.startIndex, node.startIndex + 3)) || !/^[a-eg-zA-EG-Z]?[fF]/.test(ctx.source.slice(node.startIndex, node.startIndex + 2))) return;
  for (const part of named(node)) {
    if (part.type !== 'interpolation') continue;
    let expr = part.childForFieldName('expression') ?? named(part)[0];
    if (expr?.type === 'call' && /^(str|repr)$/.test(expr.childForFieldName('function')?.text ?? '')) expr = positionalArgs(expr)[0] ?? expr;
    if (expr?.type !== 'identifier') continue;
    const caught = broadException(expr, ctx);
    if (!caught) continue;
    const whole = node.parent?.type === 'concatenated_string' ? node.parent : node;
    const shown = exposure(whole, ctx);
    if (shown) reportDetail(ctx, shown, `The message of an unexpected exception ({${expr.text}})`, caught);
    return;
  }
}

/** Test code builds apps that are never served: debug there is a tool, not an exposure. */
const unlessTest =
  (visit: Visitor): Visitor =>
  (node, ctx) => {
    if (!isTestPath(ctx.path)) visit(node, ctx);
  };

/** Where an f-string may start (the prefixes `checkFString` accepts); zero-width, so overlapping starts are all seen. */
const FSTRING_START = /(?=(?:[a-eg-zA-EG-Z][fF]|[fF][a-zA-Z]?)['"])/g;
const STRING = new Set(['string']);

// F-strings are found from the source text (see candidates.ts), not by subscribing to every string.
const walk = interleave(
  (ctx) => (isTestPath(ctx.path) ? [] : nodesAround(ctx, FSTRING_START, STRING, (node, m) => node.startIndex === m.index, true)),
  unlessTest(checkFString),
  { call: unlessTest(checkCall), assignment: unlessTest(checkAssignment) },
);

export const rule: Rule = {
  id: 'debug-enabled',
  title: 'Debug behaviour exposed to clients',
  defaultSeverity: 'warning',
  // Debug switches mention debug; exception details need an except clause, a handler or traceback.format_*.
  applies: (source) => /debug|format_|\bexcept\b|exception|handler/i.test(source),
  visit: walk.visit,
  finish: walk.finish,
};
