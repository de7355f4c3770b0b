import express from 'express';

const app = express();
app.use(express.json());

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

app.get('/items', (_req, res) => {
  res.json({ data: [], count: 0 });
});

app.listen(3000, '127.0.0.1', () => {
  console.log('listening');
});
