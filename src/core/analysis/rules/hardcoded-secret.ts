// hardcoded-secret: a password, API key, token or signing key written in the
// source ships with every copy of the code (repository, image, wheel) and
// cannot be rotated without a release. Three kinds of evidence:
//   - a well-known key format anywhere (AWS, GitHub, Slack, Stripe live, PEM private key);
//   - a connection URL with an inline password (`postgresql://app:s3cret@db/app`);
//   - a non-empty literal bound to a secret-looking name: a variable, attribute,
//     config key, keyword argument, dict key, settings field default, the
//     fallback of an environment lookup, or the key argument of jwt/itsdangerous/hmac.
// A placeholder such as "changeme" is flagged too: it is the value production
// silently runs with when the variable is missing. Empty strings and None are
// not secrets. In test files only real key formats are flagged.
import type { SyntaxNode } from '../../parse/python';
import type { FileChange, TextEdit } from '../../plan/editPlan';
import { envExampleEntry, fileFix, replaceNode } from '../fixes';
import { isTestPath, removeArgument, settingsAccess, textOf } from '../python/config';
import { keywordArg, literalString, named, positionalArgs, unparen } from '../python/pyfile';
import { interleave, nodesAround } from '../python/candidates';
import type { Fix, Rule, RuleContext } from '../types';

// ---------------------------------------------------------------- names

/** `apiKey`, `API_KEY`, `api-key` → ['api', 'key']. */
export function tokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const STRONG_LAST = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credentials', 'credential']);
/** `<x>_key` is a secret for these `<x>`; other keys (`cache_key`, `sort_key`) only when the value looks random. */
const KEY_PREFIXES = new Set(['api', 'secret', 'private', 'signing', 'encryption', 'access', 'auth', 'master', 'client', 'app', 'jwt', 'hmac', 'session', 'fernet', 'webhook', 'license', 'service', 'account', 'crypto', 'cipher', 'aes', 'django', 'flask']);
/** Keys that index data rather than unlock anything. */
const NOT_SECRET_KEYS = new Set(['primary', 'foreign', 'sort', 'cache', 'lookup', 'idempotency', 'partition', 'dict', 'redis', 'storage', 'object', 's3', 'translation', 'i18n']);
/** Last name parts that make the name describe a secret rather than hold one. */
const NOT_SECRET_LAST = new Set([
  'env', 'var', 'variable', 'name', 'names', 'field', 'fields', 'header', 'headers', 'url', 'uri', 'endpoint', 'path', 'file', 'dir',
  'length', 'len', 'min', 'max', 'regex', 're', 'pattern', 'type', 'types', 'prefix', 'suffix', 'label', 'message', 'msg', 'error',
  'errors', 'hash', 'hashed', 'hasher', 'expire', 'expires', 'expiry', 'expiration', 'ttl', 'lifetime', 'seconds', 'minutes', 'hours',
  'days', 'algorithm', 'algorithms', 'alg', 'id', 'count', 'attempts', 'policy', 'rounds', 'param', 'parameter', 'cookie', 'location',
  'scheme', 'kind', 'mode', 'format', 'size', 'column', 'attr', 'attribute', 'placeholder', 'hint', 'help', 'prompt', 'title', 'template',
  'validator', 'rule', 'rules', 'strength', 'reset', 'confirm', 'confirmation', 'required', 'enabled', 'flag', 'route', 'scope', 'scopes',
  'audience', 'issuer', 'version', 'source', 'provider', 'backend', 'class', 'context', 'schema', 'model', 'table', 'key_id', 'kid',
  'usage', 'location', 'description', 'doc', 'question', 'hint', 'sent', 'at', 'date', 'time',
]);

type Strength = 'strong' | 'weak';

/** How strongly a name says "this holds a secret": strong (`DB_PASSWORD`), weak (`maps_key`), or not at all. */
export function secretName(name: string): Strength | undefined {
  const t = tokens(name);
  const last = t[t.length - 1];
  if (!last || NOT_SECRET_LAST.has(last)) return undefined;
  // The last word decides: `grant_type`, `token_url`, `password_min_length` end in words that describe, not hold.
  if (STRONG_LAST.has(last)) return 'strong';
  if (last === 'key' || last === 'keys') {
    const prev = t[t.length - 2];
    if (!prev || NOT_SECRET_LAST.has(prev) || NOT_SECRET_KEYS.has(prev)) return undefined;
    return KEY_PREFIXES.has(prev) ? 'strong' : 'weak';
  }
  if (last === 'dsn' || last === 'auth') return 'weak';
  return undefined;
}

// ---------------------------------------------------------------- values

const NOT_SECRET_WORDS = new Set([
  'bearer', 'basic', 'digest', 'token', 'jwt', 'oauth2', 'none', 'redacted', 'masked', 'hidden', 'null', 'true', 'false', 'hs256', 'hs384', 'hs512',
  'rs256', 'es256', 'authorization', 'api_key', 'apikey', 'access_token', 'refresh_token', 'id_token', 'client_credentials',
  'authorization_code', 'refresh', 'access', 'session', 'csrftoken', 'sessionid', 'x-csrftoken', 'x-csrf-token', 'x-api-key',
]);

