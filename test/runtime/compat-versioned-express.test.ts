// Runtime proof of the Express versioned-route fix: the compat fixture's
// Express project, with handlers that send what their response schema parses
// (zod strips undeclared keys, so the schema is what clients get), has
// `email` dropped from UserPublic; the fix is planned through the editor's
// path (compatFindings), applied, transpiled with the repository's
// TypeScript and started with node on 127.0.0.1. An old client still gets
// the old shape at the old path (with a `Deprecation` header), the new shape
// is served at /v2. No database: the fixture answers from memory.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { compatFindings, type SourceFile } from '../../src/core/index';
import { resultingText } from '../../src/core/plan/editPlan';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../support/process';

const REPO = path.resolve(__dirname, '../../..');
const ROOT = path.join(REPO, 'test', 'fixtures', 'compat', 'express');
const TS = 'src/schemas/user.ts';
const USERS = 'src/routes/users.ts';

function project(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: path.relative(ROOT, full).split(path.sep).join('/'), source: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(ROOT);
  return out;
}

const replace = (files: SourceFile[], file: string, from: string, to: string): SourceFile[] =>
  files.map((f) => {
    if (f.path !== file) return f;
    assert.ok(f.source.includes(from), `${file} has ${JSON.stringify(from)}`);
    return { path: f.path, source: f.source.split(from).join(to) };
  });

describe('Express versioned-route fix, run for real', function () {
  this.timeout(60_000);
  let dir = '';
  let server: ManagedProcess | undefined;
  let url = '';

  before(async () => {
    // Handlers send their output through the response schema, as production code does.
    const base = replace(project(), USERS, 'json(out)', 'json(UserPublic.parse(out))');
    const head = replace(base, TS, '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n');
    const finding = (await compatFindings(base, head)).find((f) => f.kind === 'response-field-removed');
    const fix = finding?.fixes.find((f) => f.title.includes('/v2'));
    assert.ok(fix, 'the versioned-route fix is offered');
    const fixed = head.map((f) => {
      const change = fix.plan.changes.find((c) => c.path === f.path);
      return change ? { path: f.path, source: resultingText(change) } : f;
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-compat-express-'));
    for (const f of fixed) {
      const js = ts.transpileModule(f.source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
      const out = path.join(dir, f.path.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, js);
    }
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'server.js'), "const { app } = require('./src/app');\napp.listen(Number(process.env.PORT), '127.0.0.1');\n");
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = startProcess(process.execPath, ['server.js'], { cwd: dir, env: { PORT: String(port) }, name: 'express-versioned' });
    await waitForHttp(`${url}/users/1`, { timeoutMs: 20_000, process: server });
  });

  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('GET: the old path answers the old shape, deprecated; /v2 answers the new one', async () => {
    const old = await fetch(`${url}/users/7`);
    assert.equal(old.status, 200);
    assert.equal(old.headers.get('deprecation'), 'true');
    assert.deepEqual(await old.json(), { id: 7, email: 'a@b.c', name: 'a', role: 'member' });
    const v2 = await fetch(`${url}/users/v2/7`);
    assert.equal(v2.status, 200);
    assert.equal(v2.headers.get('deprecation'), null);
    assert.deepEqual(await v2.json(), { id: 7, name: 'a', role: 'member' });
  });

  it('POST: both paths still create with 201 behind the same auth; only the shapes differ', async () => {
    const body = JSON.stringify({ email: 'x@y.z', name: 'x' });
    const headers = { 'content-type': 'application/json', authorization: 'Bearer secret' };
    const old = await fetch(`${url}/users`, { method: 'POST', headers, body });
    assert.equal(old.status, 201);
    assert.deepEqual(await old.json(), { id: 1, email: 'x@y.z', name: 'x', role: 'member' });
    const v2 = await fetch(`${url}/users/v2`, { method: 'POST', headers, body });
    assert.equal(v2.status, 201);
    assert.deepEqual(await v2.json(), { id: 1, name: 'x', role: 'member' });
    assert.equal((await fetch(`${url}/users/v2`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status, 401);
  });
});
