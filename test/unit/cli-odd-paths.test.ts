// The CLI over odd paths: FIFOs, sockets, devices, /proc, symlink loops, dangling
// links, unreadable files and folders outside the project, each named through every
// flag that takes a path. Every run must end (the CLI runs as a child process, so a
// hang fails on mocha's timeout instead of blocking the test run), with the expected
// exit code, at most one error line and no stack trace, and the project unchanged.
// Files `check` cannot read (over 4 MB, binary, a NUL byte) are counted as skipped.
import * as assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');
const isRoot = process.getuid?.() === 0;

interface Result {
  code: number | null;
  out: string;
  err: string;
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];
const servers: net.Server[] = [];

after(async () => {
  for (const server of servers) await new Promise<void>((done) => server.close(() => done()));
  for (const dir of dirs) {
    // chmod back so the unreadable fixtures can be removed by a non-root user too
    try {
      execFileSync('chmod', ['-R', 'u+rwx', dir]);
    } catch {
      // best effort
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

afterEach(() => {
  // A child still running means the test timed out on a hang: stop it (only the processes this file started).
  for (const child of children) if (child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
  children.clear();
});

/** The CLI as a child process; resolves when it exits (never on its own when it hangs). */
function cliChild(cwd: string, ...argv: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BACKEND_SKILL_DEBUG: '' } });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, out, err });
    });
  });
}

async function cliInProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-odd-'));
  dirs.push(dir);
  return dir;
}

