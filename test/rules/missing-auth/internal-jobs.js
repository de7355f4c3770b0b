// Mounted in src/server.js behind ensureLoggedIn: app.use('/internal', ensureLoggedIn('/login'), require('./routes/internal-jobs')).
const { Router } = require('express');
const jobs = require('../services/jobs');

const router = Router();
// ok: missing-auth
router.post('/:name/run', async (req, res) => res.status(202).json(await jobs.run(req.params.name)));
// ok: missing-auth
router.delete('/:name', async (req, res) => res.status(204).json(await jobs.remove(req.params.name)));
module.exports = router;
