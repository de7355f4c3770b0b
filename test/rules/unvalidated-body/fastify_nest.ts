import { Body, Controller, Patch, Post, UsePipes } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ZodValidationPipe } from 'nestjs-zod';
import { CreateCatDto } from './dto/create-cat.dto';
import { createCatSchema } from './schemas';

export async function petRoutes(fastify: FastifyInstance) {
  // ok: unvalidated-body
  fastify.post('/pets', { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } }, async (request) => fastify.pets.create(request.body));

  // ruleid: unvalidated-body
  fastify.put('/pets/:id', async (request) => fastify.pets.replace(request.body));

  // A schema for the response only does not check the body.
  // ruleid: unvalidated-body
  fastify.patch('/pets/:id', { schema: { response: { 200: { type: 'object' } } } }, async (request) => fastify.pets.update(request.body));

  fastify.route({
    method: 'POST',
    url: '/pets/:id/photos',
    // ok: unvalidated-body
    schema: { body: { type: 'object' } },
    handler: async (request) => fastify.pets.addPhoto(request.body),
  });
}

interface UpdateCatInput {
  name?: string;
  age?: number;
}

@Controller('cats')
export class CatsController {
  // ok: unvalidated-body
  @Post()
  create(@Body() dto: CreateCatDto) {
    return dto;
  }

  @Post('import')
  // ruleid: unvalidated-body
  importMany(@Body() body: any) {
    return body;
  }

  @Patch(':id')
  // ruleid: unvalidated-body
  update(@Body() input: UpdateCatInput) {
    return input;
  }

  @Post('tags')
  // ruleid: unvalidated-body
  tag(@Body() tags: Record<string, string>) {
    return tags;
  }

  @Post('zod')
  // ok: unvalidated-body
  createZod(@Body(new ZodValidationPipe(createCatSchema)) dto: unknown) {
    return dto;
  }

  @Post('piped')
  @UsePipes(new ZodValidationPipe(createCatSchema))
  // ok: unvalidated-body
  createPiped(@Body() dto: unknown) {
    return dto;
  }
}
