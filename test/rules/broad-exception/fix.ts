import { pool } from './db';

export async function findUser(id: string) {
  try {
    const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0];
  // ruleid: broad-exception
  } catch {
    return null;
  }
}

export async function deleteUser(id: string) {
  try {
    await pool.query('DELETE FROM users WHERE id = $1', [id]);
  // ruleid: broad-exception
  } catch (err) {
    // already gone
  }
}

export function ping() {
  // ruleid: broad-exception
  pool.query('SELECT 1').catch(() => {});
}

export async function fallback() {
  // ruleid: broad-exception
  return pool.query('SELECT now()').catch(() => null);
}
