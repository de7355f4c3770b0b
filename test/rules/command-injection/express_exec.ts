// Express handlers and a service shelling out.
import express from 'express';
import { exec, execFile, execSync, spawn, spawnSync } from 'node:child_process';
import * as cp from 'child_process';
import { promisify } from 'node:util';
import { execa, execaCommand } from 'execa';
import shell from 'shelljs';
import { quote } from 'shell-quote';

const run = promisify(exec);
const app = express();
const FORMATS: Record<string, string> = { png: 'png', jpg: 'jpeg' };
const SERVICES = ['nginx', 'redis'];

app.get('/ping', (req, res) => {
  // ruleid: command-injection
  exec(`ping -c 1 ${req.query.host}`, (err, stdout) => res.send(stdout));
});

app.post('/thumbnail', async (req, res) => {
  const { src, size } = req.body;
  // ruleid: command-injection
  await run(`convert ${src} -resize ${size} /tmp/thumb.png`);
  res.sendStatus(201);
});

app.get('/du', (req, res) => {
  const dir = req.query.dir as string;
  // ruleid: command-injection
  const out = execSync('du -sh ' + dir).toString();
  res.send(out);
});

app.get('/grep', (req, res) => {
  // ruleid: command-injection
  const child = spawn('grep', ['-r', req.query.pattern as string, '/var/log'], { shell: true });
  child.stdout.pipe(res);
});

app.get('/git', (req, res) => {
  // ruleid: command-injection
  const r = spawnSync('bash', ['-c', `git log --author=${req.query.author}`]);
  res.send(r.stdout);
});

app.get('/archive', async (req, res) => {
  // ruleid: command-injection
  await execaCommand(`tar czf /tmp/out.tgz ${req.query.path}`, { shell: true });
  // ruleid: command-injection
  shell.exec(`zip -r /tmp/out.zip ${req.query.path}`);
  // ruleid: command-injection
  cp.exec('rm -rf /tmp/' + req.params.id);
  res.end();
});

export function restart(service: string) {
  // ruleid: command-injection
  return execSync(`systemctl restart ${service}`);
}

export async function convert(input: string, output: string) {
  // ruleid: command-injection
  await execa(`ffmpeg -i ${input} ${output}`, { shell: true });
}

// --- hard negatives

app.get('/v2/ping', (req, res) => {
  // ok: command-injection
  execFile('ping', ['-c', '1', String(req.query.host)], (err, stdout) => res.send(stdout));
});

app.get('/v2/grep', (req, res) => {
  // ok: command-injection
  const child = spawn('grep', ['-r', String(req.query.pattern), '/var/log']);
  child.stdout.pipe(res);
});

app.get('/v2/uptime', (_req, res) => {
  // ok: command-injection
  exec('uptime | tail -1', (err, out) => res.send(out));
});

app.get('/v2/convert', async (req, res) => {
  const format = FORMATS[String(req.query.format)] ?? 'png';
  const width = Number(req.query.width);
  // ok: command-injection
  await run(`convert /data/in.tiff -resize ${width} /data/out.${format}`);
  res.end();
});

app.post('/v2/restart', (req, res) => {
  const service = String(req.body.service);
  if (!SERVICES.includes(service)) {
    return res.status(400).send('unknown service');
  }
  // ok: command-injection
  execSync(`systemctl restart ${service}`);
  res.end();
});

app.get('/v2/quoted', (req, res) => {
  // ok: command-injection
  execSync(`du -sh ${quote([String(req.query.dir)])}`);
  // ok: command-injection
  console.log(`running rm -rf ${req.query.dir}`);
  // ok: command-injection
  execa('git', ['log', String(req.query.branch)]);
  res.end();
});

export async function build(level: number) {
  // ok: command-injection
  await execa('npm', ['run', 'build', `--level=${level}`]);
  // ok: command-injection
  return execSync(`nice -n ${level} make`);
}
