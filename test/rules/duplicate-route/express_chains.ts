// Stacked registrations of middleware factories are an Express chain: each
// factory's function (out of sight, in another module) calls next(). Inline
// handlers that never call next() still make the second registration dead.
import express from 'express';
import { verify, captcha, asyncHandler } from './lib';

const app = express();

// ok: duplicate-route
app.post('/api/feedback', verify.forgedFeedback());
// ok: duplicate-route
app.post('/api/feedback', asyncHandler(captcha.check()));
// ok: duplicate-route
app.post('/api/feedback', saveFeedback);

// ok: duplicate-route
app.get('/api/report', (req, res) => {
  res.json({ v: 1 });
});
// ruleid: duplicate-route
app.get('/api/report', asyncHandler(buildReport()));
