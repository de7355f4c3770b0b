// The route explorer on Express apps, through the TypeScript engine's route
// model: the generated layout (router factories mounted with `app.use`),
// top-level routers, default exports and CommonJS, auth middleware on the
// route, on the router and on the mount, and updates of one file.
import assert from 'node:assert/strict';
import { collectProjectFacts, RouteIndex, TsAnalyzer, type AppNode, type RouteFile } from '../../src/core/index';

const APP = `import express from 'express';
import helmet from 'helmet';
import { requireAuth } from './middleware/auth';
import { adminRouter } from './routes/admin';
import { authRouter } from './routes/auth';
import { authorsRouter } from './routes/authors';
import reports from './routes/reports';
import { errorHandler, notFound } from './errors';
import type { AppDeps } from './deps';

export function createApp(deps: AppDeps) {
  const app = express();
  app.use(helmet());
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/auth', authRouter(deps));
  app.use('/authors', authorsRouter(deps));
  app.use('/admin', requireAuth(deps.config), adminRouter);
  app.use('/reports', reports);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
`;

const AUTHORS = `import { Router } from 'express';
import { requireAuth } from '../middleware/auth';
import type { AppDeps } from '../deps';

export function authorsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.config);
  router.post('/', auth, async (req, res) => {
    res.status(201).json(req.body);
  });
  router.get('/', async (_req, res) => {
    res.json({ data: [], count: 0 });
  });
  router.get('/:id', getAuthor);
  router.delete('/:id', auth, async (_req, res) => {
    res.status(204).end();
  });
  return router;
}

async function getAuthor(req: unknown, res: { json(v: unknown): void }) {
  res.json(req);
}
`;

const AUTH = `import { Router } from 'express';
import { requireAuth } from '../middleware/auth';

export function authRouter(deps: { config: unknown }): Router {
  const router = Router();
  router.post('/register', async (_req, res) => res.status(201).end());
  router.post('/token', async (_req, res) => res.json({}));
  router.use(requireAuth(deps.config));
  router.patch('/me', async (_req, res) => res.json({}));
  return router;
}
`;

const ADMIN = `import { Router } from 'express';

export const adminRouter = Router();

adminRouter.put('/settings', (_req, res) => {
  res.end();
});
`;

const REPORTS = `const express = require('express');

const router = express.Router();

router.get('/', (_req, res) => res.json([]));
router.post('/:id/rerun', (_req, res) => res.end());

module.exports = router;
`;

function project(overrides: Record<string, string> = {}): RouteFile[] {
  const files: Record<string, string> = {
    'package.json': '{"dependencies":{"express":"^5.1.0"}}',
    'src/app.ts': APP,
    'src/routes/authors.ts': AUTHORS,
    'src/routes/auth.ts': AUTH,
    'src/routes/admin.ts': ADMIN,
    'src/routes/reports.js': REPORTS,
    'src/middleware/auth.ts': "import type { RequestHandler } from 'express';\nexport function requireAuth(_config: unknown): RequestHandler {\n  return (_req, _res, next) => next();\n}\n",
    'test/authors.test.ts': "import request from 'supertest';\nimport express from 'express';\nconst app = express();\napp.post('/x', (_q, s) => s.end());\n",
    ...overrides,
  };
  return Object.entries(files).map(([path, source]) => ({ key: `file:///ws/${path}`, path, source }));
}

function lines(apps: readonly AppNode[]): string[] {
  return apps.flatMap((a) => a.groups.flatMap((g) => g.routes.map((r) => `${a.label} ${a.framework} | ${g.module}:${g.variable} | ${r.methods.join(',')} ${r.fullPath} ${r.handler} ${r.auth.status}`)));
}

