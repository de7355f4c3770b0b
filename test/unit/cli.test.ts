// The CLI end to end on temporary directories: init, new resource, --dry-run, and errors that write nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';

interface Result {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Result> {
  let out = '';
  let err = '';
  const code = await run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-cli-'));
  dirs.push(dir);
  return dir;
}

/** Every file under root (relative, forward slashes) with its content and mtime. */
function snapshot(root: string): Map<string, { content: string; mtimeMs: number }> {
  const files = new Map<string, { content: string; mtimeMs: number }>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), { content: fs.readFileSync(full, 'utf8'), mtimeMs: fs.statSync(full).mtimeMs });
    }
  };
  walk(root);
  return files;
}

const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const exists = (root: string, file: string): boolean => fs.existsSync(path.join(root, file));
const count = (text: string, needle: string): number => text.split(needle).length - 1;

/** A fresh directory with `init fastapi` applied. */
async function initProject(): Promise<string> {
  const root = tempDir();
  const result = await cli('init', 'fastapi', '--root', root);
  assert.equal(result.code, 0, result.err);
  return root;
}

/** Assert a usage/input failure: exit 2, nothing on stdout, exactly one `backend-skill: error:` line. */
function assertOneLineError(result: Result, message: RegExp): void {
  assert.equal(result.code, 2, `exit code (stderr: ${result.err})`);
  assert.equal(result.out, '');
  assert.ok(result.err.startsWith('backend-skill: error: '), result.err);
  assert.ok(result.err.endsWith('\n'), 'ends with a newline');
  assert.equal(result.err.trimEnd().split('\n').length, 1, `one line: ${result.err}`);
  assert.match(result.err, message);
}

