import type { Request, Response } from 'express';

export function parse(req: Request, res: Response) {
  // ruleid: code-injection
  const value = JSON.parse(req.body.payload);
  res.json({ value });
}
