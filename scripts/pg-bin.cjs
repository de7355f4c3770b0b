// Where PostgreSQL's server tools are: one lookup shared by the setup step
// (scripts/ensure-postgres.mjs) and the test harness (test/support/postgres.ts).
// Order: $PG_BIN, Debian's /usr/lib/postgresql/<highest version>/bin (kept off
// PATH there), then `initdb` on PATH, resolved through symlinks so pg_ctl and
// psql come from the same installation.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function hasTools(dir) {
  return ['initdb', 'pg_ctl'].every((tool) => {
    try {
      fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** @returns {string | undefined} the directory holding initdb and pg_ctl */
function findPgBin() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && hasTools(fromEnv)) return fromEnv;
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = path.join('/usr/lib/postgresql', version, 'bin');
      if (hasTools(dir)) return dir;
    }
  } catch {
    // no Debian-style install; fall through to PATH
  }
  try {
    const found = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found) {
      const dir = path.dirname(fs.realpathSync(found));
      if (hasTools(dir)) return dir;
    }
  } catch {
    // not on PATH
  }
  return undefined;
}

module.exports = { findPgBin };
