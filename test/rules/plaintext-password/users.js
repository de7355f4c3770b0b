'use strict';
const db = require('./db');
const argon2 = require('argon2');
const crypto = require('crypto');

async function createUser(username, password) {
  // ruleid: plaintext-password
  return db.collection('users').insertOne({ username, password });
}

async function register(req, res) {
  // ruleid: plaintext-password
  await db('users').insert({ email: req.body.email, password: req.body.password });
  res.sendStatus(201);
}

function login(req, res) {
  db.get('SELECT * FROM users WHERE email = ?', [req.body.email], (err, row) => {
    // ruleid: plaintext-password
    if (row && row.password == req.body.password) res.json({ ok: true });
    else res.sendStatus(401);
  });
}

function md5Password(password) {
  // ruleid: plaintext-password
  return crypto.createHash('md5').update(password).digest('hex');
}

async function updatePassword(id, password) {
  // ruleid: plaintext-password
  await db.query('UPDATE users SET password = ? WHERE id = ?', [password, id]);
}

async function createHashed(username, password) {
  const hash = await argon2.hash(password);
  // ok: plaintext-password
  return db.collection('users').insertOne({ username, password: hash });
}

async function verify(user, password) {
  // ok: plaintext-password
  return argon2.verify(user.password, password);
}

function checkConfirmation(body) {
  // ok: plaintext-password
  return body.password === body.passwordConfirmation;
}

async function resetPassword(token) {
  // ok: plaintext-password
  await db.collection('resets').insertOne({ token, passwordResetAt: new Date() });
}

function redisAuth(config) {
  // ok: plaintext-password
  return require('redis').createClient({ password: config.redisPassword });
}

module.exports = { createUser, register, login, md5Password, updatePassword, createHashed, verify, checkConfirmation, resetPassword, redisAuth };
