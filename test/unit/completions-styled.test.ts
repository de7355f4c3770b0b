// Route completions in router modules of projects not laid out by `init`:
// on the fixture projects (SQLModel template, sync feature folders, async
// layers), the offered handlers follow the module's sibling routes — sync or
// async, the session or service dependency and the current user they take,
// the id annotation, response_model= and the project's DTO names — and an
// accepted one parses, passes our rules, and imports only what is missing.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fastapiRouteCompletions, readRouteCompletionFacts, type RouteCompletion } from '../../src/core/complete/fastapiRoutes';
import { applyEdits } from '../../src/core/plan/editPlan';
import { analyzePython } from '../../src/core/analysis/engine';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';
import { diskFileView } from '../../src/cli/nodeFiles';
import { expandSnippet } from '../support/snippets';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/projects');

function accept(source: string, item: RouteCompletion): string {
  return applyEdits(source, [...item.additionalEdits, { ...item.replace, text: expandSnippet(item.snippet) }]);
}

/** The module without the routes handled by `functions` (as if they were not written yet), and `@` typed at its end. */
async function offered(fixture: string, path: string, functions: readonly string[]): Promise<{ source: string; items: RouteCompletion[] }> {
  const view = diskFileView(join(FIXTURES, fixture));
  const facts = await readRouteCompletionFacts(view);
  let original = (await view.readFile(path))!;
  for (const fn of functions) {
    // One decorated handler: from its decorator (no blank-line gap before the def) to the next top-level gap.
    const block = new RegExp(`\\n@router\\.\\w+\\((?:(?!\\n\\n\\n)[^])*?\\n(?:async )?def ${fn}\\([^]*?(?=\\n\\n\\n|$)`);
    assert.match(original, block, `${path} has ${fn}`);
    original = original.replace(block, '');
  }
  const source = `${original.replace(/\n*$/, '\n\n\n')}@`;
  return { source, items: await fastapiRouteCompletions(source, source.length, facts, path) };
}

async function clean(path: string, text: string): Promise<void> {
  const tree = await parsePython(text);
  try {
    assert.equal(firstSyntaxError(tree), undefined);
  } finally {
    tree.delete();
  }
  const { findings } = await analyzePython(path, text);
  assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
}

const byLabel = (items: readonly RouteCompletion[], label: string) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `offered ${label} (got ${items.map((i) => i.label).join(', ')})`);
  return item;
};

describe('route completions in the project style', () => {
  it('SQLModel template router: sync def, SessionDep + CurrentUser on reads too, uuid ids, response_model=ItemPublic returning Any', async () => {
    const path = 'app/api/routes/items.py';
    const { source, items } = await offered('sqlmodel-crud', path, ['read_item', 'delete_item']);
    const get = byLabel(items, '@router.get /{item_id}');
    assert.match(get.preview, /^@router\.get\(\s*"\/\{item_id\}",[^)]*response_model=ItemPublic/m);
    assert.match(get.preview, /^def read_item\(/m);
    assert.match(get.preview, /item_id: uuid\.UUID/);
    assert.match(get.preview, /session: SessionDep/);
    assert.match(get.preview, /current_user: CurrentUser/, 'every sibling read takes the current user');
    assert.match(get.preview, /\) -> Any:/);
    assert.doesNotMatch(get.preview, /async def/);
    assert.deepEqual(items.map((i) => i.label), ['@router.get /{item_id}', '@router.delete /{item_id}'], 'what the module declares is not offered again');
    // Only `status` (the 501 body's) is missing: merged into the module's own fastapi import, nothing else touched.
    assert.deepEqual(get.additionalEdits.map((e) => e.text), ['from fastapi import APIRouter, HTTPException, status\n']);
    await clean(path, accept(source, get));
    const del = byLabel(items, '@router.delete /{item_id}');
    await clean(path, accept(source, del));
  });

  it('async layers: async def, the service dependency instead of a session, int ids, PostRead / list[PostRead]', async () => {
    const path = 'app/api/v1/endpoints/posts.py';
    const { source, items } = await offered('async-layered', path, ['list_posts', 'create_post', 'read_post', 'update_post']);
    const get = byLabel(items, '@router.get /{post_id}');
    assert.match(get.preview, /async def read_post\(/);
    assert.match(get.preview, /post_id: int/);
    assert.match(get.preview, /posts: PostServiceDep/);
    assert.match(get.preview, /current_user: CurrentUser/);
    assert.doesNotMatch(get.preview, /session/);
    assert.match(get.preview, /response_model=PostRead/);
    assert.match(byLabel(items, '@router.get ""').preview, /response_model=list\[PostRead\]/, 'routers included with a prefix declare the collection as ""');
    assert.ok(items.some((i) => i.label === '@router.patch /{post_id}'), 'the project updates with PATCH');
    assert.ok(!items.some((i) => i.label === '@router.put /{post_id}'));
    assert.ok(!items.some((i) => i.label === '@router.delete /{post_id}'), 'delete_post is there already');
    const accepted = accept(source, byLabel(items, '@router.post ""'));
    await clean(path, accepted);
    assert.match(accepted, /^from fastapi import APIRouter, HTTPException, Query, status$/m, 'HTTPException merged into the existing import');
  });

  it('a new router module beside the siblings takes the project-wide habits (uuid ids, response_model=, reads with the user)', async () => {
    const path = 'app/api/routes/projects.py';
    const view = diskFileView(join(FIXTURES, 'sqlmodel-crud'));
    const facts = await readRouteCompletionFacts(view);
    const source = 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/projects", tags=["projects"])\n\n\n@';
    const items = await fastapiRouteCompletions(source, source.length, facts, path);
    const get = byLabel(items, '@router.get /{project_id}');
    assert.match(get.preview, /project_id: uuid\.UUID/);
    assert.match(get.preview, /current_user: CurrentUser/);
    assert.match(get.preview, /^def read_project\(/m);
    const accepted = accept(source, get);
    assert.match(accepted, /^import uuid$/m);
    assert.match(accepted, /^from app\.api\.deps import CurrentUser, SessionDep$/m);
    await clean(path, accepted);
  });

  it('the init layout keeps its own completions (no style value in the facts)', async () => {
    const facts = await readRouteCompletionFacts(diskFileView(resolve(__dirname, '../../../test/host/workspace')));
    assert.equal(facts.style, undefined);
  });

  it('feature folders: sync, Depends(get_db) and the current user as the siblings spell them', async () => {
    const path = 'src/todos/router.py';
    const { source, items } = await offered('feature-folders', path, ['update_todo']);
    const put = items.find((i) => /^@router\.(put|patch) \/\{todo_id\}$/.test(i.label));
    assert.ok(put, items.map((i) => i.label).join(', '));
    assert.match(put.preview, /^def update_todo\(/m);
    assert.match(put.preview, /db: Session = Depends\(get_db\)/);
    assert.match(put.preview, /current_user: User = Depends\(get_current_active_user\)/);
    await clean(path, accept(source, put));
  });
});
