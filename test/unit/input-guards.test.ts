// The hostile-input guards of generated FastAPI code: a project `init` makes
// today gets bounded ids, storable text/JSON types and a test of every probe;
// a project initialised before the guards existed gets code that imports only
// the helpers it has (init never rewrites an existing file), and no guard test.
import assert from 'node:assert/strict';
import { planInit, planNewResource } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { planAddDto } from '../../src/core/plan/dto';
import { resultingText } from '../../src/core/plan/editPlan';

const FIELDS = 'title:str:max=200 body:text? price:decimal rating:float? meta:json? tags:list[str]=[] author:ref(Author)';

async function initProject(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const change of (await planInit(memoryFileView(files), { projectName: 'guards' })).changes) files.set(change.path, resultingText(change));
  return files;
}

async function addResources(files: Map<string, string>): Promise<Map<string, string>> {
  for (const [name, fields] of [['Author', 'name:str'], ['Book', FIELDS]] as const) {
    const { plan } = await planNewResource(memoryFileView(files), { name, fields, auth: 'writes' });
    for (const change of plan.changes) files.set(change.path, resultingText(change));
  }
  return files;
}

/** The project as `init` wrote it before the guards: no helper types, no IdType, no body limit, the default 422 handler. */
function withoutGuards(files: Map<string, string>): Map<string, string> {
  const strip = (path: string, pattern: RegExp) => files.set(path, files.get(path)!.replace(pattern, ''));
  strip('app/schemas/common.py', /^(MAX_ID|RecordId|SafeStr|JsonData) = .*\n/gm);
  strip('app/db.py', /^IdType = .*\n/m);
  strip('app/models/user.py', /, IdType|IdType, /g);
  strip('app/errors.py', /validation_exception_handler/g);
  strip('app/settings.py', /^ {4}max_body_bytes: .*\n/m);
  files.delete('app/body_limit.py');
  return files;
}

/** Names a module imports from app.schemas.common / app.db that those modules do not define. */
function undefinedImports(files: Map<string, string>, module: string): string[] {
  const source = files.get(`${module.replace(/\./g, '/')}.py`)!;
  const missing: string[] = [];
  for (const [path, text] of files) {
    if (!path.endsWith('.py')) continue;
    const m = new RegExp(`^from ${module.replace(/\./g, '\\.')} import (.+)$`, 'm').exec(text);
    for (const name of m?.[1]!.split(',').map((n) => n.trim()) ?? []) {
      if (!new RegExp(`^(${name} = |class ${name}\\b|def ${name}\\b|async def ${name}\\b)`, 'm').test(source)) missing.push(`${path}: ${name}`);
    }
  }
  return missing;
}

describe('input guards in generated FastAPI code', () => {
  it('a project init makes today: bounded ids, storable types, BIGINT keys and a hostile-input test', async () => {
    const files = await addResources(await initProject());
    const schemas = files.get('app/schemas/book.py')!;
    assert.match(schemas, /^BookTitle = Annotated\[SafeStr, Field\(max_length=200\)\]$/m);
    assert.match(schemas, /^ {4}meta: JsonData \| None = None$/m);
    assert.match(schemas, /^ {4}tags: list\[SafeStr\] = \[\]$/m);
    assert.match(schemas, /^ {4}author_id: RecordId$/m);
    assert.match(schemas, /allow_inf_nan=False/);
    assert.match(files.get('app/models/book.py')!, /id: Mapped\[int\] = mapped_column\(IdType, primary_key=True\)/);
    const router = files.get('app/routers/books.py')!;
    assert.match(router, /book_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\]/);
    assert.match(router, /offset: Annotated\[int, Query\(ge=0, le=MAX_ID\)\] = 0/);
    assert.doesNotMatch(router, /async def \w+\(book_id: int\b/);
    const tests = files.get('tests/test_books.py')!;
    assert.match(tests, /^def test_hostile_book_input_is_4xx\(/m);
    for (const probe of ['MAX_ID + 1', '"offset": MAX_ID + 1', 'float("nan")', 'float("inf")', '"a\\x00b"', 'settings.max_body_bytes + 1', 'iter([']) {
      assert.ok(tests.includes(probe), `the hostile-input test sends ${probe}`);
    }
    assert.deepEqual(undefinedImports(files, 'app.schemas.common'), []);
    assert.deepEqual(undefinedImports(files, 'app.db'), []);
    assert.match(files.get('app/main.py')!, /app\.add_middleware\(BodySizeLimitMiddleware, max_bytes=settings\.max_body_bytes\)\napp\.add_middleware\(JsonBodyMiddleware\)\napp\.add_middleware\(UnhandledErrorMiddleware\)\napp\.add_middleware\(RequestLoggingMiddleware\)/);
    assert.match(files.get('.env.example')!, /^MAX_BODY_BYTES=1048576$/m);
    assert.match(tests, /^def test_book_body_must_be_json\(/m);
  });

  it('the 415 test is written only where the project answers non-JSON bodies 415', async () => {
    const without = await initProject();
    without.delete('app/content_type.py');
    const older = await addResources(without);
    assert.doesNotMatch(older.get('tests/test_books.py')!, /body_must_be_json/);
    // Without the other guards, the 415 test still has its import.
    const onlyJson = await addResources(withoutGuards(await initProject()));
    const tests = onlyJson.get('tests/test_books.py')!;
    assert.match(tests, /^def test_book_body_must_be_json\(/m);
    assert.match(tests, /^from json import dumps$/m);
    assert.doesNotMatch(tests, /test_hostile|MAX_ID|max_body_bytes/);
  });

  it('a project initialised before the guards: imports only what it has, and no guard test', async () => {
    const files = await addResources(withoutGuards(await initProject()));
    assert.deepEqual(undefinedImports(files, 'app.schemas.common'), []);
    assert.deepEqual(undefinedImports(files, 'app.db'), []);
    const router = files.get('app/routers/books.py')!;
    assert.match(router, /async def get_book\(book_id: int, repo: RepositoryDep\) -> Book:/);
    assert.doesNotMatch(router, /MAX_ID|Path\(/);
    assert.match(files.get('app/schemas/book.py')!, /^ {4}author_id: int$/m);
    assert.doesNotMatch(files.get('tests/test_books.py')!, /test_hostile|MAX_ID|max_body_bytes/);

    const { plan } = await planAddDto(memoryFileView(files), { name: 'Address', fields: 'street:str tags:list[str]' });
    const dto = resultingText(plan.changes[0]!);
    assert.doesNotMatch(dto, /SafeStr/);
    assert.match(dto, /^ {4}tags: list\[str\]$/m);
  });
});
