const mysql = require('mysql2/promise');

const pool = mysql.createPool(process.env.DATABASE_URL);

async function findUser(req, res) {
  // ruleid: sql-injection
  const [rows] = await pool.query("SELECT * FROM users WHERE email = '" + req.body.email + "' AND active = 1");
  res.json(rows);
}

async function byCity(city, zip) {
  // ruleid: sql-injection
  const [rows] = await pool.execute(`SELECT * FROM addresses WHERE city = '${city}' OR zip = ${zip}`);
  return rows;
}

module.exports = { findUser, byCity };
