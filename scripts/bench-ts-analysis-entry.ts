// TypeScript analysis benchmark entry for `npm run bench`: bundled on the
// fly by scripts/bench.mjs, run in a fresh process, prints one JSON line.
//   node bench-ts-analysis.cjs CORPUS_DIR BIG_FILE EDITS RUNS
// 1. throughput: `check` over CORPUS_DIR (real TypeScript and JavaScript
//    sources) in process, RUNS runs, median; plus the parse alone with
//    tree-sitter-typescript (what the analysis uses) and with the TypeScript
//    compiler API's `createSourceFile` (the other candidate parser), over the
//    same files, so the choice of parser is measured, not assumed.
// 2. latency: EDITS one-line edits to BIG_FILE (an Express + pg service),
//    each followed by a full analysis with every TypeScript rule; then the
//    editor path with incremental re-parsing (one character typed, deleted).
// 3. memory: RSS before and after.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { check } from '../src/cli/check';
import { isTsPath, TsAnalyzer, tsDialectOf } from '../src/core/index';
import { typescriptParser } from '../src/core/parse/typescript';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : sourceFiles(join(dir, e.name))) : isTsPath(e.name) ? [join(dir, e.name)] : []));
}

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const mb = (bytes: number): number => bytes / (1024 * 1024);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<unknown> {
  const [corpus, bigFile, editsArg, runsArg] = process.argv.slice(2);
  if (!corpus || !bigFile) throw new Error('usage: bench-ts-analysis.cjs CORPUS_DIR BIG_FILE [EDITS] [RUNS]');
  const edits = Number(editsArg ?? 50);
  const runs = Number(runsArg ?? 3);
  const files = sourceFiles(corpus);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const lines = texts.reduce((n, t) => n + lineCount(t), 0);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  const loadStart = performance.now();
  const analyzer = await TsAnalyzer.create();
  const loadMs = performance.now() - loadStart;
  const before = process.memoryUsage();

  const ours: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    let json = '';
    const t0 = performance.now();
    const code = await check([corpus], { format: 'json', cwd: corpus }, (s) => (json += s), () => undefined);
    ours.push(performance.now() - t0);
    if (code === 2) throw new Error('check reported a usage error');
    findings = JSON.parse(json).length;
  }
  const afterCheck = process.memoryUsage();

  // The parse alone: tree-sitter (incremental-capable, the analysis' parser) vs the TypeScript compiler API.
  const treeSitter: number[] = [];
  const compiler: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    for (let i = 0; i < files.length; i++) (await typescriptParser(tsDialectOf(files[i]!))).parse(texts[i]!)?.delete();
    treeSitter.push(performance.now() - t0);
    t0 = performance.now();
    for (let i = 0; i < files.length; i++) ts.createSourceFile(files[i]!, texts[i]!, ts.ScriptTarget.Latest, true);
    compiler.push(performance.now() - t0);
  }

  // Latency on one big Express service file.
  let text = readFileSync(bigFile, 'utf8');
  const path = 'src/routes/big.ts';
  const bigLines = text.split('\n');
  analyzer.analyze(path, text); // warm-up
  const latency: number[] = [];
  let bigFindings = 0;
  for (let i = 0; i < edits; i++) {
    const row = (i * 97 + 13) % bigLines.length;
    bigLines[row] = `${bigLines[row]} // edit ${i}`;
    text = bigLines.join('\n');
    const t0 = performance.now();
    const result = analyzer.analyze(path, text);
    latency.push(performance.now() - t0);
    if (result.ruleErrors.length) throw new Error(`rule errors: ${JSON.stringify(result.ruleErrors)}`);
    bigFindings = result.findings.length;
  }
  const incremental: number[] = [];
  const key = 'file:///bench/src/routes/big.ts';
  analyzer.analyze(path, text, { incremental: true, documentKey: key });
  let typed = -1;
  for (let i = 0; i < edits; i++) {
    if (typed < 0) {
      const target = Math.floor(text.length * (0.25 + ((i * 0.377) % 0.5)));
      typed = Math.max(0, text.indexOf('\n', target));
      text = text.slice(0, typed) + 'x' + text.slice(typed);
    } else {
      text = text.slice(0, typed) + text.slice(typed + 1);
      typed = -1;
    }
    const t0 = performance.now();
    const result = analyzer.analyze(path, text, { incremental: true, documentKey: key });
    incremental.push(performance.now() - t0);
    if (result.ruleErrors.length) throw new Error(`rule errors: ${JSON.stringify(result.ruleErrors)}`);
  }
  analyzer.forget(key);
  const after = process.memoryUsage();
  return {
    corpus: { files: files.length, lines, bytes },
    grammarLoadMs: loadMs,
    ours: { samplesMs: ours, findings, rules: analyzer.rules.filter((r) => r.visit || r.finish).length },
    parse: { treeSitterSamplesMs: treeSitter, compilerSamplesMs: compiler, compilerVersion: ts.version },
    latency: { fileLines: lineCount(text), samplesMs: latency, incrementalSamplesMs: incremental, findings: bigFindings, medianMs: median(latency) },
    memory: { rssBeforeMb: mb(before.rss), rssAfterCheckMb: mb(afterCheck.rss), rssEndMb: mb(after.rss), maxRssMb: process.resourceUsage().maxRSS / 1024 },
  };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
