// A name checked to hold no `/` is one path component: opening a file at
// `dir/<name>` cannot leave `dir` (`..` alone names the directory itself,
// which sendFile/readFile refuse to open). Directory operations act on `..`,
// so there the same check is not enough; nor is a check of another value, a
// check that lets the request continue, or a backslash-only check.
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export function serveKeyFiles() {
  return ({ params }: Request, res: Response, next: NextFunction) => {
    const file = params.file;
    if (!file.includes('/')) {
      // ok: path-traversal
      res.sendFile(path.resolve('encryptionkeys/', file));
    } else {
      res.status(403);
      next(new Error('File names cannot contain forward slashes!'));
    }
  };
}

export function readReport(req: Request, res: Response) {
  const name = String(req.query.name);
  if (name.indexOf('/') !== -1) return res.status(400).end();
  // ok: path-traversal
  res.send(fs.readFileSync(path.join('reports', name), 'utf8'));
}

export function readRegexChecked(req: Request, res: Response) {
  const name = req.params.name;
  if (/\//.test(name)) throw new Error('bad name');
  // ok: path-traversal
  fs.createReadStream(`logs/${name}`).pipe(res);
}

export function removeUpload(req: Request, res: Response) {
  const dir = req.params.dir;
  if (dir.includes('/')) return res.status(400).end();
  // `..` alone is the parent folder: rm deletes it.
  // ruleid: path-traversal
  fs.rmSync(path.join('uploads', dir), { recursive: true, force: true });
  res.end();
}

export function listFolder(req: Request, res: Response) {
  const dir = req.params.dir;
  if (!dir.includes('/')) {
    // ruleid: path-traversal
    res.json(fs.readdirSync(path.join('public', dir)));
  }
}

export function checkedOtherValue(req: Request, res: Response) {
  const name = req.params.name;
  const other = req.params.other;
  if (other.includes('/')) return res.status(400).end();
  // ruleid: path-traversal
  res.sendFile(path.resolve('files', name));
}

export function checkWithoutLeaving(req: Request, res: Response) {
  const name = req.params.name;
  if (name.includes('/')) console.warn('odd name', name);
  // ruleid: path-traversal
  res.sendFile(path.resolve('files', name));
}

export function slashInsideBranch(req: Request, res: Response) {
  const name = req.params.name;
  if (name.includes('/')) {
    // ruleid: path-traversal
    res.sendFile(path.resolve('files', name));
  }
}

export function backslashOnly(req: Request, res: Response) {
  const name = req.params.name;
  if (name.includes('\\')) return res.status(400).end();
  // ruleid: path-traversal
  res.download(path.join('files', name));
}

const ROOT = path.resolve('public');

export function rootVerified(req: Request, res: Response) {
  const full = path.resolve(ROOT, String(req.query.file));
  if (!full.startsWith(ROOT + path.sep)) return res.status(403).end();
  // ok: path-traversal
  res.sendFile(full);
}

// Named like a check, but it only looks at the type: the path is not verified.
function verifyPath(p: unknown): boolean {
  return typeof p === 'string';
}

export function fakeVerified(req: Request, res: Response) {
  const file = req.query.file;
  if (!verifyPath(file)) return res.status(400).end();
  // ruleid: path-traversal
  res.sendFile(path.resolve(ROOT, String(file)));
}
