// plaintext-password: a user's password written to storage as it was typed
// (a model field, an INSERT/UPDATE parameter, a document), compared with a
// stored password by `==`, or hashed with a fast general-purpose hash
// (md5, sha1, sha256…) instead of a password KDF. A database leak then
// hands out every password, or lets an attacker try billions of guesses a
// second. Values that went through bcrypt/argon2/scrypt/pbkdf2 or the
// project's hasher, hashes of high-entropy tokens, configured service
// credentials (`settings.redis_password`) and form checks comparing two
// request inputs (`password == confirm_password`) are left alone.
import type { SyntaxNode } from '../../parse/python';
import { fileFix, replaceNode, type FixImport } from '../fixes';
import { isPasswordField, isPasswordName, isModelClass, nameTokens, passThrough, readName, roleOf, rootOf } from '../python/passwords';
import { enclosingFunction, keywordArg, literalString, named, positionalArgs, unparen } from '../python/pyfile';
import type { Fix, Rule, RuleContext } from '../types';

const FAST_HASH = /^hashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_\d+|blake2[bs]|new)$/;
const KDF_CALLEE = /^(?:bcrypt\.(?:hashpw|checkpw|kdf)|hashlib\.(?:pbkdf2_hmac|scrypt)|argon2\..*|passlib\..*|werkzeug\.security\..*|django\.contrib\.auth\.hashers\..*|nacl\.pwhash\..*)$/;
const KDF_METHODS = new Set(['hash', 'verify', 'hashpw', 'checkpw', 'hash_password', 'verify_password', 'get_password_hash', 'make_password', 'check_password', 'generate_password_hash', 'check_password_hash', 'pbkdf2_hmac', 'scrypt']);
const EXECUTE_METHODS = new Set(['execute', 'executemany', 'fetch', 'fetchrow', 'fetchval', 'exec_driver_sql']);
/** Methods that write their keyword/dict arguments whatever the receiver (Mongo, DynamoDB, Redis, SQLAlchemy `.values`). */
const STORE_ANY = new Set(['insert_one', 'insert_many', 'replace_one', 'update_one', 'update_many', 'find_one_and_update', 'find_one_and_replace', 'put_item', 'hset', 'hmset', 'values', 'sqlmodel_update']);
/** Methods that write when called on a model class or a Django manager (`User.create`, `User.objects.create`). */
const STORE_ON_MODEL = new Set(['create', 'get_or_create', 'update_or_create', 'update', 'insert', 'model_validate', 'bulk_create']);
/** Methods that look a record up by the raw password (a plaintext comparison done by the database). */
const QUERY_ANY = new Set(['filter_by', 'find_one', 'find', 'count_documents']);
const QUERY_ON_MODEL = new Set(['filter', 'get', 'get_or_none', 'exclude']);
const STORED_PREFIX = new Set(['stored', 'saved', 'db', 'existing']);
const MEMORY_DB = new Set(['db', 'users', 'accounts', 'store', 'database', 'members', 'registry']);
const VERIFY_FN_NAME = /verify|check|auth|login|valid|match|compare/i;

type Kind = 'store' | 'query';

/**
 * The plaintext password an expression carries, as the node a fix should
 * hash or verify (`password` in `(salt + password).encode()`), or undefined.
 * Names bound from a KDF call, stored records and constants are not raw.
 */
