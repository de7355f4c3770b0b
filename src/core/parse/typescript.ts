// TypeScript and JavaScript parsing through web-tree-sitter: the TypeScript
// grammar for .ts/.mts/.cts/.js/.mjs/.cjs, the TSX grammar for .tsx/.jsx
// (JSX and `<T>x` casts cannot share one grammar). Loaded on first use only.
import type { Parser, Tree } from 'web-tree-sitter';
import { grammarParser } from './treeSitter';

export type TsDialect = 'typescript' | 'tsx';

const parsers = new Map<TsDialect, Promise<Parser>>();

/** Files the TypeScript analysis reads. */
export const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'] as const;

export function isTsPath(path: string): boolean {
  const lower = path.toLowerCase();
  return !lower.endsWith('.d.ts') && TS_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function tsDialectOf(path: string): TsDialect {
  return /\.(tsx|jsx)$/i.test(path) ? 'tsx' : 'typescript';
}

export function typescriptParser(dialect: TsDialect = 'typescript'): Promise<Parser> {
  let parser = parsers.get(dialect);
  if (!parser) {
    parser = grammarParser(`tree-sitter-${dialect}.wasm`, 'tree-sitter-typescript');
    parsers.set(dialect, parser);
  }
  return parser;
}

export async function parseTypeScript(source: string, dialect: TsDialect = 'typescript'): Promise<Tree> {
  const tree = (await typescriptParser(dialect)).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
