const fs = require('fs');

const DATA_DIR = '/var/data';

function read(req, res) {
  const file = req.query.file;
  // ruleid: path-traversal
  res.send(fs.readFileSync(`${DATA_DIR}/${file}`));
}

module.exports = { read };
