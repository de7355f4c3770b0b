// Offsets ↔ 1-based line/column for reporters (CLI text/JSON/SARIF).
export interface LineIndex {
  /** 1-based line and column (UTF-16 code units) of an offset. */
  position(offset: number): { line: number; column: number };
}

export function lineIndex(source: string): LineIndex {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    position(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - starts[lo]! + 1 };
    },
  };
}
