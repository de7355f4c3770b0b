// The editor adapters for the analysis, driven through a fake `vscode`
// (test/support/fakeVscode.ts): live diagnostics on open/change/close with
// the debounce, docs-linked codes, settings and config files, excludes,
// quick fixes from the engine's fixes, and the workspace scan.
import { fake, FakeDocument, Uri, applyWorkspaceEdit, WorkspaceEdit, CodeActionKind, type FakeDiagnosticCollection } from '../support/fakeVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscodeTypes from 'vscode';
import { registerAnalysis, type AnalysisFeatures } from '../../src/vscode/analysis';
import { fixToWorkspaceEdit } from '../../src/vscode/analysisEdits';
import { AnalysisWorkspace, placementOf } from '../../src/vscode/analysisWorkspace';

const UNSAFE = 'import uvicorn\n\nuvicorn.run("app.main:app", host="0.0.0.0")\n';
const SAFE = 'import uvicorn\n\nuvicorn.run("app.main:app", host="127.0.0.1")\n';
const EXTENSION = Uri.file('/opt/ext');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` holds (the real extension-host tests poll getDiagnostics the same way). */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('editor analysis (fake vscode)', function () {
  this.timeout(20000);
  let root: string;
  let features: AnalysisFeatures;
  let collection: FakeDiagnosticCollection;

  function write(rel: string, text: string | Buffer): Uri {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return Uri.file(full);
  }
  const uriOf = (rel: string) => Uri.file(path.join(root, rel));
  const diagnostics = (uri: Uri) => collection.get(uri) ?? [];

  beforeEach(function () {
    fake.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-editor-'));
    fake.folders = [{ uri: Uri.file(root), name: 'api', index: 0 }];
    features = registerAnalysis({ extensionUri: EXTENSION as unknown as vscodeTypes.Uri }, fake.logChannel() as unknown as vscodeTypes.LogOutputChannel);
    collection = fake.collections[0]!;
  });

  afterEach(function () {
    features.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates one collection named backend-skill and a quick-fix provider for Python, TypeScript and JavaScript', function () {
    assert.equal(fake.collections.length, 1);
    assert.equal(collection.name, 'backend-skill');
    assert.deepEqual(fake.codeActionProviders[0]!.selector, ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ language })));
    assert.deepEqual((fake.codeActionProviders[0]!.metadata as { providedCodeActionKinds: CodeActionKind[] }).providedCodeActionKinds, [CodeActionKind.QuickFix]);
  });

  it('reports on open with source, a docs-linked code, the severity and the exact range', async function () {
    const uri = write('app/run.py', UNSAFE);
    fake.open(uri, UNSAFE);
    await until(() => diagnostics(uri).length === 1, 'a diagnostic');
    const [d] = diagnostics(uri);
    assert.equal(d!.source, 'backend-skill');
    const code = d!.code as { value: string; target: Uri };
    assert.equal(code.value, 'bind-all-interfaces');
    assert.equal(code.target.toString(), 'file:///opt/ext/dist/docs/rules/bind-all-interfaces.md');
    assert.equal(d!.severity, 1 /* Warning */);
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.line, d!.range.end.character], [2, 33, 2, 42]);
    assert.match(d!.message, /every network interface/);
  });

  it('ignores documents that are not Python', async function () {
    const uri = write('notes.txt', UNSAFE);
    fake.open(uri, UNSAFE, 'plaintext');
    await sleep(50);
    assert.equal(collection.has(uri), false);
  });

  it('updates after edits, debounced per document (~300 ms), and clears on close', async function () {
    const uri = write('app/run.py', SAFE);
    const doc = fake.open(uri, SAFE);
    await until(() => collection.has(uri), 'the first analysis');
    assert.equal(diagnostics(uri).length, 0);
    // Several keystrokes in quick succession: nothing until the document is quiet for the debounce.
    doc.setText(UNSAFE.slice(0, 40));
    await sleep(50);
    doc.setText(UNSAFE);
    await sleep(150);
    assert.equal(diagnostics(uri).length, 0, 'still debouncing');
    await until(() => diagnostics(uri).length === 1, 'the debounced update');
    fake.close(doc);
    assert.equal(collection.has(uri), false, 'cleared on close');
    await sleep(350);
    assert.equal(collection.has(uri), false, 'no late update after close');
  });

  it('drops results of an outdated version', async function () {
    const uri = write('app/run.py', UNSAFE);
    const doc = new FakeDocument(uri, UNSAFE);
    const pending = features.live.update(doc as unknown as vscodeTypes.TextDocument);
    doc.version++; // an edit arrives while the analysis runs; its own (debounced) update comes later
    await pending;
    assert.equal(collection.has(uri), false);
    await features.live.update(doc as unknown as vscodeTypes.TextDocument);
    assert.equal(diagnostics(uri).length, 1);
  });

  it('follows backendSkill.rules, falling back (and logging) on a bad value', async function () {
    const uri = write('app/run.py', UNSAFE);
    fake.open(uri, UNSAFE);
    await until(() => diagnostics(uri).length === 1, 'a diagnostic');
    fake.setSetting('backendSkill.rules', { 'bind-all-interfaces': 'error' });
    await until(() => diagnostics(uri)[0]?.severity === 0, 'severity error');
    fake.setSetting('backendSkill.rules', { 'bind-all-interfaces': 'off' });
    await until(() => diagnostics(uri).length === 0, 'rule off');
    fake.setSetting('backendSkill.rules', { 'bind-all-interfaces': 'loud' });
    await until(() => diagnostics(uri)[0]?.severity === 1, 'default severity again');
    assert.ok(fake.log.some((l) => /^warn backendSkill\.rules: invalid value/.test(l)), fake.log.join('\n'));
  });

  it('honours the config file, with the setting on top, and re-runs when the file changes', async function () {
    write('pyproject.toml', '[tool.backend-skill.rules]\nbind-all-interfaces = "info"\n');
    const uri = write('app/run.py', UNSAFE);
    fake.open(uri, UNSAFE);
    await until(() => diagnostics(uri)[0]?.severity === 2, 'info from pyproject.toml');
    const json = write('.backend-skill.json', JSON.stringify({ rules: { 'bind-all-interfaces': 'error' } }));
    fake.fileEvent('create', json);
    await until(() => diagnostics(uri)[0]?.severity === 0, 'error from .backend-skill.json');
    fake.setSetting('backendSkill.rules', { 'bind-all-interfaces': 'warning' });
    await until(() => diagnostics(uri)[0]?.severity === 1, 'the setting wins');
  });

  it('does not analyse excluded files (defaults and configured)', async function () {
    write('.backend-skill.json', JSON.stringify({ exclude: ['scripts'] }));
    const venv = write('.venv/lib/x.py', UNSAFE);
    const script = write('scripts/dev.py', UNSAFE);
    const app = write('app/run.py', UNSAFE);
    fake.open(venv, UNSAFE);
    fake.open(script, UNSAFE);
    fake.open(app, UNSAFE);
    await until(() => diagnostics(app).length === 1, 'the app file');
    await sleep(50);
    assert.equal(diagnostics(venv).length, 0);
    assert.equal(diagnostics(script).length, 0);
  });

  it('analyses untitled and out-of-folder documents with the defaults', async function () {
    const untitled = Uri.untitled('Untitled-1');
    fake.open(untitled, UNSAFE);
    const loose = Uri.file(path.join(os.tmpdir(), 'loose-backend-skill.py'));
    fake.open(loose, UNSAFE);
    await until(() => diagnostics(untitled).length === 1 && diagnostics(loose).length === 1, 'both');
  });

  it('offers the engine fixes as quick fixes: preferred first, ignore-on-this-line always', async function () {
    const uri = write('app/run.py', UNSAFE);
    const doc = fake.open(uri, UNSAFE);
    await until(() => diagnostics(uri).length === 1, 'a diagnostic');
    const provider = fake.codeActionProviders[0]!.provider;
    const token = { isCancellationRequested: false };
    const actions = await provider.provideCodeActions(doc, diagnostics(uri)[0]!.range, { diagnostics: diagnostics(uri), only: undefined, triggerKind: 1 }, token);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred, a.kind?.value]),
      [
        ['Bind to 127.0.0.1', true, 'quickfix'],
        ['Take the host from the HOST environment variable', false, 'quickfix'],
        ['Ignore bind-all-interfaces on this line', false, 'quickfix'],
      ],
    );
    for (const a of actions) assert.deepEqual(a.diagnostics, [diagnostics(uri)[0]]);
    assert.equal(applyWorkspaceEdit(doc, actions[0]!.edit!), SAFE);
    assert.equal(applyWorkspaceEdit(doc, actions[1]!.edit!), 'import os\nimport uvicorn\n\nuvicorn.run("app.main:app", host=os.environ.get("HOST", "127.0.0.1"))\n');
    assert.equal(applyWorkspaceEdit(doc, actions[2]!.edit!), 'import uvicorn\n\n# backend-skill: ignore[bind-all-interfaces]\nuvicorn.run("app.main:app", host="0.0.0.0")\n');
    // Other sources' diagnostics get nothing from us; a stale range matches nothing.
    const foreign = { ...diagnostics(uri)[0]!, source: 'ruff' };
    assert.deepEqual(await provider.provideCodeActions(doc, foreign.range, { diagnostics: [foreign] }, token), []);
    doc.setText('\n' + UNSAFE);
    assert.deepEqual(await provider.provideCodeActions(doc, foreign.range, { diagnostics: diagnostics(uri) }, token), []);
  });

  it('turns a fix touching other files into one WorkspaceEdit (the .env.example too)', async function () {
    const env = write('.env.example', 'DATABASE_URL=\n');
    const uri = write('app/settings.py', 'SECRET = "x"\n');
    const doc = fake.open(uri, 'SECRET = "x"\n');
    const placement = placementOf(uri as unknown as vscodeTypes.Uri);
    assert.equal(placement.path, 'app/settings.py');
    const plan = {
      changes: [
        { kind: 'modify' as const, path: 'app/settings.py', original: 'SECRET = "x"\n', edits: [{ start: 9, end: 12, text: 'os.environ["SECRET"]' }] },
        { kind: 'modify' as const, path: '.env.example', original: 'DATABASE_URL=\n', edits: [{ start: 14, end: 14, text: 'SECRET=\n' }] },
      ],
      notes: [],
    };
    const edit = (await fixToWorkspaceEdit(doc as unknown as vscodeTypes.TextDocument, placement, plan)) as unknown as WorkspaceEdit;
    assert.deepEqual(edit.edits.map((e) => [e.uri.toString(), e.text]), [
      [uri.toString(), 'os.environ["SECRET"]'],
      [env.toString(), 'SECRET=\n'],
    ]);
    assert.equal(applyWorkspaceEdit(doc, edit), 'SECRET = os.environ["SECRET"]\n');
    // A file that changed since the plan: no edit rather than a wrong one.
    fs.writeFileSync(env.fsPath, 'CHANGED=\n');
    assert.equal(await fixToWorkspaceEdit(doc as unknown as vscodeTypes.TextDocument, placement, plan), undefined);
  });

  it('builds project facts once and updates one file on a watcher event', async function () {
    write('app/settings.py', 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    debug: bool = False\n\n\nsettings = Settings()\n');
    const uri = write('app/run.py', UNSAFE);
    const doc = fake.open(uri, UNSAFE);
    await until(() => diagnostics(uri).length === 1, 'a diagnostic');
    const folder = fake.folders[0] as unknown as vscodeTypes.WorkspaceFolder;
    // A model of its own, to look at the facts.
    const model = new AnalysisWorkspace(fake.logChannel() as unknown as vscodeTypes.LogOutputChannel);
    const facts = await model.facts(folder);
    assert.equal(facts.settings?.module, 'app.settings');
    assert.equal(facts.envExample, undefined);
    const calls = fake.findFilesCalls;
    const env = write('.env.example', 'SECRET_KEY=\n');
    fake.fileEvent('create', env);
    await until(() => model.facts(folder) !== undefined, 'update');
    await sleep(20);
    const after = await model.facts(folder);
    assert.equal(after.envExample, '.env.example');
    assert.equal(fake.findFilesCalls, calls, 'no rescan: the one file was read');
    fs.rmSync(path.join(root, 'app/settings.py'));
    fake.fileEvent('delete', uriOf('app/settings.py'));
    await sleep(20);
    assert.equal((await model.facts(folder)).settings, undefined);
    model.dispose();
    void doc;
  });

  it('re-analyses other open documents only when a saved file changes the project facts', async function () {
    write('app/other.py', 'x = 1\n');
    const uri = write('app/run.py', UNSAFE);
    fake.open(uri, UNSAFE);
    await until(() => diagnostics(uri).length === 1, 'a diagnostic');
    // Let the lazy project scan finish, then forget the result to see whether it comes back.
    await sleep(50);
    collection.delete(uri);
    fs.writeFileSync(path.join(root, 'app/other.py'), 'x = 2\n');
    fake.fileEvent('change', uriOf('app/other.py'));
    await sleep(100);
    assert.equal(collection.has(uri), false, 'an edit that changes no fact re-runs nothing');
    const env = write('.env.example', 'SECRET_KEY=\n');
    fake.fileEvent('create', env);
    await until(() => collection.has(uri), 'a new .env.example changes the facts: open documents re-run');
  });

  it('Scan Workspace fills the Problems view for closed files, keeps live results, reports N findings in M files', async function () {
    write('app/a.py', UNSAFE);
    write('app/b.py', UNSAFE + 'uvicorn.run(app, host="::")\n');
    write('app/clean.py', SAFE);
    write('venv/lib/bad.py', UNSAFE);
    write('app/blob.py', Buffer.from([0, 1, 2, 3]));
    write('web/server.ts', "app.listen(3000, '0.0.0.0');\n");
    write('node_modules/pkg/index.js', "app.listen(3000, '0.0.0.0');\n");
    const openUri = write('app/open.py', UNSAFE);
    const doc = fake.open(openUri, SAFE); // unsaved: the editor text is clean
    await until(() => collection.has(openUri), 'the open document');
    await features.scanWorkspace();
    assert.equal(diagnostics(uriOf('app/a.py')).length, 1);
    assert.equal(diagnostics(uriOf('app/b.py')).length, 2);
    assert.equal(collection.has(uriOf('app/clean.py')), false);
    assert.equal(collection.has(uriOf('venv/lib/bad.py')), false, 'excluded');
    assert.equal(diagnostics(uriOf('web/server.ts')).length, 1, 'TypeScript files are scanned too');
    assert.equal(collection.has(uriOf('node_modules/pkg/index.js')), false, 'node_modules is excluded');
    assert.equal(diagnostics(openUri).length, 0, 'the open document keeps its live (unsaved) result');
    const message = fake.messages.at(-1)!;
    assert.match(message, /^Backend: 4 findings in 3 files \(\d+ ms\)\.$/);
    assert.ok(fake.log.some((l) => /^info scan: 4 findings in 3 files \(\d+ ms\); 6 of 6 files analysed$/.test(l)), fake.log.join('\n'));
    // A scanned closed file is refreshed when it changes on disk, dropped when deleted.
    fs.writeFileSync(path.join(root, 'app/a.py'), SAFE);
    fake.fileEvent('change', uriOf('app/a.py'));
    await until(() => !collection.has(uriOf('app/a.py')), 'refresh after the fix on disk');
    void doc;
  });
});

describe('dist/extension.js (fake vscode)', function () {
  this.timeout(20000);

  it('activates, registers Scan Workspace, and reports diagnostics (from its analysis worker) linked to the docs shipped beside it', async function () {
    fake.reset();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-ext-'));
    try {
      fake.folders = [{ uri: Uri.file(root), name: 'api', index: 0 }];
      const dist = path.resolve(__dirname, '../../../dist');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const extension = require(path.join(dist, 'extension.js')) as { activate(context: unknown): void };
      const subscriptions: { dispose(): void }[] = [];
      extension.activate({ subscriptions, extensionUri: Uri.file(path.dirname(dist)) });
      const declared = (JSON.parse(fs.readFileSync(path.join(path.dirname(dist), 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
      assert.ok(declared.includes('backendSkill.scanWorkspace'));
      assert.deepEqual([...fake.commands.keys()].sort(), declared.sort());
      assert.ok(fake.treeViews.has('backendSkill.routes'), 'the Backend Routes view gets its data provider at activation');
      const file = path.join(root, 'run.py');
      fs.writeFileSync(file, UNSAFE);
      fake.open(Uri.file(file), UNSAFE);
      const collection = fake.collections[0]!;
      await until(() => (collection.get(Uri.file(file)) ?? []).length === 1, 'a diagnostic from the bundle');
      // The bundle runs the rules on the worker thread shipped beside it (dist/analysis-worker.js).
      assert.ok(fake.log.includes('info analysis runs on a worker thread'), fake.log.join('\n'));
      const target = (collection.get(Uri.file(file))![0]!.code as { target: Uri }).target;
      assert.ok(fs.existsSync(target.fsPath), `${target.fsPath} is shipped`);
      await fake.commands.get('backendSkill.scanWorkspace')!();
      assert.match(fake.messages.at(-1)!, /^Backend: 1 finding in 1 file \(\d+ ms\)\.$/);
      for (const d of subscriptions) d.dispose();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
