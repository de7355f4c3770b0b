import express from 'express';
import { pool } from './db';

const app = express();

app.get('/orders', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM orders'));
  } catch (error: any) {
    // ruleid: debug-enabled
    res.status(500).json({ error: 'Internal server error', stack: error.stack });
  }
});

app.get('/reports', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM reports'));
  } catch (e) {
    // ruleid: debug-enabled
    res.status(500).json(e);
  }
});
