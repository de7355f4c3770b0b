const express = require('express');
const errorhandler = require('errorhandler');
const logger = require('./logger');

const app = express();

// ruleid: debug-enabled
if (process.env.NODE_ENV === 'development') app.use(errorhandler());

app.use((err, req, res, next) => {
  logger.error('Unhandled error', err);
  // ruleid: debug-enabled
  res.status(500).send({ message: 'Internal server error' });
});
