// The lightbulb refactors in a real extension host: Generate CRUD slice is
// offered on a hand-written model class (and not outside it), Extract Pydantic
// model on a dict body parameter, Add auth dependency and Add response model
// on a route; choosing one applies it as one edit that one undo takes back;
// asking for a slice that exists is refused with one message, nothing changed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ScriptedInput, api, assertSameWorkspace, exists, openAt, read, restore, settle, snapshot, undoIn, uri } from './scripted';

const MODEL = 'app/models/rack.py';
const MODEL_SOURCE = `"""Racks, written by hand."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

RACK_COUNT = 3


class Rack(Base):
    __tablename__ = "racks"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(40), unique=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("authors.id"))
`;

const ROUTER = 'app/routers/quotes.py';
const ROUTER_SOURCE = `"""Quotes (hand-written)."""

from typing import Any

from fastapi import APIRouter

from app.models.author import Author

router = APIRouter(prefix="/quotes")


@router.post("", status_code=201)
async def create_quote(payload: dict[str, Any]) -> dict[str, Any]:
    return {"sku": payload["sku"].strip(), "quantity": int(payload.get("quantity", 1))}


@router.get("/{author_id}")
async def get_author_quote(author_id: int) -> Author:
    return Author(id=author_id)
`;

const SOURCE = 'backend-skill';

/** The refactor code actions at the first occurrence of `at` in `path`. */
async function refactorsAt(path: string, at: string): Promise<vscode.CodeAction[]> {
  const editor = await openAt(path, at);
  const position = editor.selection.active;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(path), new vscode.Range(position, position), vscode.CodeActionKind.Refactor.value);
  return (actions ?? []).filter((a) => a.kind && vscode.CodeActionKind.Refactor.contains(a.kind));
}

async function choose(actions: vscode.CodeAction[], title: string): Promise<void> {
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.command, `"${title}" offered (have: ${actions.map((a) => a.title).join(' | ')})`);
  await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  await settle();
}

async function waitForRules(path: string, predicate: (rules: string[]) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rules = vscode.languages.getDiagnostics(uri(path)).filter((d) => d.source === SOURCE).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
    if (predicate(rules)) return;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; have ${rules.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Make the editor's documents for `paths` hold what is on disk (reverting a
 * stale, unmodified one): earlier suites restore files behind the editor's
 * back, and a plan is only applied to a document whose text is what was
 * planned against.
 */
async function inSyncWithDisk(paths: readonly string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (const path of paths) {
    for (;;) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(path).toString() && !d.isClosed);
      const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(path)));
      if (!doc || doc.isDirty || doc.getText() === disk) break;
      if (Date.now() > deadline) assert.fail(`${path}: the editor's document never caught up with the file on disk`);
      // A stale, unmodified document: reload it from disk.
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await settle(100);
    }
  }
}

