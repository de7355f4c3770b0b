// CommonJS app: guards on mounts and app-level middleware.
const express = require('express');
const crypto = require('node:crypto');
const { auth } = require('express-oauth2-jwt-bearer');
const ordersController = require('./controllers/orders');

const app = express();
const checkJwt = auth({ audience: 'https://api.example.com', issuerBaseURL: 'https://example.auth0.com/' });

// ok: missing-auth
app.get('env');

const admin = express.Router();
// ok: missing-auth
admin.post('/reindex', (req, res) => res.sendStatus(202));
// ok: missing-auth
admin.delete('/cache', (req, res) => res.sendStatus(204));
app.use('/admin', checkJwt, admin);

const orders = express.Router();
// ruleid: missing-auth
orders.post('/', ordersController.create);
// ok: missing-auth
orders.patch('/:id', checkJwt, ordersController.update);
// ruleid: missing-auth
orders.delete('/:id', ordersController.remove);
app.use('/orders', orders);

// ruleid: missing-auth
app.post('/feedback', (req, res) => res.sendStatus(201));

// ruleid: missing-auth
app.all('/bulk', (req, res) => res.sendStatus(202));

// A webhook with no signature check is open to anyone.
// ruleid: missing-auth
app.post('/webhooks/shipping', (req, res) => res.sendStatus(204));

// ok: missing-auth
app.post('/webhooks/github', express.raw({ type: '*/*' }), (req, res) => {
  const expected = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');
  const given = String(req.get('x-hub-signature-256') || '').replace('sha256=', '');
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return res.sendStatus(401);
  res.sendStatus(204);
});

// ok: missing-auth
app.get('/health', (req, res) => res.json({ status: 'ok' }));
// ok: missing-auth
app.post('/healthz', (req, res) => res.json({ status: 'ok' }));

// The handler refuses anonymous callers itself.
// ok: missing-auth
app.post('/profile', (req, res) => {
  if (!req.user) return res.status(401).json({ error: 'Unauthorized' });
  res.json(req.user);
});

const auth = require('../middleware/auth');
const uploads = express.Router();
// ok: missing-auth
uploads.post('/', auth.required, (req, res) => res.sendStatus(201));
// ruleid: missing-auth
uploads.delete('/:id', auth.optional, (req, res) => res.sendStatus(204));
app.use('/uploads', uploads);

const internal = express.Router();
app.use(checkJwt);
app.use('/internal', internal);
// ok: missing-auth
internal.put('/flags/:name', (req, res) => res.json({ name: req.params.name }));

module.exports = app;
