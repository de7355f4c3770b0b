// `npm run demo` — the main job end to end: build the CLI, generate a FastAPI
// project (init + two resources) in demo-api/ (git-ignored), and serve it
// with uvicorn on 127.0.0.1 against SQLite. Ctrl-C stops the server.
//   npm run demo -- --port 8001 --dir /tmp/my-api
// The signing key is kept beside demo.db, so tokens survive a restart as
// long as the data does.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { venvPython } from './python-env.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const dir = resolve(option('dir', 'demo-api'));
const port = option('port', '8000');
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`--port ${port}: expected a port number from 1 to 65535`);
  process.exit(2);
}

/** Free when we can bind it ourselves (and let go at once); the error code otherwise. */
function portProblem(p) {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', (error) => done(error.code ?? String(error)));
    probe.listen(Number(p), '127.0.0.1', () => probe.close(() => done(undefined)));
  });
}

/** The demo's SECRET_KEY, made once and stored beside demo.db (owner-only). */
function demoSecret() {
  const file = join(dir, '.demo-secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function cli(...argv) {
  const result = spawnSync(process.execPath, ['dist/cli.js', ...argv], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const python = venvPython();
if (!existsSync(python)) {
  console.error('The Python venv is missing: run `npm install` (or `npm run setup:python`) first.');
  process.exit(1);
}

// Before anything is generated or printed: a busy port would only fail in uvicorn.
const busy = await portProblem(port);
if (busy) {
  const why = busy === 'EADDRINUSE' ? 'is in use' : `cannot be used (${busy})`;
  console.error(`Port ${port} on 127.0.0.1 ${why}: choose another with \`npm run demo -- --port ${Number(port) === 65535 ? 8001 : Number(port) + 1}\`.`);
  process.exit(2);
}

if (!existsSync(join(dir, 'app', 'models', 'book.py'))) {
  console.log(`Generating a FastAPI project in ${dir}`);
  cli('init', 'fastapi', '--root', dir, '--name', 'demo-api');
  cli('new', 'resource', 'Author', '--fields', 'name:str:max=120 email:email:unique bio:text?', '--root', dir);
  cli('new', 'resource', 'Book', '--fields', 'title:str:max=200 isbn:str:unique:max=20 price:decimal:min=0 status:enum(draft|published)=draft tags:list[str]=[] author:ref(Author)', '--root', dir);
} else {
  console.log(`Reusing the project in ${dir}`);
}

console.log(`\nServing on http://127.0.0.1:${port}/docs  (Ctrl-C to stop)\n`);
const server = spawn(python, ['-m', 'uvicorn', 'app.main:app', '--host', '127.0.0.1', '--port', port], {
  cwd: dir,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite+aiosqlite:///${join(dir, 'demo.db')}`,
    SECRET_KEY: process.env.SECRET_KEY ?? demoSecret(),
    CORS_ORIGINS: process.env.CORS_ORIGINS ?? 'http://localhost:3000',
  },
});
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
