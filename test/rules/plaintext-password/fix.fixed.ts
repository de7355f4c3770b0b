import express from 'express';
import { pool } from './db';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const router = express.Router();

router.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: plaintext-password
  await pool.query('INSERT INTO users (email, password) VALUES ($1, $2)', [email, await hashPassword(password)]);
  res.sendStatus(201);
});

router.post('/login', async (req, res) => {
  const { rows } = await pool.query('SELECT id, password FROM users WHERE email = $1', [req.body.email]);
  // ruleid: plaintext-password
  if (rows.length === 0 || !(await verifyPassword(req.body.password, rows[0].password))) {
    res.sendStatus(401);
    return;
  }
  res.json({ id: rows[0].id });
});

export default router;

function scryptKey(password: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A salted scrypt hash of a password: `scrypt$<salt>$<key>` (base64url). */
async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptKey(password, salt, 64);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether a password matches a hash made by hashPassword (constant-time). */
async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [scheme, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptKey(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}
