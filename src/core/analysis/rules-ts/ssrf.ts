// ssrf (TypeScript/JavaScript): an outgoing HTTP request whose scheme or
// host comes from request input (Express `req.*`, Fastify `request.*`,
// NestJS `@Body()`/`@Query()`/`@Param()` parameters), so a caller can make
// the server fetch internal addresses (cloud metadata, admin ports,
// localhost). Senders: `fetch` (global, node-fetch, undici), axios (the
// function, its verbs, `axios.create()` instances, NestJS `HttpService`),
// got, `http(s).get/request`, undici `request`/`stream`, superagent, ky.
// Only the host matters: a constant or configured base followed by request
// data in the path or query is not flagged. A host allow-list test that
// rejects the request (`ALLOWED_HOSTS.has(new URL(url).hostname)`) ends the
// taint. Request input is followed inside one function only, as for Python.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { tsFileFix } from '../ts/fixes';
import { freshName, indentAt, indentUnit, rejection, statementOf, taintOf, urlState, type FunctionTaint } from '../ts/taint';
import { callArgs, enclosingFunction, named, objectProperty, unwrap, type TsFile } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'fetch'];
/** Functions (qualified) whose first argument is the URL or a config object with `url`. */
const FUNCTIONS = new Set(['fetch', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici.fetch', 'undici.request', 'undici.stream', 'axios', 'got', 'ky', 'superagent', 'needle', 'http.get', 'http.request', 'https.get', 'https.request', 'phin', 'axios.default', 'got.got', 'node-fetch.default']);
const CLIENT_MODULES = /^(axios|got|ky|superagent|undici|needle)$/;
const INSTANCE_ORIGINS = /^(axios\.create|got\.extend|ky\.create|ky\.extend|undici\.Pool|undici\.Client)$/;
const QUICK = /fetch|axios|got|http|request|ky|superagent|needle|undici|\.(get|post|put|patch|delete|head)\s*\(/;

interface Sink {
  readonly call: SyntaxNode;
  readonly name: string;
  /** The URL (or host) expression. */
  readonly url: SyntaxNode;
  /** The value is a host name rather than a URL (`http.request({ host })`). */
  readonly host: boolean;
}

function clientKind(file: TsFile, receiver: SyntaxNode): boolean {
  const qualified = file.qualify(receiver) ?? '';
  if (CLIENT_MODULES.test(qualified) || /^axios\.default$/.test(qualified)) return true;
  const origin = file.origin(receiver) ?? '';
  if (INSTANCE_ORIGINS.test(origin)) return true;
  // NestJS `HttpService` (`this.httpService.get(url)`), injected by type.
  if (/@nestjs\/axios/.test([...file.imports.values()].join(' ')) && /^this\.(httpService|http|httpClient)$/.test(receiver.text)) return true;
  return false;
}

function sinkOf(call: SyntaxNode, ctx: TsRuleContext): Sink | undefined {
  const file = ctx.ts;
  const callee = file.callee(call) ?? '';
  const args = callArgs(call);
  const first = args[0];
  if (!first || first.type === 'spread_element') return undefined;
  let name: string | undefined;
  if (FUNCTIONS.has(callee) && !(callee === 'fetch' && file.bindings(file.tree.rootNode, 'fetch').length > 0)) name = callee;
  else {
    const method = file.methodName(call);
    const receiver = file.receiver(call);
    if (!method || !receiver || !VERBS.includes(method) || !clientKind(file, receiver)) return undefined;
    name = `${receiver.text}.${method}`;
  }
  const f = unwrap(first);
  if (f.type === 'object') {
    // `axios({ url })`, `http.request({ host, path })`, `axios.request({ url, baseURL })`.
    const url = objectProperty(f, 'url') ?? objectProperty(f, 'baseURL') ?? objectProperty(f, 'origin');
    if (url) return { call, name, url, host: false };
    const host = objectProperty(f, 'hostname') ?? objectProperty(f, 'host');
    return host ? { call, name, url: host, host: true } : undefined;
  }
  return { call, name, url: first, host: false };
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  const fnText = call.childForFieldName('function')?.text ?? '';
  if (!QUICK.test(fnText) && !/^this\.\w+\.(get|post|put|patch|delete|head|request)$/.test(fnText) && !/\.(get|post|put|patch|delete|head|request)$/.test(fnText)) return;
  const sink = sinkOf(call, ctx);
  if (!sink) return;
  const fn = enclosingFunction(call);
  if (!fn) return;
  const t = taintOf(ctx.ts, fn);
  const dangerous = sink.host ? t.tainted(sink.url, 'url') : urlState(t, sink.url) === 'full';
  if (!dangerous) return;
  ctx.report({
    node: sink.url,
    message: `The ${sink.host ? 'host' : 'URL'} of this ${sink.name}() request comes from request input, so a caller can make this server reach internal addresses (cloud metadata, localhost, private services); check the host against an allow-list first.`,
    fixes: () => (sink.host ? [] : allowListFix(ctx, t, fn, sink)),
  });
}

// ------------------------------------------------------------------ fix

const LIST_NAMES = ['ALLOWED_HOSTS', 'ALLOWED_OUTBOUND_HOSTS', 'TRUSTED_HOSTS', 'ALLOWED_DOMAINS', 'OUTBOUND_HOSTS'];

/** A module-level allow-list the file already has, and how to test membership. */
function existingList(ctx: TsRuleContext): { name: string; method: 'has' | 'includes' } | undefined {
  for (const name of LIST_NAMES) {
    const values = ctx.ts.bindings(ctx.tree.rootNode, name);
    if (values.length !== 1) continue;
    const v = unwrap(values[0]!);
    return { name, method: v.type === 'new_expression' && /^Set$/.test(ctx.ts.callee(v) ?? '') ? 'has' : 'includes' };
  }
  return undefined;
}

/** After the imports and requires at the top of the file. */
function afterImports(ctx: TsRuleContext): number {
  let at = 0;
  for (const n of named(ctx.tree.rootNode)) {
    if (n.type === 'import_statement' || ((n.type === 'lexical_declaration' || n.type === 'variable_declaration') && /=\s*require\s*\(/.test(n.text)) || (n.type === 'expression_statement' && /^['"]use strict['"]/.test(n.text))) {
      const lineEnd = ctx.source.indexOf('\n', n.endIndex);
      at = lineEnd < 0 ? ctx.source.length : lineEnd + 1;
    } else if (n.type !== 'comment') break;
  }
  return at;
}

function allowListFix(ctx: TsRuleContext, t: FunctionTaint, fn: SyntaxNode, sink: Sink): Fix[] {
  const stmt = statementOf(sink.call);
  if (!stmt) return [];
  const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentAt(ctx.source, stmt.startIndex);
  const unit = indentUnit(ctx.source);
  const edits: TextEdit[] = [];
  const url = unwrap(sink.url);
  let subject = url.text;
  if (url.type !== 'identifier' && !(url.type === 'member_expression' && /^[\w.$]+$/.test(url.text))) {
    // Name a built URL once so the check and the request see the same value.
    if (url.text.includes('\n')) return [];
    subject = freshName(ctx.source, 'targetUrl');
    edits.push({ start: stmt.startIndex, end: stmt.startIndex, text: `const ${subject} = ${sink.url.text};${eol}${indent}` });
    edits.push({ start: sink.url.startIndex, end: sink.url.endIndex, text: subject });
  }
  const existing = existingList(ctx);
  const list = existing?.name ?? 'ALLOWED_HOSTS';
  const method = existing?.method ?? 'has';
  const reject = rejection(ctx.ts, fn, 'URL host is not allowed');
  edits.push({ start: stmt.startIndex, end: stmt.startIndex, text: `if (!${list}.${method}(new URL(${subject}).hostname)) {${eol}${indent}${unit}${reject.text}${eol}${indent}}${eol}${indent}` });
  if (!existing) {
    const at = afterImports(ctx);
    const typed = /\.(ts|tsx|mts|cts)$/.test(ctx.path) ? '<string>' : '';
    const lead = at > 0 ? eol : '';
    edits.push({ start: at, end: at, text: `${lead}// Hosts this service may call: fill in before deploying.${eol}const ${list} = new Set${typed}([]);${eol}${at > 0 ? '' : eol}` });
  }
  void t;
  return [tsFileFix(ctx, 'Check the URL host against an allow-list before sending', edits, { preferred: true, imports: reject.imports })];
}

export const rule: TsRule = {
  id: 'ssrf',
  title: 'Outgoing request to a URL taken from the request',
  defaultSeverity: 'error',
  applies: (source) => /fetch|axios|got|https?\b|undici|superagent|\bky\b|needle|HttpService/.test(source),
  visit: { call_expression: check },
};
