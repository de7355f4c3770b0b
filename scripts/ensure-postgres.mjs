// Run by the test runner before the tests: makes sure the PostgreSQL server
// tools (initdb, pg_ctl) the runtime tests start throwaway clusters with are
// present, installing the distribution package when running as root with apt.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const { findPgBin } = createRequire(import.meta.url)('./pg-bin.cjs');

const log = (msg) => console.log(`[backend-skill setup] ${msg}`);

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function main() {
  let dir = findPgBin();
  if (dir) {
    log(`PostgreSQL: ${dir}`);
    return 0;
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && commandExists('apt-get')) {
    log('PostgreSQL server tools not found; installing the postgresql package with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const steps = [
      ['apt-get', ['update']],
      ['apt-get', ['install', '-y', '--no-install-recommends', 'postgresql']],
    ];
    for (const [cmd, args] of steps) {
      const res = spawnSync(cmd, args, { stdio: 'inherit', env });
      if (res.status !== 0) {
        log(`\`${cmd} ${args.join(' ')}\` failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`})`);
        break;
      }
    }
    dir = findPgBin();
    if (dir) {
      log(`PostgreSQL: ${dir}`);
      return 0;
    }
  }
  log('PostgreSQL server tools (initdb, pg_ctl) not found.');
  log('Looked at $PG_BIN, /usr/lib/postgresql/<version>/bin and PATH.');
  log(
    isRoot
      ? 'Automatic install needs apt-get; install PostgreSQL with your package manager, or set PG_BIN to its bin directory.'
      : 'Install PostgreSQL (e.g. `sudo apt-get install postgresql`), or set PG_BIN to the directory holding initdb and pg_ctl.',
  );
  return 1;
}

process.exit(main());
