// Express routes over node-postgres.
import express, { Request, Response } from 'express';
import { Pool } from 'pg';
import { z } from 'zod';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();
const USERS = 'users';
const SORTABLE: Record<string, string> = { name: 'name', created: 'created_at' };
const ListQuery = z.object({ limit: z.coerce.number().int().max(100), offset: z.coerce.number().int(), q: z.string() });
type SortOrder = 'asc' | 'desc';

router.get('/users/:id', async (req: Request, res: Response) => {
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = ${req.params.id}`);
  res.json(rows[0]);
});

router.get('/users', async (req, res) => {
  const { email } = req.query;
  // ruleid: sql-injection
  const result = await pool.query("SELECT id, email FROM users WHERE email = '" + email + "'");
  res.json(result.rows);
});

router.get('/search', async (req, res) => {
  const term = String(req.query.term ?? '');
  let sql = 'SELECT * FROM products';
  sql += ` WHERE name ILIKE '%${term}%'`;
  // ruleid: sql-injection
  const r = await pool.query(sql);
  res.json(r.rows);
});

router.get('/orders', async (req, res) => {
  const sort = req.query.sort as string;
  // ruleid: sql-injection
  const r = await pool.query(`SELECT * FROM orders ORDER BY ${sort}`);
  res.json(r.rows);
});

router.delete('/sessions/:token', async (req, res) => {
  const client = await pool.connect();
  try {
    // ruleid: sql-injection
    await client.query('DELETE FROM sessions WHERE token = \'' + req.params.token + '\'');
  } finally {
    client.release();
  }
  res.sendStatus(204);
});

router.get('/reports', async (req, res) => {
  const filters = [`tenant_id = ${req.query.tenant}`, 'archived = false'];
  // ruleid: sql-injection
  const r = await pool.query(`SELECT * FROM reports WHERE ${filters.join(' AND ')}`);
  res.json(r.rows);
});

// --- hard negatives

router.get('/v2/users/:id', async (req, res) => {
  // ok: sql-injection
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});

router.get('/v2/users', async (req, res) => {
  const { limit, offset } = ListQuery.parse(req.query);
  // ok: sql-injection
  const r = await pool.query(`SELECT * FROM ${USERS} ORDER BY id LIMIT ${limit} OFFSET ${offset}`);
  res.json(r.rows);
});

router.get('/v2/sorted', async (req, res) => {
  const column = SORTABLE[String(req.query.sort)] ?? 'id';
  const order = req.query.order === 'desc' ? 'DESC' : 'ASC';
  // ok: sql-injection
  const r = await pool.query(`SELECT * FROM users ORDER BY ${column} ${order}`);
  res.json(r.rows);
});

router.get('/v2/page', async (req, res) => {
  const page = parseInt(String(req.query.page), 10) || 1;
  // ok: sql-injection
  const r = await pool.query(`SELECT * FROM items LIMIT 20 OFFSET ${(page - 1) * 20}`);
  res.json(r.rows);
});

router.post('/v2/bulk', async (req, res) => {
  const ids: string[] = req.body.ids;
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
  // ok: sql-injection
  const r = await pool.query(`SELECT * FROM items WHERE id IN (${placeholders})`, ids);
  res.json(r.rows);
});

const ALLOWED_COLUMNS = ['name', 'email', 'created_at'];
router.get('/v2/by', async (req, res) => {
  const col = String(req.query.col);
  if (!ALLOWED_COLUMNS.includes(col)) {
    return res.status(400).json({ error: 'bad column' });
  }
  // ok: sql-injection
  const r = await pool.query(`SELECT * FROM users ORDER BY ${col}`);
  res.json(r.rows);
});

export async function listSorted(order: SortOrder, limit: number) {
  // ok: sql-injection
  return pool.query(`SELECT * FROM users ORDER BY created_at ${order} LIMIT ${limit}`);
}

router.get('/v2/log', async (req, res) => {
  // ok: sql-injection
  console.log(`SELECT * FROM users WHERE id = ${req.params.id}`);
  // ok: sql-injection
  const r = await pool.query({ text: 'SELECT * FROM users WHERE email = $1', values: [req.query.email] });
  res.json(r.rows);
});

export default router;
