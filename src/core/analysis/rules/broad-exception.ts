// broad-exception: `except Exception:` (or `BaseException`, or a bare
// `except:`) whose handler only passes, continues, returns a constant or
// assigns a default, and `contextlib.suppress(Exception)`. Every error in the
// try block (a typo, a lost database connection, a failed payment call)
// then disappears without a trace. Handlers that log, re-raise, wrap, report
// to Sentry or otherwise use the exception are fine, as are narrow
// exceptions, optional-import fallbacks, environment probes (a package
// version, a git revision), best-effort use of another library's private
// internals behind `hasattr`, and `__del__` (where an exception cannot
// propagate anyway and logging may already be torn down).
import type { TextEdit } from '../../plan/editPlan';
import type { SyntaxNode } from '../../parse/python';
import { fileFix } from '../fixes';
import { BOOLEAN_METHOD, PREDICATE_NAME } from '../predicates';
import { ensureLogger } from '../python/logging';
import { enclosingFunction, named, positionalArgs, unparen } from '../python/pyfile';
import type { Fix, Rule, RuleContext } from '../types';

const BROAD = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);
/** Calls a handler may return without it counting as handling: an error response built from constants. */
const RESPONSE_CALL = /(?:Response|^jsonify|^make_response)$/;

const isBroad = (n: SyntaxNode): boolean => BROAD.has(unparen(n).text);

