// The generated router after a hand edit dropped `auth` from two writes.
import { Router } from 'express';
import type { AppDeps } from '../app';
import { requireAuth } from '../middleware/auth';
import { TagCreate, TagUpdate } from '../schemas/tag';

export function tagsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.config);

  router.post('/', auth, async (req, res) => {
    res.status(201).json(await deps.tags.create(TagCreate.parse(req.body)));
  });

  // ruleid: missing-auth
  router.patch('/:id', auth, async (req, res) => {
    res.json(await deps.tags.update(Number(req.params.id), TagUpdate.parse(req.body)));
  });

  // ruleid: missing-auth
  router.delete('/:id', auth, async (req, res) => {
    await deps.tags.delete(Number(req.params.id));
    res.status(204).end();
  });

  return router;
}
