// Request and response schemas for listings.
import { z } from 'zod';

/** Body of POST and PUT (a full replacement); unknown keys are refused. */
export const ListingCreate = z.strictObject({
  title: z.string().max(120),
  body: z.string().nullish(),
  price: z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/),
  stock: z.number().int().min(0).default(0),
  rating: z.number().nullish(),
  active: z.boolean().default(true),
  published_on: z.iso.date().nullish(),
  created: z.iso.datetime({ offset: true }).default(() => new Date().toISOString()),
  ref: z.uuid().default(() => crypto.randomUUID()),
  contact: z.email(),
  website: z.url({ protocol: /^https?$/ }).nullish(),
  meta: z.json().nullish(),
  status: z.enum(['draft', 'live']).default('draft'),
  tags: z.array(z.string()).max(5).default(() => []),
});
export type ListingCreate = z.infer<typeof ListingCreate>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ListingUpdate = z.strictObject({
  title: z.string().max(120).optional(),
  body: z.string().nullish(),
  price: z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/).optional(),
  stock: z.number().int().min(0).optional(),
  rating: z.number().nullish(),
  active: z.boolean().optional(),
  published_on: z.iso.date().nullish(),
  created: z.iso.datetime({ offset: true }).optional(),
  ref: z.uuid().optional(),
  contact: z.email().optional(),
  website: z.url({ protocol: /^https?$/ }).nullish(),
  meta: z.json().nullish(),
  status: z.enum(['draft', 'live']).optional(),
  tags: z.array(z.string()).max(5).optional(),
});
export type ListingUpdate = z.infer<typeof ListingUpdate>;

/** What the API answers with. */
export const ListingPublic = z.object(ListingCreate.shape);
export type ListingPublic = z.infer<typeof ListingPublic>;
