// Nodes a rule finds itself (from the source text, or with its own
// `descendantsOfType` pass when the file qualifies) instead of subscribing
// to a very common node type (`string`, `attribute`) in the shared walk,
// which would materialise every such node of every file. `interleave` visits
// them exactly where the shared walk would have: in document order among the
// rule's other visitors (a node before another when it starts earlier; a
// node starting at the same offset as a visited one is inside it, so after).
import type { SyntaxNode } from '../../parse/python';
import type { RuleContext, Visitor } from '../types';

export function interleave(
  find: (ctx: RuleContext) => SyntaxNode[],
  visitFound: Visitor,
  visitors: Readonly<Record<string, Visitor>>,
  finish?: (ctx: RuleContext) => void,
): { visit: Record<string, Visitor>; finish: (ctx: RuleContext) => void } {
  const state = new WeakMap<RuleContext, { nodes: SyntaxNode[]; next: number }>();
  const flush = (ctx: RuleContext, before: number): void => {
    let s = state.get(ctx);
    if (!s) state.set(ctx, (s = { nodes: find(ctx), next: 0 }));
    while (s.next < s.nodes.length && s.nodes[s.next]!.startIndex < before) visitFound(s.nodes[s.next++]!, ctx);
  };
  const visit: Record<string, Visitor> = {};
  for (const [type, v] of Object.entries(visitors)) {
    visit[type] = (node, ctx) => {
      flush(ctx, node.startIndex);
      v(node, ctx);
    };
  }
  return {
    visit,
    finish: (ctx) => {
      flush(ctx, Infinity);
      finish?.(ctx);
    },
  };
}

/**
 * The nodes of the given types around each match of `pattern` in the source
 * (the match's smallest node and its ancestors), once each, in document order
 * (outer before inner at the same offset). `pattern` must be global.
 */
export function nodesAround(ctx: RuleContext, pattern: RegExp, types: ReadonlySet<string>, accept?: (node: SyntaxNode, match: RegExpMatchArray) => boolean, atMatchStart = false): SyntaxNode[] {
  const found = new Map<number, SyntaxNode>();
  for (const m of ctx.source.matchAll(pattern)) {
    for (let n: SyntaxNode | null = ctx.tree.rootNode.descendantForIndex(m.index!, m.index! + m[0].length); n; n = n.parent) {
      // Only expressions are looked for: no statement is inside one, so the climb (each step
      // of which starts from the root inside tree-sitter) ends at the first statement.
      if (ABOVE_EXPRESSIONS.has(n.type) || n.type.endsWith('_statement')) break;
      // With `atMatchStart`, only nodes starting at the match are wanted; ancestors never start later.
      if (atMatchStart && n.startIndex < m.index!) break;
      if (types.has(n.type) && !found.has(n.id) && (!accept || accept(n, m))) found.set(n.id, n);
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

const ABOVE_EXPRESSIONS = new Set(['module', 'block', 'function_definition', 'class_definition', 'decorated_definition']);
