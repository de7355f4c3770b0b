// path-traversal: a filesystem path built from request input (a handler's
// path/query/body parameter, `UploadFile.filename`, Flask `request.args`…)
// reaching a file operation, so `../../etc/passwd` or an absolute path reads,
// overwrites or deletes files outside the intended directory. Base names,
// `secure_filename`, `Path(x).name`, int/UUID/enum parameters, settings and
// database values are not request input; a normalised containment check
// (`resolve()` + `is_relative_to`, `realpath` + `commonpath`) that rejects
// the request ends the taint for the value it checked.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { fileFix, importEdits, replaceNode, type FixImport } from '../fixes';
import { eolOf, freshName, indentUnit, linesBefore, rejection, statementOf } from '../python/guards';
import { enclosingFunction, keywordArg, named, positionalArgs, unparen } from '../python/pyfile';
import { taintOf, type FunctionTaint } from '../python/taint';
import type { Fix, Rule, RuleContext } from '../types';

/** Functions taking a path, and which arguments are paths (positions, keyword names). */
const SINKS: Record<string, { positions: number[]; keywords: string[] }> = {
  open: { positions: [0], keywords: ['file'] },
  'io.open': { positions: [0], keywords: ['file'] },
  'codecs.open': { positions: [0], keywords: ['filename'] },
  'aiofiles.open': { positions: [0], keywords: ['file'] },
  'anyio.open_file': { positions: [0], keywords: ['file'] },
  'fastapi.responses.FileResponse': { positions: [0], keywords: ['path'] },
  'starlette.responses.FileResponse': { positions: [0], keywords: ['path'] },
  'flask.send_file': { positions: [0], keywords: ['path_or_file'] },
  'os.remove': { positions: [0], keywords: ['path'] },
  'os.unlink': { positions: [0], keywords: ['path'] },
  'os.rmdir': { positions: [0], keywords: ['path'] },
  'os.removedirs': { positions: [0], keywords: ['name'] },
  'os.listdir': { positions: [0], keywords: ['path'] },
  'os.scandir': { positions: [0], keywords: ['path'] },
  'os.makedirs': { positions: [0], keywords: ['name'] },
  'os.rename': { positions: [0, 1], keywords: ['src', 'dst'] },
  'os.replace': { positions: [0, 1], keywords: ['src', 'dst'] },
  'aiofiles.os.remove': { positions: [0], keywords: ['path'] },
  'shutil.rmtree': { positions: [0], keywords: ['path'] },
  'shutil.copy': { positions: [0, 1], keywords: ['src', 'dst'] },
  'shutil.copy2': { positions: [0, 1], keywords: ['src', 'dst'] },
  'shutil.copyfile': { positions: [0, 1], keywords: ['src', 'dst'] },
  'shutil.copytree': { positions: [0, 1], keywords: ['src', 'dst'] },
  'shutil.move': { positions: [0, 1], keywords: ['src', 'dst'] },
};
/** `Path` methods that touch the file the receiver names. */
const PATH_METHODS = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'mkdir', 'open', 'iterdir']);
const NAMES = new Set([...Object.keys(SINKS).map((k) => k.slice(k.lastIndexOf('.') + 1)), ...PATH_METHODS, 'save']);

/** A sink is called by one of NAMES, so one of them appears as a word. */
const MAY_SINK = new RegExp(`\\b(?:${[...NAMES].join('|')})\\b`);

