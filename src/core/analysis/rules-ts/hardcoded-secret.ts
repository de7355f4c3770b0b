// hardcoded-secret (TypeScript/JavaScript): a password, API key, token or
// signing key written in the source. The same evidence as for Python:
//   - a well-known key format in any string (AWS, GitHub, Slack, Stripe live, PEM private key, JWT);
//   - a connection URL with an inline password (`postgres://app:s3cret@db/app`);
//   - a non-empty literal bound to a secret-looking name: a variable, property,
//     class field, object key, parameter default, zod `.default(...)` of a
//     config schema, the fallback of an environment lookup
//     (`process.env.JWT_SECRET || 'dev-secret'`, `?? 'changeme'`), or the key
//     argument of `jwt.sign`/`jwt.verify`, `cookieParser(...)`,
//     `crypto.createHmac(...)`, `createCipheriv(...)`.
// A placeholder such as 'changeme' is flagged too: it is the value production
// silently runs with when the variable is missing. Empty strings, environment
// lookups without a fallback, labels and messages, header names, enum members,
// zod validators and test files (except real key formats) are not.
import type { SyntaxNode } from '../../parse/python';
import type { FileChange, TextEdit } from '../../plan/editPlan';
import { envExampleEntry, replaceNode } from '../fixes';
import { envNameOf, GENERIC_KEYWORDS, keyFormat, plausibleSecret, secretName, tokens, urlPassword } from '../rules/hardcoded-secret';
import { envFallback, isTsTestPath } from '../ts/config';
import { tsFileFix } from '../ts/fixes';
import { quoteOf } from '../ts/logging';
import { requiredEnvRead } from '../ts/secrets';
import { callArgs, claimer, literalString, named, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

type Strength = 'strong' | 'weak';

/** Names that hold a secret in JavaScript libraries but that the token rules do not see (`secretOrKey` ends in `key`). */
const EXTRA_SECRET_NAMES = new Set(['secretorkey', 'secretorprivatekey', 'privatekey', 'clientsecret', 'secret']);

function strengthOf(name: string): Strength | undefined {
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (EXTRA_SECRET_NAMES.has(squashed)) return 'strong';
  return secretName(name);
}

/** The literal a secret is written in: a string, or a template without substitutions. */
function literalOf(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return literalString(n) !== undefined ? n : undefined;
}

/** A string or template's text with substitutions replaced by \0. */
function contentOf(node: SyntaxNode): string {
  let out = '';
  for (const c of named(node)) {
    if (c.type === 'template_substitution') out += '\0';
    else if (c.type === 'string_fragment' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

const claimNode = claimer();
const claim = (ctx: TsRuleContext, node: SyntaxNode): boolean => claimNode(ctx, node);

/** Values that document an API (OpenAPI/Swagger examples, `@ApiProperty({ example })`) are not configuration. */
function inExample(node: SyntaxNode): boolean {
  let n: SyntaxNode | null = node.parent;
  for (let i = 0; n && i < 8; i++, n = n.parent) {
    if (n.type === 'pair' && /^['"]?examples?['"]?$/.test(n.childForFieldName('key')?.text ?? '')) return true;
    if (n.type === 'call_expression' && /(ApiProperty|ApiPropertyOptional|ApiBody|ApiResponse)$/.test(n.childForFieldName('function')?.text ?? '')) return true;
    if (n.type === 'statement_block' || n.type === 'program') return false;
  }
  return false;
}

// ---------------------------------------------------------------- fixes

/** Replace the literal (or the whole expression) by a required read of NAME from the environment. */
function moveFixes(ctx: TsRuleContext, target: SyntaxNode, envName: string, wrap: (expr: string) => string = (e) => e): Fix[] {
  const env = envExampleEntry(ctx, envName);
  const extra: FileChange[] = env ? [env] : [];
  const required = requiredEnvRead(ctx, envName);
  return [
    tsFileFix(ctx, `Read ${envName} from the environment (required at start-up)`, [replaceNode(target, wrap(required.expr)), ...required.edits], { preferred: true, extra }),
    tsFileFix(ctx, `Read ${envName} from process.env`, [replaceNode(target, wrap(`process.env.${envName}`))], { extra }),
  ];
}

// ---------------------------------------------------------------- detection

function report(ctx: TsRuleContext, literal: SyntaxNode, message: string, fixes: () => Fix[]): void {
  if (!claim(ctx, literal)) return;
  ctx.report({ node: literal, message, fixes });
}

const namedMessage = (strength: Strength, name: string): string =>
  `Hard-coded secret: ${strength === 'weak' ? `a random-looking value for ${name}` : `a literal value for ${name}`} is committed with the code and cannot be rotated without a release; read it from the environment.`;

/** A literal bound to a secret-looking name. */
function checkNamed(ctx: TsRuleContext, name: string, value: SyntaxNode | null | undefined, envName: () => string): void {
  const strength = strengthOf(name);
  if (!strength || !value) return;
  const v = unwrap(value);
  // zod config schemas: `JWT_SECRET: z.string().min(32).default('dev-secret')`.
  if (v.type === 'call_expression') return checkSchemaDefault(ctx, name, v, strength);
  const env = envFallback(v);
  if (env) return checkFallback(ctx, env);
  const literal = literalOf(v);
  const text = literal ? literalString(literal) : undefined;
  if (!literal || text === undefined || !plausibleSecret(text, name, strength) || inExample(literal)) return;
  report(ctx, literal, namedMessage(strength, name), () => moveFixes(ctx, literal, envName()));
}

/** `.default('literal')` in a zod chain bound to a secret name: the schema supplies the secret when the variable is missing. */
function checkSchemaDefault(ctx: TsRuleContext, name: string, call: SyntaxNode, strength: Strength): void {
  for (let c: SyntaxNode | undefined = call; c?.type === 'call_expression'; c = ctx.ts.receiver(c)) {
    if (ctx.ts.methodName(c) !== 'default') continue;
    const literal = literalOf(callArgs(c)[0]);
    const text = literal ? literalString(literal) : undefined;
    if (!literal || text === undefined || !plausibleSecret(text, name, strength)) return;
    const fn = unwrap(c.childForFieldName('function')!);
    const dot = fn.childForFieldName('object')!.endIndex;
    if (!claim(ctx, literal)) return;
    const envName = envNameOf(name);
    ctx.report({
      node: literal,
      message: `Hard-coded secret: ${name} defaults to a literal, which production silently uses when the variable is missing; remove the default so start-up fails instead.`,
      fixes: () => {
        const env = envExampleEntry(ctx, envName);
        return [tsFileFix(ctx, `Make ${envName} required (no default in code)`, [{ start: dot, end: c!.endIndex, text: '' }], { preferred: true, extra: env ? [env] : [] })];
      },
    });
    return;
  }
}

/** `process.env.JWT_SECRET || 'dev-secret'`: production silently runs with the fallback when the variable is missing. */
function checkFallback(ctx: TsRuleContext, env: { lookup: SyntaxNode; name: string; fallback: SyntaxNode }, keyArg = false): void {
  const literal = literalOf(env.fallback) ?? (unwrap(env.fallback).type === 'template_string' ? unwrap(env.fallback) : undefined);
  if (!literal) return;
  const value = literalString(literal) ?? contentOf(literal);
  const test = isTsTestPath(ctx.path);
  const format = keyFormat(value, test);
  const url = !test ? urlPassword(value) : undefined;
  const strength = strengthOf(env.name);
  const named = !test && ((strength && plausibleSecret(value, env.name, strength)) || (keyArg && value.length > 0));
  if (!format && !url && !named) return;
  const whole = env.fallback.parent!;
  report(
    ctx,
    literal,
    format
      ? `Hard-coded secret: the fallback of ${env.name} is ${format.what}; it is committed with the code; remove it and set the variable in the environment.`
      : url
        ? `Hard-coded secret: the fallback of ${env.name} is a connection URL with an inline password; remove the fallback and set the variable in the environment.`
        : `Hard-coded secret: ${env.name} falls back to a literal, which production silently uses when the variable is missing; remove the fallback so start-up fails instead.`,
    () => {
      const extra = envExampleEntry(ctx, env.name);
      const required = requiredEnvRead(ctx, env.name);
      return [
        tsFileFix(ctx, `Require ${env.name} from the environment (drop the fallback)`, [replaceNode(whole, required.expr), ...required.edits], { preferred: true, extra: extra ? [extra] : [] }),
        tsFileFix(ctx, `Drop the fallback of ${env.name}`, [replaceNode(whole, env.lookup.text)], { extra: extra ? [extra] : [] }),
      ];
    },
  );
}

/** Env name for an object key: `password` of `new Pool({...})` -> DB_PASSWORD, of `const smtp = {...}` -> SMTP_PASSWORD. */
function envNameForPair(ctx: TsRuleContext, pair: SyntaxNode, key: string): string {
  const upper = envNameOf(key);
  if (/^SECRET_OR(_PRIVATE)?_KEY$/.test(upper)) return 'JWT_SECRET';
  if (!GENERIC_KEYWORDS.has(upper) && upper !== 'SECRET') return upper;
  let object = pair.parent;
  // `{ auth: { user, pass } }` of nodemailer: look past the inner object.
  if (object?.parent?.type === 'pair') object = object.parent.parent;
  const holder = object?.parent;
  if (holder?.type === 'arguments') {
    const call = holder.parent!;
    const full = ctx.ts.callee(call) ?? '';
    const root = full.split('.')[0] ?? '';
    if (/^(pg|mysql|mysql2|mssql|tedious|oracledb|knex|sequelize|typeorm|mongoose|mongodb|postgres|@prisma|@nestjs\/typeorm|@nestjs\/sequelize|@mikro-orm)/.test(root) || /TypeOrmModule|SequelizeModule|MikroOrmModule|DataSource|createPool|createConnection/.test(full)) return `DB_${upper}`;
    if (/^(redis|ioredis)/.test(root)) return `REDIS_${upper}`;
    if (/^nodemailer/.test(root)) return `SMTP_${upper}`;
    if (/^(express-session|session)/.test(root) || ctx.ts.methodName(call) === 'session') return 'SESSION_SECRET';
    if (/^(@nestjs\/jwt|passport-jwt|express-jwt|jsonwebtoken)/.test(root) || /Jwt/.test(ctx.ts.callee(call) ?? '')) return 'JWT_SECRET';
    if (/^[a-z][a-z0-9-]+$/.test(root) && !['app', 'src', 'this'].includes(root)) return `${root.replace(/-/g, '_').toUpperCase()}_${upper}`;
  }
  if (holder?.type === 'variable_declarator') {
    const name = holder.childForFieldName('name')?.text;
    if (name && /^\w+$/.test(name)) {
      const prefix = tokens(name).filter((t) => !['config', 'options', 'settings', 'opts', 'credentials', 'creds'].includes(t)).join('_').toUpperCase();
      if (prefix && !prefix.endsWith(upper)) return `${prefix}_${upper}`;
    }
  }
  if (key === 'secret') return 'SESSION_SECRET';
  return upper;
}

function keyName(key: SyntaxNode | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'property_identifier' || key.type === 'private_property_identifier') return key.text.replace(/^#/, '');
  return literalString(key);
}

/** `{ password: 'hunter2' }`, `{ Authorization: 'Bearer 8f7a…' }`, `{ JWT_SECRET: z.string().default('dev') }`. */
function checkPair(pair: SyntaxNode, ctx: TsRuleContext): void {
  if (isTsTestPath(ctx.path)) return;
  const name = keyName(pair.childForFieldName('key'));
  if (!name) return;
  if (name.toLowerCase() === 'authorization') return checkAuthorizationHeader(pair, ctx);
  if (KEY_OPTIONS.has(name) && keyOptionsCall(pair, ctx)) return checkKeyOption(pair, name, ctx);
  checkNamed(ctx, name, pair.childForFieldName('value'), () => envNameForPair(ctx, pair, name));
}

/** Options whose value signs sessions or tokens: any non-empty literal is the key. */
const KEY_OPTIONS = new Set(['secret', 'secretOrKey', 'secretOrPrivateKey', 'privateKey', 'keys']);
const KEY_OPTION_MODULES = /^(express-session|cookie-session|koa-session|@nestjs\/jwt|express-jwt|passport-jwt|@fastify\/jwt|@fastify\/cookie|@fastify\/session|@fastify\/secure-session|fastify-jwt|jwt-simple|iron-session)(\.|$)/;

/** The options object of `session({...})`, `JwtModule.register({...})`, `new JwtStrategy({...})`, `expressjwt({...})`, `register(fastifyJwt, {...})`. */
function keyOptionsCall(pair: SyntaxNode, ctx: TsRuleContext): SyntaxNode | undefined {
  const args = pair.parent?.parent;
  const call = args?.type === 'arguments' ? args.parent : undefined;
  if (!call) return undefined;
  const callee = ctx.ts.callee(call) ?? '';
  if (KEY_OPTION_MODULES.test(callee)) return call;
  if (ctx.ts.methodName(call) === 'register') {
    const first = callArgs(call)[0];
    const plugin = first ? ctx.ts.qualify(first) ?? '' : '';
    if (KEY_OPTION_MODULES.test(plugin)) return call;
  }
  // `super({ secretOrKey })` in a passport strategy, `new Strategy({...})` of passport-jwt.
  if (/Strategy$/.test(callee) || (call.childForFieldName('function')?.type === 'super' && /passport/.test(ctx.source))) return call;
  return undefined;
}

function checkKeyOption(pair: SyntaxNode, name: string, ctx: TsRuleContext): void {
  const value = pair.childForFieldName('value');
  if (!value) return;
  const env = envFallback(value);
  if (env) return checkFallback(ctx, env, true);
  const v = unwrap(value);
  const literals = v.type === 'array' ? named(v).map((x) => literalOf(x)).filter((x): x is SyntaxNode => !!x) : [literalOf(v)].filter((x): x is SyntaxNode => !!x);
  const envName = envNameForPair(ctx, pair, name === 'keys' ? 'secret' : name);
  for (const literal of literals) {
    if (!literalString(literal)) continue;
    report(ctx, literal, `Hard-coded secret: the ${name} that signs sessions or tokens is a literal, so anyone with the code can forge them; read it from the environment.`, () => moveFixes(ctx, literal, envName));
  }
}

function checkAuthorizationHeader(pair: SyntaxNode, ctx: TsRuleContext): void {
  const literal = literalOf(pair.childForFieldName('value'));
  const value = literal ? literalString(literal) : undefined;
  const m = value ? /^(Bearer|Token|Basic|Bot|ApiKey)\s+(\S+)$/i.exec(value) : undefined;
  if (!literal || !m || !plausibleSecret(m[2]!, 'token', m[2]!.length >= 12 ? 'strong' : 'weak')) return;
  const scheme = m[1]!;
  const q = quoteOf(ctx.source);
  report(ctx, literal, `Hard-coded secret: this Authorization header carries a literal ${scheme} credential, committed with the code; read the token from the environment.`, () =>
    moveFixes(ctx, literal, 'API_TOKEN', (expr) => `${q}${scheme} ${q} + ${expr}`),
  );
}

/** `const JWT_SECRET = 'x'`, `let apiKey = process.env.API_KEY || 'x'`. */
function checkDeclarator(node: SyntaxNode, ctx: TsRuleContext): void {
  const target = node.childForFieldName('name');
  if (target?.type !== 'identifier') return;
  const value = node.childForFieldName('value');
  if (!value) return;
  const env = envFallback(value);
  if (env) return checkFallback(ctx, env);
  if (isTsTestPath(ctx.path)) return;
  checkNamed(ctx, target.text, value, () => envNameOf(target.text));
}

/** `config.jwtSecret = 'x'`, `app.locals.apiKey = 'x'`, `process.env.JWT_SECRET = 'x'`, `secret = process.env.X || 'y'`. */
function checkAssignment(node: SyntaxNode, ctx: TsRuleContext): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return;
  const env = envFallback(right);
  if (env) return checkFallback(ctx, env);
  if (isTsTestPath(ctx.path)) return;
  const name = left.type === 'identifier' ? left.text : left.type === 'member_expression' ? left.childForFieldName('property')?.text : left.type === 'subscript_expression' ? literalString(left.childForFieldName('index') ?? left) : undefined;
  if (!name) return;
  checkNamed(ctx, name, right, () => envNameOf(name));
}

/** `private readonly apiKey = 'x'` in a class. */
function checkField(node: SyntaxNode, ctx: TsRuleContext): void {
  if (isTsTestPath(ctx.path)) return;
  const name = keyName(node.childForFieldName('name') ?? node.childForFieldName('property'));
  if (!name) return;
  const value = node.childForFieldName('value');
  if (value && envFallback(value)) return checkFallback(ctx, envFallback(value)!);
  checkNamed(ctx, name, value, () => envNameOf(name));
}

/** `function connect(password = 'hunter2')`: every caller that omits it uses the default. */
function checkParameter(node: SyntaxNode, ctx: TsRuleContext): void {
  if (isTsTestPath(ctx.path)) return;
  const pattern = node.type === 'object_assignment_pattern' ? node.childForFieldName('left') : node.type === 'assignment_pattern' ? node.childForFieldName('left') : node.childForFieldName('pattern');
  const value = node.type === 'object_assignment_pattern' || node.type === 'assignment_pattern' ? node.childForFieldName('right') : node.childForFieldName('value');
  if (!pattern || !value || !/^(identifier|shorthand_property_identifier_pattern)$/.test(pattern.type)) return;
  const env = envFallback(value);
  if (env) return checkFallback(ctx, env);
  checkNamed(ctx, pattern.text, value, () => envNameOf(pattern.text));
}

/** Calls whose argument signs, verifies or encrypts: callee -> argument index and env name. */
const KEY_ARGS: Record<string, { index: number; env: string }> = {
  'jsonwebtoken.sign': { index: 1, env: 'JWT_SECRET' },
  'jsonwebtoken.verify': { index: 1, env: 'JWT_SECRET' },
  'jwt.sign': { index: 1, env: 'JWT_SECRET' },
  'jwt.verify': { index: 1, env: 'JWT_SECRET' },
  'cookie-parser': { index: 0, env: 'COOKIE_SECRET' },
  cookieParser: { index: 0, env: 'COOKIE_SECRET' },
  'crypto.createHmac': { index: 1, env: 'SIGNING_KEY' },
  'crypto.createCipheriv': { index: 1, env: 'ENCRYPTION_KEY' },
  'crypto.createDecipheriv': { index: 1, env: 'ENCRYPTION_KEY' },
  'cookie-signature.sign': { index: 1, env: 'COOKIE_SECRET' },
  'cookie-signature.unsign': { index: 1, env: 'COOKIE_SECRET' },
};

function checkCall(call: SyntaxNode, ctx: TsRuleContext): void {
  const fnText = call.childForFieldName('function')?.text ?? '';
  if (!/sign|verify|ookie|Hmac|ipher|Parser/.test(fnText)) return;
  const callee = ctx.ts.callee(call);
  if (!callee) return;
  const key = KEY_ARGS[callee] ?? (ctx.ts.imports.has(fnText.split('.')[0] ?? '') ? undefined : KEY_ARGS[fnText]);
  if (!key || isTsTestPath(ctx.path)) return;
  const arg = callArgs(call)[key.index];
  if (!arg) return;
  const env = envFallback(arg);
  if (env) return checkFallback(ctx, env, true);
  let literal = literalOf(arg);
  // A name bound once in this file: `jwt.sign(payload, KEY)` with `const KEY = '…'`.
  if (!literal && unwrap(arg).type === 'identifier') {
    const bound = ctx.ts.singleBinding(unwrap(arg));
    literal = bound ? literalOf(bound) : undefined;
    if (bound && !literal && envFallback(bound)) return checkFallback(ctx, envFallback(bound)!, true);
  }
  const value = literal ? literalString(literal) : undefined;
  if (!literal || !value) return;
  const what = callee.replace(/^jsonwebtoken\./, 'jwt.');
  report(ctx, literal, `Hard-coded secret: the key of ${what}() is a literal, so anyone with the code can forge or read what it protects; read it from the environment.`, () => moveFixes(ctx, literal!, key.env));
}

/** Only strings around `://` or a key hint can hold a key format or a URL password. */
const STRING_HINT = /:\/\/|eyJ|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|_live_|AIza|sk-proj-|sk-ant-|hooks\.slack\.com|PRIVATE KEY/;

function checkString(node: SyntaxNode, ctx: TsRuleContext): void {
  const text = node.text;
  if (!STRING_HINT.test(text)) return;
  const test = isTsTestPath(ctx.path);
  const value = contentOf(node);
  const format = keyFormat(value, test);
  const url = !format && !test ? urlPassword(value) : undefined;
  if (!format && !url) return;
  if (inExample(node)) return;
  const holder = holderName(node);
  const envName = url ? envNameForUrl(url.scheme, holder) : holder && strengthOf(holder) ? envNameOf(holder) : format!.env;
  // The fallback of an env lookup is reported by the fallback check, with its own fix.
  if (node.parent && envFallback(node.parent) && envFallback(node.parent)!.fallback.id === node.id) return checkFallback(ctx, envFallback(node.parent)!);
  report(
    ctx,
    node,
    url
      ? `Hard-coded secret: this ${url.scheme} URL carries its password inline and ships with the code; read the whole URL from the environment.`
      : `Hard-coded secret: this is ${format!.what}, committed with the code; revoke it and read it from the environment.`,
    () => (node.parent?.type === 'expression_statement' ? [] : moveFixes(ctx, node, envName)),
  );
}

function holderName(literal: SyntaxNode): string | undefined {
  const parent = literal.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent.type === 'pair') return keyName(parent.childForFieldName('key'));
  if (parent.type === 'assignment_expression') {
    const left = parent.childForFieldName('left');
    return left?.type === 'member_expression' ? left.childForFieldName('property')?.text : left?.text;
  }
  return undefined;
}

function envNameForUrl(scheme: string, holder: string | undefined): string {
  if (holder && /(url|uri|dsn|connection[_-]?string)$/i.test(holder)) return envNameOf(holder);
  if (scheme.startsWith('redis')) return 'REDIS_URL';
  if (scheme.startsWith('amqp')) return 'BROKER_URL';
  if (scheme.startsWith('mongodb')) return 'MONGODB_URL';
  return 'DATABASE_URL';
}

/** Enum members name things (`TokenKind.Refresh = 'refresh_token'`); they are never configuration. */
const inEnum = (node: SyntaxNode): boolean => node.parent?.type === 'enum_body' || node.parent?.parent?.type === 'enum_body';

export const rule: TsRule = {
  id: 'hardcoded-secret',
  title: 'Secret written in the source',
  defaultSeverity: 'error',
  applies: (source) => /pass|pwd|secret|token|key|cred|auth|dsn|:\/\/|eyJ|AKIA|ASIA|gh[pousr]_|xox|_live_|AIza|sk-|PRIVATE KEY/i.test(source),
  visit: {
    pair: (node, ctx) => !inEnum(node) && checkPair(node, ctx),
    variable_declarator: checkDeclarator,
    assignment_expression: checkAssignment,
    public_field_definition: checkField,
    field_definition: checkField,
    required_parameter: checkParameter,
    optional_parameter: checkParameter,
    assignment_pattern: checkParameter,
    object_assignment_pattern: checkParameter,
    call_expression: checkCall,
    string: checkString,
    template_string: checkString,
  },
};
