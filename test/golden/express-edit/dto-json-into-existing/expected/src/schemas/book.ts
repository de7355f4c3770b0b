// Book schemas (hand-written)
import * as z from "zod"

export const BookCreate = z.object({
    title: z.string().max(200),
    pages: z.number().int().min(1), // no empty books
})
export type BookCreate = z.infer<typeof BookCreate>

/** Body of POST and PUT (a full replacement); unknown keys are refused. */
export const ReviewCreate = z.strictObject({
    rating: z.number().int(),
    comment: z.string().max(255).nullish(),
    reviewedAt: z.iso.datetime({ offset: true }),
})
export type ReviewCreate = z.infer<typeof ReviewCreate>

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ReviewUpdate = z.strictObject({
    rating: z.number().int().optional(),
    comment: z.string().max(255).nullish(),
    reviewedAt: z.iso.datetime({ offset: true }).optional(),
})
export type ReviewUpdate = z.infer<typeof ReviewUpdate>

/** What the API answers with. */
export const ReviewPublic = z.object(ReviewCreate.shape)
export type ReviewPublic = z.infer<typeof ReviewPublic>

/* end of book schemas */
