// `backend-skill add route|dto|repository` on a temporary project: the same
// planners as the editor commands, with --dry-run and one-line errors that write nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('CLI add route|dto|repository', () => {
  let root: string;
  const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-add-'));
    assert.equal((await cli('init', 'fastapi', '--root', root)).code, 0);
    assert.equal((await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root)).code, 0);
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('adds a route; --auth writes protects a POST', async () => {
    const r = await cli('add', 'route', '--router', 'app/routers/books.py', '--method', 'post', '--path', '/{book_id}/publish', '--root', root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /updated app\/routers\/books\.py/);
    assert.match(read('app/routers/books.py'), /summary="Post publish",\n    dependencies=\[Depends\(get_current_user\)\],\n\)\nasync def post_publish\(book_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\], repo: RepositoryDep\) -> None:/);
  });

  it('refuses a duplicate route with exit 2 and writes nothing', async () => {
    const before = read('app/routers/books.py');
    const r = await cli('add', 'route', '--router', 'app/routers/books.py', '--method', 'GET', '--path', '/{id}', '--root', root);
    assert.equal(r.code, 2);
    assert.match(r.err, /^backend-skill: error: --path: GET \/\{id\} already exists in app\/routers\/books\.py \(get_book, line \d+\)/);
    assert.equal(read('app/routers/books.py'), before);
  });

  it('adds a DTO from a JSON file, and from a field spec with --dry-run writing nothing', async () => {
    const sample = path.join(root, 'sample.json');
    fs.writeFileSync(sample, '{"street": "Main St 1", "zip": "12345", "verified": true}');
    const r = await cli('add', 'dto', 'Address', '--json', sample, '--root', root);
    assert.equal(r.code, 0, r.err);
    assert.match(read('app/schemas/address.py'), /class AddressBase\(BaseModel\):\n    street: AddressStreet\n    zip: AddressZip\n    verified: bool\n/);
    const dry = await cli('add', 'dto', 'Shelf', '--fields', 'label:str', '--root', root, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /\+\+\+ b\/app\/schemas\/shelf\.py/);
    assert.equal(fs.existsSync(path.join(root, 'app/schemas/shelf.py')), false);
    const bad = await cli('add', 'dto', 'Shelf', '--fields', 'label:strr', '--root', root);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--fields: unknown type "strr"/);
  });

  it('adds a repository for a module\'s only model, and says when the module has none', async () => {
    fs.rmSync(path.join(root, 'app/repositories/book.py'));
    const r = await cli('add', 'repository', '--model', 'app/models/book.py', '--root', root);
    assert.equal(r.code, 0, r.err);
    assert.match(read('app/repositories/book.py'), /class BookRepository\(Repository\[Book\]\):/);
    const none = await cli('add', 'repository', '--model', 'app/db.py', '--root', root);
    assert.equal(none.code, 2);
    assert.match(none.err, /app\/db\.py has no SQLAlchemy model; name the class/);
  });
});
