// path-traversal (TypeScript/JavaScript): a filesystem path built from
// request input (Express `req.params/query/body/headers`, multer
// `req.file.originalname`, Fastify `request.*`, NestJS `@Param()`/`@Query()`/
// `@Body()` parameters) reaching a file operation (`fs`, `fs/promises`,
// `fs-extra`: read/write/append/createReadStream/unlink/rm/readdir/mkdir/
// copy/rename…) or Express `res.sendFile`/`res.download` without a `root`
// option. `path.basename`, numbers, a normalised containment check
// (`path.resolve` + `startsWith(root)`) that rejects the request and a
// name-only regex end the taint. Request input is followed inside one
// function only, as for Python. Two more inputs count: the names of archive
// entries (unzipper, adm-zip, tar…: a `../` entry writes outside the target,
// "zip slip"), and `res.render(view, { ...req.body })`, where the client
// picks the `layout` template file the view engine reads from disk.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { tsFileFix, type TsFixImport } from '../ts/fixes';
import { freshName, indentAt, indentUnit, rejection, statementOf, taintOf, type FunctionTaint } from '../ts/taint';
import { callArgs, enclosingFunction, objectProperty, unwrap, type TsFile } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

/** File functions and which arguments are paths. */
const FS_FUNCTIONS: Record<string, number[]> = {};
for (const name of ['readFile', 'writeFile', 'appendFile', 'unlink', 'rm', 'rmdir', 'readdir', 'mkdir', 'open', 'truncate', 'chmod', 'chown', 'utimes', 'lchown', 'readlink']) {
  FS_FUNCTIONS[name] = [0];
  FS_FUNCTIONS[`${name}Sync`] = [0];
}
for (const name of ['createReadStream', 'createWriteStream', 'opendir', 'opendirSync', 'readJson', 'readJSON', 'readJsonSync', 'writeJson', 'writeJSON', 'writeJsonSync', 'outputFile', 'outputFileSync', 'outputJson', 'outputJSON', 'remove', 'removeSync', 'emptyDir', 'emptydir', 'ensureDir', 'ensureFile', 'mkdirp', 'mkdirs']) FS_FUNCTIONS[name] = [0];
for (const name of ['copyFile', 'rename', 'cp', 'symlink', 'link']) {
  FS_FUNCTIONS[name] = [0, 1];
  FS_FUNCTIONS[`${name}Sync`] = [0, 1];
}
for (const name of ['copy', 'copySync', 'move', 'moveSync']) FS_FUNCTIONS[name] = [0, 1];
/**
 * Calls that open one file at the path (send, read, write it). A value
 * checked to hold no `/` is one path component there: `..` alone names the
 * parent directory, which these refuse to open. Directory operations (rm,
 * readdir, mkdir, copy, rename…) act on `..` itself, so they need more.
 */
const OPENS_FILE = /^(res\.(sendFile|download)|[\w.-]+\.(readFile|readFileSync|writeFile|writeFileSync|appendFile|appendFileSync|createReadStream|createWriteStream|open|openSync|readJson|readJSON|readJsonSync|writeJson|writeJSON|writeJsonSync|outputFile|outputFileSync|outputJson|outputJSON))$/;
const FS_MODULE = /^(fs|fs\/promises|fs\.promises|fs-extra|fs-extra\/esm|graceful-fs|node:fs)$/;
const RESPONSE = /^(res|response|resp)$/;

interface Sink {
  readonly call: SyntaxNode;
  readonly name: string;
  readonly arg: SyntaxNode;
  readonly send: boolean;
}

