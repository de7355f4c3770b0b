import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool();
const app = Fastify();

app.get('/users/:id', async (request, reply) => {
  const { id } = request.params as { id: string };
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = ${id}`);
  return rows[0];
});

app.get('/users', async (request) => {
  const { email, name } = request.query as { email: string; name: string };
  // ruleid: sql-injection
  const { rows } = await pool.query("SELECT * FROM users WHERE email = '" + email + "' AND name ILIKE '%" + name + "%'");
  return rows;
});

export async function archive(tenant: string, before: string, limit: number) {
  let sql = `UPDATE documents SET archived = true WHERE tenant = '${tenant}'`;
  sql += ` AND created_at < '${before}' AND owner <> '${tenant}'`;
  // ruleid: sql-injection
  return pool.query(sql);
}

export async function recent(user: string, limit: number) {
  // ruleid: sql-injection
  return pool.query(`SELECT * FROM events WHERE actor = ${user} ORDER BY at DESC LIMIT ${limit}`);
}

export async function activeMembers(teamId: string, role: string) {
  // ruleid: sql-injection
  const { rows } = await pool.query(`
    SELECT m.id, m.email
    FROM members m
    WHERE m.team_id = ${teamId}
      AND m.role = '${role}'
      AND m.status = 'active'
  `);
  return rows;
}

export async function byStatus(kind: string) {
  // ruleid: sql-injection
  return pool.query(`SELECT * FROM jobs WHERE status = 'queued' AND kind = '${kind}'`);
}
