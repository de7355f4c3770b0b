import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
import billingRoutes from './routes/billing';
import statusRoutes from './routes/status';

export async function buildServer() {
  const fastify = Fastify({ logger: true });
  await fastify.register(statusRoutes, { prefix: '/status' });
  await fastify.register(async (secured) => {
    secured.addHook('onRequest', secured.authenticate);
    await secured.register(billingRoutes, { prefix: '/billing' });
  });
  return fastify;
}
