// A value proven to have a quote-free format (validator.js / class-validator
// `isUUID`, `isInt`, `isISO8601Duration`) before the request is refused, and
// names taken from a module-level constant list, cannot rewrite the SQL.
import { isISO8601Duration, isUUID } from 'class-validator';
import validator from 'validator';
import { sequelize } from './db';

const constraintNames = ['revisions_documentId_fkey', 'documentId_foreign_idx'];
let dynamicTables: string[] = [];

export function remember(table: string) {
  dynamicTables.push(table);
}

export async function byId(id: string) {
  if (!isUUID(id)) throw new Error('bad id');
  // ok: sql-injection
  return sequelize.query(`SELECT * FROM documents WHERE id = '${id}'`);
}

export async function since(duration: string) {
  if (!isISO8601Duration(duration)) {
    throw new Error(`Invalid ISO 8601 duration: ${duration}`);
  }
  // ok: sql-injection
  return sequelize.query(`SELECT * FROM events WHERE created_at > now() - interval '${duration}'`);
}

export async function page(limit: string) {
  if (!validator.isInt(limit)) throw new Error('bad limit');
  // ok: sql-injection
  return sequelize.query(`SELECT * FROM events LIMIT ${limit}`);
}

export async function byName(name: string) {
  if (!name) throw new Error('no name');
  // ruleid: sql-injection
  return sequelize.query(`SELECT * FROM documents WHERE title = '${name}'`);
}

export async function byEmailish(email: string) {
  if (!isUUID(email.slice(0, 36))) throw new Error('bad');
  // ruleid: sql-injection
  return sequelize.query(`SELECT * FROM users WHERE email = '${email}'`);
}

export async function dropConstraints() {
  for (const constraintName of constraintNames) {
    // ok: sql-injection
    await sequelize.query(`ALTER TABLE revisions DROP CONSTRAINT "${constraintName}"`);
  }
}

export async function dropDynamic() {
  for (const table of dynamicTables) {
    // ruleid: sql-injection
    await sequelize.query(`DROP TABLE "${table}"`);
  }
}
