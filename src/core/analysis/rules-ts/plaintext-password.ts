// plaintext-password (TypeScript/JavaScript): a user's password written to
// storage as it was typed (`User.create({ password })`, prisma
// `create({ data: { password } })`, `new User({ password })`,
// `collection.insertOne(...)`, an INSERT/UPDATE parameter, `user.password =
// req.body.password`), compared with a stored password by `===`, looked up by
// (`findOne({ email, password })`, `WHERE password = $2`), or hashed with a
// fast general-purpose hash (`createHash('sha256').update(password)`).
// Values that went through bcrypt/argon2/scrypt or the project's hasher,
// comparisons of two request inputs (`password === confirmPassword`),
// `crypto.timingSafeEqual` on hashes, reset-token flows and validation
// schemas (`password: z.string().min(8)`) are left alone.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { replaceNode } from '../fixes';
import { tsFileFix } from '../ts/fixes';
import { asyncableCallback, hasherFor, inAsync, isPasswordName, isStoredPassword, rawPassword, readName } from '../ts/passwords';
import { callArgs, literalString, named, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

const STORE_METHODS = new Set([
  'create', 'createMany', 'insert', 'insertOne', 'insertMany', 'save', 'update', 'updateOne', 'updateMany', 'upsert', 'findOneAndUpdate',
  'findByIdAndUpdate', 'build', 'values', 'set', 'hset', 'hmset', 'put', 'replaceOne', 'add', 'createUser', 'insertUser', 'saveUser',
]);
const QUERY_METHODS = new Set(['findOne', 'findFirst', 'findUnique', 'find', 'findAll', 'findBy', 'findOneBy', 'where', 'count', 'exists', 'findFirstOrThrow', 'findUniqueOrThrow']);
const SQL_METHODS = new Set(['query', 'execute', 'raw', 'run', 'all', 'get', 'none', 'one', 'oneOrNone', 'many', 'any', 'manyOrNone']);
/** `new X({...})` of a model, not of a DTO, schema, error or response. */
const NOT_MODEL = /(Dto|DTO|Schema|Request|Input|Error|Exception|Response|Event|Command|Query|Params|Body|Form|Validator|Map|Set|URLSearchParams|FormData|Headers)$/;

type Kind = 'store' | 'query';

const STORE_MESSAGE = (field: string | undefined): string =>
  `The password is stored as typed${field ? ` in \`${field}\`` : ''}: anyone who reads the database or a backup gets every user's password; store a bcrypt/argon2/scrypt hash instead.`;
const QUERY_MESSAGE =
  'Looking a user up by the password as typed means passwords are stored in plain text; fetch the user by name, then check the password against its bcrypt/argon2/scrypt hash.';

/** The call an object literal is (nested) in, with the kind of access: `User.create({ data: { password } })` -> store. */
function sinkOf(object: SyntaxNode, ctx: TsRuleContext): Kind | undefined {
  let n: SyntaxNode = object;
  for (let i = 0; i < 6; i++) {
    const parent = n.parent;
    if (!parent) return undefined;
    if (parent.type === 'pair') {
      const key = parent.childForFieldName('key')?.text.replace(/['"]/g, '');
      // `where: { password }` inside any call is a lookup; `select: { password: true }` is a projection.
      if (key === 'where') return QUERY_METHODS.has(callMethodAbove(parent, ctx) ?? '') || callMethodAbove(parent, ctx) ? 'query' : undefined;
      if (key === 'select' || key === 'omit' || key === 'include' || key === 'projection') return undefined;
      n = parent.parent!;
      continue;
    }
    if (parent.type === 'array') {
      n = parent;
      continue;
    }
    if (parent.type !== 'arguments') return undefined;
    const call = parent.parent!;
    if (call.type === 'new_expression') {
      const name = call.childForFieldName('constructor')?.text ?? '';
      return /^[A-Z]/.test(name.split('.').pop() ?? '') && !NOT_MODEL.test(name) ? 'store' : undefined;
    }
    const method = ctx.ts.methodName(call);
    if (!method) return undefined;
    if (STORE_METHODS.has(method)) {
      // `Model.update(values, { where })`: the first argument is what is stored.
      return 'store';
    }
    if (QUERY_METHODS.has(method)) return 'query';
    return undefined;
  }
  return undefined;
}

function callMethodAbove(node: SyntaxNode, ctx: TsRuleContext): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'call_expression') return ctx.ts.methodName(p);
    if (p.type !== 'object' && p.type !== 'pair' && p.type !== 'arguments') return undefined;
  }
  return undefined;
}

