// Body fields written by a middleware from the session (`appendUserId()` in
// _project) are the server's values; fields the client sends are not, even
// when a middleware rewrote them from the body itself (`trimEmail()`).
import express, { type Request, type Response } from 'express';
import { appendUserId, trimEmail } from './lib/session';

const app = express();

app.get('/api/cards', appendUserId(), async (req: Request, res: Response) => {
  // ok: unvalidated-body
  const cards = await Card.findAll({ where: { UserId: req.body.UserId } });
  res.json(cards);
});

app.post('/api/cards', appendUserId(), async (req: Request, res: Response) => {
  // ruleid: unvalidated-body
  const card = await Card.create({ number: req.body.number, UserId: 1 });
  res.json(card);
});

app.post('/api/login', trimEmail(), async (req: Request, res: Response) => {
  // ruleid: unvalidated-body
  const user = await User.findOne({ where: { email: req.body.email } });
  res.json(user);
});
