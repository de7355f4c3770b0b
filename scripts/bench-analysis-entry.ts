// Analysis benchmark entry for `npm run bench`: bundled on the fly by
// scripts/bench.mjs like bench-entry.ts, run in a fresh process, prints one
// JSON line. Ruff's WebAssembly build is loaded from node_modules (external).
//   node bench-analysis.cjs CORPUS_DIR BIG_FILE PROJECT_ROOT EDITS RUNS
// 1. throughput: `check` over CORPUS_DIR in process (walk, read, project
//    facts, analyse, JSON report to a sink) vs ruff-wasm (`S` + `FAST`
//    rules) over the same files, read the same way; RUNS runs each, median.
// 2. latency: EDITS one-line edits to BIG_FILE, each followed by a full
//    analysis with every rule (parse + analyse, core level), and the parse
//    alone for the breakdown; then the editor path: EDITS one-character edits
//    somewhere in the middle of the file (typed, then deleted), each followed
//    by an incremental analysis (tree kept, one edit re-parsed), as
//    LiveDiagnostics runs it.
// 3. memory: RSS and heap before the first check, after the runs, peak RSS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../src/cli/check';
import { collectProjectFacts, PythonAnalyzer } from '../src/core/index';
import { pythonParser } from '../src/core/parse/python';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ruff = require('@astral-sh/ruff-wasm-nodejs') as typeof import('@astral-sh/ruff-wasm-nodejs');

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? pythonFiles(join(dir, e.name)) : e.name.endsWith('.py') ? [join(dir, e.name)] : []));
}

const lineCount = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
};

const mb = (bytes: number): number => bytes / (1024 * 1024);

async function main(): Promise<unknown> {
  const [corpus, bigFile, projectRoot, editsArg, runsArg] = process.argv.slice(2);
  if (!corpus || !bigFile || !projectRoot) throw new Error('usage: bench-analysis.cjs CORPUS_DIR BIG_FILE PROJECT_ROOT [EDITS] [RUNS]');
  const edits = Number(editsArg ?? 50);
  const runs = Number(runsArg ?? 3);
  const files = pythonFiles(corpus);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const lines = texts.reduce((n, t) => n + lineCount(t), 0);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  // Warm both engines once on a small file, so WASM compile time is not in the throughput.
  await pythonParser();
  const workspace = new ruff.Workspace({ lint: { select: ['S', 'FAST'] } }, ruff.PositionEncoding.Utf16);
  workspace.check('import os\n');
  const before = process.memoryUsage();

  const ours: number[] = [];
  let ourFindings = 0;
  for (let r = 0; r < runs; r++) {
    let json = '';
    const t0 = performance.now();
    const code = await check([corpus], { format: 'json', cwd: corpus }, (s) => (json += s), () => undefined);
    ours.push(performance.now() - t0);
    if (code === 2) throw new Error('check reported a usage error');
    ourFindings = JSON.parse(json).length;
  }
  const afterOurs = process.memoryUsage();

  const theirs: number[] = [];
  let ruffDiagnostics = 0;
  for (let r = 0; r < runs; r++) {
    let count = 0;
    const t0 = performance.now();
    for (const file of files) count += (workspace.check(readFileSync(file, 'utf8')) as unknown[]).length;
    theirs.push(performance.now() - t0);
    ruffDiagnostics = count;
  }

  // Latency: keystroke-sized edits to a 5,000-line file, each re-analysed in full with every rule.
  const analyzer = await PythonAnalyzer.create();
  const parser = await pythonParser();
  // The facts of the project the big file sits in (the generated bench project), as the editor has them.
  const project = collectProjectFacts(pythonFiles(projectRoot).map((f) => ({ path: f.slice(projectRoot.length + 1), source: readFileSync(f, 'utf8') })));
  let text = readFileSync(bigFile, 'utf8');
  const bigLines = text.split('\n');
  analyzer.analyze('app/big_module.py', text, { project }); // warm-up
  const latency: number[] = [];
  const parseOnly: number[] = [];
  for (let i = 0; i < edits; i++) {
    const row = (i * 97 + 13) % bigLines.length;
    bigLines[row] = `${bigLines[row]}  # edit ${i}`;
    text = bigLines.join('\n');
    const t0 = performance.now();
    const result = analyzer.analyze('app/big_module.py', text, { project });
    latency.push(performance.now() - t0);
    if (result.ruleErrors.length) throw new Error(`rule errors: ${JSON.stringify(result.ruleErrors)}`);
    const t1 = performance.now();
    parser.parse(text)?.delete();
    parseOnly.push(performance.now() - t1);
  }
  // The editor path: a one-character edit in the middle, analysed with the document's tree kept.
  const incremental: number[] = [];
  const key = 'file:///bench/app/big_module.py';
  analyzer.analyze('app/big_module.py', text, { project, incremental: true, documentKey: key }); // opened
  let typed = -1;
  for (let i = 0; i < edits; i++) {
    if (typed < 0) {
      // Somewhere in the middle half of the file, at the end of a line (as typing would)...
      const target = Math.floor(text.length * (0.25 + ((i * 0.377) % 0.5)));
      typed = Math.max(0, text.indexOf('\n', target));
      text = text.slice(0, typed) + 'x' + text.slice(typed);
    } else {
      // ...and deleted again.
      text = text.slice(0, typed) + text.slice(typed + 1);
      typed = -1;
    }
    const t0 = performance.now();
    const result = analyzer.analyze('app/big_module.py', text, { project, incremental: true, documentKey: key });
    incremental.push(performance.now() - t0);
    if (result.ruleErrors.length) throw new Error(`rule errors: ${JSON.stringify(result.ruleErrors)}`);
  }
  analyzer.forget(key);
  const after = process.memoryUsage();

  return {
    corpus: { files: files.length, lines, bytes },
    ours: { samplesMs: ours, findings: ourFindings },
    ruff: { version: ruff.Workspace.version(), select: ['S', 'FAST'], samplesMs: theirs, diagnostics: ruffDiagnostics },
    latency: { fileLines: lineCount(text), fileChars: text.length, samplesMs: latency, incrementalSamplesMs: incremental, parseSamplesMs: parseOnly, rules: analyzer.rules.length },
    memory: {
      rssBeforeMb: mb(before.rss),
      heapBeforeMb: mb(before.heapUsed),
      rssAfterCheckMb: mb(afterOurs.rss),
      heapAfterCheckMb: mb(afterOurs.heapUsed),
      rssEndMb: mb(after.rss),
      heapEndMb: mb(after.heapUsed),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    },
  };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
