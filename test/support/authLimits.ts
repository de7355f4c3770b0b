// Auth-hardening probes both runtime proofs send to a running generated app
// (FastAPI and Express answer them alike, from src/core/emit/authPolicy.ts):
// tokens carry and require exp/iat/sub on a pinned algorithm, X-Forwarded-For
// from an untrusted peer never buys a fresh rate-limit count while a trusted
// proxy's does, an account locks after its failures from any address, and a
// deactivated user's token stops working at once. Requests go out from chosen
// loopback addresses (all of 127.0.0.0/8 is local on Linux), so one server
// sees an untrusted peer (127.0.0.1) and a trusted proxy (TRUSTED_PEER).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import jwt from 'jsonwebtoken';
import { REQUIRED_TOKEN_CLAIMS, TOO_MANY_REQUESTS_DETAIL } from '../../src/core/emit/authPolicy';
import type { Api } from './api';

/** The proxy address the limits server is started with in TRUSTED_PROXIES. */
export const TRUSTED_PEER = '127.0.0.2';
/** The limits the server is started with: AUTH_RATE_LIMIT and LOGIN_MAX_FAILURES. */
export const LIMITS = { rate: 5, failures: 3 } as const;

/** The environment of the limits server. */
export function limitsEnv(): Record<string, string> {
  return { AUTH_RATE_LIMIT: String(LIMITS.rate), LOGIN_MAX_FAILURES: String(LIMITS.failures), LOGIN_FAILURE_WINDOW_MINUTES: '15', TRUSTED_PROXIES: TRUSTED_PEER };
}

interface Raw {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly json: Record<string, unknown>;
}

