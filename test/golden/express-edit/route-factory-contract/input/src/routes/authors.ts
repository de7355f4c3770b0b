// Routes for authors under /authors.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { requireAuth } from '../middleware/auth';
import { AuthorCreate, AuthorUpdate } from '../schemas/author';

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export function authorsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.config);

  router.post('/', auth, async (req, res) => {
    const body = AuthorCreate.parse(req.body);
    res.status(201).json({ id: 1, ...body });
  });

  router.get('/', async (req, res) => {
    const query = ListQuery.parse(req.query);
    res.json({ data: [], count: 0, ...query });
  });

  router.patch('/:id', auth, async (req, res) => {
    const id = z.coerce.number().int().parse(req.params.id);
    const body = AuthorUpdate.parse(req.body);
    res.json({ id, ...body });
  });

  return router;
}
