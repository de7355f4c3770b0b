// The CLI on the Express target: init express, framework detection and
// --framework for new resource, the TypeScript reserved words, refusals that
// write nothing, and wiring that keeps the user's src/app.ts as it was.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { detectFramework, parseFieldSpec, planExpressInit, planExpressResource, SpecError } from '../../src/core/index';
import { EXPRESS_DEPENDENCIES, EXPRESS_DEV_DEPENDENCIES } from '../../src/core/emit/express/versions';
import { memoryFileView } from '../../src/core/files';

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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-cli-express-'));
  dirs.push(dir);
  return dir;
}
/** Every suite that makes temp dirs removes them when it ends. */
function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under root with its content. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const exists = (root: string, file: string): boolean => fs.existsSync(path.join(root, file));
const count = (text: string, needle: string): number => text.split(needle).length - 1;

function assertOneLineError(result: Result, message: RegExp): void {
  assert.equal(result.code, 2, `exit code (stderr: ${result.err})`);
  assert.equal(result.out, '');
  assert.match(result.err, /^backend-skill: error: [^\n]*\n$/);
  assert.match(result.err, message);
}

async function initExpress(): Promise<string> {
  const root = tempDir();
  const result = await cli('init', 'express', '--root', root, '--name', 'Book Shop');
  assert.equal(result.code, 0, result.err);
  return root;
}

