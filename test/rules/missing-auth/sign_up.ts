// `POST /users` beside `POST /users/login` is sign-up (the RealWorld API
// shape): creating the account whose login lives under it must be public.
// Other writes to the collection, a POST without a login route beside it,
// and a POST to another collection stay checked.
import { Router } from 'express';
import auth from './auth';
import { createUser, login, updateUser, deleteUser } from './auth.service';

const router = Router();

// ok: missing-auth
router.post('/users', async (req, res, next) => {
  res.status(201).json({ user: await createUser({ ...req.body.user, demo: false }) });
});

// ok: missing-auth
router.post('/users/login', async (req, res) => {
  res.json({ user: await login(req.body.user) });
});

// ok: missing-auth
router.put('/user', auth.required, async (req, res) => {
  res.json({ user: await updateUser(req.body.user, req.auth?.user?.id) });
});

// ruleid: missing-auth
router.delete('/users', async (req, res) => {
  await deleteUser(req.body.user.id);
  res.status(204).end();
});

// ruleid: missing-auth
router.post('/teams', async (req, res) => {
  res.status(201).json(await createTeam(req.body));
});

// ruleid: missing-auth
router.post('/users/:id/roles', async (req, res) => {
  res.status(201).json(await grantRole(req.params.id, req.body.role));
});

export default router;
