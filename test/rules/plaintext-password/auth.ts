import express from 'express';
import bcrypt from 'bcrypt';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PrismaClient } from '@prisma/client';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { pool } from './db';
import { User } from './models/user';
import { UsersRepository } from './users.repository';

const prisma = new PrismaClient();
const router = express.Router();

router.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: plaintext-password
  const user = await prisma.user.create({ data: { email, password } });
  res.status(201).json({ id: user.id });
});

router.post('/signup', async (req, res) => {
  await pool.query('INSERT INTO users (email, password) VALUES ($1, $2)', [
    req.body.email,
    // ruleid: plaintext-password
    req.body.password,
  ]);
  res.sendStatus(201);
});

router.post('/login', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  // ruleid: plaintext-password
  if (!user || user.password !== req.body.password) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  res.json({ ok: true });
});

router.post('/login-legacy', async (req, res) => {
  // ruleid: plaintext-password
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  res.json({ ok: !!user });
});

router.post('/login-sql', async (req, res) => {
  const { rows } = await pool.query('SELECT id FROM users WHERE email = $1 AND password = $2', [
    req.body.email,
    // ruleid: plaintext-password
    req.body.password,
  ]);
  res.json({ ok: rows.length === 1 });
});

router.post('/users/:id/password', async (req, res) => {
  const user = await User.findById(req.params.id);
  // ruleid: plaintext-password
  user.password = req.body.newPassword;
  await user.save();
  res.sendStatus(204);
});

router.post('/mongo/register', async (req, res) => {
  // ruleid: plaintext-password
  const doc = new User({ email: req.body.email, password: req.body.password });
  await doc.save();
  res.sendStatus(201);
});

export function legacyHash(password: string) {
  // ruleid: plaintext-password
  return createHash('sha256').update(password).digest('hex');
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async create(dto: { email: string; password: string }) {
    // ruleid: plaintext-password
    return this.users.save({ email: dto.email, password: dto.password });
  }

  async changePassword(id: string, newPassword: string) {
    // ruleid: plaintext-password
    await prisma.user.update({ where: { id }, data: { password: newPassword } });
  }
}

// ---------------------------------------------------------------- hard negatives

router.post('/register-hashed', async (req, res) => {
  const hashed = await bcrypt.hash(req.body.password, 12);
  // ok: plaintext-password
  await prisma.user.create({ data: { email: req.body.email, password: hashed } });
  res.sendStatus(201);
});

router.post('/register-inline', async (req, res) => {
  // ok: plaintext-password
  await prisma.user.create({ data: { email: req.body.email, password: await bcrypt.hash(req.body.password, 12) } });
  res.sendStatus(201);
});

router.post('/login-hashed', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  // ok: plaintext-password
  const ok = user && (await bcrypt.compare(req.body.password, user.password));
  res.json({ ok });
});

router.post('/change', async (req, res) => {
  const { password, confirmPassword } = req.body;
  // ok: plaintext-password
  if (password !== confirmPassword) return res.status(422).json({ error: 'Passwords do not match' });
  res.sendStatus(204);
});

export function sameDigest(a: Buffer, b: Buffer) {
  // ok: plaintext-password
  return a.length === b.length && timingSafeEqual(a, b);
}

export const RegisterSchema = z.object({
  email: z.string().email(),
  // ok: plaintext-password
  password: z.string().min(8).max(128),
});

router.post('/password-reset', async (req, res) => {
  const token = createHash('sha256').update(req.body.token).digest('hex');
  // ok: plaintext-password
  await prisma.passwordReset.create({ data: { tokenHash: token, passwordResetToken: token } });
  res.sendStatus(202);
});

router.get('/me', async (req, res) => {
  // ok: plaintext-password
  const user = await prisma.user.findUnique({ where: { id: req.params.id }, select: { password: false, email: true } });
  res.json(user);
});

router.post('/validate', (req, res) => {
  // ok: plaintext-password
  if (req.body.password.length < 8) return res.status(422).json({ password: 'too short' });
  res.sendStatus(204);
});

export async function storeHash(email: string, password: string) {
  const passwordHash = await bcrypt.hash(password, 12);
  // ok: plaintext-password
  await pool.query('INSERT INTO users (email, password_hash) VALUES ($1, $2)', [email, passwordHash]);
}

export function fingerprint(apiToken: string) {
  // ok: plaintext-password
  return createHash('sha256').update(apiToken).digest('hex');
}

export function respond(res: express.Response, password: string) {
  // ok: plaintext-password
  res.json({ generated: true, password });
}
