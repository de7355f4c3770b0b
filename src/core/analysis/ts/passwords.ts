// User passwords in TypeScript/JavaScript: is an expression a password as
// typed (`req.body.password`, `dto.password`, a `password` parameter) or a
// stored one (`user.password`, `rows[0].password`), and how a quick fix
// hashes or checks one with the hasher the file already uses (bcrypt,
// bcryptjs, argon2, an imported `hashPassword`/`verifyPassword`), else with
// `node:crypto` scrypt helpers added to the file (no new dependency).
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { isPasswordName } from '../python/passwords';
import type { TsRuleContext } from '../types';
import type { TsFixImport } from './fixes';
import { semicolonOf } from './logging';
import { callArgs, enclosingFunction, isFunction, literalString, unwrap } from './tsfile';

export { isPasswordName };

/** The name an expression reads: `password`, `req.body.password` -> `password`, `body['pwd']` -> `pwd`. */
export function readName(node: SyntaxNode): string | undefined {
  const n = unwrap(node);
  if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') return n.text;
  if (n.type === 'member_expression') return n.childForFieldName('property')?.text;
  if (n.type === 'subscript_expression') {
    const index = n.childForFieldName('index');
    return index ? literalString(index) : undefined;
  }
  return undefined;
}

/** The identifier at the root of a member chain (`req` in `req.body.password`, `rows` in `rows[0].password`). */
export function rootName(node: SyntaxNode): string | undefined {
  let n = unwrap(node);
  while (n.type === 'member_expression' || n.type === 'subscript_expression') n = unwrap(n.childForFieldName('object') ?? n);
  if (n.type === 'this') return 'this';
  return n.type === 'identifier' ? n.text : undefined;
}

const INPUT_ROOTS = /^(req|request|body|dto|input|data|form|payload|args|params|credentials|creds|values|fields|ctx|command|cmd|event|signup|signUp|register|registration|login|createUserDto|registerDto|loginDto|createDto|userInput|userData|newUser|newUserData|attrs)$/;
const RECORD_ROOTS = /(user|account|member|admin|row|rows|record|existing|stored|saved|found|customer|profile|result|doc|entity|owner|principal|dbUser|model)s?$/i;

/** `user.password`, `rows[0].password`, `existing.password`: a password read from storage. */
export function isStoredPassword(node: SyntaxNode): boolean {
  const n = unwrap(node);
  if (n.type !== 'member_expression' && n.type !== 'subscript_expression') return false;
  const name = readName(n);
  if (!name || !/pass|pwd/i.test(name)) return false;
  const root = rootName(n);
  if (!root || INPUT_ROOTS.test(root) || /dto|input|body|request|form/i.test(root)) return false;
  return RECORD_ROOTS.test(root) || root === 'this';
}

const KDF_CALL = /(^|\.)(hash|hashSync|genSalt|compare|compareSync|verify|hashPassword|hashPasswordSync|encryptPassword|generateHash|hashpw|scrypt|scryptSync|pbkdf2|pbkdf2Sync|argon2\w*|bcrypt\w*|makePassword|createPasswordHash|digest)$/;

/**
 * The password as typed that an expression carries (the node a fix should
 * hash), or undefined: `req.body.password`, `body.password`, `dto.password`,
 * a `password` parameter or a name bound to one. Values bound from a KDF
 * call, stored records and constants are not raw.
 */
