// MongoDB: `$where` code built from request text, and a request value used
// whole as a filter field (an operator object instead of a string). Scalars
// (String(), Number(), route params), ORM option objects (`where:`), an
// instance update with one argument and constant `$where` code are fine.
import type { Request, Response } from 'express';

export async function reviews(req: Request, res: Response) {
  const product = req.query.product as string;
  // ruleid: sql-injection
  const found = await db.reviews.find({ $where: 'this.product == ' + product }).toArray();
  // ok: sql-injection
  const mine = await db.reviews.find({ $where: 'this.likes > 10' }).toArray();
  const limit = parseInt(req.query.limit as string, 10);
  // ok: sql-injection
  const top = await db.reviews.find({ $where: `this.likes > ${limit}` }).toArray();
  res.json({ found, mine, top });
}

export async function login(req: Request, res: Response) {
  // ruleid: sql-injection
  const user = await db.users.findOne({ email: req.body.email, password: req.body.password });
  // ok: sql-injection
  const safe = await db.users.findOne({ email: String(req.body.email) });
  res.json({ user, safe });
}

export async function edit(req: Request, res: Response) {
  const id = req.body.id;
  // ruleid: sql-injection
  await db.reviews.updateOne({ _id: id }, { $set: { message: String(req.body.message) } });
  // ok: sql-injection
  await db.reviews.deleteOne({ _id: req.params.id });
  res.end();
}

export async function sequelizeStyle(req: Request, res: Response) {
  // ok: sql-injection
  const card = await Card.findOne({ where: { id: req.body.cardId } });
  // ok: sql-injection
  await card.update({ holder: req.body.holder });
  // ok: sql-injection
  await Card.update({ holder: req.body.holder }, { where: { id: req.params.id } });
  res.json(card);
}

declare const db: Record<string, any>;
declare const Card: any;
