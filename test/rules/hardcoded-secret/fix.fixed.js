const { Pool } = require('pg');

const pool = new Pool({
  user: 'app',
  // ruleid: hardcoded-secret
  password: requiredEnv('DB_PASSWORD'),
});

module.exports = { pool };

/** The value of a required environment variable; stops the program when it is missing. */
function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