function check(call: SyntaxNode, ctx: RuleContext): void {
  const fnNode = ctx.py.fnOf(call);
  const name = fnNode?.type === 'attribute' ? fnNode.childForFieldName('attribute')?.text : fnNode?.type === 'identifier' ? fnNode.text : undefined;
  if (!name || !NAMES.has(name)) return;
  const fn = enclosingFunction(call);
  if (!fn) return;
  const callee = ctx.py.callee(call);
  const sink = callee ? SINKS[callee] : undefined;
  const paths: SyntaxNode[] = [];
  let label = callee ?? name;
  if (sink) {
    const args = positionalArgs(call);
    for (const p of sink.positions) if (args[p]) paths.push(args[p]!);
    for (const k of sink.keywords) {
      const v = keywordArg(call, k);
      if (v) paths.push(v);
    }
  } else if (name === 'save' && fnNode?.type === 'attribute') {
    // werkzeug `FileStorage.save(dst)` on an uploaded file.
    const receiver = fnNode.childForFieldName('object');
    const dst = positionalArgs(call)[0] ?? keywordArg(call, 'dst');
    if (!receiver || !dst || !taintOf(ctx.py, fn).tainted(receiver, 'path')) return;
    paths.push(dst);
    label = '.save()';
  } else if (PATH_METHODS.has(name) && fnNode?.type === 'attribute') {
    const receiver = fnNode.childForFieldName('object');
    if (!receiver) return;
    // `open`/`unlink`/`mkdir` are common method names: only on something shaped like a path.
    if (!/^(read_|write_)/.test(name) && !isPathShaped(ctx, receiver, fn)) return;
    paths.push(receiver);
    label = `.${name}()`;
  } else return;
  if (paths.length === 0) return;
  const t = taintOf(ctx.py, fn);
  for (const path of paths) {
    if (!t.tainted(path, 'path')) continue;
    const short = label.replace(/^(fastapi\.responses|starlette\.responses|flask|builtins)\./, '');
    ctx.report({
      node: path,
      message: `This path is built from request input and reaches ${short}: a value like "../../etc/passwd" or an absolute path escapes the intended directory; resolve it against a base directory and reject it when it falls outside (or keep only its base name).`,
      fixes: () => fixes(ctx, t, fn, path),
    });
  }
}

function isPathShaped(ctx: RuleContext, node: SyntaxNode, fn: SyntaxNode, depth = 0): boolean {
  const n = unparen(node);
  if (depth > 3) return false;
  if (n.type === 'call') return /(^|\.)(Path|PurePath|PosixPath|AsyncPath)$/.test(ctx.py.callee(n) ?? '') || ['resolve', 'absolute', 'joinpath', 'with_name', 'with_suffix'].includes(ctx.py.methodName(n) ?? '');
  if (n.type === 'binary_operator') return n.childForFieldName('operator')?.text === '/';
  if (n.type === 'identifier') {
    const { values } = taintOf(ctx.py, fn).reaching(n);
    if (values.length > 0) return values.some((v) => isPathShaped(ctx, v, fn, depth + 1));
    const param = taintOf(ctx.py, fn).params.find((p) => p.name === n.text);
    return !!param?.annotation && /\bPath\b/.test(param.annotation.text);
  }
  return false;
}

interface Base {
  readonly text: string;
  /** A `pathlib.Path` (it was the left side of `/`): `.resolve()` directly. */
  readonly isPath: boolean;
  readonly binary?: boolean;
}

