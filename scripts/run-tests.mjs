// `npm test`: makes sure the runtime prerequisites exist (Python venv,
// PostgreSQL tools), then runs every mocha suite compiled into out/test and
// ends with one "N passed, M failed" line. Fails when a test fails or none ran.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const Mocha = require('mocha');

function step(script) {
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
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

// Fast suites first; the runtime proof (real servers) last.
const suites = ['unit', 'golden', 'rules', 'runtime'];
const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000 });
for (const suite of suites) for (const file of testFiles(join('out', 'test', suite))) mocha.addFile(file);

const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  console.log(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
});
