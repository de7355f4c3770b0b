// How every generated backend treats requests at the HTTP edge, whatever the
// framework: which bodies it reads (JSON, plus the OAuth2 login form), how a
// request id is kept or made, and the texts of its edge answers. The FastAPI
// and Express templates interpolate these values, and the runtime proofs test
// against them, so the two stacks cannot drift apart.

/** Methods whose body the app reads; other methods' bodies are ignored, never refused. */
export const BODY_METHODS = ['POST', 'PUT', 'PATCH'] as const;

/**
 * A JSON media type (the part before `;`, lower-cased): `application/json` and
 * the structured-syntax `application/*+json` (RFC 6839). Spelled for both
 * Python's `re` and JavaScript regular expressions.
 */
export const JSON_MEDIA_TYPE = '^application/([a-z0-9!#$&^_.-]+\\+)?json$';

/** The one form body the apps read: the OAuth2 password flow mandates it at the token route. */
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
export const FORM_BODY_PATHS = ['/auth/token'] as const;

/** The `detail` of the 415 a body of another media type (or of none) is answered with. */
export const UNSUPPORTED_MEDIA_DETAIL = 'Unsupported media type: send the request body as application/json';

/** A client's X-Request-ID is kept when it matches; otherwise a fresh uuid4 (hex) replaces it. */
export const REQUEST_ID_PATTERN = '^[A-Za-z0-9._-]{1,64}$';

/** The generic body of an unexpected error (with `request_id` beside it). */
export const INTERNAL_ERROR_DETAIL = 'Internal server error';

/** `["/auth/token"]` as a Python tuple or a JavaScript array literal of strings. */
export function stringList(items: readonly string[], language: 'python' | 'ts'): string {
  const quoted = items.map((item) => (language === 'python' ? JSON.stringify(item) : `'${item}'`));
  return language === 'python' ? `(${quoted.join(', ')}${quoted.length === 1 ? ',' : ''})` : `[${quoted.join(', ')}]`;
}
