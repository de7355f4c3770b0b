const bcrypt = require('bcryptjs');
const User = require('./models/user');

exports.register = async (req, res, next) => {
  // ruleid: plaintext-password
  User.create({ email: req.body.email, password: await bcrypt.hash(req.body.password, 12) })
    .then((user) => res.status(201).json({ id: user.id }))
    .catch(next);
};

exports.login = (req, res, next) => {
  User.findOne({ email: req.body.email })
    .then(async (user) => {
      // ruleid: plaintext-password
      if (!user || !(await bcrypt.compare(req.body.password, user.password))) return res.sendStatus(401);
      res.json({ id: user.id });
    })
    .catch(next);
};
