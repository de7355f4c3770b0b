import { z } from 'zod';

export const AuthorCreate = z.object({ name: z.string().min(1).max(200), bio: z.string().max(2000).optional() });
export type AuthorCreate = z.infer<typeof AuthorCreate>;
export const AuthorUpdate = AuthorCreate.partial();
export type AuthorUpdate = z.infer<typeof AuthorUpdate>;
