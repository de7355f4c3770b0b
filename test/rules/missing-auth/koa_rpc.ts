// koa-router RPC-style names (`documents.create` under an `/api` prefix) are
// routes: writes need the auth middleware; names whose last part only reads
// (`.list`, `.info`, `.config`) use POST as transport and are not writes;
// unsubscribe links must work without a session.
import Router from 'koa-router';
import { requireAuth } from '../middleware/auth';

const router = new Router({ prefix: '/api' });

// ok: missing-auth
router.post('documents.create', requireAuth, async (ctx) => {
  ctx.body = { ok: true };
});

// ruleid: missing-auth
router.post('documents.delete', async (ctx) => {
  ctx.body = { ok: true };
});

// ok: missing-auth
router.post('documents.list', async (ctx) => {
  ctx.body = { data: [] };
});

// ok: missing-auth
router.post('auth.config', async (ctx) => {
  ctx.body = { providers: [] };
});

// ok: missing-auth
router.post('notifications.unsubscribe', async (ctx) => {
  ctx.body = { ok: true };
});

// ruleid: missing-auth
router.post('teams.update', async (ctx) => {
  ctx.body = { ok: true };
});

export default router;
