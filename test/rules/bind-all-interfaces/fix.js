// A CommonJS server.
const express = require('express');

const app = express();

// ruleid: bind-all-interfaces
app.listen(3000, '0.0.0.0', () => {
  console.log('up');
});
