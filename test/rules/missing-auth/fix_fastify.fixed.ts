import type { FastifyPluginAsync } from 'fastify';

export const commentsRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.post('/', { onRequest: [fastify.authenticate] }, async (request, reply) => reply.code(201).send(request.body));

  // ruleid: missing-auth
  fastify.delete('/:id', { onRequest: [fastify.authenticate] }, async (request, reply) => reply.code(204).send());

  // ruleid: missing-auth
  fastify.put('/:id', { onRequest: [fastify.authenticate], schema: { body: { type: 'object' } } }, async (request) => request.body);
};