function sinksOf(call: SyntaxNode, ctx: TsRuleContext): Sink[] {
  const file = ctx.ts;
  const method = file.methodName(call);
  if (!method) return [];
  const args = callArgs(call);
  if ((method === 'sendFile' || method === 'download') && args[0]) {
    const receiver = file.receiver(call);
    if (!receiver || !(RESPONSE.test(receiver.text) || /Response\b/.test(typeOf(file, call, receiver.text)))) return [];
    // `{ root }` makes Express refuse paths that leave the root.
    const options = args.slice(1).map(unwrap).find((a) => a.type === 'object');
    if (options && objectProperty(options, 'root')) return [];
    return [{ call, name: `res.${method}`, arg: args[0], send: true }];
  }
  const positions = FS_FUNCTIONS[method];
  if (!positions) return [];
  const callee = file.callee(call) ?? '';
  const module = callee.slice(0, callee.length - method.length - 1);
  if (!FS_MODULE.test(module)) return [];
  const name = `${module.replace(/^node:/, '')}.${method}`.replace(/^fs\/promises\./, 'fs.').replace(/^fs\.promises\./, 'fs.');
  return positions.map((i) => args[i]).filter((a): a is SyntaxNode => !!a && a.type !== 'spread_element').map((arg) => ({ call, name, arg, send: false }));
}

/** The declared type of a parameter named `name` of the function around `at` (for `reply: Response`). */
function typeOf(file: TsFile, at: SyntaxNode, name: string): string {
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p && (p.childForFieldName('pattern') ?? p).text === name) return p.childForFieldName('type')?.text ?? '';
    }
  }
  return '';
}

const ARCHIVE_MODULES = /(^|\s)(unzipper|adm-zip|yauzl|tar|tar-stream|tar-fs|jszip|decompress|node-stream-zip|extract-zip|unzip-stream)(\.|\s|$)/;
const ENTRY_NAME = /^(path|fileName|entryName|name|relativePath)$/;
const ENTRY_CALLBACK = /^(on|once|forEach|map|entry)$/;

/** Is `id` an archive entry: a `for (const e of zip.files)` variable or the parameter of an `.on('entry', e => …)` callback? */
function isEntry(id: SyntaxNode, ctx: TsRuleContext): boolean {
  for (let n = id.parent; n; n = n.parent) {
    if (n.type === 'for_in_statement' && n.childForFieldName('left')?.text.split(/\s+/).pop() === id.text) return true;
    if (n.type === 'arrow_function' || n.type === 'function_expression') {
      const params = [n.childForFieldName('parameter'), ...(n.childForFieldName('parameters')?.namedChildren ?? [])].filter((p): p is SyntaxNode => !!p);
      if (!params.some((p) => (p.childForFieldName('pattern') ?? p).text === id.text)) continue;
      const call = n.parent?.parent;
      return call?.type === 'call_expression' && ENTRY_CALLBACK.test(ctx.ts.methodName(call) ?? '');
    }
  }
  return false;
}

/** The archive entry name a path expression is built from (`'out/' + entry.path`), unless `path.basename` strips it. */
function archiveEntryName(node: SyntaxNode, ctx: TsRuleContext, depth = 0): SyntaxNode | undefined {
  const n = unwrap(node);
  if (depth > 4) return undefined;
  switch (n.type) {
    case 'member_expression': {
      const obj = n.childForFieldName('object');
      return obj?.type === 'identifier' && ENTRY_NAME.test(n.childForFieldName('property')?.text ?? '') && isEntry(obj, ctx) ? n : undefined;
    }
    case 'identifier': {
      const v = ctx.ts.singleBinding(n);
      return v ? archiveEntryName(v, ctx, depth + 1) : undefined;
    }
    case 'binary_expression':
      return [n.childForFieldName('left'), n.childForFieldName('right')].map((c) => (c ? archiveEntryName(c, ctx, depth + 1) : undefined)).find(Boolean);
    case 'template_string':
      return n.namedChildren.filter((c): c is SyntaxNode => c?.type === 'template_substitution').map((c) => (c.namedChildren[0] ? archiveEntryName(c.namedChildren[0], ctx, depth + 1) : undefined)).find(Boolean);
    case 'call_expression': {
      const callee = ctx.ts.callee(n) ?? '';
      if (!/^(node:)?path\.(join|resolve|normalize)$/.test(callee)) return undefined;
      return callArgs(n).map((a) => archiveEntryName(a, ctx, depth + 1)).find(Boolean);
    }
    default:
      return undefined;
  }
}

