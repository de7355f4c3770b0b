// Analysis on a worker thread, for the editor: the extension host's thread
// only posts the text and gets findings back, so typing, completions and
// every other extension never wait for the rules.
//
// - One worker, requests answered in order (the engine is single-threaded and
//   keeps the incremental parse trees of open documents; one owner keeps them
//   consistent).
// - Project facts are the same object until a project file changes, so each
//   facts object is sent once and the worker keeps the last few by id; a
//   keystroke posts only the text and the rule settings.
// - A live request that a newer one for the same document overtakes while
//   it still waits in the queue is never run: it gets the newer request's
//   answer (the text the editor holds now). Callers already drop results for
//   an outdated document version; this drops the work too.
// - If the worker dies, its pending request fails with one message and the
//   next request starts a new worker; after MAX_CRASHES the analysis runs
//   in-process instead (slower typing beats no diagnostics).
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { AnalysisResult, AnalyzeOptions } from './engine';
import { Analyzers, type AnalysisLanguage } from './languages';
import type { ProjectFacts } from './project';

/** Marks the threads this module starts, so no other worker is taken for one. */
export const ANALYSIS_WORKER_KIND = 'backend-skill-analysis-worker';

/** How many project-facts objects the worker keeps (one per workspace folder in practice). */
const FACTS_KEPT = 8;

/** Worker deaths after which requests go to the in-process analyzers. */
export const MAX_CRASHES = 3;

type Options = Omit<AnalyzeOptions, 'project' | 'timings'>;

type Request =
  | { readonly kind: 'analyze'; readonly id: number; readonly path: string; readonly source: string; readonly language?: AnalysisLanguage; readonly options: Options; readonly factsId: number; readonly facts?: ProjectFacts }
  | { readonly kind: 'forget'; readonly key: string };

type Reply = { readonly id: number; readonly result?: AnalysisResult; readonly error?: string };

interface Pending {
  readonly request: Extract<Request, { kind: 'analyze' }>;
  readonly facts: ProjectFacts | undefined;
  readonly waiters: { resolve: (r: AnalysisResult | undefined) => void; reject: (e: Error) => void }[];
}

/** What the editor's analysis needs from an analyzer: `Analyzers` in-process, or `ThreadAnalyzers`. */
export interface DocumentAnalyzers {
  analyze(path: string, source: string, options?: AnalyzeOptions, language?: AnalysisLanguage): Promise<AnalysisResult | undefined>;
  forget(key: string): void;
  dispose?(): void;
}

/** `Analyzers` behind a worker thread running `script` (a bundle or compiled module that calls `serveAnalysisWorker`). */
export class ThreadAnalyzers implements DocumentAnalyzers {
  private worker: Worker | undefined;
  private nextId = 1;
  private factsIds = new WeakMap<ProjectFacts, number>();
  private nextFactsId = 1;
  /** Facts ids the current worker holds. */
  private sentFacts = new Set<number>();
  /** Waiting to be sent, in order. */
  private queue: Pending[] = [];
  /** Sent, not yet answered (at most one: the worker answers in order and we send one at a time). */
  private inFlight: Pending | undefined;
  private disposed = false;
  private crashes = 0;
  /** Set once the worker has died MAX_CRASHES times. */
  private inProcess: Analyzers | undefined;

  constructor(
    private readonly script: string,
    private readonly workerOptions: Omit<WorkerOptions, 'workerData'> = {},
    private readonly onError: (message: string) => void = () => {},
  ) {}

  analyze(path: string, source: string, options: AnalyzeOptions = {}, language?: AnalysisLanguage): Promise<AnalysisResult | undefined> {
    if (this.disposed) return Promise.reject(new Error('the analysis worker was stopped'));
    if (this.inProcess) return this.inProcess.analyze(path, source, options, language);
    const { project, timings: _timings, ...rest } = options;
    const request = { kind: 'analyze' as const, id: this.nextId++, path, source, language, options: rest, factsId: project ? this.factsIdOf(project) : 0 };
    return new Promise((resolve, reject) => {
      // A live analysis (no fixes) of a document that already waits in the queue replaces it.
      const key = rest.documentKey;
      const queued = key !== undefined && !rest.fixes ? this.queue.find((p) => p.request.options.documentKey === key && !p.request.options.fixes) : undefined;
      if (queued) {
        const replacement: Pending = { request, facts: project, waiters: [...queued.waiters, { resolve, reject }] };
        this.queue[this.queue.indexOf(queued)] = replacement;
      } else {
        this.queue.push({ request, facts: project, waiters: [{ resolve, reject }] });
      }
      this.pump();
    });
  }

