// The route-completion adapter through the fake `vscode`: registration for
// Python with `@` as trigger, items converted to snippet strings, ranges and
// import TextEdits, the workspace facts cached per project and dropped when a
// deps/schemas module changes on disk (the watcher) or in the editor.
import { fake, FakeDocument, Uri, SnippetString, CompletionItemKind, type CompletionItem } from '../support/fakeVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscodeTypes from 'vscode';
import { registerCompletions, RouteCompletions } from '../../src/vscode/completions';
import { expandSnippet } from '../support/snippets';

const SAMPLE = path.resolve(__dirname, '../../../test/host/workspace');
const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) } as unknown as vscodeTypes.CancellationToken;

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyDir(path.join(from, entry.name), path.join(to, entry.name));
    else fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/** What the editor does on accept: the snippet (defaults) over the item's range, then the additional edits. */
function accept(doc: FakeDocument, item: CompletionItem): string {
  const edits = [
    { start: doc.offsetAt(item.range!.start), end: doc.offsetAt(item.range!.end), text: expandSnippet((item.insertText as SnippetString).value) },
    ...(item.additionalTextEdits ?? []).map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })),
  ].sort((a, b) => b.start - a.start);
  let text = doc.getText();
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

describe('route completions adapter (fake vscode)', function () {
  this.timeout(20000);
  let root: string;
  let provider: RouteCompletions;

  beforeEach(() => {
    fake.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-complete-'));
    copyDir(SAMPLE, root);
    fake.folders = [{ uri: Uri.file(root), name: 'sample', index: 0 }];
    provider = new RouteCompletions(fake.logChannel() as unknown as vscodeTypes.LogOutputChannel);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const openRouter = (suffix: string) => {
    const file = path.join(root, 'app/routers/authors.py');
    return fake.open(Uri.file(file), fs.readFileSync(file, 'utf8') + suffix);
  };
  const complete = async (doc: FakeDocument) =>
    (await provider.provideCompletionItems(doc as unknown as vscodeTypes.TextDocument, doc.positionAt(doc.getText().length) as unknown as vscodeTypes.Position, token)) as unknown as CompletionItem[] | undefined;

  it('registers for Python and TypeScript with "@" as a trigger character, and the watcher for the facts', () => {
    const disposable = registerCompletions(fake.logChannel() as unknown as vscodeTypes.LogOutputChannel);
    assert.equal(fake.completionProviders.length, 1);
    assert.deepEqual(fake.completionProviders[0]!.selector, [{ language: 'python' }, { language: 'typescript' }]);
    assert.deepEqual(fake.completionProviders[0]!.triggers, ['@']);
    assert.equal(fake.watchers.length, 1);
    disposable.dispose();
    assert.equal(fake.completionProviders.length, 0);
  });

  it('turns core items into snippet items with ranges and import TextEdits that produce the route', async () => {
    const doc = openRouter('\n\n@router.pa');
    const items = (await complete(doc))!;
    const patch = items.find((i) => i.label.startsWith('@router.patch'))!;
    assert.equal(patch.kind, CompletionItemKind.Snippet);
    assert.ok(patch.insertText instanceof SnippetString);
    assert.equal(doc.getText().slice(doc.offsetAt(patch.range!.start), doc.offsetAt(patch.range!.end)), '@router.pa');
    assert.match(String((patch.documentation as { value: string }).value), /```python\n@router\.patch\(/);
    const result = accept(doc, patch);
    assert.match(result, /^from app\.deps import CurrentUserDep, SessionDep, get_current_user$/m);
    assert.match(result, /async def update_author\(\n {4}author_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\],\n {4}payload: AuthorUpdate,\n {4}repo: RepositoryDep,\n {4}current_user: CurrentUserDep,\n\) -> Author:\n {4}item = await get_or_404\(repo, author_id\)\n/);
  });

  it('nothing for a module that never mentions APIRouter, or inside a string', async () => {
    assert.equal(await complete(fake.open(Uri.file(path.join(root, 'app/other.py')), 'x = 1\n\n@router.p')), undefined);
    assert.deepEqual(await complete(openRouter('\n\nDOC = """\n@router.p')), []);
  });

  it('keeps the workspace facts until the watcher reports a dependencies module changed', async () => {
    const disposable = registerCompletions(fake.logChannel() as unknown as vscodeTypes.LogOutputChannel);
    const registered = fake.completionProviders[0]!.provider;
    const deps = path.join(root, 'app/deps.py');
    const postUsesCurrentUser = async () => {
      const doc = openRouter('\n\npo');
      const items = (await registered.provideCompletionItems(doc, doc.positionAt(doc.getText().length), token))!;
      return (items.find((i) => i.label.startsWith('@router.post'))!.insertText as SnippetString).value.includes('CurrentUserDep');
    };
    try {
      assert.equal(await postUsesCurrentUser(), true);
      fs.writeFileSync(deps, fs.readFileSync(deps, 'utf8').replace(/^CurrentUserDep = .*$/m, ''));
      assert.equal(await postUsesCurrentUser(), true, 'cached: no change reported yet');
      fake.fileEvent('change', Uri.file(deps));
      assert.equal(await postUsesCurrentUser(), false, 're-read after the change: the route is guarded with get_current_user instead');
    } finally {
      disposable.dispose();
    }
  });
});
