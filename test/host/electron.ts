// `npm run test:electron`: the same host suites (out/test/host/index.js) in a
// desktop VS Code 1.100 that @vscode/test-electron downloads. For machines
// with internet access; offline, use `npm run test:host` (code-server hosts).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import type { HostResults } from './index';

const VERSION = '1.100.3';
const REPO = resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'backend-skill-electron-'));
  const workspace = join(root, 'workspace');
  const resultsFile = join(root, 'results.json');
  cpSync(join(REPO, 'test', 'host', 'workspace'), workspace, { recursive: true });
  try {
    let executable: string;
    try {
      executable = await downloadAndUnzipVSCode(VERSION);
    } catch (error) {
      console.error(`[test:electron] could not download VS Code ${VERSION}: ${error instanceof Error ? error.message : String(error)}`);
      console.error('[test:electron] this needs internet access; offline, `npm run test:host` runs the same suites in the code-server hosts.');
      return 1;
    }
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: join(__dirname, 'index.js'),
      extensionTestsEnv: { BACKEND_SKILL_HOST_RESULTS: resultsFile },
      launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(root, 'user-data')],
    }).catch((error: unknown) => {
      console.error(`[test:electron] ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    });
    if (!existsSync(resultsFile)) {
      console.error('[test:electron] the test index wrote no results');
      return 1;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as HostResults;
    console.log(`\n${results.passed} passed, ${results.failed} failed`);
    return code === 0 && results.failed === 0 && results.passed > 0 ? 0 : 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
