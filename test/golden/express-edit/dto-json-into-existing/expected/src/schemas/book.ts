// Book schemas (hand-written)
import * as z from "zod"

export const BookCreate = z.object({
    title: z.string().max(200),
    pages: z.number().int().min(1), // no empty books
})
export type BookCreate = z.infer<typeof BookCreate>

/** Body of POST and PUT (a full replacement); unknown fields are rejected. */
export const ReviewCreate = z.strictObject({
    rating: z.int(),
    comment: z.string().max(255).nullable().default(null),
    reviewedAt: z.iso.datetime({ offset: true }),
})
export type ReviewCreate = z.infer<typeof ReviewCreate>

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ReviewUpdate = z.strictObject({
    rating: z.int().optional(),
    comment: z.string().max(255).nullable().optional(),
    reviewedAt: z.iso.datetime({ offset: true }).optional(),
})
export type ReviewUpdate = z.infer<typeof ReviewUpdate>

export const ReviewPublic = z.object({
    rating: z.int(),
    comment: z.string().max(255).nullable(),
    reviewedAt: z.iso.datetime({ offset: true }),
})
export type ReviewPublic = z.infer<typeof ReviewPublic>

/* end of book schemas */
