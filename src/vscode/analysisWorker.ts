// The editor's analysis worker thread (bundled as dist/analysis-worker.js):
// it runs the rules so the extension host's thread never does. It must not
// import `vscode` (worker threads cannot load it); the host side is
// ThreadAnalyzers in src/core/analysis/thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { ANALYSIS_WORKER_KIND, serveAnalysisWorker } from '../core/index';

if (parentPort && (workerData as { kind?: string } | undefined)?.kind === ANALYSIS_WORKER_KIND) serveAnalysisWorker(parentPort);
