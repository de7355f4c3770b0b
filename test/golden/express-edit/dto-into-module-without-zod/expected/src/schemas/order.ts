import type { Request } from 'express';
import { z } from 'zod';

export type OrderRequest = Request<{ id: string }>;

export const ORDER_STATUSES = ['open', 'paid'] as const;

export const OrderCreate = { parse: (value: unknown) => value };

/** Body of POST and PUT (a full replacement); unknown fields are rejected. */
export const OrderLineCreate = z.strictObject({
  order_id: z.int().min(1),
  quantity: z.int().min(1),
  note: z.string().max(255).nullable().default(null),
});
export type OrderLineCreate = z.infer<typeof OrderLineCreate>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const OrderLineUpdate = z.strictObject({
  order_id: z.int().min(1).optional(),
  quantity: z.int().min(1).optional(),
  note: z.string().max(255).nullable().optional(),
});
export type OrderLineUpdate = z.infer<typeof OrderLineUpdate>;

export const OrderLinePublic = z.object({
  order_id: z.int().min(1),
  quantity: z.int().min(1),
  note: z.string().max(255).nullable(),
});
export type OrderLinePublic = z.infer<typeof OrderLinePublic>;
