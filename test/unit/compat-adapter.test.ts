// The compatibility diagnostics adapter through the fake `vscode`: a git repo
// made from the FastAPI and Express fixtures in a temp dir, a model edited and
// saved in the editor, the diagnostic on the changed line with the operations
// it breaks, the quick fix applied as a WorkspaceEdit, and the diagnostic gone
// after the next save. Folders without git get nothing (logged once).
import { fake, FakeDocument, Uri, applyWorkspaceEdit, CodeActionKind, DiagnosticSeverity, type FakeDiagnosticCollection } from '../support/fakeVscode';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscodeTypes from 'vscode';
import { registerCompatDiagnostics, COMPAT_SOURCE, type CompatDiagnostics } from '../../src/vscode/compatDiagnostics';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/compat');

function repo(framework: 'fastapi' | 'express', git = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-compat-editor-'));
  fs.cpSync(path.join(FIXTURES, framework), dir, { recursive: true });
  if (git) {
    const run = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
    run('init', '-q', '-b', 'main');
    run('add', '-A');
    run('commit', '-q', '-m', 'base');
  }
  return dir;
}

describe('compat diagnostics adapter (fake vscode)', function () {
  this.timeout(30_000);
  let diagnostics: CompatDiagnostics;
  let collection: FakeDiagnosticCollection;
  const dirs: string[] = [];

  beforeEach(() => {
    fake.reset();
    diagnostics = registerCompatDiagnostics(fake.logChannel() as unknown as vscodeTypes.LogOutputChannel);
    collection = fake.collections.find((c) => c.name === COMPAT_SOURCE)!;
  });
  afterEach(() => diagnostics.dispose());
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function saveEdited(root: string, file: string, from: string, to: string, languageId: string): Promise<FakeDocument> {
    fake.folders = [{ uri: Uri.file(root), name: 'api', index: 0 }];
    const uri = Uri.file(path.join(root, file));
    const doc = fake.open(uri, fs.readFileSync(uri.fsPath, 'utf8'), languageId);
    assert.ok(doc.getText().includes(from));
    doc.setText(doc.getText().replace(from, to));
    fake.save(doc);
    await diagnostics.saved(doc as unknown as vscodeTypes.TextDocument);
    return doc;
  }

  const actions = (doc: FakeDocument, diags: readonly unknown[]) =>
    diagnostics.provideCodeActions(doc as unknown as vscodeTypes.TextDocument, undefined as unknown as vscodeTypes.Range, { diagnostics: diags, only: undefined, triggerKind: 1 } as unknown as vscodeTypes.CodeActionContext);

  it('FastAPI: removing a response field warns on its line; "keep deprecated" fixes it; the next save clears it', async () => {
    const root = repo('fastapi');
    dirs.push(root);
    const doc = await saveEdited(root, 'app/schemas.py', '    id: int\n    email: str\n', '    id: int\n', 'python');
    const diags = collection.get(doc.uri as unknown as Uri) ?? [];
    assert.equal(diags.length, 1, JSON.stringify(diags));
    const d = diags[0]!;
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.equal(d.source, COMPAT_SOURCE);
    assert.match(d.message, /^Removing "email" from UserPublic breaks clients of /);
    for (const op of ['POST /users', 'GET /users/{user_id}']) assert.ok(d.message.includes(op), d.message);
    assert.equal(doc.getText().split('\n')[d.range.start.line - 1], '    id: int');
    const [fix] = await actions(doc, diags);
    assert.ok(fix, 'a quick fix');
    assert.equal(fix.title, 'Keep "email" and mark it deprecated');
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    doc.setText(applyWorkspaceEdit(doc, fix.edit as never));
    assert.ok(doc.getText().includes('    id: int\n    email: str = Field(deprecated=True)\n'));
    fake.save(doc);
    await diagnostics.saved(doc as unknown as vscodeTypes.TextDocument);
    assert.equal(collection.get(doc.uri as unknown as Uri), undefined, 'cleared once compatible');
  });

  it('Express: a new required request property; "make optional" adds .optional()', async () => {
    const root = repo('express');
    dirs.push(root);
    const doc = await saveEdited(root, 'src/schemas/user.ts', '  name: z.string(),\n  nickname', '  name: z.string(),\n  phone: z.string(),\n  nickname', 'typescript');
    const diags = collection.get(doc.uri as unknown as Uri) ?? [];
    assert.equal(diags.length, 1);
    assert.equal(doc.getText().split('\n')[diags[0]!.range.start.line], '  phone: z.string(),');
    const [fix] = await actions(doc, diags);
    assert.equal(fix?.title, 'Make "phone" optional');
    assert.ok(applyWorkspaceEdit(doc, fix.edit as never).includes('  phone: z.string().optional(),\n'));
  });

  it('FastAPI: the versioned-route fix edits the router and the schemas in one WorkspaceEdit; the next save clears it', async () => {
    const root = repo('fastapi');
    dirs.push(root);
    const doc = await saveEdited(root, 'app/schemas.py', '    id: int\n    email: str\n', '    id: int\n', 'python');
    const diags = collection.get(doc.uri as unknown as Uri) ?? [];
    const fix = (await actions(doc, diags)).find((a) => a.title.includes('/v2'));
    assert.ok(fix, 'the versioned-route fix');
    assert.equal(fix.isPreferred, false);
    const router = path.join(root, 'app', 'routers', 'users.py');
    const routerDoc = fake.open(Uri.file(router), fs.readFileSync(router, 'utf8'), 'python');
    doc.setText(applyWorkspaceEdit(doc, fix.edit as never));
    routerDoc.setText(applyWorkspaceEdit(routerDoc, fix.edit as never));
    assert.ok(doc.getText().includes('class UserPublicV1(BaseModel):\n    id: int\n    email: str\n'), doc.getText());
    assert.ok(routerDoc.getText().includes('async def get_user_v1(user_id: int) -> UserPublicV1:'), routerDoc.getText());
    fake.save(routerDoc);
    fake.save(doc);
    await diagnostics.saved(doc as unknown as vscodeTypes.TextDocument);
    assert.equal(collection.entries.size, 0, 'nothing breaks once both shapes are served');
  });

  it('Express: the versioned-route fix edits the router and the schemas in one WorkspaceEdit; the next save clears it', async () => {
    const root = repo('express');
    dirs.push(root);
    const doc = await saveEdited(root, 'src/schemas/user.ts', '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n', 'typescript');
    const diags = collection.get(doc.uri as unknown as Uri) ?? [];
    const fix = (await actions(doc, diags)).find((a) => a.title.includes('/v2'));
    assert.ok(fix, 'the versioned-route fix');
    assert.equal(fix.isPreferred, false);
    const router = path.join(root, 'src', 'routes', 'users.ts');
    const routerDoc = fake.open(Uri.file(router), fs.readFileSync(router, 'utf8'), 'typescript');
    doc.setText(applyWorkspaceEdit(doc, fix.edit as never));
    routerDoc.setText(applyWorkspaceEdit(routerDoc, fix.edit as never));
    assert.ok(doc.getText().includes('export const UserPublicV1 = z.object({\n  id: z.number().int(),\n  email: z.string(),\n'), doc.getText());
    assert.ok(routerDoc.getText().includes("usersRouter.get('/:id', (req, res) => {\n  res.set('Deprecation', 'true');\n"), routerDoc.getText());
    assert.ok(routerDoc.getText().includes("usersRouter.get('/v2/:id', (req, res) => {"), routerDoc.getText());
    fake.save(routerDoc);
    fake.save(doc);
    await diagnostics.saved(doc as unknown as vscodeTypes.TextDocument);
    assert.equal(collection.entries.size, 0, 'nothing breaks once both shapes are served');
  });

  it('a fix made for the saved text is not offered once the document changed again', async () => {
    const root = repo('fastapi');
    dirs.push(root);
    const doc = await saveEdited(root, 'app/schemas.py', '    id: int\n    email: str\n', '    id: int\n', 'python');
    const diags = collection.get(doc.uri as unknown as Uri) ?? [];
    assert.deepEqual((await actions(doc, diags)).map((a) => a.title), [
      'Keep "email" and mark it deprecated',
      'Keep GET /users, POST /users, GET /users/{user_id} as they were (deprecated) and serve the new shapes under /v2',
    ], 'offered for the saved text');
    doc.setText(doc.getText() + '\n# typing…\n');
    assert.deepEqual(await actions(doc, diags), []);
  });

  it('compatible edits and files outside the contract show nothing', async () => {
    const root = repo('fastapi');
    dirs.push(root);
    const doc = await saveEdited(root, 'app/schemas.py', '    name: str\n    nickname', '    name: str\n    phone: str | None = None\n    nickname', 'python');
    assert.equal(collection.entries.size, 0);
    fs.mkdirSync(path.join(root, 'tests'));
    fs.writeFileSync(path.join(root, 'tests', 'test_x.py'), 'x = 1\n');
    const test = fake.open(Uri.file(path.join(root, 'tests', 'test_x.py')), 'x = 1\n');
    await diagnostics.saved(test as unknown as vscodeTypes.TextDocument);
    assert.equal(collection.entries.size, 0);
    void doc;
  });

  it('a folder that is not a git repository: no diagnostics, one log line', async () => {
    const root = repo('fastapi', false);
    dirs.push(root);
    const doc = await saveEdited(root, 'app/schemas.py', '    id: int\n    email: str\n', '    id: int\n', 'python');
    fake.save(doc);
    await diagnostics.saved(doc as unknown as vscodeTypes.TextDocument);
    assert.equal(collection.entries.size, 0);
    assert.equal(fake.log.filter((l) => l.includes('compatibility check skipped')).length, 1, fake.log.join('\n'));
  });
});
