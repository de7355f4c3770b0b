import express from 'express';
import { pool } from './db';

const app = express();

app.get('/orders', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM orders'));
  } catch (error: any) {
    console.error('Unhandled error', error);
    // ruleid: debug-enabled
    res.status(500).json({ error: 'Internal server error' });
  }
});

app.get('/reports', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM reports'));
  } catch (e) {
    console.error('Unhandled error', e);
    // ruleid: debug-enabled
    res.status(500).json({ error: 'Internal server error' });
  }
});
