// Runs inside a real VS Code extension host: TypeScript and JavaScript files
// get the same live diagnostics and quick fixes as Python files (same rule
// ids, `// backend-skill: ignore[...]` suppressions), and Scan Workspace
// reads them too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const SOURCE = 'backend-skill';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

async function writeFile(path: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(root(), path);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);

async function waitFor(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ds = ours(uri);
    if (predicate(ds)) return ds;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; have: ${JSON.stringify(ds.map((d) => [ruleOf(d), d.range.start.line, d.message]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SERVER_TS = ["import express from 'express';", '', 'const app = express();', '', "app.listen(3000, '0.0.0.0', () => console.log('up'));", ''].join('\n');
const SERVER_JS = ["const express = require('express');", 'const app = express();', "app.listen(Number(process.env.PORT), '::');", ''].join('\n');
const CREATED = ['web/server.ts', 'web/server.js', 'web/worker.mjs'];

suite('TypeScript and JavaScript diagnostics', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('backend-skill.backend-skill')?.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const path of CREATED) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), path)).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'web'), { recursive: true }).then(undefined, () => undefined);
  });

  test('a TypeScript file gets a finding with the docs link; the preferred fix applies and undoes in one step', async () => {
    const uri = await writeFile('web/server.ts', SERVER_TS);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'typescript');
    const editor = await vscode.window.showTextDocument(document);
    const [diagnostic] = await waitFor(uri, (d) => d.length === 1, 'one finding');
    assert.equal(ruleOf(diagnostic!), 'bind-all-interfaces');
    assert.equal(diagnostic!.range.start.line, 4);
    assert.equal(document.getText(diagnostic!.range), "'0.0.0.0'");
    assert.ok((diagnostic!.code as { target: vscode.Uri }).target.path.endsWith('/bind-all-interfaces.md'));

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    assert.ok(actions.some((a) => a.title === 'Ignore bind-all-interfaces on this line'), actions.map((a) => a.title).join(' | '));
    const preferred = actions.find((a) => a.isPreferred && a.title === 'Bind to 127.0.0.1');
    assert.ok(preferred?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.ok(editor.document.getText().includes("app.listen(3000, '127.0.0.1',"), editor.document.getText());
    await waitFor(uri, (d) => d.length === 0, 'no findings after the fix');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SERVER_TS, 'one undo restores the text');
    await waitFor(uri, (d) => d.length === 1, 'the finding is back after undo');
  });

  test('the ignore fix writes a // comment that silences the rule', async () => {
    const uri = await writeFile('web/server.js', SERVER_JS);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'javascript');
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await waitFor(uri, (d) => d.length === 1, 'one finding');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const ignore = actions.find((a) => a.title === 'Ignore bind-all-interfaces on this line');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.ok(document.getText().includes('// backend-skill: ignore[bind-all-interfaces]\napp.listen('), document.getText());
    await waitFor(uri, (d) => d.length === 0, 'silenced');
  });

  test('Scan Workspace reads JavaScript modules that were never opened', async () => {
    const uri = await writeFile('web/worker.mjs', "import http from 'node:http';\nhttp.createServer(handler).listen({ port: 8080, host: '0.0.0.0' });\n");
    await vscode.commands.executeCommand('backendSkill.scanWorkspace');
    const ds = await waitFor(uri, (d) => d.length === 1, 'a finding from the scan');
    assert.equal(ruleOf(ds[0]!), 'bind-all-interfaces');
  });
});
