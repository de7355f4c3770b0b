// permissive-cors: CORS that accepts any origin AND credentials. Starlette's
// CORSMiddleware and Flask-CORS then echo the caller's Origin back with
// `Access-Control-Allow-Credentials: true`, so any web page a logged-in user
// visits can call the API with the user's cookies and read the answers.
// A wildcard without credentials (a public API) is not flagged, nor are
// origins read from settings, explicit origin lists, anchored regexes, or
// credentials whose value is not a literal True (a deployment decision).
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { envExampleEntry, fileFix, replaceNode } from '../fixes';
import { isTestPath, isTrue, keywordNode, lexicalBinding, removeArgument, settingsAccess, textOf } from '../python/config';
import { keywordArg, literalString, named, positionalArgs, unparen } from '../python/pyfile';
import type { Fix, Rule, RuleContext } from '../types';

interface CorsCall {
  readonly call: SyntaxNode;
  readonly flask: boolean;
}

/** `app.add_middleware(CORSMiddleware, …)`, `Middleware(CORSMiddleware, …)`, `CORSMiddleware(app, …)`, Flask `CORS(app, …)` / `@cross_origin(…)`. */
function corsCall(call: SyntaxNode, ctx: RuleContext): CorsCall | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const text = textOf(ctx, fn);
  if (!/CORS|cors|cross_origin|Middleware|add_middleware/.test(text)) return undefined;
  const callee = ctx.py.callee(call) ?? text;
  if (/(^|\.)CORSMiddleware$/.test(callee)) return { call, flask: false };
  if (/(^|\.)(add_middleware|Middleware)$/.test(callee)) {
    const first = positionalArgs(call)[0];
    const name = first ? (ctx.py.qualify(first) ?? first.text) : '';
    return /(^|\.)CORSMiddleware$/.test(name) ? { call, flask: false } : undefined;
  }
  if (callee === 'flask_cors.CORS' || callee === 'flask_cors.cross_origin') return { call, flask: true };
  return undefined;
}

/** Does the expression allow every origin: "*", a list/tuple/set holding "*", a name bound once to one, or `x or ["*"]`? */
function isWildcard(node: SyntaxNode, ctx: RuleContext, flask: boolean, depth = 0): boolean {
  const n = unparen(node);
  const s = literalString(n);
  if (s !== undefined) return s === '*' || (flask && anyOriginRegex(s));
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return named(n).some((item) => isWildcard(item, ctx, flask, depth + 1));
  if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'or') {
    const right = n.childForFieldName('right');
    return !!right && isWildcard(right, ctx, flask, depth + 1);
  }
  if (n.type === 'call' && depth < 3) {
    // os.getenv("CORS_ORIGINS", "*").split(","): the fallback is what runs when the variable is unset.
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'split') {
      const target = fn.childForFieldName('object');
      return !!target && isWildcard(target, ctx, flask, depth + 1);
    }
    const callee = ctx.py.callee(n);
    if (callee === 'os.getenv' || callee === 'os.environ.get') {
      const fallback = keywordArg(n, 'default') ?? positionalArgs(n)[1];
      return !!fallback && isWildcard(fallback, ctx, flask, depth + 1);
    }
    return false;
  }
  if (n.type === 'identifier' && depth < 3) {
    const value = lexicalBinding(ctx, n);
    return !!value && isWildcard(value, ctx, flask, depth + 1);
  }
  return false;
}

/** A regex that matches every origin (Starlette full-matches it): `.*`, `.+`, `^https?://.*$`, `(http|https)://.+`. */
function anyOriginRegex(pattern: string): boolean {
  let p = pattern.trim().replace(/^\^/, '').replace(/\$$/, '');
  p = p.replace(/^\((.*)\)$/, '$1');
  p = p.replace(/^(?:https?\??|\(https?\|https?\)|\(https\?\)|\[a-z\]\+|\\w\+|\.\*)?(?::|\\:)?(?:\/\/|\\\/\\\/)/, '');
  return /^(?:\.[*+]\??|\[\^\/?\][*+]|\\S[*+]|\\w[*+]|\[\^\/\\s\][*+])$/.test(p);
}

interface Finding {
  /** The expression that allows every origin (or the credentials flag when origins default to "*"). */
  readonly node: SyntaxNode;
  readonly origins: SyntaxNode | undefined;
  readonly regex: SyntaxNode | undefined;
  readonly credentials: SyntaxNode;
}

