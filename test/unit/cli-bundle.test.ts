// The shipped bundle (dist/cli.js, WASM beside it) works as a real process:
// the package's `bin`, not only the in-process `run` the other CLI tests call.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function backendSkill(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('dist/cli.js', function () {
  let dir: string;
  before(function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'backend-skill-bin-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with a shebang and loads its WASM from beside the bundle', () => {
    assert.ok(existsSync(resolve(CLI, '../tree-sitter.wasm')));
    assert.ok(existsSync(resolve(CLI, '../tree-sitter-python.wasm')));
    const version = backendSkill('--version');
    assert.equal(version.code, 0, version.err);
    assert.match(version.out, /^\d+\.\d+\.\d+\n$/);
  });

  it('plans, writes and refuses like the in-process CLI', () => {
    const root = join(dir, 'api');
    const dry = backendSkill('init', 'fastapi', '--root', root, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /\+\+\+ b\/app\/main\.py/);
    assert.ok(!existsSync(root), 'a dry run writes nothing');
    assert.equal(backendSkill('init', 'fastapi', '--root', root).code, 0);
    const made = backendSkill('new', 'resource', 'Book', '--fields', 'title:str:max=200 isbn:str:unique', '--root', root);
    assert.equal(made.code, 0, made.err);
    assert.ok(readdirSync(join(root, 'app', 'routers')).includes('books.py'));
    const bad = backendSkill('new', 'resource', 'Note', '--fields', 'body:txt', '--root', root);
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
    assert.match(bad.err, /^backend-skill: error: --fields: unknown type "txt".*column 1\)\n$/);
    assert.ok(!existsSync(join(root, 'app', 'routers', 'notes.py')));
  });

  it('check: finds, reports JSON and SARIF with the shipped rule docs, and exits 1/0/2', () => {
    const root = join(dir, 'scan');
    mkdirSync(join(root, 'app'), { recursive: true });
    writeFileSync(join(root, 'pyproject.toml'), '[project]\nname = "scan"\n');
    writeFileSync(join(root, 'app', 'run.py'), 'import uvicorn\nuvicorn.run("app.main:app", host="0.0.0.0")\n');
    assert.ok(existsSync(resolve(CLI, '../docs/rules/bind-all-interfaces.md')), 'rule docs beside the bundle');
    const text = backendSkill('check', root);
    assert.equal(text.code, 1, text.err);
    assert.match(text.out, /run\.py:2:34: warning \[bind-all-interfaces\]/);
    const json = backendSkill('check', root, '--format', 'json');
    assert.equal(JSON.parse(json.out)[0].line, 2);
    const sarif = JSON.parse(backendSkill('check', root, '--format', 'sarif').out);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'bind-all-interfaces');
    assert.match(rule.help.markdown, /^# bind-all-interfaces/);
    const clean = backendSkill('check', root, '--rules', 'bind-all-interfaces=off');
    assert.equal(clean.code, 0, clean.out);
    const bad = backendSkill('check', root, '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^backend-skill: error: unknown --format "xml"; use text, json or sarif\n$/);
  });
});
