import { Router } from 'express';
import type { AppDeps } from '../app';

export function categoriesRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ data: [], count: 0, env: deps.config.PORT });
  });

  return router;
}