/** Words that make up field and parameter names ("new_password", "client_secret"), none of which a made-up secret needs. */
const FIELD_WORDS = new Set([
  'user', 'new', 'old', 'current', 'confirm', 'confirmation', 'repeat', 'repeated', 'access', 'refresh', 'id', 'client', 'api', 'reset',
  'hashed', 'hash', 'plain', 'raw', 'password', 'passwd', 'token', 'secret', 'key', 'auth', 'type', 'field', 'bearer', 'session', 'csrf',
  'xsrf', 'verify', 'verification', 'email', 'login', 'account', 'admin', 'private', 'public', 'signing', 'jwt', 'otp', 'code',
  'aws', 'next', 'previous', 'prev', 'page', 'input', 'output', 'name', 'limit', 'response', 'request', 'header', 'param', 'value',
  'data', 'web', 'identity', 'role', 'oauth', 'oidc', 'saml', 'continuation', 'pagination',
]);

const PASSWORD_HASH = /^(\$(2[abxy]?|argon2(id|i|d)?|scrypt|pbkdf2[-_\w]*|[156])\$|pbkdf2_sha\d+\$|bcrypt\$|sha256\$)/;

/** Is a literal bound to a secret-looking name plausibly the secret itself (not a label, name, template or hash)? */
export function plausibleSecret(value: string, name: string, strength: Strength): boolean {
  if (value.trim().length < 3) return false; // "", "e": codes and flags, not secrets
  if (/^\d{1,5}$/.test(value)) return false; // "123": an id or stand-in, too short to guard anything
  if (/^[a-z0-9]{2,6}[-_](valid|invalid|test|testing|fake|dummy|mock|mocked|sample|placeholder|foo|bar|xxx+|abc|123)$/i.test(value)) return false; // "xoxb-valid", "sk_test": a vendor prefix plus a stand-in word
  // Sentences and labels ("Invalid password") are not secrets, but a lowercase phrase that names itself a
  // secret, bound to a strong secret name, is the signing key a forgotten environment variable leaves in use:
  // `SECRET = "super secret jwt secret"`, `SECRET_KEY = "my secret key"`.
  if (/\s/.test(value) && !(strength === 'strong' && /^[a-z0-9][a-z0-9 _-]*$/.test(value) && /\b(secret|key|token|change)\b/.test(value) && value.length >= 9)) return false;
  if (/^([*•xX#.-])\1*$/.test(value) || !/[A-Za-z0-9]/.test(value) || /^<?redacted>?$/i.test(value)) return false; // masked: "********", ":****"
  if (/^(\/|\.\/|https?:\/\/[^@]*$)/.test(value)) return false; // routes and plain URLs (inline credentials are found separately)
  if (PASSWORD_HASH.test(value)) return false;
  if (value.includes('EXAMPLE')) return false; // vendor documentation samples (wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY)
  if (/\{[^}]*\}|%\(?\w*\)?s|\$\{|^<.*>$/.test(value)) return false; // templates and <placeholders>
  const lower = value.toLowerCase();
  if (NOT_SECRET_WORDS.has(lower)) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squash(value) === squash(name) || squash(value) === squash(tokens(name).slice(-1)[0] ?? '')) return false; // PASSWORD = "password"
  if (['password', 'passwd', 'pwd', 'passphrase'].includes(lower)) return false; // a key mapped to a field name: dict(password="passwd")
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) && secretName(value) && !/(^|_)(YOUR|CHANGE|REPLACE|INSECURE|DEFAULT|DUMMY|TODO)(_|$)/.test(value)) {
    return false; // the name of an environment variable ("OPENAI_API_KEY"), not "CHANGE_ME" or "YOUR_SECRET_KEY"
  }
  if (/^[a-z]+([_-][a-z]+)+$/.test(value) && value.split(/[_-]/).every((w) => FIELD_WORDS.has(w))) return false; // a field name: "user_password", "refresh_token"
  if (/^[A-Za-z]+$/.test(value) && /[a-z][A-Z]/.test(value) && tokens(value).includes(tokens(name).at(-1) ?? '')) return false; // "AWSSecretKey"
  if (/^x-[a-z0-9-]+$/i.test(value) || /^[A-Z][a-zA-Z]*(-[A-Z][a-zA-Z]*)+$/.test(value)) return false; // a header name
  // A `*_token` bound to a word is a sentinel or marker (`_DEFAULT_TOKEN = "_sa_default"`), not a credential:
  // issued tokens carry digits or symbols. Passwords and secrets made of plain words are still secrets.
  if (tokens(name).at(-1) === 'token' && /^_?[A-Za-z]+(_[A-Za-z]+)*$/.test(value)) return false;
  if (strength === 'weak') return looksRandom(value);
  return true;
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function looksRandom(value: string): boolean {
  // Generated keys mix digits in; camelCase words ("terminateBlueInstances") and dotted names ("fs.s3.sse") are not keys.
  if (value.length < 16 || !/^[\w\-+/=~]+$/.test(value) || !/\d/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
  return classes >= 2 && entropy(value) >= 3.5;
}

interface KeyFormat {
  readonly re: RegExp;
  readonly env: string;
  readonly what: string;
  /** Test suites carry sample tokens of this format on purpose. */
  readonly notInTests?: boolean;
}

const KEY_FORMATS: readonly KeyFormat[] = [
  { re: /\b(?:AKIA|ASIA)([0-9A-Z]{16})\b/, env: 'AWS_ACCESS_KEY_ID', what: 'an AWS access key id' },
  { re: /\bgh[pousr]_([A-Za-z0-9]{36,})\b/, env: 'GITHUB_TOKEN', what: 'a GitHub token' },
  { re: /\bgithub_pat_([A-Za-z0-9_]{40,})\b/, env: 'GITHUB_TOKEN', what: 'a GitHub token' },
  { re: /\bxox[abposr]-([A-Za-z0-9-]{10,})/, env: 'SLACK_TOKEN', what: 'a Slack token' },
  { re: /\b(?:sk|rk)_live_([A-Za-z0-9]{16,})\b/, env: 'STRIPE_API_KEY', what: 'a live Stripe key' },
  { re: /\bAIza([0-9A-Za-z_-]{35})\b/, env: 'GOOGLE_API_KEY', what: 'a Google API key' },
  { re: /\bsk-(?:proj|ant(?:-api\d+)?)-([A-Za-z0-9_-]{32,})/, env: 'API_KEY', what: 'an AI provider API key' },
  { re: /https:\/\/hooks\.slack\.com\/services\/(T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/, env: 'SLACK_WEBHOOK_URL', what: 'a Slack webhook URL' },
  { re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ([A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{8,}/, env: 'API_TOKEN', what: 'a signed JWT', notInTests: true },
  { re: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\\n|\s)*([A-Za-z0-9+/=\s\\n:,-]{40,})/, env: 'PRIVATE_KEY', what: 'a private key' },
];
export const KEY_HINT = /eyJ|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|_live_|AIza|sk-proj-|sk-ant-|hooks\.slack\.com|PRIVATE KEY/;

/** The well-known key format a text contains, unless it is a documented example (`AKIAIOSFODNN7EXAMPLE`) or a run of one character. */
export function keyFormat(text: string, test = false): KeyFormat | undefined {
  if (!KEY_HINT.test(text)) return undefined;
  for (const format of KEY_FORMATS) {
    if (test && format.notInTests) continue;
    const m = format.re.exec(text);
    if (!m) continue;
    const body = (m[1] ?? '').replace(/\\n|\s/g, '');
    if (/example|placeholder|your|dummy|fake/i.test(m[0]) || new Set(body).size < 6) continue;
    return format;
  }
  return undefined;
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:@/]*):([^\s@/]+)@[^\s/]/i;
// Documentation placeholders only (`USER:PASSWORD`, `<password>`, `***`): a lowercase `user:pass` or
// `postgres:postgres` is a real, if weak, password that production runs with.
// One or two digits (`https://1:1@host`) is a stand-in too: no real credential is that short.
const PLACEHOLDER_PASSWORD = /^(\*+|x+|\.{3}|…|<[^>]*>|\[[^\]]*\]|[A-Z][A-Z0-9_]*|\d{1,2})$/;

/** The inline password of a connection URL (interpolations are marked with \0 and never count). */
export function urlPassword(text: string): { scheme: string } | undefined {
  if (!text.includes('://')) return undefined;
  const m = URL_CREDENTIALS.exec(text);
  if (!m) return undefined;
  const password = m[3]!;
  if (password.includes('\0') || PLACEHOLDER_PASSWORD.test(password) || /^\$\{|^\{|^%\(|^%s$/.test(password)) return undefined;
  return { scheme: m[1]!.toLowerCase() };
}

/** A string node's text with interpolations replaced by \0 (undefined for byte strings containing nothing useful). */
function contentOf(node: SyntaxNode): string {
  let out = '';
  for (const child of named(node)) {
    if (child.type === 'interpolation') out += '\0';
    else if (child.type === 'string_content' || child.type === 'escape_sequence') out += child.text;
  }
  return out;
}

function isBytes(node: SyntaxNode): boolean {
  return /^[rR]?[bB]/.test(node.text);
}

// ---------------------------------------------------------------- context

const EXAMPLE_KEYS = new Set(['example', 'examples', 'json_schema_extra', 'schema_extra', 'openapi_examples', 'openapi_extra']);

/** Values inside OpenAPI examples and schema extras document the API; they are not configuration. */
function inExample(node: SyntaxNode): boolean {
  let n: SyntaxNode | null = node.parent;
  for (let i = 0; n && i < 8; i++, n = n.parent) {
    if (n.type === 'keyword_argument' && EXAMPLE_KEYS.has(n.childForFieldName('name')?.text ?? '')) return true;
    if (n.type === 'pair') {
      const key = n.childForFieldName('key');
      if (key && EXAMPLE_KEYS.has(literalString(key) ?? '')) return true;
    }
    if (n.type === 'assignment' && EXAMPLE_KEYS.has(n.childForFieldName('left')?.text ?? '')) return true;
    if (n.type === 'function_definition' || n.type === 'module') return false;
  }
  return false;
}

function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  const block = node.parent?.parent; // assignment → expression_statement → block
  const cls = block?.type === 'block' ? block.parent : undefined;
  return cls?.type === 'class_definition' ? cls : undefined;
}

function classBases(cls: SyntaxNode): string {
  return cls.childForFieldName('superclasses')?.text ?? '';
}

const isEnumClass = (cls: SyntaxNode): boolean => /\b(Enum|StrEnum|IntEnum|Flag|TextChoices|Choices)\b/.test(classBases(cls));
const isSettingsClass = (cls: SyntaxNode): boolean => /\bBaseSettings\b/.test(classBases(cls));

/**
 * Per analysis run: literal nodes already reported (a parent visitor wins over
 * the plain string visitor). Keyed by the rule's context, which the engine
 * makes afresh for every run, not by the tree: the editor's incremental cache
 * hands the same tree to the next run of an unchanged document, and claims
 * left over from the previous run would silence every finding of this one.
 */
const reported = new WeakMap<RuleContext, Set<number>>();
function claim(ctx: RuleContext, node: SyntaxNode): boolean {
  let set = reported.get(ctx);
  if (!set) reported.set(ctx, (set = new Set()));
  if (set.has(node.startIndex)) return false;
  set.add(node.startIndex);
  return true;
}

/** The literal to report and replace: a string, or the implicit concatenation it belongs to. */
function literalOf(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (!node) return undefined;
  let n = unparen(node);
  // SecretStr("…") hides the value from repr(), not from the repository.
  if (n.type === 'call' && /(^|\.)(SecretStr|SecretBytes)$/.test(n.childForFieldName('function')?.text ?? '') && positionalArgs(n).length === 1) n = unparen(positionalArgs(n)[0]!);
  if (n.type === 'concatenated_string') return literalString(n) !== undefined ? n : undefined;
  if (n.type !== 'string') return undefined;
  return n;
}

// ---------------------------------------------------------------- fixes

/** Replace the literal with a read of NAME: from the project's settings when it has them, else from the environment. */
function moveFixes(ctx: RuleContext, target: SyntaxNode, envName: string, bytes: boolean, wrap: (expr: string) => string = (e) => e): Fix[] {
  const suffix = bytes ? '.encode()' : '';
  const fixes: Fix[] = [];
  const field = envName.toLowerCase();
  const access = settingsAccess(ctx, field, `${field}: str`, { name: envName });
  if (access) {
    fixes.push(fileFix(ctx, `Move ${envName} to settings (${access.expr})`, [replaceNode(target, wrap(access.expr + suffix))], { imports: access.imports, extra: access.extra, preferred: true }));
  }
  const env = envExampleEntry(ctx, envName);
  fixes.push(
    fileFix(ctx, `Read ${envName} from the environment`, [replaceNode(target, wrap(`os.environ["${envName}"]${suffix}`))], {
      imports: [{ module: 'os' }],
      extra: env ? [env] : [],
      preferred: !access,
    }),
  );
  return fixes;
}

/** `os.getenv("X", "lit")` → `os.environ["X"]`: no fallback, so a missing variable fails at start-up instead of running with the literal. */
function dropFallbackFix(ctx: RuleContext, lookup: SyntaxNode, envName: string): Fix {
  const env = envExampleEntry(ctx, envName);
  return fileFix(ctx, `Require ${envName} from the environment (drop the fallback)`, [replaceNode(lookup, `os.environ["${envName}"]`)], {
    imports: [{ module: 'os' }],
    extra: env ? [env] : [],
    preferred: true,
  });
}

/** A settings-class field default: drop it so the field is required (`secret_key: str`). */
function requiredFieldFix(ctx: RuleContext, assignment: SyntaxNode, literal: SyntaxNode, envName: string): Fix | undefined {
  const type = assignment.childForFieldName('type');
  const right = assignment.childForFieldName('right');
  if (!type || !right) return undefined;
  let edit: TextEdit | undefined;
  if (unparen(right).id === literal.id) edit = { start: type.endIndex, end: right.endIndex, text: '' };
  else {
    const arg = literal.parent?.type === 'keyword_argument' ? literal.parent : literal;
    edit = removeArgument(arg);
  }
  if (!edit) return undefined;
  const env = envExampleEntry(ctx, envName);
  const extra: FileChange[] = env ? [env] : [];
  return fileFix(ctx, `Make ${envName} required (no default in code)`, [edit], { extra, preferred: true });
}

// ---------------------------------------------------------------- detection

export const GENERIC_KEYWORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'PASS', 'API_KEY', 'APIKEY', 'TOKEN', 'SECRET', 'AUTH_TOKEN', 'ACCESS_TOKEN']);
const DB_MODULES = new Set(['psycopg', 'psycopg2', 'asyncpg', 'pymysql', 'MySQLdb', 'mysql', 'sqlalchemy', 'aiomysql', 'pymongo', 'motor', 'databases', 'sqlmodel', 'aiopg', 'oracledb', 'pyodbc']);

/** Env name for a keyword argument: `password=` of a database driver → DB_PASSWORD; `api_key=` of openai.OpenAI → OPENAI_API_KEY. */
function envNameForKeyword(ctx: RuleContext, call: SyntaxNode, keyword: string): string {
  const upper = tokens(keyword).join('_').toUpperCase();
  if (!GENERIC_KEYWORDS.has(upper)) return upper;
  const root = (ctx.py.callee(call) ?? '').split('.')[0] ?? '';
  const imported = [...ctx.py.imports.values()].some((v) => v.split('.')[0] === root);
  if (!imported) return upper;
  if (DB_MODULES.has(root)) return `DB_${upper}`;
  if (root === 'redis' || root === 'aioredis') return `REDIS_${upper}`;
  if (root === 'smtplib' || root === 'aiosmtplib') return `SMTP_${upper}`;
  if (/^[a-z][a-z0-9]+$/.test(root) && !['os', 'app', 'src', 'builtins'].includes(root)) return `${root.toUpperCase()}_${upper}`;
  return upper;
}

function envNameForUrl(scheme: string, holder: string | undefined): string {
  if (holder && /(url|uri|dsn)$/i.test(holder)) return tokens(holder).join('_').toUpperCase();
  if (scheme.startsWith('redis')) return 'REDIS_URL';
  if (scheme.startsWith('amqp')) return 'BROKER_URL';
  if (scheme.startsWith('mongodb')) return 'MONGODB_URL';
  return 'DATABASE_URL';
}

/** The typed field assignment of a BaseSettings class whose default is `literal` (directly or as `Field(default=…)`). */
function settingsFieldOf(literal: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = literal.parent;
  for (let i = 0; n && i < 4 && n.type !== 'assignment'; i++) n = n.parent;
  const cls = n?.type === 'assignment' ? enclosingClass(n) : undefined;
  return n && cls && isSettingsClass(cls) && n.childForFieldName('type') ? n : undefined;
}

/** The name a literal is bound to (variable, attribute, config key, keyword, dict key), for URL/key-format fixes. */
function holderName(literal: SyntaxNode): string | undefined {
  const parent = literal.parent;
  if (!parent) return undefined;
  if (parent.type === 'assignment') return targetName(parent.childForFieldName('left'));
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.text;
  if (parent.type === 'pair') {
    const key = parent.childForFieldName('key');
    return key ? literalString(key) : undefined;
  }
  return undefined;
}

/** `SECRET_KEY`, `app.secret_key` → secret_key, `app.config["SECRET_KEY"]` → SECRET_KEY. */
function targetName(left: SyntaxNode | null | undefined): string | undefined {
  if (!left) return undefined;
  if (left.type === 'identifier') return left.text;
  if (left.type === 'attribute') return left.childForFieldName('attribute')?.text;
  if (left.type === 'subscript') {
    const key = left.childForFieldName('subscript');
    return key ? literalString(key) : undefined;
  }
  return undefined;
}

export function envNameOf(name: string): string {
  return tokens(name).join('_').toUpperCase();
}

function what(strength: Strength, name: string): string {
  return strength === 'weak' ? `a random-looking value for ${name}` : `a literal value for ${name}`;
}

function reportNamed(ctx: RuleContext, literal: SyntaxNode, name: string, strength: Strength, fixes: () => Fix[]): void {
  if (!claim(ctx, literal)) return;
  ctx.report({
    node: literal,
    message: `Hard-coded secret: ${what(strength, name)} is committed with the code and cannot be rotated without a release; read it from settings or the environment.`,
    fixes,
  });
}

/** Name parts that can make a name secret-looking: a lexical pre-check before any tree access. */
const SECRETISH = /pass|pwd|secret|token|key|cred|auth|dsn/i;

/** Does the source text from `start` up to the first `=` (or `:` for dict keys) mention a secret-ish word? */
function nameMaySecret(ctx: RuleContext, start: number, stop: string): boolean {
  const head = ctx.source.slice(start, start + 120);
  const end = head.indexOf(stop);
  return SECRETISH.test(end < 0 ? head : head.slice(0, end));
}

/** `X = "…"`, `app.secret_key = "…"`, `app.config["SECRET_KEY"] = "…"`, `secret_key: str = "…"` in a settings class. */
function checkAssignment(node: SyntaxNode, ctx: RuleContext): void {
  if (!nameMaySecret(ctx, node.startIndex, '=')) return;
  const right = node.childForFieldName('right');
  if (!right) return;
  const name = targetName(node.childForFieldName('left'));
  if (!name || isTestPath(ctx.path)) return;
  const strength = secretName(name);
  if (!strength) return;
  let literal = literalOf(right);
  const cls = enclosingClass(node);
  if (!literal && cls && unparen(right).type === 'call' && /(^|\.)Field$/.test(unparen(right).childForFieldName('function')?.text ?? '')) {
    const call = unparen(right);
    literal = literalOf(keywordArg(call, 'default') ?? positionalArgs(call)[0]);
  }
  if (!literal) return;
  if (cls && isEnumClass(cls)) return;
  const value = literalString(literal);
  if (value === undefined || !plausibleSecret(value, name, strength) || inExample(literal)) return;
  const left = node.childForFieldName('left')!;
  let envName = envNameOf(name);
  if (left.type === 'attribute') {
    const object = left.childForFieldName('object');
    const module = object?.type === 'identifier' ? ctx.py.imports.get(object.text) : undefined;
    if (module && !envName.startsWith(module.toUpperCase())) envName = `${module.split('.')[0]!.toUpperCase()}_${envName}`;
  }
  // `password` of class MailConfig → MAIL_PASSWORD
  if (cls && !isSettingsClass(cls) && GENERIC_KEYWORDS.has(envName)) {
    const owner = tokens(cls.childForFieldName('name')?.text ?? '').filter((t) => !['config', 'settings', 'options', 'client', 'service'].includes(t));
    if (owner.length > 0) envName = `${owner.join('_').toUpperCase()}_${envName}`;
  }
  reportNamed(ctx, literal, name, strength, () => {
    if (cls && isSettingsClass(cls)) {
      const required = requiredFieldFix(ctx, node, literal, envName);
      if (required) return [required];
    }
    return moveFixes(ctx, literal, envName, isBytes(literal));
  });
}

/** `create_engine(url, password="…")`, `boto3.client("s3", aws_secret_access_key="…")`, `SessionMiddleware(secret_key="…")`. */
function checkKeyword(node: SyntaxNode, ctx: RuleContext): void {
  if (!nameMaySecret(ctx, node.startIndex, '=')) return;
  const name = node.childForFieldName('name')?.text;
  if (!name || isTestPath(ctx.path)) return;
  if (name === 'auth') {
    // requests/httpx `auth=("user", "s3cret")`
    const tuple = unparen(node.childForFieldName('value') ?? node);
    const items = tuple.type === 'tuple' ? named(tuple) : [];
    if (items.length === 2 && literalString(items[0]!) !== undefined) reportPassword(ctx, items[1]!, 'PASSWORD');
    return;
  }
  const strength = secretName(name);
  if (!strength) return;
  const literal = literalOf(node.childForFieldName('value'));
  const call = node.parent?.parent;
  if (!literal || call?.type !== 'call') return;
  const value = literalString(literal);
  if (value === undefined || !plausibleSecret(value, name, strength) || inExample(literal)) return;
  const fn = ctx.py.callee(call) ?? '';
  if (/(^|\.)(Field|Column|mapped_column|Form|Query|Header|Body|Cookie|Path)$/.test(fn)) return; // declarations, not values
  reportNamed(ctx, literal, name, strength, () => moveFixes(ctx, literal, envNameForKeyword(ctx, call, name), isBytes(literal)));
}

/** `{"password": "hunter2"}` (connect_args, DATABASES, client configs). */
function checkPair(node: SyntaxNode, ctx: RuleContext): void {
  if (!nameMaySecret(ctx, node.startIndex, ':')) return;
  const key = node.childForFieldName('key');
  const name = key ? literalString(key) : undefined;
  if (!name || isTestPath(ctx.path)) return;
  if (name.toLowerCase() === 'authorization') return checkAuthorizationHeader(node, ctx);
  const strength = secretName(name);
  if (!strength) return;
  const literal = literalOf(node.childForFieldName('value'));
  const value = literal ? literalString(literal) : undefined;
  if (!literal || value === undefined || !plausibleSecret(value, name, strength) || inExample(literal)) return;
  reportNamed(ctx, literal, name, strength, () => moveFixes(ctx, literal, envNameForPair(ctx, node, name), isBytes(literal)));
}

/** `def connect(password: str = "hunter2")`: the default is what every caller that omits it uses. */
function checkParameter(node: SyntaxNode, ctx: RuleContext): void {
  if (!nameMaySecret(ctx, node.startIndex, '=') || isTestPath(ctx.path)) return;
  const name = node.childForFieldName('name')?.text;
  const strength = name ? secretName(name) : undefined;
  const literal = literalOf(node.childForFieldName('value'));
  const value = literal ? literalString(literal) : undefined;
  if (!name || !strength || !literal || value === undefined || !plausibleSecret(value, name, strength)) return;
  let envName = envNameOf(name);
  const fn = node.parent?.parent;
  if (GENERIC_KEYWORDS.has(envName) && fn?.type === 'function_definition' && /db|database|postgres|mysql|sql/i.test(fn.childForFieldName('name')?.text ?? '')) envName = `DB_${envName}`;
  reportNamed(ctx, literal, name, strength, () => moveFixes(ctx, literal, envName, isBytes(literal)));
}

/** `{"Authorization": "Bearer 8f7a…"}`: a credential written into a header. */
function checkAuthorizationHeader(pair: SyntaxNode, ctx: RuleContext): void {
  const literal = literalOf(pair.childForFieldName('value'));
  const value = literal ? literalString(literal) : undefined;
  const m = value ? /^(Bearer|Token|Basic|Bot|ApiKey)\s+(\S+)$/i.exec(value) : undefined;
  if (!literal || !m || !plausibleSecret(m[2]!, 'token', m[2]!.length >= 12 ? 'strong' : 'weak') || !claim(ctx, literal)) return;
  const scheme = m[1]!;
  const quote = literal.text.endsWith("'") ? "'" : '"';
  ctx.report({
    node: literal,
    message: `Hard-coded secret: this Authorization header carries a literal ${scheme} credential, committed with the code; read the token from settings or the environment.`,
    fixes: () => moveFixes(ctx, literal, 'API_TOKEN', false, (expr) => `${quote}${scheme} ${quote} + ${expr}`),
  });
}

/** `{"password": …}` as `connect_args` of create_engine → DB_PASSWORD; `GITHUB = {"token": …}` → GITHUB_TOKEN. */
function envNameForPair(ctx: RuleContext, pair: SyntaxNode, key: string): string {
  const upper = envNameOf(key);
  if (!GENERIC_KEYWORDS.has(upper)) return upper;
  const holder = pair.parent?.parent;
  if (holder?.type === 'keyword_argument' && holder.parent?.parent?.type === 'call') return envNameForKeyword(ctx, holder.parent.parent, key);
  if (holder?.type === 'assignment') {
    const name = targetName(holder.childForFieldName('left'));
    if (name && !envNameOf(name).endsWith(upper)) return `${envNameOf(name)}_${upper}`;
  }
  return upper;
}

/** The password argument of a basic-auth pair or a login call. */
function reportPassword(ctx: RuleContext, arg: SyntaxNode, envName: string): void {
  const literal = literalOf(arg);
  const value = literal ? literalString(literal) : undefined;
  if (!literal || value === undefined || !plausibleSecret(value, 'password', 'strong') || inExample(literal)) return;
  reportNamed(ctx, literal, 'password', 'strong', () => moveFixes(ctx, literal, envName, isBytes(literal)));
}

const ENV_LOOKUPS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault', 'decouple.config', 'environ.get', 'getenv']);
/** Calls whose key argument signs or encrypts: callee → positional index and keyword. */
const KEY_ARGS: Record<string, { position: number; keyword: string; env: string }> = {
  'jwt.encode': { position: 1, keyword: 'key', env: 'SECRET_KEY' },
  'jwt.decode': { position: 1, keyword: 'key', env: 'SECRET_KEY' },
  'jose.jwt.encode': { position: 1, keyword: 'key', env: 'SECRET_KEY' },
  'jose.jwt.decode': { position: 1, keyword: 'key', env: 'SECRET_KEY' },
  'jwt.JWT.encode': { position: 1, keyword: 'key', env: 'SECRET_KEY' },
  'itsdangerous.URLSafeTimedSerializer': { position: 0, keyword: 'secret_key', env: 'SECRET_KEY' },
  'itsdangerous.URLSafeSerializer': { position: 0, keyword: 'secret_key', env: 'SECRET_KEY' },
  'itsdangerous.TimestampSigner': { position: 0, keyword: 'secret_key', env: 'SECRET_KEY' },
  'itsdangerous.Signer': { position: 0, keyword: 'secret_key', env: 'SECRET_KEY' },
  'itsdangerous.Serializer': { position: 0, keyword: 'secret_key', env: 'SECRET_KEY' },
  'hmac.new': { position: 0, keyword: 'key', env: 'SIGNING_KEY' },
  'hmac.HMAC': { position: 0, keyword: 'key', env: 'SIGNING_KEY' },
  'cryptography.fernet.Fernet': { position: 0, keyword: 'key', env: 'FERNET_KEY' },
};

function checkCall(node: SyntaxNode, ctx: RuleContext): void {
  const fn = ctx.py.fnOf(node);
  if (!fn) return;
  const text = textOf(ctx, fn);
  if (!/getenv|environ|config|encode|decode|Serializer|Signer|hmac|HMAC|new|Fernet|Auth|login/.test(text)) return;
  const callee = ctx.py.callee(node);
  if (!callee) return;
  if (ENV_LOOKUPS.has(callee)) return checkEnvLookup(node, callee, ctx);
  if (isTestPath(ctx.path)) return;
  const args = positionalArgs(node);
  if (/(^|\.)(HTTPBasicAuth|HTTPDigestAuth|BasicAuth|DigestAuth)$/.test(callee) && args.length === 2 && literalString(args[0]!) !== undefined) {
    return reportPassword(ctx, args[1]!, 'PASSWORD');
  }
  if (ctx.py.methodName(node) === 'login' && args.length === 2 && literalString(args[0]!) !== undefined) {
    // smtplib.SMTP(...).login("me@example.com", "app-password"), ftplib, imaplib
    return reportPassword(ctx, args[1]!, /smtp|mail/i.test(text) ? 'SMTP_PASSWORD' : 'PASSWORD');
  }
  const key = KEY_ARGS[callee];
  if (!key || isTestPath(ctx.path)) return;
  const arg = keywordArg(node, key.keyword) ?? positionalArgs(node)[key.position];
  const literal = literalOf(arg);
  const value = literal ? literalString(literal) : undefined;
  if (!literal || !value || !claim(ctx, literal)) return;
  ctx.report({
    node: literal,
    message: `Hard-coded secret: the signing key of ${callee}() is a literal, so anyone with the code can forge tokens; read it from settings or the environment.`,
    fixes: () => moveFixes(ctx, literal, key.env, isBytes(literal)),
  });
}

/** `os.getenv("SECRET_KEY", "dev-secret")`: production silently runs with the fallback when the variable is missing. */
function checkEnvLookup(call: SyntaxNode, callee: string, ctx: RuleContext): void {
  const args = positionalArgs(call);
  const envName = args[0] ? literalString(args[0]) : undefined;
  if (!envName) return;
  const literal = literalOf(keywordArg(call, 'default') ?? args[1]);
  if (!literal) return;
  const value = literalString(literal) ?? contentOf(literal);
  const strength = secretName(envName);
  const test = isTestPath(ctx.path);
  const format = keyFormat(value, test);
  const url = !test ? urlPassword(value) : undefined;
  const named = !test && strength && plausibleSecret(value, envName, strength);
  if (!format && !url && !named) return;
  if (!claim(ctx, literal)) return;
  const setdefault = callee.endsWith('setdefault');
  ctx.report({
    node: literal,
    message: format
      ? `Hard-coded secret: the fallback of ${envName} is ${format.what}; it is committed with the code; remove it and set the variable in the environment.`
      : url
        ? `Hard-coded secret: the fallback of ${envName} is a connection URL with an inline password; remove the fallback and set the variable in the environment.`
        : `Hard-coded secret: ${envName} falls back to a literal, which production silently uses when the variable is missing; remove the fallback so start-up fails instead.`,
    fixes: () => {
      if (setdefault) {
        // os.environ.setdefault("X", "lit") as a statement: drop the statement's literal default by requiring the variable.
        return [fileFix(ctx, `Require ${envName} from the environment`, [replaceNode(call, `os.environ["${envName}"]`)], { imports: [{ module: 'os' }], preferred: true })];
      }
      return [dropFallbackFix(ctx, call, envName)];
    },
  });
}

/** `os.environ.get("API_TOKEN") or "…"`. */
function checkOr(node: SyntaxNode, ctx: RuleContext): void {
  if (!/environ|getenv/.test(textOf(ctx, node)) || node.childForFieldName('operator')?.text !== 'or' || isTestPath(ctx.path)) return;
  const left = unparen(node.childForFieldName('left') ?? node);
  const literal = literalOf(node.childForFieldName('right'));
  if (left.type !== 'call' || !literal) return;
  const callee = ctx.py.callee(left);
  if (!callee || !ENV_LOOKUPS.has(callee) || positionalArgs(left).length !== 1) return;
  const envName = literalString(positionalArgs(left)[0]!);
  const value = literalString(literal);
  const strength = envName ? secretName(envName) : undefined;
  if (!envName || !strength || value === undefined || !plausibleSecret(value, envName, strength) || !claim(ctx, literal)) return;
  ctx.report({
    node: literal,
    message: `Hard-coded secret: ${envName} falls back to a literal, which production silently uses when the variable is missing; remove the fallback so start-up fails instead.`,
    fixes: () => [dropFallbackFix(ctx, node, envName)],
  });
}

/** Only strings around `://` or a key hint can pass `checkString`'s first test. */
const STRING_HINT = new RegExp(`:\\/\\/|${KEY_HINT.source}`, 'g');
const STRING_TYPES = new Set(['string', 'concatenated_string']);

/** Any string: a well-known key format, or a URL with an inline password. */
function checkString(node: SyntaxNode, ctx: RuleContext): void {
  const text = textOf(ctx, node);
  if (!text.includes('://') && !KEY_HINT.test(text)) return;
  if (node.parent?.type === 'concatenated_string') return; // reported as a whole by its parent
  const literal = node;
  const value = node.type === 'concatenated_string' ? named(node).map(contentOf).join('') : contentOf(node);
  const format = keyFormat(value, isTestPath(ctx.path));
  const docstring = node.parent?.type === 'expression_statement';
  const url = !format && !docstring && !isTestPath(ctx.path) ? urlPassword(value) : undefined;
  if (!format && !url) return;
  if (inExample(literal) || !claim(ctx, literal)) return;
  const holder = holderName(literal);
  const envName = url ? envNameForUrl(url.scheme, holder) : holder && secretName(holder) ? envNameOf(holder) : format!.env;
  ctx.report({
    node: literal,
    message: url
      ? `Hard-coded secret: this ${url.scheme} URL carries its password inline and ships with the code; read the whole URL from settings or the environment.`
      : `Hard-coded secret: this is ${format!.what}, committed with the code; revoke it and read it from settings or the environment.`,
    fixes: () => {
      // A key pasted into a docstring has nothing to move to; revoking it is the fix.
      if (docstring) return [];
      const field = settingsFieldOf(literal);
      const required = field && requiredFieldFix(ctx, field, literal, envName);
      return required ? [required] : moveFixes(ctx, literal, envName, isBytes(literal));
    },
  });
}

// Strings are found from the source text (see candidates.ts), not by subscribing to every string.
const walk = interleave((ctx) => nodesAround(ctx, STRING_HINT, STRING_TYPES), checkString, {
  assignment: checkAssignment,
  keyword_argument: checkKeyword,
  pair: checkPair,
  call: checkCall,
  boolean_operator: checkOr,
  default_parameter: checkParameter,
  typed_default_parameter: checkParameter,
});

export const rule: Rule = {
  id: 'hardcoded-secret',
  title: 'Secret written in the source',
  defaultSeverity: 'error',
  visit: walk.visit,
  finish: walk.finish,
};