function rawPassword(ctx: RuleContext, expr: SyntaxNode, depth = 0): SyntaxNode | undefined {
  const n = unparen(expr);
  if (depth > 5) return isPasswordName(readName(n) ?? '') ? n : undefined;
  switch (n.type) {
    case 'identifier': {
      if (ctx.py.imports.has(n.text)) return undefined;
      if (isPasswordName(n.text)) {
        const fn = enclosingFunction(n);
        let binds = fn ? ctx.py.bindings(fn, n.text) : ctx.py.bindings(ctx.tree.rootNode, n.text);
        if (fn && binds.length === 0 && !ctx.py.paramNames(fn).includes(n.text)) binds = ctx.py.bindings(ctx.tree.rootNode, n.text);
        if (binds.length === 0) return n;
        return binds.every((b) => b.type !== 'augmented_assignment' && rawPassword(ctx, b, depth + 1)) ? n : undefined;
      }
      const value = ctx.py.singleBinding(n);
      return value && rawPassword(ctx, value, depth + 1) ? n : undefined;
    }
    case 'attribute':
    case 'subscript':
    case 'call': {
      const name = readName(n);
      if (name !== undefined && n.type !== 'call') return isPasswordName(name) && !isStoredRoot(ctx, n) && !hashedByModel(ctx, n) ? n : undefined;
      if (name !== undefined && isPasswordName(name)) return isStoredRoot(ctx, n) ? undefined : n;
      const inner = passThrough(ctx.py, n);
      if (!inner) return undefined;
      const raw = rawPassword(ctx, inner, depth + 1);
      if (!raw) return undefined;
      // `.encode()`/`bytes()` change the type: the fix hashes the str inside; `.strip()` keeps it: the fix hashes the whole call.
      return /\.(?:encode|b64encode|urlsafe_b64encode|standard_b64encode)$|^(?:bytes|bytearray)$/.test(n.childForFieldName('function')?.text ?? '') ? raw : n;
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      if (op !== '+' && op !== '%') return undefined;
      for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) {
        const raw = side && rawPassword(ctx, side, depth + 1);
        if (raw) return raw;
      }
      return undefined;
    }
    case 'string':
      for (const part of named(n)) {
        if (part.type !== 'interpolation') continue;
        const inner = part.childForFieldName('expression') ?? named(part)[0];
        const raw = inner && rawPassword(ctx, inner, depth + 1);
        if (raw) return raw;
      }
      return undefined;
    default:
      return undefined;
  }
}

const TYPING_NAMES = new Set(['Optional', 'Union', 'Annotated', 'None', 'Body', 'Form', 'Depends']);

/**
 * `user_in.password` where every class the parameter may be (`UserRegister |
 * UserCreate`) hashes that field in a validator (project facts): the value is
 * already the hash.
 */
function hashedByModel(ctx: RuleContext, n: SyntaxNode): boolean {
  const hashed = ctx.project.hashedFields;
  if (!hashed?.length || n.type !== 'attribute') return false;
  const field = n.childForFieldName('attribute')?.text;
  const obj = n.childForFieldName('object');
  if (!field || obj?.type !== 'identifier') return false;
  const fn = enclosingFunction(obj);
  const annotation = fn && ctx.py.params(fn).find((p) => p.name === obj.text)?.annotation;
  const classes = (annotation?.text.match(/\b[A-Z]\w*/g) ?? []).filter((c) => !TYPING_NAMES.has(c));
  return classes.length > 0 && classes.every((c) => hashed.includes(`${c}.${field}`));
}

function isStoredRoot(ctx: RuleContext, n: SyntaxNode): boolean {
  const root = rootOf(n);
  return !!root && roleOf(ctx.py, root) === 'record';
}

/** The stored password an expression reads (`user.password`, `row["password"]`, `stored = user.password_hash`), or undefined. */
function storedPassword(ctx: RuleContext, expr: SyntaxNode, depth = 0): SyntaxNode | undefined {
  let n = unparen(expr);
  for (let inner = passThrough(ctx.py, n); inner; inner = passThrough(ctx.py, n)) n = unparen(inner);
  if (n.type === 'identifier') {
    if (depth > 2) return undefined;
    const value = ctx.py.singleBinding(n);
    if (value) return storedPassword(ctx, value, depth + 1) ? n : undefined;
    const fn = enclosingFunction(n);
    const isParam = !!fn && ctx.py.paramNames(fn).includes(n.text);
    return isParam && isPasswordField(n.text) && nameTokens(n.text).some((t) => STORED_PREFIX.has(t)) ? n : undefined;
  }
  const name = readName(n);
  return name !== undefined && isPasswordField(name) && isStoredRoot(ctx, n) ? n : undefined;
}

// --- Fixes ---------------------------------------------------------------

