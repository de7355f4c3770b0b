import { pool } from './db';

export async function findUser(id: string) {
  try {
    const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0];
  // ruleid: broad-exception
  } catch (err) {
    console.error('findUser failed', err);
    throw err;
  }
}

export async function deleteUser(id: string) {
  try {
    await pool.query('DELETE FROM users WHERE id = $1', [id]);
  // ruleid: broad-exception
  } catch (err) {
    // already gone
    console.error('deleteUser failed', err);
    throw err;
  }
}

export function ping() {
  // ruleid: broad-exception
  pool.query('SELECT 1').catch((err) => console.error('ping failed', err));
}

export async function fallback() {
  // ruleid: broad-exception
  return pool.query('SELECT now()').catch((err) => {
    console.error('fallback failed', err);
    return null;
  });
}
