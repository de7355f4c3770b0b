import { Body, Controller, Delete, Get, Param, Patch } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

export async function itemRoutes(fastify: FastifyInstance) {
  // ok: path-param-mismatch
  fastify.get('/items/:id', async (request) => fastify.items.get((request.params as { id: string }).id));

  fastify.delete('/items/:id', async (request, reply) => {
    const params = request.params as { itemId: string };
    // ruleid: path-param-mismatch
    await fastify.items.delete(request.params.itemId);
    return reply.code(204).send();
  });

  // ok: path-param-mismatch
  fastify.get('/static/*', async (request) => ({ file: request.params['*'] }));
}

@Controller('projects/:projectId/members')
export class MembersController {
  // ok: path-param-mismatch
  @Get(':memberId')
  findOne(@Param('projectId') projectId: string, @Param('memberId') memberId: string) {
    return { projectId, memberId };
  }

  @Patch(':id')
  // ruleid: path-param-mismatch
  update(@Param('memberId') memberId: string, @Body() body: unknown) {
    return { memberId, body };
  }

  @Delete(':memberId')
  // ruleid: path-param-mismatch
  remove(@Param('project') project: string, @Param('memberId') memberId: string) {
    return { project, memberId };
  }

  // ok: path-param-mismatch
  @Get()
  list(@Param() params: Record<string, string>) {
    return params;
  }
}
