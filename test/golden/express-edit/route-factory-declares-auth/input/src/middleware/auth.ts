import type { RequestHandler } from 'express';
import type { Config } from '../config';

export function requireAuth(config: Config): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || config.JWT_SECRET.length < 32) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ detail: 'Not authenticated' });
      return;
    }
    res.locals.user = { token: header.slice(7) };
    next();
  };
}
