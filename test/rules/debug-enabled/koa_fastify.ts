import Koa from 'koa';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';

const logger = pino();
const koa = new Koa();

koa.use(async (ctx, next) => {
  try {
    await next();
  } catch (err: any) {
    ctx.status = err.status ?? 500;
    // ruleid: debug-enabled
    ctx.body = { error: err.message, stack: err.stack };
  }
});

const fastify = Fastify({ logger: true });

fastify.get('/jobs/:id', async (request: FastifyRequest, reply: FastifyReply) => {
  try {
    return await runJob(request.params);
  } catch (error) {
    // ruleid: debug-enabled
    return reply.code(500).send({ error: 'job failed', details: (error as Error).stack });
  }
});

fastify.setErrorHandler(async (error, request, reply) => {
  // ruleid: debug-enabled
  await reply.status(500).send({ message: error.message });
});

fastify.get('/ok', async (request, reply) => {
  try {
    return await runJob(request.params);
  } catch (error) {
    // ok: debug-enabled
    request.log.error({ err: error }, 'job failed');
    // ok: debug-enabled
    return reply.code(500).send({ error: 'Internal server error' });
  }
});

fastify.setErrorHandler((error, request, reply) => {
  if (error.validation) {
    // ok: debug-enabled
    return reply.status(400).send({ message: error.message });
  }
  // ok: debug-enabled
  logger.error({ err: error, stack: error.stack }, 'unhandled');
  return reply.status(500).send({ message: 'Internal server error' });
});

export function toProblem(err: Error) {
  // ok: debug-enabled
  const details = { title: err.name, stack: err.stack };
  logger.debug(details);
  return { title: 'Internal server error' };
}

async function runJob(params: unknown) {
  return params;
}
