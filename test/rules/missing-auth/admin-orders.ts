// Mounted in src/app.ts as app.use('/admin/orders', requireAuth(deps.config), adminOrdersRouter(deps)):
// every route here is behind auth although none says so.
import { Router } from 'express';
import type { AppDeps } from '../app';

export function adminOrdersRouter(deps: AppDeps): Router {
  const router = Router();
  // ok: missing-auth
  router.post('/:id/refund', async (req, res) => res.json(await deps.orders.refund(Number(req.params.id))));
  // ok: missing-auth
  router.delete('/:id', async (req, res) => {
    await deps.orders.delete(Number(req.params.id));
    res.status(204).end();
  });
  return router;
}
