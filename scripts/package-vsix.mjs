// `npm run package`: build backend-skill-<version>.vsix with vsce from the
// production (minified) build (vsce runs `vscode:prepublish`), then check what
// it holds: the run-time files only (no tests, no TypeScript sources, no source
// maps, no node_modules) and a VSIX file under 5 MB. `npm test` runs the same
// check and then installs the VSIX into the offline VS Code host.
//
// The 5 MB limit is on the .vsix file as shipped (a zip, so compressed); the
// unpacked size is printed beside it because dist/ts-morph.js alone is ~7 MB
// minified.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const MAX_VSIX_BYTES = 5 * 1024 * 1024;

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  return join(REPO, `${name}-${version}.vsix`);
}

/** Run vsce package; returns the VSIX path. Throws with vsce's own output on failure. */
export function packageVsix() {
  const out = vsixPath();
  const vsce = require.resolve('@vscode/vsce/vsce');
  // The README links the rule pages by their repository path; they are kept
  // relative (no repository URL to prefix) and shipped beside the README.
  const res = spawnSync(process.execPath, [vsce, 'package', '--no-rewrite-relative-links', '--out', out], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`vsce package failed:\n${res.stdout}${res.stderr}`);
  return out;
}

/** Entries of the zip with their unpacked sizes. */
export function vsixEntries(file) {
  const res = spawnSync('zipinfo', ['-l', file], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`zipinfo ${file} failed: ${res.stderr}`);
  const entries = [];
  for (const line of res.stdout.split('\n')) {
    // -rw-r--r--  2.0 unx   123 b- 45 defN 26-Dec-07 02:14 extension/dist/cli.js
    const m = /^[-dlrwx]{10}\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (m) entries.push({ path: m[2], size: Number(m[1]) });
  }
  return entries;
}

/** Everything wrong with a VSIX's content, as one message per problem. */
export function vsixProblems(file) {
  const problems = [];
  const entries = vsixEntries(file);
  const paths = entries.map((e) => e.path);
  const forbidden = [
    [/(^|\/)test(s)?\//, 'a test folder'],
    [/\.test\.[jt]s$/, 'a test file'],
    [/\.map$/, 'a source map'],
    [/(^|\/)node_modules\//, 'node_modules'],
    [/\.(ts|tsx|mts|cts)$/, 'a TypeScript source'],
    [/^extension\/(src|scripts|out)\/.*\.(m?js|ts|json)$/, 'a source or build file'],
  ];
  for (const path of paths) {
    for (const [re, what] of forbidden) if (re.test(path)) problems.push(`${path} is ${what}`);
  }
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/ts-morph.js', 'extension/dist/tree-sitter-python.wasm']) {
    if (!paths.includes(needed)) problems.push(`${needed} is missing`);
  }
  const bytes = statSync(file).size;
  if (bytes >= MAX_VSIX_BYTES) problems.push(`the VSIX is ${mb(bytes)} (limit ${mb(MAX_VSIX_BYTES)})`);
  return problems;
}

export function vsixSummary(file) {
  const entries = vsixEntries(file);
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  return `${entries.length} files, ${mb(statSync(file).size)} (${mb(unpacked)} unpacked)`;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    const file = packageVsix();
    const problems = vsixProblems(file);
    for (const p of problems) console.error(`[package] ${p}`);
    console.log(`[package] ${file}: ${vsixSummary(file)}`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`[package] ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
