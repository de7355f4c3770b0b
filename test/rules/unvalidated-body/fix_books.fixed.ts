import { Router } from 'express';
import { BookCreate, BookUpdate } from '../schemas/book';

export const books = Router();

books.put('/:id', async (req, res) => {
  // ruleid: unvalidated-body
  const body = BookCreate.parse(req.body);
  const title = body.title;
  const isbn = body.isbn;
  res.json(await repo.replace(Number(req.params.id), { title, isbn }));
});

books.patch('/:id', async (req, res) => {
  // ruleid: unvalidated-body
  res.json(await repo.update(Number(req.params.id), BookUpdate.parse(req.body)));
});
