const { Pool } = require('pg');

const pool = new Pool({
  user: 'app',
  // ruleid: hardcoded-secret
  password: 'app-db-pass-1',
});

module.exports = { pool };
