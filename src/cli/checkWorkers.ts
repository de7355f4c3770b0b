// `check --jobs N`: the per-file analyses fanned out to N worker threads.
// The main thread reads the files and builds the project facts once (they
// need every file); each worker gets the facts and the rule settings once,
// then analyses files as they are handed to it, one at a time (the next file
// goes to whichever worker is free, so one large file does not hold up the
// rest). Results come back by index, so the report is in the same order, and
// holds the same findings, as a single-threaded run.
//
// The worker runs this same module: the CLI bundle (dist/cli.js) or, in
// tests, the compiled file. Loaded in a thread started by `analyzeInWorkers`,
// its top-level guard below serves requests instead.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Analyzers, type AnalysisResult, type AnalyzeOptions, type ProjectFacts } from '../core/index';

/** Marks the threads this module starts, so no other worker (the editor's, a test runner's) is taken for one. */
const WORKER_KIND = 'backend-skill-check-worker';

export interface WorkerTask {
  readonly path: string;
  readonly source: string;
}

interface Setup {
  readonly kind: typeof WORKER_KIND;
  readonly options: Pick<AnalyzeOptions, 'rules' | 'only'>;
  readonly project: ProjectFacts;
}

type Reply = { readonly index: number; readonly result: AnalysisResult | undefined } | { readonly index: number; readonly error: string };

/**
 * Analyse `tasks` on `jobs` worker threads; the results in task order (undefined
 * for a file no analyzer reads, as `Analyzers.analyze` gives). `script` is the
 * file the threads load: the running CLI bundle or this compiled module.
 */
export async function analyzeInWorkers(
  tasks: readonly WorkerTask[],
  options: Pick<AnalyzeOptions, 'rules' | 'only'>,
  project: ProjectFacts,
  jobs: number,
  script: string = __filename,
): Promise<(AnalysisResult | undefined)[]> {
  const results: (AnalysisResult | undefined)[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const setup: Setup = { kind: WORKER_KIND, options, project };
  const workers = Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, () => new Worker(script, { workerData: setup }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveWorker, reject) => {
            const give = (): void => {
              if (next >= tasks.length) {
                resolveWorker();
                return;
              }
              const index = next++;
              worker.postMessage({ index, ...tasks[index]! });
            };
            worker.on('message', (reply: Reply) => {
              if ('error' in reply) {
                reject(new Error(`${tasks[reply.index]?.path}: ${reply.error}`));
                return;
              }
              results[reply.index] = reply.result;
              give();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < tasks.length || code !== 0) reject(new Error(`a check worker stopped (exit code ${code})`));
            });
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** The worker side: analyse each file sent, reply with its result (or the error, as text). */
function serve(setup: Setup): void {
  const analyzers = new Analyzers();
  const options: AnalyzeOptions = { ...setup.options, project: setup.project };
  parentPort!.on('message', (task: WorkerTask & { index: number }) => {
    analyzers.analyze(task.path, task.source, options).then(
      (result) => parentPort!.postMessage({ index: task.index, result } satisfies Reply),
      (error: unknown) => parentPort!.postMessage({ index: task.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply),
    );
  });
}

if (!isMainThread && (workerData as Partial<Setup> | undefined)?.kind === WORKER_KIND) serve(workerData as Setup);
