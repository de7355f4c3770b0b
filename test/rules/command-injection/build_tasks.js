// Grunt/Gulp tasks run from a developer's command line: their arguments and
// environment are the developer's own. The same command built in a request
// handler (or a plain function of the build file) is still flagged.
const { exec } = require('child_process');

module.exports = function (grunt) {
  grunt.registerTask('db-reset', '(Re)init the database.', function (arg) {
    const finalEnv = process.env.NODE_ENV || arg || 'development';
    const done = this.async();
    const cmd = process.platform === 'win32' ? 'NODE_ENV=' + finalEnv + ' & ' : 'NODE_ENV=' + finalEnv + ' ';
    // ok: command-injection
    exec(cmd + 'node artifacts/db-reset.js', () => done());
  });

  grunt.registerMultiTask('deploy', 'Deploy a target.', function () {
    // ok: command-injection
    exec(`rsync -a dist/ ${this.target}:/srv/app`);
  });
};

function resetFor(env) {
  // ruleid: command-injection
  exec('NODE_ENV=' + env + ' node artifacts/db-reset.js');
}

const express = require('express');
const app = express();

app.post('/reset', (req, res) => {
  // ruleid: command-injection
  exec('NODE_ENV=' + req.body.env + ' node artifacts/db-reset.js', () => res.end());
});

// A route handler registered inside a task file's function is still a route.
module.exports.routes = function (router) {
  router.post('/task', function (req, res) {
    // ruleid: command-injection
    exec(`grunt ${req.query.task}`, () => res.end());
  });
};

const gulp = require('gulp');
gulp.task('lint', function () {
  // ok: command-injection
  exec(`eslint ${process.argv.slice(3).join(' ')}`);
});
module.exports.resetFor = resetFor;
