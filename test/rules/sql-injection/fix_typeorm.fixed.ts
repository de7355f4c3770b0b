import { DataSource } from 'typeorm';
import { sql } from 'drizzle-orm';

export async function byRole(dataSource: DataSource, role: string, team: string) {
  const qb = dataSource.createQueryBuilder().select('u').from('user', 'u');
  // ruleid: sql-injection
  return qb.where('u.role = :role AND u.team = :team', { role, team }).getMany();
}

export function labelled(label: string) {
  // ruleid: sql-injection
  return sql`SELECT * FROM tags WHERE label = ${label}`;
}
