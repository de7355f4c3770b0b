'use strict';
const express = require('express');
const errorHandler = require('errorhandler');
const db = require('./db');

const app = express();

// ruleid: debug-enabled
app.set('env', 'development');

// ruleid: debug-enabled
process.env.NODE_ENV = 'development';

// ruleid: debug-enabled
app.use(errorHandler({ log: true }));

app.get('/items', function (req, res) {
  db.all('SELECT * FROM items', function (err, rows) {
    if (err) {
      // ruleid: debug-enabled
      return res.status(500).send(err.stack);
    }
    res.json(rows);
  });
});

// express-generator's error handler, with the development guard removed
app.use(function (err, req, res, next) {
  res.locals.message = err.message;
  // ruleid: debug-enabled
  res.locals.error = err;
  res.status(err.status || 500);
  res.render('error');
});

app.use(function (err, req, res, next) {
  // ruleid: debug-enabled
  res.status(err.status || 500).json({ message: err.message });
});

// ok: debug-enabled
app.use(function (err, req, res, next) {
  res.locals.message = err.message;
  // ok: debug-enabled
  res.locals.error = req.app.get('env') === 'development' ? err : {};
  res.status(err.status || 500);
  res.render('error');
});

app.use(function (err, req, res, next) {
  console.error(err);
  // ok: debug-enabled
  res.status(500).send('Something broke!');
});

app.use(function (err, req, res, next) {
  if (err.expose) {
    // ok: debug-enabled
    return res.status(err.status).json({ message: err.message });
  }
  // ok: debug-enabled
  res.status(500).json({ message: 'Internal server error' });
});

// ok: debug-enabled
process.env.NODE_ENV = process.env.NODE_ENV || 'production';

module.exports = app;
