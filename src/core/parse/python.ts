// Python parsing through web-tree-sitter; the parser is created once and reused.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { grammarParser } from './treeSitter';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

export function pythonParser(): Promise<Parser> {
  ready ??= grammarParser('tree-sitter-python.wasm', 'tree-sitter-python');
  return ready;
}

export async function parsePython(source: string): Promise<Tree> {
  const parser = await pythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
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
