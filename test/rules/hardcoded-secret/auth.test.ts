import request from 'supertest';
import { app } from '../app';

describe('auth', () => {
  it('logs in', async () => {
    // ok: hardcoded-secret
    const password = 'correct horse battery staple';
    // ok: hardcoded-secret
    const res = await request(app).post('/auth/token').send({ username: 'a@example.com', password: 'hunter22' });
    expect(res.status).toBe(200);
  });

  it('rejects a leaked key', () => {
    // ruleid: hardcoded-secret
    const key = 'AKIAZ3MSJV4WSQXKF7PN';
    expect(key).toBeDefined();
  });
});
