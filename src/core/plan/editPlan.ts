// The core's description of a change: files to create and offset edits to
// existing files. Adapters turn it into disk writes (CLI) or one
// WorkspaceEdit (VS Code); nothing here touches disk.
import { createTwoFilesPatch } from 'diff';

export interface TextEdit {
  /** 0-based UTF-16 offsets into the original text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type FileChange =
  | { readonly kind: 'create'; readonly path: string; readonly content: string }
  | { readonly kind: 'modify'; readonly path: string; readonly original: string; readonly edits: readonly TextEdit[] };

export interface EditPlan {
  readonly changes: readonly FileChange[];
  /** Human-readable lines: what was planned and what was left alone. */
  readonly notes: readonly string[];
  /** Where the inserted code starts (an offset into the file's resulting text), for the editor to reveal. */
  readonly focus?: { readonly path: string; readonly offset: number };
}

/** Apply non-overlapping edits to a text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const edit of sorted) {
    if (edit.start < pos || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping or out-of-range edit at ${edit.start}-${edit.end}`);
    }
    out += text.slice(pos, edit.start) + edit.text;
    pos = edit.end;
  }
  return out + text.slice(pos);
}

/** The text each changed file will have once the plan is applied. */
export function resultingText(change: FileChange): string {
  return change.kind === 'create' ? change.content : applyEdits(change.original, change.edits);
}

/** A unified diff of the whole plan, as `--dry-run` prints it. */
export function planToDiff(plan: EditPlan): string {
  return plan.changes
    .map((change) => {
      const before = change.kind === 'create' ? '' : change.original;
      const from = change.kind === 'create' ? '/dev/null' : `a/${change.path}`;
      return createTwoFilesPatch(from, `b/${change.path}`, before, resultingText(change), undefined, undefined, { context: 3 })
        .split('\n')
        .slice(1) // drop the "Index:"/"====" banner line createTwoFilesPatch starts with
        .filter((line) => !/^={10,}$/.test(line))
        .join('\n');
    })
    .join('');
}
