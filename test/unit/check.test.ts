// `backend-skill check` in process: output formats (text, JSON, SARIF validated
// against the official 2.1.0 schema), exit codes, config files and excludes,
// odd encodings, and usage errors. Findings come from bind-all-interfaces,
// the one rule that is real on every branch.
// test/fixtures/sarif-schema-2.1.0.json is the SARIF 2.1.0 JSON schema
// (draft-04, "2.1.0-rtm.5", the version code-scanning services accept),
// vendored unchanged from the npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { run } from '../../src/cli/main';
import { findProjectRoot } from '../../src/cli/check';
import { analyzeInWorkers } from '../../src/cli/checkWorkers';
import { Analyzers, EMPTY_FACTS } from '../../src/core/index';

const ROOT = path.resolve(__dirname, '../../..');
const UNSAFE = 'import uvicorn\n\nuvicorn.run("app.main:app", host="0.0.0.0", port=8000)\n';
const SAFE = 'import uvicorn\n\nuvicorn.run("app.main:app", host="127.0.0.1")\n';

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
/** A temporary project: files by relative path; a pyproject.toml marks the root unless given. */
function project(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-check-'));
  dirs.push(dir);
  const all = { 'pyproject.toml': '[project]\nname = "demo"\n', ...files };
  for (const [rel, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function assertUsageError(result: Result, message: RegExp): void {
  assert.equal(result.code, 2, result.err);
  assert.equal(result.out, '');
  assert.match(result.err, /^backend-skill: error: [^\n]+\n$/);
  assert.match(result.err, message);
}

let validateSarif: ReturnType<Ajv['compile']>;

describe('cli check', function () {
  this.timeout(60000);

  before(function () {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the official schema has a pattern that is invalid with the u flag;
    addFormats(ajv);
    validateSarif = ajv.compile(schema);
  });

  after(function () {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('text', function () {
    it('prints path:line:col: severity [rule] message and a summary, exit 1 on a warning', async function () {
      const dir = project({ 'app/run.py': UNSAFE, 'app/ok.py': SAFE });
      const result = await cli('check', dir);
      assert.equal(result.code, 1, result.err);
      const rel = path.relative(process.cwd(), path.join(dir, 'app/run.py')).split(path.sep).join('/');
      assert.equal(result.out.split('\n')[0], `${rel}:3:34: warning [bind-all-interfaces] Listening on "0.0.0.0" exposes the server on every network interface; bind to 127.0.0.1 and let the deployment choose the host.`);
      assert.match(result.out, /^1 problem \(0 errors, 1 warning, 0 info\) in 2 files checked\.\n$/m);
      assert.equal(result.err, '');
    });

    it('exits 0 and says so on a clean project', async function () {
      const dir = project({ 'app/ok.py': SAFE, 'app/empty.py': '', 'app/blank.py': '\n  \n' });
      const result = await cli('check', dir);
      assert.equal(result.code, 0, result.out);
      assert.equal(result.out, 'No problems found (3 files checked).\n');
    });

    it('info-only findings are clean: exit 0', async function () {
      const dir = project({ 'app/run.py': UNSAFE });
      const result = await cli('check', dir, '--rules', 'bind-all-interfaces=info');
      assert.equal(result.code, 0);
      assert.match(result.out, /: info \[bind-all-interfaces\]/);
    });

    it('names files relative to the working directory, checks one named file', async function () {
      const dir = project({ 'app/run.py': UNSAFE, 'app/other.py': UNSAFE });
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const result = await cli('check', 'app/run.py');
        assert.equal(result.code, 1);
        assert.match(result.out, /^app\/run\.py:3:34: warning/);
        assert.doesNotMatch(result.out, /other\.py/);
      } finally {
        process.chdir(cwd);
      }
    });
  });

  describe('json', function () {
    it('is exactly [{file, line, column, endLine, endColumn, rule, severity, message}] with 1-based positions', async function () {
      const dir = project({ 'app/run.py': UNSAFE });
      const result = await cli('check', path.join(dir, 'app'), '--format', 'json');
      assert.equal(result.code, 1);
      const records = JSON.parse(result.out);
      assert.equal(records.length, 1);
      const rel = path.relative(process.cwd(), path.join(dir, 'app/run.py')).split(path.sep).join('/');
      assert.deepEqual(records[0], {
        file: rel,
        line: 3,
        column: 34,
        endLine: 3,
        endColumn: 43,
        rule: 'bind-all-interfaces',
        severity: 'warning',
        message: 'Listening on "0.0.0.0" exposes the server on every network interface; bind to 127.0.0.1 and let the deployment choose the host.',
      });
      // The range is the literal: columns 34..42 inclusive hold "0.0.0.0" with its quotes.
      assert.equal(UNSAFE.split('\n')[2]!.slice(33, 42), '"0.0.0.0"');
    });

    it('prints [] and exits 0 when clean', async function () {
      const dir = project({ 'app/ok.py': SAFE });
      const result = await cli('check', dir, '--format=json');
      assert.equal(result.code, 0);
      assert.deepEqual(JSON.parse(result.out), []);
    });

    it('counts columns in UTF-16 code units after a BOM, non-ASCII text, and CRLF', async function () {
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = "é😀"; uvicorn.run(app, host="::")\r\nimport uvicorn\r\n', 'utf8')]);
      const dir = project({ 'app/bom.py': bom });
      const [record] = JSON.parse((await cli('check', dir, '--format', 'json')).out);
      // BOM dropped; `x = "é😀"; ` is 11 UTF-16 units (the emoji is two), so the call starts at 12.
      assert.equal(record.line, 1);
      assert.equal(record.column, 'x = "é😀"; uvicorn.run(app, host='.length + 1);
      assert.equal(record.endColumn - record.column, '"::"'.length);
    });
  });

  describe('sarif', function () {
    it('is valid SARIF 2.1.0 with rules, docs, levels, and URIs relative to %SRCROOT%', async function () {
      const dir = project({ 'app/run.py': UNSAFE, 'app/sub dir/ok.py': SAFE, 'app/warn me.py': UNSAFE });
      const result = await cli('check', path.join(dir, 'app'), '--format', 'sarif', '--rules', 'bind-all-interfaces=error');
      assert.equal(result.code, 1, result.err);
      const log = JSON.parse(result.out);
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
      assert.equal(log.version, '2.1.0');
      const [run0] = log.runs;
      assert.equal(run0.tool.driver.name, 'backend-skill');
      assert.match(run0.tool.driver.version, /^\d+\.\d+\.\d+$/);
      assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
      const ids = run0.tool.driver.rules.map((r: { id: string }) => r.id);
      assert.ok(ids.includes('bind-all-interfaces'));
      const bind = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'bind-all-interfaces');
      assert.equal(bind.shortDescription.text, 'Server bound to every network interface');
      assert.match(bind.fullDescription.text, /^A server started with a hard-coded wildcard address/);
      assert.match(bind.help.markdown, /^# bind-all-interfaces/);
      assert.equal(bind.defaultConfiguration.level, 'warning');
      for (const rule of run0.tool.driver.rules) {
        assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
      }
      assert.equal(run0.results.length, 2);
      const uris = run0.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation);
      assert.deepEqual(uris, [
        { uri: 'app/run.py', uriBaseId: '%SRCROOT%' },
        { uri: 'app/warn%20me.py', uriBaseId: '%SRCROOT%' },
      ]);
      const first = run0.results[0];
      assert.equal(first.ruleId, 'bind-all-interfaces');
      assert.equal(run0.tool.driver.rules[first.ruleIndex].id, 'bind-all-interfaces');
      assert.equal(first.level, 'error', '--rules overrides the level');
      assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 3, startColumn: 34, endLine: 3, endColumn: 43 });
      assert.equal(run0.columnKind, 'utf16CodeUnits');
      // The validator does reject a broken log (a 0 line, a missing message).
      const broken = JSON.parse(result.out);
      broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
      delete broken.runs[0].results[1].message;
      assert.equal(validateSarif(broken), false);
    });

    it('maps info to note, records skipped files as notifications, and stays valid when clean', async function () {
      const dir = project({ 'app/run.py': UNSAFE, 'app/blob.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) });
      const result = await cli('check', dir, '--format', 'sarif', '--rules', 'bind-all-interfaces=info');
      assert.equal(result.code, 0);
      const log = JSON.parse(result.out);
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
      assert.equal(log.runs[0].results[0].level, 'note');
      const notes = log.runs[0].invocations[0].toolExecutionNotifications;
      assert.equal(notes.length, 1);
      assert.match(notes[0].message.text, /binary/);
      const clean = JSON.parse((await cli('check', project({ 'a.py': SAFE }), '--format', 'sarif')).out);
      assert.ok(validateSarif(clean), JSON.stringify(validateSarif.errors, null, 2));
      assert.deepEqual(clean.runs[0].results, []);
    });
  });

  describe('config and excludes', function () {
    it('skips the default excludes when walking', async function () {
      const files: Record<string, string> = { 'app/run.py': SAFE };
      for (const d of ['.venv', 'venv', 'node_modules', '.git', '__pycache__', 'build', 'dist', 'lib/site-packages']) files[`${d}/bad.py`] = UNSAFE;
      const dir = project(files);
      const result = await cli('check', dir);
      assert.equal(result.code, 0, result.out);
      assert.match(result.out, /\(1 file checked\)/);
    });

    it('skips minified bundles (vendored libraries) but not a file that only mentions min', async function () {
      const bad = 'export function f() {\n  try {\n    run();\n  } catch {}\n}\n';
      const dir = project({ 'assets/vendor/jquery.min.js': bad, 'assets/vendor/raphael-min.js': bad, 'src/admin.js': bad });
      const result = await cli('check', dir, '--format', 'json');
      assert.deepEqual(JSON.parse(result.out).map((f: { file: string }) => path.basename(f.file)), ['admin.js']);
    });

    it('walks an excluded folder when it is named on the command line', async function () {
      const dir = project({ 'venv/tool/run.py': UNSAFE, 'venv/tool/__pycache__/x.py': UNSAFE });
      assert.equal((await cli('check', dir)).code, 0);
      const named = await cli('check', path.join(dir, 'venv'));
      assert.equal(named.code, 1);
      assert.match(named.out, /1 problem .* in 1 file checked/);
    });

    it('reads [tool.backend-skill] from pyproject.toml: rules and extra excludes', async function () {
      const dir = project({
        'pyproject.toml': '[project]\nname = "x"\n\n[tool.backend-skill]\nexclude = ["scripts", "app/legacy/**"]\n[tool.backend-skill.rules]\nbind-all-interfaces = "error"\n',
        'app/run.py': UNSAFE,
        'scripts/dev.py': UNSAFE,
        'app/legacy/old.py': UNSAFE,
      });
      const result = await cli('check', dir, '--format', 'json');
      const records = JSON.parse(result.out);
      assert.deepEqual(records.map((r: { file: string; severity: string }) => [path.basename(r.file), r.severity]), [['run.py', 'error']]);
    });

    it('.backend-skill.json wins over pyproject.toml; --rules wins over both', async function () {
      const dir = project({
        'pyproject.toml': '[tool.backend-skill.rules]\nbind-all-interfaces = "error"\n',
        '.backend-skill.json': JSON.stringify({ rules: { 'bind-all-interfaces': 'off' } }),
        'app/run.py': UNSAFE,
      });
      assert.equal((await cli('check', dir)).code, 0);
      const on = await cli('check', dir, '--rules', 'bind-all-interfaces=warning');
      assert.equal(on.code, 1);
      assert.match(on.out, /warning \[bind-all-interfaces\]/);
    });

    it('--rules with bare ids runs only those rules', async function () {
      const dir = project({ 'app/run.py': UNSAFE });
      assert.equal((await cli('check', dir, '--rules', 'sql-injection')).code, 0);
      assert.equal((await cli('check', dir, '--rules', 'sql-injection,bind-all-interfaces')).code, 1);
    });

    it('--config FILE is read instead of the project files', async function () {
      const dir = project({ '.backend-skill.json': JSON.stringify({ rules: { 'bind-all-interfaces': 'off' } }), 'app/run.py': UNSAFE });
      const other = path.join(dir, 'ci.json');
      fs.writeFileSync(other, JSON.stringify({ rules: { 'bind-all-interfaces': 'error' } }));
      const result = await cli('check', dir, '--config', other, '--format', 'json');
      assert.equal(JSON.parse(result.out)[0].severity, 'error');
      const toml = path.join(dir, 'ci.toml');
      fs.writeFileSync(toml, '[tool.backend-skill.rules]\nbind-all-interfaces = "info"\n');
      assert.equal(JSON.parse((await cli('check', dir, '--config', toml, '--format', 'json')).out)[0].severity, 'info');
    });

    it('a bad config is reported on stderr and the defaults apply', async function () {
      const dir = project({
        '.backend-skill.json': JSON.stringify({ rules: { 'bind-all-interfaces': 'loud', 'no-such-rule': 'off' }, colour: true }),
        'app/run.py': UNSAFE,
      });
      const result = await cli('check', dir);
      assert.equal(result.code, 1);
      assert.match(result.err, /warning: \.backend-skill\.json: rule "bind-all-interfaces" has severity "loud"/);
      assert.match(result.err, /unknown rule "no-such-rule"/);
      assert.match(result.err, /unknown key "colour"/);
      const broken = project({ 'pyproject.toml': '[tool.backend-skill\nrules = 1\n', 'app/run.py': UNSAFE });
      const r2 = await cli('check', broken);
      assert.equal(r2.code, 1);
      assert.match(r2.err, /pyproject\.toml: cannot be parsed/);
    });

    it('finds the project root above the PATH for config and project facts', async function () {
      const dir = project({ '.backend-skill.json': JSON.stringify({ rules: { 'bind-all-interfaces': 'off' } }), 'app/deep/run.py': UNSAFE });
      assert.equal(findProjectRoot(path.join(dir, 'app/deep/run.py')), dir);
      assert.equal((await cli('check', path.join(dir, 'app/deep'))).code, 0);
    });
  });

  describe('files', function () {
    it('decodes invalid UTF-8 with replacement and skips binary and huge files with a note', async function () {
      const dir = project({
        'app/latin1.py': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + UNSAFE)]),
        'app/blob.py': Buffer.from([0x00, 0x01, 0x02, 0x03]),
        'app/huge.py': '#' + 'x'.repeat(4_100_000) + '\n',
      });
      const result = await cli('check', dir, '--format', 'json');
      assert.equal(result.code, 1);
      const records = JSON.parse(result.out);
      assert.equal(records.length, 1);
      assert.equal(records[0].line, 4);
      assert.match(result.err, /note: app\/blob\.py: skipped: binary content\n/);
      assert.match(result.err, /note: app\/huge\.py: skipped: .*larger than/);
      assert.equal(result.err.match(/blob\.py/g)!.length, 1, 'each skipped file is noted once');
    });
  });

  describe('--jobs', function () {
    // The rule cases: hundreds of Python and TypeScript files in folders with
    // their own project facts (`_project`), findings of every rule, skipped and
    // failing files noted: everything a worker thread could reorder or lose.
    const RULE_CASES = path.join(ROOT, 'test', 'rules');

    it('prints exactly what a single-threaded run prints, in every format, with the same exit code', async function () {
      this.timeout(120_000);
      for (const format of ['text', 'json', 'sarif']) {
        const one = await cli('check', RULE_CASES, '--format', format, '--jobs', '1');
        const three = await cli('check', RULE_CASES, '--format', format, '--jobs', '3');
        assert.equal(one.code, 1, one.err);
        assert.ok(one.out.length > 10_000, 'the rule cases give findings');
        assert.equal(three.out, one.out, `--format ${format}`);
        assert.equal(three.err, one.err);
        assert.equal(three.code, one.code);
      }
    });

    it('keeps skip notes and findings in file order across threads', async function () {
      const dir = project({
        'app/a.py': UNSAFE,
        'app/blob.py': Buffer.from([0x70, 0x00, 0x01, 0x02]),
        'app/b.py': SAFE,
        'app/c.py': UNSAFE,
        'app/d.ts': "app.listen(3000, '0.0.0.0');\n",
      });
      const one = await cli('check', dir, '--format', 'json', '--jobs', '1');
      const four = await cli('check', dir, '--format', 'json', '--jobs=4');
      assert.deepEqual(JSON.parse(four.out).map((r: { file: string }) => path.basename(r.file)), ['a.py', 'c.py', 'd.ts']);
      assert.equal(four.out, one.out);
      assert.equal(four.err, one.err);
      assert.match(four.err, /note: app\/blob\.py: skipped: binary content/);
    });

    it('worker threads give each file the result an in-process analysis gives, by index', async function () {
      const tasks = [
        { path: 'app/a.py', source: UNSAFE },
        { path: 'app/b.py', source: SAFE },
        { path: 'notes.txt', source: 'not analysed' },
        { path: 'src/c.ts', source: "app.listen(3000, '0.0.0.0');\n" },
        { path: 'app/d.py', source: UNSAFE.replace('8000', '9000') },
      ];
      const inWorkers = await analyzeInWorkers(tasks, {}, EMPTY_FACTS, 2);
      const analyzers = new Analyzers();
      const inProcess = await Promise.all(tasks.map((t) => analyzers.analyze(t.path, t.source, { project: EMPTY_FACTS })));
      assert.deepEqual(inWorkers, inProcess);
      assert.equal(inWorkers[2], undefined);
      assert.deepEqual(inWorkers.map((r) => r?.findings.length), [1, 0, undefined, 1, 1]);
    });

    it('a bad --jobs is a usage error', async function () {
      const dir = project({ 'app/run.py': UNSAFE });
      assertUsageError(await cli('check', dir, '--jobs', '0'), /--jobs needs a whole number of threads, 1 or more/);
      assertUsageError(await cli('check', dir, '--jobs', 'many'), /--jobs needs a whole number of threads, 1 or more/);
      assertUsageError(await cli('check', dir, '--jobs'), /--jobs needs a value/);
    });
  });

  describe('--cache', function () {
    /** Rewrite every stored entry's messages: what a later run prints then tells whether it read the entry. */
    function tamper(cacheDir: string): void {
      for (const name of fs.readdirSync(cacheDir).filter((n) => !n.startsWith('facts-'))) {
        const file = path.join(cacheDir, name);
        const entry = JSON.parse(fs.readFileSync(file, 'utf8'));
        for (const f of entry.findings) f.message = `FROM CACHE ${f.message}`;
        fs.writeFileSync(file, JSON.stringify(entry));
      }
    }

    it('a second run over unchanged files reads every result from the cache, and prints the same', async function () {
      const dir = project({ 'app/a.py': UNSAFE, 'app/b.py': SAFE, 'src/c.ts': "app.listen(3000, '0.0.0.0');\n" });
      const cacheDir = path.join(dir, '.cache');
      const first = await cli('check', dir, '--format', 'json', '--cache', cacheDir);
      assert.equal(first.code, 1, first.err);
      assert.equal(fs.readdirSync(cacheDir).filter((n) => !n.startsWith('facts-')).length, 3, 'one entry per analysed file');
      const second = await cli('check', dir, '--format', 'json', '--cache', cacheDir, '--jobs', '2');
      assert.equal(second.out, first.out);
      assert.equal(second.code, first.code);
      tamper(cacheDir);
      const third = await cli('check', dir, '--format', 'json', '--cache', cacheDir);
      assert.deepEqual(JSON.parse(third.out).map((r: { message: string }) => r.message.startsWith('FROM CACHE')), [true, true]);
    });

    it('a changed file, changed rule settings or a changed project file is analysed again', async function () {
      const dir = project({ 'app/a.py': UNSAFE, 'app/b.py': SAFE });
      const cacheDir = path.join(dir, '.cache');
      await cli('check', dir, '--format', 'json', '--cache', cacheDir);
      tamper(cacheDir);
      // The file's text changed: its own result is new, the other file's still comes from the cache.
      fs.writeFileSync(path.join(dir, 'app/b.py'), UNSAFE);
      let records = JSON.parse((await cli('check', dir, '--format', 'json', '--cache', cacheDir)).out);
      assert.deepEqual(records.map((r: { file: string; message: string }) => [path.basename(r.file), r.message.startsWith('FROM CACHE')]), [['a.py', true], ['b.py', false]]);
      // Other rule settings: nothing is reused.
      tamper(cacheDir);
      records = JSON.parse((await cli('check', dir, '--format', 'json', '--cache', cacheDir, '--rules', 'bind-all-interfaces=error')).out);
      assert.deepEqual(records.map((r: { severity: string; message: string }) => [r.severity, r.message.startsWith('FROM CACHE')]), [['error', false], ['error', false]]);
      // A project file the facts are built from changed: nothing is reused either.
      await cli('check', dir, '--format', 'json', '--cache', cacheDir);
      tamper(cacheDir);
      fs.writeFileSync(path.join(dir, '.env.example'), 'DATABASE_URL=\n');
      records = JSON.parse((await cli('check', dir, '--format', 'json', '--cache', cacheDir)).out);
      assert.deepEqual(records.map((r: { message: string }) => r.message.startsWith('FROM CACHE')), [false, false]);
    });

    it('a malformed entry is a miss', async function () {
      const dir = project({ 'app/a.py': UNSAFE });
      const cacheDir = path.join(dir, '.cache');
      const first = await cli('check', dir, '--format', 'json', '--cache', cacheDir);
      for (const name of fs.readdirSync(cacheDir).filter((n) => !n.startsWith('facts-'))) fs.writeFileSync(path.join(cacheDir, name), '{"findings": [');
      const second = await cli('check', dir, '--format', 'json', '--cache', cacheDir);
      assert.equal(second.out, first.out);
    });
  });

  describe('usage errors', function () {
    it('exit 2 with one line: unknown format, unknown rule, bad severity, missing or absent path, foreign flag', async function () {
      const dir = project({ 'app/run.py': UNSAFE });
      assertUsageError(await cli('check', dir, '--format', 'xml'), /unknown --format "xml"; use text, json or sarif/);
      assertUsageError(await cli('check', dir, '--rules', 'sql-injection,nope'), /--rules: unknown rule "nope"/);
      assertUsageError(await cli('check', dir, '--rules', 'ssrf=loud'), /--rules: rule "ssrf": unknown severity "loud"/);
      assertUsageError(await cli('check'), /missing PATH/);
      assertUsageError(await cli('check', path.join(dir, 'nope')), /path .*nope does not exist/);
      assertUsageError(await cli('check', dir, '--config', path.join(dir, 'none.json')), /--config .* does not exist/);
      assertUsageError(await cli('check', dir, '--dry-run'), /--dry-run does not apply to check/);
      assertUsageError(await cli('check', dir, '--format'), /--format needs a value/);
    });

    it('--help mentions check', async function () {
      assert.match((await cli('--help')).out, /backend-skill check PATH\.\.\. \[--format text\|json\|sarif\]/);
    });
  });

  it('checks TypeScript and JavaScript files with the same rule ids, roots at package.json, skips node_modules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-check-ts-'));
    dirs.push(dir);
    const files: Record<string, string> = {
      'package.json': '{ "name": "api", "dependencies": { "express": "5.1.0" } }\n',
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.listen(3000, '0.0.0.0');\n",
      'src/safe.mjs': "app.listen(3000, process.env.HOST ?? '0.0.0.0');\n",
      'src/types.d.ts': "declare const listen: (port: number, host: '0.0.0.0') => void;\n",
      'node_modules/lib/index.js': "server.listen(80, '0.0.0.0');\n",
      'scripts/run.py': UNSAFE,
    };
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    const json = await cli('check', path.join(dir, 'src'), path.join(dir, 'scripts'), '--format', 'json');
    assert.equal(json.code, 1, json.err);
    const findings = JSON.parse(json.out) as { file: string; rule: string; line: number; column: number }[];
    assert.deepEqual(
      findings.map((f) => `${path.relative(dir, path.resolve(f.file)).split(path.sep).join('/')}:${f.line}:${f.column} ${f.rule}`).sort(),
      ['scripts/run.py:3:34 bind-all-interfaces', 'src/server.ts:3:18 bind-all-interfaces'],
    );
    const sarif = await cli('check', path.join(dir, 'src'), '--format', 'sarif');
    const log = JSON.parse(sarif.out);
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors));
    assert.equal(log.runs[0].results.length, 1);
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/', 'the project root is the package.json folder');
  });
});
