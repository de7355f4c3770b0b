// Runs the extension-host suites (out/test/host/index.js) inside a real VS
// Code extension host: the offline VS Code server from code-server, its web
// workbench opened in headless Chromium with the repo as the extension under
// development and a fresh copy of test/host/workspace as the folder.
//
//   node scripts/run-host-tests.mjs [1.100] [1.139] [ui] [installed]
//   (default: every host, then the UI test of scripts/ui-test.mjs; `installed`
//   packages the VSIX and smoke-tests it installed in the 1.100 host)
//
// A host passes only when the workbench reported exit code 0 AND the results
// file written by the test index says 0 failed and more than 0 passed.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { deadline, installVsix, launchChromium, makeSandbox, REPO, startServer, workbenchUrl } from './host-session.mjs';
import { HOSTS, hostInfo } from './vscode-host.mjs';

const TEST_INDEX = join(REPO, 'out', 'test', 'host', 'index.js');
/** The smoke test of a packaged extension (test/host/installed/index.ts). */
const INSTALLED_INDEX = join(REPO, 'out', 'test', 'host', 'installed', 'index.js');
const TIMEOUT_MS = Number(process.env.BACKEND_SKILL_HOST_TIMEOUT ?? 420) * 1000;
const VERBOSE = Boolean(process.env.BACKEND_SKILL_HOST_VERBOSE);
const say = (id, msg) => console.log(`[host ${id}] ${msg}`);

/**
 * Workbench chatter that says nothing about our tests (offline sign-in and
 * gallery look-ups, chat, connection set-up); shown only with
 * BACKEND_SKILL_HOST_VERBOSE=1, like the server's own output.
 */
const NOISE = [
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)\]/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^ChatSessionStore:/,
  // No service worker in the offline server, no GitHub sign-in offline.
  /^\[Service Worker\] registration/,
  /^Timed out waiting for authentication provider/,
  // Start-up timing the workbench reports on a busy machine.
  /^Creation of workbench contribution '[^']*' took \d+ms/,
  // The workbench snapshots a deleted resource for undo and cannot read a
  // folder as a file (a test deletes a folder through a WorkspaceEdit).
  /^Unable to read file '[^']*' \(Error: Unable to read file '[^']*' that is actually a directory\)/,
];

/**
 * Run the host suites on one VS Code version; never throws, returns the counts.
 * With `vsix`, install that package into the host instead and run only the
 * installed-copy smoke test against it (no extension from the repo).
 */
export async function runHost(id, { vsix } = {}) {
  const started = Date.now();
  const result = { id: vsix ? `${id} (installed VSIX)` : id, passed: 0, failed: 0, ok: false, seconds: 0, error: undefined };
  const testIndex = vsix ? INSTALLED_INDEX : TEST_INDEX;
  let sandbox;
  let server;
  let browser;
  const limit = deadline(TIMEOUT_MS, `VS Code ${id} host tests`);
  try {
    if (!existsSync(join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing; run `npm run build`');
    if (!existsSync(testIndex)) throw new Error(`${testIndex} is missing; run \`npm run compile-tests\``);
    const info = hostInfo(id);
    sandbox = makeSandbox(`host-${id}`);
    const resultsFile = join(sandbox.root, 'results.json');
    const env = { BACKEND_SKILL_HOST_RESULTS: resultsFile };
    let developmentPath = REPO;
    if (vsix) {
      env.BACKEND_SKILL_INSTALLED_EXTENSIONS = realpathSync(installVsix(info, sandbox.root, vsix));
      say(id, `installed ${vsix}`);
      // The extension host runs extensionTestsPath only in extension-development
      // mode, so an empty harness extension (another id) is the one under
      // development; backend-skill itself loads from the installed copy.
      developmentPath = join(sandbox.root, 'smoke-harness');
      mkdirSync(developmentPath);
      const harness = { name: 'installed-smoke-harness', publisher: 'backend-skill-tests', version: '0.0.0', engines: { vscode: '*' } };
      writeFileSync(join(developmentPath, 'package.json'), JSON.stringify(harness));
    }

    const body = async () => {
      server = startServer(info, {
        dataRoot: sandbox.root,
        env,
        onOutput: (text) => {
          if (VERBOSE) process.stdout.write(text);
        },
      });
      const port = await server.ready;
      say(id, `VS Code ${info.vscode} server on 127.0.0.1:${port}`);
      browser = await launchChromium();
      const page = await browser.newPage();
      let reportExit;
      const exited = new Promise((done) => (reportExit = done));
      // The workbench calls these when a test run ends / prints: hook them before it loads.
      await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
      await page.exposeFunction('codeAutomationLog', (_type, args) => {
        // Arguments arrive as console.log got them in the extension host (format string first).
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (!VERBOSE && NOISE.some((re) => re.test(line))) return;
        for (const l of line.replace(/\s+$/, '').split('\n')) console.log(`  ${l}`);
      });
      await page.goto(workbenchUrl(port, sandbox.workspace, { extensionTestsPath: testIndex, developmentPath }), { waitUntil: 'commit' });
      const code = await exited;
      say(id, `workbench reported exit code ${code}`);
      if (!existsSync(resultsFile)) {
        throw new Error('the test index wrote no results (did the extension host load out/test/host/index.js with BACKEND_SKILL_HOST_RESULTS?)');
      }
      const counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
      result.passed = counts.passed;
      result.failed = counts.failed;
      for (const f of counts.failures ?? []) say(id, `FAILED ${f.title}: ${f.message}`);
      if (counts.extension?.loaded !== true) throw new Error(`the extension under test was not loaded (${counts.extension?.id ?? 'unknown id'})`);
      if (code !== 0) throw new Error(`exit code ${code}`);
      if (result.failed > 0) throw new Error(`${result.failed} failed`);
      if (result.passed === 0) throw new Error('no test ran');
      result.ok = true;
    };
    await Promise.race([body(), limit.promise]);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    say(id, `FAILED: ${result.error}`);
  } finally {
    limit.clear();
    await browser?.close().catch(() => {});
    await server?.stop();
    sandbox?.remove();
    result.seconds = (Date.now() - started) / 1000;
  }
  // An error outside the suites (no results, timeout, crash) counts as one failure.
  if (!result.ok && result.failed === 0) result.failed = 1;
  say(id, `${result.passed} passed, ${result.failed} failed (${result.seconds.toFixed(1)} s)`);
  return result;
}

async function main(argv) {
  const ids = argv.length > 0 ? argv : [...Object.keys(HOSTS), 'ui'];
  const results = [];
  for (const id of ids) {
    if (id === 'ui') {
      const { runUi } = await import('./ui-test.mjs');
      results.push(await runUi());
    } else if (id === 'installed') {
      // Package (production build), check the VSIX, smoke-test it installed in 1.100.
      const { checkPackage } = await import('./package-vsix.mjs');
      const packaged = checkPackage();
      results.push(packaged.result);
      if (packaged.vsix) results.push(await runHost('1.100', { vsix: packaged.vsix }));
    } else {
      results.push(await runHost(id));
    }
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok && r.passed > 0) ? 0 : 1;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
