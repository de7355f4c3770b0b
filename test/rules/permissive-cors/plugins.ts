import Fastify from 'fastify';
import cors from '@fastify/cors';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';

const app = Fastify();

await app.register(cors, {
  // ruleid: permissive-cors
  origin: (origin, cb) => {
    cb(null, true);
  },
  credentials: true,
});

const corsConfig = { origin: process.env.WEB_ORIGIN ?? 'http://localhost:5173', credentials: true };
// ok: permissive-cors
await app.register(cors, corsConfig);

await app.register(cors, {
  // ok: permissive-cors
  origin: [/^https:\/\/[a-z0-9-]+\.example\.com$/, 'http://localhost:5173'],
  credentials: true,
});

const hono = new Hono();
// ruleid: permissive-cors
hono.use('/api/*', honoCors({ origin: '*', credentials: true }));

// ok: permissive-cors
hono.use('/public/*', honoCors({ origin: '*' }));

app.addHook('onRequest', async (request, reply) => {
  const origin = request.headers.origin;
  // ok: permissive-cors
  if (origin === process.env.WEB_ORIGIN) reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Allow-Credentials', 'true');
});
