// broad-exception (TypeScript/JavaScript): a `catch` that swallows every
// error of its try block (empty, or only `return`/`return null`/`continue`/
// `break`/an assignment of a default), and a promise `.catch(() => {})` /
// `.catch(() => null)` / `.catch(noop)`. In JavaScript every catch is broad:
// a typo, a lost database connection or a failed payment call disappears
// without a trace. Handlers that log (`.catch(console.error)` included),
// rethrow, wrap, pass the error on (`next(err)`, `reject(err)`), answer the
// client (`res.status(500)…`), or call anything at all are fine, as are
// optional-dependency probes (`try { require('x') } catch {}`) and try blocks
// that can only fail one expected way (`JSON.parse`, `new URL`,
// `decodeURIComponent`): the JavaScript counterpart of a narrow `except`.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { tsFileFix } from '../ts/fixes';
import { errorLog, failureLabel, indentAt, indentUnitOf, loggerAt, quoteOf, semicolonOf } from '../ts/logging';
import { BOOLEAN_METHOD, BOOLEAN_OPERATOR, PREDICATE_NAME } from '../predicates';
import { callArgs, enclosingFunction, named, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

/** A value that says nothing about the error: literals, containers of literals, other names, `undefined`. */
function quiet(node: SyntaxNode, alias: string | undefined): boolean {
  const v = unwrap(node);
  switch (v.type) {
    case 'string':
    case 'number':
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
    case 'regex':
      return true;
    case 'template_string':
      return !named(v).some((c) => c.type === 'template_substitution');
    case 'identifier':
      return v.text !== alias;
    case 'member_expression':
      return !/[([]/.test(v.text) && v.text.split('.')[0] !== alias;
    case 'unary_expression':
      return named(v).every((c) => quiet(c, alias));
    case 'array':
      return named(v).every((c) => quiet(c, alias));
    case 'object':
      return named(v).every((p) => (p.type === 'pair' ? quiet(p.childForFieldName('value') ?? p, alias) : p.type === 'shorthand_property_identifier' && p.text !== alias));
    default:
      return false;
  }
}

/** A statement that drops the error: `return`/`return <constant>`, `continue`, `break`, `x = <constant>`, `;`. */
function swallows(stmt: SyntaxNode, alias: string | undefined): boolean {
  switch (stmt.type) {
    case 'empty_statement':
    case 'continue_statement':
    case 'break_statement':
      return true;
    case 'return_statement': {
      const value = named(stmt)[0];
      return !value || quiet(value, alias);
    }
    case 'expression_statement': {
      const expr = named(stmt)[0];
      if (!expr) return true;
      if (expr.type === 'assignment_expression') {
        const right = expr.childForFieldName('right');
        const left = expr.childForFieldName('left');
        return !!right && !!left && !left.text.startsWith('res.') && right.type !== 'assignment_expression' && quiet(right, alias);
      }
      return expr.type === 'string' || expr.type === 'undefined' || expr.type === 'null';
    }
    default:
      return false;
  }
}

/** Calls that fail only in one expected way (bad input): catching their error is the narrow catch of JavaScript. */
const NARROW = /^((fs\.)?(statSync|lstatSync|accessSync|existsSync|realpathSync)|parseUrl|parseurl|JSON\.parse|URL|decodeURIComponent|decodeURI|encodeURIComponent|encodeURI|RegExp|atob|btoa|BigInt|structuredClone|URLSearchParams|Intl\.[\w.]+|url\.parse|querystring\.parse|qs\.parse|require\.resolve)$/;

/** Reading a file that may be absent (`ENOENT`): a default is the expected answer when the optional file is missing. */
const FILE_READ = /^(node:)?(fs|fs\/promises|fs-extra|graceful-fs)(\.promises)?\.(readFile|readFileSync|readdir|readdirSync|readJson|readJsonSync)$/;
/** Builtins that compute and cannot fail on I/O: what a pure helper may call. */
const PURE_BUILTIN = /^(Object|Math|Number|String|Array|JSON|Boolean)\.[\w.]+$/;

/**
 * `calcPercentage(content, en)`: a plain (not async) function declared in
 * this file that only computes, calling nothing but pure builtins and narrow
 * calls. It cannot reach a database or the network, so it adds no failure the
 * catch would hide beyond those of the narrow calls around it.
 */
function pureLocal(call: SyntaxNode, ctx: TsRuleContext): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return false;
  const decl = ctx.tree.rootNode.descendantsOfType('function_declaration').find((d) => d?.childForFieldName('name')?.text === fn.text);
  if (!decl || /^async\b/.test(decl.text) || decl.text.startsWith('function*')) return false;
  const body = decl.childForFieldName('body');
  if (!body || body.descendantsOfType(['await_expression', 'new_expression']).some(Boolean)) return false;
  return body.descendantsOfType('call_expression').every((c) => {
    const t = c?.childForFieldName('function')?.text ?? '';
    return PURE_BUILTIN.test(t) || NARROW.test(t);
  });
}

/** Methods of strings, arrays and URL objects: they compute from the value, they reach nothing outside the process. */
const VALUE_METHODS = /^(replace|replaceAll|split|trim|trimStart|trimEnd|toLowerCase|toUpperCase|startsWith|endsWith|includes|slice|substring|indexOf|lastIndexOf|match|padStart|padEnd|toString|join|concat|at|charAt|charCodeAt|normalize|localeCompare|toISOString|getTime|keys|values|entries)$/;

/** The try block only probes an optional dependency or calls functions that fail one expected way. */
function narrowTry(block: SyntaxNode | null, ctx: TsRuleContext, fallback: boolean): boolean {
  if (!block) return false;
  const calls = [...block.descendantsOfType('call_expression'), ...block.descendantsOfType('new_expression')].filter((c): c is SyntaxNode => !!c);
  if (calls.length === 0) return named(block).length > 0 && !block.descendantsOfType('await_expression').some(Boolean);
  return calls.every((call) => {
    const fn = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
    if (fn?.type === 'import') return true; // await import('optional')
    const text = fn?.text ?? '';
    if (text === 'require') return true;
    // Arguments evaluated inside the narrow call (`JSON.parse(raw.toString())`) are covered by it.
    for (let p = call.parent; p && p.id !== block.id; p = p.parent) {
      if ((p.type === 'call_expression' || p.type === 'new_expression') && NARROW.test(p.childForFieldName(p.type === 'new_expression' ? 'constructor' : 'function')?.text ?? '')) return true;
    }
    // Checks of stat results, schema/format parsers (zod `schema.parse`, `YAML.parse`), token verification (`jwt.verify`).
    if (/^(isFile|isDirectory|isSymbolicLink|parse|safeParse)$/.test(ctx.ts.methodName(call) ?? '')) return true;
    if (/^(jsonwebtoken|jwt)\.(verify|decode)$/.test(ctx.ts.callee(call) ?? '')) return true;
    // YAML parsers, base64 decoding, and methods of the strings, arrays and URLs the narrow calls produce.
    if (/^(js-yaml|yaml)\.(load|parse|safeLoad)$|^Buffer\.from$/.test(ctx.ts.callee(call) ?? '') || PURE_BUILTIN.test(text)) return true;
    if (fn?.type === 'member_expression' && VALUE_METHODS.test(ctx.ts.methodName(call) ?? '')) return true;
    // A file read counts only when the handler states the fallback; an empty catch around it is still a swallow.
    if (fallback && (FILE_READ.test(ctx.ts.callee(call) ?? '') || pureLocal(call, ctx))) return true;
    return NARROW.test(text) || NARROW.test(ctx.ts.callee(call) ?? '');
  });
}

/** The name a function is known by: its own, or the variable, property or method it is assigned to. */
function functionName(fn: SyntaxNode | undefined): string | undefined {
  if (!fn) return undefined;
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const p = fn.parent;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'pair') return p.childForFieldName('key')?.text;
  if (p?.type === 'assignment_expression') return p.childForFieldName('left')?.text.split('.').pop();
  // `static isValidMentionUrl = (url) => ...` in a class body.
  if (p?.type === 'public_field_definition' || p?.type === 'field_definition') return (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
  return undefined;
}

/** Methods whose callback answers yes/no (`z.string().refine((v) => ...)`, `items.filter(...)`). */
const PREDICATE_CALLBACK = /^(refine|superRefine|filter|some|every|find|findIndex|findLast|test|validate|check|predicate)$/;

function predicateCallback(fn: SyntaxNode | undefined, ctx: TsRuleContext): boolean {
  const args = fn?.parent;
  const call = args?.type === 'arguments' ? args.parent : undefined;
  return call?.type === 'call_expression' && PREDICATE_CALLBACK.test(ctx.ts.methodName(call) ?? '');
}

/** An expression whose value is a boolean computed from something (`a === b`, `text.includes(x)`, `!found`). */
function computedBoolean(node: SyntaxNode, ctx: TsRuleContext): boolean {
  const v = unwrap(node);
  if (v.type === 'binary_expression') return BOOLEAN_OPERATOR.test(v.childForFieldName('operator')?.text ?? '');
  if (v.type === 'unary_expression') return v.text.startsWith('!');
  if (v.type === 'call_expression') return BOOLEAN_METHOD.test(ctx.ts.methodName(v) ?? '') || PREDICATE_NAME.test(ctx.ts.methodName(v) ?? '');
  return false;
}

/**
 * `catch { return false }` in a predicate (named like one, or whose try
 * returns a computed boolean): the failure is the answer, not a swallowed error.
 */
function predicateAnswer(tryStatement: SyntaxNode | null, statements: SyntaxNode[], ctx: TsRuleContext): boolean {
  const only = statements.length === 1 ? statements[0]! : undefined;
  const value = only?.type === 'return_statement' ? named(only)[0] : undefined;
  if (!tryStatement || !value || (value.type !== 'true' && value.type !== 'false')) return false;
  const fn = enclosingFunction(tryStatement);
  if (PREDICATE_NAME.test(functionName(fn) ?? '') || predicateCallback(fn, ctx)) return true;
  const returns = tryStatement.childForFieldName('body')?.descendantsOfType('return_statement').filter((r): r is SyntaxNode => !!r && enclosingFunction(r)?.id === fn?.id) ?? [];
  return returns.length > 0 && returns.every((r) => { const v = named(r)[0]; return !!v && computedBoolean(v, ctx); });
}

/** The handler gives a value of its own (`percentage = 0`, `return ''`), not just nothing. */
function explicitFallback(statements: SyntaxNode[]): boolean {
  return statements.some((s) => {
    const v = s.type === 'return_statement' ? named(s)[0] : s.type === 'expression_statement' && named(s)[0]?.type === 'assignment_expression' ? named(s)[0]!.childForFieldName('right') : undefined;
    return !!v && v.type !== 'undefined' && v.text !== 'undefined';
  });
}

function checkCatch(clause: SyntaxNode, ctx: TsRuleContext): void {
  const body = clause.childForFieldName('body');
  if (!body) return;
  const param = clause.childForFieldName('parameter');
  const alias = param?.type === 'identifier' ? param.text : undefined;
  if (param && param.type !== 'identifier') {
    // `catch ({ message })`: the error is used if any of its parts is.
    const names = param.descendantsOfType(['shorthand_property_identifier_pattern', 'identifier']).map((n) => n?.text);
    if (names.some((n) => n && new RegExp(`\\b${n}\\b`).test(body.text))) return;
  }
  const statements = named(body);
  if (!statements.every((s) => swallows(s, alias))) return;
  const tryStatement = clause.parent;
  if (tryStatement?.type === 'try_statement' && narrowTry(tryStatement.childForFieldName('body'), ctx, explicitFallback(statements))) return;
  if (tryStatement?.type === 'try_statement' && predicateAnswer(tryStatement, statements, ctx)) return;
  const head = param ? { start: clause.startIndex, end: (clause.childForFieldName('type') ?? param).endIndex + 1 } : { start: clause.startIndex, end: clause.startIndex + 5 };
  const closeParen = param ? ctx.source.indexOf(')', (clause.childForFieldName('type') ?? param).endIndex) : -1;
  if (param && closeParen >= 0 && closeParen < body.startIndex) head.end = closeParen + 1;
  ctx.report({
    start: head.start,
    end: head.end,
    message: 'This `catch` swallows every error raised in the try block without logging or rethrowing it, so real failures vanish silently; log the error and rethrow it, or handle only the errors you expect.',
    fixes: () => catchFixes(ctx, clause, body, statements, alias),
  });
}

function catchFixes(ctx: TsRuleContext, clause: SyntaxNode, body: SyntaxNode, statements: SyntaxNode[], alias: string | undefined): Fix[] {
  const source = ctx.source;
  const q = quoteOf(source);
  const semi = semicolonOf(source);
  const param = clause.childForFieldName('parameter');
  const usable = !param || param.type === 'identifier';
  if (!usable) return [];
  const name = alias ?? 'err';
  const paramEdits: TextEdit[] = param ? [] : [{ start: clause.startIndex + 5, end: clause.startIndex + 5, text: ` (${name})` }];
  const logger = loggerAt(ctx.ts, clause);
  const log = errorLog(logger, failureLabel(clause), name, q) + semi;
  const clauseIndent = indentAt(source, clause.startIndex);
  const first = statements[0];
  const oneLine = !source.slice(body.startIndex, body.endIndex).includes('\n');
  const indent = first && !oneLine ? indentAt(source, first.startIndex) : clauseIndent + indentUnitOf(source);
  const comments = body.namedChildren.filter((c): c is SyntaxNode => c?.type === 'comment');
  const emptyish = statements.every((s) => s.type === 'empty_statement');
  const bodyOf = (lines: string[]): TextEdit => ({ start: body.startIndex, end: body.endIndex, text: `{\n${lines.map((l) => `${indent}${l}\n`).join('')}${clauseIndent}}` });
  const kept = (body.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'empty_statement')).map((c) => c.text);
  const rethrow = tsFileFix(ctx, 'Log the error and rethrow it', [...paramEdits, bodyOf([...comments.map((c) => c.text), log, `throw ${name}${semi}`])], { preferred: true });
  const cont = tsFileFix(ctx, 'Log the error and continue', [...paramEdits, bodyOf(emptyish ? [...comments.map((c) => c.text), log] : [log, ...kept])]);
  return [rethrow, cont];
}

// ---------------------------------------------------------------- promise.catch

const NOOP = /^(noop|_\.noop|lodash\.noop|ignore|ignoreError|swallow|identity)$/;

/** `() => {}`, `() => null`, `function () { return; }`, `noop`: a rejection handler that drops the error. */
function droppingHandler(handler: SyntaxNode): boolean {
  const h = unwrap(handler);
  if (h.type === 'identifier' || h.type === 'member_expression') return NOOP.test(h.text);
  if (h.type !== 'arrow_function' && h.type !== 'function_expression' && h.type !== 'function') return false;
  const params = named(h.childForFieldName('parameters'));
  const single = h.childForFieldName('parameter');
  const first = single ?? params[0];
  const alias = first ? (first.type === 'identifier' ? first.text : (first.childForFieldName('pattern')?.text ?? first.text)) : undefined;
  const body = h.childForFieldName('body');
  if (!body) return false;
  if (body.type === 'statement_block') return named(body).every((s) => swallows(s, alias));
  return quiet(body, alias) || (body.type === 'unary_expression' && body.text.startsWith('void') && quiet(named(body)[0] ?? body, alias));
}

/** `x.then(() => true).catch(() => false)`: a probe turning success and failure into a yes/no. */
function probeChain(call: SyntaxNode, handler: SyntaxNode, ctx: TsRuleContext): boolean {
  const h = unwrap(handler);
  const answer = h.childForFieldName('body');
  if (answer?.type !== 'false' && answer?.type !== 'true') return false;
  const receiver = ctx.ts.receiver(call);
  const then = receiver && unwrap(receiver);
  if (!then || then.type !== 'call_expression' || ctx.ts.methodName(then) !== 'then') return false;
  const onFulfilled = callArgs(then)[0];
  const yes = onFulfilled && unwrap(onFulfilled).childForFieldName('body');
  return !!yes && (yes.type === 'true' || yes.type === 'false') && yes.type !== answer.type;
}

function checkPromiseCatch(call: SyntaxNode, ctx: TsRuleContext): void {
  const method = ctx.ts.methodName(call);
  if ((method !== 'catch' && method !== 'then') || !ctx.ts.receiver(call)) return;
  const args = callArgs(call);
  // `.catch(handler)`, or the rejection handler of `.then(onFulfilled, onRejected)`.
  const handler = method === 'catch' ? (args.length === 1 ? args[0] : undefined) : args.length === 2 ? args[1] : undefined;
  if (!handler || !droppingHandler(handler)) return;
  if (method === 'catch' && probeChain(call, handler, ctx)) return;
  ctx.report({
    node: handler,
    message: `${method === 'catch' ? `\`.catch(${handler.text.length > 20 ? '…' : handler.text})\`` : 'This rejection handler'} discards the rejection without logging it, so real failures vanish silently; log the error, or let it propagate to a handler that does.`,
    fixes: () => promiseFixes(ctx, call, handler),
  });
}

function promiseFixes(ctx: TsRuleContext, call: SyntaxNode, handler: SyntaxNode): Fix[] {
  const q = quoteOf(ctx.source);
  const logger = loggerAt(ctx.ts, call);
  const h = unwrap(handler);
  const body = h.childForFieldName('body');
  const params = named(h.childForFieldName('parameters'));
  const single = h.childForFieldName('parameter');
  const first = single ?? params[0];
  const name = first?.type === 'identifier' ? first.text : first?.type === 'required_parameter' && first.childForFieldName('pattern')?.type === 'identifier' ? first.childForFieldName('pattern')!.text : 'err';
  const log = errorLog(logger, failureLabel(call), name, q);
  // A handler whose value matters (`() => null` as a default) keeps it.
  const value = body && body.type !== 'statement_block' && !(body.type === 'undefined') ? body.text : undefined;
  const returned = body?.type === 'statement_block' ? named(body).find((s) => s.type === 'return_statement' && named(s).length > 0) : undefined;
  const result = value ?? (returned ? named(returned)[0]!.text : undefined);
  const text = result === undefined ? `(${name}) => ${log}` : `(${name}) => {\n${indentAt(ctx.source, call.startIndex)}${indentUnitOf(ctx.source)}${log}${semicolonOf(ctx.source)}\n${indentAt(ctx.source, call.startIndex)}${indentUnitOf(ctx.source)}return ${result}${semicolonOf(ctx.source)}\n${indentAt(ctx.source, call.startIndex)}}`;
  return [tsFileFix(ctx, 'Log the rejection', [{ start: handler.startIndex, end: handler.endIndex, text }], { preferred: true })];
}

export const rule: TsRule = {
  id: 'broad-exception',
  title: 'Broad exception swallowed',
  defaultSeverity: 'warning',
  applies: (source) => source.includes('catch'),
  visit: { catch_clause: checkCatch, call_expression: checkPromiseCatch },
};
