import type { NextFunction, Request, Response } from 'express';

export function authenticate(req: Request, res: Response, next: NextFunction): void {
  if (!req.headers.authorization) {
    res.status(401).json({ detail: 'Not authenticated' });
    return;
  }
  next();
}
