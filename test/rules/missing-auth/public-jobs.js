// Mounted in src/server.js without a guard: app.use('/jobs', require('./routes/public-jobs')).
const { Router } = require('express');
const jobs = require('../services/jobs');

const router = Router();
// ok: missing-auth
router.get('/', async (req, res) => res.json(await jobs.list()));
// ruleid: missing-auth
router.post('/:name/run', async (req, res) => res.status(202).json(await jobs.run(req.params.name)));
module.exports = router;
