// What the runtime tests share: the project's Python venv, the CLI run in
// process (a failure shows its output), and a small HTTP client for the
// generated APIs (JSON or form bodies, an optional raw body, a bearer token).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from '../../src/cli/main';

/** The venv's python, or undefined when `npm run setup:python` could not build it. */
export async function venvPython(): Promise<string | undefined> {
  const env = (await import(pathToFileURL(resolve(__dirname, '../../../scripts/python-env.mjs')).href)) as { venvPython(): string };
  const python = env.venvPython();
  return existsSync(python) ? python : undefined;
}

/** `backend-skill ARGS` in process; it must exit 0. */
export async function cli(args: string[]): Promise<void> {
  let output = '';
  const code = await run(args, (s) => (output += s), (s) => (output += s));
  assert.equal(code, 0, `backend-skill ${args.join(' ')} failed:\n${output}`);
}

export interface CallOptions {
  /** Send the bearer token (default: when one is set). */
  readonly auth?: boolean;
  readonly form?: Record<string, string>;
  /** A JSON body sent exactly as given (malformed bodies). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** The Content-Type a body is declared with instead of JSON's; null declares none (bytes sent as they are). */
  readonly contentType?: string | null;
}

export class Api {
  token = '';
  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: unknown, opts: CallOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    let payload: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(opts.form).toString();
    } else if (opts.raw !== undefined) {
      headers['content-type'] = 'application/json';
      payload = opts.raw;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let sent: string | Uint8Array | undefined = payload;
    if (opts.contentType !== undefined && payload !== undefined) {
      delete headers['content-type'];
      // fetch declares text/plain for a string body, nothing for bytes.
      if (opts.contentType === null) sent = new TextEncoder().encode(payload);
      else headers['content-type'] = opts.contentType;
    }
    if (opts.auth !== false && this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(this.base + path, { method, headers, body: sent });
    const text = await response.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }
}
