// The editor's analysis worker thread (src/core/analysis/thread.ts): the same
// findings as in-process on every rule case, incremental edits through the
// worker, live requests overtaken in the queue dropped, project facts sent
// once and switched per folder, a dying worker restarted and, after repeated
// deaths, replaced by in-process analysis.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Analyzers, analysisLanguageOf } from '../../src/core/analysis/languages';
import { collectProjectFacts, type ProjectFacts } from '../../src/core/analysis/project';
import { MAX_CRASHES, ThreadAnalyzers } from '../../src/core/analysis/thread';
import type { AnalysisResult } from '../../src/core/analysis/engine';

const ROOT = join(__dirname, '..', '..', '..');
const CASES = join(ROOT, 'test', 'rules');
/** The compiled worker entry (the extension ships the same module bundled as dist/analysis-worker.js). */
const WORKER = join(__dirname, '..', '..', 'src', 'vscode', 'analysisWorker.js');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (analysisLanguageOf(name) && !/\.fixed\.[a-z]+$/.test(name)) out.push(full);
  }
  return out;
}

function projectOf(rule: string): ProjectFacts {
  const dir = join(CASES, rule, '_project');
  let list: string[];
  try {
    list = files(dir);
  } catch {
    return collectProjectFacts([]);
  }
  return collectProjectFacts(list.map((f) => ({ path: relative(dir, f).split('\\').join('/'), source: readFileSync(f, 'utf8') })));
}

const findingsOf = (r: AnalysisResult | undefined) => JSON.stringify(r?.findings ?? null);

describe('analysis worker thread', function () {
  this.timeout(120000);
  const local = new Analyzers();
  let thread: ThreadAnalyzers;

  before(async () => {
    // collectProjectFacts parses with the Python grammar: load it first.
    await local.for('python');
    await local.for('typescript');
  });
  beforeEach(() => {
    thread = new ThreadAnalyzers(WORKER);
  });
  afterEach(() => thread.dispose());

  it('gives the same findings and fixes as in-process analysis on every rule case', async () => {
    let compared = 0;
    for (const rule of readdirSync(CASES).filter((n) => !n.startsWith('_') && statSync(join(CASES, n)).isDirectory())) {
      const project = projectOf(rule);
      for (const file of files(join(CASES, rule)).filter((f) => !f.includes('_project'))) {
        const path = relative(join(CASES, rule), file).split('\\').join('/');
        const source = readFileSync(file, 'utf8');
        const options = { project, fixes: true };
        const [mine, theirs] = await Promise.all([local.analyze(path, source, options), thread.analyze(path, source, options)]);
        assert.equal(findingsOf(theirs), findingsOf(mine), `${rule}/${path}`);
        compared++;
      }
    }
    assert.ok(compared > 150, `only ${compared} case files compared`);
  });

  it('keeps each document incremental across edits, with the findings of a full analysis', async () => {
    const source = readFileSync(join(CASES, 'sql-injection', readdirSync(join(CASES, 'sql-injection')).find((n) => n.endsWith('.py'))!), 'utf8');
    const project = collectProjectFacts([]);
    let text = source;
    for (let i = 0; i < 25; i++) {
      // Insert or delete a character at a spread of offsets, as typing does.
      const at = Math.floor(((i * 7919) % 1000) / 1000 * text.length);
      text = i % 3 === 2 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + (i % 2 ? ' ' : '\n') + text.slice(at);
      const live = await thread.analyze('app/x.py', text, { project, incremental: true, documentKey: 'doc-1' });
      const full = await local.analyze('app/x.py', text, { project });
      assert.equal(findingsOf(live), findingsOf(full), `edit ${i}`);
    }
  });

  it('runs only the newest of the live requests for one document that wait in the queue', async () => {
    const project = collectProjectFacts([]);
    const texts = [0, 1, 2, 3, 4].map((i) => `import uvicorn\n${'\n'.repeat(i)}uvicorn.run("app.main:app", host="0.0.0.0")\n`);
    const results = texts.map((t) => thread.analyze('app/run.py', t, { project, incremental: true, documentKey: 'doc-q' }));
    // The first is in flight; the three after it were replaced by the last.
    assert.equal(thread.pending, 2);
    const answered = await Promise.all(results);
    const expected = await Promise.all(texts.map((t) => local.analyze('app/run.py', t, { project })));
    assert.equal(findingsOf(answered[0]), findingsOf(expected[0]));
    for (const i of [1, 2, 3, 4]) assert.equal(findingsOf(answered[i]), findingsOf(expected[4]), `request ${i} gets the newest text's answer`);
    assert.notEqual(findingsOf(expected[0]), findingsOf(expected[4]), 'the texts differ in where the finding is');
  });

  it('never merges requests for fixes, other documents, or after forget', async () => {
    const project = collectProjectFacts([]);
    const text = 'import uvicorn\n\nuvicorn.run("app.main:app", host="0.0.0.0")\n';
    const first = thread.analyze('a.py', text, { project, documentKey: 'A' });
    const fixes = thread.analyze('a.py', text, { project, documentKey: 'A', fixes: true });
    const other = thread.analyze('b.py', text, { project, documentKey: 'B' });
    const dropped = thread.analyze('b.py', text + '\n', { project, documentKey: 'B2' });
    assert.equal(thread.pending, 4);
    thread.forget('B2');
    assert.equal(await dropped, undefined, 'a queued live request of a closed document answers nothing');
    const [a, f, b] = await Promise.all([first, fixes, other]);
    assert.equal(a!.findings.length, 1);
    assert.ok(f!.findings[0]!.fixes.length > 0, 'fixes computed in the worker');
    assert.equal(findingsOf(b), findingsOf(a));
  });

  it('follows the facts of each folder (sent once per facts object)', async () => {
    const route = 'from fastapi import APIRouter, Depends\nfrom app.auth import current_user\n\nrouter = APIRouter()\n\n\n@router.delete("/items/{item_id}")\ndef delete_item(item_id: int):\n    return None\n';
    const facts = projectOf('missing-auth');
    const empty = collectProjectFacts([]);
    for (const project of [facts, empty, facts, empty]) {
      const [mine, theirs] = await Promise.all([local.analyze('app/routes.py', route, { project }), thread.analyze('app/routes.py', route, { project })]);
      assert.equal(findingsOf(theirs), findingsOf(mine));
    }
  });

  it('restarts a worker that dies, then analyses in-process after repeated deaths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend-skill-worker-'));
    const dying = join(dir, 'dying.js');
    writeFileSync(dying, 'process.exit(3);\n');
    const errors: string[] = [];
    const broken = new ThreadAnalyzers(dying, {}, (m) => errors.push(m));
    try {
      for (let i = 0; i < MAX_CRASHES; i++) {
        await assert.rejects(broken.analyze('a.py', 'x = 1\n', {}), /analysis worker stopped \(exit code 3\)/);
      }
      assert.ok(broken.runsInProcess);
      assert.ok(errors.some((e) => /on the extension host's thread from now on/.test(e)), errors.join('\n'));
      const text = 'import uvicorn\n\nuvicorn.run("app.main:app", host="0.0.0.0")\n';
      assert.equal(findingsOf(await broken.analyze('a.py', text, {})), findingsOf(await local.analyze('a.py', text, {})));
    } finally {
      broken.dispose();
    }
  });

  it('rejects what is pending when disposed', async () => {
    const pending = thread.analyze('a.py', 'x = 1\n', {});
    thread.dispose();
    await assert.rejects(pending, /stopped/);
    await assert.rejects(thread.analyze('a.py', 'x = 1\n', {}), /stopped/);
  });
});
