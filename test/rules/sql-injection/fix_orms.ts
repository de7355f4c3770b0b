import { PrismaClient } from '@prisma/client';
import knex from 'knex';

const prisma = new PrismaClient();
const db = knex({ client: 'pg' });

export async function findByEmail(email: string) {
  // ruleid: sql-injection
  return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}' AND deleted_at IS NULL`);
}

export async function purge(token: string) {
  // ruleid: sql-injection
  return prisma.$executeRawUnsafe('DELETE FROM "Session" WHERE token = ' + token);
}

export async function adults(country: string) {
  // ruleid: sql-injection
  return db('people').whereRaw(`country = '${country}' AND age >= 18`);
}
