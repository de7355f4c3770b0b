// Python parsing through web-tree-sitter. The runtime and grammar WASM are
// loaded from bytes (never by URL) so the CLI, the extension host, tests and
// a web build can all load them; the parser is created once and reused.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** Where the .wasm files are: next to the bundle (dist/) or in node_modules during tests. */
function locateWasm(file: string, packageName: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  // Resolve the package's entry (its exports may hide package.json) and walk up to the file.
  let dir = dirname(require.resolve(packageName));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(`cannot find ${file} beside ${__dirname} or in ${packageName}`);
}

export function pythonParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ wasmBinary: readFileSync(locateWasm('tree-sitter.wasm', 'web-tree-sitter')) });
    const language = await Language.load(readFileSync(locateWasm('tree-sitter-python.wasm', 'tree-sitter-python')));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
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