  forget(key: string): void {
    this.inProcess?.forget(key);
    this.queue = this.queue.filter((p) => {
      if (p.request.options.documentKey !== key || p.request.options.fixes) return true;
      for (const w of p.waiters) w.resolve(undefined);
      return false;
    });
    this.worker?.postMessage({ kind: 'forget', key } satisfies Request);
  }

  dispose(): void {
    this.disposed = true;
    const stopped = new Error('the analysis worker was stopped');
    for (const p of [...(this.inFlight ? [this.inFlight] : []), ...this.queue]) for (const w of p.waiters) w.reject(stopped);
    this.queue = [];
    this.inFlight = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Whether the worker died MAX_CRASHES times and analyses now run on this thread. */
  get runsInProcess(): boolean {
    return this.inProcess !== undefined;
  }

  /** Requests not yet answered (tests). */
  get pending(): number {
    return this.queue.length + (this.inFlight ? 1 : 0);
  }

  private factsIdOf(facts: ProjectFacts): number {
    let id = this.factsIds.get(facts);
    if (id === undefined) this.factsIds.set(facts, (id = this.nextFactsId++));
    return id;
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    const worker = this.started();
    const { factsId } = next.request;
    const withFacts = factsId !== 0 && !this.sentFacts.has(factsId) ? { ...next.request, facts: next.facts } : next.request;
    if (factsId !== 0) {
      this.sentFacts.add(factsId);
      // The worker keeps the last FACTS_KEPT; forget the oldest here too so it is sent again if reused.
      if (this.sentFacts.size > FACTS_KEPT) this.sentFacts.delete(this.sentFacts.values().next().value!);
    }
    this.inFlight = next;
    worker.postMessage(withFacts satisfies Request);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { ...this.workerOptions, workerData: { kind: ANALYSIS_WORKER_KIND } });
    // The extension host must be able to exit while the worker idles.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const done = this.inFlight;
      if (!done || done.request.id !== reply.id) return;
      this.inFlight = undefined;
      if (reply.error !== undefined) for (const w of done.waiters) w.reject(new Error(reply.error));
      else for (const w of done.waiters) w.resolve(reply.result);
      this.pump();
    });
    const fail = (message: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.sentFacts.clear();
      const failed = this.inFlight;
      this.inFlight = undefined;
      if (this.disposed) return;
      this.onError(message);
      if (failed) for (const w of failed.waiters) w.reject(new Error(message));
      if (++this.crashes >= MAX_CRASHES) {
        this.onError(`the analysis worker stopped ${this.crashes} times; analysing on the extension host's thread from now on`);
        const inProcess = (this.inProcess = new Analyzers());
        const queued = this.queue;
        this.queue = [];
        for (const p of queued) {
          const { factsId: _id, options } = p.request;
          inProcess.analyze(p.request.path, p.request.source, { ...options, project: p.facts }, p.request.language).then(
            (r) => p.waiters.forEach((w) => w.resolve(r)),
            (e: unknown) => p.waiters.forEach((w) => w.reject(e instanceof Error ? e : new Error(String(e)))),
          );
        }
        return;
      }
      this.pump();
    };
    worker.on('error', (error) => fail(`the analysis worker failed: ${error instanceof Error ? error.message : String(error)}`));
    worker.on('exit', (code) => fail(`the analysis worker stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }
}

/** The worker side: serve requests from `port` with in-process analyzers. */
export function serveAnalysisWorker(port: { on(event: 'message', listener: (request: Request) => void): void; postMessage(reply: Reply): void }): void {
  const analyzers = new Analyzers();
  const facts = new Map<number, ProjectFacts>();
  // Requests are handled one at a time, in order: the incremental tree of a
  // document must see its edits in the order they were made.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (request) => {
    chain = chain.then(async () => {
      if (request.kind === 'forget') {
        analyzers.forget(request.key);
        return;
      }
      if (request.facts) {
        facts.delete(request.factsId);
        facts.set(request.factsId, request.facts);
        if (facts.size > FACTS_KEPT) facts.delete(facts.keys().next().value!);
      }
      const project = request.factsId === 0 ? undefined : facts.get(request.factsId);
      if (request.factsId !== 0 && !project) {
        port.postMessage({ id: request.id, error: 'the analysis worker lost the project facts' });
        return;
      }
      try {
        const result = await analyzers.analyze(request.path, request.source, { ...request.options, project }, request.language);
        port.postMessage({ id: request.id, result });
      } catch (error) {
        port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
}
