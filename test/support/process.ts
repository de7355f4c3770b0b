// Test helpers for long-running child processes (generated FastAPI apps, dev
// servers): pick a free port, start a process in its own process group with its
// output captured, wait until it answers HTTP, and stop it and all its children.
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/** Cap on captured output per process; only the tail matters for diagnostics. */
const OUTPUT_CAP = 1024 * 1024;
/** How long stop() waits after SIGTERM before escalating to SIGKILL. */
const TERM_GRACE_MS = 5000;
/** How long stop() waits after SIGKILL before giving up on the exit event. */
const KILL_GRACE_MS = 5000;

/**
 * Asks the kernel for an unused TCP port on 127.0.0.1. The port is released
 * before returning, so another process could grab it in between; for tests on
 * one machine that window is small enough to accept.
 */
export async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`freePort: unexpected server address ${String(address)}`));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

export interface ManagedProcess {
  pid: number;
  /** Everything the process wrote to stdout and stderr so far (tail, ~1 MB max). */
  output(): string;
  /** Terminates the whole process group; safe to call more than once. */
  stop(): Promise<void>;
  /** True once the process has exited (or failed to spawn). */
  readonly exited: boolean;
}

/** Processes started here that have not been stopped yet; see the exit hook below. */
const live = new Set<ManagedProcess & { killSync(): void }>();
let exitHookInstalled = false;

/**
 * Last-resort cleanup: if the test run ends (or crashes) without stop() being
 * called, SIGKILL the groups we started so no server outlives mocha. Only
 * groups in `live` are touched, i.e. only processes this module spawned.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of live) p.killSync();
  });
}

/** Sends a signal to a whole process group; false when the group is already gone. */
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/**
 * Starts `command args` in its own process group (detached), so that stop()
 * also reaches grandchildren such as uvicorn workers or a reloader's child.
 * `opts.env` is laid over process.env; a key set to undefined removes it.
 */
export function startProcess(
  command: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; name: string },
): ManagedProcess {
  let buffer = '';
  const append = (text: string): void => {
    buffer += text;
    // Trim in bulk (at 2x the cap) rather than on every chunk, to keep appends cheap.
    if (buffer.length > OUTPUT_CAP * 2) buffer = buffer.slice(-OUTPUT_CAP);
  };

  const child: ChildProcess = spawn(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  let exited = false;
  let exitWaiters: Array<() => void> = [];
  const markExited = (): void => {
    if (exited) return;
    exited = true;
    live.delete(managed);
    const waiters = exitWaiters;
    exitWaiters = [];
    for (const w of waiters) w();
  };
  child.on('exit', (code, signal) => {
    append(`\n[${opts.name} exited: ${signal ?? `code ${String(code)}`}]\n`);
    markExited();
  });
  child.on('error', (err) => {
    // Spawn failures (ENOENT, EACCES) arrive here instead of as an exit.
    append(`\n[${opts.name} failed: ${err.message}]\n`);
    markExited();
  });

  /** Resolves true when the process exits within `ms`, false on timeout. */
  const waitExit = (ms: number): Promise<boolean> => {
    if (exited) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      exitWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  };

  // pid is undefined only when spawning failed; 0 is then never used for signals.
  const pid = child.pid ?? 0;
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (pid === 0) return;
      if (exited) {
        // The leader is gone but children it forked may still hold the group
        // (and a port). Linux does not hand out a PID that is still in use as a
        // process-group id, so -pid can only name our own leftover group here.
        signalGroup(pid, 'SIGKILL');
        return;
      }
      if (!signalGroup(pid, 'SIGTERM')) {
        await waitExit(KILL_GRACE_MS);
        return;
      }
      if (await waitExit(TERM_GRACE_MS)) {
        signalGroup(pid, 'SIGKILL'); // reap any child that ignored SIGTERM
        return;
      }
      append(`\n[${opts.name} did not exit ${TERM_GRACE_MS} ms after SIGTERM; sending SIGKILL]\n`);
      signalGroup(pid, 'SIGKILL');
      if (!(await waitExit(KILL_GRACE_MS))) {
        throw new Error(`${opts.name} (pid ${pid}) did not exit after SIGKILL`);
      }
    })().finally(() => live.delete(managed));
    return stopping;
  };

  const managed: ManagedProcess & { killSync(): void } = {
    pid,
    output: () => buffer.slice(-OUTPUT_CAP),
    stop,
    get exited() {
      return exited;
    },
    killSync() {
      if (pid !== 0 && !exited) signalGroup(pid, 'SIGKILL');
    },
  };
  if (pid !== 0) {
    live.add(managed);
    installExitHook();
  }
  return managed;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` every 100 ms until it returns any HTTP status below 500 (a 404
 * still proves the server is up). Fails early if `opts.process` exits, and on
 * timeout, with the tail of the process output so the cause is visible.
 */
export async function waitForHttp(
  url: string,
  opts: { timeoutMs: number; process?: ManagedProcess },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastProblem = 'no attempt made';
  const fail = (why: string): Error => {
    const tail = opts.process ? opts.process.output().slice(-3000) : '';
    return new Error(
      `waitForHttp ${url}: ${why} (last attempt: ${lastProblem})` +
        (opts.process ? `\n--- process output (tail) ---\n${tail}` : ''),
    );
  };

  for (;;) {
    if (opts.process?.exited) throw fail('process exited before answering');
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw fail(`no response below 500 within ${opts.timeoutMs} ms`);
    try {
      // Bound each request so a server that accepts but never answers cannot
      // stall us past the overall deadline.
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(100, Math.min(remaining, 2000))) });
      await res.arrayBuffer().catch(() => undefined); // release the connection
      if (res.status < 500) return;
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      lastProblem = cause?.code ?? cause?.message ?? (err as Error).message;
    }
    await sleep(100);
  }
}
