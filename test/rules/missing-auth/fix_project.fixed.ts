// No guard in this file yet: the fix takes the project's requireAuth (src/middleware/auth.ts)
// the way the project calls it, requireAuth(deps.config), and imports it.
import { Router } from 'express';
import type { AppDeps } from '../app';
import { requireAuth } from '../../src/middleware/auth';

export function labelsRouter(deps: AppDeps): Router {
  const router = Router();
  // ruleid: missing-auth
  router.post('/', requireAuth(deps.config), async (req, res) => res.status(201).json(await deps.labels.create(req.body)));
  return router;
}
