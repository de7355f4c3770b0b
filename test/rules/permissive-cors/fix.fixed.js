const cors = require('cors');
const fastify = require('fastify')();

// ruleid: permissive-cors
fastify.register(require('@fastify/cors'), { origin: (process.env.CORS_ORIGINS ?? '').split(','), credentials: true });

// ruleid: permissive-cors
const options = { origin: (process.env.CORS_ORIGINS ?? '').split(','), credentials: true };
fastify.register(require('@fastify/cors'), options);

fastify.addHook('onSend', async (request, reply) => {
  // ruleid: permissive-cors
  reply.header('Access-Control-Allow-Origin', (process.env.CORS_ORIGINS ?? '').split(',').includes(request.headers.origin ?? '') ? (request.headers.origin ?? '') : '');
  reply.header('Access-Control-Allow-Credentials', 'true');
});
