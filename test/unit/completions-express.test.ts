// Route completions in Express router modules (the pure core part), in a
// project made by `init express` + `new resource Author`: the handlers are the
// CRUD router's own text with the module's variables, the mount path from
// src/app.ts, schema imports merged; nothing inside strings, templates,
// comments or other functions. Accepted handlers leave the module free of
// TypeScript syntax errors.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { expressCompletionMayApply, expressRouteCompletions, readExpressCompletionFacts, type ExpressCompletionFacts } from '../../src/core/complete/expressRoutes';
import type { RouteCompletion } from '../../src/core/complete/fastapiRoutes';
import { applyEdits, planExpressInit, planExpressResource } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';
import { expandSnippet } from '../support/snippets';

const ROUTER = 'src/routes/authors.ts';

/** The editor's accept: snippet lines after the first indented like the line, then the import edits. */
function accept(source: string, item: RouteCompletion): string {
  const lineStart = source.lastIndexOf('\n', item.replace.start - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const text = expandSnippet(item.snippet).split('\n').map((l, i) => (i === 0 || !l ? l : indent + l)).join('\n');
  return applyEdits(source, [...item.additionalEdits, { ...item.replace, text }]);
}

function syntaxErrors(code: string): string[] {
  const out = ts.transpileModule(code, { reportDiagnostics: true, fileName: 'm.ts', compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The router with `text` put where its `return router;` line was (the cursor at its end). */
function typedBeforeReturn(router: string, text: string): { source: string; offset: number } {
  const at = router.indexOf('  return router;');
  const source = `${router.slice(0, at)}${text}\n\n${router.slice(at)}`;
  return { source, offset: at + text.length };
}

describe('route completions (Express)', function () {
  this.timeout(30000);
  let files: Map<string, string>;
  let facts: ExpressCompletionFacts;
  let router: string;

  before(async () => {
    files = new Map();
    for (const change of (await planExpressInit(memoryFileView(files), { projectName: 'Shop' })).changes) files.set(change.path, resultingText(change));
    const { plan } = await planExpressResource(memoryFileView(files), { name: 'Author', fields: 'name:str:max=120 bio:text?', auth: 'writes' });
    for (const change of plan.changes) files.set(change.path, resultingText(change));
    facts = await readExpressCompletionFacts(memoryFileView(files));
    router = files.get(ROUTER)!;
  });

  it('reads the schema exports and the mounts of src/app.ts', () => {
    assert.equal(facts.schemas.get('AuthorCreate'), 'src/schemas/author.ts');
    assert.equal(facts.schemas.get('IdParams'), 'src/schemas/common.ts');
    assert.equal(facts.mounts.get('authorsRouter'), '/authors');
  });

  it('offers each method with the module router, repository and auth variables, the mount in the detail', async () => {
    const { source, offset } = typedBeforeReturn(router, '  router.p');
    const items = await expressRouteCompletions(source, offset, facts, ROUTER);
    assert.deepEqual(items.map((i) => i.label), ["router.post '/'", "router.get '/'", "router.get '/:id'", "router.put '/:id'", "router.patch '/:id'", "router.delete '/:id'"]);
    assert.equal(items[2]!.detail, 'GET /authors/:id: get one');
    assert.equal(items[3]!.detail, 'PUT /authors/:id: replace (auth)');
    assert.equal(source.slice(items[0]!.replace.start, items[0]!.replace.end), 'router.p');
    assert.match(items[0]!.snippet, /^router\.post\('\$\{1:\/\}', auth, async \(req, res\) => \{\n {2}const body = AuthorCreate\.parse\(req\.body\);\n {2}res\.status\(201\)\.json\(await authors\.create\(body\)\);\n\}\);\n\$0$/);
    for (const item of items) {
      assert.deepEqual(item.additionalEdits, [], 'the generated router imports everything already');
      const result = accept(source, item);
      assert.deepEqual(syntaxErrors(result), [], result);
    }
  });

  it('uses the names the module chose, and merges missing schema imports (type-only where only a type is read)', async () => {
    const renamed = router
      .replace(/\bauthors\b(?=\.| = new)/g, 'repo')
      .replace('const router = Router();', 'const api = Router();')
      .replace(/\brouter\.(?=post|get|put|patch|delete)/g, 'api.')
      .replace('return router;', 'return api;')
      .replace("import { AuthorCreate, AuthorUpdate, type AuthorsPublic } from '../schemas/author';", "import { AuthorCreate } from '../schemas/author';")
      .replace("import { IdParams, Pagination } from '../schemas/common';\n", '');
    assert.ok(renamed.includes('const api = Router();') && !renamed.includes('IdParams, Pagination'), 'fixture rewritten');
    const at = renamed.indexOf('  return api;');
    const source = `${renamed.slice(0, at)}  \n\n${renamed.slice(at)}`;
    const items = await expressRouteCompletions(source, at + 2, facts, ROUTER);
    const list = items.find((i) => i.label === "api.get '/'")!;
    assert.match(list.snippet, /^api\.get\('\$\{1:\/\}', async \(req, res\) => \{\n {2}const \{ limit, offset \} = Pagination\.parse\(req\.query\);\n {2}const \[data, count\] = await Promise\.all\(\[repo\.list\(limit, offset\), repo\.count\(\)\]\);/);
    const result = accept(source, list);
    assert.match(result, /^import \{ AuthorCreate, type AuthorsPublic \} from '\.\.\/schemas\/author';$/m, 'merged, type-only');
    assert.match(result, /^import \{ Pagination \} from '\.\.\/schemas\/common';$/m, 'a new import line');
    assert.deepEqual(syntaxErrors(result), []);
    const patch = items.find((i) => i.label === "api.patch '/:id'")!;
    const patched = accept(source, patch);
    assert.match(patched, /^import \{ AuthorCreate, AuthorUpdate \} from '\.\.\/schemas\/author';$/m);
    assert.match(patched, /^import \{ IdParams \} from '\.\.\/schemas\/common';$/m);
  });

  it('nothing inside strings, templates, comments, other functions, before the router or mid-line', async () => {
    const cases: string[] = [
      '  const note = `\n  router.p',
      '  /* a comment\n  router.p',
      '  // router.p',
      "  router.get('/x', async (req, res) => {\n    router.p",
      '  const x = [\n    router.p',
      '  const x = router.p',
    ];
    for (const typed of cases) {
      const { source, offset } = typedBeforeReturn(router, typed);
      assert.deepEqual(await expressRouteCompletions(source, offset, facts, ROUTER), [], JSON.stringify(typed));
    }
    const before = router.indexOf('  const router = Router();');
    const early = `${router.slice(0, before)}  get\n${router.slice(before)}`;
    assert.deepEqual(await expressRouteCompletions(early, before + 5, facts, ROUTER), [], 'before the router exists');
    assert.deepEqual(await expressRouteCompletions(files.get('src/app.ts')! + '\nget', files.get('src/app.ts')!.length + 4, facts, 'src/app.ts'), [], 'no router in the module');
    // The same spot with nothing typed, and after a closed comment, does get them.
    assert.equal((await expressRouteCompletions(typedBeforeReturn(router, '  ').source, typedBeforeReturn(router, '  ').offset, facts, ROUTER)).length, 6);
    const closed = typedBeforeReturn(router, '  /* done */\n  ge');
    assert.equal((await expressRouteCompletions(closed.source, closed.offset, facts, ROUTER)).length, 6);
  });

  it('decides from the text alone when no parse is needed (no router, mid-line, after punctuation)', () => {
    const { source, offset } = typedBeforeReturn(router, '  router.p');
    assert.equal(expressCompletionMayApply(source, offset), true);
    assert.equal(expressCompletionMayApply('const x = 1;\nget', 15), false, 'no Router() in the module');
    assert.equal(expressCompletionMayApply(source, offset - 3), false, 'mid-word with text after the cursor');
    const call = typedBeforeReturn(router, '  foo(router.p');
    assert.equal(expressCompletionMayApply(call.source, call.offset), false);
  });
});
