// Throwaway PostgreSQL clusters for runtime tests: initdb into a temp dir, start
// on a free 127.0.0.1 port with durability off (fast, disposable), and remove it
// all on stop(). Works as root by running the server tools as the `postgres` user.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './process';

/** Directory holding `initdb` and `pg_ctl` (the lookup lives in scripts/pg-bin.cjs, shared with setup). */
export const findPgBin: () => string | undefined = (
  require(path.resolve(__dirname, '../../../scripts/pg-bin.cjs')) as { findPgBin(): string | undefined }
).findPgBin;

export interface PgCluster {
  port: number;
  dataDir: string;
  asyncpgUrl(db: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** How the PostgreSQL tools are invoked on this machine. */
interface PgTools {
  bin: string;
  /** initdb refuses to run as root, so as root everything goes through runuser. */
  asPostgres: boolean;
}

/** Internal state behind a PgCluster, kept out of the public interface. */
interface ClusterState {
  tools: PgTools;
  root: string;
  dataDir: string;
  logFile: string;
  port: number;
  stopped: boolean;
}

const clusterState = new WeakMap<PgCluster, ClusterState>();
/** Clusters not yet stopped; the exit hook shuts these down if a test run aborts. */
const liveClusters = new Set<ClusterState>();
let exitHookInstalled = false;

let cachedTools: PgTools | undefined;
function pgTools(): PgTools {
  if (cachedTools) return cachedTools;
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server tools (initdb, pg_ctl) not found: set PG_BIN, install PostgreSQL, or run `node scripts/ensure-postgres.mjs`.',
    );
  }
  cachedTools = { bin, asPostgres: process.getuid?.() === 0 };
  return cachedTools;
}

/**
 * libpq and pg_ctl honour many PG* variables (PGDATA, PGOPTIONS, PGSERVICE,
 * PGSSLMODE, ...); drop them so the developer's environment cannot redirect
 * or reconfigure a throwaway cluster. Everything needed is passed explicitly.
 */
function toolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  env['LC_ALL'] = 'C';
  return env;
}

function toolCommand(tools: PgTools, tool: string, args: string[]): [string, string[]] {
  const exe = path.join(tools.bin, tool);
  // psql may live elsewhere than the server tools (client-only packages).
  const resolved = tool === 'psql' && !fs.existsSync(exe) ? 'psql' : exe;
  return tools.asPostgres ? ['runuser', ['-u', 'postgres', '--', resolved, ...args]] : [resolved, args];
}

