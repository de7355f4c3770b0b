// `npm test`: makes sure the runtime prerequisites exist (Python venv,
// PostgreSQL tools, the offline VS Code hosts), runs every mocha suite
// compiled into out/test, then the extension-host suites on VS Code 1.100 and
// 1.139 and the UI test, then packages the VSIX (`npm run package`), checks
// its contents and runs a smoke test against that VSIX installed into the 1.100
// host, and ends with one "N passed, M failed" line summing all of them.
// Fails when any part fails, or when any part ran no test.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const Mocha = require('mocha');

function step(script, args = []) {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[backend-skill test] ${script} failed`);
    process.exit(result.status ?? 1);
  }
}

function testFiles(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

step('scripts/setup-python.mjs');
step('scripts/ensure-postgres.mjs');
step('scripts/vscode-host.mjs', ['setup']);

// Fast suites first; the runtime proof (real servers) last.
const suites = ['unit', 'golden', 'rules', 'runtime'];
const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000 });
for (const suite of suites) for (const file of testFiles(join('out', 'test', suite))) mocha.addFile(file);

const mochaResult = await new Promise((resolve) => {
  const runner = mocha.run((failures) => {
    const { passes = 0, pending = 0 } = runner.stats ?? {};
    resolve({ id: 'mocha', passed: passes, failed: failures, pending, ok: failures === 0 && passes > 0 });
  });
});
console.log(`\n[mocha] ${mochaResult.passed} passed, ${mochaResult.failed} failed`);

// The same extension, loaded into real VS Code extension hosts (see README: "Extension-host tests").
const { runHost } = await import('./run-host-tests.mjs');
const { runUi } = await import('./ui-test.mjs');
const parts = [mochaResult, await runHost('1.100'), await runHost('1.139'), await runUi()];

// What ships: package last, since vsce's prepublish replaces dist/ with the
// production build; the development build is restored afterwards.
const { checkPackage } = await import('./package-vsix.mjs');
const packaged = checkPackage();
parts.push(packaged.result);
if (packaged.vsix) parts.push(await runHost('1.100', { vsix: packaged.vsix }));
step('esbuild.mjs');

console.log('');
const label = { mocha: 'unit, golden, runtime', ui: 'UI (VS Code 1.100)', package: 'VSIX contents' };
for (const p of parts) {
  const time = p.seconds ? ` in ${p.seconds.toFixed(1)} s` : '';
  console.log(`  [${label[p.id] ?? `extension host, VS Code ${p.id}`}] ${p.passed} passed, ${p.failed} failed${time}`);
}
const passed = parts.reduce((n, p) => n + p.passed, 0);
const failed = parts.reduce((n, p) => n + p.failed, 0);
const pending = mochaResult.pending;
console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
// Exit explicitly: a part that ran no test fails the run even with 0 failures.
process.exit(parts.every((p) => p.ok && p.passed > 0) ? 0 : 1);