/** A value that says nothing about the error: literals, containers of literals, names (a default), `-1`. */
function quiet(n: SyntaxNode, alias: string | undefined, allowResponse: boolean): boolean {
  const v = unparen(n);
  switch (v.type) {
    case 'string':
      return !named(v).some((c) => c.type === 'interpolation');
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
    case 'concatenated_string':
      return true;
    case 'identifier':
      return v.text !== alias;
    case 'attribute':
      return !v.text.split('.').includes(alias ?? '\0') && !/\(/.test(v.text);
    case 'unary_operator':
      return named(v).every((c) => quiet(c, alias, false));
    case 'list':
    case 'tuple':
    case 'expression_list':
    case 'set':
      return named(v).every((c) => quiet(c, alias, allowResponse));
    case 'dictionary':
      return named(v).every((pair) => pair.type === 'pair' && named(pair).every((c) => quiet(c, alias, false)));
    case 'call': {
      if (!allowResponse) return false;
      const fn = v.childForFieldName('function');
      const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (!last || !RESPONSE_CALL.test(last)) return false;
      return named(v.childForFieldName('arguments')).every((a) =>
        a.type === 'keyword_argument' ? quiet(a.childForFieldName('value') ?? a, alias, false) : quiet(a, alias, false),
      );
    }
    default:
      return false;
  }
}

/** A statement that drops the error: pass, `...`, continue, break, return of a constant, assignment of a default. */
function swallows(stmt: SyntaxNode, alias: string | undefined): boolean {
  switch (stmt.type) {
    case 'pass_statement':
    case 'continue_statement':
    case 'break_statement':
      return true;
    case 'return_statement': {
      const value = stmt.namedChild(0);
      return !value || quiet(value, alias, true);
    }
    case 'expression_statement': {
      const expr = stmt.namedChild(0);
      if (!expr || stmt.namedChildCount !== 1) return false;
      if (expr.type === 'ellipsis') return true;
      if (expr.type === 'string') return true;
      if (expr.type === 'assignment') {
        const right = expr.childForFieldName('right');
        return !!right && right.type !== 'assignment' && quiet(right, alias, false);
      }
      return false;
    }
    default:
      return false;
  }
}

const statements = (block: SyntaxNode): SyntaxNode[] => named(block).filter((n) => n.type !== 'comment');

interface Handler {
  readonly clause: SyntaxNode;
  readonly block: SyntaxNode;
  readonly body: SyntaxNode[];
  /** `as e`: the as_pattern node, its type node and alias name. */
  readonly asPattern: SyntaxNode | undefined;
  readonly typeNode: SyntaxNode | undefined;
}

function isExempt(node: SyntaxNode): boolean {
  const fn = enclosingFunction(node);
  return fn?.childForFieldName('name')?.text === '__del__';
}

/** A yes/no computed from something (`a == b`, `x in y`, `not found`, `path.exists()`). */
function computedBoolean(n: SyntaxNode): boolean {
  const v = unparen(n);
  if (v.type === 'comparison_operator' || v.type === 'not_operator' || v.type === 'boolean_operator') return true;
  if (v.type === 'call') {
    const fn = v.childForFieldName('function');
    return fn?.type === 'attribute' && BOOLEAN_METHOD.test(fn.childForFieldName('attribute')?.text ?? '');
  }
  return false;
}

/**
 * `except Exception: return False` in a predicate (named like one, or whose
 * try returns a computed boolean): the failure is the answer (`broken`
 * is True when the plugin does not load), not a swallowed error.
 */
function predicateAnswer(tried: SyntaxNode | null, body: SyntaxNode[]): boolean {
  const only = body.length === 1 ? body[0]! : undefined;
  const value = only?.type === 'return_statement' ? named(only)[0] : undefined;
  if (!tried || !value || (value.type !== 'true' && value.type !== 'false')) return false;
  const fn = enclosingFunction(tried);
  if (PREDICATE_NAME.test(fn?.childForFieldName('name')?.text ?? '')) return true;
  const returns = tried.descendantsOfType('return_statement').filter((r): r is SyntaxNode => !!r && enclosingFunction(r)?.id === fn?.id);
  return returns.length > 0 && returns.every((r) => { const v = named(r)[0]; return !!v && computedBoolean(v); });
}

/** Calls that only ask the environment about itself: an installed package's version, the host, the platform. */
const PROBE_CALLS = new Set([
  'importlib.metadata.version', 'importlib.metadata.distribution', 'importlib.metadata.metadata', 'importlib.metadata.entry_points',
  'importlib_metadata.version', 'importlib_metadata.distribution', 'importlib_metadata.metadata',
  'pkg_resources.get_distribution', 'pkg_resources.require', 'socket.gethostname', 'socket.getfqdn',
  'platform.platform', 'platform.release', 'platform.version', 'platform.machine', 'platform.node', 'locale.getlocale', 'getpass.getuser',
]);
const SUBPROCESS_CALLS = new Set(['subprocess.check_output', 'subprocess.run', 'subprocess.getoutput']);
/** Version-control and tool-lookup commands a probe runs to learn the revision or whether a binary exists. */
const PROBE_COMMANDS = new Set(['git', 'hg', 'svn', 'uname', 'hostname', 'which', 'whoami', 'nproc']);

function probeCall(call: SyntaxNode, ctx: RuleContext): boolean {
  const callee = ctx.py.callee(call);
  if (!callee) return false;
  if (PROBE_CALLS.has(callee)) return true;
  if (!SUBPROCESS_CALLS.has(callee)) return false;
  const argv = positionalArgs(call)[0];
  const first = argv && (argv.type === 'list' || argv.type === 'tuple') ? named(argv)[0] : argv;
  const command = first?.type === 'string' ? /^[rRbBuU]*['"]+([\w.-]+)/.exec(first.text)?.[1] : undefined;
  return !!command && PROBE_COMMANDS.has(command);
}

/**
 * The try block only asks the environment about itself: imports, and
 * assignments or returns of a probe's answer (`VERSION = version("app")`,
 * `check_output(["git", "rev-parse", "HEAD"])`, maybe `.decode()`d). Any
 * failure means "not available here", and the fallback is the point.
 */
function environmentProbe(tried: SyntaxNode, ctx: RuleContext): boolean {
  const body = statements(tried);
  let probes = 0;
  for (const s of body) {
    if (s.type === 'import_statement' || s.type === 'import_from_statement') continue;
    const expr = s.type === 'return_statement' ? named(s)[0] : s.type === 'expression_statement' && s.namedChildCount === 1 ? s.namedChild(0) : undefined;
    const value = expr?.type === 'assignment' ? expr.childForFieldName('right') : s.type === 'return_statement' ? expr : undefined;
    if (!value) return false;
    // The probe's answer, possibly post-processed (`.decode("utf-8").strip()`, `.version`).
    let v: SyntaxNode | null = unparen(value);
    while (v && !(v.type === 'call' && probeCall(v, ctx))) {
      const next: SyntaxNode | null = v.type === 'attribute' ? v : v.type === 'call' ? v.childForFieldName('function') : null;
      v = next?.type === 'attribute' ? unparen(next.childForFieldName('object') ?? next) : null;
    }
    if (v?.type !== 'call') return false;
    probes++;
  }
  return probes > 0;
}

/**
 * Builtins and constructors that only convert or parse the value they are
 * given: the errors they raise (ValueError, TypeError, ArithmeticError) are
 * the bad input the fallback is for, never a lost connection or a failed write.
 */
const PURE_CALLS = new Set([
  'int', 'float', 'str', 'bool', 'complex', 'bytes', 'len', 'round', 'abs', 'min', 'max', 'sum', 'sorted', 'list', 'tuple', 'dict', 'set', 'frozenset', 'isinstance', 'enumerate', 'zip', 'range', 'ord', 'chr',
  'uuid.UUID', 'decimal.Decimal', 'fractions.Fraction', 'json.loads', 'ast.literal_eval', 'ipaddress.ip_address', 'ipaddress.ip_network',
  'datetime.datetime.fromisoformat', 'datetime.datetime.strptime', 'datetime.date.fromisoformat', 'datetime.datetime.fromtimestamp', 'datetime.date.fromtimestamp',
  'base64.b64decode', 'base64.urlsafe_b64decode', 'urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urllib.parse.unquote', 'urllib.parse.parse_qs',
  'typing.get_type_hints', 'inspect.signature', 'getattr', 'hasattr', 'type',
]);
/** Methods of str, bytes, dict, list and datetime values: they compute, they reach nothing outside the process. */
const PURE_METHODS = new Set([
  'replace', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'splitlines', 'lower', 'upper', 'title', 'casefold', 'startswith', 'endswith', 'removeprefix', 'removesuffix',
  'find', 'rfind', 'index', 'count', 'join', 'encode', 'decode', 'isdigit', 'isnumeric', 'isoformat', 'astimezone', 'timestamp', 'date', 'time', 'keys', 'values', 'items',
]);

/**
 * The try block only converts, parses or looks values up (`UUID(v)`,
 * `data["opengraph"][0]["properties"]`, `value.astimezone(timezone.utc)`): no
 * call that reaches a file, a database or the network, nothing awaited. What it
 * can raise is the malformed input the default stands for, the Python twin of
 * the JavaScript rule's narrow `JSON.parse` try.
 */
function pureTry(tried: SyntaxNode, ctx: RuleContext): boolean {
  if (tried.descendantsOfType(['await', 'yield', 'raise_statement', 'with_statement', 'import_statement', 'import_from_statement']).some(Boolean)) return false;
  return tried.descendantsOfType('call').every((call) => {
    if (!call) return true;
    const callee = ctx.py.callee(call);
    if (callee && PURE_CALLS.has(callee)) return true;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return false;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const receiver = fn.childForFieldName('object');
    // `"x".format(...)`, f-string pieces; a module function (`os.remove`) is not a method of a value.
    if (method === 'format' && receiver?.type === 'string') return true;
    // `DOMAIN_TO_PLATFORM.get(host)`: a lookup in a module constant mapping.
    if (method === 'get' && receiver?.type === 'identifier' && /^[A-Z][A-Z0-9_]+$/.test(receiver.text)) return true;
    return PURE_METHODS.has(method) && !!receiver && !(receiver.type === 'identifier' && ctx.py.imports.has(receiver.text));
  });
}

/** `try_get_user`, `maybe_parse`, `parse_or_none`, `safe_int`: the name promises a default instead of an error. */
const DEFAULT_ON_FAILURE_NAME = /^_*(try|maybe|safe|safely)_|_(or_none|or_default|if_possible)$|^_*(try|maybe|safe)[A-Z]/;

function promisesDefault(clause: SyntaxNode, body: SyntaxNode[]): boolean {
  const name = enclosingFunction(clause)?.childForFieldName('name')?.text ?? '';
  return DEFAULT_ON_FAILURE_NAME.test(name) && body.every((s) => s.type === 'return_statement');
}

const PRIVATE = /^_[A-Za-z0-9]\w*$/; // `_compile_state`, not `__dunder__`

/**
 * Best-effort use of another object's private internals, guarded by
 * `hasattr(obj, "_name")` (code that follows a library across versions):
 * the internals may change shape at any release, so giving up quietly is the
 * design. `self._x` is the class's own state and does not count.
 */
function privateProbe(tried: SyntaxNode, clause: SyntaxNode): boolean {
  const guarded = new Set<string>();
  for (let n: SyntaxNode | null = clause.parent; n && n.type !== 'function_definition' && n.type !== 'module'; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    for (const call of n.childForFieldName('condition')?.descendantsOfType('call') ?? []) {
      if (!call || call.childForFieldName('function')?.text !== 'hasattr') continue;
      const [obj, name] = positionalArgs(call);
      const attr = name?.type === 'string' ? /^['"]+(\w+)['"]+$/.exec(name.text)?.[1] : undefined;
      if (obj && attr && PRIVATE.test(attr)) guarded.add(`${obj.text}.${attr}`);
    }
  }
  if (guarded.size === 0) return false;
  return tried.descendantsOfType('attribute').some((a) => {
    const obj = a?.childForFieldName('object');
    const attr = a?.childForFieldName('attribute')?.text ?? '';
    return !!obj && obj.text !== 'self' && obj.text !== 'cls' && guarded.has(`${obj.text}.${attr}`);
  });
}

function checkExcept(clause: SyntaxNode, ctx: RuleContext): void {
  const block = named(clause).find((c) => c.type === 'block');
  if (!block) return;
  const value = clause.childForFieldName('value');
  let typeNode: SyntaxNode | undefined;
  let asPattern: SyntaxNode | undefined;
  let alias: string | undefined;
  if (value?.type === 'as_pattern') {
    asPattern = value;
    typeNode = named(value)[0];
    const target = value.childForFieldName('alias');
    alias = (target ? named(target)[0] ?? target : undefined)?.text;
  } else typeNode = value ?? undefined;
  let reportAt: SyntaxNode | undefined;
  if (!typeNode) reportAt = clause.child(0) ?? undefined; // bare `except:`
  else {
    const t = unparen(typeNode);
    const types = t.type === 'tuple' ? named(t) : [t];
    reportAt = types.find(isBroad);
  }
  if (!reportAt) return;
  const body = statements(block);
  if (body.length === 0 || !body.every((s) => swallows(s, alias))) return;
  if (isExempt(clause)) return;
  const tryStmt = clause.parent;
  const tried = tryStmt?.type === 'try_statement' ? tryStmt.childForFieldName('body') : null;
  if (tried && statements(tried).every((s) => s.type === 'import_statement' || s.type === 'import_from_statement')) return; // optional dependency
  if (predicateAnswer(tried, body)) return;
  if (tried && (environmentProbe(tried, ctx) || privateProbe(tried, clause) || pureTry(tried, ctx))) return;
  if (promisesDefault(clause, body)) return;
  const what = typeNode ? `except ${unparen(typeNode).text}` : 'except';
  const handler: Handler = { clause, block, body, asPattern, typeNode };
  ctx.report({
    node: reportAt,
    message: typeNode
      ? `\`${what}:\` swallows every error raised in the try block without logging or re-raising it, so real failures vanish silently; log it with logger.exception() and re-raise, or catch only the exceptions you expect.`
      : 'A bare `except:` swallows every error, even KeyboardInterrupt and SystemExit, without logging or re-raising it; log it with logger.exception() and re-raise, or catch only the exceptions you expect.',
    fixes: () => exceptFixes(ctx, handler),
  });
}

// --- Fixes ---------------------------------------------------------------

function lineIndent(source: string, index: number): string {
  const start = source.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(source.slice(start))![0];
}

function indentUnit(indent: string): string {
  return indent.includes('\t') ? '\t' : '    ';
}

function onSameLine(source: string, a: number, b: number): boolean {
  return !source.slice(a, b).includes('\n');
}

function label(node: SyntaxNode): string {
  const name = enclosingFunction(node)?.childForFieldName('name')?.text;
  return name ? `${name} failed` : 'unexpected error';
}

function exceptFixes(ctx: RuleContext, h: Handler): Fix[] {
  const source = ctx.source;
  const logger = ensureLogger(ctx.py, source, ctx.tree);
  const log = `${logger.name}.exception(${JSON.stringify(label(h.clause))})`;
  const exceptIndent = lineIndent(source, h.clause.startIndex);
  const first = h.body[0]!;
  const last = h.body[h.body.length - 1]!;
  const inline = onSameLine(source, h.clause.startIndex, first.startIndex);
  const indent = inline ? exceptIndent + indentUnit(exceptIndent) : lineIndent(source, first.startIndex);
  const colon = h.clause.children.find((c) => c?.type === ':' && c.startIndex < first.startIndex && c.startIndex >= (h.typeNode?.endIndex ?? h.clause.startIndex));
  // The unused `as e` goes: neither fix reads it.
  const dropAlias: TextEdit[] = h.asPattern && h.typeNode ? [{ start: h.asPattern.startIndex, end: h.asPattern.endIndex, text: h.typeNode.text }] : [];
  const comments = named(h.block).filter((c) => c.type === 'comment' && c.startIndex > first.startIndex && c.endIndex <= last.endIndex);
  const replaceBody = (lines: string[]): TextEdit =>
    inline && colon
      ? { start: colon.endIndex, end: last.endIndex, text: lines.map((l) => `\n${indent}${l}`).join('') }
      : { start: first.startIndex, end: last.endIndex, text: lines.join(`\n${indent}`) };

  const reraise = fileFix(ctx, 'Log the exception and re-raise', [...dropAlias, replaceBody([...comments.map((c) => c.text), log, 'raise']), ...logger.edits], { preferred: true });
  const onlyPass = h.body.length === 1 && (first.type === 'pass_statement' || first.text === '...');
  const kept = onlyPass ? [] : [source.slice(first.startIndex, last.endIndex)];
  const keepEdits: TextEdit[] = inline || onlyPass
    ? [replaceBody([log, ...kept])]
    : [{ start: first.startIndex, end: first.startIndex, text: `${log}\n${indent}` }];
  const cont = fileFix(ctx, 'Log the exception and continue', [...dropAlias, ...keepEdits, ...logger.edits]);
  return [reraise, cont];
}

// --- contextlib.suppress -------------------------------------------------

/** Files that never mention `suppress` skip the per-call check (the common case). */
const mentionsSuppress = new WeakMap<object, boolean>();

function checkSuppress(call: SyntaxNode, ctx: RuleContext): void {
  let mentions = mentionsSuppress.get(ctx.py);
  if (mentions === undefined) mentionsSuppress.set(ctx.py, (mentions = ctx.source.includes('suppress')));
  if (!mentions) return;
  const fn = call.childForFieldName('function');
  if (!fn || !/suppress$/.test(fn.text)) return;
  if (ctx.py.callee(call) !== 'contextlib.suppress') return;
  const args = positionalArgs(call);
  const broad = args.find(isBroad);
  if (!broad || isExempt(call)) return;
  ctx.report({
    node: broad,
    message: `\`suppress(${broad.text})\` silently discards every error raised in this block; suppress only the exceptions you expect (e.g. FileNotFoundError), or catch and log the rest.`,
    fixes: () => suppressFixes(ctx, call, args),
  });
}

function suppressFixes(ctx: RuleContext, call: SyntaxNode, args: SyntaxNode[]): Fix[] {
  // Only the plain `with suppress(Exception):` statement is rewritten, to try/except with logging.
  const item = call.parent;
  const clause = item?.parent;
  const stmt = clause?.parent;
  if (item?.type !== 'with_item' || clause?.type !== 'with_clause' || stmt?.type !== 'with_statement') return [];
  if (named(clause).length !== 1 || stmt.text.startsWith('async')) return [];
  const body = stmt.childForFieldName('body');
  if (!body) return [];
  const source = ctx.source;
  const indent = lineIndent(source, stmt.startIndex);
  const logger = ensureLogger(ctx.py, source, ctx.tree);
  const types = args.map((a) => a.text).join(', ');
  const caught = args.length > 1 ? `(${types})` : types;
  const nl = source.indexOf('\n', body.endIndex);
  const at = nl < 0 ? source.length : nl;
  const log = `${logger.name}.exception(${JSON.stringify(label(call))})`;
  return [
    fileFix(
      ctx,
      'Catch and log the exception instead of suppressing it',
      [
        { start: stmt.startIndex, end: clause.endIndex, text: 'try' },
        { start: at, end: at, text: `\n${indent}except ${caught}:\n${indent}${indentUnit(indent)}${log}` },
        ...unusedSuppressImport(ctx, call),
        ...logger.edits,
      ],
      { preferred: true },
    ),
  ];
}

/** Removing the only use of `from contextlib import suppress` leaves the import unused: drop it too. */
function unusedSuppressImport(ctx: RuleContext, call: SyntaxNode): TextEdit[] {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier' || (ctx.source.match(new RegExp(`\\b${fn.text}\\b`, 'g')) ?? []).length !== 2) return [];
  for (const stmt of named(ctx.tree.rootNode)) {
    if (stmt.type !== 'import_from_statement' || stmt.childForFieldName('module_name')?.text !== 'contextlib') continue;
    const names = stmt.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
    const i = names.findIndex((n) => n.text === fn.text);
    if (i < 0) continue;
    if (names.length === 1) {
      const start = ctx.source.lastIndexOf('\n', stmt.startIndex - 1) + 1;
      const nl = ctx.source.indexOf('\n', stmt.endIndex);
      return [{ start, end: nl < 0 ? ctx.source.length : nl + 1, text: '' }];
    }
    return i === 0 ? [{ start: names[0]!.startIndex, end: names[1]!.startIndex, text: '' }] : [{ start: names[i - 1]!.endIndex, end: names[i]!.endIndex, text: '' }];
  }
  return [];
}

export const rule: Rule = {
  id: 'broad-exception',
  title: 'Broad exception swallowed',
  defaultSeverity: 'warning',
  applies: (source) => /\bexcept\b|suppress/.test(source),
  visit: { except_clause: checkExcept, except_group_clause: checkExcept, call: checkSuppress },
};
