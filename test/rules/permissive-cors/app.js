'use strict';
const express = require('express');
const corsMiddleware = require('cors');

const app = express();

// ruleid: permissive-cors
app.use(corsMiddleware({ origin: true, credentials: true }));

app.use(corsMiddleware({
  // ruleid: permissive-cors
  origin: function (origin, callback) { callback(null, origin); },
  credentials: true,
}));

// ruleid: permissive-cors
app.use(corsMiddleware({ origin: new RegExp('.*'), credentials: true }));

app.use(function allowAll(req, res, next) {
  // ruleid: permissive-cors
  res.header('Access-Control-Allow-Origin', req.headers['origin']);
  res.header('Access-Control-Allow-Credentials', true);
  next();
});

const whitelist = ['https://shop.example.com'];

app.use(corsMiddleware({
  // ok: permissive-cors
  origin: function (origin, callback) {
    if (whitelist.indexOf(origin) !== -1) callback(null, true);
    else callback(new Error('Not allowed by CORS'));
  },
  credentials: true,
}));

// ok: permissive-cors
app.use(corsMiddleware({ origin: whitelist, credentials: true }));

// ok: permissive-cors
app.use(corsMiddleware({ origin: '*', methods: ['GET'] }));

app.use(function (req, res, next) {
  if (!whitelist.includes(req.headers.origin)) return next();
  // ok: permissive-cors
  res.header('Access-Control-Allow-Origin', req.headers.origin);
  res.header('Access-Control-Allow-Credentials', 'true');
  next();
});

module.exports = app;
