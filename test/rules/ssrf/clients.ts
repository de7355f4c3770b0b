// Other HTTP clients; URLs from configuration and the database are not request input.
import { Router } from 'express';
import superagent from 'superagent';
import ky from 'ky';
import http from 'node:http';

const router = Router();
const config = { pricingUrl: process.env.PRICING_URL ?? 'http://pricing.internal' };

router.get('/price/:sku', async (req, res) => {
  // ok: ssrf
  const r = await superagent.get(`${config.pricingUrl}/skus/${req.params.sku}`);
  res.json(r.body);
});

router.post('/relay', async (req, res) => {
  // ruleid: ssrf
  const r = await superagent.post(req.body.endpoint).send({ relayed: true });
  res.json(r.body);
});

router.get('/ky', async (req, res) => {
  // ruleid: ssrf
  const data = await ky.get(`${req.query.origin}/api/data`).json();
  res.json(data);
});

router.get('/ky-fixed', async (req, res) => {
  // ok: ssrf
  const data = await ky.get(`https://data.example.com/api/${req.query.id}`).json();
  res.json(data);
});

router.get('/internal', (req, res) => {
  // ok: ssrf
  http.get({ host: 'inventory.internal', path: `/stock/${req.query.sku}` }, (up) => up.pipe(res));
});

export default router;
