// Mounted by src/routes/api.ts, itself mounted behind requireAuth in src/app.ts: guarded two levels up.
import { Router } from 'express';
import type { AppDeps } from '../app';

export function reportsRouter(deps: AppDeps): Router {
  const router = Router();
  // ok: missing-auth
  router.post('/', async (req, res) => res.status(202).json(await deps.reports.schedule(req.body)));
  // ok: missing-auth
  router.delete('/:id', async (req, res) => res.status(204).json(await deps.reports.cancel(req.params.id)));
  return router;
}