describe('CLI: Express target', () => {
  after(removeTempDirs);

  it('init express creates the TypeScript project the contract describes', async () => {
    const root = await initExpress();
    for (const file of [
      'package.json', 'tsconfig.json', '.env.example', 'src/config.ts', 'src/db.ts', 'src/errors.ts', 'src/middleware/auth.ts', 'src/middleware/rate-limit.ts',
      'src/middleware/request-log.ts', 'src/app.ts', 'src/server.ts', 'src/migrations.ts', 'src/routes/auth.ts', 'src/schemas/user.ts', 'src/repositories/user.ts',
    ]) assert.ok(exists(root, file), file);
    assert.ok(!exists(root, 'app/main.py'));
    const pkg = JSON.parse(read(root, 'package.json'));
    assert.equal(pkg.name, 'book-shop');
    assert.equal(pkg.type, undefined, 'CommonJS: no "type"');
    assert.deepEqual(pkg.scripts, { build: 'tsc -p .', start: 'node dist/server.js', typecheck: 'tsc -p . --noEmit' });
    assert.equal(pkg.dependencies.express, '5.3.0');
    const tsconfig = JSON.parse(read(root, 'tsconfig.json')).compilerOptions;
    assert.equal(tsconfig.module, 'node16');
    assert.equal(tsconfig.strict, true);
    // Running it again only keeps what is there.
    const again = await cli('init', 'express', '--root', root);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /nothing to do/);
  });

  it('init alone and init fastapi still create FastAPI projects; unknown targets and --framework are refused', async () => {
    const plain = tempDir();
    assert.equal((await cli('init', '--root', plain)).code, 0);
    assert.ok(exists(plain, 'app/main.py') && !exists(plain, 'src/app.ts'));
    const fastapi = tempDir();
    assert.equal((await cli('init', 'fastapi', '--root', fastapi)).code, 0);
    assert.ok(exists(fastapi, 'app/main.py'));
    assertOneLineError(await cli('init', 'koa', '--root', tempDir()), /init needs a target: backend-skill init fastapi or backend-skill init express \(got koa\)/);
    assertOneLineError(await cli('init', 'express', '--framework', 'express', '--root', tempDir()), /--framework does not apply to init/);
  });

  it('new resource detects an Express project and wires the router and the table in', async () => {
    const root = await initExpress();
    const result = await cli('new', 'resource', 'OrderLine', '--fields', 'sku:str:unique quantity:int=1', '--root', root);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /created src\/routes\/order-lines\.ts/);
    for (const file of ['src/routes/order-lines.ts', 'src/schemas/order-line.ts', 'src/repositories/order-line.ts']) assert.ok(exists(root, file), file);
    const app = read(root, 'src/app.ts');
    assert.equal(count(app, "import { orderLinesRouter } from './routes/order-lines';"), 1);
    assert.equal(count(app, "app.use('/order-lines', orderLinesRouter(deps));"), 1);
    assert.ok(app.indexOf("app.use('/order-lines'") < app.indexOf('app.use(notFound)'), 'mounted before the 404 handler');
    assert.ok(app.indexOf("app.use('/auth'") < app.indexOf("app.use('/order-lines'"), 'after the routers already there');
    const migrations = read(root, 'src/migrations.ts');
    assert.match(migrations, /resource: 'OrderLine',\n {4}table: 'order_lines',/);
    assert.ok(migrations.indexOf("table: 'users'") < migrations.indexOf("table: 'order_lines'"));
  });

  it('refuses a resource that exists, and a path or import already in src/app.ts, writing nothing', async () => {
    const root = await initExpress();
    assert.equal((await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root)).code, 0);
    const before = snapshot(root);
    assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root), /resource Book already exists in this project/);
    assertOneLineError(await cli('new', 'resource', 'User', '--fields', 'title:str', '--root', root), /resource User already exists/);
    assert.deepEqual(snapshot(root), before);
    // Files gone but the mount left behind: the app module is not given a second one.
    for (const file of ['src/routes/books.ts', 'src/schemas/book.ts', 'src/repositories/book.ts']) fs.rmSync(path.join(root, file));
    const migrations = read(root, 'src/migrations.ts');
    fs.writeFileSync(path.join(root, 'src/migrations.ts'), migrations.replace(/\n {2}\{\n {4}resource: 'Book'[\s\S]*?\n {2}\},/, ''));
    const app = read(root, 'src/app.ts');
    fs.writeFileSync(path.join(root, 'src/app.ts'), app.replace("import { booksRouter } from './routes/books';\n", ''));
    const beforeMount = snapshot(root);
    assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root), /src\/app\.ts already mounts a router at \/books \(line \d+\)/);
    assert.deepEqual(snapshot(root), beforeMount);
  });

  it('--framework overrides detection and names what is missing', async () => {
    const fastapi = tempDir();
    assert.equal((await cli('init', 'fastapi', '--root', fastapi)).code, 0);
    assertOneLineError(
      await cli('new', 'resource', 'Book', '--fields', 'title:str', '--framework', 'express', '--root', fastapi),
      /not a complete backend-skill Express project \(missing package\.json, src\/app\.ts.*run `backend-skill init express`/,
    );
    const express = await initExpress();
    assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--framework', 'fastapi', '--root', express), /not a complete backend-skill FastAPI project/);
    assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--framework', 'django', '--root', express), /--framework must be one of fastapi, express/);
    // An empty folder gets the FastAPI planner's message, as before.
    assertOneLineError(await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', tempDir()), /run `backend-skill init fastapi`/);
  });

  it('refuses TypeScript reserved words as field and resource names on the Express target only', async () => {
    const root = await initExpress();
    const before = snapshot(root);
    assertOneLineError(await cli('new', 'resource', 'Note', '--fields', 'title:str delete:bool', '--root', root), /--fields: "delete" is a TypeScript reserved word; pick another name, e\.g\. delete_value \(token "delete:bool" at column 11\)/);
    assertOneLineError(await cli('new', 'resource', 'Note', '--fields', 'class:str', '--root', root), /"class" is a Python keyword/);
    assertOneLineError(await cli('new', 'resource', 'Note', '--fields', 'body:txt', '--root', root), /--fields: unknown type "txt"/);
    assertOneLineError(await cli('new', 'resource', 'Note', '--fields', 'author:ref(Writer)', '--root', root), /no resource Writer in this project \(known: User\)/);
    assertOneLineError(await cli('new', 'resource', 'Delete', '--fields', 'title:str', '--root', root), /resource name "Delete" becomes the TypeScript reserved word "delete"/);
    assertOneLineError(await cli('new', 'resource', 'Common', '--fields', 'title:str', '--root', root), /reuse the module name "common" that the project skeleton owns \(src\/\*\/common\.ts\)/);
    assert.deepEqual(snapshot(root), before);
    // FastAPI keeps accepting them: they are not Python keywords.
    assert.deepEqual(parseFieldSpec('delete:bool new:str').map((f) => f.name), ['delete', 'new']);
    assert.throws(() => parseFieldSpec('delete:bool', undefined, 'express'), (e: unknown) => e instanceof SpecError && /TypeScript reserved word/.test(e.message));
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const root = await initExpress();
    const before = snapshot(root);
    const dry = await cli('new', 'resource', 'Book', '--fields', 'title:str', '--root', root, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /\+\+\+ b\/src\/routes\/books\.ts/);
    assert.match(dry.out, /\+  app\.use\('\/books', booksRouter\(deps\)\);/);
    assert.deepEqual(snapshot(root), before);
  });
});

describe('Express project detection', () => {
  const view = (files: Record<string, string>) => memoryFileView(new Map(Object.entries(files)));
  it('tells Express (package.json with express + src/app.ts) from FastAPI and from neither', async () => {
    assert.equal(await detectFramework(view({ 'package.json': '{"dependencies":{"express":"5.3.0"}}', 'src/app.ts': '' })), 'express');
    assert.equal(await detectFramework(view({ 'package.json': '\uFEFF{"devDependencies":{"express":"^5"}}', 'src/app.ts': '' })), 'express');
    assert.equal(await detectFramework(view({ 'package.json': '{"dependencies":{"koa":"2"}}', 'src/app.ts': '' })), undefined);
    assert.equal(await detectFramework(view({ 'package.json': '{not json', 'src/app.ts': '' })), undefined);
    assert.equal(await detectFramework(view({ 'package.json': '{"dependencies":{"express":"5"}}' })), undefined);
    assert.equal(await detectFramework(view({ 'app/main.py': '' })), 'fastapi');
    assert.equal(await detectFramework(view({ 'requirements.txt': 'FastAPI==0.115\n' })), 'fastapi');
    assert.equal(await detectFramework(view({ 'pyproject.toml': '[project]\nname = "x"\n' })), undefined);
  });

  it('plans in memory without touching disk, and refuses a missing migrations array clearly', async () => {
    const files = new Map<string, string>();
    for (const change of (await planExpressInit(memoryFileView(files), { projectName: 'x' })).changes) if (change.kind === 'create') files.set(change.path, change.content);
    files.set('src/migrations.ts', 'export const tables = [];\n');
    await assert.rejects(planExpressResource(memoryFileView(files), { name: 'Book', fields: 'title:str' }), /src\/migrations\.ts has no `const migrations = \[\.\.\.\]` array/);
  });
});

