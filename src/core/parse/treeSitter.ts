// The web-tree-sitter runtime, shared by every grammar. The runtime and the
// grammar WASM files are loaded from bytes (never by URL) so the CLI, the
// extension host, tests and a web build can all load them; the runtime is
// initialised once, and each grammar is loaded on its first use.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

let runtime: Promise<void> | undefined;

/** Where a .wasm file is: next to the bundle (dist/) or in its package during tests. */
export function locateWasm(file: string, packageName: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  // Resolve the package's entry (its exports may hide package.json) and walk up to the file.
  let dir = dirname(require.resolve(packageName));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(`cannot find ${file} beside ${__dirname} or in ${packageName}`);
}

/** A parser for the grammar in `file` of package `packageName`. */
export async function grammarParser(file: string, packageName: string): Promise<Parser> {
  runtime ??= Parser.init({ wasmBinary: readFileSync(locateWasm('tree-sitter.wasm', 'web-tree-sitter')) });
  await runtime;
  const language = await Language.load(readFileSync(locateWasm(file, packageName)));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
