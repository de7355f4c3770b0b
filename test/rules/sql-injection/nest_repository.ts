// NestJS controller + service + repository with an injected pg Pool.
import { Body, Controller, Get, Injectable, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { Pool } from 'pg';

enum Direction {
  Asc = 'ASC',
  Desc = 'DESC',
}

@Injectable()
export class ProductsRepository {
  private readonly table = 'products';
  constructor(private readonly pool: Pool) {}

  async findByCategory(category: string) {
    // ruleid: sql-injection
    const { rows } = await this.pool.query(`SELECT * FROM ${this.table} WHERE category = '${category}'`);
    return rows;
  }

  async findPage(limit: number, direction: Direction) {
    // ok: sql-injection
    const { rows } = await this.pool.query(`SELECT * FROM ${this.table} ORDER BY price ${direction} LIMIT ${limit}`);
    return rows;
  }

  async rename(id: number, name: string) {
    // ok: sql-injection
    await this.pool.query(`UPDATE ${this.table} SET name = $1 WHERE id = $2`, [name, id]);
  }
}

@Controller('products')
export class ProductsController {
  constructor(private readonly repo: ProductsRepository, private readonly pool: Pool) {}

  @Get(':id')
  async one(@Param('id', ParseIntPipe) id: number) {
    // ok: sql-injection
    return this.pool.query(`SELECT * FROM products WHERE id = ${id}`);
  }

  @Get()
  async list(@Query('category') category: string) {
    // ruleid: sql-injection
    return this.pool.query(`SELECT * FROM products WHERE category = '${category}' ORDER BY id`);
  }

  @Post('search')
  async search(@Body() body: { term: string }) {
    // ruleid: sql-injection
    return this.pool.query('SELECT * FROM products WHERE name LIKE \'%' + body.term + '%\'');
  }
}
