// Request input destructured from the request object, and handlers exported for another file's router.
import type { Request, Response, NextFunction } from 'express';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

const ASSETS = path.join(process.cwd(), 'assets');

export async function getAsset(req: Request, res: Response, next: NextFunction) {
  const { params } = req;
  try {
    // ruleid: path-traversal
    res.send(await fsp.readFile(path.join(ASSETS, params.file)));
  } catch (err) {
    next(err);
  }
}

export async function getNested(req: Request, res: Response) {
  const {
    query: { theme },
  } = req;
  // ruleid: path-traversal
  res.send(await fsp.readFile(`${ASSETS}/themes/${theme}.css`));
}

export async function method(req: Request, res: Response) {
  const { method } = req;
  // ok: path-traversal
  res.send(await fsp.readFile(path.join(ASSETS, `${method.toLowerCase()}.txt`)));
}

export const upload = async (req: Request, res: Response) => {
  const name = path.basename(String(req.headers['x-file-name']));
  // ok: path-traversal
  await fsp.writeFile(path.join(ASSETS, name), req.body);
  res.sendStatus(201);
};

export const contained = async (req: Request, res: Response) => {
  const requested = path.join(ASSETS, String(req.query.file));
  if (!path.resolve(requested).startsWith(ASSETS + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: path-traversal
  res.send(await fsp.readFile(requested));
};

export const sameCheckWrongValue = async (req: Request, res: Response) => {
  const requested = path.join(ASSETS, String(req.query.file));
  if (!String(req.query.file).startsWith('public')) {
    return res.sendStatus(403);
  }
  // ruleid: path-traversal
  res.send(await fsp.readFile(requested));
};

export const unnormalised = async (req: Request, res: Response) => {
  const requested = ASSETS + '/' + String(req.query.file);
  if (!requested.startsWith(ASSETS)) {
    return res.sendStatus(403);
  }
  // ruleid: path-traversal
  res.send(await fsp.readFile(requested));
};