const fnName = (node: SyntaxNode): string | undefined => enclosingFunction(node)?.childForFieldName('name')?.text;

const topLevelFunctions = new WeakMap<object, Set<string>>();
function definesFunction(ctx: RuleContext, name: string): boolean {
  let set = topLevelFunctions.get(ctx.py);
  if (!set) {
    set = new Set();
    for (const child of named(ctx.tree.rootNode)) {
      const def = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      if (def?.type === 'function_definition') set.add(def.childForFieldName('name')?.text ?? '');
    }
    topLevelFunctions.set(ctx.py, set);
  }
  return set.has(name);
}

const isPrimary = (n: SyntaxNode): boolean => ['identifier', 'attribute', 'subscript', 'call', 'string', 'parenthesized_expression'].includes(n.type);
const paren = (n: SyntaxNode): string => (isPrimary(n) ? n.text : `(${n.text})`);

/** The text handed to a hasher: the str value (`password` for `password.encode()`). */
function plainText(ctx: RuleContext, plain: SyntaxNode): SyntaxNode {
  const n = unparen(plain);
  const fn = n.type === 'call' ? n.childForFieldName('function') : null;
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'encode') {
    return fn.childForFieldName('object') ?? n;
  }
  return n;
}

/** A project helper usable at `at`: defined in this file (no import), else imported from its module; never inside itself. */
function projectHelper(ctx: RuleContext, name: string | undefined, at: SyntaxNode): { name: string; imports: FixImport[] } | undefined {
  const hasher = ctx.project.hasher;
  if (!hasher || !name || fnName(at) === name) return undefined;
  return { name, imports: definesFunction(ctx, name) ? [] : [{ module: hasher.module, name }] };
}

/** A hasher object the file already has: passlib `CryptContext(...)`, argon2 `PasswordHasher()`, or werkzeug's functions. */
interface FileHasher {
  hash(plain: string): string;
  /** Undefined for argon2: its verify raises on a mismatch instead of returning False. */
  verify?(plain: string, stored: string): string;
  readonly label: string;
}

const fileHashers = new WeakMap<object, { value: FileHasher | undefined }>();
function fileHasher(ctx: RuleContext): FileHasher | undefined {
  const hit = fileHashers.get(ctx.py);
  if (hit) return hit.value;
  let value: FileHasher | undefined;
  for (const stmt of named(ctx.tree.rootNode)) {
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
    const right = assign?.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const callee = ctx.py.callee(right) ?? '';
    const name = left.text;
    if (callee === 'passlib.context.CryptContext') {
      value = { hash: (p) => `${name}.hash(${p})`, verify: (p, s) => `${name}.verify(${p}, ${s})`, label: `${name}.hash()` };
      break;
    }
    if (callee === 'argon2.PasswordHasher') {
      value = { hash: (p) => `${name}.hash(${p})`, label: `${name}.hash()` };
      break;
    }
  }
  if (!value) {
    const imports = ctx.py.imports;
    const gen = [...imports].find(([, q]) => q === 'werkzeug.security.generate_password_hash')?.[0];
    const check = [...imports].find(([, q]) => q === 'werkzeug.security.check_password_hash')?.[0];
    if (gen && check) value = { hash: (p) => `${gen}(${p})`, verify: (p, s) => `${check}(${s}, ${p})`, label: `${gen}()` };
  }
  fileHashers.set(ctx.py, { value });
  return value;
}

function hashed(ctx: RuleContext, plain: SyntaxNode, at: SyntaxNode): { text: string; imports: FixImport[]; title: string } {
  const p = plainText(ctx, plain);
  const helper = projectHelper(ctx, ctx.project.hasher?.hash, at);
  if (helper) return { text: `${helper.name}(${p.text})`, imports: helper.imports, title: `Hash the password with ${helper.name}()` };
  const local = fileHasher(ctx);
  if (local) return { text: local.hash(p.text), imports: [], title: `Hash the password with ${local.label}` };
  return { text: `bcrypt.hashpw(${paren(p)}.encode(), bcrypt.gensalt()).decode()`, imports: [{ module: 'bcrypt' }], title: 'Hash the password with bcrypt' };
}

