// Express file routes.
import express, { Request, Response } from 'express';
import fs from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import multer from 'multer';
import { z } from 'zod';

const app = express();
const upload = multer({ dest: '/tmp/uploads' });
const UPLOAD_DIR = path.resolve('uploads');
const REPORTS = '/srv/reports';
const FileQuery = z.object({ id: z.coerce.number().int() });

app.get('/files/:name', (req, res) => {
  // ruleid: path-traversal
  res.sendFile(path.join(UPLOAD_DIR, req.params.name));
});

app.get('/download', (req: Request, res: Response) => {
  const file = req.query.file as string;
  // ruleid: path-traversal
  res.download(`${REPORTS}/${file}`);
});

app.get('/raw', async (req, res) => {
  const { name } = req.query;
  const target = path.join(UPLOAD_DIR, String(name));
  // ruleid: path-traversal
  const data = await readFile(target, 'utf8');
  res.send(data);
});

app.delete('/files/:name', async (req, res) => {
  // ruleid: path-traversal
  await unlink(UPLOAD_DIR + '/' + req.params.name);
  res.sendStatus(204);
});

app.post('/notes', async (req, res) => {
  const { title, body } = req.body;
  // ruleid: path-traversal
  await writeFile(path.resolve('notes', `${title}.md`), body);
  res.sendStatus(201);
});

app.post('/avatar', upload.single('avatar'), (req, res) => {
  const dest = path.join('/srv/avatars', req.file!.originalname);
  // ok: path-traversal
  const stored = fs.readFileSync(req.file!.path);
  // ruleid: path-traversal
  fs.renameSync(req.file!.path, dest);
  void stored;
  res.sendStatus(201);
});

app.get('/stream', (req, res) => {
  // ruleid: path-traversal
  fs.createReadStream(path.join(REPORTS, req.header('x-report') ?? '')).pipe(res);
});

app.get('/list', (req, res) => {
  // ruleid: path-traversal
  res.json(fs.readdirSync(path.join(UPLOAD_DIR, String(req.query.dir))));
});

// --- hard negatives

app.get('/v2/files/:name', (req, res) => {
  // ok: path-traversal
  res.sendFile(req.params.name, { root: UPLOAD_DIR });
});

app.get('/v2/raw/:name', async (req, res) => {
  // ok: path-traversal
  const data = await readFile(path.join(UPLOAD_DIR, path.basename(req.params.name)), 'utf8');
  res.send(data);
});

app.get('/v2/contained', async (req, res) => {
  const target = path.resolve(UPLOAD_DIR, String(req.query.file));
  if (!target.startsWith(UPLOAD_DIR + path.sep)) {
    return res.status(400).json({ error: 'invalid path' });
  }
  // ok: path-traversal
  res.send(await readFile(target));
});

app.get('/v2/report/:id', async (req, res) => {
  const { id } = FileQuery.parse(req.params);
  // ok: path-traversal
  res.send(await readFile(path.join(REPORTS, `${id}.pdf`)));
});

app.get('/v2/page', async (req, res) => {
  const page = parseInt(String(req.query.page), 10);
  // ok: path-traversal
  res.send(await readFile(`${REPORTS}/page-${page}.html`));
});

app.get('/v2/name', async (req, res) => {
  const name = String(req.query.name);
  if (!/^[a-z0-9_-]+$/.test(name)) {
    return res.status(400).end();
  }
  // ok: path-traversal
  res.send(await readFile(path.join(REPORTS, name)));
});

app.get('/v2/static', async (_req, res) => {
  // ok: path-traversal
  res.send(await readFile(path.join(REPORTS, 'index.html')));
});

app.get('/v2/log', (req, res) => {
  // ok: path-traversal
  console.log(path.join(UPLOAD_DIR, req.params.name));
  // ok: path-traversal
  res.json({ exists: fs.existsSync(path.join(REPORTS, 'summary.pdf')) });
});

export function readTemplate(name: string) {
  // ok: path-traversal
  return fs.readFileSync(path.join(__dirname, 'templates', name), 'utf8');
}
