const bcrypt = require('bcryptjs');
const User = require('./models/user');

exports.register = (req, res, next) => {
  // ruleid: plaintext-password
  User.create({ email: req.body.email, password: req.body.password })
    .then((user) => res.status(201).json({ id: user.id }))
    .catch(next);
};

exports.login = (req, res, next) => {
  User.findOne({ email: req.body.email })
    .then((user) => {
      // ruleid: plaintext-password
      if (!user || user.password !== req.body.password) return res.sendStatus(401);
      res.json({ id: user.id });
    })
    .catch(next);
};
