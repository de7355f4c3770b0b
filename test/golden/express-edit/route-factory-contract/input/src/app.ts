import express, { type Express } from 'express';
import type { Config } from './config';
import { authorsRouter } from './routes/authors';

export interface AppDeps {
  readonly config: Config;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.use(express.json());
  app.use('/authors', authorsRouter(deps));
  return app;
}