describe('Express dependency versions', () => {
  const repo = path.resolve(__dirname, '../../..');
  it('the generated package.json pins exactly the versions installed here (the runtime test runs against them)', () => {
    const own = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    for (const [name, version] of Object.entries({ ...EXPRESS_DEPENDENCIES, ...EXPRESS_DEV_DEPENDENCIES })) {
      const installed = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
      assert.equal(version, installed, `${name}: generated ${version}, installed ${installed}`);
      const declared = own.dependencies?.[name] ?? own.devDependencies?.[name];
      assert.ok(declared && declared.replace(/^\^/, '') === version, `${name} ${version} is declared by backend-skill (${declared})`);
    }
  });
});

describe('ts-morph loads lazily', () => {
  after(removeTempDirs);
  const repo = path.resolve(__dirname, '../../..');
  /** Run a script in a fresh node process (out/ compiled code), returning its stdout. */
  const fresh = (script: string): string => {
    const result = spawnSync(process.execPath, ['-e', script], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.trim();
  };

  it('the core and the FastAPI planners never load it; the first Express plan does', () => {
    const out = fresh(`
      const core = { ...require('./out/src/core/index.js'), ...require('./out/src/core/files.js'), ...require('./out/src/core/plan/editPlan.js') };
      const loaded = () => Object.keys(require.cache).some((k) => /node_modules[\\/](ts-morph|@ts-morph|typescript)[\\/]/.test(k));
      (async () => {
        const files = new Map();
        const apply = (plan) => { for (const c of plan.changes) files.set(c.path, core.resultingText(c)); };
        apply(await core.planInit(core.memoryFileView(files), { projectName: 'x' }));
        apply((await core.planNewResource(core.memoryFileView(files), { name: 'Book', fields: 'title:str' })).plan);
        const afterFastApi = loaded() || core.tsMorphLoaded();
        const express = new Map();
        for (const c of (await core.planExpressInit(core.memoryFileView(express), { projectName: 'x' })).changes) express.set(c.path, core.resultingText(c));
        const afterInit = loaded();
        await core.planExpressResource(core.memoryFileView(express), { name: 'Book', fields: 'title:str' });
        console.log(JSON.stringify({ afterFastApi, afterInit, afterResource: loaded() && core.tsMorphLoaded() }));
      })();`);
    assert.deepEqual(JSON.parse(out), { afterFastApi: false, afterInit: false, afterResource: true });
  });

  it('the bundles: dist/extension.js and dist/cli.js hold no TypeScript compiler; the CLI requires dist/ts-morph.js on demand', () => {
    const dist = path.join(repo, 'dist');
    if (!fs.existsSync(path.join(dist, 'cli.js'))) throw new Error('dist/ is missing: `npm run build` first (npm test does)');
    for (const bundle of ['extension.js', 'cli.js']) {
      const text = fs.readFileSync(path.join(dist, bundle), 'utf8');
      assert.ok(!text.includes('createSourceFile(fileName, sourceText, languageVersionOrOptions'), `${bundle} must not inline the TypeScript compiler`);
      assert.ok(text.length < 5_000_000, `${bundle} is ${text.length} bytes`);
    }
    assert.match(fs.readFileSync(path.join(dist, 'cli.js'), 'utf8'), /require\("\.\/ts-morph\.js"\)/);
    assert.ok(fs.statSync(path.join(dist, 'ts-morph.js')).size > 5_000_000, 'dist/ts-morph.js holds ts-morph and the compiler');
    assert.match(fs.readFileSync(path.join(repo, '.vscodeignore'), 'utf8'), /^!dist\/ts-morph\.js$/m, 'the extension package ships it');
    // The shipped CLI plans an Express resource through it, from any working directory.
    const root = tempDir();
    const cliRun = (...args: string[]) => spawnSync(process.execPath, [path.join(dist, 'cli.js'), ...args], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 60_000 });
    assert.equal(cliRun('init', 'express', '--root', root).status, 0);
    const made = cliRun('new', 'resource', 'Book', '--fields', 'title:str', '--root', root);
    assert.equal(made.status, 0, made.stderr);
    assert.match(read(root, 'src/app.ts'), /app\.use\('\/books', booksRouter\(deps\)\);/);
  });
});
