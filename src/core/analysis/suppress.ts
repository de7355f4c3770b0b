// `# backend-skill: ignore[rule-a, rule-b]` (`// backend-skill: ...` in
// TypeScript and JavaScript; or bare `ignore` for every rule)
// suppresses findings that start on the comment's line, or on the next line
// when the comment stands alone on its line. Only real comment nodes count,
// so the same text inside a string suppresses nothing.
import type { SyntaxNode } from '../parse/python';
import type { Fix } from './types';

/** How a line comment starts in the analysed language. */
export type CommentSyntax = '#' | '//';

const DIRECTIVES: Record<CommentSyntax, RegExp> = {
  '#': /^#\s*backend-skill:\s*ignore(?:\[([^\]]*)\])?\s*(?:$|[#;:,-]|\s)/,
  '//': /^\/\/\s*backend-skill:\s*ignore(?:\[([^\]]*)\])?\s*(?:$|[#;:,-]|\s)/,
};

export interface Suppressions {
  /** 0-based line → rule ids ('*' = all) suppressed there. */
  readonly byLine: Map<number, Set<string>>;
  /** Standalone directive comments by the 0-based line they stand on. */
  readonly standalone: Map<number, SyntaxNode>;
}

export function emptySuppressions(): Suppressions {
  return { byLine: new Map(), standalone: new Map() };
}

/** Record one comment node if it is a directive. */
export function addComment(s: Suppressions, source: string, comment: SyntaxNode, syntax: CommentSyntax = '#'): void {
  const match = DIRECTIVES[syntax].exec(comment.text);
  if (!match) return;
  const ids = match[1] === undefined ? ['*'] : match[1].split(',').map((id) => id.trim()).filter(Boolean);
  const line = comment.startPosition.row;
  const lineStart = source.lastIndexOf('\n', comment.startIndex - 1) + 1;
  const alone = source.slice(lineStart, comment.startIndex).trim() === '';
  const add = (row: number): void => {
    const set = s.byLine.get(row) ?? new Set<string>();
    for (const id of ids) set.add(id);
    s.byLine.set(row, set);
  };
  add(line);
  if (alone) {
    add(line + 1);
    s.standalone.set(line, comment);
  }
}

export function isSuppressed(s: Suppressions, rule: string, row: number): boolean {
  const set = s.byLine.get(row);
  return !!set && (set.has('*') || set.has(rule));
}

/**
 * The "ignore this rule on this line" fix: a directive comment on its own
 * line above the finding (indented like it), or the rule added to a
 * directive already standing there.
 */
export function ignoreFix(path: string, source: string, s: Suppressions, rule: string, start: number, syntax: CommentSyntax = '#'): Fix {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const row = countNewlines(source, lineStart);
  const existing = s.standalone.get(row - 1);
  const title = `Ignore ${rule} on this line`;
  if (existing) {
    const match = /\[([^\]]*)\]/.exec(existing.text);
    if (match) {
      const at = existing.startIndex + match.index + 1 + match[1]!.length;
      const sep = match[1]!.trim() === '' ? '' : ', ';
      return { title, plan: { changes: [{ kind: 'modify', path, original: source, edits: [{ start: at, end: at, text: `${sep}${rule}` }] }], notes: [] } };
    }
  }
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return {
    title,
    plan: { changes: [{ kind: 'modify', path, original: source, edits: [{ start: lineStart, end: lineStart, text: `${indent}${syntax} backend-skill: ignore[${rule}]${eol}` }] }], notes: [] },
  };
}

// Line starts of the last source seen: a file with many findings asks for
// the row of each (one ignore fix per finding), which must not rescan the text.
let cachedSource: string | undefined;
let cachedStarts: number[] = [];

function countNewlines(source: string, end: number): number {
  if (source !== cachedSource) {
    cachedStarts = [];
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) cachedStarts.push(i);
    cachedSource = source;
  }
  // Newlines before `end`: binary search in the sorted newline offsets.
  let lo = 0;
  let hi = cachedStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cachedStarts[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
