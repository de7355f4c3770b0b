// Backend: Add Repository… end to end in a real extension host: for the model
// under the cursor (a hand-written model module made for this suite), or one
// picked from the project; the created file is removed by undo; no model
// under the cursor, or an existing repository, changes nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ScriptedInput, activeLine, api, assertSameWorkspace, exists, openAt, read, restore, snapshot, undoIn, uri, type Answer } from './scripted';

const MODEL = 'app/models/publisher.py';
const MODEL_SOURCE = `"""Publishers, written by hand."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

IMPRINTS = 3


class Publisher(Base):
    __tablename__ = "publishers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("authors.id"), index=True)
`;

suite('Add Repository', () => {
  let baseline: Map<string, string>;
  let input: ScriptedInput;

  suiteSetup(async () => {
    await api();
    await vscode.workspace.fs.writeFile(uri(MODEL), new TextEncoder().encode(MODEL_SOURCE));
    baseline = await snapshot();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(uri(MODEL), { useTrash: false });
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
    await restore(baseline);
  });

  async function run(answers: Record<string, Answer> = {}): Promise<ScriptedInput> {
    input = new ScriptedInput(answers);
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand('backendSkill.addRepository');
    return input;
  }

  test('for the model under the cursor: created on the generic base with its foreign key checked; undo removes it', async () => {
    await openAt(MODEL, 'String(200)');
    await run();
    assert.deepEqual(input.errors, []);
    assert.deepEqual(input.asked, [], 'nothing to ask: the cursor names the model');
    const text = await read('app/repositories/publisher.py');
    assert.equal(text, `"""Data access for publishers."""

from app.models.author import Author
from app.models.publisher import Publisher
from app.repositories.base import Repository


class PublisherRepository(Repository[Publisher]):
    model = Publisher
    references = {"author_id": Author}
`);
    assert.deepEqual(activeLine(), { path: 'app/repositories/publisher.py', line: 'class PublisherRepository(Repository[Publisher]):' });
    await undoIn('app/repositories/publisher.py');
    assert.equal(await exists('app/repositories/publisher.py'), false, 'undo deletes the created file');
    assertSameWorkspace(await snapshot(), baseline, 'workspace after undo');
  });

  test('no model under the cursor: one clear message, nothing changed', async () => {
    await openAt(MODEL, 'IMPRINTS');
    await run();
    assert.deepEqual(input.errors, ['Backend: no SQLAlchemy model at the cursor in app/models/publisher.py; put the cursor inside a class that sets __tablename__ (models there: Publisher)']);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });

  test('an existing repository is never overwritten', async () => {
    await openAt('app/models/author.py', '__tablename__');
    await run();
    assert.deepEqual(input.errors, ['Backend: app/repositories/author.py already exists; it is not overwritten (add methods to it instead)']);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
  });

  test('without a model editor, the model is picked among those lacking a repository; Escape changes nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run({});
    assert.deepEqual(input.asked, ['repository.model']);
    assertSameWorkspace(await snapshot(), baseline, 'Escape: nothing changed');
    await run({ 'repository.model': 'Publisher' });
    assert.deepEqual(input.errors, []);
    assert.ok(await exists('app/repositories/publisher.py'));
  });
});
