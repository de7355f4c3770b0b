// Request and response schemas for listings.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Body of POST and PUT (a full replacement); unknown fields are rejected. */
export const ListingCreate = z.strictObject({
  title: z.string().max(120),
  body: z.string().nullable().default(null),
  price: z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/),
  stock: z.int().min(0).default(0),
  rating: z.number().nullable().default(null),
  active: z.boolean().default(true),
  published_on: z.iso.date().nullable().default(null),
  created: z.iso.datetime({ offset: true }).default(() => new Date().toISOString()),
  ref: z.uuid().default(() => randomUUID()),
  contact: z.email().max(320),
  website: z.url({ protocol: /^https?$/ }).max(2083).nullable().default(null),
  meta: z.json().nullable().default(null),
  status: z.enum(['draft', 'live']).default('draft'),
  tags: z.array(z.string()).max(5).default(() => []),
});
export type ListingCreate = z.infer<typeof ListingCreate>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ListingUpdate = z.strictObject({
  title: z.string().max(120).optional(),
  body: z.string().nullable().optional(),
  price: z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/).optional(),
  stock: z.int().min(0).optional(),
  rating: z.number().nullable().optional(),
  active: z.boolean().optional(),
  published_on: z.iso.date().nullable().optional(),
  created: z.iso.datetime({ offset: true }).optional(),
  ref: z.uuid().optional(),
  contact: z.email().max(320).optional(),
  website: z.url({ protocol: /^https?$/ }).max(2083).nullable().optional(),
  meta: z.json().nullable().optional(),
  status: z.enum(['draft', 'live']).optional(),
  tags: z.array(z.string()).max(5).optional(),
});
export type ListingUpdate = z.infer<typeof ListingUpdate>;

export const ListingPublic = z.object({
  title: z.string().max(120),
  body: z.string().nullable(),
  price: z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/),
  stock: z.int().min(0),
  rating: z.number().nullable(),
  active: z.boolean(),
  published_on: z.iso.date().nullable(),
  created: z.iso.datetime({ offset: true }),
  ref: z.uuid(),
  contact: z.email().max(320),
  website: z.url({ protocol: /^https?$/ }).max(2083).nullable(),
  meta: z.json().nullable(),
  status: z.enum(['draft', 'live']),
  tags: z.array(z.string()).max(5),
});
export type ListingPublic = z.infer<typeof ListingPublic>;
