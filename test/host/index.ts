// Test entry the VS Code extension host loads (`extensionTestsPath`): runs
// every compiled suite under out/test/host/suite with mocha (tdd UI) inside
// the host, and writes the counts to $BACKEND_SKILL_HOST_RESULTS so the runner
// does not have to trust the exit code alone. Used by both the offline
// code-server hosts (scripts/run-host-tests.mjs) and @vscode/test-electron.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface HostResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  /** The extension under development, as this host sees it: suites are worthless without it. */
  extension: { id: string; loaded: boolean };
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

function writeResults(results: HostResults): void {
  const file = process.env.BACKEND_SKILL_HOST_RESULTS;
  if (file) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function run(): Promise<void> {
  // out/test/host/index.js → the repo's package.json names the extension under test.
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { publisher: string; name: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const results: HostResults = { passed: 0, failed: 0, pending: 0, failures: [], extension: { id, loaded: vscode.extensions.getExtension(id) !== undefined } };
  if (!results.extension.loaded) {
    // E.g. engines.vscode newer than this host: VS Code skips the extension without an error.
    results.failed = 1;
    results.failures.push({ title: 'extension under test', message: `${id} is not loaded in this extension host` });
    writeResults(results);
    return Promise.reject(new Error(`${id} is not loaded in this extension host`));
  }

  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  for (const file of testFiles(join(__dirname, 'suite'))) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        results.passed = runner.stats?.passes ?? 0;
        results.failed = failures;
        results.pending = runner.stats?.pending ?? 0;
        writeResults(results);
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
