// Compatibility findings for the editor: the contract diff of the working
// tree against a base, placed on the line a user changed (a removed field is
// shown where it used to be, mapped through a line diff of the file) and
// grouped so one line names every operation it breaks. Quick fixes are
// EditPlans: keep a removed field and mark it deprecated (Pydantic
// `Field(deprecated=True)`, zod `.meta({ deprecated: true })`), or make a new
// required request field optional with a default (`| None = None`,
// `.optional()`); or, for a change to what operations return, keep them as
// they were and serve the new shape under a version segment (FastAPI, see
// versionedRoute.ts; Express + zod, see expressVersionedRoute.ts).
import { diffArrays } from 'diff';
import { parsePython, type SyntaxNode } from '../parse/python';
import type { EditPlan, TextEdit } from '../plan/editPlan';
import { buildOpenApi, type OpenApiDocument, type SourceFile } from '../contract/openapi';
import { diffContracts, type Change, type Verdict } from './diff';
import { planVersionedRoute, VERSIONABLE } from './versionedRoute';
import { planExpressVersionedRoute } from './expressVersionedRoute';
import { isTsPath } from '../parse/typescript';

/** Bounds on the versioned-route fix per check: operations per finding, and plans per run. */
const MAX_VERSIONED_OPERATIONS = 6;
const MAX_VERSIONED_PLANS = 4;

export interface CompatFix {
  readonly title: string;
  readonly plan: EditPlan;
  readonly preferred?: boolean;
}

export interface CompatFinding {
  /** Project-relative path of the working-tree file the finding is on. */
  readonly path: string;
  /** 0-based line in that file. */
  readonly line: number;
  readonly verdict: Exclude<Verdict, 'compatible'>;
  readonly kind: string;
  readonly message: string;
  /** Every operation the change breaks (`GET /users/{user_id}`). */
  readonly operations: readonly string[];
  readonly fixes: readonly CompatFix[];
}

/** Kinds whose source points into the base (the thing is gone from the working tree). */
const REMOVALS = new Set(['response-field-removed', 'response-field-renamed', 'response-field-removed-deprecated', 'request-field-removed-forbidden', 'operation-removed', 'operation-removed-deprecated']);

const splitSource = (source: string | undefined): { path: string; line: number } | undefined => {
  const m = source ? /^(.*):(\d+)$/.exec(source) : null;
  return m ? { path: m[1]!, line: Number(m[2]) - 1 } : undefined;
};

const linesOf = (text: string): string[] => text.split('\n');

/** Where a base line sits in the working-tree file: its own line if kept, else the line after the last kept line before it. */
function mapBaseLine(base: string, head: string, line: number): number {
  const parts = diffArrays(linesOf(base), linesOf(head));
  let b = 0;
  let h = 0;
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (part.added) {
      h += n;
      continue;
    }
    if (line < b + n) return part.removed ? h : h + (line - b);
    b += n;
    if (!part.removed) h += n;
  }
  return h;
}

const offsetOfLine = (text: string, line: number): number => {
  let at = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
};

