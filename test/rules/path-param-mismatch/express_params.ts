import express, { Router, type Request, type Response } from 'express';
import axios from 'axios';
import { IdParams } from '../schemas/common';

const app = express();
const users = Router();

// ok: path-param-mismatch
users.get('/:id', async (req, res) => res.json(await db.users.get(req.params.id)));

users.put('/:id', async (req, res) => {
  // ruleid: path-param-mismatch
  const user = await db.users.update(req.params.userId, req.body);
  res.json(user);
});

users.delete('/:userId/sessions/:sessionId', async (req, res) => {
  // ok: path-param-mismatch
  const { userId, sessionId } = req.params;
  await db.sessions.delete(userId, sessionId);
  res.status(204).end();
});

users.patch('/:userId/addresses/:addressId', async (req, res) => {
  // ruleid: path-param-mismatch
  const { userId, id } = req.params;
  res.json(await db.addresses.update(userId, id, req.body));
});

users.get('/:id/avatar', (req: Request, res: Response) => {
  // ruleid: path-param-mismatch
  res.sendFile(avatarPath(req.params['user_id']));
});

// Declared parameters that the handler never reads are fine in Express.
// ok: path-param-mismatch
users.get('/:orgId/members/:memberId', async (req, res) => res.json(await db.members.list()));

// Validated as a whole: no property is read.
users.post('/:id/roles', async (req, res) => {
  // ok: path-param-mismatch
  const { id } = IdParams.parse(req.params);
  res.json(await db.roles.add(id, req.body));
});

// Optional and typed parameters, Express 5 wildcard.
// ok: path-param-mismatch
app.get('/reports/:year/:month?', (req, res) => res.json({ year: req.params.year, month: req.params.month }));
// ok: path-param-mismatch
app.get('/files/*filepath', (req, res) => res.json({ path: req.params.filepath }));
// ok: path-param-mismatch
app.get('/archive/:name.:ext', (req, res) => res.json({ name: req.params.name, ext: req.params.ext }));

// A query parameter is not a path parameter.
// ok: path-param-mismatch
app.get('/search', (req, res) => res.json({ q: req.query.id }));

// ruleid: path-param-mismatch
app.post('/teams/:teamId/invites', (req, res) => res.json({ team: req.params.team_id }));

// Nested router with mergeParams sees the mount's :projectId.
const tasks = Router({ mergeParams: true });
// ok: path-param-mismatch
tasks.get('/:taskId', (req, res) => res.json({ project: req.params.projectId, task: req.params.taskId }));
app.use('/projects/:projectId/tasks', tasks);

// Without mergeParams the mount's parameter never reaches the router.
const comments = Router();
// ruleid: path-param-mismatch
comments.get('/:commentId', (req, res) => res.json({ post: req.params.postId, comment: req.params.commentId }));
app.use('/posts/:postId/comments', comments);

// Options we cannot see may set mergeParams.
const routerOptions = { mergeParams: true };
const attachments = Router(routerOptions);
// ok: path-param-mismatch
attachments.get('/:attachmentId', (req, res) => res.json({ post: req.params.postId }));
app.use('/posts/:postId/attachments', attachments);

// A helper that is not a route handler.
function currentId(req: Request): string {
  // ok: path-param-mismatch
  return req.params.whatever;
}

// Clients are not routes.
// ok: path-param-mismatch
void axios.get('/users/:id', { params: { id: 1 } });

// Inline middleware on the route reads the same params.
app.delete(
  '/orgs/:orgId',
  (req, res, next) => {
    // ruleid: path-param-mismatch
    if (!req.params.organizationId) return next(new Error('no org'));
    next();
  },
  (req, res) => res.status(204).end(),
);

export { app, users, currentId };
