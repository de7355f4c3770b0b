import { Router } from 'express';
import { BookCreate, BookUpdate } from '../schemas/book';

export const books = Router();

books.put('/:id', async (req, res) => {
  // ruleid: unvalidated-body
  const title = req.body.title;
  const isbn = req.body.isbn;
  res.json(await repo.replace(Number(req.params.id), { title, isbn }));
});

books.patch('/:id', async (req, res) => {
  // ruleid: unvalidated-body
  res.json(await repo.update(Number(req.params.id), req.body));
});
