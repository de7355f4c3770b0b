// A body field that is only compared or tested (`req.body.mode === 'card'`,
// `!req.body.flag`, `if (req.body.x)`) yields a yes/no: whatever JSON the
// client sends is gone after the test. A handler is reported at the first
// read whose value flows on (stored, queried, returned); nested reads
// (`req.body.a.b`) throw on a missing `a`, and `||` defaults pass the value.
import express, { type Request, type Response } from 'express';

const app = express();
const privateKey = process.env.WALLET_KEY;

app.post('/api/keys/check', (req: Request, res: Response) => {
  // ok: unvalidated-body
  if (req.body.privateKey === privateKey) return res.json({ success: true });
  // ok: unvalidated-body
  res.status(401).json({ success: false, hint: req.body.privateKey !== undefined });
});

app.put('/api/orders/:id/delivery', async (req: Request, res: Response) => {
  // ok: unvalidated-body
  const delivered = !req.body.deliveryStatus;
  await Orders.update({ _id: req.params.id }, { $set: { delivered } });
  res.json({ status: 'success' });
});

app.post('/api/reviews/:id', async (req: Request, res: Response) => {
  const user = currentUser(req);
  // ok: unvalidated-body
  const forged = user?.email !== req.body.author;
  await Reviews.insert({
    product: req.params.id,
    // ruleid: unvalidated-body
    message: req.body.message,
    author: req.body.author,
    forged,
  });
  res.status(201).end();
});

app.post('/api/deluxe', async (req: Request, res: Response) => {
  // ok: unvalidated-body
  const mode = req.body.paymentMode === 'card' ? 'card' : 'wallet';
  // ruleid: unvalidated-body
  const card = await Card.findOne({ where: { id: req.body.paymentId } });
  res.json({ mode, card });
});

app.post('/api/profile', async (req: Request, res: Response) => {
  // ruleid: unvalidated-body
  if (req.body.address.city === 'x') return res.status(400).end();
  res.end();
});

app.post('/api/theme', async (req: Request, res: Response) => {
  // ruleid: unvalidated-body
  const theme = req.body.theme || 'light';
  await Settings.update({ theme });
  res.end();
});

app.post('/api/search', async (req: Request, res: Response) => {
  // ruleid: unvalidated-body
  res.json(await Products.findAll({ where: req.body.filter === undefined ? {} : req.body.filter }));
});
