// Memoised recursion over a syntax graph that may loop (a variable assigned
// from itself, mutually bound names): a question already being answered on
// the way down counts as "no", and too deep a chain gives up the same way.
// Shared by the Python and TypeScript taint trackers.

export const MAX_DEPTH = 40;

export function memoized(memo: Map<string, boolean>, busy: Set<string>, id: string, depth: number, compute: () => boolean): boolean {
  const known = memo.get(id);
  if (known !== undefined) return known;
  if (depth > MAX_DEPTH || busy.has(id)) return false;
  busy.add(id);
  let result = false;
  try {
    result = compute();
  } finally {
    busy.delete(id);
  }
  memo.set(id, result);
  return result;
}
