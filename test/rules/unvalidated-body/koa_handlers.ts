// Koa: `ctx.body` is the response being written; the client's body is
// `ctx.request.body`. Writing the response reads nothing from the client.
import Router from '@koa/router';
import { z } from 'zod';
import { Team } from './models';

const router = new Router();
const TeamCreate = z.object({ name: z.string().min(1).max(255) });

router.get('/robots.txt', (ctx) => {
  // ok: unvalidated-body
  ctx.body = 'User-agent: *\nDisallow: /';
});

router.post('/health', async (ctx) => {
  // ok: unvalidated-body
  ctx.body = { ok: true, at: Date.now() };
});

router.post('/teams.create', async (ctx) => {
  // ruleid: unvalidated-body
  const { name } = ctx.request.body;
  const team = await Team.create({ name });
  ctx.body = { data: team };
});

router.post('/teams.rename', async (ctx) => {
  // ok: unvalidated-body
  const { name } = TeamCreate.parse(ctx.request.body);
  ctx.body = { data: await Team.update({ name }, { where: {} }) };
});

export default router;

// koa-router RPC names under a prefix are routes too.
const api = new Router({ prefix: '/api' });

api.post('teams.create', async (ctx) => {
  // ruleid: unvalidated-body
  const { name } = ctx.request.body;
  ctx.body = { data: await Team.create({ name }) };
});
