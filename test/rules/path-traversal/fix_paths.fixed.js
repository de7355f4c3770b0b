const fs = require('fs');
const path = require('path');

const DATA_DIR = '/var/data';

function read(req, res) {
  const file = req.query.file;
  // ruleid: path-traversal
  res.send(fs.readFileSync(`${DATA_DIR}/${path.basename(file)}`));
}

module.exports = { read };
