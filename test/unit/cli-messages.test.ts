// Bad input to the CLI is one clear line and exit 2 with nothing written, never a
// trace or a generated app that no longer imports: names that Python reads as
// constants or that lose their separator, bounds beyond the column, repeated
// modifiers, escapes in defaults, pasted blobs, the wrong working folder, unquoted
// spaces, and the help text for `check`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { parseFieldSpec } from '../../src/core/request/fields';

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
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-msg-'));
  dirs.push(dir);
  return dir;
}

/** Every file under root with its bytes. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full), fs.readFileSync(full, 'latin1'));
    }
  };
  walk(root);
  return files;
}

/** Exit 2, nothing on stdout, one short `backend-skill: error:` line matching `message`. */
function assertOneLineError(result: Result, message: RegExp, maxLength = 300): void {
  assert.equal(result.code, 2, `exit code (stderr: ${result.err.slice(0, 500)})`);
  assert.equal(result.out, '');
  assert.match(result.err, /^backend-skill: error: [^\n]*\n$/, result.err.slice(0, 500));
  assert.ok(result.err.length <= maxLength, `${result.err.length} characters: ${result.err.slice(0, 200)}…`);
  assert.match(result.err, message);
}

const projects: Record<string, string> = {};

before(async function () {
  this.timeout(30_000);
  for (const framework of ['fastapi', 'express']) {
    const root = tempDir();
    const result = await cli('init', framework, '--root', root);
    assert.equal(result.code, 0, result.err);
    projects[framework] = root;
  }
});

