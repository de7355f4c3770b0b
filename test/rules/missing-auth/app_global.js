// express-jwt on the whole app, with public paths carved out by unless().
const express = require('express');
const { expressjwt } = require('express-jwt');
const authRouter = require('./routes/auth');

const app = express();
// A router named after auth is not a guard.
app.use(authRouter);
// ruleid: missing-auth
app.post('/contact', (req, res) => res.sendStatus(202));

app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/login'] }));
// ok: missing-auth
app.post('/documents', (req, res) => res.status(201).json(req.body));
// ok: missing-auth
app.delete('/documents/:id', (req, res) => res.sendStatus(204));

module.exports = app;
