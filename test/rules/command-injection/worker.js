// A CommonJS worker: the jobs come from a queue fed by the API.
const { exec, execFileSync } = require('child_process');
const util = require('util');
const childProcess = require('node:child_process');

const execAsync = util.promisify(exec);
const BACKUP_DIR = '/var/backups';

async function backup(job) {
  // ruleid: command-injection
  await execAsync(`pg_dump --dbname=${job.database} --file=${BACKUP_DIR}/${job.name}.sql`);
}

function resize(file, width) {
  // ruleid: command-injection
  return childProcess.execSync('convert ' + file + ' -resize ' + width + ' out.png');
}

function clone(repo) {
  const cmd = `git clone --depth 1 ${repo} /tmp/checkout`;
  // ruleid: command-injection
  exec(cmd, (err) => { if (err) console.error(err); });
}

function runScript(script) {
  // ruleid: command-injection
  childProcess.spawn(script, { shell: true, stdio: 'inherit' });
}

function tag(version) {
  // ok: command-injection
  return execFileSync('git', ['tag', version]);
}

function uptime() {
  const command = 'uptime';
  // ok: command-injection
  return childProcess.execSync(command);
}

function list() {
  // ok: command-injection
  childProcess.spawn('ls', ['-la'], { shell: false });
}

module.exports = { backup, resize, clone, runScript, tag, uptime, list };
