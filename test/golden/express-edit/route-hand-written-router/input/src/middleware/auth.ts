import type { RequestHandler } from "express"

/** Lets requests with any bearer token through (a placeholder for real checks). */
export const requireAuth: RequestHandler = (req, res, next) => {
    if (!req.headers.authorization?.startsWith("Bearer ")) {
        res.status(401).set("WWW-Authenticate", "Bearer").json({ detail: "Not authenticated" })
        return
    }
    next()
}
