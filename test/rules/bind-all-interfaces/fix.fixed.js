// A CommonJS server.
const express = require('express');

const app = express();

// ruleid: bind-all-interfaces
app.listen(3000, '127.0.0.1', () => {
  console.log('up');
});
