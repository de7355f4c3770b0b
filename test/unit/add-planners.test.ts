// Edge cases of the Add Route / Add DTO / Add Repository planners, on an
// in-memory project made by init + new resource (the golden files cover the
// full output; these pin the decisions and the error messages).
import assert from 'node:assert/strict';
import { SpecError, InputError, PlanError, inferFieldSpec, planInit, planNewResource, type EditPlan } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { parseRoutePath } from '../../src/core/request/route';
import { planAddDto } from '../../src/core/plan/dto';
import { planAddRepository } from '../../src/core/plan/repository';
import { planAddRoute } from '../../src/core/plan/route';
import { resultingText } from '../../src/core/plan/editPlan';

type Files = Map<string, string>;

async function project(): Promise<Files> {
  const files: Files = new Map();
  apply(files, await planInit(memoryFileView(files), { projectName: 'shop' }));
  apply(files, (await planNewResource(memoryFileView(files), { name: 'Book', fields: 'title:str:max=200', auth: 'writes' })).plan);
  return files;
}

function apply(files: Files, plan: EditPlan): Files {
  for (const change of plan.changes) files.set(change.path, resultingText(change));
  return files;
}

const ROUTER = 'app/routers/books.py';
const count = (text: string, what: string) => text.split(what).length - 1;

