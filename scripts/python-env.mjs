// Where the runtime-test virtualenv lives and how it is built. Shared by the
// postinstall step (scripts/setup-python.mjs) and the test harness.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const requirementsFile = join(here, 'python-requirements.txt');
export const devRequirementsFile = join(here, 'python-dev-requirements.txt');

/** The pinned requirement set; its hash names the venv so a change rebuilds it. */
export function requirementsHash() {
  return createHash('sha256').update(readFileSync(requirementsFile)).update(readFileSync(devRequirementsFile)).digest('hex').slice(0, 12);
}

export function venvDir() {
  if (process.env.BACKEND_SKILL_VENV) return process.env.BACKEND_SKILL_VENV;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'backend-skill', `py311-${requirementsHash()}`);
}

export function venvPython() {
  return join(venvDir(), 'bin', 'python');
}

/** Python 3.11: $BACKEND_SKILL_PYTHON, then pyenv's 3.11.x, then python3.11 on PATH. */
export function findPython311() {
  const candidates = [];
  if (process.env.BACKEND_SKILL_PYTHON) candidates.push(process.env.BACKEND_SKILL_PYTHON);
  const pyenvRoot = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  try {
    const versions = readdirSync(join(pyenvRoot, 'versions'))
      .filter((v) => /^3\.11\.\d+$/.test(v))
      .sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]));
    for (const v of versions) candidates.push(join(pyenvRoot, 'versions', v, 'bin', 'python'));
  } catch {
    // no pyenv on this machine
  }
  candidates.push('python3.11');
  for (const candidate of candidates) {
    try {
      const out = execFileSync(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      if (out.trim() === '3.11') return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/**
 * Local wheel directories, read from the machine's pip configuration
 * (find-links, and file:// indexes whose sibling `files/` holds the wheels),
 * or from $BACKEND_SKILL_WHEELS (colon-separated).
 */
export function wheelDirs(python) {
  if (process.env.BACKEND_SKILL_WHEELS) return process.env.BACKEND_SKILL_WHEELS.split(':').filter(Boolean);
  let config = '';
  try {
    config = execFileSync(python, ['-m', 'pip', 'config', 'list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return [];
  }
  const dirs = new Set();
  for (const line of config.split('\n')) {
    const m = /^[\w:.-]*?(find-links|index-url|extra-index-url)='(.*)'$/.exec(line.trim());
    if (!m) continue;
    for (const value of m[2].split(/\s+/)) {
      const path = value.startsWith('file://') ? value.slice('file://'.length) : value;
      if (!path.startsWith('/')) continue;
      if (m[1] === 'find-links' && existsSync(path)) dirs.add(path);
      else if (m[1] !== 'find-links') {
        const files = join(dirname(path.replace(/\/+$/, '')), 'files');
        if (existsSync(files)) dirs.add(files);
      }
    }
  }
  return [...dirs];
}
