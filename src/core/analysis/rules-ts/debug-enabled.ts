// debug-enabled (TypeScript/JavaScript): stack traces and error internals
// sent to clients, and debug behaviour switched on in code.
//   - `err.stack` in a response (`res.status(500).send(err.stack)`,
//     `res.json({ error: err.message, stack: err.stack })`, Koa `ctx.body`,
//     NestJS `response.json(...)` in an exception filter);
//   - the error object itself in an Express response (`res.json(err)`,
//     `{ error: err }`, `{ ...err }`: driver errors carry the SQL, table and
//     constraint), or `res.locals.error = err` for the error page;
//   - the message of an unexpected error answered with a 5xx status
//     (`res.status(500).json({ error: err.message })`,
//     `new InternalServerErrorException(err.message)`): database and
//     library messages are not written for clients;
//   - the `errorhandler` middleware (HTML stack traces), `app.set('env',
//     'development')`, `process.env.NODE_ENV = 'development'`, Apollo
//     `debug: true` / `includeStacktraceInErrorResponses: true`.
// Logging the stack server-side, branches chosen by the environment
// (`if (process.env.NODE_ENV !== 'production')`), messages of narrowed errors
// (`err instanceof HttpError`, `err.expose`) or sent with a 4xx status,
// Fastify's `reply.send(err)` (its error handler serializes without the
// stack) and test files are not flagged.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { replaceNode } from '../fixes';
import { gatedByEnvironment, isTsTestPath, removeProperty } from '../ts/config';
import { tsFileFix } from '../ts/fixes';
import { errorLog, indentAt, indentUnitOf, lineStartOf, loggerAt, quoteOf, semicolonOf } from '../ts/logging';
import { callArgs, claimer, enclosingFunction, isFunction, literalString, named, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

// ---------------------------------------------------------------- errors

interface ErrorVar {
  readonly name: string;
  /** The catch clause or handler function that receives it. */
  readonly scope: SyntaxNode;
}

const ERROR_NAME = /^(e|ex|err|error|exc|exception|_err|_error|caught|reason|cause)$/i;

/** Is `id` (an identifier) an error caught by a `catch`, an Express/Fastify/NestJS error handler or a promise `.catch`? */
function errorVar(id: SyntaxNode, ctx: TsRuleContext): ErrorVar | undefined {
  const name = id.text;
  for (let p = id.parent; p; p = p.parent) {
    if (p.type === 'catch_clause') {
      if (p.childForFieldName('parameter')?.text === name) return { name, scope: p };
    }
    if (isFunction(p)) {
      const params = ctx.ts.paramNames(p);
      const index = params.indexOf(name);
      if (index < 0) {
        if (ctx.ts.bindings(p, name).length > 0) return undefined;
        continue;
      }
      if (index !== 0) return undefined;
      // Express: `(err, req, res, next)`.
      if (params.length === 4) return { name, scope: p };
      // Fastify `setErrorHandler((error, request, reply) => …)`, promise `.catch((err) => …)`.
      const call = p.parent?.type === 'arguments' ? p.parent.parent : undefined;
      const method = call?.type === 'call_expression' ? ctx.ts.methodName(call) : undefined;
      if (method === 'setErrorHandler' || method === 'catch' || method === 'onError') return { name, scope: p };
      // NestJS exception filter: `catch(exception, host)`.
      if (p.type === 'method_definition' && p.childForFieldName('name')?.text === 'catch') return { name, scope: p };
      return undefined;
    }
  }
  return undefined;
}

/** The error variable at the root of `err`, `err.stack`, `(err as Error).message`. */
function rootError(node: SyntaxNode, ctx: TsRuleContext): ErrorVar | undefined {
  let n = unwrap(node);
  while (n.type === 'member_expression') n = unwrap(n.childForFieldName('object') ?? n);
  return n.type === 'identifier' ? errorVar(n, ctx) : undefined;
}

// ---------------------------------------------------------------- responses

const RESPONSE_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'write', 'render', 'html', 'text', 'body']);
const RESPONSE_NAMES = /^(res|response|reply|resp|rep|ctx|c)$/;
const STATUS_METHODS = new Set(['status', 'code', 'writeHead', 'sendStatus']);
const NEST_SERVER_ERRORS = /(^|\.)(InternalServerErrorException|HttpException|ServiceUnavailableException|BadGatewayException|GatewayTimeoutException|NotImplementedException)$/;

interface Sink {
  /** The call or assignment that answers the client. */
  readonly node: SyntaxNode;
  /** The status chained on the response (`res.status(500)`), as text, if any. */
  readonly status: string | undefined;
  /** Fastify's reply serializes Error objects itself. */
  readonly fastify: boolean;
}

