// Registered in src/fastify-server.ts outside the authenticated plugin.
import type { FastifyInstance } from 'fastify';

export default async function statusRoutes(fastify: FastifyInstance) {
  // ok: missing-auth
  fastify.get('/', async () => ({ ok: true }));
  // ruleid: missing-auth
  fastify.post('/incidents', async (request, reply) => reply.code(201).send(await fastify.status.open(request.body)));
}
