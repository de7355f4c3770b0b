// An extension or folder chosen through an allow-list ternary is one of the
// list's constants; the same ternary that vouches for a different value, or
// a list check on one value that keeps another, is not.
import fs from 'node:fs';
import type { Request, Response } from 'express';

const FOLDERS = ['avatars', 'banners'];

export function saveImage(req: Request, res: Response) {
  const url: string = req.body.imageUrl;
  const ext = ['jpg', 'jpeg', 'png'].includes(url.split('.').slice(-1)[0].toLowerCase()) ? url.split('.').slice(-1)[0].toLowerCase() : 'jpg';
  // ok: path-traversal
  fs.createWriteStream(`uploads/${req.params.id.length}.${ext}`);
  const folder = !FOLDERS.includes(req.query.kind as string) ? 'avatars' : (req.query.kind as string);
  // ok: path-traversal
  fs.writeFileSync(`public/${folder}/latest.png`, '');
  res.end();
}

export function sneaky(req: Request, res: Response) {
  const name = req.body.name as string;
  const kind = req.body.kind as string;
  const ext = ['jpg', 'png'].includes(kind) ? name : 'jpg';
  // ruleid: path-traversal
  fs.createWriteStream(`uploads/${ext}`);
  const other = ['jpg', 'png'].includes(kind) ? 'png' : kind;
  // ruleid: path-traversal
  res.sendFile(`/srv/files/${other}`);
}
