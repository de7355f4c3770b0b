// Bundles the extension and the CLI into dist/, and copies the tree-sitter
// WASM files next to the bundles (they are loaded from bytes at run time),
// and the rule docs into dist/docs/rules.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** WASM assets that must sit beside dist/*.js. */
function copyWasm() {
  mkdirSync('dist', { recursive: true });
  const runtime = join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm');
  const python = join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm');
  const typescript = dirname(require.resolve('tree-sitter-typescript/package.json'));
  copyFileSync(runtime, 'dist/tree-sitter.wasm');
  copyFileSync(python, 'dist/tree-sitter-python.wasm');
  copyFileSync(join(typescript, 'tree-sitter-typescript.wasm'), 'dist/tree-sitter-typescript.wasm');
  copyFileSync(join(typescript, 'tree-sitter-tsx.wasm'), 'dist/tree-sitter-tsx.wasm');
}

/** Rule docs pages: the CLI's SARIF help and the editor's diagnostic links read them from dist/docs/rules. */
function copyDocs() {
  const from = 'src/core/analysis/docs';
  mkdirSync('dist/docs/rules', { recursive: true });
  for (const name of readdirSync(from)) if (name.endsWith('.md')) copyFileSync(join(from, name), join('dist/docs/rules', name));
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks: use its CJS build.
  alias: { 'web-tree-sitter': join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs') },
};

/**
 * ts-morph (and the TypeScript compiler inside it) is its own bundle,
 * dist/ts-morph.js: the extension and CLI bundles only hold a
 * `require("./ts-morph.js")` where src/core/parse/tsMorph.ts loads it on first
 * use, so activation neither parses nor evaluates it.
 */
const lazyTsMorph = {
  name: 'lazy-ts-morph',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, () => ({ path: './ts-morph.js', external: true }));
  },
};

const targets = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyTsMorph] },
  // The editor's analysis runs here, off the extension host's thread (src/vscode/analysisWorker.ts).
  { ...common, entryPoints: ['src/vscode/analysisWorker.ts'], outfile: 'dist/analysis-worker.js', plugins: [lazyTsMorph] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyTsMorph] },
  { ...common, entryPoints: [require.resolve('ts-morph')], outfile: 'dist/ts-morph.js', sourcemap: false },
];

copyWasm();
copyDocs();
if (watch) {
  for (const options of targets) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] build started');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
