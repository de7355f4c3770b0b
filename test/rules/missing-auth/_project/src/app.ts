import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config';
import { errorHandler, notFound } from './errors';
import { requireAuth } from './middleware/auth';
import { adminOrdersRouter } from './routes/admin-orders';
import { apiRouter } from './routes/api';
import { authRouter } from './routes/auth';
import { catalogRouter } from './routes/catalog';

export interface AppDeps {
  config: Config;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.use(helmet());
  app.use(express.json());
  app.use('/auth', authRouter(deps));
  app.use('/catalog', catalogRouter(deps));
  app.use('/admin/orders', requireAuth(deps.config), adminOrdersRouter(deps));
  app.use('/api/v2', requireAuth(deps.config), apiRouter(deps));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
