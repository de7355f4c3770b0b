// Archive entry names are chosen by whoever made the archive (zip slip), and
// spreading the request body into res.render() locals lets the client pick
// the layout template. Basenamed entries, constant views and locals with
// fixed keys are fine.
import fs from 'node:fs';
import path from 'node:path';
import unzipper from 'unzipper';
import type { Request, Response } from 'express';

export async function extract(buffer: Buffer) {
  const directory = await unzipper.Open.buffer(buffer);
  for (const entry of directory.files) {
    const name = entry.path;
    // ruleid: path-traversal
    entry.stream().pipe(fs.createWriteStream('uploads/' + name));
    // ok: path-traversal
    entry.stream().pipe(fs.createWriteStream(path.join('uploads', path.basename(entry.path))));
  }
}

export function streamed(input: NodeJS.ReadableStream) {
  input.pipe(unzipper.Parse()).on('entry', (entry: { path: string; pipe(s: unknown): void }) => {
    // ruleid: path-traversal
    entry.pipe(fs.createWriteStream(path.join('/srv/import', entry.path)));
  });
}

export function erase(req: Request, res: Response) {
  // ruleid: path-traversal
  res.render('result', { ...req.body, theme: 'dark' });
  const form = req.query;
  // ruleid: path-traversal
  res.render('search', { ...form });
  // ruleid: path-traversal
  res.render('page', { layout: req.query.layout as string });
  const errors = { email: req.body.email as string, emailError: '' };
  // ok: path-traversal
  res.render('signup', { ...errors, title: 'Sign up' });
  // ok: path-traversal
  res.render('result', { name: req.body.name as string });
}

// The spread runs only where the client's layout is falsy: no file is named.
export function eraseWithoutLayout(req: Request, res: Response) {
  if (req.body.layout) {
    res.status(400).send('no layouts');
  } else {
    // ok: path-traversal
    res.render('dataErasureResult', { ...req.body, theme: 'dark' });
  }
}

export function eraseAfterRefusal(req: Request, res: Response) {
  if (req.body.layout) return res.status(400).end();
  // ok: path-traversal
  res.render('dataErasureResult', { ...req.body });
}

export function eraseInsideLayoutBranch(req: Request, res: Response) {
  if (req.body.layout) {
    // ruleid: path-traversal
    res.render('dataErasureResult', { ...req.body });
  } else if (req.query.preview) {
    // The check was on the body; the query still names a layout.
    // ruleid: path-traversal
    res.render('dataErasureResult', { ...req.query });
  }
}
