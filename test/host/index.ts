// Test entry the VS Code extension host loads (`extensionTestsPath`): runs
// every compiled suite under out/test/host/suite with mocha (tdd UI) inside
// the host, and writes the counts to $BACKEND_SKILL_HOST_RESULTS so the runner
// does not have to trust the exit code alone. Used by both the offline
// code-server hosts (scripts/run-host-tests.mjs) and @vscode/test-electron.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface HostResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
}

/** Every `*.test.js` below dir, sorted, so runs are reproducible. */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  for (const file of testFiles(join(__dirname, 'suite'))) mocha.addFile(file);
  const results: HostResults = { passed: 0, failed: 0, pending: 0, failures: [] };

  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        results.passed = runner.stats?.passes ?? 0;
        results.failed = failures;
        results.pending = runner.stats?.pending ?? 0;
        const file = process.env.BACKEND_SKILL_HOST_RESULTS;
        if (file) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
        if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
        else if (results.passed === 0) reject(new Error('no host test ran'));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    runner.on('fail', (test, error: unknown) => {
      results.failures.push({ title: test.fullTitle(), message: error instanceof Error ? error.message : String(error) });
    });
  });
}
