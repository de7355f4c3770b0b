import { Router, type Request, type Response } from 'express';
import { authenticate } from '../middleware/auth';

// Public reads.
export const publicRouter = Router();

publicRouter.get('/', (req: Request, res: Response) => {
  res.json({ data: [], count: 0 });
});

publicRouter
  .route('/:slug')
  .get((req, res) => {
    res.json({ slug: req.params.slug });
  });

// Editors only.
export const adminRouter = Router({ mergeParams: true });

adminRouter.post('/', authenticate, (req, res) => {
  res.status(201).json({ id: 1 });
});

// Unpublish
adminRouter.delete('/:id', authenticate, (req, res) => {
  res.status(204).end();
});
