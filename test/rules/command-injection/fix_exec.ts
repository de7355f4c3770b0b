import { exec, execSync } from 'node:child_process';
import express from 'express';

const app = express();

app.get('/ping', (req, res) => {
  const host = String(req.query.host);
  // ruleid: command-injection
  exec(`ping -c 1 ${host}`, (err, stdout) => res.send(stdout));
});

export function dump(database: string, name: string, jobs: number) {
  // ruleid: command-injection
  return execSync(`pg_dump --dbname=${database} --jobs ${jobs} --file=/var/backups/${name}.sql`);
}