/** Names, kinds and bytes of everything under root (links not followed): the tree a failed run must leave alone. */
function treeHash(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) parts.push(`${full} -> ${fs.readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        parts.push(`${full}/`);
        walk(full);
      } else if (entry.isFile()) parts.push(`${full} ${contentHash(full)}`);
      else parts.push(`${full} special`);
    }
  };
  walk(root);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function contentHash(file: string): string {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return 'unreadable';
  }
}

/** No trace, no "unexpected failure", and when it failed, exactly one error line. */
function assertClean(result: Result, what: string): void {
  assert.doesNotMatch(result.err, /unexpected failure|\n\s+at /, `${what}: ${result.err}`);
  if (result.code === 2) {
    const errors = result.err.split('\n').filter((l) => l.startsWith('backend-skill: error: '));
    assert.equal(errors.length, 1, `${what}: one error line, got ${result.err}`);
    assert.ok(errors[0]!.length < 400, `${what}: short message, got ${errors[0]!.length} characters`);
  }
}

/** The odd things, all inside an initialised FastAPI project (devices and /proc reached through symlinks). */
interface Fixture {
  root: string;
  outside: string;
  /** kind → path relative to the project root */
  odd: Record<string, string>;
}

let fixture: Fixture;

before(async function () {
  this.timeout(30_000);
  const root = tempDir();
  const outside = tempDir();
  const init = await cliInProcess('init', 'fastapi', '--root', root);
  assert.equal(init.code, 0, init.err);
  const at = (rel: string) => path.join(root, rel);
  execFileSync('mkfifo', [at('app/models/fifo.py')]);
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(at('app/models/socket.py'), done));
  servers.push(server);
  fs.symlinkSync('loop_b.py', at('app/models/loop_a.py'));
  fs.symlinkSync('loop_a.py', at('app/models/loop_b.py'));
  fs.symlinkSync('no_such_file.py', at('app/models/dangling.py'));
  fs.symlinkSync('/dev/zero', at('app/models/dev_zero.py'));
  fs.symlinkSync('/dev/null', at('app/models/dev_null.py'));
  fs.symlinkSync('/proc/self/status', at('app/models/proc_status.py'));
  fs.writeFileSync(at('app/models/unreadable.py'), 'x = 1\n');
  fs.chmodSync(at('app/models/unreadable.py'), 0o000);
  fs.mkdirSync(at('app/models/folder.py'));
  fs.writeFileSync(path.join(outside, 'book.py'), 'x = 1\n');
  fs.symlinkSync(path.join(outside, 'book.py'), at('app/models/outside.py'));
  // Sparse: 5 MB long, no disk used. Not in app/models, where every command would (rightly) refuse it.
  fs.mkdirSync(at('big'));
  fs.truncateSync((fs.writeFileSync(at('big/huge.py'), ''), at('big/huge.py')), 5_000_000);
  fixture = {
    root,
    outside,
    odd: {
      fifo: 'app/models/fifo.py',
      socket: 'app/models/socket.py',
      loop: 'app/models/loop_a.py',
      dangling: 'app/models/dangling.py',
      devZero: 'app/models/dev_zero.py',
      devNull: 'app/models/dev_null.py',
      procStatus: 'app/models/proc_status.py',
      unreadable: 'app/models/unreadable.py',
      folder: 'app/models/folder.py',
    },
  };
});

/** Kinds that can never be read as a file: every flag naming one must exit 2. */
const NEVER_A_FILE = ['fifo', 'socket', 'loop', 'dangling', 'devZero', 'devNull', 'folder'] as const;

describe('CLI: odd paths', function () {
  // Each run is a child process (about 0.2 s, more on a loaded machine); a hang fails on this timeout.
  this.timeout(60_000);

  for (const kind of NEVER_A_FILE) {
    it(`every flag that names a file refuses a ${kind} with exit 2, one line, nothing changed`, async () => {
      const { root, odd } = fixture;
      const rel = odd[kind]!;
      const before = treeHash(root);
      const runs: [string, string[]][] = [
        // a folder is a fine thing to check (it is walked), so only the file flags
        ...(kind === 'folder' ? [] : [['check FILE', ['check', rel]] as [string, string[]]]),
        ['add repository --model', ['add', 'repository', '--model', rel, '--root', root]],
        ['add route --router', ['add', 'route', '--router', rel, '--method', 'GET', '--path', '/x', '--root', root]],
        ['add dto --json', ['add', 'dto', 'Payload', '--json', rel, '--root', root]],
        ['check --config', ['check', 'app/main.py', '--config', rel]],
      ];
      for (const [what, argv] of runs) {
        const result = await cliChild(root, ...argv);
        assertClean(result, `${what} ${kind}`);
        assert.equal(result.code, 2, `${what} ${kind}: exit (stderr: ${result.err})`);
      }
      assert.equal(treeHash(root), before, 'the project is unchanged');
    });
  }

  it('a /proc file (a regular file of unknown size) is read to its end and checked', async () => {
    const { root, odd } = fixture;
    const proc = await cliChild(root, 'check', odd.procStatus!);
    assertClean(proc, 'check /proc/self/status');
    assert.equal(proc.code, 0, proc.err);
    assert.match(proc.out, /1 file checked/);
  });

  it('a file over 4 MB named by a flag is refused; the same file inside a scanned folder stops planning with its name', async () => {
    const { root } = fixture;
    for (const argv of [
      ['add', 'repository', '--model', 'big/huge.py', '--root', root],
      ['add', 'dto', 'Payload', '--json', 'big/huge.py', '--root', root],
      ['check', 'big/huge.py'],
    ]) {
      const result = await cliChild(root, ...argv);
      assertClean(result, argv.join(' '));
      assert.equal(result.code, 2, `${argv.join(' ')}: ${result.err}`);
      assert.match(result.err, /5\.0 MB/);
    }
    const project = tempDir();
    assert.equal((await cliInProcess('init', 'fastapi', '--root', project)).code, 0);
    fs.truncateSync((fs.writeFileSync(path.join(project, 'app/models/huge.py'), ''), path.join(project, 'app/models/huge.py')), 5_000_000);
    const before = treeHash(project);
    const result = await cliChild(project, 'new', 'resource', 'Book', '--fields', 'title:str', '--root', project);
    assertClean(result, 'new resource beside a huge model');
    assert.equal(result.code, 2, result.err);
    assert.match(result.err, /app\/models\/huge\.py is 5\.0 MB/);
    assert.equal(treeHash(project), before);
  });

  it('an unreadable file is a one-line refusal (or, as root, simply read)', async () => {
    const { root, odd } = fixture;
    const result = await cliChild(root, 'check', odd.unreadable!);
    assertClean(result, 'check unreadable');
    assert.equal(result.code, isRoot ? 0 : 2, result.err);
    const repo = await cliChild(root, 'add', 'repository', '--model', odd.unreadable!, '--root', root, '--dry-run');
    assertClean(repo, 'add repository unreadable');
    // readable as root: a module without a model class is still refused
    assert.equal(repo.code, 2, repo.err);
  });

  it('a folder walk passes FIFOs, sockets, devices and loops by, and finishes', async () => {
    const { root } = fixture;
    const result = await cliChild(root, 'check', 'app');
    assertClean(result, 'check app');
    assert.notEqual(result.code, 2, result.err);
    assert.match(result.out, /files? checked/);
  });

  it('check walks /proc/self and /dev without hanging', async () => {
    for (const dir of ['/proc/self', '/dev']) {
      const result = await cliChild(fixture.root, 'check', dir);
      assertClean(result, `check ${dir}`);
      assert.equal(result.code, 0, `check ${dir}: ${result.err}`);
    }
  });

  it('init under /proc, under /dev/null, on a FIFO or a symlink loop: exit 2, one line, nothing created', async () => {
    const { root, odd } = fixture;
    const before = treeHash(root);
    for (const target of ['/proc/self/newproj', '/dev/null/newproj', path.join(root, odd.fifo!, 'sub'), path.join(root, odd.loop!), path.join(root, odd.loop!, 'sub'), path.join(root, odd.dangling!, 'sub')]) {
      for (const framework of ['fastapi', 'express']) {
        const result = await cliChild(root, 'init', framework, '--root', target);
        assertClean(result, `init ${framework} --root ${target}`);
        assert.equal(result.code, 2, `init ${framework} --root ${target}: ${result.err}`);
      }
    }
    assert.equal(treeHash(root), before);
  });

  it('new resource with --root on odd paths: exit 2, one line', async () => {
    const { root, odd } = fixture;
    for (const target of ['/proc/self', '/dev/null', path.join(root, odd.fifo!), path.join(root, odd.loop!), path.join(root, odd.dangling!)]) {
      const result = await cliChild(root, 'new', 'resource', 'Book', '--fields', 'title:str', '--root', target);
      assertClean(result, `new resource --root ${target}`);
      assert.equal(result.code, 2, `--root ${target}: ${result.err}`);
    }
  });

  it('a project folder that is a symlink out of the project is refused and nothing is written anywhere', async () => {
    for (const folder of ['app/routers', 'app/models']) {
      const root = tempDir();
      const outside = tempDir();
      assert.equal((await cliInProcess('init', 'fastapi', '--root', root)).code, 0);
      // The real folder moves out; the project keeps a symlink to it.
      fs.cpSync(path.join(root, folder), outside, { recursive: true });
      fs.rmSync(path.join(root, folder), { recursive: true });
      fs.symlinkSync(outside, path.join(root, folder));
      const before = treeHash(root);
      const outsideBefore = treeHash(outside);
      const result = await cliChild(root, 'new', 'resource', 'Book', '--fields', 'title:str', '--root', root);
      assertClean(result, `${folder} symlinked out`);
      assert.equal(result.code, 2, result.err);
      assert.match(result.err, new RegExp(`${folder}/\\w+\\.py resolves to .*outside the project root`));
      assert.equal(treeHash(root), before);
      assert.equal(treeHash(outside), outsideBefore, 'nothing written outside the project');
    }
  });

  it('a pyproject.toml that is a FIFO is a warning and the defaults apply', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'main.py'), 'x = 1\n');
    execFileSync('mkfifo', [path.join(root, 'pyproject.toml')]);
    const result = await cliChild(root, 'check', 'main.py');
    assertClean(result, 'pyproject FIFO');
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /warning: pyproject\.toml is not a regular file.*using the defaults/);
  });
});

describe('CLI: check counts the files it could not check', function () {
  this.timeout(20_000);

  /** A project folder with one clean Python file and the given extra files. */
  function folder(files: Record<string, Buffer | string>): string {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'pyproject.toml'), '[project]\nname = "x"\n');
    fs.writeFileSync(path.join(root, 'clean.py'), 'def add(a: int, b: int) -> int:\n    return a + b\n');
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(root, name), data);
    return root;
  }

  // A real finding hidden behind each way of not being read: padding must not make it pass.
  const finding = 'import subprocess\n\ndef run(cmd: str) -> None:\n    subprocess.run(cmd, shell=True)\n';
  const cases: Record<string, Buffer> = {
    'over 4 MB': Buffer.from(finding + '# padding\n'.repeat(450_000)),
    'binary': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(finding)]),
    'a NUL byte': Buffer.from(finding.replace('None:', 'None:\0')),
  };

  it('the padded finding itself is a finding when the file is readable (the cases can fail)', async () => {
    const root = folder({ 'bad.py': finding });
    const result = await cliInProcess('check', path.join(root, 'bad.py'));
    assert.equal(result.code, 1, result.out + result.err);
  });

  for (const [why, data] of Object.entries(cases)) {
    it(`a named file that is ${why}: a note, counted as skipped, exit 2`, async () => {
      const root = folder({ 'bad.py': data });
      const result = await cliInProcess('check', path.join(root, 'bad.py'));
      assert.equal(result.code, 2, result.out + result.err);
      assert.match(result.out, /0 files checked, 1 skipped/);
      assert.match(result.err, /note: bad\.py: skipped: /);
      assert.match(result.err, /error: .*bad\.py was not checked/);
    });

    it(`a folder holding a file that is ${why}: counted as skipped, the note, and the folder's own result`, async () => {
      const root = folder({ 'bad.py': data });
      const result = await cliInProcess('check', root);
      assert.equal(result.code, 0, result.out + result.err);
      assert.match(result.out, /No problems found \(1 file checked, 1 skipped\)/);
      assert.match(result.err, /note: bad\.py: skipped: /);
    });
  }

  it('JSON and SARIF output keep the exit 2 of a named file that was skipped', async () => {
    const root = folder({ 'bad.py': cases['a NUL byte']! });
    for (const format of ['json', 'sarif']) {
      const result = await cliInProcess('check', path.join(root, 'bad.py'), '--format', format);
      assert.equal(result.code, 2, result.err);
      JSON.parse(result.out);
    }
  });
});

