// A middleware that verifies a token only to cache the user and always calls
// next() lets every caller through: it is not a guard. One that refuses with
// 401 (or next(err)) is.
const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
const users = new Map();

function rememberAuthenticatedUser(req, res, next) {
  const token = req.cookies.token;
  if (token && !users.has(token)) {
    jwt.verify(token, process.env.JWT_PUBLIC_KEY, (err, decoded) => {
      if (!err) users.set(token, decoded);
    });
  }
  next();
}

function requireUser(req, res, next) {
  try {
    req.user = jwt.verify(req.headers.authorization, process.env.JWT_PUBLIC_KEY);
    next();
  } catch (err) {
    next(err);
  }
}

app.use(rememberAuthenticatedUser);
// ruleid: missing-auth
app.post('/api/orders', (req, res) => res.status(201).json(req.body));
// ok: missing-auth
app.delete('/api/orders/:id', requireUser, (req, res) => res.sendStatus(204));

module.exports = app;
