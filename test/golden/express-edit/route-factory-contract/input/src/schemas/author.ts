import { z } from 'zod';

export const AuthorCreate = z.strictObject({
  name: z.string().max(255),
});
export type AuthorCreate = z.infer<typeof AuthorCreate>;

export const AuthorUpdate = AuthorCreate.partial();
export type AuthorUpdate = z.infer<typeof AuthorUpdate>;