function verified(ctx: RuleContext, plain: SyntaxNode, stored: SyntaxNode, negate: boolean, at: SyntaxNode): { text: string; imports: FixImport[]; title: string } {
  const p = plainText(ctx, plain);
  const s = plainText(ctx, stored);
  const not = negate ? 'not ' : '';
  const helper = projectHelper(ctx, ctx.project.hasher?.verify, at);
  if (helper) return { text: `${not}${helper.name}(${p.text}, ${s.text})`, imports: helper.imports, title: `Check the password with ${helper.name}()` };
  const local = fileHasher(ctx);
  if (local?.verify) return { text: `${not}${local.verify(p.text, s.text)}`, imports: [], title: 'Check the password against its hash' };
  return { text: `${not}bcrypt.checkpw(${paren(p)}.encode(), ${paren(s)}.encode())`, imports: [{ module: 'bcrypt' }], title: 'Check the password with bcrypt.checkpw()' };
}

function hashFix(ctx: RuleContext, target: SyntaxNode, plain: SyntaxNode): () => Fix[] {
  return () => {
    const h = hashed(ctx, plain, target);
    return [fileFix(ctx, h.title, [replaceNode(target, h.text)], { imports: h.imports, preferred: true })];
  };
}

function verifyFix(ctx: RuleContext, target: SyntaxNode, plain: SyntaxNode, stored: SyntaxNode, negate: boolean): () => Fix[] {
  return () => {
    const v = verified(ctx, plain, stored, negate, target);
    return [fileFix(ctx, v.title, [replaceNode(target, v.text)], { imports: v.imports, preferred: true })];
  };
}

// --- Reports ---------------------------------------------------------------

/** Fields with a property setter in this file (`@password.setter` that hashes, the Flask-tutorial pattern). */
const setterCache = new WeakMap<object, Set<string>>();
function hasSetter(ctx: RuleContext, field: string): boolean {
  let set = setterCache.get(ctx.py);
  if (!set) {
    set = new Set([...ctx.source.matchAll(/@(\w+)\.setter\b/g)].map((m) => m[1]!));
    setterCache.set(ctx.py, set);
  }
  return set.has(field);
}

function reportValue(ctx: RuleContext, value: SyntaxNode, raw: SyntaxNode, kind: Kind, field: string | undefined): void {
  if (kind === 'store' && field !== undefined && hasSetter(ctx, field)) return;
  if (kind === 'store') {
    ctx.report({
      node: value,
      message: `The password is stored as typed${field ? ` in \`${field}\`` : ''}: anyone who reads the database or a backup gets every user's password; store a bcrypt/argon2 hash instead.`,
      fixes: hashFix(ctx, value, raw),
    });
  } else {
    ctx.report({
      node: value,
      message: 'Looking a user up by the password as typed means passwords are stored in plain text; fetch the user by name, then check the password against its bcrypt/argon2 hash.',
    });
  }
}

/** Keyword and dict arguments of a call that writes (or queries) records. */
function sinkKind(ctx: RuleContext, fn: SyntaxNode): Kind | undefined {
  if (isModelClass(ctx.py, fn)) return 'store';
  if (fn.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const object = fn.childForFieldName('object');
  if (STORE_ANY.has(method)) return 'store';
  if (QUERY_ANY.has(method)) return 'query';
  const onModel = (): boolean => {
    if (!object) return false;
    const o = unparen(object);
    if (o.type === 'attribute' && ['objects', 'query'].includes(o.childForFieldName('attribute')?.text ?? '')) return true;
    return isModelClass(ctx.py, o);
  };
  if (STORE_ON_MODEL.has(method) && onModel()) return 'store';
  if (QUERY_ON_MODEL.has(method) && onModel()) return 'query';
  return undefined;
}

function scanDict(ctx: RuleContext, dict: SyntaxNode, kind: Kind, depth = 0): void {
  for (const pair of named(dict)) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!key || !value) continue;
    const name = literalString(key);
    if (value.type === 'dictionary' && depth < 2) scanDict(ctx, value, kind, depth + 1);
    else if (name !== undefined && isPasswordField(name)) {
      const raw = rawPassword(ctx, value);
      if (raw) reportValue(ctx, value, raw, kind, name);
    }
  }
}

