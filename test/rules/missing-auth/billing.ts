// Registered in src/fastify-server.ts inside a plugin whose onRequest hook authenticates.
import type { FastifyInstance } from 'fastify';

export default async function billingRoutes(fastify: FastifyInstance) {
  // ok: missing-auth
  fastify.post('/charges', async (request, reply) => reply.code(201).send(await fastify.billing.charge(request.body)));
  // ok: missing-auth
  fastify.delete('/charges/:id', async (request, reply) => reply.code(204).send());
}
