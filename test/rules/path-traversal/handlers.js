// CommonJS Express controllers registered in another file.
const fs = require('fs');
const path = require('path');

const STORAGE = path.join(__dirname, 'storage');

exports.show = (req, res) => {
  // ruleid: path-traversal
  fs.readFile(path.join(STORAGE, req.params.id), (err, data) => res.send(data));
};

exports.save = async function save(req, res) {
  const name = req.body.filename.trim();
  // ruleid: path-traversal
  await fs.promises.writeFile(STORAGE + '/' + name, req.body.content);
  res.sendStatus(201);
};

exports.removeAll = (req, res) => {
  const dirs = req.body.dirs;
  for (const dir of dirs) {
    // ruleid: path-traversal
    fs.rmSync(path.join(STORAGE, dir), { recursive: true, force: true });
  }
  res.end();
};

exports.safeShow = (req, res) => {
  const name = req.params.id;
  if (name.includes('..') || name.includes('/')) {
    return res.status(400).end();
  }
  // ok: path-traversal
  fs.readFile(path.join(STORAGE, name), (err, data) => res.send(data));
};

exports.version = (req, res) => {
  // ok: path-traversal
  res.send(fs.readFileSync(path.join(__dirname, 'VERSION'), 'utf8'));
};
