// The innermost enclosing node of some types (functions) looked up in a
// per-tree index of those nodes' ranges instead of by walking `.parent`.
// web-tree-sitter finds a parent by descending from the root through every
// earlier sibling, so one step up from module level costs O(statements), and
// asking "which function am I in?" for every name made whole-file analysis
// quadratic. The index gives the same answer as the parent walk: a node whose
// range strictly contains another's is its ancestor (tree ranges nest), and
// the ambiguous cases (empty ranges, a different node with the very same
// range) fall back to the walk.
import type { SyntaxNode, SyntaxTree } from '../parse/python';

interface RangeIndex {
  readonly nodes: SyntaxNode[];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Index of the innermost indexed node containing node i, or -1. */
  readonly up: Int32Array;
}

/** Per tree, per set of types (its key): the index, built on first use. */
const indexes = new WeakMap<SyntaxTree, Map<string, RangeIndex>>();

function build(tree: SyntaxTree, types: readonly string[]): RangeIndex {
  // One pass inside WASM, in document order (pre-order: an ancestor before its descendants).
  const nodes = tree.rootNode.descendantsOfType([...types]).filter((n): n is SyntaxNode => !!n);
  const starts = new Int32Array(nodes.length);
  const ends = new Int32Array(nodes.length);
  const up = new Int32Array(nodes.length);
  const stack: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    starts[i] = nodes[i]!.startIndex;
    ends[i] = nodes[i]!.endIndex;
    while (stack.length > 0 && ends[stack[stack.length - 1]!]! < ends[i]!) stack.pop();
    up[i] = stack.length > 0 ? stack[stack.length - 1]! : -1;
    stack.push(i);
  }
  return { nodes, starts, ends, up };
}

/**
 * The innermost proper ancestor of `node` whose type is in `types` (`key`
 * names that set, one per caller), or undefined: what walking `.parent` up to
 * the first such type returns.
 */
export function enclosingOfType(node: SyntaxNode, types: ReadonlySet<string>, key: string): SyntaxNode | undefined {
  const s = node.startIndex;
  const e = node.endIndex;
  if (s === e) return walkUp(node, types);
  let byKey = indexes.get(node.tree);
  if (!byKey) indexes.set(node.tree, (byKey = new Map()));
  let index = byKey.get(key);
  if (!index) byKey.set(key, (index = build(node.tree, [...types])));
  const { nodes, starts, ends, up } = index;
  // The last indexed node starting at or before `node`: the answer is it or one of its indexed ancestors.
  let lo = 0;
  let hi = nodes.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= s) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (; i >= 0; i = up[i]!) {
    if (ends[i]! < e) continue;
    if (starts[i] === s && ends[i] === e) {
      if (nodes[i]!.id === node.id) continue; // the node itself: its ancestors are further up
      return walkUp(node, types); // same range, another node: ancestor or descendant, only the tree knows
    }
    return nodes[i];
  }
  return undefined;
}

function walkUp(node: SyntaxNode, types: ReadonlySet<string>): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (types.has(p.type)) return p;
  return undefined;
}