/** Runs a PostgreSQL tool; rejects with its stderr/stdout when it fails. */
function runTool(
  tools: PgTools,
  tool: string,
  args: string[],
  cwd: string,
  timeoutMs = 60_000,
): Promise<string> {
  const [command, argv] = toolCommand(tools, tool, args);
  return new Promise<string>((resolve, reject) => {
    execFile(
      command,
      argv,
      // cwd: the postgres user must be able to enter it, which /root or the
      // repository may not allow; the cluster's own temp dir always does.
      { cwd, env: toolEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          // err.message repeats the command line and stderr; report each once.
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
          const how = e.killed ? `timed out after ${timeoutMs} ms` : e.signal ? `killed by ${e.signal}` : `exit ${String(e.code)}`;
          const detail = `${stderr}${stdout}`.trim();
          reject(new Error(`\`${[command, ...argv].join(' ')}\` failed (${how})${detail ? `\n${detail}` : ''}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

function systemId(flag: '-u' | '-g', user: string): number {
  try {
    return Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
  } catch {
    throw new Error(`running as root but there is no '${user}' system user to run initdb as (initdb refuses root)`);
  }
}

function chownRecursive(target: string, uid: number, gid: number): void {
  fs.chownSync(target, uid, gid);
  if (fs.lstatSync(target).isDirectory()) {
    for (const entry of fs.readdirSync(target)) chownRecursive(path.join(target, entry), uid, gid);
  }
}

function logTail(logFile: string, chars = 3000): string {
  try {
    return fs.readFileSync(logFile, 'utf8').slice(-chars);
  } catch {
    return '(no server log)';
  }
}

/**
 * Synchronous last-resort shutdown when the Node process exits with clusters
 * still running (a crashed or interrupted test run). Only clusters started by
 * this module are listed, so nothing else is touched.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const state of liveClusters) {
      try {
        const [command, argv] = toolCommand(state.tools, 'pg_ctl', ['-D', state.dataDir, '-m', 'immediate', '-w', 'stop']);
        execFileSync(command, argv, { cwd: state.root, env: toolEnv(), stdio: 'ignore', timeout: 15_000 });
      } catch {
        // already down
      }
      fs.rmSync(state.root, { recursive: true, force: true });
    }
  });
}

async function stopCluster(state: ClusterState, mode: 'fast' | 'immediate'): Promise<void> {
  try {
    await runTool(state.tools, 'pg_ctl', ['-D', state.dataDir, '-m', mode, '-w', 'stop'], state.root);
  } catch (err) {
    // "No server running" is fine (never started, or already gone); anything
    // else means a postmaster may still be running out of this directory.
    if (!/no server running|PID file .* does not exist|is not a database cluster directory/i.test(String(err))) {
      throw err;
    }
  }
}

/** Runs SQL through psql against a cluster and returns the output without its trailing newline. */
export async function psql(cluster: PgCluster, db: string, sql: string): Promise<string> {
  const state = clusterState.get(cluster);
  if (!state) throw new Error('psql: not a cluster created by startPostgres()');
  if (state.stopped) throw new Error('psql: cluster already stopped');
  const out = await runTool(
    state.tools,
    'psql',
    // -X: skip ~/.psqlrc (as root via runuser, HOME still points at /root).
    ['-X', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(state.port), '-U', 'postgres', '-d', db, '-tAc', sql],
    state.root,
  );
  return out.replace(/\n+$/, '');
}

/**
 * Creates and starts a disposable cluster: trust auth, user `postgres`,
 * listening on 127.0.0.1 only, with fsync and full-page writes off because
 * the data is thrown away anyway. Call stop() to shut it down and delete it.
 */
export async function startPostgres(): Promise<PgCluster> {
  const tools = pgTools();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-pg-'));
  // Data in a subdirectory so the log and socket live beside it, and the log
  // survives a failed initdb for the error message.
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const port = await freePort();
  const state: ClusterState = { tools, root, dataDir, logFile, port, stopped: false };

  try {
    if (tools.asPostgres) {
      chownRecursive(root, systemId('-u', 'postgres'), systemId('-g', 'postgres'));
    }
    await runTool(
      tools,
      'initdb',
      ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'],
      root,
    );
    liveClusters.add(state);
    installExitHook();
    await runTool(
      tools,
      'pg_ctl',
      [
        '-D', dataDir,
        '-l', logFile,
        '-w',
        '-t', '60',
        // pg_ctl hands -o to a shell, hence the quoted socket directory.
        '-o', `-h 127.0.0.1 -p ${port} -k '${root}' -F -c fsync=off -c full_page_writes=off`,
        'start',
      ],
      root,
      90_000,
    );
  } catch (err) {
    const message = `${(err as Error).message}\n--- server log (tail) ---\n${logTail(logFile)}`;
    try {
      await stopCluster(state, 'immediate');
    } catch {
      // best effort; the original failure is what matters
    }
    liveClusters.delete(state);
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`startPostgres failed: ${message}`);
  }

  let stopping: Promise<void> | undefined;
  const cluster: PgCluster = {
    port,
    dataDir,
    asyncpgUrl: (db: string) => `postgresql+asyncpg://postgres@127.0.0.1:${port}/${db}`,
    createDatabase: async (name: string) => {
      // The name is interpolated into SQL, so only plain identifiers are accepted.
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`createDatabase: invalid database name '${name}'`);
      await psql(cluster, 'postgres', `CREATE DATABASE "${name}"`);
    },
    stop: () => {
      stopping ??= (async () => {
        try {
          await stopCluster(state, 'fast');
        } catch {
          // A fast shutdown can stall on a stuck client; the data is disposable.
          await stopCluster(state, 'immediate');
        }
        state.stopped = true;
        liveClusters.delete(state);
        fs.rmSync(root, { recursive: true, force: true });
      })().catch((err: unknown) => {
        stopping = undefined; // let a later stop() retry instead of replaying the failure
        throw err;
      });
      return stopping;
    },
  };
  clusterState.set(cluster, state);
  return cluster;
}