export function rawPassword(ctx: TsRuleContext, expr: SyntaxNode, depth = 0): SyntaxNode | undefined {
  const n = unwrap(expr);
  if (depth > 4) return undefined;
  const name = readName(n);
  if (n.type === 'await_expression') return undefined;
  if (!name || !isPasswordName(name)) return undefined;
  if (n.type === 'member_expression' || n.type === 'subscript_expression') {
    if (isStoredPassword(n)) return undefined;
    const root = rootName(n);
    if (root === 'this' || root === 'process' || /config|settings|env|options|opts/i.test(root ?? '')) return undefined;
    return n;
  }
  // An identifier: a parameter (raw), or a binding we can follow.
  const id = n.type === 'shorthand_property_identifier' ? n : n;
  const value = ctx.ts.singleBinding(id);
  if (!value) {
    // A parameter, a destructured body (`const { password } = req.body`) bound more than once, or unknown: raw by name.
    const bindings = bindingsAnywhere(ctx, id);
    if (bindings.some((b) => isKdfValue(ctx, b))) return undefined;
    return n;
  }
  if (isKdfValue(ctx, value)) return undefined;
  const v = unwrap(value);
  // `const { password } = req.body`
  if (v.type === 'member_expression' || v.type === 'identifier') {
    if (readName(v) && isPasswordName(readName(v)!)) return rawPassword(ctx, v, depth + 1) ? n : undefined;
    const root = rootName(v);
    return root && (INPUT_ROOTS.test(root) || /body|dto|input/i.test(root)) ? n : undefined;
  }
  if (literalString(v) !== undefined) return undefined; // a constant: hardcoded-secret's business
  return undefined;
}

function bindingsAnywhere(ctx: TsRuleContext, id: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let fn = enclosingFunction(id); fn; fn = enclosingFunction(fn)) out.push(...ctx.ts.bindings(fn, id.text));
  out.push(...ctx.ts.bindings(ctx.tree.rootNode, id.text));
  return out;
}

function isKdfValue(ctx: TsRuleContext, value: SyntaxNode): boolean {
  let v = unwrap(value);
  if (v.type === 'await_expression') v = unwrap(v.namedChildren.find((c) => !!c) ?? v);
  if (v.type !== 'call_expression') return false;
  const callee = ctx.ts.callee(v) ?? v.childForFieldName('function')?.text ?? '';
  return KDF_CALL.test(callee) || /bcrypt|argon|scrypt|hash/i.test(callee);
}

// ---------------------------------------------------------------- fixes

export interface Hasher {
  /** Expression hashing `p`. */
  hash(p: string): string;
  /** Expression checking `p` against the stored hash `s` (a boolean). */
  verify(p: string, s: string): string;
  readonly imports: TsFixImport[];
  /** Extra edits (helper functions appended to the file). */
  readonly edits: TextEdit[];
  readonly label: string;
}

/** Is the node inside an `async` function (so a fix may `await`)? */
export function inAsync(node: SyntaxNode): boolean {
  const fn = enclosingFunction(node);
  return !!fn && /^async\b/.test(fn.text);
}

