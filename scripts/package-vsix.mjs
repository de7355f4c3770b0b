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
  // Everything the extension runs is bundled into dist/, so vsce need not ask
  // npm for the dependency tree (--no-dependencies).
  const res = spawnSync(process.execPath, [vsce, 'package', '--no-rewrite-relative-links', '--allow-missing-repository', '--no-dependencies', '--out', out], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`vsce package failed:\n${res.stdout}${res.stderr}`);
  return out;
}

/**
 * Entries of the zip with their unpacked sizes, read from its central
 * directory here (no unzip tool needed on a fresh machine). A VSIX is a plain
 * zip: no zip64, no multi-disk, so the end record's 16-bit counts suffice.
 */
export function vsixEntries(file) {
  const buf = readFileSync(file);
  // The end-of-central-directory record sits in the last 22 bytes + comment (≤ 64 KiB).
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory at entry ${n}`);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({ path: buf.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extraLength + commentLength;
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
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/analysis-worker.js', 'extension/dist/ts-morph.js', 'extension/dist/tree-sitter-python.wasm']) {
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

/**
 * Package and check, as a part of `npm test`: never throws; `vsix` is set when
 * the package was built and holds only what it should.
 */
export function checkPackage() {
  const started = Date.now();
  const result = { id: 'package', passed: 0, failed: 0, ok: false, seconds: 0 };
  let vsix;
  try {
    const file = packageVsix();
    const problems = vsixProblems(file);
    for (const p of problems) console.error(`[package] ${p}`);
    console.log(`[package] ${file}: ${vsixSummary(file)}`);
    if (problems.length === 0) vsix = file;
  } catch (error) {
    console.error(`[package] ${error instanceof Error ? error.message : error}`);
  }
  result.ok = vsix !== undefined;
  if (result.ok) result.passed = 1;
  else result.failed = 1;
  result.seconds = (Date.now() - started) / 1000;
  return { result, vsix };
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) process.exitCode = checkPackage().result.ok ? 0 : 1;
