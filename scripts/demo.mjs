// `npm run demo` — the main job end to end: build the CLI, generate a FastAPI
// project (init + two resources) in demo-api/ (git-ignored), and serve it
// with uvicorn on 127.0.0.1 against SQLite. Ctrl-C stops the server.
//   npm run demo -- --port 8001 --dir /tmp/my-api
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { venvPython } from './python-env.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const dir = resolve(option('dir', 'demo-api'));
const port = option('port', '8000');

function cli(...argv) {
  const result = spawnSync(process.execPath, ['dist/cli.js', ...argv], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const python = venvPython();
if (!existsSync(python)) {
  console.error('The Python venv is missing: run `npm install` (or `npm run setup:python`) first.');
  process.exit(1);
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
    SECRET_KEY: process.env.SECRET_KEY ?? randomBytes(32).toString('base64url'),
    CORS_ORIGINS: process.env.CORS_ORIGINS ?? 'http://localhost:3000',
  },
});
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
