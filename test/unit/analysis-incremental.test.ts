// The editor path's incremental parsing: a document's tree is kept between
// analyses and re-parsed from one computed edit. Over random edit sequences
// (insertions, deletions, replacements; at the start, the end and in the
// middle; multi-byte characters, surrogate pairs, CRLF line ends) the findings
// must be exactly those of a fresh parse, and so must the tree. Deterministic
// seed (INCREMENTAL_SEED=n to explore others).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { collectProjectFacts, PythonAnalyzer, TsAnalyzer, type ProjectFacts } from '../../src/core/index';
import { editBetween, INCREMENTAL_CACHE_SIZE } from '../../src/core/analysis/engine';
import { pythonParser } from '../../src/core/parse/python';

const ROOT = resolve(__dirname, '../../..');
const SEED = Number(process.env.INCREMENTAL_SEED ?? 20261124);

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? pythonFiles(full) : full.endsWith('.py') && !full.endsWith('.fixed.py') ? [full] : [];
  });
}

/** Pieces an edit inserts: code, multi-byte text, an astral character, line ends of both kinds. */
const PIECES = [
  'x',
  ' ',
  '\n',
  '\r\n',
  '    ',
  'é',
  'Ω',
  '😀',
  '中文',
  '"',
  "'",
  '(',
  ')',
  ':',
  '#',
  'def f(a):\n    return a\n',
  'password = "hunter2"\n',
  'import os\nos.system(cmd)\n',
  '@app.get("/items/{item_id}")\nasync def get_item(id: int):\n    return id\n',
  'app.run(debug=True)\n',
  '"😀 é"',
  'requests.get(url)',
];

