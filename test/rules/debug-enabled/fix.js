const express = require('express');
const errorhandler = require('errorhandler');
const logger = require('./logger');

const app = express();

// ruleid: debug-enabled
app.use(errorhandler());

app.use((err, req, res, next) => {
  // ruleid: debug-enabled
  res.status(500).send({ message: err.message });
});
