// Python parsing through web-tree-sitter; the parser is created once and reused.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { editBetween } from './textEdit';
import { grammarParser } from './treeSitter';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

export function pythonParser(): Promise<Parser> {
  ready ??= grammarParser('tree-sitter-python.wasm', 'tree-sitter-python');
  return ready;
}

/**
 * The trees of the last few texts parsed, keyed by the text: one generation
 * reads a large module (a models or crud module of thousands of lines) several
 * times over (its names, the edit steps, the validation of the result), and
 * parsing it again is most of a plan's time. Callers own what they get and
 * delete it: they get a copy (ts_tree_copy shares the nodes, and edits of a
 * copy leave the cached tree as it is). Only parser output is cached, so a
 * cached tree is what a fresh parse gives.
 */
const recent = new Map<string, Tree>();
const RECENT_TREES = 8;
/**
 * Only large texts are kept: they are what a planner reads again (the models
 * and crud modules it appends to), and style inference's pass over hundreds of
 * small modules would otherwise push them out before the planner asks.
 */
const CACHED_FROM_CHARS = 16_000;

function remember(source: string, tree: Tree): Tree {
  if (source.length < CACHED_FROM_CHARS) return tree;
  recent.get(source)?.delete();
  recent.delete(source);
  recent.set(source, tree.copy());
  while (recent.size > RECENT_TREES) {
    const [oldest, cached] = recent.entries().next().value!;
    cached.delete();
    recent.delete(oldest);
  }
  return tree;
}

function cachedTree(source: string): Tree | undefined {
  const hit = recent.get(source);
  if (!hit) return undefined;
  recent.delete(source); // re-inserted: most recently used
  recent.set(source, hit);
  return hit.copy();
}

export async function parsePython(source: string): Promise<Tree> {
  const parser = await pythonParser();
  const hit = cachedTree(source);
  if (hit) return hit;
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return remember(source, tree);
}

/**
 * The tree of `after`, re-parsed from `tree`, the tree of `before` (an edit
 * step's input): tree-sitter reuses what the edit left alone, which for a
 * block appended to a long module is nearly everything. `tree` is edited in
 * place and stays the caller's to delete. Text with a syntax error is parsed
 * afresh, so its error recovery is a fresh parse's.
 */
export async function reparsePython(tree: Tree, before: string, after: string): Promise<Tree> {
  const parser = await pythonParser();
  const hit = cachedTree(after);
  if (hit) return hit;
  tree.edit(editBetween(before, after));
  let next = parser.parse(after, tree);
  if (next?.rootNode.hasError) {
    next.delete();
    next = parser.parse(after);
  }
  if (!next) throw new Error('tree-sitter returned no tree');
  return remember(after, next);
}

/** The first syntax error as 1-based line:column, or undefined when the source parses cleanly. */
export function firstSyntaxError(tree: Tree): { line: number; column: number } | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const stack: Node[] = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && child.hasError) stack.push(child);
      else if (child && (child.isError || child.isMissing)) stack.push(child);
    }
  }
  return { line: 1, column: 1 };
}