/** `{ password: req.body.password }`, `{ password }` in a store or lookup call. */
function checkProperty(node: SyntaxNode, ctx: TsRuleContext): void {
  let key: string | undefined;
  let value: SyntaxNode | undefined;
  if (node.type === 'pair') {
    const k = node.childForFieldName('key');
    key = k ? (k.type === 'property_identifier' ? k.text : literalString(k)) : undefined;
    value = node.childForFieldName('value') ?? undefined;
  } else {
    key = node.text;
    value = node;
  }
  if (!key || !value || !/pass|pwd/i.test(key) || !isPasswordName(key)) return;
  const raw = rawPassword(ctx, value);
  if (!raw) return;
  const object = node.parent;
  if (object?.type !== 'object') return;
  const kind = sinkOf(object, ctx);
  if (!kind) return;
  report(ctx, value, raw, kind, key, node.type === 'shorthand_property_identifier');
}

/** `user.password = req.body.password` (saved later with `user.save()`). */
function checkAssignment(node: SyntaxNode, ctx: TsRuleContext): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || left.type !== 'member_expression') return;
  const field = left.childForFieldName('property')?.text;
  if (!field || !/pass|pwd/i.test(field) || !isPasswordName(field) || !isStoredPassword(left)) return;
  const raw = rawPassword(ctx, right);
  if (raw) report(ctx, right, raw, 'store', field, false);
}

/** `pool.query('INSERT INTO users (email, password) VALUES ($1, $2)', [email, password])`. */
function checkSql(call: SyntaxNode, ctx: TsRuleContext): void {
  const method = ctx.ts.methodName(call);
  if (!method || !SQL_METHODS.has(method)) return;
  const args = callArgs(call);
  const sql = args[0] ? ctx.ts.constantString(args[0]) : undefined;
  if (!sql || !/pass|pwd/i.test(sql)) return;
  const params = args[1] ? unwrap(args[1]) : undefined;
  if (params?.type !== 'array') return;
  const write = /^\s*(insert|update|replace|upsert|merge)\b/i.test(sql) || /\b(insert\s+into|update\s+\w+\s+set)\b/i.test(sql);
  const lookup = /\bwhere\b[\s\S]*\b\w*pass\w*\s*=/i.test(sql);
  if (!write && !lookup) return;
  for (const item of named(params)) {
    const raw = rawPassword(ctx, item);
    if (!raw) continue;
    report(ctx, item, raw, write && !/^\s*select\b/i.test(sql) ? 'store' : 'query', undefined, false);
  }
}

/** `user.password === req.body.password`, `password != row.password`. */
function checkComparison(node: SyntaxNode, ctx: TsRuleContext): void {
  const op = node.childForFieldName('operator')?.text;
  if (op !== '===' && op !== '==' && op !== '!==' && op !== '!=') return;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return;
  const l = unwrap(left);
  const r = unwrap(right);
  let stored: SyntaxNode | undefined;
  let plain: SyntaxNode | undefined;
  if (isStoredPassword(l) && rawPassword(ctx, r)) [stored, plain] = [l, r];
  else if (isStoredPassword(r) && rawPassword(ctx, l)) [stored, plain] = [r, l];
  if (!stored || !plain) return;
  const negate = op.startsWith('!');
  ctx.report({
    node,
    message: `The password is compared as typed with \`${stored.text}\`: passwords are stored in plain text, and \`${op}\` leaks timing; store a bcrypt/argon2/scrypt hash and check the password against it.`,
    fixes: () => verifyFixes(ctx, node, plain!, stored!, negate),
  });
}

const FAST = /^(md5|md4|sha1|sha-1|sha224|sha256|sha-256|sha384|sha512|sha-512|sha3-256|sha3-512|ripemd160|blake2b512|blake2s256)$/i;

/** `crypto.createHash('sha256').update(password)`. */
function checkFastHash(call: SyntaxNode, ctx: TsRuleContext): void {
  if (ctx.ts.methodName(call) !== 'update') return;
  const create = ctx.ts.receiver(call);
  if (create?.type !== 'call_expression' || ctx.ts.methodName(create) !== 'createHash') return;
  const callee = ctx.ts.callee(create) ?? '';
  if (!/^(crypto\.)?createHash$/.test(callee)) return;
  const algorithm = callArgs(create)[0] ? ctx.ts.constantString(callArgs(create)[0]!) : undefined;
  if (!algorithm || !FAST.test(algorithm)) return;
  const data = callArgs(call)[0];
  const raw = data ? rawPasswordDeep(ctx, data) : undefined;
  if (!raw) return;
  // The whole `createHash(...).update(...).digest(...)` chain is what a fix replaces.
  let top: SyntaxNode = call;
  const parent = top.parent;
  if (parent?.type === 'member_expression' && parent.childForFieldName('property')?.text === 'digest' && parent.parent?.type === 'call_expression') top = parent.parent;
  ctx.report({
    node: top,
    message: `${algorithm} is a fast hash: a leaked table of ${algorithm} password hashes is cracked at billions of guesses per second, salt or not; use a password KDF (bcrypt, argon2, scrypt).`,
    fixes: () => (top.id === call.id ? [] : hashFixes(ctx, top, raw)),
  });
}

