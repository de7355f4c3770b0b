// ssrf: an outgoing HTTP request whose scheme or host comes from request
// input (or from a URL column of an ORM object loaded in the same function,
// which a user set earlier: webhooks, callbacks), so a caller can make the
// server fetch internal addresses (cloud metadata, admin ports, localhost).
// Only the host matters: a configured base URL followed by user data in the
// path or query, constant URLs and `params=` are not flagged; a Pydantic
// `HttpUrl` only proves the text is a URL, not that the host is allowed. An
// allow-list test of the host that rejects the request ends the taint.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { fileFix, importEdits, replaceNode, type FixImport } from '../fixes';
import { afterImports, eolOf, freshName, indentUnit, linesBefore, rejection, statementOf } from '../python/guards';
import { enclosingFunction, keywordArg, named, positionalArgs, unparen } from '../python/pyfile';
import { taintOf, urlState, type FunctionTaint } from '../python/taint';
import type { Fix, Rule, RuleContext } from '../types';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
/** Module-level request functions: where the URL argument is. */
const FUNCTIONS: Record<string, number> = {
  'urllib.request.urlopen': 0,
  'urllib.request.Request': 0,
  'urllib3.request': 1,
};
for (const lib of ['requests', 'httpx']) {
  for (const verb of VERBS) FUNCTIONS[`${lib}.${verb}`] = 0;
  FUNCTIONS[`${lib}.request`] = 1;
}
FUNCTIONS['httpx.stream'] = 1;
/** Client classes whose instances send requests. */
const CLIENTS = new Set(['httpx.Client', 'httpx.AsyncClient', 'requests.Session', 'requests.session', 'requests.sessions.Session', 'aiohttp.ClientSession', 'urllib3.PoolManager']);
/** Client methods: where the URL argument is. */
const METHODS: Record<string, number> = { request: 1, stream: 1, build_request: 1, ws_connect: 0, urlopen: 1 };
for (const verb of VERBS) METHODS[verb] = 0;
const NAMES = new Set([...Object.keys(FUNCTIONS).map((k) => k.slice(k.lastIndexOf('.') + 1)), ...Object.keys(METHODS), 'Client', 'AsyncClient']);

function check(call: SyntaxNode, ctx: RuleContext): void {
  const name = ctx.py.methodName(call);
  if (!name || !NAMES.has(name)) return;
  const callee = ctx.py.callee(call);
  let position: number | undefined = callee !== undefined ? FUNCTIONS[callee] : undefined;
  // Neither a request function, a client class nor a method call on a possible client: done before
  // looking for the enclosing function (walking up from a top-level statement is not cheap).
  if (position === undefined && callee !== 'httpx.Client' && callee !== 'httpx.AsyncClient') {
    const target = ctx.py.fnOf(call);
    if (target?.type !== 'attribute' || METHODS[name] === undefined) return;
  }
  const fn = enclosingFunction(call);
  if (!fn) return;
  let label = callee;
  if (callee === 'httpx.Client' || callee === 'httpx.AsyncClient') {
    // A client whose `base_url` comes from the request sends every relative request there.
    const base = keywordArg(call, 'base_url');
    if (base && urlState(taintOf(ctx.py, fn), base) === 'full') {
      ctx.report({
        node: base,
        message: `The base_url of this ${callee} comes from request input, so a caller can make this server reach internal addresses (cloud metadata, localhost, private services); check the host against an allow-list first.`,
        fixes: () => fixes(ctx, taintOf(ctx.py, fn), fn, base),
      });
    }
    return;
  }
  if (position === undefined) {
    const target = ctx.py.fnOf(call);
    const receiver = target?.type === 'attribute' ? target.childForFieldName('object') : undefined;
    if (!receiver || METHODS[name] === undefined || !isClient(ctx, receiver, fn)) return;
    position = METHODS[name];
    label = `${receiver.text}.${name}`;
  }
  const url = keywordArg(call, 'url') ?? positionalArgs(call)[position!];
  if (!url) return;
  const t = taintOf(ctx.py, fn);
  if (urlState(t, url) !== 'full') return;
  ctx.report({
    node: url,
    message: `The URL passed to ${label}() takes its host from request input, so a caller can make this server reach internal addresses (cloud metadata, localhost, private services); check the host against an allow-list before sending.`,
    fixes: () => fixes(ctx, t, fn, url),
  });
}

/** Is `node` an HTTP client object (`httpx.AsyncClient(...)`, a session from `async with`, an injected `httpx.AsyncClient`)? */
function isClient(ctx: RuleContext, node: SyntaxNode, fn: SyntaxNode, depth = 0): boolean {
  const n = unparen(node);
  if (depth > 3) return false;
  if (n.type === 'call') return CLIENTS.has(ctx.py.callee(n) ?? '');
  if (n.type === 'identifier') {
    const { values } = taintOf(ctx.py, fn).reaching(n);
    if (values.length > 0) return values.some((v) => isClient(ctx, v, fn, depth + 1));
    const param = taintOf(ctx.py, fn).params.find((p) => p.name === n.text);
    if (param) return !!param.annotation && isClientType(ctx, param.annotation);
    const global = ctx.py.bindings(ctx.tree.rootNode, n.text);
    return global.some((v) => unparen(v).type === 'call' && CLIENTS.has(ctx.py.callee(unparen(v)) ?? ''));
  }
  if (n.type === 'attribute') {
    const attr = n.childForFieldName('attribute')?.text ?? '';
    const object = n.childForFieldName('object');
    // `self.client` set to a client in the class (`__init__`), or `app.state.http_client`.
    if (object?.type === 'identifier' && object.text === 'self') return selfClient(ctx, fn, attr);
    return /http/i.test(attr) && /(client|session)$/i.test(attr);
  }
  return false;
}

