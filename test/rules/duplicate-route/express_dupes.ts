import express, { Router } from 'express';
import axios from 'axios';
import { requireAuth } from '../middleware/auth';

const app = express();
const users = Router();
const admins = Router();
const auth = requireAuth(config);

// ok: duplicate-route
users.get('/', listUsers);
// ok: duplicate-route
users.post('/', auth, createUser);
// ok: duplicate-route
users.get('/:id', getUser);
// Same URLs: parameter names do not matter.
// ruleid: duplicate-route
users.get('/:userId', getUserWithPosts);
// ok: duplicate-route
users.put('/:id', auth, replaceUser);
// ok: duplicate-route
users.patch('/:id', auth, updateUser);
// ruleid: duplicate-route
users.patch('/:userId', auth, patchUserLegacy);
// Express ignores the trailing slash by default.
// ruleid: duplicate-route
users.post('/', auth, createUserV2);

// The same path on another router is another URL once mounted.
// ok: duplicate-route
admins.get('/:id', getAdmin);
// ok: duplicate-route
admins.delete('/:id', auth, deleteAdmin);
// ruleid: duplicate-route
admins.delete('/:adminId', auth, removeAdmin);

// Same path, different method.
// ok: duplicate-route
users.delete('/:id', auth, deleteUser);
// ok: duplicate-route
users.head('/:id', headUser);

// route() chains register the same way.
// ok: duplicate-route
users.route('/:id/avatar').get(getAvatar).put(auth, putAvatar);
// ruleid: duplicate-route
users.route('/:id/avatar').get(getAvatarCached);

// A first handler that passes on with next() lets the second one run.
// ok: duplicate-route
app.get('/docs', (req, res, next) => {
  if (!req.accepts('html')) return next();
  res.sendFile('docs.html');
});
// ok: duplicate-route
app.get('/docs', (req, res) => res.json(openapi));

// ok: duplicate-route
app.get('/status', (req, res) => res.json({ ok: true }));
// ruleid: duplicate-route
app.get('/status', (req, res) => res.json({ ok: true, version }));

// Settings and HTTP clients are not routes.
// ok: duplicate-route
app.get('env');
// ok: duplicate-route
app.get('env');
// ok: duplicate-route
void axios.post('/users', { name: 'x' });
// ok: duplicate-route
void axios.post('/users', { name: 'y' });

// Different apps built by different factories.
export function v1(): express.Express {
  const api = express();
  // ok: duplicate-route
  api.get('/items', (req, res) => res.json([]));
  return api;
}
export function v2(): express.Express {
  const api = express();
  // ok: duplicate-route
  api.get('/items', (req, res) => res.json({ data: [] }));
  return api;
}

// Registered in different branches: only one runs.
if (process.env.LEGACY_SEARCH === '1') {
  // ok: duplicate-route
  app.get('/search', legacySearch);
} else {
  // ok: duplicate-route
  app.get('/search', search);
}

app.use('/users', users);
app.use('/admins', admins);
export default app;
