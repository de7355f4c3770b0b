// How every generated backend limits logins and reads client addresses,
// whatever the framework: the per-address rate limit, the per-account lockout,
// which peers may speak for a client in X-Forwarded-For, and the claims every
// access token must carry. The FastAPI and Express templates interpolate these
// values (settings, their defaults in .env.example and the README), and the
// runtime proofs test against them, so the two stacks cannot drift apart.

/** Claims a token must carry to be accepted, and that the apps always issue. */
export const REQUIRED_TOKEN_CLAIMS = ['exp', 'iat', 'sub'] as const;

/** Requests a minute and client address on the /auth routes (AUTH_RATE_LIMIT). */
export const AUTH_RATE_LIMIT_DEFAULT = 10;

/**
 * Failed logins for one account (the submitted email, lower-cased, known or not)
 * within the window before further logins for it answer 429, from any address
 * (LOGIN_MAX_FAILURES, LOGIN_FAILURE_WINDOW_MINUTES). A success clears nothing:
 * failures only age out, so an attacker's count cannot be reset by the owner
 * logging in (nor by anyone else).
 */
export const LOGIN_MAX_FAILURES_DEFAULT = 10;
export const LOGIN_FAILURE_WINDOW_MINUTES_DEFAULT = 15;

/** The `detail` of every 429 (rate limit and lockout answer alike, with Retry-After). */
export const TOO_MANY_REQUESTS_DETAIL = 'Too many requests; try again later';

/**
 * The peers whose X-Forwarded-For is believed (TRUSTED_PROXIES: comma-separated
 * addresses or CIDR ranges). Empty by default: the direct peer is the client.
 */
export const TRUSTED_PROXIES_DEFAULT = '';

/** The .env.example lines for these settings, the same for both stacks. */
export function authLimitEnvLines(): string {
  return `# Requests per minute and client address on /auth/register and /auth/token.
AUTH_RATE_LIMIT=${AUTH_RATE_LIMIT_DEFAULT}
# After this many failed logins for one account within the window, its logins answer 429
# (from any address) until the failures age out; a successful login clears nothing.
LOGIN_MAX_FAILURES=${LOGIN_MAX_FAILURES_DEFAULT}
LOGIN_FAILURE_WINDOW_MINUTES=${LOGIN_FAILURE_WINDOW_MINUTES_DEFAULT}
# Comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For names the client
# (e.g. 10.0.0.0/8). Empty: trust no proxy, the connecting address is the client.
TRUSTED_PROXIES=${TRUSTED_PROXIES_DEFAULT}
`;
}

/** The README section on these limits (Markdown), the same for both stacks. */
export function authLimitReadme(perProcess: string): string {
  return `## Login limits and proxies

- \`AUTH_RATE_LIMIT\` (default ${AUTH_RATE_LIMIT_DEFAULT}): requests a minute per client address on \`/auth/register\`
  and \`/auth/token\`; then 429 with \`Retry-After\`.
- \`LOGIN_MAX_FAILURES\` (default ${LOGIN_MAX_FAILURES_DEFAULT}) within \`LOGIN_FAILURE_WINDOW_MINUTES\` (default ${LOGIN_FAILURE_WINDOW_MINUTES_DEFAULT}):
  failed logins for one email, from any address, after which that email's logins answer 429
  (the same body as the rate limit) until the failures age out of the window. A successful
  login clears nothing, so an attacker spreading guesses over many addresses is not reset by
  the owner logging in; the owner may be locked out for the window too (the price of the lock).
- \`TRUSTED_PROXIES\` (default empty): proxy addresses or CIDR ranges, comma-separated. Only when
  the connecting peer is one of them is \`X-Forwarded-For\` read (its rightmost address that is not
  a trusted proxy is the client); from anyone else it is ignored, so clients cannot pick the
  address they are limited by.

Both limits are kept in memory ${perProcess}: one count per process,
forgotten on restart. Behind several processes, use a shared store (e.g. Redis) or limit at
the proxy as well.
`;
}
