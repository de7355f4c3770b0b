// Mounted in src/app.ts WITHOUT auth: app.use('/catalog', catalogRouter(deps)).
import { Router } from 'express';
import type { AppDeps } from '../app';

export function catalogRouter(deps: AppDeps): Router {
  const router = Router();
  // ok: missing-auth
  router.get('/', async (_req, res) => res.json(await deps.catalog.list()));
  // ruleid: missing-auth
  router.post('/', async (req, res) => res.status(201).json(await deps.catalog.create(req.body)));
  return router;
}

export function publicCatalogRouter(deps: AppDeps): Router {
  const router = Router();
  // Public by choice: one comment for the whole router.
  // backend-skill: ignore[missing-auth]
  const catalog = deps.catalog;
  // ok: missing-auth
  router.post('/suggestions', async (req, res) => res.status(201).json(await catalog.suggest(req.body)));
  return router;
}