/** A call answering the client: `res.json(x)`, `res.status(500).send(x)`, `reply.code(500).send(x)`; and NestJS server-error exceptions. */
function responseSink(call: SyntaxNode, ctx: TsRuleContext): Sink | undefined {
  if (call.type === 'new_expression') {
    const callee = ctx.ts.callee(call) ?? '';
    if (!NEST_SERVER_ERRORS.test(callee)) return undefined;
    const args = callArgs(call);
    const status = /HttpException$/.test(callee) ? args[1]?.text : '500';
    return { node: call, status, fastify: false };
  }
  const method = ctx.ts.methodName(call);
  if (!method || !RESPONSE_METHODS.has(method)) return undefined;
  let status: string | undefined;
  let receiver = ctx.ts.receiver(call);
  while (receiver?.type === 'call_expression') {
    const m = ctx.ts.methodName(receiver);
    if (m && STATUS_METHODS.has(m)) status = callArgs(receiver)[0]?.text;
    receiver = ctx.ts.receiver(receiver);
  }
  if (receiver?.type === 'member_expression' && /^(raw|res)$/.test(receiver.childForFieldName('property')?.text ?? '')) receiver = unwrap(receiver.childForFieldName('object') ?? receiver);
  if (receiver?.type !== 'identifier' || !RESPONSE_NAMES.test(receiver.text)) return undefined;
  return { node: call, status, fastify: /^(reply|rep)$/.test(receiver.text) };
}

/** Nodes a value passes through unchanged on its way into a response body. */
const PASS_THROUGH = new Set([
  'arguments', 'object', 'pair', 'array', 'spread_element', 'template_substitution', 'template_string', 'binary_expression', 'parenthesized_expression',
  'as_expression', 'non_null_expression', 'satisfies_expression', 'ternary_expression', 'shorthand_property_identifier',
]);

/** Where `node` reaches a client: the sink, directly or through one variable (`const body = { stack }; res.json(body)`). */
function exposure(node: SyntaxNode, ctx: TsRuleContext, depth = 0): Sink | undefined {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'call_expression' || p.type === 'new_expression') {
      if (child.type !== 'arguments') return undefined; // the node is the callee
      const sink = responseSink(p, ctx);
      if (sink) return sink;
      const name = ctx.ts.methodName(p) ?? '';
      if (/^(String|stringify|toString|format|inspect|serializeError)$/.test(name)) continue;
      return undefined;
    }
    if (p.type === 'ternary_expression' && p.childForFieldName('condition')?.id === child.id) return undefined;
    if (PASS_THROUGH.has(p.type)) continue;
    if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === child.id) {
      const left = p.childForFieldName('left');
      // Koa `ctx.body = …`, Express `res.locals.error = err` (rendered by the error page).
      if (left && /^(ctx|c)\.body$|^(res|response)\.locals\.(error|err|stack)$/.test(left.text)) return { node: p, status: undefined, fastify: false };
      if (left?.type === 'identifier' && depth < 2) return throughVariable(left.text, p, ctx, depth);
      return undefined;
    }
    if (p.type === 'variable_declarator' && p.childForFieldName('value')?.id === child.id && depth < 2) {
      const name = p.childForFieldName('name');
      return name?.type === 'identifier' ? throughVariable(name.text, p, ctx, depth) : undefined;
    }
    if (p.type === 'return_statement' || p.type === 'arrow_function') {
      // `return { error: err.stack }` from a Fastify handler or NestJS filter answers the request too.
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

function throughVariable(name: string, at: SyntaxNode, ctx: TsRuleContext, depth: number): Sink | undefined {
  const fn = enclosingFunction(at);
  if (!fn) return undefined;
  for (const use of fn.descendantsOfType(['identifier', 'shorthand_property_identifier'])) {
    if (!use || use.text !== name || use.startIndex <= at.endIndex) continue;
    const sink = exposure(use, ctx, depth + 1);
    if (sink) return sink;
  }
  return undefined;
}

/** The error was narrowed to a kind whose message is meant for clients (`instanceof HttpError`, `err.expose`, `status < 500`). */
function narrowed(node: SyntaxNode, scope: SyntaxNode): boolean {
  const NARROW = /instanceof|\.expose\b|isHttpError|isAxiosError|status(Code)?\s*<|\.name\s*===|\.code\s*===|ZodError|ValidationError/;
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'ternary_expression') {
      const condition = p.childForFieldName('condition');
      if (condition && !(condition.startIndex <= node.startIndex && node.endIndex <= condition.endIndex) && NARROW.test(condition.text)) return true;
    }
  }
  return false;
}

