// Per-rule scaling benchmark entry for `npm run bench`: bundled on the fly by
// scripts/bench.mjs, run in a fresh process, prints one JSON line.
//   node bench-scale.cjs [RUNS] [SIZES]
// For generated Python and TypeScript files (test/support/bigSource.ts) of
// 1,000 / 5,000 / 20,000 lines, one full analysis with every rule, RUNS times;
// each rule's median CPU time (the engine's `timings` option) and the whole
// analysis. A linear rule keeps ms per 1,000 lines flat as the file grows.
import { PythonAnalyzer, TsAnalyzer, type Analyzer } from '../src/core/index';
import { bigPythonSource, bigTypeScriptSource } from '../test/support/bigSource';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(analyzer: Analyzer<never, never> | PythonAnalyzer | TsAnalyzer, path: string, make: (lines: number) => string, sizes: number[], runs: number): Promise<unknown> {
  const out: Record<string, { totalMs: number; findings: number; rulesMs: Record<string, number> }> = {};
  for (const lines of sizes) {
    const text = make(lines);
    const totals: number[] = [];
    const perRule = new Map<string, number[]>();
    let findings = 0;
    for (let r = 0; r < runs; r++) {
      const timings = new Map<string, number>();
      const t0 = performance.now();
      const result = (analyzer as PythonAnalyzer).analyze(path, text, { timings });
      totals.push(performance.now() - t0);
      if (result.ruleErrors.length) throw new Error(`rule errors: ${JSON.stringify(result.ruleErrors).slice(0, 2000)}`);
      findings = result.findings.length;
      for (const [rule, ms] of timings) perRule.set(rule, [...(perRule.get(rule) ?? []), ms]);
    }
    out[String(lines)] = { totalMs: median(totals), findings, rulesMs: Object.fromEntries([...perRule].map(([k, v]) => [k, median(v)])) };
  }
  return out;
}

async function main(): Promise<unknown> {
  const runs = Number(process.argv[2] ?? 3);
  const sizes = (process.argv[3] ?? '1000,5000,20000').split(',').map(Number);
  const py = await PythonAnalyzer.create();
  const ts = await TsAnalyzer.create();
  return {
    python: await measure(py, 'app/big.py', bigPythonSource, sizes, runs),
    typescript: await measure(ts, 'src/big.ts', bigTypeScriptSource, sizes, runs),
  };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