suite('Refactors', () => {
  let baseline: Map<string, string>;
  let input: ScriptedInput;

  suiteSetup(async () => {
    await api();
    await vscode.workspace.fs.writeFile(uri(MODEL), new TextEncoder().encode(MODEL_SOURCE));
    await vscode.workspace.fs.writeFile(uri(ROUTER), new TextEncoder().encode(ROUTER_SOURCE));
    baseline = await snapshot();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(uri(MODEL), { useTrash: false });
    await vscode.workspace.fs.delete(uri(ROUTER), { useTrash: false });
  });

  setup(async () => {
    await inSyncWithDisk(['app/main.py', 'app/models/__init__.py', MODEL, ROUTER]);
    input = new ScriptedInput({});
    (await api()).setInputForTests(input);
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
    await restore(baseline);
  });

  test('Generate CRUD slice: offered on the model class only; creates and wires the slice; one undo restores every file', async () => {
    assert.deepEqual((await refactorsAt(MODEL, 'RACK_COUNT')).map((a) => a.title), [], 'nothing outside the class');
    const actions = await refactorsAt(MODEL, 'label:');
    assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), [['Generate CRUD slice for Rack', 'refactor.rewrite']]);
    await choose(actions, 'Generate CRUD slice for Rack');
    assert.deepEqual(input.errors, []);
    const last = (await api()).lastApplied();
    assert.equal(last?.label, 'Generate CRUD slice for Rack');
    assert.equal(last?.applied, true);
    assert.deepEqual([...(last?.paths ?? [])].sort(), ['app/main.py', 'app/models/__init__.py', 'app/repositories/rack.py', 'app/routers/racks.py', 'app/schemas/rack.py', 'tests/test_racks.py']);
    assert.match((await read('app/schemas/rack.py'))!, /RackLabel = Annotated\[SafeStr, Field\(max_length=40\)\]/);
    assert.match((await read('app/repositories/rack.py'))!, /references = \{"author_id": Author\}/);
    assert.match((await read('app/main.py'))!, /app\.include_router\(racks\.router\)/);
    assert.equal(await read(MODEL), MODEL_SOURCE, 'the model itself is not rewritten');
    // Asked again: refused with one message.
    await choose(await refactorsAt(MODEL, 'label:'), 'Generate CRUD slice for Rack');
    assert.deepEqual(input.errors, ['Backend: a CRUD slice for Rack already exists (app/schemas/rack.py, app/routers/racks.py); nothing was changed (add routes to it with Add Route instead)']);
    await undoIn('app/main.py');
    assert.equal(await exists('app/routers/racks.py'), false, 'undo removes the created files');
    assertSameWorkspace(await snapshot(), baseline, 'workspace after one undo');
  });

  test('Extract Pydantic model: offered on the dict parameter; the unvalidated-body finding goes; one undo restores the file', async () => {
    const actions = await refactorsAt(ROUTER, 'payload: dict');
    assert.ok(actions.some((a) => a.title === 'Extract Pydantic model from payload' && a.kind?.value === 'refactor.extract'));
    await waitForRules(ROUTER, (rules) => rules.includes('unvalidated-body'), 'the unvalidated-body finding');
    await choose(actions, 'Extract Pydantic model from payload');
    assert.deepEqual(input.errors, []);
    const text = (await read(ROUTER))!;
    assert.match(text, /class QuoteCreate\(BaseModel\):/);
    assert.match(text, /    sku: str\n    quantity: int = 1\n/);
    assert.match(text, /async def create_quote\(payload: QuoteCreate\)/);
    assert.match(text, /payload\.sku\.strip\(\), "quantity": int\(payload\.quantity\)/);
    await waitForRules(ROUTER, (rules) => !rules.includes('unvalidated-body'), 'the finding to go');
    await undoIn(ROUTER);
    assert.equal(await read(ROUTER), ROUTER_SOURCE, 'one undo restores the handler');
  });

  test('Add auth dependency and Add response model on a route, each one undo step', async () => {
    const actions = await refactorsAt(ROUTER, 'async def create_quote');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add auth dependency (current_user: CurrentUserDep)'), titles.join(' | '));
    await waitForRules(ROUTER, (rules) => rules.includes('missing-auth'), 'the missing-auth finding');
    await choose(actions, 'Add auth dependency (current_user: CurrentUserDep)');
    assert.deepEqual(input.errors, []);
    const text = (await read(ROUTER))!;
    assert.match(text, /from app\.deps import CurrentUserDep\n/);
    assert.match(text, /async def create_quote\(payload: dict\[str, Any\], current_user: CurrentUserDep\)/);
    await waitForRules(ROUTER, (rules) => !rules.includes('missing-auth'), 'missing-auth to go');
    await undoIn(ROUTER);
    assert.equal(await read(ROUTER), ROUTER_SOURCE);

    const onGet = await refactorsAt(ROUTER, '@router.get');
    assert.ok(onGet.some((a) => a.title === 'Add response model AuthorPublic'), onGet.map((a) => a.title).join(' | '));
    await choose(onGet, 'Add response model AuthorPublic');
    const withModel = (await read(ROUTER))!;
    assert.match(withModel, /@router\.get\("\/\{author_id\}", response_model=AuthorPublic\)/);
    assert.match(withModel, /from app\.schemas\.author import AuthorPublic\n/);
    await undoIn(ROUTER);
    assert.equal(await read(ROUTER), ROUTER_SOURCE);
  });

  test('Add response model…: picks a class when none is chosen', async () => {
    input = new ScriptedInput({ 'responseModel.class': 'UserPublic' });
    (await api()).setInputForTests(input);
    await choose(await refactorsAt(ROUTER, '@router.get'), 'Add response model…');
    assert.deepEqual(input.errors, []);
    assert.match((await read(ROUTER))!, /response_model=UserPublic\)/);
  });
});
