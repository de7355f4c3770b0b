// Runs inside a real VS Code extension host: unsafe Python gets diagnostics
// as it is opened and edited, the lightbulb fixes it in one undo step, the
// `backendSkill.rules` setting switches a rule off, closing the document
// clears it, and Scan Workspace reports files that were never opened.
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

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Poll until `predicate` holds for our diagnostics on `uri` (diagnostics are debounced). */
async function waitFor(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ds = ours(uri);
    if (predicate(ds)) return ds;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; have: ${JSON.stringify(ds.map((d) => [ruleOf(d), d.range.start.line, d.message]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const UNSAFE = [
  'import sqlite3',
  '',
  'import uvicorn',
  '',
  '',
  'def find(conn: sqlite3.Connection, name: str) -> list[tuple[str]]:',
  '    return conn.execute(f"SELECT id FROM users WHERE name = \'{name}\'").fetchall()',
  '',
  '',
  'if __name__ == "__main__":',
  '    uvicorn.run("app.main:app", host="0.0.0.0", port=8000)',
  '',
].join('\n');

suite('Diagnostics and quick fixes', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('backend-skill.backend-skill')?.activate();
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('backendSkill').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an opened file gets findings with source, rule code and docs link', async () => {
    const uri = await writeFile('app/unsafe_open.py', UNSAFE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await waitFor(uri, (d) => d.length >= 2, 'two findings');
    const rules = ds.map(ruleOf).sort();
    assert.deepEqual(rules, ['bind-all-interfaces', 'sql-injection']);
    const sql = ds.find((d) => ruleOf(d) === 'sql-injection')!;
    assert.equal(sql.range.start.line, 6);
    assert.equal(sql.severity, vscode.DiagnosticSeverity.Error);
    const code = sql.code as { value: string; target: vscode.Uri };
    assert.ok(code.target.path.endsWith('/sql-injection.md'), `docs link: ${code.target.toString()}`);
    const docs = await vscode.workspace.fs.readFile(code.target);
    assert.ok(Buffer.from(docs).toString('utf8').startsWith('# sql-injection'), 'the docs page ships with the extension');
  });

  test('typing updates the findings, the preferred fix removes one in one undo step', async () => {
    const uri = await writeFile('app/unsafe_fix.py', UNSAFE);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(uri, (d) => d.length === 2, 'two findings');

    // Typing: make the host a loopback address by hand; the finding goes away.
    const line = editor.document.lineAt(10);
    const at = line.text.indexOf('0.0.0.0');
    await editor.edit((b) => b.replace(new vscode.Range(10, at, 10, at + 7), '127.0.0.1'));
    await waitFor(uri, (d) => d.length === 1 && ruleOf(d[0]!) === 'sql-injection', 'only sql-injection after the edit');

    const diagnostic = ours(uri)[0]!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    // Our actions, told apart by title (the command's result does not always carry `diagnostics`).
    const mine = actions.filter((a) => a.title === 'Ignore sql-injection on this line' || a.isPreferred);
    assert.ok(mine.some((a) => a.title === 'Ignore sql-injection on this line'), `ignore offered: ${actions.map((a) => a.title).join(' | ')}`);
    const preferred = mine.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `a preferred fix with an edit: ${mine.map((a) => a.title).join(' | ')}`);
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    const fixed = editor.document.getText();
    assert.ok(fixed.includes('WHERE name = ?'), `bound parameter:\n${fixed}`);
    await waitFor(uri, (d) => d.length === 0, 'no findings after the fix');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the text before the fix');
    await waitFor(uri, (d) => d.length === 1, 'the finding is back after undo');
  });

  test('backendSkill.rules switches a rule off, and closing the document clears it', async () => {
    const uri = await writeFile('app/unsafe_settings.py', UNSAFE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(uri, (d) => d.length === 2, 'two findings');
    await vscode.workspace.getConfiguration('backendSkill').update('rules', { 'sql-injection': 'off', 'bind-all-interfaces': 'info' }, vscode.ConfigurationTarget.Workspace);
    const ds = await waitFor(uri, (d) => d.length === 1 && d[0]!.severity === vscode.DiagnosticSeverity.Information, 'sql-injection off, bind-all as info');
    assert.equal(ruleOf(ds[0]!), 'bind-all-interfaces');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The document model may stay alive briefly after the editor closes; closing it is what clears.
    await waitFor(uri, (d) => d.length === 0 || vscode.workspace.textDocuments.some((t) => t.uri.toString() === uri.toString()), 'cleared on close', 20_000);
  });

  test('Scan Workspace reports unsafe files that were never opened', async () => {
    const uri = await writeFile('app/never_opened.py', 'import os\n\n\ndef run(cmd: str) -> int:\n    return os.system(f"tar czf backup.tgz {cmd}")\n');
    await vscode.commands.executeCommand('backendSkill.scanWorkspace');
    const ds = await waitFor(uri, (d) => d.length === 1, 'a finding from the scan');
    assert.equal(ruleOf(ds[0]!), 'command-injection');
    // The generated sample project itself is clean under our own rules.
    const main = vscode.Uri.joinPath(root(), 'app/main.py');
    assert.deepEqual(ours(main).map((d) => `${ruleOf(d)}: ${d.message}`), []);
    for (const path of ['app/unsafe_open.py', 'app/unsafe_fix.py', 'app/unsafe_settings.py', 'app/never_opened.py']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), path)).then(undefined, () => undefined);
    }
  });
});
