import { z } from 'zod';

export const Page = z.object({ limit: z.number().int(), offset: z.number().int() });
