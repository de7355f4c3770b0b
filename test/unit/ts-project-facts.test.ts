// TypeScript/JavaScript project facts (src/core/analysis/ts/project.ts), as
// collectProjectFacts returns them: auth middleware found by what it does,
// routers mounted behind it (nested too), zod schemas, validated controllers.
import assert from 'node:assert/strict';
import { collectProjectFacts } from '../../src/core/index';

const AUTH = `import type { RequestHandler } from 'express';
import { verifyAccessToken } from '../security';
export function bearerGate(config: Config): RequestHandler {
  return (req, res, next) => {
    const userId = verifyAccessToken(req.get('authorization') ?? '', config);
    if (userId === undefined) return next(unauthorized('Invalid or expired token'));
    next();
  };
}
export function logRequests(req, res, next) { next(); }
`;
const APP = `import express from 'express';
import { bearerGate } from './middleware/auth';
import { authRouter } from './routes/auth';
import { apiRouter } from './routes/api';
import publicRouter from './routes/public';
export function createApp(deps) {
  const app = express();
  app.use('/auth', authRouter(deps));
  app.use('/public', publicRouter);
  app.use('/api', bearerGate(deps.config), apiRouter(deps));
  return app;
}
`;
const API = `import { Router } from 'express';
import { notesRouter } from './notes';
export function apiRouter(deps) {
  const router = Router();
  router.use('/notes', notesRouter(deps));
  return router;
}
`;
const ROUTES = `const router = require('express').Router();
const { celebrate } = require('celebrate');
const c = require('./controllers/orders');
router.post('/orders', celebrate({ body: schema }), c.createOrder);
router.post('/refunds', c.createRefund);
module.exports = router;
`;
const SCHEMAS = `import { z } from 'zod';
export const NoteCreate = z.object({ text: z.string() });
export const NoteUpdate = NoteCreate.partial();
export const notePattern = /x/;
`;

describe('TypeScript project facts', () => {
  const facts = collectProjectFacts([
    { path: 'src/middleware/auth.ts', source: AUTH },
    { path: 'src/app.ts', source: APP },
    { path: 'src/routes/api.ts', source: API },
    { path: 'src/routes.js', source: ROUTES },
    { path: 'src/schemas/note.ts', source: SCHEMAS },
    { path: 'app/main.py', source: 'from fastapi import FastAPI\napp = FastAPI()\n' },
  ]).ts!;

  it('finds auth middleware by what it does, with how the project calls a factory', () => {
    assert.deepEqual(
      facts.authMiddleware.map((m) => [m.name, m.path, m.factory, m.example]),
      [['bearerGate', 'src/middleware/auth.ts', true, 'bearerGate(deps.config)']],
    );
    assert.equal(facts.hasAuth, true);
  });

  it('follows mounts behind auth, two levels deep, and leaves the others open', () => {
    const modules = facts.protectedRouters.map((r) => `${r.module}:${r.name}`).sort();
    assert.deepEqual(modules, ['src/routes/api:apiRouter', 'src/routes/notes:notesRouter']);
    assert.match(facts.protectedRouters[0]!.reason, /^bearerGate \(app\.use in src\/app\.ts\)$/);
  });

  it('lists zod schemas and controllers registered behind validation', () => {
    assert.deepEqual(facts.schemas.map((s) => s.name), ['NoteCreate', 'NoteUpdate']);
    assert.deepEqual(facts.validatedHandlers, ['createOrder']);
  });

  it('is empty for a project without TypeScript or JavaScript', () => {
    const python = collectProjectFacts([{ path: 'app/main.py', source: 'app = 1\n' }]).ts!;
    assert.deepEqual(python.authMiddleware, []);
    assert.equal(python.hasAuth, false);
  });
});
