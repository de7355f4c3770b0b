import express from 'express';
import fs from 'node:fs/promises';
import path from 'node:path';

const app = express();
const UPLOADS = '/srv/uploads';

app.get('/files/:name', async (req, res) => {
  // ruleid: path-traversal
  const data = await fs.readFile(path.join(UPLOADS, req.params.name));
  res.send(data);
});

app.get('/download/:name', (req, res) => {
  // ruleid: path-traversal
  res.download(path.join(UPLOADS, req.params.name));
});
