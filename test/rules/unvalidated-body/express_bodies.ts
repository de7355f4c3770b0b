import { Router, type Request, type Response } from 'express';
import axios from 'axios';
import { z } from 'zod';
import Joi from 'joi';
import * as v from 'valibot';
import { body, validationResult } from 'express-validator';
import Stripe from 'stripe';
import type { AppDeps } from '../app';
import { validate } from '../middleware/validate';
import { BookCreate, BookUpdate } from '../schemas/book';

const Shelf = z.object({ name: z.string() });
const noteSchema = Joi.object({ text: Joi.string().required() });
const TagSchema = v.object({ label: v.string() });

export function booksRouter(deps: AppDeps): Router {
  const router = Router();

  // ok: unvalidated-body
  router.post('/', async (req, res) => res.status(201).json(await deps.books.create(BookCreate.parse(req.body))));

  router.put('/:id', async (req, res) => {
    // ruleid: unvalidated-body
    res.json(await deps.books.replace(Number(req.params.id), req.body));
  });

  router.patch('/:id', async (req, res) => {
    // ruleid: unvalidated-body
    const { title, isbn } = req.body;
    res.json(await deps.books.update(Number(req.params.id), { title, isbn }));
  });

  router.post('/shelves', async (req, res) => {
    // ok: unvalidated-body
    const result = Shelf.safeParse(req.body);
    if (!result.success) return res.status(422).json(result.error.issues);
    res.status(201).json(await deps.shelves.create(result.data));
  });

  router.post('/notes', async (req, res) => {
    // ok: unvalidated-body
    const { value, error } = noteSchema.validate(req.body);
    if (error) return res.status(422).json({ detail: error.message });
    res.status(201).json(await deps.notes.create(value));
  });

  router.post('/tags', async (req, res) => {
    // ok: unvalidated-body
    const tag = v.parse(TagSchema, req.body);
    res.status(201).json(await deps.tags.create(tag));
  });

  router.post('/drafts', async (req, res) => {
    // ok: unvalidated-body
    const input = req.body;
    const draft = BookCreate.parse(input);
    res.status(201).json(await deps.books.create(draft));
  });

  // Validated by route-level middleware.
  // ok: unvalidated-body
  router.post('/imports', validate(BookCreate), async (req, res) => res.status(202).json(await deps.books.import(req.body)));

  router.post(
    '/reviews',
    body('rating').isInt({ min: 1, max: 5 }),
    body('text').isString().isLength({ max: 2000 }),
    async (req, res) => {
      // ok: unvalidated-body
      res.status(201).json(await deps.reviews.create(req.body));
    },
  );

  router.post('/ratings', async (req, res) => {
    const errors = validationResult(req);
    if (!errors.isEmpty()) return res.status(422).json({ errors: errors.array() });
    // ok: unvalidated-body
    res.status(201).json(await deps.ratings.create(req.body));
  });

  router.post('/bulk', async (req, res) => {
    // Spreading the raw body into a write is mass assignment.
    // ruleid: unvalidated-body
    const rows = req.body.items.map((item: unknown) => ({ ...(item as object), shelf: 1 }));
    res.status(201).json(await deps.books.createMany(rows));
  });

  router.post('/loans', async (req, res) => {
    // ruleid: unvalidated-body
    const loan = await deps.loans.create({ ...req.body, lentAt: new Date() });
    res.status(201).json(loan);
  });

  // ok: unvalidated-body
  router.post('/holds', async (req, res) => res.status(201).json(await deps.holds.create(BookUpdate.parse({ ...req.body, status: 'new' }))));

  // Stripe needs the raw bytes to check the signature.
  router.post('/webhooks/stripe', async (req, res) => {
    const stripe = new Stripe(deps.config.STRIPE_KEY);
    // ok: unvalidated-body
    const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') ?? '', deps.config.STRIPE_WEBHOOK_SECRET);
    res.json({ received: event.id });
  });

  // JSON.parse is not a schema.
  router.post('/raw', async (req, res) => {
    // ruleid: unvalidated-body
    const data = JSON.parse(req.body);
    res.status(201).json(await deps.books.create(data));
  });

  return router;
}

// An HTTP client sending a body is not a handler.
export async function syncBook(id: number, payload: unknown) {
  const response = await axios.post(`/books/${id}`, payload);
  // ok: unvalidated-body
  return response.data.body;
}

// A controller registered in another file.
export async function createShelf(req: Request, res: Response) {
  // ruleid: unvalidated-body
  const shelf = await shelves.create(req.body);
  res.status(201).json(shelf);
}

// Middleware that normalises the body before validation runs.
export function trimBody(req: Request, res: Response, next: () => void) {
  // ok: unvalidated-body
  if (typeof req.body?.name === 'string') req.body.name = req.body.name.trim();
  next();
}
