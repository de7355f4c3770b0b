// Routers in the generated layout: `const auth = requireAuth(deps.config)` on the writes.
import { Router } from 'express';
import axios from 'axios';
import passport from 'passport';
import type { AppDeps } from '../app';
import { requireAuth } from '../middleware/auth';
import { validate } from '../middleware/validate';
import { authRateLimit } from '../middleware/rate-limit';
import { optionalAuth } from '../middleware/optional-auth';
import { BookCreate } from '../schemas/book';

export function booksRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.config);

  // ok: missing-auth
  router.get('/', async (_req, res) => res.json(await deps.books.list()));

  // ok: missing-auth
  router.post('/', auth, async (req, res) => {
    res.status(201).json(await deps.books.create(BookCreate.parse(req.body)));
  });

  // ruleid: missing-auth
  router.put('/:id', async (req, res) => {
    res.json(await deps.books.replace(Number(req.params.id), BookCreate.parse(req.body)));
  });

  // ruleid: missing-auth
  router.delete('/:id', async (req, res) => {
    await deps.books.delete(Number(req.params.id));
    res.status(204).end();
  });

  // A validator is not a guard.
  // ruleid: missing-auth
  router.patch('/:id', validate(BookCreate.partial()), async (req, res) => {
    res.json(await deps.books.update(Number(req.params.id), req.body));
  });

  // ruleid: missing-auth
  router.route('/:id/archive').post(async (req, res) => {
    res.json(await deps.books.archive(Number(req.params.id)));
  });

  // ok: missing-auth
  router.route('/:id/cover').put(auth, async (req, res) => {
    res.json(await deps.books.setCover(Number(req.params.id), req.body));
  });

  // A rate limiter named after the auth routes still lets anyone in.
  // ruleid: missing-auth
  router.post('/:id/reviews', authRateLimit(deps.config), async (req, res) => {
    res.status(201).json(await deps.books.review(Number(req.params.id), req.body));
  });

  // An optional user guards nothing.
  // ruleid: missing-auth
  router.post('/:id/likes', optionalAuth, async (req, res) => {
    res.status(201).json(await deps.books.like(Number(req.params.id)));
  });

  // ok: missing-auth
  router.post('/:id/loans', [auth, validate(BookCreate)], async (req, res) => {
    res.status(201).json(await deps.books.lend(Number(req.params.id)));
  });

  // ok: missing-auth
  router.post('/:id/holds', passport.authenticate('jwt', { session: false }), async (req, res) => {
    res.status(201).json(await deps.books.hold(Number(req.params.id)));
  });

  // HTTP clients are not routes.
  // ok: missing-auth
  void axios.post('/books', { title: 'x' });

  return router;
}

export function authorsRouter(deps: AppDeps): Router {
  const router = Router();
  // A route registered BEFORE router.use(auth) is not behind it.
  // ruleid: missing-auth
  router.post('/import', async (req, res) => res.json(await deps.authors.import(req.body)));

  router.use(requireAuth(deps.config));

  // ok: missing-auth
  router.post('/', async (req, res) => res.status(201).json(await deps.authors.create(req.body)));
  // ok: missing-auth
  router.delete('/:id', async (req, res) => res.status(204).json(await deps.authors.delete(req.params.id)));
  return router;
}

export function sessionsRouter(): Router {
  const router = Router();
  // Routes anyone must reach to get credentials.
  // ok: missing-auth
  router.post('/login', async (req, res) => res.json({ ok: true }));
  // ok: missing-auth
  router.post('/register', async (req, res) => res.status(201).json({ ok: true }));
  // ok: missing-auth
  router.post('/auth/refresh', async (req, res) => res.json({ ok: true }));
  // ok: missing-auth
  router.post('/password/reset', async (req, res) => res.status(204).end());
  // ok: missing-auth
  router.post('/refresh-tokens', async (req, res) => res.json({ ok: true }));
  // The caller's refresh token is the credential; a plural collection of them is still a refresh route.
  // ok: missing-auth
  router.post('/auth/refresh_tokens', async (req, res) => res.json({ ok: true }));
  // The secret in the URL is the credential; OAuth server endpoints authenticate the client themselves.
  // ok: missing-auth
  router.patch('/checkouts/client/:clientSecret', async (req, res) => res.json({ ok: true }));
  // ok: missing-auth
  router.post('/oauth/revoke', async (req, res) => res.status(200).end());
  // ruleid: missing-auth
  router.delete('/api-tokens/:tokenId', async (req, res) => res.status(204).end());
  // Refreshing the stored tokens of an integration is an action on the account, not a token refresh.
  // ruleid: missing-auth
  router.post('/integrations/refresh-tokens', async (req, res) => res.status(204).end());
  // A cache refresh is not a token refresh.
  // ruleid: missing-auth
  router.post('/cache/refresh', async (req, res) => res.status(204).end());
  return router;
}
