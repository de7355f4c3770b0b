// Routes that must stay public by design, whatever the framework: the steps
// that give a caller its credentials (token refresh, password reset, one-time
// codes, emailed-token verification), an OAuth 2.0 server's own endpoints,
// licensing APIs that authenticate by the key sent, and capability URLs whose
// path carries the secret. Each language keeps its own list of plain public
// segments (login, health…) and asks this module for the rest.

/** Segments that name authentication itself: `refresh` only counts beside one (`/auth/refresh`, not `/cache/refresh`). */
export const AUTH_SEGMENT = /^(auth|token|jwt|session|sessions|oauth|oauth2|login)$/;

/**
 * Why a route whose lower-cased path segments are `segments` is public by
 * design, if it is. Path parameters are written `{name}` (convert `:name` first).
 */
export function publicByDesign(segments: readonly string[]): string | undefined {
  if (segments.some((s) => /^refresh([-_]tokens?)?$/.test(s)) && (segments.length === 1 || segments.some((s) => AUTH_SEGMENT.test(s)))) return 'token refresh route';
  if (segments.length >= 2 && segments.includes('password') && segments.some((s) => s === 'reset' || s === 'forgot')) return 'password reset route';
  const last = segments[segments.length - 1] ?? '';
  // An OAuth 2.0 server's own endpoints authenticate the client from the request (RFC 7009, 7662, OIDC).
  if (segments.some((s) => /^(oauth2?|oidc|openid)$/.test(s)) && /^(authorize|token|revoke|introspect|userinfo|register|jwks)$/.test(last)) return 'OAuth 2.0 server endpoint';
  // `/auth/authenticate`, `/customer-session/authenticate`: the step that turns a code into a session.
  if (segments.some((s) => /^(authenticate|otp|magic-link|magic_link)$/.test(s)) && segments.some((s) => AUTH_SEGMENT.test(s) || /(^|[-_])(sessions?|auth|login)$/.test(s))) return 'authentication step';
  // `/customer-session/request`, `/login-code/verify`: asking for or redeeming a one-time code is how a caller gets in.
  if (/^(request|verify|confirm)$/.test(last) && segments.slice(0, -1).some((s) => /(^|[-_])(sessions?|login|otp|code|magic[-_]link)$/.test(s))) return 'authentication step';
  // `/email-update/verify`: the emailed token in the body is the credential.
  if (/^(verify|confirm)$/.test(last) && segments.some((s) => /(^|[-_])e?mail([-_]|$)/.test(s))) return 'email verification';
  // `/license-keys/activate`: licensing APIs authenticate the caller by the key it sends.
  if (/^(validate|activate|deactivate)$/.test(last) && segments.some((s) => /^licen[cs]e[-_]?keys?$|^licen[cs]es?$/.test(s))) return 'license key check (the key is the credential)';
  // A capability URL: the secret in the path is the credential (`/checkouts/client/{client_secret}`).
  const capability = segments.find((s) => /^\{\w*(secret|token)(:[^}]*)?\}$/.test(s));
  if (capability) return `capability URL (${capability} is the credential)`;
  return undefined;
}
