// Smoke test of the packaged extension: the extension host loads this file
// (`extensionTestsPath`) while backend-skill comes from the VSIX installed into
// the server's extensions folder, not from the repo. It proves the shipped
// files are enough: the installed copy activates, registers its commands,
// flags unsafe Python (tree-sitter WASM) and TypeScript (the lazily loaded
// dist/ts-morph.js), and links rule docs that exist inside the install.
// Counts go to $BACKEND_SKILL_HOST_RESULTS like the main host index.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { sep } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'backend-skill.backend-skill';
const SOURCE = 'backend-skill';

const PYTHON = [
  'import sqlite3',
  '',
  '',
  'def find(conn: sqlite3.Connection, name: str) -> list[tuple[str]]:',
  '    return conn.execute(f"SELECT id FROM users WHERE name = \'{name}\'").fetchall()',
  '',
].join('\n');
const TYPESCRIPT = ["import express from 'express';", '', 'const app = express();', '', "app.listen(3000, '0.0.0.0', () => console.log('up'));", ''].join('\n');

const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);

async function findingsOf(path: string, text: string, rule: string): Promise<vscode.Diagnostic> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, ...path.split('/'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).find((d) => d.source === SOURCE && ruleOf(d) === rule);
    if (found) return found;
    if (Date.now() > deadline) assert.fail(`no ${rule} finding on ${path}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const checks: [string, () => Promise<void>][] = [
  [
    'the extension is the installed copy, not the repo',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not loaded`);
      const installed = process.env.BACKEND_SKILL_INSTALLED_EXTENSIONS;
      assert.ok(installed, 'BACKEND_SKILL_INSTALLED_EXTENSIONS is set');
      assert.ok(ext.extensionPath.startsWith(installed + sep), `loaded from ${ext.extensionPath}, not below ${installed}`);
      await ext.activate();
      assert.equal(ext.isActive, true);
    },
  ],
  [
    'every declared command is registered',
    async () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
      assert.deepEqual(missing, []);
    },
  ],
  [
    'unsafe Python is flagged and its docs page ships in the install',
    async () => {
      const d = await findingsOf('app/smoke_unsafe.py', PYTHON, 'sql-injection');
      const target = (d.code as { target: vscode.Uri }).target;
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.ok(target.fsPath.startsWith(ext.extensionPath + sep), `docs link ${target.toString()} points outside the install`);
      const page = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
      assert.ok(page.startsWith('# sql-injection'), 'the docs page is readable');
    },
  ],
  ['unsafe TypeScript is flagged (ts-morph loads from the install)', async () => void (await findingsOf('web/smoke_server.ts', TYPESCRIPT, 'bind-all-interfaces'))],
];

export async function run(): Promise<void> {
  const results = { passed: 0, failed: 0, pending: 0, failures: [] as { title: string; message: string }[], extension: { id: EXTENSION_ID, loaded: vscode.extensions.getExtension(EXTENSION_ID) !== undefined } };
  for (const [title, check] of checks) {
    try {
      await check();
      results.passed++;
      console.log(`  ✔ ${title}`);
    } catch (error) {
      results.failed++;
      results.failures.push({ title, message: error instanceof Error ? error.message : String(error) });
      console.log(`  ✗ ${title}`);
    }
  }
  const file = process.env.BACKEND_SKILL_HOST_RESULTS;
  if (file) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  if (results.failed > 0) throw new Error(`${results.failed} installed-VSIX check(s) failed`);
}
