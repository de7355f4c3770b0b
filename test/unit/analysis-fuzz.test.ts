// Robustness of the analysis on hostile input: random bytes, real Python files
// (the generated FastAPI project and the rule cases) cut at random points,
// deep nesting, very long lines, NULs, lone surrogates, CR-only and CRLF line
// ends, a BOM, a 3 MB file, empty and blank files. The analyzer must never
// throw, never hang, and no rule may fail (ruleErrors empty), with fixes on
// and off. Deterministic: a fixed seed (FUZZ_SEED=n to explore others).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { collectProjectFacts, decodeSource, PythonAnalyzer, type AnalysisResult, type ProjectFacts } from '../../src/core/index';

const ROOT = resolve(__dirname, '../../..');
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

/** mulberry32: small, fast, deterministic. */
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
    return statSync(full).isDirectory() ? pythonFiles(full) : full.endsWith('.py') ? [full] : [];
  });
}

describe('analysis fuzz', function () {
  this.timeout(120_000);
  let analyzer: PythonAnalyzer;
  let project: ProjectFacts;
  const corpus: { path: string; source: string }[] = [];
  let slowest = { ms: 0, what: '' };

  before(async function () {
    analyzer = await PythonAnalyzer.create();
    for (const file of [...pythonFiles(join(ROOT, 'test/golden/fixtures')), ...pythonFiles(join(ROOT, 'test/rules'))]) {
      corpus.push({ path: relative(ROOT, file).split('\\').join('/'), source: readFileSync(file, 'utf8') });
    }
    project = collectProjectFacts([...corpus, { path: '.env.example', source: 'SECRET_KEY=\nDATABASE_URL=\n' }]);
  });

  after(function () {
    if (process.env.FUZZ_VERBOSE) console.log(`      slowest call: ${slowest.ms.toFixed(1)} ms (${slowest.what})`);
  });

  /** Analyse with fixes off and on; no throw, no rule error, findings inside the text. */
  function survive(what: string, source: string, path = 'app/fuzz.py', modes: readonly boolean[] = [false, true]): AnalysisResult[] {
    const results: AnalysisResult[] = [];
    for (const fixes of modes) {
      const t0 = performance.now();
      let result: AnalysisResult;
      try {
        result = analyzer.analyze(path, source, { project, fixes });
      } catch (error) {
        throw new Error(`${what} (fixes ${fixes}, seed ${SEED}): analyze threw ${(error as Error).stack}`);
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, what };
      assert.deepEqual(result.ruleErrors, [], `${what} (fixes ${fixes}, seed ${SEED})`);
      for (const f of result.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= source.length, `${what}: finding ${f.rule} ${f.start}-${f.end} outside the text`);
      }
      results.push(result);
    }
    // The lexical project scan must cope with the same text.
    collectProjectFacts([{ path, source }]);
    return results;
  }

  it('found a corpus of real Python files to cut up', function () {
    assert.ok(corpus.length >= 40, `only ${corpus.length} files`);
  });

  it('survives random bytes (decoded as the CLI and editor decode them)', function () {
    const rnd = random(SEED);
    for (let i = 0; i < 60; i++) {
      const bytes = new Uint8Array(Math.floor(rnd() * 4000));
      // Mostly printable ASCII and Python punctuation, with high bytes and control characters mixed in.
      for (let j = 0; j < bytes.length; j++) {
        const r = rnd();
        bytes[j] = r < 0.7 ? 32 + Math.floor(rnd() * 95) : r < 0.8 ? 10 : r < 0.85 ? 9 : Math.floor(rnd() * 256);
      }
      const decoded = decodeSource(bytes);
      if (decoded.text !== undefined) survive(`random bytes #${i}`, decoded.text);
      // And the same bytes as Latin-1 text, NULs included.
      survive(`latin-1 #${i}`, Buffer.from(bytes).toString('latin1'));
    }
  });

  it('survives real files cut at random points, and spliced together', function () {
    const rnd = random(SEED + 1);
    for (const file of corpus) {
      survive(`${file.path} whole`, file.source, file.path);
      for (let k = 0; k < 4; k++) {
        const cut = Math.floor(rnd() * file.source.length);
        survive(`${file.path} cut at ${cut}`, file.source.slice(0, cut), file.path);
      }
      const other = corpus[Math.floor(rnd() * corpus.length)]!;
      const a = Math.floor(rnd() * file.source.length);
      const b = Math.floor(rnd() * other.source.length);
      survive(`${file.path}[:${a}] + ${other.path}[${b}:]`, file.source.slice(0, a) + other.source.slice(b), file.path);
    }
  });

  it('survives deep nesting', function () {
    const depth = 3000;
    survive('nested parens', `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`);
    survive('nested lists', `x = ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    survive('nested calls', `x = ${'f('.repeat(depth)}"0.0.0.0"${')'.repeat(depth)}\n`);
    survive('unclosed nesting', `uvicorn.run(app, host=${'('.repeat(depth)}\n`);
    survive('long operator chain', `x = ${Array.from({ length: 20000 }, (_, i) => `a${i}`).join(' + ')}\n`);
    survive('long string concatenation', `q = ${Array.from({ length: 5000 }, () => '"SELECT " + name').join(' + ')}\n`);
    survive('nested blocks', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(400)}uvicorn.run(app, host="0.0.0.0")\n`);
    survive('nested functions', Array.from({ length: 200 }, (_, i) => `${'    '.repeat(i)}def f${i}():\n`).join('') + `${'    '.repeat(200)}pass\n`);
    survive('many decorators', '@app.get("/x")\n'.repeat(3000) + 'def f():\n    pass\n');
  });

  it('survives very long lines, NULs, lone surrogates, odd line ends and a BOM', function () {
    const call = 'uvicorn.run("app.main:app", host="0.0.0.0")';
    survive('1 MB line', `x = "${'a'.repeat(1_000_000)}"; ${call}\n`);
    survive('long comment line', `# ${'backend-skill: ignore '.repeat(20000)}\n${call}\n`);
    survive('NUL after the binary sniff window', `${'# pad\n'.repeat(2000)}x = "\0"\n\0\0${call}\n`);
    survive('lone surrogates', `s = "\ud800"\nt = "\udc00x"\n${call}  # \udfff\n`);
    survive('surrogate in identifier position', `\ud83d = 1\n${call}\n`);
    survive('CRLF', `import uvicorn\r\n\r\n${call}\r\n`);
    survive('CR only', `import uvicorn\r\r${call}\r# backend-skill: ignore\r${call}\r`);
    survive('mixed line ends', `import uvicorn\n\r\n\r${call}\n\r${call}`);
    survive('BOM', `\ufeffimport uvicorn\n${call}\n`);
    survive('BOM only', '\ufeff');
    survive('tabs and form feeds', `\f\tif x:\n\t\f${call}\n`);
    survive('unterminated string', `x = """${call}\n`);
    survive('unicode identifiers', `café = "0.0.0.0"\nuvicorn.run(app, host=café)\n`);
  });

  it('skips a 3 MB file and analyses a real-looking file just under the limit', function () {
    const line = 'uvicorn.run("app.main:app", host="0.0.0.0")  # padding padding padding\n';
    const [skipped] = survive('3 MB file', line.repeat(Math.ceil(3_000_000 / line.length)));
    assert.match(skipped!.skipped ?? '', /larger than/);
    // The corpus glued together up to 1.9 MB: a big generated module. Fixes are asked for one range, as the lightbulb does.
    let big = '';
    for (let i = 0; big.length < 1_900_000; i++) big += corpus[i % corpus.length]!.source + '\n';
    const [analysed] = survive('1.9 MB file', big, 'app/big.py', [false]);
    assert.equal(analysed!.skipped, undefined);
    const mid = big.length >> 1;
    const ranged = analyzer.analyze('app/big.py', big, { project, fixes: true, fixesIn: { start: mid, end: mid + 5000 } });
    assert.deepEqual(ranged.ruleErrors, []);
    for (const f of ranged.findings) assert.equal(f.fixes.length > 0, f.start <= mid + 5000 && f.end >= mid, 'fixes only inside the range');
  });

  it('survives empty and blank files', function () {
    for (const source of ['', ' ', '\n', '\r\n', '\t\t\n   \n', '#', '# backend-skill: ignore', '\\', ':', '"""', '\0']) survive(JSON.stringify(source), source);
  });
});
