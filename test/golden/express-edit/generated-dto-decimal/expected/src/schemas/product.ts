// Request and response schemas for products.
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { decimal } from './common';

/** Body of POST and PUT (a full replacement); unknown fields are rejected. */
export const ProductCreate = z.strictObject({
  name: z.string().max(255),
  price: decimal(),
});
export type ProductCreate = z.infer<typeof ProductCreate>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ProductUpdate = z.strictObject({
  name: z.string().max(255).optional(),
  price: decimal().optional(),
});
export type ProductUpdate = z.infer<typeof ProductUpdate>;

export const ProductPublic = z.object({
  id: z.number().int(),
  name: z.string(),
  price: z.string(),
});
export type ProductPublic = z.infer<typeof ProductPublic>;

export const ProductsPublic = z.object({
  data: z.array(ProductPublic),
  count: z.number().int(),
});
export type ProductsPublic = z.infer<typeof ProductsPublic>;

/** Body of POST and PUT (a full replacement); unknown fields are rejected. */
export const ProductPriceCreate = z.strictObject({
  amount: decimal({ min: 0 }),
  currency: z.enum(['EUR', 'USD']).default('EUR'),
  token: z.uuid().default(() => randomUUID()),
  note: z.string().max(255).nullable().default(null),
});
export type ProductPriceCreate = z.infer<typeof ProductPriceCreate>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ProductPriceUpdate = z.strictObject({
  amount: decimal({ min: 0 }).optional(),
  currency: z.enum(['EUR', 'USD']).optional(),
  token: z.uuid().optional(),
  note: z.string().max(255).nullable().optional(),
});
export type ProductPriceUpdate = z.infer<typeof ProductPriceUpdate>;

export const ProductPricePublic = z.object({
  amount: decimal({ min: 0 }),
  currency: z.enum(['EUR', 'USD']),
  token: z.uuid(),
  note: z.string().max(255).nullable(),
});
export type ProductPricePublic = z.infer<typeof ProductPricePublic>;
