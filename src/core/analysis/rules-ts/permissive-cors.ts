// permissive-cors (TypeScript/JavaScript): CORS that accepts any origin AND
// credentials. `cors({ origin: true, credentials: true })` (also
// `@fastify/cors`, NestJS `app.enableCors(...)` / `NestFactory.create(M,
// { cors })`) echoes the caller's Origin back with
// `Access-Control-Allow-Credentials: true`, so any web page a signed-in user
// visits can call the API with the user's cookies and read the answers. Any
// origin means `true`, `'*'`, a regex matching everything (`/.*/`), an origin
// callback that always says yes, or an environment lookup falling back to
// one of those; also a hand-written middleware copying `req.headers.origin`
// into `Access-Control-Allow-Origin` while allowing credentials.
// A wildcard without credentials (a public API) is not flagged, nor are
// origins from configuration, allow-lists, checking callbacks, credentials
// that are not a literal `true` (a deployment decision) and test files.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { envExampleEntry, replaceNode } from '../fixes';
import { envFallback, isTsTestPath, removeProperty } from '../ts/config';
import { tsFileFix } from '../ts/fixes';
import { quoteOf } from '../ts/logging';
import { callArgs, claimer, enclosingFunction, isFunction, literalString, named, objectEntry, objectProperty, unwrap, type TsFile } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

const MESSAGE =
  "CORS allows every origin together with credentials: any web site a signed-in user visits can call this API with the user's cookies and read the responses; allow only the origins you trust (from configuration).";

/** A regex that matches every origin: `.*`, `.+`, `^https?://.*$`, `(http|https)://.+`. */
function anyOriginRegex(pattern: string): boolean {
  let p = pattern.trim().replace(/^\^/, '').replace(/\$$/, '');
  p = p.replace(/^\((.*)\)$/, '$1');
  p = p.replace(/^(?:https?\??|\(https?\|https?\)|\(https\?\)|\[a-z\]\+|\\w\+|\.\*)?(?::|\\:)?(?:\/\/|\\\/\\\/)/, '');
  return /^(?:\.[*+]\??|\[\^\/?\][*+]|\\S[*+]|\\w[*+]|\[\^\/\\s\][*+])$/.test(p);
}