/** Resolves to the error a promise rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error');
}

describe('add route planner', () => {
  let files: Files;
  beforeEach(async () => {
    files = await project();
  });

  it('goes after the last route when there is no cursor', async () => {
    const plan = await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/{book_id}/tags/{tag}', auth: false });
    const text = resultingText(plan.changes[0]!);
    assert.ok(text.indexOf('async def get_tags(') > text.indexOf('async def delete_book('));
    assert.match(text, /async def get_tags\(book_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\], tag: str, repo: RepositoryDep\) -> None:/);
    assert.ok(text.endsWith('detail="Not implemented yet")\n'));
    assert.equal(plan.focus?.path, ROUTER);
    assert.ok(text.slice(plan.focus!.offset).startsWith('async def get_tags('));
  });

  it('goes at the cursor when the cursor is between two routes', async () => {
    const source = files.get(ROUTER)!;
    const cursor = source.indexOf('@router.put(') - 1; // the blank line above the PUT route
    const text = resultingText((await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'POST', path: '/{book_id}/copy', auth: false, cursor })).changes[0]!);
    const at = text.indexOf('async def post_copy(');
    assert.ok(at > text.indexOf('async def get_book(') && at < text.indexOf('async def replace_book('));
    assert.match(text, /return await get_or_404\(repo, book_id\)\n\n\n@router\.post\(\n/);
    assert.match(text, /\)\n\n\n@router\.put\(/);
  });

  it('ignores a cursor inside a route or above the first route', async () => {
    const source = files.get(ROUTER)!;
    for (const cursor of [source.indexOf('item = await repo.get'), source.indexOf('def get_repository'), source.indexOf('async def replace_book') + 3]) {
      const text = resultingText((await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/recent', auth: false, cursor })).changes[0]!);
      assert.ok(text.indexOf('async def get_recent(') > text.indexOf('async def delete_book('), `cursor ${cursor}`);
    }
  });

  it('derives path parameters: *_id and id are int, others str, {x:path} str', () => {
    assert.deepEqual(parseRoutePath('/{item_id}/tags/{tag}'), [{ name: 'item_id', type: 'int' }, { name: 'tag', type: 'str' }]);
    assert.deepEqual(parseRoutePath('/{id}/files/{rest:path}'), [{ name: 'id', type: 'int' }, { name: 'rest', type: 'str' }]);
    assert.deepEqual(parseRoutePath(''), []);
    assert.deepEqual(parseRoutePath('/'), []);
  });

  it('explains a bad path with its token and column', () => {
    const described = (path: string): string => {
      try {
        parseRoutePath(path);
      } catch (error) {
        return (error as SpecError).describe();
      }
      return 'no error';
    };
    assert.match(described('/a//b'), /empty path segment .*column 3/);
    assert.match(described('/{Item}'), /invalid path parameter "Item".*token "\{Item\}" at column 2/);
    assert.match(described('/{a}/{a}'), /appears twice.*column 6/);
    assert.throws(() => parseRoutePath('books'), /starts with "\/"/);
    assert.throws(() => parseRoutePath('/x{a}'), /fill a whole segment/);
    assert.throws(() => parseRoutePath('/{class}'), /Python keyword/);
    assert.throws(() => parseRoutePath('/{status}'), /would shadow fastapi's status codes in the handler; rename it, e.g. \{status_value\}/);
    assert.throws(() => parseRoutePath('/x/{repo}'), /would shadow the repository parameter/);
    assert.throws(() => parseRoutePath('/a b'), /may use only letters/);
  });

  it('refuses a method + path the router already serves, whatever the parameter is called', async () => {
    const error = await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'get', path: '/{id}', auth: false }));
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^GET \/\{id\} already exists in app\/routers\/books\.py \(get_book, line \d+\); choose another method or path$/);
    const root = await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'POST', path: '', auth: false }));
    assert.match(root.message, /POST "" already exists .*create_book/);
    // Another method on the same path is fine.
    await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'POST', path: '/{book_id}', auth: false });
  });

  it('adds missing imports once, merged into the existing lines', async () => {
    apply(files, await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/a/{book_id}', auth: true, responseModel: 'UserPublic' }));
    apply(files, await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/b/{book_id}', auth: true, responseModel: 'UserPublic' }));
    const text = files.get(ROUTER)!;
    assert.equal(count(text, 'from app.schemas.user import UserPublic\n'), 1);
    assert.equal(count(text, 'from fastapi import '), 1);
    assert.equal(count(text, 'get_current_user\n'), 1);
    // The second route needed no import at all: only the route itself was inserted.
    const second = await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/c', auth: true, responseModel: 'UserPublic' });
    const change = second.changes[0]!;
    assert.equal(change.kind === 'modify' && change.edits.length, 1);
  });

  it('keeps CRLF line endings and a byte-order mark', async () => {
    const original = '\uFEFFfrom fastapi import APIRouter\r\n\r\nrouter = APIRouter()\r\n';
    files.set('app/routers/crlf.py', original);
    const plan = await planAddRoute(memoryFileView(files), { routerPath: 'app/routers/crlf.py', method: 'GET', path: '/x', auth: false });
    const text = resultingText(plan.changes[0]!);
    assert.ok(text.startsWith('\uFEFFfrom fastapi import APIRouter, HTTPException, status\r\n'));
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.ok(text.slice(plan.focus!.offset).startsWith('async def get_x('));
  });

  it('skips the per-route auth dependency when the whole router requires it', async () => {
    apply(files, (await planNewResource(memoryFileView(files), { name: 'Secret', fields: 'value:str', auth: 'all' })).plan);
    const plan = await planAddRoute(memoryFileView(files), { routerPath: 'app/routers/secrets.py', method: 'POST', path: '/rotate', auth: true });
    assert.ok(!resultingText(plan.changes[0]!).includes('summary="Post rotate",\n    dependencies='));
    assert.ok(plan.notes.some((n) => /already requires a bearer token/.test(n)));
  });

  it('names the handler after the path, avoiding names in use, and checks a given name', async () => {
    const plan = await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/{book_id}', functionName: undefined, auth: false, responseModel: undefined }).catch((e: Error) => e);
    assert.ok(plan instanceof Error); // GET /{book_id} exists
    files.set(ROUTER, files.get(ROUTER)! + '\n\ndef get_books() -> None:\n    pass\n');
    const named = resultingText((await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/all', auth: false })).changes[0]!);
    assert.match(named, /async def get_all\(/);
    const deduped = resultingText((await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/{book_id}/x/{y}', auth: false, functionName: '' })).changes[0]!);
    assert.match(deduped, /async def get_x\(/);
    const fallback = resultingText((await planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'HEAD'.replace('HEAD', 'GET'), path: '/{book_id}/{y}', auth: false })).changes[0]!);
    assert.match(fallback, /async def get_books_2\(/);
    const taken = await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/z', auth: false, functionName: 'get_book' }));
    assert.match(taken.message, /already defines or imports get_book/);
    for (const imported of ['status', 'repository_errors', 'router']) {
      const shadow = await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/z', auth: false, functionName: imported }));
      assert.match(shadow.message, new RegExp(`already defines or imports ${imported}`));
    }
    const bad = await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/z', auth: false, functionName: 'Get-Z' }));
    assert.match(bad.message, /snake_case/);
  });

  it('refuses modules that are not routers, unknown response models and methods', async () => {
    assert.ok((await rejection(planAddRoute(memoryFileView(files), { routerPath: 'app/db.py', method: 'GET', path: '/x', auth: false }))) instanceof PlanError);
    assert.match((await rejection(planAddRoute(memoryFileView(files), { routerPath: 'app/routers/none.py', method: 'GET', path: '/x', auth: false }))).message, /does not exist/);
    assert.match((await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'GET', path: '/x', auth: false, responseModel: 'Nope' }))).message, /Nope is not a class in app\/schemas \(found: .*BookPublic/);
    assert.match((await rejection(planAddRoute(memoryFileView(files), { routerPath: ROUTER, method: 'TRACE', path: '/x', auth: false }))).message, /method must be one of GET, POST, PUT, PATCH, DELETE/);
    files.set('app/routers/broken.py', 'router = APIRouter(\n');
    assert.match((await rejection(planAddRoute(memoryFileView(files), { routerPath: 'app/routers/broken.py', method: 'GET', path: '/x', auth: false }))).message, /syntax error at line/);
  });
});

describe('JSON sample inference', () => {
  it('recognises scalar kinds, lists and nested objects', () => {
    const { spec } = inferFieldSpec(JSON.stringify({
      s: 'x', n: 1, f: 1.5, b: true, dt: '2024-01-02T03:04:05Z', d: '2024-01-02', u: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      e: 'a@example.com', url: 'https://example.com', long: 'x'.repeat(300), tags: ['a'], mixed: [1, 'a'], obj: { a: 1 }, nil: null,
    }));
    assert.equal(spec, 's:str n:int f:float b:bool dt:datetime d:date u:uuid e:email url:url long:text tags:list[str] mixed:json obj:json nil:str?');
  });

  it('unifies the items of an array sample; a key missing from some items is optional', () => {
    const { spec } = inferFieldSpec('[{"a": 1, "b": "x"}, {"a": 2.5}, {"a": 3, "b": "2024-01-01"}]');
    assert.equal(spec, 'a:float b:str?');
  });

  it('renames keys to snake_case, leaves out id, and says so', () => {
    const { spec, notes } = inferFieldSpec('{"id": 1, "firstName": "A", "class": "b", "2fa": true, "json": {}}');
    assert.equal(spec, 'first_name:str class_value:str field_2fa:bool json_value:json');
    assert.ok(notes.includes('"firstName" became first_name'));
    assert.ok(notes.some((n) => n.includes('"id" left out')));
  });

  it('explains invalid JSON with line and column', () => {
    assert.throws(() => inferFieldSpec('{"a": 1,\n  "b" 2}'), (e: InputError) => e.part === 'json' && /line 2, column 7 \(near "2}"\)/.test(e.message));
    assert.throws(() => inferFieldSpec('{"a": }'), /line 1, column 7/);
    assert.throws(() => inferFieldSpec(''), /empty/);
    assert.throws(() => inferFieldSpec('[1, 2]'), /must be a JSON object/);
    assert.throws(() => inferFieldSpec('{}'), /no usable fields/);
    assert.throws(() => inferFieldSpec('{"aB": 1, "a_b": 2}'), /both become the field a_b/);
  });
});

describe('add DTO planner', () => {
  let files: Files;
  beforeEach(async () => {
    files = await project();
  });

  it('creates app/schemas/<name>.py for a new name, with no id on Public', async () => {
    const { plan } = await planAddDto(memoryFileView(files), { name: 'Address', fields: 'street:str city:str' });
    assert.equal(plan.changes[0]!.kind, 'create');
    assert.equal(plan.changes[0]!.path, 'app/schemas/address.py');
    assert.ok(!resultingText(plan.changes[0]!).includes('id: int'));
  });

  it('appends to an existing module and refuses names it already defines', async () => {
    const { plan } = await planAddDto(memoryFileView(files), { name: 'BookSummary', fields: 'title:str', module: 'app/schemas/book.py' });
    const change = plan.changes[0]!;
    assert.equal(change.kind, 'modify');
    assert.ok(resultingText(change).startsWith(files.get('app/schemas/book.py')!.replace(/\n$/, '')));
    const clash = await rejection(planAddDto(memoryFileView(files), { name: 'Book', fields: 'title:str', module: 'app/schemas/book.py' }));
    assert.match(clash.message, /app\/schemas\/book\.py already defines BookBase, BookCreate, BookUpdate, BookPublic, BookTitle; choose another DTO name/);
    // An imported name counts too: a DTO family must not rebind it.
    files.set('app/schemas/book.py', files.get('app/schemas/book.py')!.replace('from pydantic import', 'from app.legacy import (\n    OrderBase as OrderBase,\n)\nfrom pydantic import'));
    const imported = await rejection(planAddDto(memoryFileView(files), { name: 'Order', fields: 'total:int', module: 'app/schemas/book.py' }));
    assert.match(imported.message, /already defines OrderBase;/);
  });

  it('reports a bad field spec or JSON sample with its token, and refuses other modules', async () => {
    const spec = await rejection(planAddDto(memoryFileView(files), { name: 'X', fields: 'a:str b:strr' }));
    assert.ok(spec instanceof InputError && spec.part === 'fields' && /unknown type "strr".*column 7/.test(spec.message));
    const json = await rejection(planAddDto(memoryFileView(files), { name: 'X', json: '{"a": tru}' }));
    assert.ok(json instanceof InputError && json.part === 'json');
    assert.match((await rejection(planAddDto(memoryFileView(files), { name: 'X', fields: 'a:str', module: 'app/models/x.py' }))).message, /not a schemas module/);
    assert.match((await rejection(planAddDto(memoryFileView(files), { name: '9x', fields: 'a:str' }))).message, /^invalid DTO name/);
  });
});

describe('add repository planner', () => {
  let files: Files;
  beforeEach(async () => {
    files = await project();
    files.delete('app/repositories/book.py');
    files.set('app/models/shelf.py', '"""Two models."""\n\nfrom sqlalchemy import ForeignKey\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.db import Base\n\nHELPER = 1\n\n\nclass Shelf(Base):\n    __tablename__ = "shelves"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"))\n    lost_id: Mapped[int] = mapped_column(ForeignKey("lost.id"))\n\n\nclass NotAModel:\n    pass\n');
  });

  it('takes the model around the cursor and registers its foreign keys', async () => {
    const source = files.get('app/models/shelf.py')!;
    const plan = await planAddRepository(memoryFileView(files), { modelPath: 'app/models/shelf.py', cursor: source.indexOf('book_id') });
    const text = resultingText(plan.changes[0]!);
    assert.equal(plan.changes[0]!.path, 'app/repositories/shelf.py');
    assert.match(text, /class ShelfRepository\(Repository\[Shelf\]\):\n    model = Shelf\n    references = \{"book_id": Book\}\n/);
    assert.match(text, /from app\.models\.book import Book\n/);
    assert.ok(plan.notes.some((n) => /lost_id: no model for table lost/.test(n)));
  });

  it('says clearly when no model is under the cursor', async () => {
    const source = files.get('app/models/shelf.py')!;
    for (const cursor of [source.indexOf('HELPER'), source.indexOf('pass')]) {
      const error = await rejection(planAddRepository(memoryFileView(files), { modelPath: 'app/models/shelf.py', cursor }));
      assert.ok(error instanceof InputError);
      assert.equal(error.message, 'no SQLAlchemy model at the cursor in app/models/shelf.py; put the cursor inside a class that sets __tablename__ (models there: Shelf)');
    }
  });

  it('never overwrites a repository module', async () => {
    const plan = await planAddRepository(memoryFileView(files), { modelPath: 'app/models/book.py', className: 'Book' });
    apply(files, plan);
    const again = await rejection(planAddRepository(memoryFileView(files), { modelPath: 'app/models/book.py', className: 'Book' }));
    assert.match(again.message, /app\/repositories\/book\.py already exists; it is not overwritten/);
    assert.match((await rejection(planAddRepository(memoryFileView(files), { modelPath: 'app/models/book.py', className: 'Nope' }))).message, /has no SQLAlchemy model Nope \(models there: Book\)/);
  });
});
