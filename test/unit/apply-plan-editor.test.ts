// The editor's apply through the fake `vscode`: a plan becomes one WorkspaceEdit,
// and an edit whose documents changed since planning (text or version, even a
// keystroke while the edit is being built) or whose created files appeared is
// refused with one message, before anything is applied.
import { fake, Uri } from '../support/fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscodeTypes from 'vscode';
import { PlanError, planInit, planNewResource, type EditPlan } from '../../src/core/index';
import { applyPlanToDisk, diskFileView } from '../../src/cli/nodeFiles';
import { applyPlan } from '../../src/vscode/applyPlan';
import { guarded, type CommandContext } from '../../src/vscode/commands/common';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** An initialised FastAPI project on disk and a plan that creates files and edits two modules. */
async function project(): Promise<{ root: string; plan: EditPlan }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-editor-apply-'));
  dirs.push(root);
  await applyPlanToDisk(root, await planInit(diskFileView(root), { projectName: 'shop' }));
  const { plan } = await planNewResource(diskFileView(root), { name: 'Book', fields: 'title:str', auth: 'writes' });
  return { root, plan };
}

const uriOf = (root: string, rel: string) => Uri.joinPath(Uri.file(root), ...rel.split('/'));
const modified = (plan: EditPlan) => plan.changes.filter((c) => c.kind === 'modify').map((c) => c.path);

describe('editor apply (fake vscode)', () => {
  beforeEach(() => fake.reset());

  it('applies the whole plan as one WorkspaceEdit', async () => {
    const { root, plan } = await project();
    const main = fake.open(uriOf(root, 'app/main.py'), fs.readFileSync(path.join(root, 'app/main.py'), 'utf8'));
    assert.equal(await applyPlan(Uri.file(root) as unknown as vscodeTypes.Uri, plan, 'New Resource', false), true);
    assert.equal(fake.appliedEdits.length, 1);
    const edit = fake.appliedEdits[0]!;
    assert.equal(edit.creates.length, plan.changes.filter((c) => c.kind === 'create').length);
    assert.match(main.getText(), /include_router\(books\.router\)/);
  });

  it('a document edited after planning is refused, nothing applied', async () => {
    const { root, plan } = await project();
    assert.ok(modified(plan).includes('app/main.py'));
    const main = fake.open(uriOf(root, 'app/main.py'), fs.readFileSync(path.join(root, 'app/main.py'), 'utf8'));
    main.setText(main.getText() + '# typed meanwhile\n');
    await assert.rejects(applyPlan(Uri.file(root) as unknown as vscodeTypes.Uri, plan, 'New Resource', false), (e: Error) => e instanceof PlanError && e.message === 'app/main.py changed while planning; nothing was changed — run the command again');
    assert.equal(fake.appliedEdits.length, 0);
  });

  it('a keystroke while the edit is being built (version changed, text maybe the same) is refused', async () => {
    const { root, plan } = await project();
    const paths = modified(plan);
    assert.ok(paths.length >= 2, 'the plan edits two modules');
    const docs = paths.map((p) => fake.open(uriOf(root, p), fs.readFileSync(path.join(root, p), 'utf8')));
    const workspace = (vscodeTypes as unknown as { workspace: { openTextDocument: (uri: Uri) => Promise<unknown> } }).workspace;
    const open = workspace.openTextDocument;
    // When the last edited module is opened, the first one (already mapped) gets a keystroke and its undo.
    workspace.openTextDocument = async (uri: Uri) => {
      if (uri.toString() === docs[docs.length - 1]!.uri.toString()) {
        const text = docs[0]!.getText();
        docs[0]!.setText(text + 'x');
        docs[0]!.setText(text);
      }
      return open(uri);
    };
    try {
      await assert.rejects(applyPlan(Uri.file(root) as unknown as vscodeTypes.Uri, plan, 'New Resource', false), (e: Error) => e instanceof PlanError && e.message.startsWith(`${paths[0]} changed while planning`));
    } finally {
      workspace.openTextDocument = open;
    }
    assert.equal(fake.appliedEdits.length, 0);
  });

  it('a file the plan creates that appeared meanwhile is refused, and the command shows one message', async () => {
    const { root, plan } = await project();
    const created = plan.changes.find((c) => c.kind === 'create')!;
    fs.writeFileSync(path.join(root, created.path), '# someone else\n');
    const shown: string[] = [];
    const ctx = { log: fake.logChannel(), input: () => ({ showError: (m: string) => (shown.push(m), Promise.resolve(undefined)) }) } as unknown as CommandContext;
    await guarded(ctx, 'New Resource', async () => {
      await applyPlan(Uri.file(root) as unknown as vscodeTypes.Uri, plan, 'New Resource', false);
    });
    assert.deepEqual(shown, [`Backend: ${created.path} appeared while planning; nothing was changed — run the command again`]);
    assert.equal(fake.appliedEdits.length, 0);
    assert.equal(fs.readFileSync(path.join(root, created.path), 'utf8'), '# someone else\n');
  });
});
