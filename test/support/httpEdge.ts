// HTTP-edge probes both runtime proofs send to a running generated app (FastAPI
// and Express answer them alike, from src/core/emit/httpPolicy.ts): 415 for a
// body that is not JSON, request ids kept or replaced, request_id in error
// bodies, CORS headers for allowed origins only, the 500 included.
import assert from 'node:assert/strict';
import { INTERNAL_ERROR_DETAIL, UNSUPPORTED_MEDIA_DETAIL } from '../../src/core/emit/httpPolicy';
import type { Api } from './api';

export const ALLOWED_ORIGIN = 'http://localhost:3000';
export const OTHER_ORIGIN = 'https://evil.example';

type Answer = Awaited<ReturnType<Api['call']>>;

/** An error body: the project's detail, and the request id of the answer's X-Request-ID. */
export function assertErrorBody(r: Answer, what: string): void {
  assert.equal(typeof r.json?.detail === 'string' || Array.isArray(r.json?.detail), true, `${what}: detail in ${r.text.slice(0, 200)}`);
  assert.match(String(r.json.request_id), /^[A-Za-z0-9._-]{1,64}$/, `${what}: request_id in ${r.text.slice(0, 200)}`);
  assert.equal(r.headers.get('x-request-id'), r.json.request_id, `${what}: body and header name the same request`);
}

/**
 * A create route: each wrong Content-Type (another type, a form, none at all) is a 415
 * with the usual error body; JSON with a charset creates; a +json type is read on PATCH.
 * Returns how many probes ran.
 */
export async function probeContentTypes(api: Api, path: string, payload: unknown, patchUrl: string | undefined, what: string): Promise<number> {
  const raw = JSON.stringify(payload);
  let probes = 0;
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
    const r = await api.call('POST', path, undefined, { raw, contentType });
    assert.equal(r.status, 415, `${what}: POST with Content-Type ${contentType} -> ${r.status} ${r.text.slice(0, 200)}`);
    assert.equal(r.json.detail, UNSUPPORTED_MEDIA_DETAIL);
    assertErrorBody(r, `${what} 415`);
    probes++;
  }
  const created = await api.call('POST', path, undefined, { raw, contentType: 'application/json; charset=utf-8' });
  assert.equal(created.status, 201, `${what}: JSON with a charset: ${created.text.slice(0, 300)}`);
  probes++;
  if (patchUrl) {
    const patched = await api.call('PATCH', patchUrl, undefined, { raw: '{}', contentType: 'application/merge-patch+json' });
    assert.equal(patched.status, 200, `${what}: application/merge-patch+json: ${patched.text.slice(0, 300)}`);
    const text = await api.call('PUT', patchUrl, undefined, { raw, contentType: 'text/plain' });
    assert.equal(text.status, 415, `${what}: PUT as text/plain`);
    probes += 2;
  }
  return probes;
}

/**
 * Request ids (a sane one echoed, others replaced), request_id in 404 and 422 bodies, CORS
 * for the allowed origin and never for another, and no text body at the form route.
 * `saneId` is sent first, so the caller can find its log line. Returns how many probes ran.
 */
export async function probeEdge(api: Api, saneId: string): Promise<number> {
  let probes = 0;
  const echoed = await api.call('GET', '/health', undefined, { headers: { 'x-request-id': saneId } });
  assert.equal(echoed.headers.get('x-request-id'), saneId, 'a sane X-Request-ID is kept');
  probes++;
  for (const bad of ['x'.repeat(65), 'has space', 'semi;colon', 'a/b', '']) {
    const r = await api.call('GET', '/health', undefined, { headers: { 'x-request-id': bad } });
    const given = r.headers.get('x-request-id') ?? '';
    assert.ok(given !== bad && /^[0-9a-f]{32}$/.test(given), `X-Request-ID ${JSON.stringify(bad)} replaced, got ${given}`);
    probes++;
  }
  const missing = await api.call('GET', '/no-such-route', undefined, { headers: { 'x-request-id': `${saneId}-404` } });
  assert.equal(missing.status, 404);
  assertErrorBody(missing, '404');
  assert.equal(missing.json.request_id, `${saneId}-404`);
  const invalid = await api.call('POST', '/auth/register', { email: 'nope', password: 'x' });
  assert.equal(invalid.status, 422);
  assertErrorBody(invalid, '422');
  probes += 2;
  for (const path of ['/health', '/no-such-route']) {
    const allowed = await api.call('GET', path, undefined, { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN, `${path}: CORS for the allowed origin`);
    const other = await api.call('GET', path, undefined, { headers: { origin: OTHER_ORIGIN } });
    assert.equal(other.headers.get('access-control-allow-origin'), null, `${path}: no CORS for another origin`);
    probes += 2;
  }
  // The token route reads its form, and nothing else: a text body there is a 415 too.
  const form = await api.call('POST', '/auth/token', undefined, { raw: 'username=a&password=b', contentType: 'text/plain' });
  assert.equal(form.status, 415, `text/plain on /auth/token: ${form.text}`);
  probes++;
  return probes;
}

/**
 * A route that raises (the caller has made it fail): a generic 500 with request_id, the
 * CORS header for the allowed origin, none for another. Returns how many probes ran.
 */
export async function probeFailingRoute(api: Api, path: string, leaks: RegExp): Promise<{ probes: number; requestId: string }> {
  const failed = await api.call('GET', path, undefined, { auth: false, headers: { origin: ALLOWED_ORIGIN } });
  assert.equal(failed.status, 500, failed.text);
  assert.deepEqual(Object.keys(failed.json).sort(), ['detail', 'request_id']);
  assert.equal(failed.json.detail, INTERNAL_ERROR_DETAIL);
  assertErrorBody(failed, '500');
  assert.equal(failed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN, 'the 500 carries CORS for the allowed origin');
  assert.ok(!leaks.test(failed.text), `500 body leaks internals: ${failed.text}`);
  const other = await api.call('GET', path, undefined, { auth: false, headers: { origin: OTHER_ORIGIN } });
  assert.equal(other.status, 500);
  assert.equal(other.headers.get('access-control-allow-origin'), null, 'no CORS for another origin on a 500');
  return { probes: 2, requestId: failed.json.request_id as string };
}
