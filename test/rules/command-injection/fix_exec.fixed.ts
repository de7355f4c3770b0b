import { exec, execSync, execFile, execFileSync } from 'node:child_process';
import express from 'express';

const app = express();

app.get('/ping', (req, res) => {
  const host = String(req.query.host);
  // ruleid: command-injection
  execFile('ping', ['-c', '1', host], (err, stdout) => res.send(stdout));
});

export function dump(database: string, name: string, jobs: number) {
  // ruleid: command-injection
  return execFileSync('pg_dump', [`--dbname=${database}`, '--jobs', String(jobs), `--file=/var/backups/${name}.sql`]);
}
