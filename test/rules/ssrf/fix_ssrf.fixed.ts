import express from 'express';
import axios from 'axios';

// Hosts this service may call: fill in before deploying.
const ALLOWED_HOSTS = new Set<string>([]);

const app = express();

app.get('/proxy', async (req, res) => {
  const url = String(req.query.url);
  // ruleid: ssrf
  if (!ALLOWED_HOSTS.has(new URL(url).hostname)) {
    return res.status(400).json({ error: 'URL host is not allowed' });
  }
  const upstream = await fetch(url);
  res.send(await upstream.text());
});

app.get('/health/:host', async (req, res) => {
  // ruleid: ssrf
  const targetUrl = `http://${req.params.host}:8080/health`;
  if (!ALLOWED_HOSTS.has(new URL(targetUrl).hostname)) {
    return res.status(400).json({ error: 'URL host is not allowed' });
  }
  const { data } = await axios.get(targetUrl);
  res.json(data);
});
