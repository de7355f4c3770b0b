// Book schemas (hand-written)
import * as z from "zod"

export const BookCreate = z.object({
    title: z.string().max(200),
    pages: z.number().int().min(1), // no empty books
})
export type BookCreate = z.infer<typeof BookCreate>

/* end of book schemas */
