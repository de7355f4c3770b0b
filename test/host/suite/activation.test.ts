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

  test('the "Backend Skill" log channel is created', async () => {
    // The API lists no output channels, but the workbench registers a
    // "show" command per channel, named after the extension id and the
    // channel name (newer versions append ".log" for log channels); channels
    // are announced asynchronously, so poll briefly.
    const wanted = (id: string) => /^workbench\.action\.output\.show\.(.+)\.Backend Skill(\.log)?$/.exec(id)?.[1] === EXTENSION_ID;
    const until = Date.now() + 10_000;
    let found: string | undefined;
    while (!found && Date.now() < until) {
      found = (await vscode.commands.getCommands(false)).find(wanted);
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(found, 'no output channel "Backend Skill" registered by the extension');
  });
});
