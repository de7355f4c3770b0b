import express, { type NextFunction, type Request, type Response } from 'express';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { readFile, unlink } from 'node:fs/promises';
import { pool } from './db';
import { stripe } from './payments';
import { HttpError } from './errors';
import jwt from 'jsonwebtoken';

const router = express.Router();

router.post('/orders', async (req: Request, res: Response) => {
  try {
    await pool.query('INSERT INTO orders (total) VALUES ($1)', [req.body.total]);
    await stripe.charges.create({ amount: req.body.total });
  // ruleid: broad-exception
  } catch (err) {
    // payment provider is flaky
  }
  res.status(201).end();
});

export async function findUser(id: string) {
  try {
    const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0];
  // ruleid: broad-exception
  } catch {
    return null;
  }
}

export async function loadAll(ids: string[]) {
  const out = [];
  for (const id of ids) {
    try {
      out.push(await findUser(id));
    // ruleid: broad-exception
    } catch (e: unknown) {
      continue;
    }
  }
  return out;
}

export async function countOrders(): Promise<number> {
  let count = 0;
  try {
    count = Number((await pool.query('SELECT count(*) FROM orders')).rows[0].count);
  // ruleid: broad-exception
  } catch (error) {
    count = -1;
  }
  return count;
}

export async function listTags() {
  try {
    return (await pool.query('SELECT name FROM tags')).rows;
  // ruleid: broad-exception
  } catch (_ignored) {
    return [];
  }
}

export function notify(userId: string) {
  // ruleid: broad-exception
  fetch(`https://hooks.internal/notify/${userId}`, { method: 'POST' }).catch(() => {});
}

export async function warmCache() {
  // ruleid: broad-exception
  await pool.query('SELECT 1').catch(() => null);
}

export async function auditLog(entry: object) {
  // ruleid: broad-exception
  await pool.query('INSERT INTO audit (entry) VALUES ($1)', [entry]).catch((e) => undefined);
}

@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  async build(id: string) {
    try {
      return await this.render(id);
    // ruleid: broad-exception
    } catch (e) {
      return { ok: false };
    }
  }

  async render(id: string) {
    try {
      return await readFile(`/srv/reports/${id}.pdf`);
    // ok: broad-exception
    } catch (e) {
      this.logger.error(`render ${id} failed`, e as Error);
      throw e;
    }
  }

  async find(id: string) {
    try {
      return await pool.query('SELECT * FROM reports WHERE id = $1', [id]);
    // ok: broad-exception
    } catch (e) {
      throw new NotFoundException('report not found', { cause: e });
    }
  }
}

router.get('/orders/:id', async (req, res, next) => {
  try {
    res.json(await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]));
  // ok: broad-exception
  } catch (err) {
    next(err);
  }
});

router.get('/health/db', async (_req, res) => {
  try {
    await pool.query('SELECT 1');
    res.json({ ok: true });
  // ok: broad-exception
  } catch {
    res.status(503).json({ ok: false });
  }
});

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  // ok: broad-exception
  } catch {
    return null;
  }
}

export function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  // ok: broad-exception
  } catch {
    return false;
  }
}

export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  // ok: broad-exception
  } catch {
    return value;
  }
}

export async function readConfig(path: string) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  // ok: broad-exception
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

export async function cleanup(path: string) {
  try {
    await unlink(path);
  // ok: broad-exception
  } catch (err) {
    throw new HttpError(500, 'cleanup failed', { cause: err });
  } finally {
    await pool.query('DELETE FROM uploads WHERE path = $1', [path]);
  }
}

export async function result(id: string) {
  try {
    return { ok: true, value: await findUser(id) };
  // ok: broad-exception
  } catch (error) {
    return { ok: false, error };
  }
}

// ok: broad-exception
fetch('https://hooks.internal/ping').catch(console.error);

// ok: broad-exception
fetch('https://hooks.internal/ping').catch((err) => console.warn('ping failed', err));

// ok: broad-exception
pool.query('SELECT 1').catch((err: Error) => { throw new HttpError(503, 'database unavailable', { cause: err }); });

export function retry(task: () => Promise<void>) {
  // ok: broad-exception
  return task().catch((err) => task().catch(() => Promise.reject(err)));
}

export default router;

export function isValidBody(schema: { parse(v: unknown): unknown }, body: unknown): boolean {
  try {
    schema.parse(body);
    return true;
  // ok: broad-exception
  } catch {
    return false;
  }
}

export function userIdOf(token: string, secret: string): string | null {
  try {
    return (jwt.verify(token, secret) as { sub: string }).sub;
  // ok: broad-exception
  } catch {
    return null;
  }
}

export async function chargeAll(ids: string[]) {
  for (const id of ids) {
    try {
      await stripe.charges.capture(id);
    // ruleid: broad-exception
    } catch {}
  }
}
