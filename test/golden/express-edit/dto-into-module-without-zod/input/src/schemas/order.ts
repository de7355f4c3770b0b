import type { Request } from 'express';

export type OrderRequest = Request<{ id: string }>;

export const ORDER_STATUSES = ['open', 'paid'] as const;

export const OrderCreate = { parse: (value: unknown) => value };
