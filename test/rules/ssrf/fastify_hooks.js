// Fastify plugin in CommonJS.
const axios = require('axios');
const http = require('http');

module.exports = async function (fastify) {
  fastify.post('/callbacks', async (request, reply) => {
    const { callback } = request.body;
    // ruleid: ssrf
    await axios.post(callback, { status: 'done' });
    return reply.code(202).send();
  });

  fastify.get('/metrics/:node', (request, reply) => {
    // ruleid: ssrf
    http.get({ host: request.params.node, port: 9100, path: '/metrics' }, (res) => reply.send(res));
  });

  fastify.get('/docs/:slug', async (request) => {
    // ok: ssrf
    const { data } = await axios.get('https://docs.example.com/pages/' + request.params.slug);
    return data;
  });

  fastify.get('/local', async () => {
    // ok: ssrf
    const { data } = await axios.get(process.env.METRICS_URL);
    return data;
  });
};
