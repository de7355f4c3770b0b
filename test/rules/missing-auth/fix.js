const express = require('express');
const passport = require('passport');

const router = express.Router();

router.put('/:id', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.body));
// ruleid: missing-auth
router.delete('/:id', (req, res) => res.sendStatus(204));
// ruleid: missing-auth
router.route('/:id/publish').post((req, res) => res.sendStatus(202));

module.exports = router;