function checkSinkCall(ctx: RuleContext, fn: SyntaxNode, args: SyntaxNode): void {
  const kind = sinkKind(ctx, fn);
  if (!kind) return;
  for (const arg of named(args)) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text ?? '';
      const value = arg.childForFieldName('value');
      if (!value) continue;
      if (value.type === 'dictionary') scanDict(ctx, value, kind);
      else if (isPasswordField(name)) {
        const raw = rawPassword(ctx, value);
        if (raw) reportValue(ctx, value, raw, kind, name);
      }
    } else if (arg.type === 'dictionary') scanDict(ctx, arg, kind);
  }
}

/** The SQL text of `execute`'s first argument: a constant string, `text("...")`, or a name bound to either. */
function sqlOf(ctx: RuleContext, arg: SyntaxNode, depth = 0): string | undefined {
  const constant = ctx.py.constantString(arg);
  if (constant !== undefined) return constant;
  const n = unparen(arg);
  if (n.type === 'call' && /(?:^|\.)text$/.test(ctx.py.callee(n) ?? '')) {
    const first = positionalArgs(n)[0];
    return first ? ctx.py.constantString(first) : undefined;
  }
  if (n.type === 'identifier' && depth < 2) {
    const value = ctx.py.singleBinding(n);
    return value ? sqlOf(ctx, value, depth + 1) : undefined;
  }
  return undefined;
}

function checkExecute(ctx: RuleContext, call: SyntaxNode): void {
  const args = positionalArgs(call);
  const sql = args[0] && sqlOf(ctx, args[0]);
  if (!sql || !/pass|pwd/i.test(sql)) return;
  const write = /^\s*(?:insert|update|replace|merge|upsert)\b/i.test(sql) || /\binsert\s+into\b/i.test(sql);
  const lookup = /\b\w*(?:pass\w*|pwd)\s*=\s*(?:\?|%s|\$\d+|:\w+|%\(\w+\)s)/i.test(sql);
  if (!write && !lookup) return;
  const params = [...args.slice(1)];
  for (const kw of ['parameters', 'params', 'args']) {
    const v = keywordArg(call, kw);
    if (v) params.push(v);
  }
  for (const param of params) {
    const p = unparen(param);
    const items = p.type === 'tuple' || p.type === 'list' ? named(p) : p.type === 'dictionary' ? named(p).map((pair) => pair.childForFieldName('value')).filter((v): v is SyntaxNode => !!v) : [p];
    for (const item of items) {
      const raw = rawPassword(ctx, item);
      if (raw) reportValue(ctx, item, raw, write ? 'store' : 'query', undefined);
    }
  }
}

/** Is `node` (a fast hash) an argument of a KDF call, directly or through a variable (the pre-hash-then-bcrypt pattern)? */
function feedsKdf(ctx: RuleContext, node: SyntaxNode): boolean {
  let top = node;
  for (let p = node.parent; p && !p.type.endsWith('_statement') && p.type !== 'block' && p.type !== 'module'; p = p.parent) {
    if (p.type === 'call' && isKdfCall(ctx, p)) return true;
    top = p;
  }
  const assign = top.type === 'assignment' ? top : undefined;
  const target = assign?.childForFieldName('left');
  const fn = enclosingFunction(node);
  if (!target || target.type !== 'identifier' || !fn) return false;
  const name = new RegExp(`\\b${target.text}\\b`);
  return fn.descendantsOfType('call').some((c) => c && c.startIndex > node.endIndex && isKdfCall(ctx, c) && name.test(c.childForFieldName('arguments')?.text ?? ''));
}

function isKdfCall(ctx: RuleContext, call: SyntaxNode): boolean {
  const callee = ctx.py.callee(call);
  if (callee && KDF_CALLEE.test(callee)) return true;
  const method = ctx.py.methodName(call);
  return !!method && (KDF_METHODS.has(method) || method === ctx.project.hasher?.hash);
}

