const axios = require('axios');

const ALLOWED_HOSTS = ['hooks.example.com'];

async function notify(req, res) {
  // ruleid: ssrf
  if (!ALLOWED_HOSTS.includes(new URL(req.body.callbackUrl).hostname)) {
    return res.status(400).json({ error: 'URL host is not allowed' });
  }
  await axios.post(req.body.callbackUrl, { ok: true });
  res.end();
}

module.exports = { notify };
