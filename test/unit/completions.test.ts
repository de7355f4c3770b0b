// Route completions in FastAPI router modules (the pure core part): what is
// offered where, the imports added (merged, never duplicated), and that the
// accepted route parses and passes the project's own rules. Runs against the
// checked-in sample workspace (init fastapi + new resource Author).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fastapiRouteCompletions, readRouteCompletionFacts, type RouteCompletion, type RouteCompletionFacts } from '../../src/core/complete/fastapiRoutes';
import { applyEdits, collectProjectFacts } from '../../src/core/index';
import { analyzePython } from '../../src/core/analysis/engine';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';
import { memoryFileView } from '../../src/core/files';
import { expandSnippet } from '../support/snippets';

const WORKSPACE = resolve(__dirname, '../../../test/host/workspace');
const ROUTER = 'app/routers/authors.py';

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.py')) files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** What accepting the item does: the snippet (with its defaults) in place of the typed text, plus its import edits. */
function accept(source: string, item: RouteCompletion): string {
  return applyEdits(source, [...item.additionalEdits, { ...item.replace, text: expandSnippet(item.snippet) }]);
}

async function completionsAt(source: string, marker: string, facts: RouteCompletionFacts, path = ROUTER): Promise<{ items: RouteCompletion[]; offset: number }> {
  const offset = source.lastIndexOf(marker) + marker.length;
  assert.ok(offset >= marker.length, `marker ${JSON.stringify(marker)} not found`);
  return { items: await fastapiRouteCompletions(source, offset, facts, path), offset };
}

async function assertParses(code: string): Promise<void> {
  const tree = await parsePython(code);
  try {
    assert.equal(firstSyntaxError(tree), undefined, code);
  } finally {
    tree.delete();
  }
}

