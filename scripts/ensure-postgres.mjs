// Run by the test runner before the tests: makes sure the PostgreSQL server
// tools (initdb, pg_ctl) the runtime tests start throwaway clusters with are
// present, installing the distribution package when running as root with apt.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

const log = (msg) => console.log(`[backend-skill setup] ${msg}`);

function hasTools(dir) {
  return ['initdb', 'pg_ctl'].every((tool) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// Same lookup order as findPgBin() in test/support/postgres.ts: $PG_BIN, the
// Debian layout /usr/lib/postgresql/<highest version>/bin, then PATH.
function findPgBin() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && hasTools(fromEnv)) return fromEnv;
  try {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join('/usr/lib/postgresql', version, 'bin');
      if (hasTools(dir)) return dir;
    }
  } catch {
    // no Debian-style install
  }
  try {
    const found = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found) {
      const dir = dirname(realpathSync(found));
      if (hasTools(dir)) return dir;
    }
  } catch {
    // not on PATH
  }
  return undefined;
}

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
