// Inputs validated to numbers or enums before the handler runs: Fastify route schemas, class-validator DTOs.
import Fastify from 'fastify';
import { Body, Controller, Post } from '@nestjs/common';
import { IsIn, IsInt, IsString, Max } from 'class-validator';
import { Pool } from 'pg';

const pool = new Pool();
const app = Fastify();

const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      limit: { type: 'integer', maximum: 100 },
      order: { type: 'string', enum: ['asc', 'desc'] },
      q: { type: 'string' },
    },
  },
};

app.get('/products', { schema: listSchema }, async (request) => {
  const { limit, order } = request.query as { limit: number; order: string };
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM products ORDER BY price ${order} LIMIT ${limit}`);
  return rows;
});

app.get('/products/search', { schema: listSchema }, async (request) => {
  const query = request.query as { q: string; limit: number };
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM products WHERE name ILIKE '%${query.q}%' LIMIT ${query.limit}`);
  return rows;
});

app.get('/products/unchecked', async (request) => {
  const { limit } = request.query as { limit: number };
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM products LIMIT ${limit}`);
  return rows;
});

class ReportDto {
  @IsInt()
  @Max(365)
  days!: number;

  @IsIn(['daily', 'weekly'])
  bucket!: string;

  @IsString()
  region!: string;

  untyped!: number;
}

@Controller('reports')
export class ReportsController {
  @Post()
  async create(@Body() dto: ReportDto) {
    // ok: sql-injection
    await pool.query(`SELECT date_trunc('${dto.bucket}', at) AS t, count(*) FROM events WHERE at > now() - interval '${dto.days} days' GROUP BY 1`);
    // ruleid: sql-injection
    await pool.query(`SELECT * FROM events WHERE region = '${dto.region}'`);
    // ruleid: sql-injection
    return pool.query(`SELECT * FROM events LIMIT ${dto.untyped}`);
  }
}