describe('CLI messages', function () {
  this.timeout(20_000);

  /** `new resource` on both targets must refuse with exit 2 and leave the project as it was. */
  async function refusedOnBoth(name: string, fields: string, message: RegExp, maxLength?: number): Promise<void> {
    for (const [framework, root] of Object.entries(projects)) {
      const before = snapshot(root);
      const result = await cli('new', 'resource', name, '--fields', fields, '--root', root);
      assertOneLineError(result, message, maxLength);
      assert.deepEqual(snapshot(root), before, `${framework}: nothing written`);
    }
  }

  it('None, True and False as resource names are refused (they are Python constants as a class name)', async () => {
    for (const name of ['None', 'True', 'False', 'none', 'true']) {
      await refusedOnBoth(name, 'title:str', new RegExp(`resource name "${name}" becomes the Python constant ${name[0]!.toUpperCase()}${name.slice(1)}`));
    }
  });

  it('a-b and a_b are refused (the class AB would be looked up as ab.py), longer words with - or _ work', async () => {
    await refusedOnBoth('a-b', 'title:str', /resource name "a-b" becomes the class AB, whose module would be ab\.py, not a_b\.py/);
    await refusedOnBoth('a_b', 'title:str', /resource name "a_b" becomes the class AB/);
    const root = tempDir();
    assert.equal((await cli('init', 'fastapi', '--root', root)).code, 0);
    for (const name of ['order-line', 'gift_card']) {
      const result = await cli('new', 'resource', name, '--fields', 'title:str', '--root', root);
      assert.equal(result.code, 0, result.err);
    }
    // The module the app imports is the module written.
    const models = fs.readFileSync(path.join(root, 'app/models/__init__.py'), 'utf8');
    for (const [module, cls] of [['order_line', 'OrderLine'], ['gift_card', 'GiftCard']]) {
      assert.match(models, new RegExp(`from app\\.models\\.${module} import ${cls}`));
      assert.ok(fs.existsSync(path.join(root, `app/models/${module}.py`)), `${module}.py written`);
    }
  });

  it('a bound beyond what the column holds is refused instead of failing at import', async () => {
    await refusedOnBoth('Book', 'n:int:max=99999999999999999999', /max=99999999999999999999 is beyond what an int column holds \(at most 9007199254740991\)/);
    await refusedOnBoth('Book', 'n:int:min=-99999999999999999999', /min=-99999999999999999999 is beyond what an int column holds/);
    await refusedOnBoth('Book', 'p:decimal:max=100000000000', /beyond what a decimal column \(12 digits, 2 after the point\) holds/);
    await refusedOnBoth('Book', 't:str:max=1e400', /max=|beyond/);
    // The largest that fits is accepted.
    assert.equal(parseFieldSpec('n:int:max=9007199254740991')[0]!.max, Number.MAX_SAFE_INTEGER);
  });

  it('a modifier given twice is refused', async () => {
    await refusedOnBoth('Book', 'n:int:max=5:max=6', /modifier max is given twice; keep one/);
    await refusedOnBoth('Book', 'n:int:min=1:min=1', /modifier min is given twice/);
    await refusedOnBoth('Book', 't:str:unique:unique', /modifier unique is given twice/);
  });

  it('"\\n", "\\t" in a quoted default are the control characters, kept as escapes in the generated code', async () => {
    const [field] = parseFieldSpec('note:str="a\\nb\\tc\\"d\\\\e"');
    assert.deepEqual(field!.default, { kind: 'literal', value: 'a\nb\tc"d\\e' });
    for (const root of Object.values(projects)) {
      const result = await cli('new', 'resource', 'Memo', '--fields', 'note:str="line one\\nline two"', '--root', root, '--dry-run');
      assert.equal(result.code, 0, result.err);
      // The literal in the generated source is an escape, never a raw line break inside a string.
      assert.match(result.out, /["']line one\\nline two["']/);
      assert.doesNotMatch(result.out, /line one\n/);
    }
  });

  it('a default longer than a str column (VARCHAR(255)) without max= is refused', async () => {
    await refusedOnBoth('Book', `t:str=${'b'.repeat(256)}`, /default is 256 characters, longer than a str column holds without max= \(255\); shorten it, add :max=N, or use text/);
    assert.equal(parseFieldSpec(`t:str=${'b'.repeat(255)}`)[0]!.default?.kind, 'literal');
    assert.equal(parseFieldSpec(`t:text=${'b'.repeat(300)}`)[0]!.default?.kind, 'literal');
  });

  it('a 10,000-character name, field, type, default or project name gives a short message', async () => {
    const blob = 'A'.repeat(10_000);
    await refusedOnBoth(blob, 'title:str', /resource name "A{40}…" is too long \(10000 characters; 50 at most\)/);
    await refusedOnBoth('Book', `${'b'.repeat(10_000)}:int`, /field name/);
    await refusedOnBoth('Book', `t:${'b'.repeat(10_000)}`, /unknown type/);
    await refusedOnBoth('Book', `t:str:max=5=${'b'.repeat(10_000)}`, /max= needs/);
    const init = await cli('init', 'fastapi', '--name', blob, '--root', path.join(tempDir(), 'p'), '--dry-run');
    assertOneLineError(init, /project name "A{79}… is not usable/);
    const dto = await cli('add', 'dto', blob, '--fields', 'title:str', '--root', projects.fastapi!, '--dry-run');
    assertOneLineError(dto, /A…|too long|invalid/);
  });

  it('a name with a line break is echoed on one line', async () => {
    await refusedOnBoth('Bo\nok', 'title:str', /invalid resource name "Bo\\nok"/);
  });

  it('no --root in a folder that is not a project: the message names the folder and --root', async () => {
    const folder = tempDir();
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      const real = fs.realpathSync(folder);
      const matchesFolder = (r: Result) => r.err.includes(folder) || r.err.includes(real);
      const resource = await cli('new', 'resource', 'Book', '--fields', 'title:str');
      assertOneLineError(resource, /not a complete backend-skill FastAPI project .*pass --root DIR/, 600);
      assert.ok(matchesFolder(resource), resource.err);
      const repository = await cli('add', 'repository', '--model', 'app/models/book.py');
      assertOneLineError(repository, /app\/models\/book\.py does not exist \(.* is not a backend-skill project; cd into one or pass --root DIR\)/, 600);
      assert.ok(matchesFolder(repository), repository.err);
      const route = await cli('add', 'route', '--router', 'app/routers/books.py', '--method', 'GET', '--path', '/x');
      assertOneLineError(route, /does not exist.*pass --root DIR/, 600);
      // With --root given, the hint is not repeated.
      const named = await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', folder);
      assertOneLineError(named, /not a complete backend-skill FastAPI project/, 600);
      assert.doesNotMatch(named.err, /pass --root/);
      assert.deepEqual(fs.readdirSync(folder), []);
    } finally {
      process.chdir(cwd);
    }
  });

  it('an unquoted default with a space suggests quoting it', async () => {
    await refusedOnBoth('Book', 'color:str=dark blue', /"blue" looks like the rest of color's default; quote a default with spaces, e\.g\. color:str="dark blue"/);
    // A quoted one is fine, and so is a plain next field.
    assert.equal(parseFieldSpec('color:str="dark blue" size:int')[0]!.default?.kind, 'literal');
    assert.equal(parseFieldSpec('color:str=dark size:int').length, 2);
  });

  it('a failing ref(...) does not list the resource being created among the known ones', async () => {
    await refusedOnBoth('Order', 'buyer:ref(Customer)', /ref\(Customer\): no resource Customer in this project \(known: User\); create it first/);
    await refusedOnBoth('Order', 'parent:ref(Order)', /self-reference|optional/);
    const result = await cli('new', 'resource', 'Order', '--fields', 'other:ref(Nope)', '--root', projects.fastapi!);
    assert.doesNotMatch(result.err, /known:[^)]*Order/);
  });

  it('--help says check covers Python, TypeScript and JavaScript, and what exit 2 means', async () => {
    const help = await cli('--help');
    assert.equal(help.code, 0);
    const checkPart = help.out.slice(help.out.indexOf('\ncheck:'));
    assert.match(checkPart, /Python, TypeScript and JavaScript files/);
    for (const ext of ['.py', '.ts', '.tsx', '.js', '.mjs']) assert.ok(checkPart.includes(ext), ext);
    assert.doesNotMatch(help.out, /Python files only|in Python files \(/);
    assert.match(checkPart, /2 on a usage error or when a file named on the command line could not be checked/);
  });
});