/** The directory a path expression is built under: `UPLOAD_DIR / x` → `UPLOAD_DIR`, `f"uploads/{x}"` → `"uploads"`. */
function baseOf(ctx: RuleContext, t: FunctionTaint, node: SyntaxNode, depth = 0): Base | undefined {
  const n = unparen(node);
  if (depth > 6) return undefined;
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    const left = n.childForFieldName('left');
    if (!left) return undefined;
    if (op === '/') return t.tainted(left, 'path') ? baseOf(ctx, t, left, depth + 1) : { text: left.text, isPath: true, binary: unparen(left).type === 'binary_operator' };
    if (op === '%') {
      const template = t.constant(left);
      return template !== undefined ? dirOfPrefix(template.slice(0, Math.max(0, template.indexOf('%'))), left) : undefined;
    }
    if (op === '+') {
      if (t.tainted(left, 'path')) return baseOf(ctx, t, left, depth + 1);
      const value = t.constant(left);
      if (value !== undefined) return dirOfPrefix(value, left);
    }
    return undefined;
  }
  if (n.type === 'call') {
    const callee = ctx.py.callee(n) ?? '';
    const args = positionalArgs(n);
    if (/^(os\.path|posixpath)\.join$/.test(callee) && args[0] && !t.tainted(args[0], 'path')) return { text: args[0].text, isPath: false };
    if (args.length === 1 && /^(str|os\.fspath|pathlib\.Path|os\.path\.(abspath|normpath|realpath))$/.test(callee)) return baseOf(ctx, t, args[0]!, depth + 1);
    if (args.length > 1 && callee === 'pathlib.Path' && !t.tainted(args[0]!, 'path')) return { text: args[0]!.text, isPath: false };
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const object = fn.childForFieldName('object');
      const template = object ? t.constant(object) : undefined;
      return template !== undefined && object ? dirOfPrefix(template.slice(0, Math.max(0, template.indexOf('{'))), object) : undefined;
    }
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'joinpath') {
      const object = fn.childForFieldName('object');
      if (object && !t.tainted(object, 'path')) return { text: object.text, isPath: true };
    }
    if (fn?.type === 'attribute' && ['resolve', 'absolute'].includes(fn.childForFieldName('attribute')?.text ?? '')) {
      const object = fn.childForFieldName('object');
      return object ? baseOf(ctx, t, object, depth + 1) : undefined;
    }
    return undefined;
  }
  if (n.type === 'string') {
    const parts = named(n).filter((c) => c.type === 'string_content' || c.type === 'interpolation' || c.type === 'escape_sequence');
    const first = parts[0];
    if (first?.type === 'string_content') return dirOfPrefix(first.text, n);
    if (first?.type === 'interpolation') {
      const e = first.childForFieldName('expression');
      const next = parts[1];
      if (e && !t.tainted(e, 'path') && next?.type === 'string_content' && next.text.startsWith('/')) return { text: e.text, isPath: false };
    }
    return undefined;
  }
  if (n.type === 'identifier') {
    const { values, orParam } = t.reaching(n);
    if (values.length === 1 && !orParam) return baseOf(ctx, t, values[0]!, depth + 1);
  }
  return undefined;
}

