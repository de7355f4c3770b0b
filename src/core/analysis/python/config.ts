// Helpers for the configuration rules (hardcoded-secret, permissive-cors,
// debug-enabled): how to reach the project's settings object from the
// analysed file, how to add a field to the settings class (an extra change on
// another file, planned lexically from its text), how to delete one argument
// of a call without breaking the commas, and which files are test code.
import type { SyntaxNode } from '../../parse/python';
import type { FileChange, TextEdit } from '../../plan/editPlan';
import { envExampleEntry, type FixImport } from '../fixes';
import type { RuleContext } from '../types';
import { enclosingFunction, named, unparen } from './pyfile';

/** Files whose literal values are fixtures, not configuration (pytest layout). */
export function isTestPath(path: string): boolean {
  // Test packages, fixtures and test doubles (`plugins/dispatch_test/`, `test_utils/`) hold stand-in values.
  return /(^|\/)(tests?|testing|fixtures?|[^/]*_tests?|tests?_[^/]*)\//.test(path) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(path);
}

/** What a fix writes to read one value from the project's settings. */
export interface SettingsAccess {
  /** `settings.secret_key` */
  readonly expr: string;
  readonly imports: FixImport[];
  /** The settings field added to the class (if missing) and the `.env.example` entry. */
  readonly extra: FileChange[];
}

/**
 * `settings.<field>` when the project has a settings module with a
 * module-level instance and the analysed file is not that module (which
 * would import itself); undefined otherwise. `declaration` is the class body
 * line added when the class lacks the field (`secret_key: str`).
 */
export function settingsAccess(
  ctx: RuleContext,
  field: string,
  declaration: string,
  env: { name?: string; value?: string; onlyWithNewField?: boolean } = {},
): SettingsAccess | undefined {
  const s = ctx.project.settings;
  if (!s?.instance || s.path === ctx.path || ctx.path.endsWith(`/${s.path}`)) return undefined;
  const extra: FileChange[] = [];
  const text = ctx.project.files.get(s.path);
  const add = text !== undefined ? addSettingsField(text, s.className, field, declaration) : undefined;
  if (add && text !== undefined) extra.push({ kind: 'modify', path: s.path, original: text, edits: [add] });
  // A typed value written in .env.example must match how the field parses (JSON for lists): only with a field we wrote.
  const entry = add || !env.onlyWithNewField ? envExampleEntry(ctx, env.name ?? field.toUpperCase(), env.value ?? '') : undefined;
  if (entry) extra.push(entry);
  return { expr: `${s.instance}.${field}`, imports: [{ module: s.module, name: s.instance }], extra };
}

/**
 * An insertion adding `declaration` to class `className` in `text`, before
 * its first method or decorator (else after its last line); undefined when
 * the class already has the field or cannot be found.
 */
export function addSettingsField(text: string, className: string, field: string, declaration: string): TextEdit | undefined {
  const header = new RegExp(`^class\\s+${className}\\b[^\\n]*:[ \\t]*\\r?$`, 'm').exec(text);
  if (!header) return undefined;
  const lines = text.slice(header.index + header[0].length + 1).split('\n');
  let offset = header.index + header[0].length + 1;
  let indent: string | undefined;
  let insertAt: number | undefined;
  let lastBodyEnd = offset;
  for (const line of lines) {
    const bare = line.replace(/\r$/, '');
    if (bare.trim() !== '') {
      const lead = /^[ \t]*/.exec(bare)![0];
      if (indent === undefined) {
        if (lead === '') return undefined;
        indent = lead;
      }
      if (lead.length < indent.length) break;
      if (lead === indent) {
        if (new RegExp(`^${field}\\s*:`).test(bare.trim())) return undefined;
        if (insertAt === undefined && /^(@|def\s|async\s+def\s|class\s)/.test(bare.trim())) insertAt = lastBodyEnd;
      }
      lastBodyEnd = offset + line.length + 1;
    }
    offset += line.length + 1;
  }
  if (indent === undefined) return undefined;
  const at = Math.min(insertAt ?? lastBodyEnd, text.length);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = at > 0 && text[at - 1] !== '\n' ? eol : '';
  return { start: at, end: at, text: `${sep}${indent}${declaration}${eol}` };
}

/** Delete one argument of an argument list, with the comma that separates it from its neighbour. */
export function removeArgument(arg: SyntaxNode): TextEdit | undefined {
  const list = arg.parent;
  if (!list) return undefined;
  const args = named(list).filter((n) => n.type !== 'comment');
  const i = args.findIndex((a) => a.id === arg.id);
  if (i < 0) return undefined;
  const next = args[i + 1];
  if (next) return { start: arg.startIndex, end: next.startIndex, text: '' };
  const prev = args[i - 1];
  if (prev) return { start: prev.endIndex, end: arg.endIndex, text: '' };
  return { start: arg.startIndex, end: arg.endIndex, text: '' };
}

/** The keyword_argument node `name=` of a call. */
export function keywordNode(call: SyntaxNode, name: string): SyntaxNode | undefined {
  return named(call.childForFieldName('arguments')).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
}

/** A node's text sliced from the source (cheaper than `node.text`, which crosses into WASM). */
export function textOf(ctx: RuleContext, node: SyntaxNode): string {
  return ctx.source.slice(node.startIndex, node.endIndex);
}

/** Per file: assignment lines by name, for `lexicalBinding`. */
const assignedAt = new WeakMap<object, Map<string, RegExpMatchArray[]>>();

/**
 * The value a name is assigned, when the file assigns it exactly once
 * (`ORIGINS = ["*"]`) and it is not a parameter of the function using it.
 * Found lexically and then looked up in the tree, so it costs nothing when
 * the name is never assigned (`PyFile.singleBinding` walks the whole scope on first use).
 */
export function lexicalBinding(ctx: RuleContext, name: SyntaxNode): SyntaxNode | undefined {
  if (!/^\w+$/.test(name.text)) return undefined;
  let byName = assignedAt.get(ctx.tree);
  if (!byName) assignedAt.set(ctx.tree, (byName = new Map()));
  let matches = byName.get(name.text);
  if (!matches) {
    const re = new RegExp(`^[ \\t]*(${name.text})[ \\t]*(?::[^=\\n]*)?=(?!=)`, 'gm');
    matches = [...ctx.source.matchAll(re)];
    byName.set(name.text, matches);
  }
  if (matches.length !== 1) return undefined;
  const fn = enclosingFunction(name);
  if (fn && ctx.py.paramNames(fn).includes(name.text)) return undefined;
  const at = matches[0]!.index! + matches[0]![0].indexOf(name.text, matches[0]![0].search(/\S/));
  const target = ctx.tree.rootNode.descendantForIndex(at, at + name.text.length);
  const assignment = target?.parent;
  if (target?.type !== 'identifier' || assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== target.id) return undefined;
  return assignment.childForFieldName('right') ?? undefined;
}

/** Is the expression the constant `True` (directly or through a name assigned `True` once)? */
export function isTrue(node: SyntaxNode, ctx: RuleContext, depth = 0): boolean {
  const n = unparen(node);
  if (n.type === 'true') return true;
  if (n.type === 'identifier' && depth < 3) {
    const value = lexicalBinding(ctx, n);
    return !!value && isTrue(value, ctx, depth + 1);
  }
  return false;
}

/** The leading whitespace of the line `offset` is on, and whether only whitespace precedes `offset` on it. */
export function lineIndent(source: string, offset: number): { indent: string; lineStart: number; alone: boolean } {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  return { indent, lineStart, alone: source.slice(lineStart, offset).trim() === '' };
}
