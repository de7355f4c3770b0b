// Bearer JWT authentication for the write routes.
import type { RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import type { Config } from '../config';

export function requireAuth(config: Config): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ detail: 'Not authenticated' });
      return;
    }
    try {
      const payload = jwt.verify(match[1], config.JWT_SECRET);
      res.locals.user = { id: Number(payload.sub) };
      next();
    } catch {
      res.status(401).json({ detail: 'Invalid or expired token' });
    }
  };
}
