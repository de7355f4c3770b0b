// The generated authors router after hand edits dropped the schema steps;
// the project's src/schemas/author.ts exports AuthorCreate and AuthorUpdate.
import { Router } from 'express';
import type { AppDeps } from '../app';
import { requireAuth } from '../middleware/auth';

export function authorsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.config);

  router.post('/', auth, async (req, res) => {
    // ruleid: unvalidated-body
    res.status(201).json(await deps.authors.create(req.body));
  });

  router.patch('/:id', auth, async (req, res) => {
    // ruleid: unvalidated-body
    const changes = req.body;
    if (changes.name !== undefined) changes.name = String(changes.name).trim();
    res.json(await deps.authors.update(Number(req.params.id), changes));
  });

  return router;
}
