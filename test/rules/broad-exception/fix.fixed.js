const pino = require('pino');
const { Pool } = require('pg');

const logger = pino();
const pool = new Pool();

async function countUsers() {
  try {
    return (await pool.query('SELECT count(*) FROM users')).rows[0].count;
  // ruleid: broad-exception
  } catch (e) {
    logger.error({ err: e }, 'countUsers failed');
    throw e;
  }
}

function flush(queue) {
  // ruleid: broad-exception
  queue.flush().catch((err) => logger.error({ err }, 'flush failed'));
}

module.exports = { countUsers, flush };
