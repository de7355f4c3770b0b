'use strict';
const express = require('express');
const session = require('express-session');
const jwt = require('jsonwebtoken');
const mysql = require('mysql2/promise');

const app = express();

// ruleid: hardcoded-secret
const SECRET = process.env.SECRET || 'my-app-secret';

const config = {
  // ruleid: hardcoded-secret
  jwtSecret: 'a8f5f167f44f4964e6c998dee827110c',
  port: process.env.PORT || 3000,
};

// ruleid: hardcoded-secret
config.adminPassword = 'admin1234';

// ruleid: hardcoded-secret
app.use(session({ secret: process.env.SESSION_SECRET || 'dev session secret', resave: false }));

// ruleid: hardcoded-secret
const KEY = 'hmac-key-do-not-share';
function issue(user) {
  return jwt.sign({ id: user.id }, KEY);
}

const db = mysql.createPool({
  host: 'localhost',
  user: 'root',
  // ruleid: hardcoded-secret
  password: 'root-pw-99',
});

// ruleid: hardcoded-secret
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/T0ABCDEFG/B0HIJKLMN/aBcDeFgHiJkLmNoPqRsTuVwX';

// ok: hardcoded-secret
const secretFromEnv = process.env.SECRET;

// ok: hardcoded-secret
const apiKeyEnvName = 'OPENAI_API_KEY';

// ok: hardcoded-secret
const AUTH_HEADER = 'Authorization';

// ok: hardcoded-secret
const tokenPrefix = { tokenType: 'Bearer' };

// ok: hardcoded-secret
const redirect = { resetPasswordUrl: '/auth/reset-password' };

// ok: hardcoded-secret
module.exports = { app, db, issue, SECRET, config };