function checkFastHash(ctx: RuleContext, call: SyntaxNode, callee: string): void {
  const isNew = callee === 'hashlib.new';
  const args = positionalArgs(call);
  const data = (isNew ? args[1] : args[0]) ?? keywordArg(call, 'data') ?? keywordArg(call, 'string');
  const raw = data && rawPassword(ctx, data);
  if (!raw) return;
  const algorithm = isNew ? (args[0] ? literalString(args[0]) : undefined) ?? 'hash' : callee.slice('hashlib.'.length);
  if (algorithm === 'sha1' && ctx.source.includes('pwnedpasswords')) return; // k-anonymity breach check: only a 5-char prefix leaves
  if (feedsKdf(ctx, call)) return;
  ctx.report({
    node: call,
    message: `${algorithm} is a fast hash: a leaked table of ${algorithm} password hashes is cracked at billions of guesses per second, salt or not; use a password KDF (bcrypt, argon2, scrypt).`,
    fixes: () => fastHashFixes(ctx, call, raw),
  });
}

function fastHashFixes(ctx: RuleContext, call: SyntaxNode, raw: SyntaxNode): Fix[] {
  let top = call;
  for (;;) {
    const attr = top.parent;
    const outer = attr?.parent;
    if (attr?.type === 'attribute' && outer?.type === 'call' && ['hexdigest', 'digest'].includes(attr.childForFieldName('attribute')?.text ?? '')) top = outer;
    else break;
  }
  let parent = top.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  if (parent?.type === 'comparison_operator') {
    const ops = parent.childrenForFieldName('operators').map((o) => o?.text);
    const operands = named(parent);
    const other = operands.find((o) => o.id !== top.id && !(o.startIndex <= top.startIndex && o.endIndex >= top.endIndex));
    if (ops.length === 1 && (ops[0] === '==' || ops[0] === '!=') && operands.length === 2 && other) {
      return verifyFix(ctx, parent, raw, other, ops[0] === '!=')();
    }
    return [];
  }
  if (VERIFY_FN_NAME.test(fnName(call) ?? '')) return [];
  return hashFix(ctx, top, raw)();
}

function checkCompareDigest(ctx: RuleContext, call: SyntaxNode): void {
  const args = positionalArgs(call);
  if (args.length !== 2) return;
  comparison(ctx, call, args[0]!, args[1]!, false);
}

function comparison(ctx: RuleContext, node: SyntaxNode, a: SyntaxNode, b: SyntaxNode, negate: boolean): void {
  let stored = storedPassword(ctx, a);
  let raw = stored ? rawPassword(ctx, b) : undefined;
  if (!stored || !raw) {
    stored = storedPassword(ctx, b);
    raw = stored ? rawPassword(ctx, a) : undefined;
  }
  if (!stored || !raw) return;
  const storedNode = stored;
  const plain = raw;
  const root = rootOf(storedNode);
  // `User.password == password` inside `select(...).where(...)` is SQL: no Python-side verify to offer.
  const sqlExpression = !!root && /^[A-Z]/.test(root.text);
  ctx.report({
    node,
    message: sqlExpression
      ? 'The query matches the password column against the password as typed, so passwords are stored in plain text; fetch the user by name, then check the password against its bcrypt/argon2 hash.'
      : 'The password is compared with the stored one as typed, so passwords are stored in plain text (and `==` leaks timing); store a bcrypt/argon2 hash and check it with its verify function.',
    fixes: sqlExpression ? undefined : verifyFix(ctx, node, plain, storedNode, negate),
  });
}

function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type.endsWith('_statement') || p.type === 'block') return p;
  return undefined;
}

function checkComparison(node: SyntaxNode, ctx: RuleContext): void {
  if (!relevant(ctx)) return;
  const text = ctx.source.slice(node.startIndex, node.endIndex);
  if (!/pass|pw/i.test(text)) return;
  const ops = node.childrenForFieldName('operators');
  const operands = named(node);
  if (ops.length !== 1 || operands.length !== 2) return;
  const op = ops[0]?.text;
  if (op !== '==' && op !== '!=') return;
  // `assert user.hashed_password != payload["password"]`: a test proving the opposite.
  if (statementOf(node)?.type === 'assert_statement') return;
  comparison(ctx, node, operands[0]!, operands[1]!, op === '!=');
}