describe('cli', function () {
  this.timeout(60000);

  after(function () {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('init fastapi', function () {
    it('creates the project skeleton and exits 0', async function () {
      const root = tempDir();
      const result = await cli('init', 'fastapi', '--root', root, '--name', 'shop');
      assert.equal(result.code, 0, result.err);
      assert.equal(result.err, '');
      for (const file of ['app/main.py', 'app/settings.py', 'app/db.py', 'app/deps.py', 'app/models/__init__.py', 'app/models/user.py', 'app/routers/auth.py', 'tests/conftest.py', 'requirements.txt', 'pyproject.toml']) {
        assert.ok(exists(root, file), `${file} created`);
        assert.match(result.out, new RegExp(`created ${file.replace(/[.]/g, '\\.')}\\n`));
      }
      const main = read(root, 'app/main.py');
      assert.match(main, /^app = FastAPI\(/m);
      assert.equal(count(main, 'from app.routers import auth\n'), 1);
      assert.equal(count(main, 'app.include_router(auth.router)'), 1);
      assert.match(read(root, 'pyproject.toml'), /name = "shop"/);
    });

    it('is idempotent: a second run exits 0 and changes no file', async function () {
      const root = await initProject();
      const before = snapshot(root);
      const result = await cli('init', 'fastapi', '--root', root);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /kept app\/main\.py/);
      assert.match(result.out, /nothing to do/);
      assert.doesNotMatch(result.out, /created|updated/);
      assert.deepEqual(snapshot(root), before);
    });

    it('completes a partial project without rewriting existing files', async function () {
      const root = tempDir();
      const customMain = [
        'from fastapi import FastAPI',
        '',
        'app = FastAPI(title="Custom")',
        '',
        '',
        '@app.get("/ping")',
        'def ping():',
        '    return {"pong": True}',
        '',
      ].join('\n');
      const customSettings = '# my own settings\nDEBUG = True\nDATABASE_URL = "sqlite:///custom.db"\n';
      fs.mkdirSync(path.join(root, 'app'));
      fs.writeFileSync(path.join(root, 'app/main.py'), customMain);
      fs.writeFileSync(path.join(root, 'app/settings.py'), customSettings);

      const result = await cli('init', 'fastapi', '--root', root);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /updated app\/main\.py/);
      assert.match(result.out, /kept app\/settings\.py/);
      assert.match(result.out, /app\/main\.py does not create tables at startup/);

      assert.equal(read(root, 'app/settings.py'), customSettings);
      const main = read(root, 'app/main.py');
      assert.equal(count(main, 'from app.routers import auth\n'), 1);
      assert.equal(count(main, 'app.include_router(auth.router)'), 1);
      assert.ok(main.includes('app = FastAPI(title="Custom")'));
      assert.ok(main.includes('@app.get("/ping")\ndef ping():\n    return {"pong": True}\n'));

      // main.py only gained lines: the original lines appear in order, and the other new lines are the wiring (or blank).
      const originalLines = customMain.split('\n').filter((l) => l !== '');
      const mainLines = main.split('\n').filter((l) => l !== '');
      const added: string[] = [];
      let i = 0;
      for (const line of mainLines) {
        if (i < originalLines.length && line === originalLines[i]) i++;
        else added.push(line);
      }
      assert.equal(i, originalLines.length, 'every original line is kept, in order');
      assert.deepEqual(added.sort(), ['app.include_router(auth.router)', 'from app.routers import auth']);
      // The import goes before the app is created, the include after it.
      assert.ok(main.indexOf('from app.routers import auth') < main.indexOf('app = FastAPI('));
      assert.ok(main.indexOf('app.include_router(auth.router)') > main.indexOf('app = FastAPI('));

      for (const file of ['app/db.py', 'app/deps.py', 'app/routers/auth.py', 'app/models/user.py', 'tests/conftest.py']) {
        assert.ok(exists(root, file), `${file} created`);
      }

      // And a second init changes nothing more.
      const before = snapshot(root);
      const again = await cli('init', 'fastapi', '--root', root);
      assert.equal(again.code, 0, again.err);
      assert.deepEqual(snapshot(root), before);
    });

    it('refuses an existing main.py with no FastAPI app, writing nothing', async function () {
      const root = tempDir();
      fs.mkdirSync(path.join(root, 'app'));
      fs.writeFileSync(path.join(root, 'app/main.py'), 'print("hello")\n');
      const before = snapshot(root);
      const result = await cli('init', 'fastapi', '--root', root);
      assertOneLineError(result, /app\/main\.py has no `app = FastAPI\(\.\.\.\)` \(at module level or in an app factory function\)/);
      assert.deepEqual(snapshot(root), before);
    });
  });

  describe('new resource', function () {
    it('creates the resource files and wires the router into main.py once', async function () {
      const root = await initProject();
      const result = await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root);
      assert.equal(result.code, 0, result.err);
      assert.equal(result.err, '');
      for (const file of ['app/models/book.py', 'app/schemas/book.py', 'app/repositories/book.py', 'app/routers/books.py', 'tests/test_books.py']) {
        assert.ok(exists(root, file), `${file} created`);
        assert.match(result.out, new RegExp(`created ${file.replace(/[.]/g, '\\.')}\\n`));
      }
      assert.match(result.out, /updated app\/main\.py/);
      assert.match(result.out, /routes under \/books/);
      const main = read(root, 'app/main.py');
      assert.equal(count(main, 'app.include_router(books.router)'), 1);
      // merged into the existing router import, names sorted
      assert.equal(count(main, 'from app.routers import auth, books\n'), 1);
      assert.equal(count(main, 'app.include_router(auth.router)'), 1);
      assert.match(read(root, 'app/routers/books.py'), /router = APIRouter\(prefix="\/books"/);
      assert.match(read(root, 'app/models/book.py'), /class Book\(Base\):\n\s+__tablename__ = "books"/);
      assert.match(read(root, 'app/models/__init__.py'), /from app\.models\.book import Book/);
    });

    it('refuses a resource that already exists, changing nothing', async function () {
      const root = await initProject();
      assert.equal((await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root)).code, 0);
      const before = snapshot(root);
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root), /already exists/);
      assertOneLineError(await cli('new', 'resource', 'book', '--fields', 'name:str', '--root', root), /resource Book already exists/);
      assert.deepEqual(snapshot(root), before);
    });

    it('refuses a resource whose files exist even when its model class is gone', async function () {
      const root = await initProject();
      assert.equal((await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root)).code, 0);
      fs.writeFileSync(path.join(root, 'app/models/book.py'), '"""emptied"""\n');
      const before = snapshot(root);
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root), /already exists.*app\/routers\/books\.py/);
      assert.deepEqual(snapshot(root), before);
    });

    it('--dry-run prints a unified diff and writes nothing', async function () {
      const root = await initProject();
      const before = snapshot(root);
      const result = await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root, '--dry-run');
      assert.equal(result.code, 0, result.err);
      assert.equal(result.err, '');
      assert.match(result.out, /^--- \/dev\/null\n\+\+\+ b\/app\/routers\/books\.py\n@@ -0,0 \+1,\d+ @@\n/m);
      assert.match(result.out, /^--- a\/app\/main\.py\n\+\+\+ b\/app\/main\.py\n/m);
      assert.match(result.out, /^\+app\.include_router\(books\.router\)$/m);
      assert.match(result.out, /^\+from app\.routers import auth, books$/m);
      assert.match(result.out, /# dry run: \d+ file\(s\) would change under .*; nothing written/);
      assert.deepEqual(snapshot(root), before);
      assert.equal(exists(root, 'app/routers/books.py'), false);
    });

    it('--dry-run on init writes nothing either', async function () {
      const root = tempDir();
      const result = await cli('init', 'fastapi', '--root', root, '--dry-run');
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /^\+\+\+ b\/app\/main\.py$/m);
      assert.deepEqual(fs.readdirSync(root), []);
    });

    it('a bad field spec exits 2 naming the token and column, writing nothing', async function () {
      const root = await initProject();
      const before = snapshot(root);
      const result = await cli('new', 'resource', 'Book', '--fields', 'title:str pages:itn', '--root', root);
      assertOneLineError(result, /--fields: unknown type "itn".*token "pages:itn" at column 11/);
      assert.deepEqual(snapshot(root), before);
    });

    it('a ref to an unknown resource exits 2; a ref to an existing one works', async function () {
      const root = await initProject();
      const before = snapshot(root);
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str author:ref(Nope)', '--root', root), /no resource Nope.*token "author:ref\(Nope\)" at column 11/);
      assert.deepEqual(snapshot(root), before);

      assert.equal((await cli('new', 'resource', 'Author', '--fields', 'name:str', '--root', root)).code, 0);
      const book = await cli('new', 'resource', 'Book', '--fields', 'title:str author:ref(Author)', '--root', root);
      assert.equal(book.code, 0, book.err);
      assert.match(read(root, 'app/models/book.py'), /author_id: Mapped\[int\] = mapped_column\(ForeignKey\("authors\.id"/);
    });

    it('a bad resource name exits 2 naming the problem', async function () {
      const root = await initProject();
      const before = snapshot(root);
      assertOneLineError(await cli('new', 'resource', 'Class', '--fields', 'a:str', '--root', root), /resource name "Class" becomes the Python keyword "class"/);
      assertOneLineError(await cli('new', 'resource', 'Series', '--fields', 'a:str', '--root', root), /same singular and plural/);
      assert.deepEqual(snapshot(root), before);
    });

    it('an unknown option, a bad --auth or a missing --fields exits 2', async function () {
      const root = await initProject();
      const before = snapshot(root);
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'a:str', '--bogus', '--root', root), /unknown option --bogus/);
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'a:str', '--auth', 'maybe', '--root', root), /--auth: auth must be one of writes, all, none/);
      assertOneLineError(await cli('new', 'resource', 'Book', '--root', root), /missing --fields/);
      assertOneLineError(await cli('new', 'resource', 'Book', 'title:str', '--fields', 'a:str', '--root', root), /unexpected argument "title:str"/);
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields'), /--fields needs a value/);
      assert.deepEqual(snapshot(root), before);
    });

    it('in an empty directory exits 2 and says to run init', async function () {
      const root = tempDir();
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root), /run `backend-skill init fastapi`/);
      assert.deepEqual(fs.readdirSync(root), []);
    });

    it('with a --root that does not exist exits 2 and creates nothing', async function () {
      const root = path.join(tempDir(), 'missing');
      assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root), /does not exist/);
      assert.equal(fs.existsSync(root), false);
    });

    it('--auth all protects the whole router', async function () {
      const root = await initProject();
      assert.equal((await cli('new', 'resource', 'Book', '--fields', 'title:str', '--auth', 'all', '--root', root)).code, 0);
      const router = read(root, 'app/routers/books.py');
      assert.match(router, /^router = APIRouter\(prefix="\/books", tags=\["books"\], dependencies=\[Depends\(get_current_user\)\]\)$/m);
    });

    it('--auth writes (the default) protects only the write routes', async function () {
      const root = await initProject();
      assert.equal((await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root)).code, 0);
      const router = read(root, 'app/routers/books.py');
      assert.match(router, /^router = APIRouter\(prefix="\/books", tags=\["books"\]\)$/m);
      // Each route decorator: `@router.METHOD(` up to its closing `)` line.
      const decorators = [...router.matchAll(/^@router\.(\w+)\(\n([\s\S]*?)^\)$/gm)].map((m) => ({ method: m[1]!, body: m[2]! }));
      assert.deepEqual(decorators.map((d) => d.method), ['post', 'get', 'get', 'put', 'patch', 'delete']);
      for (const { method, body } of decorators) {
        assert.equal(body.includes('dependencies=[Depends(get_current_user)]'), method !== 'get', `${method} protected only if it writes`);
      }
    });

    it('--auth none leaves get_current_user out of the router', async function () {
      const root = await initProject();
      const result = await cli('new', 'resource', 'Book', '--fields', 'title:str', '--auth', 'none', '--root', root);
      assert.equal(result.code, 0, result.err);
      const router = read(root, 'app/routers/books.py');
      assert.match(router, /^router = APIRouter\(prefix="\/books", tags=\["books"\]\)$/m);
      assert.equal(router.includes('get_current_user'), false);
    });

    it('--owned and --auth admin reach the generator; contradictions exit 2 writing nothing', async function () {
      const root = await initProject();
      const owned = await cli('new', 'resource', 'Note', '--fields', 'title:str', '--owned', '--root', root);
      assert.equal(owned.code, 0, owned.err);
      assert.match(owned.out, /every route scoped to the signed-in owner/);
      assert.match(read(root, 'app/models/note.py'), /owner_id: Mapped\[int\]/);
      assert.equal((await cli('new', 'resource', 'Category', '--fields', 'label:str', '--auth', 'admin', '--root', root)).code, 0);
      assert.match(read(root, 'app/routers/categories.py'), /dependencies=\[Depends\(get_current_superuser\)\]/);
      const before = snapshot(root);
      assertOneLineError(await cli('new', 'resource', 'Memo', '--fields', 'a:str', '--owned', '--auth', 'none', '--root', root), /^backend-skill: error: --owned: rows are scoped to the signed-in user/);
      assertOneLineError(await cli('new', 'resource', 'Memo', '--fields', 'owner_id:int', '--owned', '--root', root), /--fields: --owned adds owner_id itself/);
      assertOneLineError(await cli('new', 'resource', 'Memo', '--fields', 'a:str', '--owned=yes', '--root', root), /--owned takes no value/);
      assert.deepEqual(snapshot(root), before);
    });

    it('refuses a main.py with a syntax error, writing nothing', async function () {
      const root = await initProject();
      fs.appendFileSync(path.join(root, 'app/main.py'), '\ndef broken(:\n    pass\n');
      const before = snapshot(root);
      const result = await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root);
      assertOneLineError(result, /app\/main\.py has a syntax error at line \d+, column \d+/);
      assert.deepEqual(snapshot(root), before);
      assert.equal(exists(root, 'app/routers/books.py'), false);
    });

    it('names a multi-word resource OrderLine: /order-lines in app/routers/order_lines.py', async function () {
      const root = await initProject();
      const result = await cli('new', 'resource', 'OrderLine', '--fields', 'qty:int:min=1', '--root', root);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /routes under \/order-lines/);
      const router = read(root, 'app/routers/order_lines.py');
      assert.match(router, /^router = APIRouter\(prefix="\/order-lines", tags=\["order-lines"\]/m);
      assert.match(router, /"\/\{order_line_id\}"/);
      assert.ok(exists(root, 'app/models/order_line.py'));
      assert.ok(exists(root, 'tests/test_order_lines.py'));
      assert.match(read(root, 'app/models/order_line.py'), /__tablename__ = "order_lines"/);
      assert.equal(count(read(root, 'app/main.py'), 'app.include_router(order_lines.router)'), 1);
    });
  });

  describe('usage', function () {
    it('--version prints the package version', async function () {
      const result = await cli('--version');
      assert.equal(result.code, 0);
      assert.match(result.out, /^\d+\.\d+\.\d+\n$/);
    });

    it('no arguments prints usage and exits 2; --help exits 0', async function () {
      const none = await cli();
      assert.equal(none.code, 2);
      assert.match(none.out, /^Usage:/);
      const help = await cli('--help');
      assert.equal(help.code, 0);
      assert.match(help.out, /backend-skill new resource NAME --fields "SPEC"/);
    });

    it('an unknown command or init target exits 2', async function () {
      assertOneLineError(await cli('frobnicate'), /unknown command "frobnicate"/);
      assertOneLineError(await cli('init', 'django', '--root', tempDir()), /init needs a target: backend-skill init fastapi or backend-skill init express \(got django\)/);
    });
  });
});
