import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

export const notesRoutes: FastifyPluginAsync = async (fastify: FastifyInstance) => {
  // ok: missing-auth
  fastify.post('/', { onRequest: [fastify.authenticate] }, async (request, reply) => {
    return reply.code(201).send(await fastify.notes.create(request.body));
  });

  // ruleid: missing-auth
  fastify.delete('/:id', async (request, reply) => {
    await fastify.notes.delete((request.params as { id: string }).id);
    return reply.code(204).send();
  });

  // ruleid: missing-auth
  fastify.put('/:id', { schema: { body: { type: 'object' } } }, async (request) => fastify.notes.replace(request.body));

  // ok: missing-auth
  fastify.patch('/:id', { preHandler: fastify.auth([fastify.verifyJWT]) }, async (request) => fastify.notes.update(request.body));

  // ruleid: missing-auth
  fastify.route({ method: 'POST', url: '/:id/share', handler: async (request) => fastify.notes.share(request.params) });

  // ok: missing-auth
  fastify.route({ method: ['GET', 'HEAD'], url: '/:id', handler: async (request) => fastify.notes.get(request.params) });
};

export const adminRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
  // ok: missing-auth
  app.post('/purge', async () => ({ purged: true }));
  // ok: missing-auth
  app.delete('/sessions', async () => ({ cleared: true }));
};
