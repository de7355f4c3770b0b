import express from 'express';
import http from 'node:http';
import Fastify from 'fastify';

const app = express();
const PORT = Number(process.env.PORT ?? 3000);
const WILDCARD = '0.0.0.0';

// ruleid: bind-all-interfaces
app.listen(PORT, '0.0.0.0', () => console.log(`listening on ${PORT}`));

// ruleid: bind-all-interfaces
app.listen(3000, "::");

// ruleid: bind-all-interfaces
app.listen(PORT, WILDCARD);

const server = http.createServer(app);
// ruleid: bind-all-interfaces
server.listen({ port: PORT, host: '0.0.0.0' });

const fastify = Fastify({ logger: true });
async function start() {
  // ruleid: bind-all-interfaces
  await fastify.listen({ port: 3000, host: `0.0.0.0` });
}

function boot(host = '127.0.0.1') {
  // ruleid: bind-all-interfaces
  http.createServer(app).listen(8080, '0.0.0.0' as string);
  // ok: bind-all-interfaces
  app.listen(PORT, host);
}

// ok: bind-all-interfaces
app.listen(PORT, process.env.HOST ?? '0.0.0.0');

// ok: bind-all-interfaces
app.listen(PORT, process.env.HOST || '0.0.0.0');

// ok: bind-all-interfaces
app.listen(PORT, '127.0.0.1');

// ok: bind-all-interfaces
app.listen(PORT, () => console.log('listening on 0.0.0.0'));

// ok: bind-all-interfaces
app.listen('/tmp/app.sock');

// ok: bind-all-interfaces
if (config.host === '0.0.0.0') console.warn('listening on all interfaces');

// ok: bind-all-interfaces
const allowed = ['0.0.0.0', '::'];

// ok: bind-all-interfaces
logger.info({ host: '0.0.0.0' }, 'listening');

// ok: bind-all-interfaces
server.listen({ port: PORT, host: config.host });

function configure(opts: { host: string }) {
  // ok: bind-all-interfaces
  fastify.listen({ port: 3000, host: opts.host });
}
