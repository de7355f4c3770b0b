// path-param-mismatch (TypeScript/JavaScript): a handler reads a path
// parameter its route does not declare (`req.params.userId` under
// `/:id`, `const { slug } = req.params`, Fastify `request.params.x`, NestJS
// `@Param('x')` with no `:x` in the controller and method paths). The value
// is always undefined: the handler then looks up `undefined`, or worse,
// updates every row. Path parameters the handler never reads are fine in
// Express (it is not FastAPI: nothing is passed by name). Routers created
// with `mergeParams: true` see their mount's parameters and are skipped.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { replaceNode } from '../fixes';
import { tsFileFix } from '../ts/fixes';
import type { TsRoute } from '../ts/routes';
import { callArgs, isFunction, literalString, named, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

/** Parameter names of an Express/Fastify/NestJS path: `:id`, `:id?`, `:id(\\d+)`, `{/:id}`, Express 5 `*splat`, Fastify `*`. */
export function pathParamNames(path: string): Set<string> {
  const out = new Set<string>();
  for (const m of path.matchAll(/[:*]([A-Za-z_$][\w$]*)/g)) out.add(m[1]!);
  if (/(^|\/)\*($|\/)/.test(path)) out.add('*');
  return out;
}

interface Read {
  readonly name: string;
  /** What to rename: the property, the string key, the shorthand pattern… */
  readonly node: SyntaxNode;
  readonly kind: 'property' | 'subscript' | 'string' | 'shorthand' | 'key' | 'assignment' | 'decorator';
}

/** `req.params` (through parentheses and `as`)? */
function isParamsOf(node: SyntaxNode | null | undefined, req: string): boolean {
  if (!node) return false;
  const n = unwrap(node);
  if (n.type !== 'member_expression' || n.childForFieldName('property')?.text !== 'params') return false;
  const obj = n.childForFieldName('object');
  return !!obj && unwrap(obj).type === 'identifier' && unwrap(obj).text === req;
}

/** Reads of `req.params.x` / `req.params['x']` / `const { x } = req.params` in a function. */
function readsIn(fn: SyntaxNode, req: string): Read[] {
  const out: Read[] = [];
  const body = fn.childForFieldName('body');
  if (!body || !body.text.includes('params')) return out;
  for (const node of body.descendantsOfType(['member_expression', 'subscript_expression', 'variable_declarator'])) {
    if (!node) continue;
    if (node.type === 'member_expression') {
      const obj = node.childForFieldName('object');
      const prop = node.childForFieldName('property');
      if (prop && isParamsOf(obj, req) && prop.type === 'property_identifier') out.push({ name: prop.text, node: prop, kind: 'property' });
    } else if (node.type === 'subscript_expression') {
      const obj = node.childForFieldName('object');
      const index = node.childForFieldName('index');
      const key = index ? literalString(index) : undefined;
      if (index && key !== undefined && isParamsOf(obj, req)) {
        // `req.params['order_id']` becomes `req.params.orderId` when the new name is an identifier.
        const plain = obj && !node.text.slice(obj.endIndex - node.startIndex).startsWith('?.');
        out.push({ name: key, node: plain ? node : unwrap(index), kind: plain ? 'subscript' : 'string' });
      }
    } else {
      const pattern = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (pattern?.type !== 'object_pattern' || !isParamsOf(value, req)) continue;
      for (const p of named(pattern)) {
        if (p.type === 'shorthand_property_identifier_pattern') out.push({ name: p.text, node: p, kind: 'shorthand' });
        else if (p.type === 'pair_pattern') {
          const key = p.childForFieldName('key');
          const name = key ? (key.type === 'property_identifier' ? key.text : literalString(key)) : undefined;
          if (key && name !== undefined) out.push({ name, node: key, kind: key.type === 'property_identifier' ? 'key' : 'string' });
        } else if (p.type === 'object_assignment_pattern') {
          const left = p.childForFieldName('left') ?? named(p)[0];
          if (left?.type === 'shorthand_property_identifier_pattern') out.push({ name: left.text, node: left, kind: 'assignment' });
        }
      }
    }
  }
  return out;
}

/** A router made with `Router({ mergeParams: true })` also sees its mount's parameters. */
function mergesParams(ctx: TsRuleContext, owner: string): boolean {
  const windows = mergeWindows(ctx);
  const known = windows.owners.get(owner);
  if (known !== undefined) return known;
  const escaped = owner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const merge = new RegExp(`\\b${escaped}\\s*(?::[^=]+)?=\\s*[^;]*mergeParams\\s*:\\s*true`);
  // `Router(options)`: options we cannot see may merge the mount's parameters.
  const opaque = new RegExp(`\\b${escaped}\\s*(?::[^=]+)?=\\s*(?:express\\.)?Router\\s*\\(\\s*[A-Za-z_$][\\w$.]*\\s*\\)`);
  // A window without the owner's text cannot match (a cheap test before the regex: owners x windows grows with the file).
  const result = windows.merge.some((w) => w.includes(owner) && merge.test(w)) || windows.opaque.some((w) => w.includes(owner) && opaque.test(w));
  windows.owners.set(owner, result);
  return result;
}

interface MergeWindows {
  /** Source slices that hold every possible match of the `mergeParams: true` pattern. */
  readonly merge: readonly string[];
  /** Source slices that hold every possible match of the `= Router(options)` pattern. */
  readonly opaque: readonly string[];
  readonly owners: Map<string, boolean>;
}

const mergeWindowsOf = new WeakMap<object, MergeWindows>();

/**
 * Once per file: the few slices of the source the two per-owner patterns can
 * match in, so each route's owner is tested against those instead of the whole
 * file (one whole-file regex per route was quadratic). A match of
 * `owner …= …mergeParams: true` ends at a `mergeParams: true`, its `=` comes
 * after the last `;` before it (`[^;]*`), and its owner after the `=` before
 * that (`[^=]+`): the window starts at that `=` (a non-word character, so
 * `\b` behaves as in the whole source). The same holds for `= Router(x)`,
 * whose `=` is the last one before the call.
 */
function mergeWindows(ctx: TsRuleContext): MergeWindows {
  const cached = mergeWindowsOf.get(ctx.ts);
  if (cached) return cached;
  const source = ctx.source;
  const merge: string[] = [];
  const opaque: string[] = [];
  if (source.includes('mergeParams')) {
    for (const m of source.matchAll(/mergeParams\s*:\s*true/g)) {
      const semi = source.lastIndexOf(';', m.index);
      const from = semi < 0 ? 0 : Math.max(0, source.lastIndexOf('=', semi));
      merge.push(source.slice(from, m.index + m[0].length));
    }
  }
  for (const m of source.matchAll(/Router\s*\(\s*[A-Za-z_$][\w$.]*\s*\)/g)) {
    const eq = source.lastIndexOf('=', m.index);
    if (eq < 0) continue;
    opaque.push(source.slice(Math.max(0, source.lastIndexOf('=', eq - 1)), m.index + m[0].length));
  }
  const windows = { merge, opaque, owners: new Map<string, boolean>() };
  mergeWindowsOf.set(ctx.ts, windows);
  return windows;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/** The one path parameter a wrong name most likely meant: the only one left unread, else the only close one. */
function candidate(name: string, declared: ReadonlySet<string>, read: ReadonlySet<string>): string | undefined {
  const names = [...declared].filter((p) => p !== '*');
  const unread = names.filter((p) => !read.has(p));
  if (unread.length === 1) return unread[0];
  const lower = name.toLowerCase();
  const close = (unread.length > 0 ? unread : names).filter((p) => {
    const l = p.toLowerCase();
    return l.includes(lower) || lower.includes(l) || levenshtein(l, lower) <= 2;
  });
  return close.length === 1 ? close[0] : undefined;
}

function renameEdit(read: Read, to: string): TextEdit {
  const ident = /^[A-Za-z_$][\w$]*$/.test(to);
  switch (read.kind) {
    case 'property':
      return ident ? replaceNode(read.node, to) : { start: read.node.startIndex - 1, end: read.node.endIndex, text: `[${JSON.stringify(to)}]` };
    case 'subscript': {
      const obj = read.node.childForFieldName('object')!;
      const index = unwrap(read.node.childForFieldName('index')!);
      return ident ? { start: obj.endIndex, end: read.node.endIndex, text: `.${to}` } : replaceNode(index, JSON.stringify(to).replace(/^"|"$/g, "'"));
    }
    case 'string':
    case 'decorator': {
      const quote = read.node.text[0] === '"' ? '"' : read.node.text[0] === '`' ? '`' : "'";
      return replaceNode(read.node, `${quote}${to}${quote}`);
    }
    case 'key':
      return replaceNode(read.node, ident ? to : `'${to}'`);
    case 'shorthand':
    case 'assignment':
      // `{ id }` keeps its local name: `{ userId: id }`.
      return { start: read.node.startIndex, end: read.node.startIndex, text: `${ident ? to : `'${to}'`}: ` };
  }
}

function checkRoute(ctx: TsRuleContext, route: TsRoute): void {
  if (route.path === undefined) return;
  const declared = pathParamNames(route.path);
  let reads: Read[] = [];
  if (route.framework === 'nest') {
    for (const p of route.params) {
      if (p.decorator !== 'Param' || p.decoratorArg === undefined) continue;
      const deco = named(p.node).find((c) => c.type === 'decorator');
      const call = deco ? named(deco)[0] : undefined;
      const arg = call?.type === 'call_expression' ? callArgs(call)[0] : undefined;
      if (arg) reads.push({ name: p.decoratorArg, node: unwrap(arg), kind: 'decorator' });
    }
  } else {
    if (mergesParams(ctx, route.owner)) return;
    const fns = [route.handler, ...route.middlewares.map(unwrap).filter((m) => isFunction(m))].filter((f): f is SyntaxNode => !!f);
    for (const fn of fns) {
      const first = ctx.ts.paramNames(fn)[0];
      const firstNode = named(fn.childForFieldName('parameters'))[0] ?? fn.childForFieldName('parameter');
      // `({ params }, res)` and the like: not followed.
      if (!first || !firstNode || /^[{[]/.test(firstNode.text)) continue;
      reads = reads.concat(readsIn(fn, first));
    }
  }
  const readNames = new Set(reads.map((r) => r.name));
  const reported = new Set<string>();
  for (const read of reads) {
    if (declared.has(read.name) || reported.has(read.name)) continue;
    reported.add(read.name);
    const to = candidate(read.name, declared, readNames);
    const where = JSON.stringify(route.path);
    const what = route.framework === 'nest' ? `@Param('${read.name}')` : read.kind === 'property' || read.kind === 'string' || read.kind === 'subscript' ? `params.${read.name}` : `params { ${read.name} }`;
    const same = reads.filter((r) => r.name === read.name);
    ctx.report({
      node: read.node,
      message: `${what} is read but the path ${where} has no :${read.name}, so it is always undefined.${to ? ` Did you mean :${to}?` : ' Add the parameter to the path or fix the name.'}`,
      fixes: (): Fix[] => (to ? [tsFileFix(ctx, `Read :${to} instead`, same.map((r) => renameEdit(r, to)), { preferred: true })] : []),
    });
  }
}

function check(ctx: TsRuleContext): void {
  for (const route of ctx.ts.routes) checkRoute(ctx, route);
}

export const rule: TsRule = {
  id: 'path-param-mismatch',
  title: 'Path template and handler parameters disagree',
  defaultSeverity: 'error',
  applies: (source) => /\.params\b|@Param\s*\(/.test(source),
  finish: check,
};
