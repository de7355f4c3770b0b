import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool();
const app = Fastify();

app.get('/users/:id', async (request, reply) => {
  const { id } = request.params as { id: string };
  // ruleid: sql-injection
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
});

app.get('/users', async (request) => {
  const { email, name } = request.query as { email: string; name: string };
  // ruleid: sql-injection
  const { rows } = await pool.query("SELECT * FROM users WHERE email = $1 AND name ILIKE $2", [email, `%${name}%`]);
  return rows;
});

export async function archive(tenant: string, before: string, limit: number) {
  let sql = 'UPDATE documents SET archived = true WHERE tenant = $1';
  sql += " AND created_at < $2 AND owner <> $1";
  // ruleid: sql-injection
  return pool.query(sql, [tenant, before]);
}

export async function recent(user: string, limit: number) {
  // ruleid: sql-injection
  return pool.query('SELECT * FROM events WHERE actor = $1 ORDER BY at DESC LIMIT $2', [user, limit]);
}

export async function activeMembers(teamId: string, role: string) {
  // ruleid: sql-injection
  const { rows } = await pool.query(`
    SELECT m.id, m.email
    FROM members m
    WHERE m.team_id = $1
      AND m.role = $2
      AND m.status = 'active'
  `, [teamId, role]);
  return rows;
}

export async function byStatus(kind: string) {
  // ruleid: sql-injection
  return pool.query("SELECT * FROM jobs WHERE status = 'queued' AND kind = $1", [kind]);
}
