import { Controller, Delete, Get, Param, Post } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

export async function routes(fastify: FastifyInstance) {
  // ok: duplicate-route
  fastify.get('/health', async () => ({ ok: true }));
  // ruleid: duplicate-route
  fastify.get('/health', async () => ({ ok: true, db: true }));
  // ok: duplicate-route
  fastify.route({ method: 'POST', url: '/jobs', handler: async () => ({}) });
  // ruleid: duplicate-route
  fastify.post('/jobs', async () => ({}));
  // Fastify keeps trailing slashes apart by default.
  // ok: duplicate-route
  fastify.get('/health/', async () => ({ ok: true }));
}

@Controller('cats')
export class CatsController {
  // ok: duplicate-route
  @Get(':id')
  findOne(@Param('id') id: string) {
    return id;
  }

  // ruleid: duplicate-route
  @Get(':catId')
  findById(@Param('catId') id: string) {
    return id;
  }

  // ok: duplicate-route
  @Delete(':id')
  remove(@Param('id') id: string) {
    return id;
  }
}

@Controller('cats')
export class CatPhotosController {
  // ok: duplicate-route
  @Get(':id/photos')
  photos(@Param('id') id: string) {
    return id;
  }

  // Same prefix, same method and path in another controller of the same app.
  // ruleid: duplicate-route
  @Delete(':catId')
  removeCat(@Param('catId') id: string) {
    return id;
  }
}

@Controller('dogs')
export class DogsController {
  // ok: duplicate-route
  @Post()
  create() {
    return {};
  }

  // ok: duplicate-route
  @Get(':id')
  findOne(@Param('id') id: string) {
    return id;
  }
}
