const axios = require('axios');

const ALLOWED_HOSTS = ['hooks.example.com'];

async function notify(req, res) {
  // ruleid: ssrf
  await axios.post(req.body.callbackUrl, { ok: true });
  res.end();
}

module.exports = { notify };
