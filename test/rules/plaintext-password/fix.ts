import express from 'express';
import { pool } from './db';

const router = express.Router();

router.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: plaintext-password
  await pool.query('INSERT INTO users (email, password) VALUES ($1, $2)', [email, password]);
  res.sendStatus(201);
});

router.post('/login', async (req, res) => {
  const { rows } = await pool.query('SELECT id, password FROM users WHERE email = $1', [req.body.email]);
  // ruleid: plaintext-password
  if (rows.length === 0 || rows[0].password !== req.body.password) {
    res.sendStatus(401);
    return;
  }
  res.json({ id: rows[0].id });
});

export default router;
