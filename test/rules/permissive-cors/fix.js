const cors = require('cors');
const fastify = require('fastify')();

// ruleid: permissive-cors
fastify.register(require('@fastify/cors'), { origin: '*', credentials: true });

// ruleid: permissive-cors
const options = { origin: process.env.ALLOWED_ORIGIN ?? true, credentials: true };
fastify.register(require('@fastify/cors'), options);

fastify.addHook('onSend', async (request, reply) => {
  // ruleid: permissive-cors
  reply.header('Access-Control-Allow-Origin', request.headers.origin);
  reply.header('Access-Control-Allow-Credentials', 'true');
});