/** `req.body`, `req.query` (or a name bound to one): an object whose keys the client chooses. An object literal built here has fixed keys. */
function wholeRequestObject(node: SyntaxNode | null | undefined, ctx: TsRuleContext, depth = 0): boolean {
  if (!node || depth > 3) return false;
  const n = unwrap(node);
  if (n.type === 'member_expression') return /^(req|request|ctx\.request)\.(body|query|params|cookies)$/.test(n.text);
  if (n.type === 'identifier') {
    const v = ctx.ts.singleBinding(n);
    return !!v && wholeRequestObject(v, ctx, depth + 1);
  }
  return false;
}

/**
 * Is `source.layout` known falsy where `call` runs: the else branch of
 * `if (source.layout)`, the body of `if (!source.layout)`, or after
 * `if (source.layout) return …`? A falsy layout (absent, '', 0) names no file.
 */
function layoutFalsy(call: SyntaxNode, source: SyntaxNode): boolean {
  const field = `${unwrap(source).text.replace(/\s+/g, '')}.layout`;
  const test = (cond: SyntaxNode | null): 'truthy' | 'falsy' | undefined => {
    const c = cond ? unwrap(cond) : undefined;
    if (!c) return undefined;
    if (c.text.replace(/\s+/g, '') === field) return 'truthy';
    if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!' && unwrap(c.childForFieldName('argument')!).text.replace(/\s+/g, '') === field) return 'falsy';
    return undefined;
  };
  for (let n: SyntaxNode | null = call; n?.parent; n = n.parent) {
    const p: SyntaxNode = n.parent;
    if (p.type === 'function_declaration' || p.type === 'arrow_function' || p.type === 'function_expression' || p.type === 'method_definition') break;
    if (p.type === 'else_clause' && p.parent?.type === 'if_statement' && test(p.parent.childForFieldName('condition')) === 'truthy') return true;
    if (p.type === 'if_statement' && p.childForFieldName('consequence')?.id === n.id && test(p.childForFieldName('condition')) === 'falsy') return true;
    if (p.type === 'statement_block' || p.type === 'program') {
      // An earlier `if (source.layout) return …` (or throw) in the same block.
      for (let s = n.previousNamedSibling; s; s = s.previousNamedSibling) {
        const then = s.type === 'if_statement' && !s.childForFieldName('alternative') ? s.childForFieldName('consequence') : null;
        if (then && test(s.childForFieldName('condition')) === 'truthy' && leaves(then)) return true;
      }
    }
  }
  return false;
}

function leaves(stmt: SyntaxNode): boolean {
  const last = stmt.type === 'statement_block' ? stmt.namedChildren.filter((c) => c && c.type !== 'comment').at(-1) : stmt;
  return !!last && (last.type === 'return_statement' || last.type === 'throw_statement');
}

