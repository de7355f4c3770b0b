// Fastify routes in CommonJS with conditions built over several lines.
const fastify = require('fastify')({ logger: true });
const { Pool } = require('pg');
const mysql = require('mysql2');

const pool = new Pool();
const legacy = mysql.createConnection(process.env.MYSQL_URL);

fastify.get('/items', async (request) => {
  const { category, minPrice } = request.query;
  const where = [];
  const params = [];
  if (category) {
    params.push(category);
    where.push(`category = $${params.length}`);
  }
  if (minPrice) {
    params.push(minPrice);
    where.push(`price >= $${params.length}`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM items ${clause} ORDER BY id`, params);
  return rows;
});

fastify.get('/items/search', async (request) => {
  const { q } = request.query;
  let sql = 'SELECT * FROM items WHERE 1 = 1';
  if (q) {
    sql += " AND name LIKE '%" + q + "%'";
  }
  // ruleid: sql-injection
  const { rows } = await pool.query(sql);
  return rows;
});

fastify.get('/legacy/:name', (request, reply) => {
  const { name } = request.params;
  // ok: sql-injection
  legacy.query(`SELECT * FROM people WHERE name = ${legacy.escape(name)}`, (err, rows) => reply.send(rows));
});

fastify.get('/legacy-raw/:name', (request, reply) => {
  const { name } = request.params;
  // ruleid: sql-injection
  legacy.query(`SELECT * FROM people WHERE name = '${name}'`, (err, rows) => reply.send(rows));
});

fastify.post('/items', async (request, reply) => {
  const { name, price } = request.body;
  // ruleid: sql-injection
  await pool.query(`INSERT INTO items (name, price) VALUES ('${name}', ${price})`);
  // ok: sql-injection
  await pool.query('INSERT INTO items (name, price) VALUES ($1, $2)', [name, price]);
  return reply.code(201).send();
});

fastify.get('/stats', async () => {
  const tables = ['items', 'orders'];
  const counts = {};
  for (const table of tables) {
    // ok: sql-injection
    const { rows } = await pool.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = rows[0].n;
  }
  return counts;
});

fastify.get('/dynamic/:table', async (request) => {
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT COUNT(*) AS n FROM ${request.params.table}`);
  return rows[0];
});
