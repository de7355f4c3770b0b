// Hard negatives: data parsed as data, code that is not request input, a
// sandbox value the script only reads, timers given functions.
const vm = require('vm');
const config = require('./config');

function handler(req, res) {
  // ok: code-injection
  const payload = JSON.parse(req.body.payload);
  // ok: code-injection
  const plugin = eval(config.pluginSource);
  // ok: code-injection
  const add = new Function('a', 'b', 'return a + b');
  // ok: code-injection
  const shown = vm.runInNewContext('greeting.toUpperCase()', { greeting: req.query.name });
  // ok: code-injection
  setInterval(tick, 1000);
  res.json({ payload, plugin, sum: add(1, 2), shown });
}

function tick() {}

module.exports = { handler };