/** `"uploads/avatars/"` → `"uploads/avatars"` (quoted as the source quotes). */
function dirOfPrefix(prefix: string, node: SyntaxNode): Base | undefined {
  const slash = prefix.lastIndexOf('/');
  if (slash < 0) return undefined;
  const dir = slash === 0 ? '/' : prefix.slice(0, slash);
  if (/["'\\{}]/.test(dir)) return undefined;
  const quote = /^[a-zA-Z]*'/.test(node.text) ? "'" : '"';
  return { text: `${quote}${dir}${quote}`, isPath: false };
}

/** Request-derived leaves of a path expression (a parameter, `file.filename`, `request.args["f"]`), for `basename` wrapping. */
function taintedLeaves(ctx: RuleContext, t: FunctionTaint, node: SyntaxNode, out: SyntaxNode[], depth = 0): boolean {
  const n = unparen(node);
  if (depth > 6) return false;
  if (!t.tainted(n, 'path')) return true;
  switch (n.type) {
    case 'binary_operator': {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      return !!left && !!right && taintedLeaves(ctx, t, left, out, depth + 1) && taintedLeaves(ctx, t, right, out, depth + 1);
    }
    case 'string':
      return named(n).every((c) => c.type !== 'interpolation' || !c.childForFieldName('expression') || taintedLeaves(ctx, t, c.childForFieldName('expression')!, out, depth + 1));
    case 'call': {
      const callee = ctx.py.callee(n) ?? '';
      if (/^(os\.path\.join|posixpath\.join|pathlib\.Path|str)$/.test(callee) || ctx.py.methodName(n) === 'format' || ctx.py.methodName(n) === 'joinpath') {
        const receiver = n.childForFieldName('function')?.childForFieldName('object');
        if (receiver && ctx.py.methodName(n) === 'joinpath' && !taintedLeaves(ctx, t, receiver, out, depth + 1)) return false;
        return positionalArgs(n).every((a) => taintedLeaves(ctx, t, a, out, depth + 1));
      }
      // Other calls are a source only when the input flows through their receiver (`name.strip()`, `request.args.get(...)`).
      const receiver = n.childForFieldName('function')?.childForFieldName('object');
      if (!receiver || !t.tainted(receiver, 'path') || isPathShaped(ctx, receiver, t.fn)) return false;
      break;
    }
    case 'identifier': {
      // Built earlier in the function: wrap the input where the path is built.
      const { values, orParam } = t.reaching(n);
      const value = values[0];
      const assigned = value && (value.parent?.type === 'assignment' || value.parent?.type === 'named_expression');
      if (values.length === 1 && !orParam && value && assigned) return taintedLeaves(ctx, t, value, out, depth + 1);
      // A loop variable (`for name in names:`) is itself the input to wrap.
      if (values.length > 0 && !(values.length === 1 && !orParam && !assigned && value?.type !== 'augmented_assignment')) return false;
      break;
    }
  }
  out.push(n);
  return true;
}

function fixes(ctx: RuleContext, t: FunctionTaint, fn: SyntaxNode, path: SyntaxNode): Fix[] {
  const out: Fix[] = [];
  const place = statementOf(path, ctx.source);
  const base = baseOf(ctx, t, path);
  if (place && base) {
    const eol = eolOf(ctx.source);
    const unit = indentUnit(ctx.source);
    const name = freshName(fn, 'safe_path');
    const imports: FixImport[] = [];
    const pathName = pathClass(ctx, imports);
    const p = unparen(path);
    const resolved = isPathShaped(ctx, p, fn) ? `${p.type === 'binary_operator' ? `(${p.text})` : p.text}.resolve()` : `${pathName}(${p.text}).resolve()`;
    const baseResolved = base.isPath ? `${base.binary ? `(${base.text})` : base.text}.resolve()` : `${pathName}(${base.text}).resolve()`;
    const reject = rejection(ctx.py, fn, 'Invalid file path');
    imports.push(...reject.imports);
    const edits: TextEdit[] = [
      ...importEdits(ctx, imports),
      linesBefore(place.lineStart, [`${place.indent}${name} = ${resolved}`, `${place.indent}if not ${name}.is_relative_to(${baseResolved}):`, `${place.indent}${unit}${reject.text}`], eol),
      replaceNode(path, name),
    ];
    out.push(fileFix(ctx, `Reject paths outside ${base.text}`, edits, { preferred: true }));
  }
  const leaves: SyntaxNode[] = [];
  if (taintedLeaves(ctx, t, path, leaves) && leaves.length > 0 && leaves.length <= 3) {
    const imports: FixImport[] = [{ module: 'os' }];
    const edits = leaves.map((leaf) => replaceNode(leaf, `os.path.basename(${leaf.text})`));
    out.push(fileFix(ctx, 'Keep only the file name (os.path.basename)', [...importEdits(ctx, imports), ...edits], { preferred: out.length === 0 }));
  }
  return out;
}

/** `Path` as this file can call it: `Path` (importing it from pathlib if free) or `pathlib.Path` when `Path` is FastAPI's. */
function pathClass(ctx: RuleContext, imports: FixImport[]): string {
  const bound = ctx.py.imports.get('Path');
  if (bound === 'pathlib.Path') return 'Path';
  if (bound === undefined && ctx.py.bindings(ctx.tree.rootNode, 'Path').length === 0) {
    imports.push({ module: 'pathlib', name: 'Path' });
    return 'Path';
  }
  imports.push({ module: 'pathlib' });
  return 'pathlib.Path';
}

export const rule: Rule = {
  id: 'path-traversal',
  title: 'Filesystem path built from request input',
  defaultSeverity: 'error',
  applies: (source) => MAY_SINK.test(source),
  visit: { call: check },
};
