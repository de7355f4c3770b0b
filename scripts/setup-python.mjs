// postinstall: builds the Python 3.11 virtualenv the runtime tests start
// generated FastAPI apps with, from the machine's local wheel store only.
// Where Python 3.11 or the wheels are missing it says so and exits 0, so
// `npm install` still succeeds; the runtime tests then report the same.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { devRequirementsFile, findPython311, requirementsFile, venvDir, venvPython, wheelDirs } from './python-env.mjs';

const log = (msg) => console.log(`[backend-skill setup] ${msg}`);

function main() {
  const dir = venvDir();
  const marker = join(dir, '.backend-skill-ready');
  if (existsSync(marker)) {
    log(`Python venv ready at ${dir}`);
    return 0;
  }
  const python = findPython311();
  if (!python) {
    log('Python 3.11 not found (looked at $BACKEND_SKILL_PYTHON, ~/.pyenv/versions/3.11.*, python3.11).');
    log('The runtime tests need it: install Python 3.11 and run `npm run setup:python`.');
    return 0;
  }
  const wheels = wheelDirs(python);
  if (wheels.length === 0) {
    log('No local wheel store found in the pip configuration; set BACKEND_SKILL_WHEELS=/path/to/wheels and run `npm run setup:python`.');
    return 0;
  }
  log(`building venv at ${dir} with ${python} from ${wheels.join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  try {
    execFileSync(python, ['-m', 'venv', dir], { stdio: 'inherit' });
    const findLinks = wheels.flatMap((w) => ['--find-links', w]);
    execFileSync(
      venvPython(),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-index', ...findLinks, '-r', requirementsFile, '-r', devRequirementsFile],
      { stdio: 'inherit' },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    log(`could not build the venv: ${error.message.split('\n')[0]}`);
    log('The runtime tests will report this; fix the wheel store and run `npm run setup:python`.');
    return 0;
  }
  writeFileSync(marker, new Date().toISOString() + '\n');
  log(`Python venv ready at ${dir}`);
  return 0;
}

process.exitCode = main();
