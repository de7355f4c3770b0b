import express, { type Express } from 'express';
import type { Config } from './config';
import { categoriesRouter } from './routes/categories';

export interface AppDeps {
  readonly config: Config;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.use(express.json());
  app.use('/categories', categoriesRouter(deps));
  return app;
}
