const pino = require('pino');
const { Pool } = require('pg');

const logger = pino();
const pool = new Pool();

async function countUsers() {
  try {
    return (await pool.query('SELECT count(*) FROM users')).rows[0].count;
  // ruleid: broad-exception
  } catch (e) { return 0; }
}

function flush(queue) {
  // ruleid: broad-exception
  queue.flush().catch(() => {});
}

module.exports = { countUsers, flush };
