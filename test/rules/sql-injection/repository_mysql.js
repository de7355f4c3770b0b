// A CommonJS repository over mysql2: its methods take values from anywhere.
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const TABLE = 'invoices';

class InvoiceRepository {
  constructor(db) {
    this.db = db;
    this.table = 'invoices';
  }

  async findByCustomer(customerId) {
    // ruleid: sql-injection
    const [rows] = await this.db.query(`SELECT * FROM invoices WHERE customer_id = ${customerId}`);
    return rows;
  }

  async search(status, from) {
    const sql = 'SELECT * FROM ' + TABLE + " WHERE status = '" + status + "' AND issued_at >= '" + from + "'";
    // ruleid: sql-injection
    const [rows] = await this.db.execute(sql);
    return rows;
  }

  async remove(id) {
    // ruleid: sql-injection
    return pool.query('DELETE FROM invoices WHERE id = ' + id);
  }

  async update(id, fields) {
    const sets = Object.entries(fields).map(([k, v]) => `${k} = '${v}'`).join(', ');
    // ruleid: sql-injection
    return pool.execute(`UPDATE invoices SET ${sets} WHERE id = ?`, [id]);
  }

  async insert(data) {
    const columns = Object.keys(data);
    const placeholders = columns.map(() => '?').join(', ');
    // ruleid: sql-injection
    return pool.execute(`INSERT INTO invoices (${columns.join(', ')}) VALUES (${placeholders})`, Object.values(data));
  }

  async insertKnown(data) {
    const FIELDS = { number: 'number', total: 'total' };
    const columns = Object.keys(FIELDS);
    const placeholders = columns.map(() => '?').join(', ');
    // ok: sql-injection
    return pool.execute(`INSERT INTO invoices (${columns.join(', ')}) VALUES (${placeholders})`, columns.map((c) => data[c]));
  }

  async findById(id) {
    // ok: sql-injection
    const [rows] = await this.db.execute('SELECT * FROM invoices WHERE id = ?', [id]);
    return rows[0];
  }

  async count() {
    // ok: sql-injection
    const [rows] = await pool.query(`SELECT COUNT(*) AS n FROM ${TABLE}`);
    return rows[0].n;
  }

  async byStatus(status) {
    // ok: sql-injection
    return pool.query('SELECT * FROM invoices WHERE status = ?', [status]);
  }

  async page(limit) {
    const n = Number(limit);
    // ok: sql-injection
    return pool.query(`SELECT * FROM invoices LIMIT ${n}`);
  }
}

async function taskRunner(queue, job) {
  // ok: sql-injection
  await queue.execute(`job-${job.id}`);
}

module.exports = { InvoiceRepository, taskRunner };
