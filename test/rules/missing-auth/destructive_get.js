// A GET handler that deletes rows changes data as much as a DELETE does; a
// GET that only reads, or deletes from an in-memory cache, does not.
const express = require('express');
const { expressjwt } = require('express-jwt');

const router = express.Router();
const requireAuth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
const cache = new Map();

// ruleid: missing-auth
router.get('/del_items', async (req, res) => {
  await Item.destroy({ where: { owner: req.query.owner } });
  res.sendStatus(204);
});

// ruleid: missing-auth
router.get('/purge', async (req, res) => {
  await db.query('DELETE FROM sessions WHERE created_at < now()');
  res.sendStatus(204);
});

// ok: missing-auth
router.get('/items', async (req, res) => res.json(await Item.findAll()));

// ok: missing-auth
router.get('/cache/clear', (req, res) => {
  cache.delete(req.query.key);
  res.sendStatus(204);
});

// ok: missing-auth
router.get('/admin/del_items', requireAuth, async (req, res) => {
  await Item.destroy({ where: {} });
  res.sendStatus(204);
});

module.exports = router;
