import type { Request } from 'express';
import { z } from 'zod';

export type OrderRequest = Request<{ id: string }>;

export const ORDER_STATUSES = ['open', 'paid'] as const;

export const OrderCreate = { parse: (value: unknown) => value };

/** Body of POST and PUT (a full replacement); unknown keys are refused. */
export const OrderLineCreate = z.strictObject({
  order_id: z.number().int(),
  quantity: z.number().int().min(1),
  note: z.string().max(255).nullish(),
});
export type OrderLineCreate = z.infer<typeof OrderLineCreate>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const OrderLineUpdate = z.strictObject({
  order_id: z.number().int().optional(),
  quantity: z.number().int().min(1).optional(),
  note: z.string().max(255).nullish(),
});
export type OrderLineUpdate = z.infer<typeof OrderLineUpdate>;

/** What the API answers with. */
export const OrderLinePublic = z.object(OrderLineCreate.shape);
export type OrderLinePublic = z.infer<typeof OrderLinePublic>;
