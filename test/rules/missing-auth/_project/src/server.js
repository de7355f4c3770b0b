const express = require('express');
const { ensureLoggedIn } = require('connect-ensure-login');

const app = express();
app.use('/jobs', require('./routes/public-jobs'));
app.use('/internal', ensureLoggedIn('/login'), require('./routes/internal-jobs'));
module.exports = app;
