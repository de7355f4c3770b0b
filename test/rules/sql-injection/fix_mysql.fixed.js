const mysql = require('mysql2/promise');

const pool = mysql.createPool(process.env.DATABASE_URL);

async function findUser(req, res) {
  // ruleid: sql-injection
  const [rows] = await pool.query("SELECT * FROM users WHERE email = ? AND active = 1", [req.body.email]);
  res.json(rows);
}

async function byCity(city, zip) {
  // ruleid: sql-injection
  const [rows] = await pool.execute('SELECT * FROM addresses WHERE city = ? OR zip = ?', [city, zip]);
  return rows;
}

module.exports = { findUser, byCity };
