// knex, prisma, sequelize, typeorm and drizzle.
import knex from 'knex';
import { PrismaClient, Prisma } from '@prisma/client';
import { Sequelize, QueryTypes } from 'sequelize';
import { DataSource } from 'typeorm';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const prisma = new PrismaClient();
const sequelize = new Sequelize(process.env.DATABASE_URL!);
const dataSource = new DataSource({ type: 'postgres' });
const orm = drizzle(process.env.DATABASE_URL!);

export async function knexCases(name: string, sort: string, minAge: number) {
  // ruleid: sql-injection
  await db('users').whereRaw(`name = '${name}'`);
  // ruleid: sql-injection
  await db('users').orderByRaw(`${sort} desc`);
  // ruleid: sql-injection
  await db.raw(`SELECT * FROM users WHERE name = '${name}'`);
  // ruleid: sql-injection
  await db('users').havingRaw('count(*) > ' + name);
  // ok: sql-injection
  await db('users').whereRaw('name = ?', [name]);
  // ok: sql-injection
  await db.raw('SELECT * FROM users WHERE name = ?', [name]);
  // ok: sql-injection
  await db('users').whereRaw(`age > ${minAge}`);
  // ok: sql-injection
  await db('users').where('name', name).orderBy(sort);
}

export async function prismaCases(email: string, id: number) {
  // ruleid: sql-injection
  await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}'`);
  // ruleid: sql-injection
  await prisma.$executeRawUnsafe('DELETE FROM "Session" WHERE token = \'' + email + "'");
  // ruleid: sql-injection
  const fragment = Prisma.raw(`email = '${email}'`);
  // ok: sql-injection
  await prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email}`;
  // ok: sql-injection
  await prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE email = $1', email);
  // ok: sql-injection
  await prisma.$queryRaw(Prisma.sql`SELECT * FROM "User" WHERE id = ${id}`);
  return fragment;
}

export async function sequelizeCases(title: string) {
  // ruleid: sql-injection
  await sequelize.query(`SELECT * FROM posts WHERE title = '${title}'`, { type: QueryTypes.SELECT });
  // ruleid: sql-injection
  const order = Sequelize.literal(`${title} DESC`);
  // ok: sql-injection
  await sequelize.query('SELECT * FROM posts WHERE title = ?', { replacements: [title], type: QueryTypes.SELECT });
  return order;
}

export async function typeormCases(name: string, role: string) {
  // ruleid: sql-injection
  await dataSource.query(`SELECT * FROM account WHERE name = '${name}'`);
  const qb = dataSource.getRepository('User').createQueryBuilder('user');
  // ruleid: sql-injection
  await qb.where(`user.name = '${name}'`).getMany();
  // ruleid: sql-injection
  await dataSource.createQueryBuilder().select('u').from('user', 'u').where('u.role = ' + role).getMany();
  // ok: sql-injection
  await qb.where('user.name = :name', { name }).getMany();
  // ok: sql-injection
  await dataSource.query('SELECT * FROM account WHERE name = $1', [name]);
}

export async function drizzleCases(tag: string) {
  // ruleid: sql-injection
  await orm.execute(sql.raw(`SELECT * FROM tags WHERE label = '${tag}'`));
  // ok: sql-injection
  await orm.execute(sql`SELECT * FROM tags WHERE label = ${tag}`);
  // ok: sql-injection
  await orm.execute(sql.raw('SELECT 1'));
}

import type { SelectQueryBuilder } from 'typeorm';

export function applyFilters<T>(builder: SelectQueryBuilder<T>, status: string, minTotal: number) {
  // ruleid: sql-injection
  builder.andWhere(`order.status = '${status}'`);
  // ok: sql-injection
  builder.andWhere('order.total >= :minTotal', { minTotal });
  // ok: sql-injection
  builder.andWhere(`order.total >= ${minTotal}`);
  return builder;
}