function isClientType(ctx: RuleContext, annotation: SyntaxNode): boolean {
  const text = annotation.text.replace(/\s+/g, '');
  const inner = (/^Annotated\[([^,\]]+)/.exec(text)?.[1] ?? text).replace(/\|None$|^None\|/, '').replace(/^Optional\[(.*)\]$/, '$1');
  const head = inner.split('.')[0]!;
  const qualified = (ctx.py.imports.get(head) ?? head) + inner.slice(head.length);
  return CLIENTS.has(qualified);
}

function selfClient(ctx: RuleContext, fn: SyntaxNode, attr: string): boolean {
  let cls: SyntaxNode | null = fn.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  if (!cls) return false;
  const pattern = new RegExp(`self\\.${attr}\\s*(?::[^=\\n]+)?=\\s*([\\w.]+)\\(`, 'g');
  for (const m of cls.text.matchAll(pattern)) {
    const head = m[1]!.split('.')[0]!;
    if (CLIENTS.has((ctx.py.imports.get(head) ?? head) + m[1]!.slice(head.length))) return true;
  }
  return false;
}

function fixes(ctx: RuleContext, t: FunctionTaint, fn: SyntaxNode, url: SyntaxNode): Fix[] {
  const place = statementOf(url, ctx.source);
  if (!place) return [];
  const eol = eolOf(ctx.source);
  const unit = indentUnit(ctx.source);
  const imports: FixImport[] = [];
  const u = unparen(url);
  const edits: TextEdit[] = [];
  const lines: string[] = [];
  let subject: string;
  if (u.type === 'identifier' || u.type === 'attribute' || (u.type === 'call' && ctx.py.callee(u) === 'str')) {
    subject = needsStr(ctx, t, u) ? `str(${u.text})` : u.text;
  } else {
    // A built URL: name it once so the check and the request see the same value.
    const name = freshName(fn, 'target_url');
    lines.push(`${place.indent}${name} = ${u.text}`);
    edits.push(replaceNode(url, name));
    subject = name;
  }
  const bound = ctx.py.imports.get('urlparse');
  let parse = 'urlparse';
  if (bound === undefined) imports.push({ module: 'urllib.parse', name: 'urlparse' });
  else if (bound !== 'urllib.parse.urlparse') {
    parse = 'urllib.parse.urlparse';
    imports.push({ module: 'urllib.parse' });
  }
  const reject = rejection(ctx.py, fn, 'URL host is not allowed');
  imports.push(...reject.imports);
  // Django's own ALLOWED_HOSTS setting means something else (hosts this site serves).
  const django = [...ctx.py.imports.values()].some((m) => m.startsWith('django.'));
  const allowList = existingAllowList(ctx) ?? (django ? 'ALLOWED_OUTBOUND_HOSTS' : 'ALLOWED_HOSTS');
  lines.push(`${place.indent}if ${parse}(${subject}).hostname not in ${allowList}:`, `${place.indent}${unit}${reject.text}`);
  const importPlan = importEdits(ctx, imports);
  const all: TextEdit[] = [...importPlan];
  if (ctx.py.bindings(ctx.tree.rootNode, allowList).length === 0 && !ctx.py.imports.has(allowList)) {
    const at = afterImports(ctx.py);
    const head = at === 0 ? '' : eol;
    all.push({ start: at, end: at, text: `${head}# Hosts this service may call: fill in before deploying.${eol}${allowList}: frozenset[str] = frozenset()${eol}${at === 0 ? eol : ''}` });
  }
  all.push(linesBefore(place.lineStart, lines, eol), ...edits);
  return [fileFix(ctx, 'Check the host against ALLOWED_HOSTS before sending', all, { preferred: true })];
}

/** A module-level host allow-list the file already has (`TRUSTED_HOSTS = {...}`, `ALLOWED_DOMAINS = frozenset(...)`). */
function existingAllowList(ctx: RuleContext): string | undefined {
  for (const stmt of named(ctx.tree.rootNode)) {
    const assign = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
    const name = assign?.type === 'assignment' ? assign.childForFieldName('left')?.text : undefined;
    if (name && /^(ALLOWED|TRUSTED|PERMITTED|ALLOWLISTED|WHITELISTED)_(OUTBOUND_)?(HOSTS|DOMAINS|HOSTNAMES)$/.test(name)) return name;
  }
  return undefined;
}

/** `urlparse` needs a str: Pydantic `HttpUrl` fields and attributes are wrapped in `str(...)`. */
function needsStr(ctx: RuleContext, t: FunctionTaint, node: SyntaxNode): boolean {
  if (node.type === 'call') return false;
  if (node.type === 'attribute') return true;
  const param = t.params.find((p) => p.name === node.text);
  if (param?.annotation) return /Url|URL/.test(param.annotation.text);
  const { values } = t.reaching(node);
  return values.some((v) => unparen(v).type === 'attribute');
}

export const rule: Rule = {
  id: 'ssrf',
  title: 'Outgoing request to a URL taken from the request',
  defaultSeverity: 'error',
  // Request functions and clients come from requests, httpx, urllib, urllib3, aiohttp; client attributes are named *http*client/session.
  applies: (source) => /http|requests|urllib/i.test(source),
  visit: { call: check },
};
