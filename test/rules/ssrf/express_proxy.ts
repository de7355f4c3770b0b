// Express routes calling other services.
import express, { Request, Response } from 'express';
import axios from 'axios';
import got from 'got';
import https from 'node:https';
import { request as undiciRequest } from 'undici';
import { z } from 'zod';

const app = express();
const API_BASE = process.env.API_BASE ?? 'https://api.example.com';
const github = axios.create({ baseURL: 'https://api.github.com' });
const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);
const Preview = z.object({ url: z.string().url(), page: z.coerce.number() });

app.get('/proxy', async (req: Request, res: Response) => {
  // ruleid: ssrf
  const upstream = await fetch(req.query.url as string);
  res.status(upstream.status).send(await upstream.text());
});

app.post('/preview', async (req, res) => {
  const { url } = Preview.parse(req.body);
  // ruleid: ssrf
  const { data } = await axios.get(url);
  res.send(data);
});

app.post('/webhooks/test', async (req, res) => {
  // ruleid: ssrf
  await axios({ method: 'post', url: req.body.callbackUrl, data: { ping: true } });
  res.sendStatus(204);
});

app.get('/health/:host', async (req, res) => {
  // ruleid: ssrf
  const r = await got(`http://${req.params.host}:8080/health`);
  res.send(r.body);
});

app.get('/fetch-image', (req, res) => {
  const target = new URL(String(req.query.src));
  // ruleid: ssrf
  https.get(target, (upstream) => upstream.pipe(res));
});

app.get('/scheme', async (req, res) => {
  const url = String(req.query.url);
  if (!url.startsWith('https://')) {
    return res.status(400).end();
  }
  // ruleid: ssrf
  const r = await undiciRequest(url);
  res.send(await r.body.text());
});

app.get('/host-header', async (req, res) => {
  const base = req.get('x-forwarded-host');
  // ruleid: ssrf
  const r = await fetch('https://' + base + '/status');
  res.send(await r.text());
});

app.get('/gh/:owner', async (req, res) => {
  // ruleid: ssrf
  const { data } = await github.get(req.query.next as string);
  res.json(data);
});

// --- hard negatives

app.get('/v2/users/:id', async (req, res) => {
  // ok: ssrf
  const r = await fetch(`${API_BASE}/users/${encodeURIComponent(req.params.id)}`);
  res.json(await r.json());
});

app.get('/v2/gh/:owner', async (req, res) => {
  // ok: ssrf
  const { data } = await axios.get(`https://api.github.com/users/${req.params.owner}`);
  res.json(data);
});

app.get('/v2/search', async (req, res) => {
  // ok: ssrf
  const { data } = await axios.get('https://search.example.com/q', { params: { q: req.query.q } });
  res.json(data);
});

app.get('/v2/image', async (req, res) => {
  const url = String(req.query.src);
  if (!ALLOWED_HOSTS.has(new URL(url).hostname)) {
    return res.status(400).json({ error: 'host not allowed' });
  }
  // ok: ssrf
  const r = await fetch(url);
  res.send(Buffer.from(await r.arrayBuffer()));
});

app.get('/v2/image2', async (req, res) => {
  const parsed = new URL(String(req.query.src));
  if (!['images.example.com'].includes(parsed.hostname)) {
    throw new Error('host not allowed');
  }
  // ok: ssrf
  const r = await got(parsed);
  res.send(r.rawBody);
});

app.get('/v2/repos', async (req, res) => {
  // ok: ssrf
  const { data } = await github.get(`/repos/${req.query.repo}`);
  res.json(data);
});

app.get('/v2/page', async (req, res) => {
  const { page } = Preview.parse(req.query);
  // ok: ssrf
  const r = await fetch(new URL(`/items?page=${page}`, API_BASE));
  res.json(await r.json());
});

app.post('/v2/forward', async (req, res) => {
  // ok: ssrf
  await axios.post('https://hooks.example.com/ingest', req.body, { headers: { 'x-id': req.get('x-id') } });
  // ok: ssrf
  app.get('/later', (_q, r) => r.end());
  res.end();
});

export default app;