describe('route completions (FastAPI)', () => {
  let files: Map<string, string>;
  let facts: RouteCompletionFacts;
  let router: string;

  before(async () => {
    files = readTree(WORKSPACE);
    facts = await readRouteCompletionFacts(memoryFileView(files));
    router = files.get(ROUTER)!;
  });

  it('reads the workspace: schema classes, models, Annotated dependencies and helpers with their modules', () => {
    assert.equal(facts.schemas.get('AuthorPublic'), 'app.schemas.author');
    assert.equal(facts.schemas.get('UserPublic'), 'app.schemas.user');
    assert.equal(facts.models.get('Author'), 'app.models.author');
    assert.equal(facts.dependencies.get('CurrentUserDep'), 'app.deps');
    assert.equal(facts.dependencies.get('SessionDep'), 'app.deps');
    assert.ok(!facts.dependencies.has('_unauthorized'), 'private names are not offered');
    assert.equal(facts.helpers.get('repository_errors'), 'app.errors');
  });

  it('offers every method with the router variable, its prefix and the resource DTOs; CurrentUserDep on writes, imported once', async () => {
    const source = `${router}\n\n@router.p`;
    const { items } = await completionsAt(source, '@router.p', facts);
    assert.deepEqual(items.map((i) => i.label), ['@router.post ""', '@router.get ""', '@router.get /{author_id}', '@router.put /{author_id}', '@router.patch /{author_id}', '@router.delete /{author_id}']);
    assert.match(items[2]!.detail, /^GET \/authors\/\{author_id\}: get one/);
    const post = items[0]!;
    assert.match(post.snippet, /async def \$\{2:create_author\}\(payload: AuthorCreate, repo: RepositoryDep, current_user: CurrentUserDep\) -> Author:/);
    assert.doesNotMatch(items[1]!.preview, /CurrentUserDep/, 'reads stay open (auth on writes)');
    const result = accept(source, post);
    await assertParses(result);
    assert.match(result, /^from app\.deps import CurrentUserDep, SessionDep, get_current_user$/m, 'merged into the existing import');
    assert.equal(result.split('from app.deps import').length, 2);
    assert.ok(result.endsWith('    with repository_errors():\n        return await repo.create(payload)\n'), result.slice(-200));
    // Accepting a second route adds nothing to the imports.
    const again = await completionsAt(`${result}\n\n@router.pa`, '@router.pa', facts);
    const patch = again.items.find((i) => i.label.startsWith('@router.patch'))!;
    assert.deepEqual(patch.additionalEdits, [], 'everything it needs is imported already');
  });

  it('the accepted route passes the project rules (missing-auth sees CurrentUserDep) and reuses get_or_404', async () => {
    const source = `${router}\n\ndel`;
    const { items } = await completionsAt(source, 'del', facts);
    const del = items.find((i) => i.label.startsWith('@router.delete'))!;
    const result = accept(source, del).replace('async def delete_author(', 'async def delete_author_again(').replace('"/{author_id}",\n    status_code=status.HTTP_204', '"/{author_id}/again",\n    status_code=status.HTTP_204');
    assert.match(result, /item = await get_or_404\(repo, author_id\)\n {4}with repository_errors\(\):\n {8}await repo\.delete\(item\)\n$/);
    const project = collectProjectFacts([...files].filter(([p]) => p !== ROUTER).map(([path, text]) => ({ path, source: text })).concat({ path: ROUTER, source: result }));
    const findings = (await analyzePython(ROUTER, result, { project })).findings;
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
  });

  it('nothing inside strings, comments, bodies, brackets or mid-line; nothing outside router modules', async () => {
    const cases: [string, string][] = [
      [`${router}\n\nNOTE = """\nget`, 'get'],
      [`${router}\n\nNOTE = """\nget\n"""\n`, '"""\nget'],
      [`${router}\n\n# get`, '# get'],
      [`${router}\n\n#\nx = 1  # po`, '# po'],
      [`${router}\n\ndef helper():\n    po`, '    po'],
      [`${router}\n\nVALUES = [\npo\n]\n`, '[\npo'],
      [`${router}\n\nx = po`, 'x = po'],
      [`${router}\n\nrouter.get("/x"`, 'router.get("/x'],
      [`${router}\n\npo\n`, '\np'],
    ];
    for (const [source, marker] of cases) {
      const { items } = await completionsAt(source, marker, facts);
      assert.deepEqual(items, [], `offered in: ${JSON.stringify(source.slice(router.length))}`);
    }
    const model = files.get('app/models/author.py')!;
    assert.deepEqual((await completionsAt(`${model}\n\nget`, 'get', facts, 'app/models/author.py')).items, []);
    // The same places outside strings and comments do get routes.
    assert.equal((await completionsAt(`${router}\n\nNOTE = """\n"""\nget`, '"""\nget', facts)).items.length, 6);
    assert.equal((await completionsAt(`${router}\n\n`, `${router}\n\n`, facts)).items.length, 6, 'at an empty line (invoked explicitly)');
  });

  it('in a bare router: typed path parameter, SessionDep and CurrentUserDep, imports merged into a parenthesised list or added in sorted place', async () => {
    const source = `"""Reports."""

from fastapi import (
    APIRouter,
)

from app.schemas.common import error_responses

router = APIRouter(prefix="/reports", tags=["reports"])

pu`;
    const path = 'app/routers/reports.py';
    const { items } = await completionsAt(source, '\npu', facts, path);
    const put = items.find((i) => i.label.startsWith('@router.put'))!;
    assert.ok(put, items.map((i) => i.label).join(', '));
    assert.match(put.snippet, /"\/\{\$\{1:item_id\}\}"/, 'the path parameter is a tab stop');
    assert.match(put.snippet, /async def \$\{2:put_report\}\(\$\{1:item_id\}: int, session: SessionDep, current_user: CurrentUserDep\) -> None:/);
    const result = accept(source, put);
    await assertParses(result);
    assert.ok(result.startsWith(`"""Reports."""

from fastapi import (
    APIRouter,
    HTTPException,
    status,
)

from app.deps import CurrentUserDep, SessionDep
from app.schemas.common import error_responses
`), result);
    const rules = await analyzePython(path, result, { project: collectProjectFacts([...files].map(([p, text]) => ({ path: p, source: text })).concat({ path, source: result })) });
    assert.deepEqual(rules.findings.map((f) => f.rule), []);
  });

  it('a router that requires the user as a whole gets no per-route guard', async () => {
    const source = `from fastapi import APIRouter, Depends

from app.deps import get_current_user

router = APIRouter(prefix="/admin", dependencies=[Depends(get_current_user)])

po`;
    const { items } = await completionsAt(source, '\npo', facts, 'app/routers/admin.py');
    const post = items.find((i) => i.label.startsWith('@router.post'))!;
    assert.doesNotMatch(post.preview, /CurrentUserDep|dependencies=/);
  });
});
