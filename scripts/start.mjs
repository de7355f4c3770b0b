// `npm start`: opens a fresh copy of the sample FastAPI workspace
// (test/host/workspace) with the freshly built extension loaded — in desktop
// VS Code when `code` is on PATH, otherwise in the offline VS Code 1.100 web
// host served on 127.0.0.1 (port 8080, or --port N / $BACKEND_SKILL_PORT).
// Ctrl+C stops the server and removes the copy.
//
//   node scripts/start.mjs [--port N] [--web]
import { spawnSync } from 'node:child_process';
import { hostInfo, setup } from './vscode-host.mjs';
import { makeSandbox, REPO, startServer, workbenchUrl } from './host-session.mjs';

const HOST = '1.100';
const say = (msg) => console.log(`[backend-skill start] ${msg}`);

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;

if (hasCode && !process.argv.includes('--web')) {
  // Desktop VS Code owns the window from here; the copy stays for the user to keep or delete.
  const sandbox = makeSandbox('start', { tests: false });
  say(`desktop VS Code on ${sandbox.workspace}`);
  const res = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${REPO}`, sandbox.workspace], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}

const port = Number(option('--port') ?? process.env.BACKEND_SKILL_PORT ?? 8080);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  say(`not a port: ${option('--port') ?? process.env.BACKEND_SKILL_PORT}`);
  process.exit(2);
}
try {
  setup([HOST]);
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const sandbox = makeSandbox('start', { tests: false });
const server = startServer(hostInfo(HOST), { dataRoot: sandbox.root, port, smokeTestDriver: false });

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  sandbox.remove();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.child.once('exit', (code) => {
  if (stopping) return;
  say(`the VS Code server stopped (${code})`);
  sandbox.remove();
  process.exit(1);
});

try {
  const bound = await server.ready;
  say(`VS Code ${hostInfo(HOST).vscode} with backend-skill loaded, workspace copy at ${sandbox.workspace}`);
  say('open this URL in a browser (Ctrl+C here stops the server and deletes the copy):');
  console.log(`\n  ${workbenchUrl(bound, sandbox.workspace)}\n`);
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  say(`is port ${port} taken? use --port N or BACKEND_SKILL_PORT`);
  await stop(1);
}