/** A Python class-body field declaration (`name: T = value`) starting on a line. */
async function pythonField(source: string, line: number): Promise<{ name: string; type: SyntaxNode; value: SyntaxNode | undefined; node: SyntaxNode; dispose: () => void } | undefined> {
  const tree = await parsePython(source);
  let found: SyntaxNode | undefined;
  const visit = (node: SyntaxNode) => {
    if (found || node.startPosition.row > line || node.endPosition.row < line) return;
    if (node.type === 'assignment' && node.startPosition.row === line && node.childForFieldName('type')) found = node;
    else for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(tree.rootNode);
  const type = found?.childForFieldName('type');
  const left = found?.childForFieldName('left');
  if (!found || !type || left?.type !== 'identifier') {
    tree.delete();
    return undefined;
  }
  return { name: left.text, type, value: found.childForFieldName('right') ?? undefined, node: found, dispose: () => tree.delete() };
}

const isFieldCall = (node: SyntaxNode | undefined): boolean => node?.type === 'call' && /^(pydantic\.)?Field$/.test(node.childForFieldName('function')?.text ?? '');

/** An edit importing `Field` from pydantic when the file does not have it yet. */
function fieldImport(text: string): TextEdit[] {
  if (/^from\s+pydantic\s+import\s+[^\n]*\bField\b/m.test(text) || /^from\s+pydantic\s+import\s*\([^)]*\bField\b/m.test(text)) return [];
  const single = /^from\s+pydantic\s+import\s+([^(\n]+)$/m.exec(text);
  if (single) {
    const end = single.index + single[0].length;
    return [{ start: end, end, text: ', Field' }];
  }
  const imports = [...text.matchAll(/^(?:from\s+\S+\s+import\s+[^\n(]+|import\s+[^\n]+)$/gm)];
  const last = imports[imports.length - 1];
  const at = last ? last.index! + last[0].length + 1 : 0;
  return [{ start: Math.min(at, text.length), end: Math.min(at, text.length), text: 'from pydantic import Field\n' }];
}

/** The base's declaration of a removed field, re-inserted into the working tree with a deprecation. */
async function keepDeprecatedFix(change: Change, baseText: string, headPath: string, headText: string, headLine: number): Promise<CompatFix | undefined> {
  const where = splitSource(change.baseSource);
  if (!where || !change.field) return undefined;
  const insertAt = offsetOfLine(headText, headLine);
  let declaration: string;
  let extra: TextEdit[] = [];
  if (headPath.endsWith('.py')) {
    const field = await pythonField(baseText, where.line);
    if (!field || field.name !== change.field) {
      field?.dispose();
      return undefined;
    }
    try {
      const indent = /^[ \t]*/.exec(linesOf(baseText)[where.line] ?? '')![0];
      const value = field.value;
      let rhs: string;
      if (value && isFieldCall(value)) {
        const args = value.childForFieldName('arguments')!;
        const inner = args.text.slice(1, -1).trim().replace(/,\s*$/, '');
        rhs = `${value.childForFieldName('function')!.text}(${inner ? `${inner}, ` : ''}deprecated=True)`;
      } else rhs = value ? `Field(default=${value.text}, deprecated=True)` : 'Field(deprecated=True)';
      declaration = `${indent}${field.name}: ${field.type.text} = ${rhs}\n`;
      if (rhs.startsWith('Field(')) extra = fieldImport(headText);
    } finally {
      field.dispose();
    }
  } else {
    // A zod object property: `name: z.string()...,` possibly over several lines (brackets balanced).
    const lines = linesOf(baseText);
    if (!new RegExp(`^\\s*['"]?${change.field}['"]?\\s*:`).test(lines[where.line] ?? '')) return undefined;
    let end = where.line;
    let depth = 0;
    for (; end < lines.length; end++) {
      for (const ch of lines[end]!) depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
      if (depth <= 0) break;
    }
    const text = lines.slice(where.line, end + 1).join('\n');
    const m = /^([\s\S]*?)(\s*,?\s*(?:\/\/[^\n]*)?)$/.exec(text)!;
    declaration = `${m[1]}.meta({ deprecated: true }),\n`;
  }
  // Re-inserted in front of the line the removal is mapped to: the class or object body it left.
  return {
    title: `Keep "${change.field}" and mark it deprecated`,
    preferred: true,
    plan: { changes: [{ kind: 'modify', path: headPath, original: headText, edits: [...extra, { start: insertAt, end: insertAt, text: declaration }] }], notes: [`kept ${change.field} as deprecated`], focus: { path: headPath, offset: insertAt } },
  };
}

/** A new required request field made optional: `| None = None` (Pydantic) or `.optional()` (zod). */
async function makeOptionalFix(change: Change, headPath: string, headText: string, line: number): Promise<CompatFix | undefined> {
  if (!change.field) return undefined;
  const edits: TextEdit[] = [];
  if (headPath.endsWith('.py')) {
    const field = await pythonField(headText, line);
    if (!field || field.name !== change.field) {
      field?.dispose();
      return undefined;
    }
    try {
      const nullable = /\bNone\b|\bOptional\[/.test(field.type.text);
      if (!nullable) edits.push({ start: field.type.endIndex, end: field.type.endIndex, text: ' | None' });
      const value = field.value;
      if (!value) edits.push({ start: field.type.endIndex, end: field.type.endIndex, text: ' = None' });
      else if (isFieldCall(value)) {
        const args = value.childForFieldName('arguments')!;
        const first = args.namedChildren[0];
        if (first && first.type === 'ellipsis') edits.push({ start: first.startIndex, end: first.endIndex, text: 'None' });
        else edits.push({ start: args.startIndex + 1, end: args.startIndex + 1, text: first ? 'default=None, ' : 'default=None' });
      } else return undefined;
    } finally {
      field.dispose();
    }
    // Two inserts at one offset: keep them as one edit, in order.
    const merged = edits.reduce<TextEdit[]>((acc, e) => {
      const prev = acc[acc.length - 1];
      if (prev && prev.start === e.start && prev.end === e.end && prev.start === prev.end) acc[acc.length - 1] = { start: prev.start, end: prev.end, text: prev.text + e.text };
      else acc.push(e);
      return acc;
    }, []);
    edits.splice(0, edits.length, ...merged);
  } else {
    const lines = linesOf(headText);
    if (!new RegExp(`^\\s*['"]?${change.field}['"]?\\s*:`).test(lines[line] ?? '')) return undefined;
    let end = line;
    let depth = 0;
    for (; end < lines.length; end++) {
      for (const ch of lines[end]!) depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
      if (depth <= 0) break;
    }
    const lastLine = lines[end]!;
    const m = /^(.*?)(\s*,?\s*(?:\/\/.*)?)$/.exec(lastLine)!;
    const at = offsetOfLine(headText, end) + m[1]!.length;
    edits.push({ start: at, end: at, text: '.optional()' });
  }
  return {
    title: `Make "${change.field}" optional${headPath.endsWith('.py') ? ' with default None' : ''}`,
    preferred: true,
    plan: { changes: [{ kind: 'modify', path: headPath, original: headText, edits }], notes: [`made ${change.field} optional`], focus: { path: headPath, offset: edits[edits.length - 1]!.start } },
  };
}

/** One finding's message naming every operation it breaks. */
function groupMessage(first: Change, operations: readonly string[]): string {
  if (operations.length === 1) return first.message;
  const all = operations.join(', ');
  if (first.message.includes(`clients of ${first.operation}`)) return first.message.replace(`clients of ${first.operation}`, `clients of ${all}`);
  return `${first.message} (${first.verdict === 'breaking' ? 'breaks' : 'affects'} ${all})`;
}

/**
 * Breaking and potentially breaking changes from `base` to `head` as editor
 * findings, each on a line of a working-tree file; `paths` limits them to
 * those files (the saved document), all files otherwise.
 */
export async function compatFindings(base: readonly SourceFile[], head: readonly SourceFile[], paths?: readonly string[], baseDoc?: OpenApiDocument, headDoc?: OpenApiDocument): Promise<CompatFinding[]> {
  // Either document may be passed in already built: the base's only changes with the base commit, so the editor builds it once.
  baseDoc ??= await buildOpenApi(base);
  headDoc ??= await buildOpenApi(head);
  const changes = diffContracts(baseDoc, headDoc).filter((c) => c.verdict !== 'compatible');
  const baseText = new Map(base.map((f) => [f.path, f.source]));
  const headText = new Map(head.map((f) => [f.path, f.source]));
  const groups = new Map<string, { path: string; line: number; changes: Change[] }>();
  for (const change of changes) {
    let at = splitSource(change.source);
    if (REMOVALS.has(change.kind)) {
      // Shown where the removed thing was: its base line mapped into the working tree's file.
      const was = splitSource(change.baseSource);
      const before = was && baseText.get(was.path);
      const after = was && headText.get(was.path);
      if (was && before !== undefined && after !== undefined) at = { path: was.path, line: mapBaseLine(before, after, was.line) };
    }
    if (!at || !headText.has(at.path) || (paths && !paths.includes(at.path))) continue;
    const key = `${at.path}:${at.line}:${change.kind}:${change.field ?? ''}:${change.message.replace(change.operation, '')}`;
    const group = groups.get(key) ?? { path: at.path, line: at.line, changes: [] };
    group.changes.push(change);
    groups.set(key, group);
  }
  const findings: CompatFinding[] = [];
  let versionedPlans = 0;
  for (const { path, line, changes: group } of groups.values()) {
    const first = group[0]!;
    const operations = [...new Set(group.map((c) => c.operation))];
    const text = headText.get(path)!;
    const fixes: CompatFix[] = [];
    if ((first.kind === 'response-field-removed' || first.kind === 'request-field-removed-forbidden') && first.baseSource) {
      const from = splitSource(first.baseSource)!;
      const fix = baseText.has(from.path) && from.path === path ? await keepDeprecatedFix(first, baseText.get(from.path)!, path, text, line) : undefined;
      if (fix) fixes.push(fix);
    }
    if (first.kind === 'request-field-added-required') {
      const fix = await makeOptionalFix(first, path, text, line);
      if (fix) fixes.push(fix);
    }
    // Serving both shapes fits changes to what operations return; each plan builds and diffs the result's
    // contract to prove itself, so a save pays for a few of them at most.
    // The finding's file tells the framework: Python is FastAPI, TypeScript/JavaScript is Express + zod.
    if (VERSIONABLE.has(first.kind) && operations.length <= MAX_VERSIONED_OPERATIONS && versionedPlans < MAX_VERSIONED_PLANS && (path.endsWith('.py') || isTsPath(path))) {
      versionedPlans++;
      const planner = path.endsWith('.py') ? planVersionedRoute : planExpressVersionedRoute;
      const versioned = await planner({ base, head, baseDoc, headDoc, operations, kind: first.kind });
      if (versioned) fixes.push({ title: versioned.title, plan: versioned.plan });
    }
    findings.push({ path, line, verdict: first.verdict as CompatFinding['verdict'], kind: first.kind, message: groupMessage(first, operations), operations, fixes });
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
