import { z } from "zod"

export const BookCreate = z.strictObject({
    title: z.string().max(200),
    pages: z.number().int().min(1),
})
export type BookCreate = z.infer<typeof BookCreate>

export const BookUpdate = BookCreate.partial()
export type BookUpdate = z.infer<typeof BookUpdate>
