// The tree-sitter edit between two versions of a text, for incremental
// re-parsing: the live analysis re-parses a document from its previous tree,
// and the planners from the tree of the text before their own edit.
import type { Edit, Point } from 'web-tree-sitter';

/**
 * The single edit turning `before` into `after`: the span between their common
 * prefix and common suffix. Offsets and columns are UTF-16 code units, as
 * web-tree-sitter counts them for JavaScript strings; rows count '\n' (so a
 * CRLF line ends at its '\n' and '\r' is an ordinary column). The prefix never
 * ends between the two halves of a surrogate pair.
 */
export function editBetween(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair: back up onto its high half.
  if (start > 0 && start < limit && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = 0;
  const maxSuffix = limit - start;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Likewise at the end of the changed span: do not start the suffix on a low half.
  if (suffix > 0 && suffix < maxSuffix && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAfter(before, start, oldEnd, startPosition),
    newEndPosition: pointAfter(after, start, newEnd, startPosition),
  };
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point of `offset` in `text`, given the point of an earlier offset `from`. */
function pointAfter(text: string, from: number, offset: number, at: Point): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