const serverStatus = (status: string | undefined): boolean => status !== undefined && (/\b5\d\d\b/.test(status) || /INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE|BAD_GATEWAY/.test(status));

const claimNode = claimer();
const claim = (ctx: TsRuleContext, node: SyntaxNode): boolean => claimNode(ctx, node);

function reportDetail(ctx: TsRuleContext, shown: SyntaxNode, what: string, error: ErrorVar | undefined): void {
  if (gatedByEnvironment(shown) || !claim(ctx, shown)) return;
  ctx.report({
    node: shown,
    message: `${what} is sent to the client: internals (queries, file paths, library versions) leak to whoever triggers the error; log the error server-side and answer with a generic message.`,
    fixes: () => detailFixes(ctx, shown, error),
  });
}

/** `err.stack` / `error.stack` of a caught error, or of anything named like an error. */
function checkMember(node: SyntaxNode, ctx: TsRuleContext): void {
  const property = node.childForFieldName('property')?.text;
  if (property !== 'stack' && property !== 'message') return;
  if (isTsTestPath(ctx.path)) return;
  const object = unwrap(node.childForFieldName('object') ?? node);
  const error = rootError(object, ctx);
  if (property === 'stack') {
    if (!error && !(object.type === 'identifier' && ERROR_NAME.test(object.text))) return;
    const sink = exposure(node, ctx);
    if (sink) reportDetail(ctx, node, `The stack trace (${node.text})`, error);
    return;
  }
  // `.message`: only of an unexpected error answered with a server-error status.
  if (!error) return;
  const sink = exposure(node, ctx);
  if (!sink || !serverStatus(sink.status) || narrowed(node, error.scope)) return;
  reportDetail(ctx, node, `The message of an unexpected error (${node.text})`, error);
}

/** The error object itself: `res.json(err)`, `{ error: err }`, `{ ...err }`, `` `${err}` `` with a 5xx status, `String(err)`. */
function checkIdentifier(node: SyntaxNode, ctx: TsRuleContext): void {
  if (!ERROR_NAME.test(node.text) && !/err|exc/i.test(node.text)) return;
  const parent = node.parent;
  if (!parent || parent.type === 'member_expression' || isTsTestPath(ctx.path)) return;
  if (!['arguments', 'pair', 'spread_element', 'array', 'template_substitution', 'object', 'assignment_expression'].includes(parent.type) && parent.type !== 'shorthand_property_identifier') return;
  if (parent.type === 'pair' && parent.childForFieldName('value')?.id !== node.id) return;
  const error = node.type === 'identifier' ? errorVar(node, ctx) : undefined;
  if (!error) return;
  const sink = exposure(node, ctx);
  if (!sink) return;
  const inString = parent.type === 'template_substitution' || (parent.type === 'arguments' && parent.parent?.type === 'call_expression' && /^String$/.test(parent.parent.childForFieldName('function')?.text ?? ''));
  if (inString) {
    if (!serverStatus(sink.status) || narrowed(node, error.scope)) return;
    return reportDetail(ctx, node, `The message of an unexpected error (${node.text})`, error);
  }
  if (sink.fastify && parent.type === 'arguments') return; // reply.send(err): Fastify's error handler answers without the stack
  if (sink.node.type === 'new_expression') return; // new InternalServerErrorException(err): Nest keeps the cause server-side
  if (narrowed(node, error.scope) && !serverStatus(sink.status)) return;
  reportDetail(ctx, node, `The error object (${node.text}), with its stack and driver fields,`, error);
}

function checkShorthand(node: SyntaxNode, ctx: TsRuleContext): void {
  if (!ERROR_NAME.test(node.text) || isTsTestPath(ctx.path)) return;
  const error = errorVar(node, ctx);
  if (!error) return;
  const sink = exposure(node, ctx);
  if (!sink || (narrowed(node, error.scope) && !serverStatus(sink.status))) return;
  reportDetail(ctx, node, `The error object (${node.text}), with its stack and driver fields,`, error);
}

// ---------------------------------------------------------------- fixes