/** A form or JSON POST from `localAddress`, with an optional X-Forwarded-For. */
function post(base: string, path: string, localAddress: string, body: { form?: Record<string, string>; json?: unknown }, forwardedFor?: string): Promise<Raw> {
  const url = new URL(path, base);
  const payload = body.form ? new URLSearchParams(body.form).toString() : JSON.stringify(body.json);
  const headers: Record<string, string> = {
    'content-type': body.form ? 'application/x-www-form-urlencoded' : 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          /* not JSON: asserted by the caller's status checks */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const login = (base: string, from: string, username: string, password: string, forwardedFor?: string) =>
  post(base, '/auth/token', from, { form: { username, password } }, forwardedFor);

let addressSeq = 0;
/** A fresh documentation-range client address (RFC 5737), one per call. */
function nextAddress(): string {
  addressSeq++;
  return `198.51.${Math.floor(addressSeq / 250)}.${(addressSeq % 250) + 1}`;
}

function assertTooMany(r: Raw, what: string): void {
  assert.equal(r.status, 429, `${what}: ${r.status} ${JSON.stringify(r.json)}`);
  assert.deepEqual(Object.keys(r.json).sort(), ['detail', 'request_id'], `${what}: the rate limit's body shape`);
  assert.equal(r.json.detail, TOO_MANY_REQUESTS_DETAIL, what);
  assert.equal(r.json.request_id, r.headers['x-request-id'], `${what}: names its request`);
  assert.ok(Number(r.headers['retry-after']) >= 1, `${what}: Retry-After`);
}

/**
 * Issued tokens carry exp, iat and sub; tokens signed with the right key but missing one
 * of them, or signed with another HMAC algorithm, are 401. Returns the number of probes.
 */
export async function probeTokenClaims(api: Api, secret: string): Promise<number> {
  const claims = jwt.decode(api.token) as Record<string, unknown> | null;
  assert.ok(claims, 'the issued token decodes');
  for (const claim of REQUIRED_TOKEN_CLAIMS) assert.ok(claim in claims, `the issued token carries ${claim}`);
  const sub = String(claims.sub);
  const future = Math.floor(Date.now() / 1000) + 3600;
  const now = Math.floor(Date.now() / 1000);
  const forged: [string, string][] = [
    ['no exp', jwt.sign({ sub, iat: now }, secret, { algorithm: 'HS256', noTimestamp: true })],
    ['no iat', jwt.sign({ sub, exp: future }, secret, { algorithm: 'HS256', noTimestamp: true })],
    ['no sub', jwt.sign({ iat: now, exp: future }, secret, { algorithm: 'HS256', noTimestamp: true })],
    ['HS384', jwt.sign({ sub, iat: now, exp: future }, secret, { algorithm: 'HS384', noTimestamp: true })],
    ['expired', jwt.sign({ sub, iat: now - 7200, exp: now - 3600 }, secret, { algorithm: 'HS256', noTimestamp: true })],
  ];
  assert.equal((await api.call('GET', '/auth/me')).status, 200, 'the issued token itself is accepted');
  for (const [what, token] of forged) {
    const r = await api.call('GET', '/auth/me', undefined, { auth: false, headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 401, `a token with ${what}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  return forged.length + 1;
}

/**
 * A user's token is refused (401) on reads and writes as soon as `deactivate` has removed
 * or deactivated the user in the database; `write` is an authenticated write that works before.
 */
export async function probeRemovedUser(api: Api, write: { path: string; body: unknown }, deactivate: (userId: number) => Promise<void>): Promise<void> {
  const me = await api.call('GET', '/auth/me');
  assert.equal(me.status, 200, me.text);
  const before = await api.call('POST', write.path, write.body);
  assert.equal(before.status, 201, `the write works before: ${before.text.slice(0, 300)}`);
  await deactivate(me.json.id as number);
  for (const [method, path, body] of [['GET', '/auth/me', undefined], ['POST', write.path, write.body]] as const) {
    const r = await api.call(method, path, body);
    assert.equal(r.status, 401, `${method} ${path} with a removed user's token: ${r.status} ${r.text.slice(0, 200)}`);
  }
}

/**
 * Against a server started with limitsEnv() (fresh counts): rotating X-Forwarded-For from an
 * untrusted peer hits 429 at AUTH_RATE_LIMIT; a trusted proxy's forwarded addresses are the
 * clients counted; an account locks after LOGIN_MAX_FAILURES from any address, a success in
 * between clearing nothing, with the rate limit's 429 body. Returns the number of requests.
 */
export async function probeLoginLimits(base: string): Promise<number> {
  let requests = 0;
  const count = <T>(r: T): T => {
    requests++;
    return r;
  };
  // Untrusted peer: its X-Forwarded-For is ignored, every request counts against 127.0.0.1.
  const statuses: number[] = [];
  let last: Raw | undefined;
  for (let i = 0; i <= LIMITS.rate; i++) {
    last = count(await login(base, '127.0.0.1', `nobody-${randomBytes(4).toString('hex')}@example.com`, 'wrong-password', nextAddress()));
    statuses.push(last.status);
  }
  assert.deepEqual(statuses, [...Array<number>(LIMITS.rate).fill(401), 429], 'rotating X-Forwarded-For from an untrusted peer');
  assertTooMany(last!, 'rate limit');

  // Trusted proxy: each forwarded address is its own client; one address still hits the limit.
  for (let i = 0; i <= LIMITS.rate; i++) {
    const r = count(await login(base, TRUSTED_PEER, `nobody-${randomBytes(4).toString('hex')}@example.com`, 'wrong-password', nextAddress()));
    assert.equal(r.status, 401, `a trusted proxy's forwarded client ${i}: ${r.status}`);
  }
  const one = nextAddress();
  const same: number[] = [];
  for (let i = 0; i <= LIMITS.rate; i++) {
    // "spoofed, real": the proxy appended the real client; anything left of it is the client's own text.
    same.push(count(await login(base, TRUSTED_PEER, `nobody-${randomBytes(4).toString('hex')}@example.com`, 'wrong-password', `${nextAddress()}, ${one}`)).status);
  }
  assert.deepEqual(same, [...Array<number>(LIMITS.rate).fill(401), 429], 'one forwarded client behind the trusted proxy');

  // Per-account lockout, each attempt from a new address (so the per-address limit never applies).
  const email = `locked-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('base64url');
  const registered = count(await post(base, '/auth/register', TRUSTED_PEER, { json: { email, password } }, nextAddress()));
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  assert.equal(count(await login(base, TRUSTED_PEER, email, 'wrong-password', nextAddress())).status, 401);
  // A success in between (the owner, or an attacker who guessed) resets nothing.
  assert.equal(count(await login(base, TRUSTED_PEER, email, password, nextAddress())).status, 200);
  for (let i = 1; i < LIMITS.failures; i++) assert.equal(count(await login(base, TRUSTED_PEER, email.toUpperCase(), 'wrong-password', nextAddress())).status, 401);
  const locked = count(await login(base, TRUSTED_PEER, email, password, nextAddress()));
  assertTooMany(locked, 'a locked account, right password, new address');
  // Other accounts are untouched.
  assert.equal(count(await login(base, TRUSTED_PEER, `other-${randomBytes(4).toString('hex')}@example.com`, 'wrong-password', nextAddress())).status, 401);
  return requests;
}

/** Register and log in through the trusted proxy (fresh forwarded addresses), returning the token. */
export async function tokenViaProxy(base: string): Promise<string> {
  const email = `proxied-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('base64url');
  assert.equal((await post(base, '/auth/register', TRUSTED_PEER, { json: { email, password } }, nextAddress())).status, 201);
  const token = await login(base, TRUSTED_PEER, email, password, nextAddress());
  assert.equal(token.status, 200, JSON.stringify(token.json));
  return String(token.json.access_token);
}