/** The function a fix may turn `async`: an inline callback (route handler, `.then`), never a named function others call. */
export function asyncableCallback(node: SyntaxNode): SyntaxNode | undefined {
  const fn = enclosingFunction(node);
  if (!fn || /^async\b/.test(fn.text) || !isFunction(fn)) return undefined;
  if (fn.type !== 'arrow_function' && fn.type !== 'function_expression' && fn.type !== 'function') return undefined;
  if (fn.parent?.type === 'arguments') {
    // Not array callbacks: an async `map`/`filter` callback changes what they return.
    const call = fn.parent.parent;
    const callee = call?.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    return method && /^(map|forEach|filter|reduce|reduceRight|some|every|find|findIndex|sort|flatMap)$/.test(method) ? undefined : fn;
  }
  // A route handler assigned to `exports.register` / `const login = (req, res) => …`: Express ignores its return value.
  const params = fn.childForFieldName('parameters')?.text ?? fn.childForFieldName('parameter')?.text ?? '';
  return /^\(?\s*(req|request)\b[^,]*,\s*(res|reply|response)\b/.test(params) ? fn : undefined;
}

/** The hasher the file uses, or the node:crypto scrypt helpers. `sync` asks for expressions usable without `await`. */
export function hasherFor(ctx: TsRuleContext, sync: boolean): Hasher | undefined {
  const imports = ctx.ts.imports;
  const local = (suffix: string): string | undefined => [...imports].find(([, q]) => q === suffix || q.endsWith(`.${suffix}`))?.[0];
  const bcryptName = [...imports].find(([, q]) => q === 'bcrypt' || q === 'bcryptjs')?.[0];
  if (bcryptName) {
    return sync
      ? { hash: (p) => `${bcryptName}.hashSync(${p}, 12)`, verify: (p, s) => `${bcryptName}.compareSync(${p}, ${s})`, imports: [], edits: [], label: 'bcrypt' }
      : { hash: (p) => `await ${bcryptName}.hash(${p}, 12)`, verify: (p, s) => `await ${bcryptName}.compare(${p}, ${s})`, imports: [], edits: [], label: 'bcrypt' };
  }
  const argon = [...imports].find(([, q]) => q === 'argon2')?.[0];
  if (argon && !sync) return { hash: (p) => `await ${argon}.hash(${p})`, verify: (p, s) => `await ${argon}.verify(${s}, ${p})`, imports: [], edits: [], label: 'argon2' };
  const hashFn = local('hashPassword');
  const verifyFn = local('verifyPassword') ?? local('comparePassword');
  if (hashFn && verifyFn && !sync) return { hash: (p) => `await ${hashFn}(${p})`, verify: (p, s) => `await ${verifyFn}(${p}, ${s})`, imports: [], edits: [], label: `${hashFn}()` };
  if (sync) return undefined;
  return scryptHelpers(ctx);
}

/** `hashPassword`/`verifyPassword` over node:crypto scrypt, appended to the file once. */
function scryptHelpers(ctx: TsRuleContext): Hasher {
  const declared = /\bfunction\s+hashPassword\s*\(/.test(ctx.source) && /\bfunction\s+verifyPassword\s*\(/.test(ctx.source);
  const ts = /\.(ts|tsx|mts|cts)$/.test(ctx.path);
  const semi = semicolonOf(ctx.source);
  const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
  const t = (s: string): string => (ts ? s : '');
  const lines = [
    '',
    `function scryptKey(password${t(': string')}, salt${t(': Buffer')}, length${t(': number')})${t(': Promise<Buffer>')} {`,
    `  return new Promise((resolve, reject) => scrypt(password, salt, length, (err, key) => (err ? reject(err) : resolve(key))))${semi}`,
    '}',
    '',
    '/** A salted scrypt hash of a password: `scrypt$<salt>$<key>` (base64url). */',
    `async function hashPassword(password${t(': string')})${t(': Promise<string>')} {`,
    `  const salt = randomBytes(16)${semi}`,
    `  const key = await scryptKey(password, salt, 64)${semi}`,
    `  return \`scrypt$\${salt.toString('base64url')}$\${key.toString('base64url')}\`${semi}`,
    '}',
    '',
    '/** Whether a password matches a hash made by hashPassword (constant-time). */',
    `async function verifyPassword(password${t(': string')}, hash${t(': string')})${t(': Promise<boolean>')} {`,
    `  const [scheme, salt, key] = hash.split('$')${semi}`,
    `  if (scheme !== 'scrypt' || !salt || !key) return false${semi}`,
    `  const expected = Buffer.from(key, 'base64url')${semi}`,
    `  const actual = await scryptKey(password, Buffer.from(salt, 'base64url'), expected.length)${semi}`,
    `  return timingSafeEqual(actual, expected)${semi}`,
    '}',
  ];
  const end = ctx.source.length;
  const lead = ctx.source.endsWith('\n') ? '' : eol;
  return {
    hash: (p) => `await hashPassword(${p})`,
    verify: (p, s) => `await verifyPassword(${p}, ${s})`,
    imports: declared ? [] : cryptoImports(ctx, ['randomBytes', 'scrypt', 'timingSafeEqual']),
    edits: declared ? [] : [{ start: end, end, text: lead + lines.join(eol) + eol }],
    label: 'scrypt (node:crypto)',
  };
}

/** One import of the node:crypto names the file does not bind yet. */
function cryptoImports(ctx: TsRuleContext, names: string[]): TsFixImport[] {
  const missing = names.filter((n) => ctx.ts.imports.get(n) !== `crypto.${n}`);
  return missing.length > 0 ? [{ module: 'node:crypto', name: missing.join(', ') }] : [];
}

/** Calls passing `node` through unchanged for hashing purposes. */
export function callArgIndex(call: SyntaxNode, node: SyntaxNode): number {
  return callArgs(call).findIndex((a) => a.id === node.id);
}
