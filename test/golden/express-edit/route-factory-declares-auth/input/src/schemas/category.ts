import { z } from 'zod';

export const CategoryCreate = z.strictObject({
  name: z.string().max(255),
});
export type CategoryCreate = z.infer<typeof CategoryCreate>;
