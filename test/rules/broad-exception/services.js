'use strict';
const fs = require('fs');
const { Pool } = require('pg');
const logger = require('./logger');

const pool = new Pool();

async function getProfile(id) {
  try {
    const { rows } = await pool.query('SELECT * FROM profiles WHERE id = $1', [id]);
    return rows[0];
  // ruleid: broad-exception
  } catch (e) {
    return undefined;
  }
}

function readCache(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  // ruleid: broad-exception
  } catch (e) {}
}

function removeTemp(file) {
  // ruleid: broad-exception
  fs.promises.unlink(file).catch(function () {});
}

function sendWelcome(mailer, user) {
  // ruleid: broad-exception
  mailer.send({ to: user.email, template: 'welcome' }).catch(noop);
}

function noop() {}

async function processQueue(jobs) {
  for (const job of jobs) {
    try {
      await job.run();
    // ruleid: broad-exception
    } catch (err) {
      break;
    }
  }
}

function optionalNative() {
  try {
    return require('bufferutil');
  // ok: broad-exception
  } catch (e) {
    return null;
  }
}

async function getOrder(id) {
  try {
    return (await pool.query('SELECT * FROM orders WHERE id = $1', [id])).rows[0];
  // ok: broad-exception
  } catch (err) {
    logger.error('getOrder failed', err);
    return null;
  }
}

function handler(req, res, next) {
  try {
    res.json(JSON.parse(fs.readFileSync('data.json', 'utf8')));
  // ok: broad-exception
  } catch (err) {
    return next(err);
  }
}

function load(file) {
  return new Promise((resolve, reject) => {
    try {
      resolve(fs.readFileSync(file));
    // ok: broad-exception
    } catch (err) {
      reject(err);
    }
  });
}

// ok: broad-exception
pool.query('SELECT 1').catch((err) => logger.warn({ err }, 'db not ready'));

// ok: broad-exception
pool.end().catch((err) => { process.exitCode = 1; console.error(err); });

function parseBody(raw) {
  try {
    return JSON.parse(raw.toString('utf8'));
  // ok: broad-exception
  } catch (e) {
    return {};
  }
}

module.exports = { getProfile, readCache, removeTemp, sendWelcome, processQueue, optionalNative, getOrder, handler, load, parseBody };

function isDirectory(path) {
  try {
    return fs.statSync(path).isDirectory();
  // ok: broad-exception
  } catch (e) {
    return false;
  }
}

function preload(cache) {
  // ruleid: broad-exception
  return cache.warm().then(() => true, () => false);
}

function warmOrLog(cache) {
  // ok: broad-exception
  return cache.warm().then(() => true, (err) => { logger.error('warm failed', err); return false; });
}