function check(call: SyntaxNode, ctx: RuleContext): void {
  if (isTestPath(ctx.path)) return; // test apps are never served to browsers
  const cors = corsCall(call, ctx);
  if (!cors) return;
  const credentialsKw = keywordNode(call, cors.flask ? 'supports_credentials' : 'allow_credentials');
  const credentialsValue = credentialsKw?.childForFieldName('value');
  if (!credentialsKw || !credentialsValue || !isTrue(credentialsValue, ctx)) return;
  const originsKw = keywordNode(call, cors.flask ? 'origins' : 'allow_origins');
  const originsValue = originsKw?.childForFieldName('value') ?? undefined;
  const regexKw = cors.flask ? undefined : keywordNode(call, 'allow_origin_regex');
  const regexValue = regexKw?.childForFieldName('value') ?? undefined;
  let node: SyntaxNode | undefined;
  if (originsValue && isWildcard(originsValue, ctx, cors.flask)) node = originsValue;
  else if (regexValue) {
    const pattern = ctx.py.constantString(regexValue);
    if (pattern !== undefined && anyOriginRegex(pattern)) node = regexValue;
  }
  // Flask-CORS: per-resource options; a resource without `origins` inherits the top-level one, which defaults to "*".
  const resources = cors.flask ? keywordNode(call, 'resources')?.childForFieldName('value') : undefined;
  if (!node && resources && unparen(resources).type === 'dictionary') {
    for (const pair of named(unparen(resources))) {
      const options = pair.type === 'pair' ? pair.childForFieldName('value') : undefined;
      if (options?.type !== 'dictionary') continue;
      const origins = named(options).find((p) => p.type === 'pair' && literalString(p.childForFieldName('key') ?? p) === 'origins')?.childForFieldName('value');
      if (origins && isWildcard(origins, ctx, true)) node = origins;
      else if (!origins && !originsKw) node = credentialsValue;
      if (node) break;
    }
  }
  // Flask-CORS allows every origin unless told otherwise.
  if (!node && cors.flask && !originsKw && !resources) node = credentialsValue;
  if (!node) return;
  const finding: Finding = { node, origins: originsKw ?? undefined, regex: regexKw ?? undefined, credentials: credentialsKw };
  ctx.report({
    node,
    message: `CORS allows every origin together with credentials: any web site a signed-in user visits can call this API with the user's cookies and read the responses; allow only the origins you trust (from settings).`,
    fixes: () => fixes(ctx, cors, finding),
  });
}

function fixes(ctx: RuleContext, cors: CorsCall, f: Finding): Fix[] {
  const key = cors.flask ? 'origins' : 'allow_origins';
  const access = settingsAccess(ctx, 'cors_origins', 'cors_origins: list[str] = []', { name: 'CORS_ORIGINS', value: '[]', onlyWithNewField: true });
  const expr = access?.expr ?? 'os.environ.get("CORS_ORIGINS", "").split(",")';
  const edits: TextEdit[] = [];
  const inResources = f.node.parent?.type === 'pair';
  if (inResources) {
    edits.push(replaceNode(f.node, expr));
  } else if (f.origins) {
    const value = f.origins.childForFieldName('value');
    if (value) edits.push(replaceNode(value, expr));
    if (f.regex) {
      const drop = removeArgument(f.regex);
      if (drop) edits.push(drop);
    }
  } else if (f.regex) {
    edits.push(replaceNode(f.regex, `${key}=${expr}`));
  } else {
    edits.push(replaceNode(f.credentials, `${key}=${expr}, ${f.credentials.text}`));
  }
  const env = envExampleEntry(ctx, 'CORS_ORIGINS');
  const out: Fix[] = [
    fileFix(ctx, access ? `Restrict origins to ${access.expr}` : 'Restrict origins to the CORS_ORIGINS environment variable', edits, {
      imports: access ? access.imports : [{ module: 'os' }],
      extra: access ? access.extra : env ? [env] : [],
      preferred: true,
    }),
  ];
  const drop = removeArgument(f.credentials);
  if (drop) out.push(fileFix(ctx, `Drop ${cors.flask ? 'supports_credentials' : 'allow_credentials'}`, [drop]));
  return out;
}

/**
 * django-cors-headers settings: `CORS_ALLOW_ALL_ORIGINS = True` (or the old
 * `CORS_ORIGIN_ALLOW_ALL`) with `CORS_ALLOW_CREDENTIALS = True` in the same module.
 */
function checkDjango(node: SyntaxNode, ctx: RuleContext): void {
  if (node.parent?.parent?.type !== 'module') return;
  const head = ctx.source.slice(node.startIndex, node.startIndex + 30);
  if (!/^CORS_(ALLOW_ALL_ORIGINS|ORIGIN_ALLOW_ALL)\s*=/.test(head) || !/^CORS_ALLOW_CREDENTIALS\s*=\s*True\b/m.test(ctx.source)) return;
  const value = node.childForFieldName('right');
  if (!value || !isTrue(value, ctx)) return;
  ctx.report({
    node: value,
    message: `CORS allows every origin together with credentials (CORS_ALLOW_CREDENTIALS = True): any web site a signed-in user visits can call this API with the user's cookies and read the responses; list trusted origins in CORS_ALLOWED_ORIGINS instead.`,
    fixes: () => [fileFix(ctx, 'Stop allowing every origin (list them in CORS_ALLOWED_ORIGINS)', [replaceNode(value, 'False')], { preferred: true })],
  });
}

export const rule: Rule = {
  id: 'permissive-cors',
  title: 'Any origin allowed together with credentials',
  defaultSeverity: 'error',
  // Only origins allowed together with credentials are flagged.
  applies: (source) => /supports_credentials|allow_credentials|CORS_ALLOW_CREDENTIALS/.test(source),
  visit: { call: check, assignment: checkDjango },
};
