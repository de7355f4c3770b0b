// Backend: Add DTO… end to end in a real extension host: from a field spec
// into a new module (created through the edit, removed by undo), from a JSON
// sample in the selection into an existing module, from the clipboard;
// invalid JSON, a bad spec and Escape change nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT, ScriptedInput, activeLine, api, assertSameWorkspace, exists, openAt, read, restore, snapshot, undoIn, type Answer } from './scripted';

suite('Add DTO', () => {
  let baseline: Map<string, string>;
  let input: ScriptedInput;

  suiteSetup(async () => {
    await api();
    baseline = await snapshot();
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
    await restore(baseline);
  });

  async function run(answers: Record<string, Answer>, clipboard = ''): Promise<ScriptedInput> {
    input = new ScriptedInput(answers, clipboard);
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand('backendSkill.addDto');
    return input;
  }

  test('from a field spec into a new module: created through the edit, revealed, removed by undo', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run({ 'dto.name': 'Address', 'dto.source': 'spec', 'dto.fields': 'street:str:max=120 city:str zip:str?', 'dto.module': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.equal(input.defaults.get('dto.module'), 'app/schemas/address.py');
    const text = await read('app/schemas/address.py');
    assert.ok(text, 'app/schemas/address.py created');
    assert.match(text, /^class AddressBase\(BaseModel\):\n    street: AddressStreet\n    city: AddressCity\n    zip: AddressZip \| None = None$/m);
    assert.match(text, /^class AddressPublic\(AddressBase\):\n    model_config = ConfigDict\(from_attributes=True\)\n$/m);
    assert.ok(await exists('app/schemas/address.py'), 'on disk: created by the WorkspaceEdit');
    const shown = activeLine();
    assert.equal(shown.path, 'app/schemas/address.py');
    assert.equal(shown.line, 'class AddressBase(BaseModel):');
    await undoIn('app/schemas/address.py');
    assert.equal(await exists('app/schemas/address.py'), false, 'undo deletes the created file');
    assertSameWorkspace(await snapshot(), baseline, 'workspace after undo');
  });

  test('from a JSON sample in the selection, appended to an existing module with merged imports; undo restores it', async () => {
    const sample = await vscode.workspace.openTextDocument({ language: 'json', content: '{"id": 1, "title": "Dune", "pages": 412, "publishedOn": "1965-08-01", "tags": ["sf"]}' });
    const editor = await vscode.window.showTextDocument(sample);
    editor.selection = new vscode.Selection(0, 0, 0, sample.lineAt(0).text.length);
    const before = await read('app/schemas/author.py');
    await run({ 'dto.name': 'AuthorBook', 'dto.source': DEFAULT, 'dto.module': 'author.py' });
    assert.deepEqual(input.errors, []);
    assert.equal(input.defaults.get('dto.source'), 'selection', 'a JSON selection is preselected');
    const text = (await read('app/schemas/author.py'))!;
    assert.match(text, /class AuthorBookBase\(BaseModel\):\n    title: AuthorBookTitle\n    pages: Int64\n    published_on: date\n    tags: list\[SafeStr\]\n/);
    assert.match(text, /^from datetime import date$/m);
    assert.equal(text.split('from pydantic import ').length, 2, 'pydantic names merged into one import');
    assert.ok(text.startsWith(before!.split('\n')[0]!), 'the module is extended, not replaced');
    await undoIn('app/schemas/author.py');
    assert.equal(await read('app/schemas/author.py'), before);
    await vscode.window.showTextDocument(sample);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assertSameWorkspace(await snapshot(), baseline, 'workspace after undo');
  });

  test('from the clipboard; invalid JSON is explained with line and column and changes nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run({ 'dto.name': 'Tag', 'dto.source': 'clipboard', 'dto.module': DEFAULT }, '{"label": "sf",\n "weight" 2}');
    assert.equal(input.errors.length, 1);
    assert.match(input.errors[0]!, /^Backend: the sample is not valid JSON at line 2, column 11/);
    assert.deepEqual(input.asked, ['dto.name', 'dto.source'], 'stops before asking for the module');
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
    await run({ 'dto.name': 'Tag', 'dto.source': 'clipboard', 'dto.module': DEFAULT }, '{"label": "sf", "weight": 2.5}');
    assert.deepEqual(input.errors, []);
    assert.match((await read('app/schemas/tag.py'))!, /class TagBase\(BaseModel\):\n    label: TagLabel\n    weight: FiniteFloat\n/);
  });

  test('a bad field spec is explained while typing; forced through it changes nothing', async () => {
    await run({ 'dto.name': 'Address', 'dto.source': 'spec', 'dto.fields': 'street:str zip:postcode' });
    assert.match(input.validations[0]?.message ?? '', /unknown type "postcode".*\(token "zip:postcode" at column 12\)/);
    await run({ 'dto.name': 'Address', 'dto.source': 'spec', 'dto.fields': { force: 'street:str zip:postcode' }, 'dto.module': DEFAULT });
    assert.equal(input.errors.length, 1);
    assert.match(input.errors[0]!, /unknown type "postcode"/);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });

  test('a name the module already defines is refused; Escape at each step changes nothing', async () => {
    await run({ 'dto.name': 'Author', 'dto.source': 'spec', 'dto.fields': 'name:str', 'dto.module': 'author.py' });
    assert.match(input.errors[0] ?? '', /app\/schemas\/author\.py already defines AuthorBase, AuthorCreate, AuthorUpdate, AuthorPublic/);
    const steps = ['dto.name', 'dto.source', 'dto.fields', 'dto.module'];
    for (const [i, step] of steps.entries()) {
      await run({ 'dto.name': 'Address', 'dto.source': 'spec', 'dto.fields': 'street:str', 'dto.module': DEFAULT, [step]: undefined });
      assert.deepEqual(input.asked, steps.slice(0, i + 1));
      assert.deepEqual(input.errors, []);
    }
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });
});