describe('route index on Express apps (TypeScript engine route model)', () => {
  let index: RouteIndex;

  beforeEach(async () => {
    index = await RouteIndex.create();
    const files = project();
    await index.prepare(files.map((f) => f.path));
    index.build(files);
  });

  it('resolves the generated layout: router factories mounted with app.use, full paths, handlers, auth middleware', () => {
    assert.deepEqual(lines(index.apps()), [
      'createApp express | src/app:createApp | GET /health inline handler exempt',
      'createApp express | src/routes/auth:authRouter | POST /auth/register inline handler exempt',
      'createApp express | src/routes/auth:authRouter | POST /auth/token inline handler exempt',
      'createApp express | src/routes/auth:authRouter | PATCH /auth/me inline handler protected',
      'createApp express | src/routes/authors:authorsRouter | POST /authors inline handler protected',
      'createApp express | src/routes/authors:authorsRouter | GET /authors inline handler open',
      'createApp express | src/routes/authors:authorsRouter | GET /authors/:id getAuthor open',
      'createApp express | src/routes/authors:authorsRouter | DELETE /authors/:id inline handler protected',
      'createApp express | src/routes/admin:adminRouter | PUT /admin/settings inline handler protected',
      'createApp express | src/routes/reports:default | GET /reports inline handler open',
      'createApp express | src/routes/reports:default | POST /reports/:id/rerun inline handler open',
    ]);
  });

  it('says where the auth comes from, and lands on the handler', () => {
    const routes = index.routes();
    assert.equal(routes.find((r) => r.fullPath === '/authors' && r.methods[0] === 'POST')!.auth.reason, 'auth on the route');
    assert.equal(routes.find((r) => r.fullPath === '/auth/me')!.auth.reason, '../middleware/auth.requireAuth (router.use)');
    assert.equal(routes.find((r) => r.fullPath === '/admin/settings')!.auth.reason, 'requireAuth (app.use in src/app.ts)');
    const get = routes.find((r) => r.handler === 'getAuthor')!;
    assert.deepEqual(get.location.start, { line: 20, character: 15 }, 'the named handler function');
    const inline = routes.find((r) => r.fullPath === '/authors' && r.methods[0] === 'GET')!;
    assert.deepEqual(inline.location, { start: { line: 10, character: 2 }, end: { line: 10, character: 12 } }, 'router.get of an inline handler');
    // The lock's colour is the TypeScript missing-auth rule's verdict: the one open write route of a project that authenticates.
    assert.deepEqual(routes.filter((r) => r.auth.flagged).map((r) => `${r.methods[0]} ${r.fullPath}`), ['POST /reports/:id/rerun']);
  });

  it('leaves test files out', () => {
    assert.ok(!index.routes().some((r) => r.relativePath.startsWith('test/')));
  });

  it('an edit to one router file re-parses that file only and moves its routes', () => {
    const stats = index.update({ key: 'file:///ws/src/app.ts', path: 'src/app.ts', source: APP.replace("app.use('/authors', authorsRouter(deps));", "app.use('/v2/authors', requireAuth(deps.config), authorsRouter(deps));") });
    // The mount now guards a router: the TypeScript project facts changed, so the other Express files are judged again.
    assert.deepEqual(stats, { parsed: 6, authRecomputed: 5, changed: true });
    const authors = index.routes().filter((r) => r.relativePath === 'src/routes/authors.ts');
    assert.deepEqual(authors.map((r) => `${r.methods[0]} ${r.fullPath} ${r.auth.status}`), ['POST /v2/authors protected', 'GET /v2/authors protected', 'GET /v2/authors/:id protected', 'DELETE /v2/authors/:id protected']);
  });

  it('colours exactly the routes the TypeScript missing-auth rule reports', async () => {
    const analyzer = await TsAnalyzer.create();
    const files = project();
    const facts = collectProjectFacts(files);
    for (const file of files) {
      if (file.path.startsWith('test/')) continue;
      const reported = analyzer
        .analyze(file.path, file.source, { only: ['missing-auth'], project: facts })
        .findings.map((f) => file.source.slice(0, f.start).split('\n').length - 1)
        .sort();
      const flagged = index
        .routes()
        .filter((r) => r.file === file.key && r.auth.flagged)
        .map((r) => r.location.start.line)
        .sort();
      assert.deepEqual(flagged, reported, file.path);
    }
    assert.ok(index.routes().some((r) => r.auth.flagged), 'the project has a reported route');
  });

  it('Python and Express apps side by side in one workspace', async () => {
    const files = [...project(), { key: 'file:///ws/api/app/main.py', path: 'api/app/main.py', source: 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/ping")\ndef ping() -> str:\n    return "pong"\n' }];
    index.build(files);
    assert.deepEqual(index.apps().map((a) => `${a.label} ${a.framework} ${a.relativePath}`), ['app fastapi api/app/main.py', 'createApp express src/app.ts']);
  });

  it('without the TypeScript grammar loaded, TS files are skipped', async () => {
    const bare = await RouteIndex.create();
    bare.build(project());
    assert.deepEqual(bare.apps(), []);
  });
});