/** `salt + password`, `` `${salt}${password}` ``: the password inside a concatenation. */
function rawPasswordDeep(ctx: TsRuleContext, expr: SyntaxNode): SyntaxNode | undefined {
  const direct = rawPassword(ctx, expr);
  if (direct) return direct;
  for (const id of expr.descendantsOfType(['identifier', 'member_expression'])) {
    if (id && readName(id) && isPasswordName(readName(id)!) && rawPassword(ctx, id)) return id;
  }
  return undefined;
}

// ---------------------------------------------------------------- reports and fixes

function report(ctx: TsRuleContext, value: SyntaxNode, raw: SyntaxNode, kind: Kind, field: string | undefined, shorthand: boolean): void {
  if (kind === 'query') {
    ctx.report({ node: value, message: QUERY_MESSAGE });
    return;
  }
  // The model hashes this field itself (setter or hook, project facts): the store is hashed.
  if (field && ctx.project.ts?.hashedOnWrite.includes(field)) return;
  ctx.report({ node: value, message: STORE_MESSAGE(field), fixes: () => hashFixes(ctx, value, raw, shorthand) });
}

/** Make an inline callback `async` when the fix awaits inside it. */
function asyncEdits(at: SyntaxNode): TextEdit[] | undefined {
  if (inAsync(at)) return [];
  const fn = asyncableCallback(at);
  return fn ? [{ start: fn.startIndex, end: fn.startIndex, text: 'async ' }] : undefined;
}

function hashFixes(ctx: TsRuleContext, target: SyntaxNode, raw: SyntaxNode, shorthand = false): Fix[] {
  const async = inAsync(target) || !!asyncableCallback(target);
  const hasher = hasherFor(ctx, !async);
  if (!hasher) return [];
  const extra = hasher.hash(raw.text).startsWith('await ') ? asyncEdits(target) : [];
  if (!extra) return [];
  let text = hasher.hash(raw.id === unwrap(target).id ? raw.text : raw.text);
  if (raw.id !== unwrap(target).id && target.id !== raw.id) {
    // The password inside a larger expression (a fast-hash chain): hash the password itself.
    text = hasher.hash(raw.text);
  }
  const replacement = shorthand ? `${target.text}: ${text}` : text;
  return [tsFileFix(ctx, `Hash the password with ${hasher.label}`, [replaceNode(target, replacement), ...extra, ...hasher.edits], { imports: hasher.imports, preferred: true })];
}

function verifyFixes(ctx: TsRuleContext, comparison: SyntaxNode, plain: SyntaxNode, stored: SyntaxNode, negate: boolean): Fix[] {
  const async = inAsync(comparison) || !!asyncableCallback(comparison);
  const hasher = hasherFor(ctx, !async);
  if (!hasher) return [];
  const check = hasher.verify(plain.text, stored.text);
  const awaits = check.startsWith('await ');
  const extra = awaits ? asyncEdits(comparison) : [];
  if (!extra) return [];
  const text = negate ? `!(${check})` : awaits ? `(${check})` : check;
  const parenthesized = comparison.parent?.type === 'parenthesized_expression' && !negate;
  return [
    tsFileFix(ctx, `Check the password against its ${hasher.label} hash`, [replaceNode(comparison, parenthesized ? check : text), ...extra, ...hasher.edits], {
      imports: hasher.imports,
      preferred: true,
    }),
  ];
}

export const rule: TsRule = {
  id: 'plaintext-password',
  title: 'Password stored or compared without a password hash',
  defaultSeverity: 'error',
  applies: (source) => /pass|pwd/i.test(source),
  visit: {
    pair: checkProperty,
    shorthand_property_identifier: checkProperty,
    assignment_expression: checkAssignment,
    binary_expression: checkComparison,
    call_expression: (node, ctx) => {
      checkSql(node, ctx);
      checkFastHash(node, ctx);
    },
  },
};