describe('incremental analysis', function () {
  this.timeout(120_000);
  let analyzer: PythonAnalyzer;
  let project: ProjectFacts;
  const corpus: { path: string; source: string }[] = [];

  before(async function () {
    analyzer = await PythonAnalyzer.create();
    for (const file of pythonFiles(join(ROOT, 'test/rules'))) corpus.push({ path: relative(ROOT, file).split('\\').join('/'), source: readFileSync(file, 'utf8') });
    project = collectProjectFacts(corpus);
  });

  afterEach(() => analyzer.forgetAll());

  function edit(source: string, next: () => number): string {
    const at = (): number => {
      const r = next();
      // Edits at the very start and end are frequent on purpose.
      if (r < 0.1) return 0;
      if (r < 0.2) return source.length;
      return Math.floor(next() * (source.length + 1));
    };
    const start = at();
    const kind = next();
    const piece = PIECES[Math.floor(next() * PIECES.length)]!;
    if (kind < 0.4) return source.slice(0, start) + piece + source.slice(start);
    const end = Math.min(source.length, start + 1 + Math.floor(next() * 40));
    if (kind < 0.7) return source.slice(0, start) + source.slice(end);
    return source.slice(0, start) + piece + source.slice(end);
  }

  function same(path: string, text: string, what: string): void {
    const incremental = analyzer.analyze(path, text, { project, incremental: true, documentKey: 'doc' });
    const fresh = analyzer.analyze(path, text, { project });
    assert.deepEqual(incremental, fresh, what);
  }

  it('gives the findings of a fresh parse over random edit sequences', function () {
    const next = random(SEED);
    let edits = 0;
    for (const { path, source: original } of corpus) {
      for (const crlf of [false, true]) {
        let text = crlf ? original.replace(/\r?\n/g, '\r\n') : original;
        same(path, text, `${path}: first analysis`);
        for (let i = 0; i < 6; i++) {
          text = edit(text, next);
          edits++;
          same(path, text, `${path}${crlf ? ' (CRLF)' : ''}: after edit ${i}`);
        }
        analyzer.forget('doc');
      }
    }
    assert.ok(edits > 100);
  });

  // Regression: an edit that changes nothing (deleting past the end, the
  // random test's edit 0 of secrets_app.py in CRLF) reuses the cached tree
  // object as is. hardcoded-secret kept its "already reported" claims per
  // tree, so the second run found every literal claimed and reported nothing.
  it('reports the same findings when an edit leaves the text unchanged (the cached tree is reused)', async function () {
    const text = 'import boto3\r\n\r\ns3 = boto3.client("s3", aws_access_key_id="AKIAZ7Q3N5RLX2WJ4K6M")\r\nDATABASE_URL = "postgresql://app:Xk29vq@db/shop"\r\n';
    const after = text.slice(0, text.length) + text.slice(text.length); // a deletion at the very end: nothing removed
    const fresh = analyzer.analyze('secrets.py', after, { project });
    assert.equal(fresh.findings.filter((f) => f.rule === 'hardcoded-secret').length, 2);
    assert.deepEqual(analyzer.analyze('secrets.py', text, { project, incremental: true, documentKey: 'doc' }), fresh);
    assert.deepEqual(analyzer.analyze('secrets.py', after, { project, incremental: true, documentKey: 'doc' }), fresh, 'second run over the same tree');

    // The TypeScript rules that claim nodes (hardcoded-secret, permissive-cors, debug-enabled) share the guard.
    const ts = await TsAnalyzer.create();
    const source = "import cors from 'cors';\nconst JWT_SECRET = 'kX9#mP2$vL8nQ4wR';\napp.use(cors({ origin: '*', credentials: true }));\n";
    const once = ts.analyze('server.ts', source, {});
    assert.ok(once.findings.some((f) => f.rule === 'hardcoded-secret'));
    assert.ok(once.findings.some((f) => f.rule === 'permissive-cors'));
    assert.deepEqual(ts.analyze('server.ts', source, { incremental: true }), once);
    assert.deepEqual(ts.analyze('server.ts', source, { incremental: true }), once, 'second run over the same tree');
    ts.forgetAll();
  });

  it('keeps the tree identical to a fresh parse', async function () {
    const parser = await pythonParser();
    const next = random(SEED + 1);
    const { path } = corpus[0]!;
    let text = corpus.map((c) => c.source).join('\n').slice(0, 20_000);
    let previous = parser.parse(text)!;
    try {
      for (let i = 0; i < 200; i++) {
        const after = edit(text, next);
        previous.edit(editBetween(text, after));
        const incremental = parser.parse(after, previous)!;
        previous.delete();
        previous = incremental;
        const fresh = parser.parse(after)!;
        try {
          assert.equal(incremental.rootNode.toString(), fresh.rootNode.toString(), `${path}: tree after edit ${i}`);
          assert.equal(incremental.rootNode.endIndex, after.length);
        } finally {
          fresh.delete();
        }
        text = after;
      }
    } finally {
      previous.delete();
    }
  });

  it('computes edits in UTF-16 code units, rows by \\n, without splitting surrogate pairs', function () {
    assert.deepEqual(editBetween('a\r\nbc', 'a\r\nbXc'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 2 },
    });
    // 😀 (U+1F600) and 😁 (U+1F601) share their high surrogate.
    const e = editBetween('x = "😀"', 'x = "😁"');
    assert.equal(e.startIndex, 5);
    assert.equal(e.oldEndIndex, 7);
    assert.equal(e.newEndIndex, 7);
    assert.deepEqual(editBetween('ab', 'ab\ncd'), {
      startIndex: 2,
      oldEndIndex: 2,
      newEndIndex: 5,
      startPosition: { row: 0, column: 2 },
      oldEndPosition: { row: 0, column: 2 },
      newEndPosition: { row: 1, column: 2 },
    });
    const d = editBetween('a\nb\nc\n', 'a\n');
    assert.deepEqual([d.startIndex, d.oldEndIndex, d.newEndIndex], [2, 6, 2]);
    assert.deepEqual(d.oldEndPosition, { row: 3, column: 0 });
    assert.deepEqual(d.newEndPosition, { row: 1, column: 0 });
    // Repeated text: the suffix does not overlap the prefix.
    const r = editBetween('aaa', 'aaaa');
    assert.deepEqual([r.startIndex, r.oldEndIndex, r.newEndIndex], [3, 3, 4]);
  });

  it('reuses the tree of unchanged text, bounds the cache and forgets closed documents', function () {
    const { path, source } = corpus.find((c) => c.source.length > 200)!;
    const first = analyzer.analyze(path, source, { project, incremental: true });
    assert.deepEqual(analyzer.analyze(path, source, { project, incremental: true }), first);
    assert.deepEqual(analyzer.cachedDocuments(), [path]);
    for (let i = 0; i < INCREMENTAL_CACHE_SIZE + 5; i++) analyzer.analyze(`doc${i}.py`, source, { project, incremental: true });
    assert.equal(analyzer.cachedDocuments().length, INCREMENTAL_CACHE_SIZE);
    assert.ok(!analyzer.cachedDocuments().includes(path), 'least recently used dropped');
    analyzer.forget(`doc${INCREMENTAL_CACHE_SIZE + 4}.py`);
    assert.ok(!analyzer.cachedDocuments().includes(`doc${INCREMENTAL_CACHE_SIZE + 4}.py`));
    // Without `incremental` nothing is cached.
    analyzer.forgetAll();
    analyzer.analyze(path, source, { project });
    assert.deepEqual(analyzer.cachedDocuments(), []);
  });
});
