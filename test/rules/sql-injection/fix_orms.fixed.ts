import { PrismaClient } from '@prisma/client';
import knex from 'knex';

const prisma = new PrismaClient();
const db = knex({ client: 'pg' });

export async function findByEmail(email: string) {
  // ruleid: sql-injection
  return prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email} AND deleted_at IS NULL`;
}

export async function purge(token: string) {
  // ruleid: sql-injection
  return prisma.$executeRaw`DELETE FROM "Session" WHERE token = ${token}`;
}

export async function adults(country: string) {
  // ruleid: sql-injection
  return db('people').whereRaw('country = ? AND age >= 18', [country]);
}
