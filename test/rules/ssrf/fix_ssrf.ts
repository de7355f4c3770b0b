import express from 'express';
import axios from 'axios';

const app = express();

app.get('/proxy', async (req, res) => {
  const url = String(req.query.url);
  // ruleid: ssrf
  const upstream = await fetch(url);
  res.send(await upstream.text());
});

app.get('/health/:host', async (req, res) => {
  // ruleid: ssrf
  const { data } = await axios.get(`http://${req.params.host}:8080/health`);
  res.json(data);
});
