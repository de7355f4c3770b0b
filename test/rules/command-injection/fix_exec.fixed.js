const cp = require('child_process');

function convert(src, dst) {
  // ruleid: command-injection
  cp.execFile('convert', [src, '-resize', '200x200', dst], (err) => {
    if (err) throw err;
  });
}

module.exports = { convert };