describe('CLI: random odd paths (seeded fuzz)', function () {
  this.timeout(120_000);

  /** A small deterministic PRNG, so a failure names a reproducible case. */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  it('init, new resource, add repository and check on random paths: always an answer, never a trace, never exit 1', async () => {
    const sandbox = tempDir();
    // Three levels deep, and at most two "..": nothing can land outside the sandbox.
    const cwd = path.join(sandbox, 'a', 'b', 'c');
    fs.mkdirSync(cwd, { recursive: true });
    assert.equal((await cliInProcess('init', 'fastapi', '--root', path.join(cwd, 'proj'))).code, 0);
    execFileSync('mkfifo', [path.join(cwd, 'fifo')]);
    fs.symlinkSync('loop2', path.join(cwd, 'loop1'));
    fs.symlinkSync('loop1', path.join(cwd, 'loop2'));
    fs.symlinkSync('/proc/self', path.join(cwd, 'proc'));
    fs.symlinkSync('/dev', path.join(cwd, 'dev'));
    fs.symlinkSync('missing', path.join(cwd, 'dangling'));
    const segments = ['proj', 'app', 'models', 'user.py', 'fifo', 'loop1', 'proc', 'dev', 'dangling', 'null', 'zero', 'fd', 'self', 'new dir', 'ünï', '.', '..', '-x', 'x'.repeat(300), 'a\tb', 'sub'];
    const random = prng(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const randomPath = (): string => {
      const parts: string[] = [];
      let ups = 0;
      for (let n = 1 + Math.floor(random() * 4); parts.length < n; ) {
        const seg = pick(segments);
        if (seg === '..' && ++ups > 2) continue;
        parts.push(seg);
      }
      return (random() < 0.15 ? '/proc/self/' : random() < 0.1 ? '/dev/' : '') + parts.join('/') + (random() < 0.1 ? '/' : '');
    };
    const commands: ((p: string) => string[])[] = [
      (p) => ['init', 'fastapi', '--root', p, '--dry-run'],
      (p) => ['init', pick(['fastapi', 'express']), '--root', p.startsWith('/') ? p : path.join('scratch', p)],
      (p) => ['new', 'resource', 'Book', '--fields', 'title:str', '--root', p],
      (p) => ['add', 'repository', '--model', p, '--root', 'proj'],
      (p) => ['check', p],
      (p) => ['check', 'proj/app/main.py', '--config', p],
    ];
    const projectBefore = treeHash(path.join(cwd, 'proj'));
    const cases = 16;
    for (let i = 0; i < cases; i++) {
      const argv = pick(commands)(randomPath());
      const result = await cliChild(cwd, ...argv);
      const what = `case ${i}: ${JSON.stringify(argv)}`;
      assertClean(result, what);
      assert.ok(result.code === 0 || result.code === 2 || (argv[0] === 'check' && result.code === 1), `${what}: exit ${result.code}, ${result.err}`);
    }
    // Only `new resource --root proj` may change the project, and it adds a whole resource or nothing.
    const now = treeHash(path.join(cwd, 'proj'));
    if (now !== projectBefore) assert.ok(fs.existsSync(path.join(cwd, 'proj/app/models/book.py')) && /books/.test(fs.readFileSync(path.join(cwd, 'proj/app/main.py'), 'utf8')));
  });
});