/** An origin callback that always allows: `(origin, cb) => cb(null, true)`, `cb(null, origin)`, without any check. */
function allowAllCallback(fn: SyntaxNode, file: TsFile): boolean {
  const params = file.paramNames(fn);
  const origin = params[0];
  const callback = params[1];
  const body = fn.childForFieldName('body');
  if (!callback || !body) return false;
  if (/\bif\b|\?|\.includes\(|\.test\(|\.indexOf\(|\.has\(|===|!==|==|\.some\(|\.match\(|\.endsWith\(|\.startsWith\(|switch/.test(body.text)) return false;
  for (const call of [body, ...body.descendantsOfType('call_expression')]) {
    if (!call || call.type !== 'call_expression' || call.childForFieldName('function')?.text !== callback) continue;
    const args = callArgs(call);
    const allowed = args[1] ? unwrap(args[1]) : undefined;
    if (allowed && (allowed.type === 'true' || (origin !== undefined && allowed.text === origin) || literalString(allowed) === '*')) return true;
  }
  return false;
}

/** The expression allowing every origin (`true`, `'*'`, `/.*​/`, `['*']`, a yes-callback, an env fallback to one), or undefined. */
function anyOrigin(node: SyntaxNode, ctx: TsRuleContext, depth = 0): boolean {
  const n = unwrap(node);
  if (depth > 4) return false;
  if (n.type === 'true') return true;
  const s = ctx.ts.constantString(n);
  if (s !== undefined) return s === '*';
  if (n.type === 'regex') return anyOriginRegex(n.childForFieldName('pattern')?.text ?? '');
  if (n.type === 'new_expression' && ctx.ts.callee(n) === 'RegExp') {
    const pattern = callArgs(n)[0];
    const text = pattern ? ctx.ts.constantString(pattern) : undefined;
    return text !== undefined && anyOriginRegex(text);
  }
  if (n.type === 'array') return named(n).some((item) => anyOrigin(item, ctx, depth + 1));
  if (isFunction(n)) return allowAllCallback(n, ctx.ts);
  const env = envFallback(n);
  if (env) return anyOrigin(env.fallback, ctx, depth + 1);
  if (n.type === 'binary_expression' && /^(\|\||\?\?)$/.test(n.childForFieldName('operator')?.text ?? '')) {
    const right = n.childForFieldName('right');
    return !!right && /process\.env|env\b|config/.test(n.childForFieldName('left')?.text ?? '') && anyOrigin(right, ctx, depth + 1);
  }
  if (n.type === 'call_expression' && ctx.ts.methodName(n) === 'split') {
    const receiver = ctx.ts.receiver(n);
    return !!receiver && anyOrigin(receiver, ctx, depth + 1);
  }
  if (n.type === 'identifier') {
    const value = ctx.ts.singleBinding(n);
    return !!value && anyOrigin(value, ctx, depth + 1);
  }
  return false;
}

function isTrue(node: SyntaxNode, ctx: TsRuleContext): boolean {
  const n = unwrap(node);
  if (n.type === 'true') return true;
  if (n.type === 'identifier') {
    const value = ctx.ts.singleBinding(n);
    return !!value && unwrap(value).type === 'true';
  }
  return false;
}

/** The options object literal of a CORS setup call (following a name bound once), and whether `origin` defaults to '*'. */
function corsOptions(call: SyntaxNode, ctx: TsRuleContext): SyntaxNode | undefined {
  const method = ctx.ts.methodName(call);
  const callee = ctx.ts.callee(call) ?? '';
  const args = callArgs(call);
  let options: SyntaxNode | undefined;
  if (/^(cors|@fastify\/cors|fastify-cors|@koa\/cors|kcors|hono\/cors\.cors)$/.test(callee) || (callee === '' && method === 'cors')) options = args[0];
  else if (method === 'enableCors') options = args[0];
  else if (method === 'register' && args.length >= 2) {
    const first = unwrap(args[0]!);
    const loaded = first.type === 'call_expression' && /^(require|import)$/.test(first.childForFieldName('function')?.text ?? '') ? callArgs(first)[0] : undefined;
    const plugin = (loaded ? literalString(loaded) : ctx.ts.qualify(first)) ?? '';
    if (/^(@fastify\/cors|fastify-cors)(\.|$)/.test(plugin)) options = args[1];
  } else if (method === 'create' && /NestFactory/.test(callee) && args[1]) {
    const outer = resolveObject(args[1], ctx);
    options = outer ? objectProperty(outer, 'cors') : undefined;
  } else if (method === 'cors' && args[0]) options = args[0]; // `fastify.register(...)` wrappers, hono `cors({...})`
  return options ? resolveObject(options, ctx) : undefined;
}

function resolveObject(node: SyntaxNode, ctx: TsRuleContext): SyntaxNode | undefined {
  let n = unwrap(node);
  for (let i = 0; i < 3 && n.type === 'identifier'; i++) {
    const value = ctx.ts.singleBinding(n);
    if (!value) return undefined;
    n = unwrap(value);
  }
  return n.type === 'object' ? n : undefined;
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  if (isTsTestPath(ctx.path)) return;
  const options = corsOptions(call, ctx);
  if (!options) return;
  const credentials = objectEntry(options, 'credentials');
  const credentialsValue = credentials?.type === 'pair' ? credentials.childForFieldName('value') : undefined;
  if (!credentials || !credentialsValue || !isTrue(credentialsValue, ctx)) return;
  const origin = objectEntry(options, 'origin');
  const originValue = origin?.type === 'pair' ? origin.childForFieldName('value') ?? undefined : origin;
  let node: SyntaxNode | undefined;
  if (originValue && anyOrigin(originValue, ctx)) node = originValue;
  else if (!origin) node = credentialsValue; // the default origin is '*'
  if (!node || !claim(ctx, node)) return;
  ctx.report({
    node,
    message: origin ? MESSAGE : `${MESSAGE.replace('CORS allows every origin', "CORS allows every origin (no `origin` option: the default is '*')")}`,
    fixes: () => optionFixes(ctx, options, origin ?? undefined, originValue ?? undefined, credentials),
  });
}

const claimNode = claimer();
const claim = (ctx: TsRuleContext, node: SyntaxNode): boolean => claimNode(ctx, node);

function allowListExpr(q: string): string {
  return `(process.env.CORS_ORIGINS ?? ${q}${q}).split(${q},${q})`;
}

function optionFixes(ctx: TsRuleContext, options: SyntaxNode, origin: SyntaxNode | undefined, originValue: SyntaxNode | undefined, credentials: SyntaxNode): Fix[] {
  const q = quoteOf(ctx.source);
  const edits: TextEdit[] = [];
  if (origin && originValue && origin.type === 'pair') edits.push(replaceNode(originValue, allowListExpr(q)));
  else if (origin) edits.push(replaceNode(origin, `origin: ${allowListExpr(q)}`)); // `{ origin, credentials: true }`
  else edits.push({ start: credentials.startIndex, end: credentials.startIndex, text: `origin: ${allowListExpr(q)}, ` });
  const env = envExampleEntry(ctx, 'CORS_ORIGINS');
  const out: Fix[] = [tsFileFix(ctx, 'Restrict origins to the CORS_ORIGINS environment variable', edits, { preferred: true, extra: env ? [env] : [] })];
  const drop = removeProperty(ctx.source, credentials);
  if (drop && named(options).length > 1) out.push(tsFileFix(ctx, 'Drop credentials', [drop]));
  return out;
}

// ---------------------------------------------------------------- hand-written headers

const ACAO = /^access-control-allow-origin$/i;

/** `req.headers.origin`, `req.header('origin')`, `req.get('Origin')`, `request.headers['origin']`, or a name bound to one. */
function requestOrigin(node: SyntaxNode, ctx: TsRuleContext, depth = 0): boolean {
  const n = unwrap(node);
  const text = n.text;
  if (/^\w+\.headers(\.origin|\[\s*['"]origin['"]\s*\])$/i.test(text)) return true;
  if (/^\w+\.(get|header)\(\s*['"]origin['"]\s*\)$/i.test(text)) return true;
  if (n.type === 'binary_expression' && /^(\|\||\?\?)$/.test(n.childForFieldName('operator')?.text ?? '')) {
    const left = n.childForFieldName('left');
    return !!left && requestOrigin(left, ctx, depth + 1);
  }
  if (n.type === 'as_expression' || n.type === 'call_expression' && /^String$/.test(n.childForFieldName('function')?.text ?? '')) {
    const inner = n.type === 'call_expression' ? callArgs(n)[0] : named(n)[0];
    return !!inner && requestOrigin(inner, ctx, depth + 1);
  }
  if (n.type === 'identifier' && depth < 3) {
    const value = ctx.ts.singleBinding(n);
    return !!value && requestOrigin(value, ctx, depth + 1);
  }
  return false;
}

/** The function also sends `Access-Control-Allow-Credentials: true`. */
function allowsCredentials(at: SyntaxNode): boolean {
  const fn = enclosingFunction(at);
  const text = fn?.text ?? '';
  return /access-control-allow-credentials['"`]\s*[,:]\s*(['"`]true['"`]|true)/i.test(text);
}

/** Inside a check of the origin (`if (allowed.includes(origin))`). */
function originChecked(node: SyntaxNode): boolean {
  for (let p = node.parent; p && !isFunction(p); p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'ternary_expression') {
      const condition = p.childForFieldName('condition');
      if (condition && !(condition.startIndex <= node.startIndex && node.endIndex <= condition.endIndex) && /origin/i.test(condition.text)) return true;
    }
  }
  // An early exit on a failed check: `if (!allowed.has(origin)) return next();`
  const fn = enclosingFunction(node);
  const body = fn?.childForFieldName('body');
  if (body?.type === 'statement_block') {
    for (const stmt of named(body)) {
      if (stmt.startIndex >= node.startIndex) break;
      if (stmt.type === 'if_statement' && /origin/i.test(stmt.childForFieldName('condition')?.text ?? '') && /\b(return|throw)\b/.test(stmt.childForFieldName('consequence')?.text ?? '')) return true;
    }
  }
  return false;
}

function reportReflection(value: SyntaxNode, ctx: TsRuleContext): void {
  if (!requestOrigin(value, ctx) || !allowsCredentials(value) || originChecked(value) || !claim(ctx, value)) return;
  ctx.report({
    node: value,
    message: "The request's Origin is echoed into Access-Control-Allow-Origin together with Access-Control-Allow-Credentials: true: any web site a signed-in user visits can call this API with the user's cookies and read the responses; echo only origins from an allow-list (from configuration).",
    fixes: () => {
      const q = quoteOf(ctx.source);
      const v = unwrap(value).text;
      const env = envExampleEntry(ctx, 'CORS_ORIGINS');
      return [
        tsFileFix(ctx, 'Echo only origins listed in CORS_ORIGINS', [replaceNode(value, `${allowListExpr(q)}.includes(${v} ?? ${q}${q}) ? (${v} ?? ${q}${q}) : ${q}${q}`)], { preferred: true, extra: env ? [env] : [] }),
      ];
    },
  });
}

/** `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)`, `res.header(...)`, `res.set(...)`, `reply.header(...)`. */
function checkHeaderCall(call: SyntaxNode, ctx: TsRuleContext): void {
  const method = ctx.ts.methodName(call);
  if (!method || !/^(setHeader|header|set|append)$/.test(method) || isTsTestPath(ctx.path)) return;
  const args = callArgs(call);
  const name = args[0] ? literalString(args[0]) : undefined;
  if (name === undefined || !ACAO.test(name) || !args[1]) return;
  reportReflection(args[1], ctx);
}

/** `res.set({ 'Access-Control-Allow-Origin': req.headers.origin, ... })`, `res.writeHead(200, { ... })`. */
function checkHeaderPair(pair: SyntaxNode, ctx: TsRuleContext): void {
  const key = pair.childForFieldName('key');
  const name = key ? literalString(key) : undefined;
  if (name === undefined || !ACAO.test(name) || isTsTestPath(ctx.path)) return;
  const value = pair.childForFieldName('value');
  if (value) reportReflection(value, ctx);
}

export const rule: TsRule = {
  id: 'permissive-cors',
  title: 'Any origin allowed together with credentials',
  defaultSeverity: 'error',
  // Only origins allowed together with credentials are flagged.
  applies: (source) => /credentials/i.test(source),
  visit: { call_expression: (node, ctx) => (check(node, ctx), checkHeaderCall(node, ctx)), pair: checkHeaderPair },
};
