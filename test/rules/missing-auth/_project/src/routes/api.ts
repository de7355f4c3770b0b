// Version 2 of the API: everything below is mounted behind requireAuth in src/app.ts.
import { Router } from 'express';
import type { AppDeps } from '../app';
import { reportsRouter } from './reports';

export function apiRouter(deps: AppDeps): Router {
  const router = Router();
  router.use('/reports', reportsRouter(deps));
  return router;
}