/** Files that never mention a password skip every per-node check (most files of a backend). */
const mentionsPassword = new WeakMap<object, boolean>();
function relevant(ctx: RuleContext): boolean {
  let yes = mentionsPassword.get(ctx.py);
  if (yes === undefined) mentionsPassword.set(ctx.py, (yes = /pass|pw/i.test(ctx.source)));
  return yes;
}

function checkCall(call: SyntaxNode, ctx: RuleContext): void {
  if (!relevant(ctx)) return;
  const fn = ctx.py.fnOf(call);
  const args = call.childForFieldName('arguments');
  if (!fn || !args || args.type !== 'argument_list') return;
  if (!/pass|pw/i.test(ctx.source.slice(args.startIndex, args.endIndex))) return;
  const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  if (!method) return;
  if (EXECUTE_METHODS.has(method)) return checkExecute(ctx, call);
  if (/^(?:md5|sha\d+|sha3_\d+|blake2[bs]|new|compare_digest)$/.test(method)) {
    const callee = ctx.py.callee(call) ?? '';
    if (FAST_HASH.test(callee)) return checkFastHash(ctx, call, callee);
    if (callee === 'hmac.compare_digest' || callee === 'secrets.compare_digest') return checkCompareDigest(ctx, call);
  }
  if (method === 'update' && fn.type === 'attribute') {
    // `h = hashlib.sha256(); h.update(password.encode())`
    const receiver = fn.childForFieldName('object');
    const bound = receiver?.type === 'identifier' ? ctx.py.singleBinding(receiver) : undefined;
    const hashCallee = bound?.type === 'call' ? ctx.py.callee(bound) : undefined;
    const data = positionalArgs(call)[0];
    if (hashCallee && FAST_HASH.test(hashCallee) && data) {
      const raw = rawPassword(ctx, data);
      if (raw && !feedsKdf(ctx, call)) {
        const algorithm = hashCallee === 'hashlib.new' ? 'This hash' : hashCallee.slice('hashlib.'.length);
        ctx.report({ node: call, message: `${algorithm} is a fast hash: a leaked table of such password hashes is cracked at billions of guesses per second; use a password KDF (bcrypt, argon2, scrypt).` });
        return;
      }
    }
  }
  checkSinkCall(ctx, fn, args);
}

function checkAssignment(node: SyntaxNode, ctx: RuleContext): void {
  if (!relevant(ctx)) return;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || right.type === 'assignment') return;
  if (left.type !== 'attribute' && left.type !== 'subscript') return;
  const text = ctx.source.slice(node.startIndex, node.endIndex);
  if (!/pass|pw/i.test(text)) return;
  const key = left.type === 'subscript' ? left.childForFieldName('subscript') : null;
  const field = left.type === 'attribute' ? left.childForFieldName('attribute')?.text : key ? literalString(key) : undefined;
  const object = left.childForFieldName(left.type === 'attribute' ? 'object' : 'value');
  const root = object && rootOf(object);
  if (!root) return;
  if (field !== undefined && isPasswordField(field)) {
    if (roleOf(ctx.py, root) !== 'record') return;
    const raw = rawPassword(ctx, right);
    if (raw) reportValue(ctx, right, raw, 'store', field);
  } else if (left.type === 'subscript' && unparen(right).type === 'dictionary' && nameTokens(root.text).some((t) => MEMORY_DB.has(t))) {
    // `fake_users_db[username] = {"username": ..., "password": password}`
    scanDict(ctx, unparen(right), 'store');
  }
}

export const rule: Rule = {
  id: 'plaintext-password',
  title: 'Password stored or compared without a password hash',
  defaultSeverity: 'error',
  applies: (source) => /pass|pw/i.test(source),
  visit: { call: checkCall, assignment: checkAssignment, comparison_operator: checkComparison },
};
