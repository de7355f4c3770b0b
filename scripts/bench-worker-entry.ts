// Editor-path benchmark for `npm run bench`: the analysis in-process (as
// before the worker) against the analysis worker thread the extension uses
// (ThreadAnalyzers + dist/analysis-worker.js), on the same big files.
//   node bench-worker.cjs WORKER_SCRIPT PROJECT_ROOT EDITS FILE...
// Per keystroke (one character typed, then deleted, in the middle half of the
// file, each followed by an incremental analysis as LiveDiagnostics runs it):
// - latency: keystroke to findings, ms;
// - host thread busy: the calling thread's event-loop active time over the
//   analysis (performance.eventLoopUtilization), i.e. how long typing and every
//   other extension would wait. In-process that is the whole analysis; with the
//   worker it is posting the text and reading the findings back.
// Then a typing burst: EDITS keystrokes 30 ms apart without waiting, to count
// how many analyses the worker really runs (overtaken ones are dropped).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Analyzers } from '../src/core/analysis/languages';
import { collectProjectFacts } from '../src/core/analysis/project';
import { ThreadAnalyzers, type DocumentAnalyzers } from '../src/core/analysis/thread';

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pythonFiles(join(dir, e.name)) : e.name.endsWith('.py') ? [join(dir, e.name)] : []));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The texts of `edits` keystrokes: a character typed at a line end, then deleted. */
function keystrokes(start: string, edits: number): string[] {
  const out: string[] = [];
  let text = start;
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
    out.push(text);
  }
  return out;
}

async function editorPath(analyzers: DocumentAnalyzers, path: string, texts: readonly string[], options: object) {
  const key = `file:///bench/${path}`;
  await analyzers.analyze(path, texts[0]!, { ...options, incremental: true, documentKey: key }); // opened (and warm)
  const latencyMs: number[] = [];
  const hostBusyMs: number[] = [];
  for (const text of texts) {
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    const result = await analyzers.analyze(path, text, { ...options, incremental: true, documentKey: key });
    latencyMs.push(performance.now() - t0);
    hostBusyMs.push(performance.eventLoopUtilization(elu).active);
    if (!result || result.ruleErrors.length) throw new Error(`analysis failed: ${JSON.stringify(result?.ruleErrors)}`);
  }
  analyzers.forget(key);
  return { latencyMs, hostBusyMs };
}

async function burst(analyzers: ThreadAnalyzers, path: string, texts: readonly string[], options: object) {
  const key = `file:///bench/burst/${path}`;
  await analyzers.analyze(path, texts[0]!, { ...options, incremental: true, documentKey: key });
  const answers = new Set<unknown>();
  const pending: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (const text of texts) {
    pending.push(analyzers.analyze(path, text, { ...options, incremental: true, documentKey: key }).then((r) => answers.add(r)));
    await sleep(30);
  }
  await Promise.all(pending);
  const ms = performance.now() - t0;
  analyzers.forget(key);
  return { keystrokes: texts.length, analysesRun: answers.size, lastAnswerAfterMs: ms - 30 * texts.length };
}

async function main(): Promise<unknown> {
  const [worker, projectRoot, editsArg, ...files] = process.argv.slice(2);
  if (!worker || !projectRoot || files.length === 0) throw new Error('usage: bench-worker.cjs WORKER_SCRIPT PROJECT_ROOT EDITS FILE...');
  const edits = Number(editsArg ?? 50);
  const local = new Analyzers();
  await local.for('python');
  const project = collectProjectFacts(pythonFiles(projectRoot).map((f) => ({ path: f.slice(projectRoot.length + 1), source: readFileSync(f, 'utf8') })));
  const thread = new ThreadAnalyzers(worker);
  const out: Record<string, unknown> = {};
  try {
    for (const file of files) {
      const path = file.endsWith('.py') ? 'app/big_module.py' : 'src/big.ts';
      const texts = keystrokes(readFileSync(file, 'utf8'), edits);
      const options = { project };
      // Interleaved halves, so machine load hits both alike.
      const half = texts.length >> 1;
      const a1 = await editorPath(local, path, texts.slice(0, half), options);
      const b1 = await editorPath(thread, path, texts.slice(0, half), options);
      const b2 = await editorPath(thread, path, texts.slice(half), options);
      const a2 = await editorPath(local, path, texts.slice(half), options);
      out[path] = {
        lines: texts[0]!.split('\n').length,
        inProcess: { latencyMs: [...a1.latencyMs, ...a2.latencyMs], hostBusyMs: [...a1.hostBusyMs, ...a2.hostBusyMs] },
        worker: { latencyMs: [...b1.latencyMs, ...b2.latencyMs], hostBusyMs: [...b1.hostBusyMs, ...b2.hostBusyMs] },
        burst: await burst(thread, path, texts, options),
      };
    }
  } finally {
    thread.dispose();
  }
  return out;
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
