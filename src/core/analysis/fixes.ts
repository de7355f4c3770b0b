// Building blocks for quick fixes: edits to the analysed file (with the
// imports they need, added once, isort-style) and edits to other project
// files, packed into one EditPlan so the editor applies a fix as one undo step.
import type { EditPlan, FileChange, TextEdit } from '../plan/editPlan';
import { planFromImport, planImport } from '../plan/pythonInsert';
import type { BaseContext, Fix, RuleContext } from './types';

export interface FixImport {
  readonly module: string;
  /** Imported name for `from module import name`; omitted for `import module`. */
  readonly name?: string;
}

/** A fix editing the analysed file, adding any imports it needs; extra changes may edit other files. */
export function fileFix(ctx: RuleContext, title: string, edits: readonly TextEdit[], options: { imports?: readonly FixImport[]; preferred?: boolean; extra?: readonly FileChange[] } = {}): Fix {
  const all: TextEdit[] = [...edits];
  const seen = new Set<string>();
  for (const imp of options.imports ?? []) {
    const key = `${imp.module}:${imp.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const edit = imp.name ? planFromImport(ctx.source, ctx.tree, imp.module, imp.name) : planImport(ctx.source, ctx.tree, imp.module);
    if (edit) all.push(edit);
  }
  const plan: EditPlan = {
    changes: [{ kind: 'modify', path: ctx.path, original: ctx.source, edits: mergeSamePoint(all) }, ...(options.extra ?? [])],
    notes: [],
  };
  return { title, plan, preferred: options.preferred };
}

/** The import edits alone (each once), for fixes that place them before other edits at the same offset. */
export function importEdits(ctx: RuleContext, imports: readonly FixImport[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const imp of imports) {
    const edit = imp.name ? planFromImport(ctx.source, ctx.tree, imp.module, imp.name) : planImport(ctx.source, ctx.tree, imp.module);
    if (edit && !out.some((e) => e.start === edit.start && e.text === edit.text)) out.push(edit);
  }
  return out;
}

/** Two insertions at the same offset become one (import lines planned at the same anchor). */
export function mergeSamePoint(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && last.start === last.end && edit.start === edit.end && last.start === edit.start) {
      out[out.length - 1] = { start: last.start, end: last.end, text: last.text + edit.text };
    } else out.push(edit);
  }
  return out;
}

/** Replace a node's text. */
export function replaceNode(node: { startIndex: number; endIndex: number }, text: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** An edit appending `NAME=` to `.env.example` when the project has one and lacks the name. */
export function envExampleEntry(ctx: BaseContext, name: string, value = ''): FileChange | undefined {
  const path = ctx.project.envExample;
  const text = path ? ctx.project.files.get(path) : undefined;
  if (!path || text === undefined) return undefined;
  if (new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(text)) return undefined;
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return { kind: 'modify', path, original: text, edits: [{ start: text.length, end: text.length, text: `${sep}${name}=${value}\n` }] };
}
