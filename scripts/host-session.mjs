// Shared plumbing for everything that runs the extension in an offline VS Code
// host (host tests, UI test, `npm start`): copy the sample workspace, start the
// VS Code server on 127.0.0.1, open its workbench in headless Chromium, and
// clean up exactly what was started.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './vscode-host.mjs';

const require = createRequire(import.meta.url);
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_WORKSPACE = join(REPO, 'test', 'host', 'workspace');

/** Flags that keep Chromium from reaching out or needing a sandbox/GPU. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * User settings for test sessions: no welcome walkthrough (it opens late and
 * takes the focus away from quick inputs, which then close), no update or
 * telemetry chatter.
 */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/** A temp root holding a fresh copy of the sample workspace and the server's own dirs. */
export function makeSandbox(prefix, { tests = true } = {}) {
  const root = mkdtempSync(join(tmpdir(), `backend-skill-${prefix}-`));
  const workspace = join(root, 'workspace');
  cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
  for (const dir of ['server-data', 'user-data', 'extensions']) mkdirSync(join(root, dir));
  mkdirSync(join(root, 'user-data', 'User'));
  if (tests) writeFileSync(join(root, 'user-data', 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  return { root, workspace, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The server's data, user and extensions folders inside a sandbox root. */
const serverDirs = (dataRoot) => [
  '--server-data-dir', join(dataRoot, 'server-data'),
  '--user-data-dir', join(dataRoot, 'user-data'),
  '--extensions-dir', join(dataRoot, 'extensions'),
];

/** Install a VSIX into the sandbox's extensions folder with the server's own CLI (offline). */
export function installVsix(info, dataRoot, vsix) {
  const res = spawnSync(info.node, [info.serverMain, ...serverDirs(dataRoot), '--accept-server-license-terms', '--install-extension', vsix], {
    encoding: 'utf8',
    env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
    timeout: 120_000,
  });
  if (res.status !== 0 || !/successfully installed/.test(res.stdout)) {
    throw new Error(`installing ${vsix} failed (${res.error?.message ?? `exit ${res.status}`}): ${(res.stdout + res.stderr).trim()}`);
  }
  return join(dataRoot, 'extensions');
}

/**
 * Start `server-main.js` in its own process group (so it and the extension
 * hosts it forks can be stopped together, and nothing else) and resolve once
 * it says which port it listens on.
 */
export function startServer(info, { dataRoot, port = 0, env = {}, smokeTestDriver = true, onOutput = () => {} }) {
  const args = [
    info.serverMain,
    ...serverDirs(dataRoot),
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    // Lets the workbench report a test run's end through window.codeAutomationExit.
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
    '--disable-telemetry',
    '--disable-workspace-trust',
  ];
  const child = spawn(info.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No marketplace: every gallery look-up would otherwise wait on a network that is not there.
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...env },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped || child.exitCode !== null || child.signalCode !== null) return;
    stopped = true;
    const gone = new Promise((done) => child.once('exit', done));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3000);
    await gone;
    clearTimeout(timer);
  };
  const ready = new Promise((done, fail) => {
    let buffered = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      onOutput(text);
      buffered += text;
      const m = /Extension host agent listening on (\d+)/.exec(buffered);
      if (m) done(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`VS Code server exited early (${code ?? signal})\n${buffered.slice(-2000)}`)));
    child.once('error', fail);
  });
  return { child, stop, ready };
}

/**
 * `http://127.0.0.1:PORT/?folder=…&payload=…` with the extension under
 * development (the repo unless `developmentPath` names another folder) and
 * optionally the tests to run.
 */
export function workbenchUrl(port, folder, { extensionTestsPath, developmentPath = REPO } = {}) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(developmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Headless Debian Chromium through playwright-core (which downloads no browser of its own). */
export async function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Reject after ms, for a hard overall limit; clear() when the race is over. */
export function deadline(ms, what) {
  let timer;
  const promise = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}