/** `res.render(view, { ...req.body })` / `{ layout: req.query.layout }`: the client names the layout template read from disk. */
function checkRender(call: SyntaxNode, ctx: TsRuleContext, t: FunctionTaint): void {
  if (ctx.ts.methodName(call) !== 'render') return;
  const receiver = ctx.ts.receiver(call);
  if (!receiver || !RESPONSE.test(receiver.text)) return;
  const [view, locals] = callArgs(call);
  if (view && t.tainted(view, 'path')) {
    ctx.report({ node: view, message: 'The view given to res.render() comes from request input, so a caller can make the view engine read any template file the server can (`../../etc/passwd`); pick the view from a fixed list.' });
    return;
  }
  const obj = locals && unwrap(locals);
  if (obj?.type !== 'object') return;
  for (const p of obj.namedChildren) {
    if (!p) continue;
    const spread = p.type === 'spread_element' && wholeRequestObject(p.namedChildren[0], ctx) && !layoutFalsy(call, p.namedChildren[0]!);
    const layout = p.type === 'pair' && /^['"]?(layout|settings|filename|root|views)['"]?$/.test(p.childForFieldName('key')?.text ?? '') && t.tainted(p.childForFieldName('value')!, 'path');
    if (!spread && !layout) continue;
    ctx.report({
      node: p,
      message: `${spread ? 'Spreading request input into the res.render() locals lets a client set `layout`' : 'The `layout` of this res.render() comes from request input'}: the view engine then reads the template file the caller names (\`../../etc/passwd\`); pass only the fields the view needs.`,
    });
  }
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  const sinks = sinksOf(call, ctx);
  const fn = enclosingFunction(call);
  if (!fn) return;
  const t = taintOf(ctx.ts, fn);
  checkRender(call, ctx, t);
  if (sinks.length === 0) return;
  const archives = ARCHIVE_MODULES.test([...ctx.ts.imports.values()].join(' '));
  for (const sink of sinks) {
    const entry = archives ? archiveEntryName(sink.arg, ctx) : undefined;
    if (entry) {
      ctx.report({
        node: sink.arg,
        message: `The path given to ${sink.name}() is built from the archive entry name \`${entry.text}\`, which the archive's author chooses: an entry named \`../../app/server.js\` is written outside the target folder (zip slip); resolve it under the target and skip entries that leave it.`,
      });
      continue;
    }
    if (!t.tainted(sink.arg, OPENS_FILE.test(sink.name) ? 'file' : 'path')) continue;
    ctx.report({
      node: sink.arg,
      message: `The path given to ${sink.name}() comes from request input, so a caller can reach any file the server can (\`../../etc/passwd\`, an absolute path); keep only the file name (path.basename) or resolve it under its base directory and reject it when it leaves.`,
      fixes: () => fixes(ctx, t, fn, sink),
    });
  }
}

// ------------------------------------------------------------------ fixes

/** How to call `path.<member>` here: the module's local name, a named import (added to the file's `path` import), or a new import. */
interface PathApi {
  fn(member: string): string;
  readonly imports: TsFixImport[];
}

function pathApi(ctx: TsRuleContext): PathApi | undefined {
  const entries = [...ctx.ts.imports];
  const whole = entries.find(([, full]) => full === 'path');
  if (whole) return { fn: (m) => `${whole[0]}.${m}`, imports: [] };
  const used = new Set(ctx.tree.rootNode.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']).map((n) => n?.text));
  const spec = /['"]node:/.test(ctx.source) ? 'node:path' : 'path';
  if (entries.some(([, full]) => /^path\.\w+$/.test(full))) {
    // Named imports from `path` already: add the ones needed to them.
    const module = /['"]node:path['"]/.test(ctx.source) ? 'node:path' : 'path';
    const imports: TsFixImport[] = [];
    const api: PathApi = {
      imports,
      fn: (m) => {
        const local = entries.find(([, full]) => full === `path.${m}`)?.[0];
        if (local) return local;
        if (!imports.some((i) => i.name === m)) imports.push({ module, name: m });
        return m;
      },
    };
    return ['basename', 'resolve', 'sep'].some((m) => used.has(m) && !entries.some(([l, full]) => l === m && full === `path.${m}`)) ? undefined : api;
  }
  // `path` names something else here.
  if (used.has('path')) return undefined;
  const commonJs = !/^\s*import\s/m.test(ctx.source) && /\brequire\s*\(/.test(ctx.source);
  return { fn: (m) => `path.${m}`, imports: [commonJs ? { module: spec, local: 'path' } : { module: spec, local: 'path', namespace: true }] };
}

/** Where the request-derived part is: `path.join(BASE, x)` / `` `${BASE}/${x}` `` (in the call, or the one value of a variable). */
function joined(ctx: TsRuleContext, t: FunctionTaint, arg: SyntaxNode): { expr: SyntaxNode; base: SyntaxNode | undefined; leaf: SyntaxNode; viaName: boolean } | undefined {
  let e = unwrap(arg);
  let viaName = false;
  if (e.type === 'identifier') {
    const { values, orParam } = t.reaching(e);
    if (values.length !== 1 || orParam || values[0]!.parent?.type !== 'variable_declarator' || values[0]!.parent.childForFieldName('name')?.type !== 'identifier') return undefined;
    e = unwrap(values[0]!);
    viaName = true;
  }
  if (e.type === 'call_expression' && /^path\.(join|resolve)$/.test(ctx.ts.callee(e) ?? '')) {
    const args = callArgs(e);
    const tainted = args.filter((a) => t.tainted(a, 'path'));
    if (args.length < 2 || tainted.length !== 1 || t.tainted(args[0]!, 'path') || tainted[0] !== args.find((a) => a.id === tainted[0]!.id)) return undefined;
    const leaf = tainted[0]!;
    return { expr: e, base: args[0], leaf, viaName };
  }
  if (e.type === 'template_string') {
    const subs = e.namedChildren.filter((c): c is SyntaxNode => c?.type === 'template_substitution');
    const tainted = subs.filter((s) => t.tainted(s, 'path'));
    if (tainted.length !== 1) return undefined;
    const inner = tainted[0]!.namedChildren.find((c) => c && c.type !== 'comment');
    const before = ctx.source.slice(e.startIndex, tainted[0]!.startIndex);
    if (!inner || !/\/$/.test(before)) return undefined;
    return { expr: e, base: undefined, leaf: inner, viaName };
  }
  return undefined;
}

function fixes(ctx: TsRuleContext, t: FunctionTaint, fn: SyntaxNode, sink: Sink): Fix[] {
  const out: Fix[] = [];
  const p = pathApi(ctx);
  if (!p) return out;
  const j = joined(ctx, t, sink.arg);
  if (!j) return out;
  const leafText = unwrap(j.leaf).text;
  // 1. Keep only the file name.
  out.push(tsFileFix(ctx, 'Keep only the file name (path.basename)', [{ start: j.leaf.startIndex, end: j.leaf.endIndex, text: `${p.fn('basename')}(${leafText})` }], { imports: p.imports, preferred: true }));
  // 2. Express: serve from a root (send refuses paths that leave it).
  if (sink.send && j.base && !j.viaName && callArgs(sink.call).length === 1 && callArgs(j.expr).length === 2) {
    out.push(tsFileFix(ctx, `Serve the file from a root directory (${sink.name}(name, { root }))`, [{ start: sink.arg.startIndex, end: sink.arg.endIndex, text: `${leafText}, { root: ${j.base.text} }` }]));
  }
  // 3. Resolve under the base directory and reject what leaves it.
  const stmt = statementOf(sink.call);
  if (j.base && stmt && !t.tainted(j.base, 'path')) {
    const indent = indentAt(ctx.source, stmt.startIndex);
    const unit = indentUnit(ctx.source);
    const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
    const reject = rejection(ctx.ts, fn, 'Invalid file path');
    const q = pathApi(ctx)!;
    const edits: TextEdit[] = [];
    let subject: string;
    if (j.viaName) {
      subject = `${q.fn('resolve')}(${unwrap(sink.arg).text})`;
    } else {
      const name = freshName(ctx.source, 'filePath');
      const args = callArgs(j.expr).map((a) => a.text).join(', ');
      edits.push({ start: stmt.startIndex, end: stmt.startIndex, text: `const ${name} = ${q.fn('resolve')}(${args});${eol}${indent}` });
      edits.push({ start: sink.arg.startIndex, end: sink.arg.endIndex, text: name });
      subject = name;
    }
    const check = `if (!${subject}.startsWith(${q.fn('resolve')}(${j.base.text}) + ${q.fn('sep')})) {${eol}${indent}${unit}${reject.text}${eol}${indent}}${eol}${indent}`;
    edits.push({ start: stmt.startIndex, end: stmt.startIndex, text: check });
    out.push(tsFileFix(ctx, 'Resolve the path under its base directory and reject it when it leaves', edits, { imports: [...q.imports, ...reject.imports] }));
  }
  return out;
}

export const rule: TsRule = {
  id: 'path-traversal',
  title: 'Filesystem path built from request input',
  defaultSeverity: 'error',
  applies: (source) => /\bfs\b|fs\/promises|fs-extra|graceful-fs|sendFile|download|\.render\s*\(/.test(source),
  visit: { call_expression: check },
};