function detailFixes(ctx: TsRuleContext, shown: SyntaxNode, error: ErrorVar | undefined): Fix[] {
  const q = quoteOf(ctx.source);
  const semi = semicolonOf(ctx.source);
  const generic = `${q}Internal server error${q}`;
  const edits: TextEdit[] = [];
  const parent = shown.parent;
  const parentKey = parent?.type === 'pair' ? parent.childForFieldName('key')?.text.replace(/['"]/g, '') : undefined;
  if (parent?.type === 'pair' && parentKey && /^(stack|trace|stacktrace|stackTrace|details?|debug)$/.test(parentKey) && named(parent.parent).length > 1) {
    const drop = removeProperty(ctx.source, parent);
    if (drop) edits.push(drop);
  } else if (shown.type === 'shorthand_property_identifier') {
    edits.push(replaceNode(shown, `${shown.text}: ${generic}`));
  } else if (parent?.type === 'spread_element') {
    edits.push(replaceNode(parent, `error: ${generic}`));
  } else if (parent?.type === 'template_substitution') {
    const template = parent.parent!;
    edits.push(replaceNode(template, generic));
  } else if (parent?.type === 'arguments' && parent.parent && /^String$/.test(parent.parent.childForFieldName('function')?.text ?? '')) {
    edits.push(replaceNode(parent.parent, generic));
  } else if (parent?.type === 'arguments' && parent.parent && responseSinkName(parent.parent) === 'json') {
    edits.push(replaceNode(shown, `{ error: ${generic} }`));
  } else edits.push(replaceNode(shown, generic));
  // An expression-bodied handler (`.catch((err) => res.status(500).send(…))`) becomes a block that logs first.
  const body = error?.scope.type === 'arrow_function' ? error.scope.childForFieldName('body') : undefined;
  if (error && body && body.type !== 'statement_block' && edits.length === 1 && !/\b(console|logger|log)\.(error|warn)\(/.test(body.text)) {
    const edit = edits[0]!;
    if (edit.start >= body.startIndex && edit.end <= body.endIndex) {
      const inner = ctx.source.slice(body.startIndex, edit.start) + edit.text + ctx.source.slice(edit.end, body.endIndex);
      const indent = indentAt(ctx.source, body.startIndex);
      const unit = indentUnitOf(ctx.source);
      const logger = loggerAt(ctx.ts, error.scope);
      const text = `{\n${indent}${unit}${errorLog(logger, 'Unhandled error', error.name, q)}${semi}\n${indent}${unit}return ${inner}${semi}\n${indent}}`;
      return [tsFileFix(ctx, 'Log the error and answer with a generic message', [{ start: body.startIndex, end: body.endIndex, text }], { preferred: true })];
    }
  }
  // Log the error where it is handled, unless that handler already does.
  if (error) {
    const body = error.scope.type === 'catch_clause' ? error.scope.childForFieldName('body') : error.scope.childForFieldName('body');
    const logged = body && /\b(console|logger|log|this\.logger|request\.log|req\.log|fastify\.log|app\.log)\.(error|warn|fatal|exception)\(|captureException|reportError/.test(body.text);
    let statement: SyntaxNode | null = shown;
    while (statement && statement.parent && statement.parent.type !== 'statement_block' && !isFunction(statement)) statement = statement.parent;
    // Only inside the block that binds the error (`.catch((err) => res.send(…))` has no statement to log in).
    const inScope = !!statement && !isFunction(statement) && statement.startIndex >= error.scope.startIndex && statement.endIndex <= error.scope.endIndex;
    if (!logged && inScope && statement?.parent?.type === 'statement_block') {
      // Above the comments that introduce the statement, so they stay with it.
      let first: SyntaxNode = statement;
      for (let prev = first.previousNamedSibling; prev?.type === 'comment' && prev.endPosition.row === first.startPosition.row - 1; prev = first.previousNamedSibling) first = prev;
      const start = lineStartOf(ctx.source, first.startIndex);
      const alone = /^[ \t]*$/.test(ctx.source.slice(start, first.startIndex));
      if (alone) {
        const logger = loggerAt(ctx.ts, statement);
        edits.push({ start, end: start, text: `${indentAt(ctx.source, statement.startIndex)}${errorLog(logger, 'Unhandled error', error.name, q)}${semi}\n` });
      }
    }
  }
  return [tsFileFix(ctx, 'Log the error and answer with a generic message', edits, { preferred: true })];
}

function responseSinkName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
}

// ---------------------------------------------------------------- debug switches

function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.type !== 'expression_statement') {
    if (isFunction(n)) return undefined;
    n = n.parent;
  }
  return n ?? undefined;
}

/** Delete a whole statement line. */
function deleteStatement(ctx: TsRuleContext, stmt: SyntaxNode): TextEdit {
  const start = lineStartOf(ctx.source, stmt.startIndex);
  const nl = ctx.source.indexOf('\n', stmt.endIndex);
  const own = /^[ \t]*$/.test(ctx.source.slice(start, stmt.startIndex)) && /^[ \t]*(\/\/.*)?$/.test(ctx.source.slice(stmt.endIndex, nl < 0 ? undefined : nl));
  return own ? { start, end: nl < 0 ? ctx.source.length : nl + 1, text: '' } : { start: stmt.startIndex, end: stmt.endIndex, text: '' };
}

function checkCall(call: SyntaxNode, ctx: TsRuleContext): void {
  const method = ctx.ts.methodName(call);
  if (!method || isTsTestPath(ctx.path)) return;
  // `errorhandler()`: HTML pages with stack traces, meant for development only.
  const fnNode = call.childForFieldName('function');
  if (fnNode?.type === 'identifier' && ctx.ts.imports.get(method) === 'errorhandler') {
    if (gatedByEnvironment(call)) return;
    const stmt = statementOf(call);
    ctx.report({
      node: call,
      message: 'The errorhandler middleware answers errors with full stack traces and is meant for development only; enable it only when NODE_ENV is development.',
      fixes: () => {
        if (!stmt) return [];
        const q = quoteOf(ctx.source);
        return [tsFileFix(ctx, 'Enable errorhandler only in development', [replaceNode(stmt, `if (process.env.NODE_ENV === ${q}development${q}) ${stmt.text}`)], { preferred: true })];
      },
    });
    return;
  }
  // `app.set('env', 'development')`.
  if (method === 'set') {
    const args = callArgs(call);
    if (args.length !== 2 || literalString(args[0]!) !== 'env' || !/^(dev|development)$/.test(ctx.ts.constantString(args[1]!) ?? '')) return;
    if (gatedByEnvironment(call)) return;
    const stmt = statementOf(call);
    ctx.report({
      node: args[1]!,
      message: "The app is forced into the development environment in code: Express then renders errors with stack traces; let NODE_ENV decide.",
      fixes: () => (stmt ? [tsFileFix(ctx, 'Remove the forced environment (NODE_ENV decides)', [deleteStatement(ctx, stmt)], { preferred: true })] : []),
    });
  }
}

/** `process.env.NODE_ENV = 'development'`. */
function checkAssignment(node: SyntaxNode, ctx: TsRuleContext): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || !/^process\.env(\.NODE_ENV|\[['"]NODE_ENV['"]\])$/.test(left.text) || isTsTestPath(ctx.path)) return;
  if (!/^(dev|development)$/.test(ctx.ts.constantString(right) ?? '') || gatedByEnvironment(node)) return;
  const stmt = statementOf(node);
  ctx.report({
    node: right,
    message: 'NODE_ENV is forced to development in code: Express and many libraries then answer errors with stack traces; set it in the environment of the deployment instead.',
    fixes: () => (stmt ? [tsFileFix(ctx, 'Remove the forced NODE_ENV', [deleteStatement(ctx, stmt)], { preferred: true })] : []),
  });
}

/** Apollo Server `debug: true` / `includeStacktraceInErrorResponses: true`. */
function checkPair(pair: SyntaxNode, ctx: TsRuleContext): void {
  const key = pair.childForFieldName('key')?.text;
  if (key !== 'debug' && key !== 'includeStacktraceInErrorResponses') return;
  const value = pair.childForFieldName('value');
  if (!value || unwrap(value).type !== 'true' || isTsTestPath(ctx.path)) return;
  const call = pair.parent?.parent?.parent;
  if (call?.type !== 'new_expression' || !/ApolloServer$/.test(ctx.ts.callee(call) ?? '')) return;
  if (gatedByEnvironment(pair)) return;
  ctx.report({
    node: value,
    message: `\`${key}: true\` is switched on in code: GraphQL errors are answered with their stack traces; let NODE_ENV decide so it is off in production.`,
    fixes: () => {
      const q = quoteOf(ctx.source);
      return [tsFileFix(ctx, 'Only in development', [replaceNode(value, `process.env.NODE_ENV === ${q}development${q}`)], { preferred: true })];
    },
  });
}

export const rule: TsRule = {
  id: 'debug-enabled',
  title: 'Debug behaviour exposed to clients',
  defaultSeverity: 'warning',
  applies: (source) => /\b(err|error|e|ex|exc|exception)\b|\.stack\b|errorhandler|'env'|"env"|NODE_ENV|debug|includeStacktrace/i.test(source),
  visit: {
    member_expression: checkMember,
    identifier: checkIdentifier,
    shorthand_property_identifier: checkShorthand,
    call_expression: checkCall,
    assignment_expression: checkAssignment,
    pair: checkPair,
  },
};
