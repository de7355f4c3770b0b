/**
 * Books API — written by hand before backend-skill was added.
 */
import express from "express"
import { requireAuth } from "../middleware/auth"

const router = express.Router()

/* list every book (no paging yet) */
router.get("/", async (req, res) => {
    res.json([])   // TODO: read from the database
}) // list

router.post("/", requireAuth, async (req, res) => {
    res.status(201).json(req.body)
})

// keep this export last
export default router
