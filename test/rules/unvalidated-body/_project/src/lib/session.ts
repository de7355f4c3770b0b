// Project fact for server_set.ts: middleware that writes body fields before the handler runs.
import type { NextFunction, Request, Response } from 'express';

/** Puts the signed-in user's id into the body (server-set, from the session). */
export const appendUserId = () => (req: Request, res: Response, next: NextFunction) => {
  req.body.UserId = res.locals.user.id;
  next();
};

/** Trims what the client sent: the value is still the client's. */
export const trimEmail = () => (req: Request, _res: Response, next: NextFunction) => {
  req.body.email = req.body.email.trim();
  next();
};
