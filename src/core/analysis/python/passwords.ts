// Names and roles around user passwords, shared by rules that reason about
// credentials: is `new_password` a password (yes) and `password_reset_token`
// (no); is `user.password` a stored value and `body.password` a request
// input; is `User(...)` an ORM model and `UserCreate(...)` a DTO. Everything
// here is lexical plus the file's own imports and class definitions, cached
// per file, so the callers can afford it on every candidate node.
import type { SyntaxNode } from '../../parse/python';
import { enclosingFunction, literalString, named, type PyFile, unparen } from './pyfile';

/** `newPassword` / `new_password2` → `['new', 'password']`; `pass_word` counts as one word. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/pass_word/g, 'password')
    .split(/_+/)
    .filter(Boolean)
    .map((t) => t.replace(/\d+$/, '') || t);
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode']);
/** Words that may follow the password word and still name the secret itself (`password_plain`, `password_bytes`). */
const QUALIFIERS = new Set(['plain', 'raw', 'plaintext', 'clear', 'cleartext', 'confirm', 'confirmation', 'again', 'repeat', 'repeated', 'new', 'old', 'input', 'value', 'str', 'text', 'bytes', 'b']);
/** Words before the password word that say it is already derived (`hashed_password`). */
const DERIVED = new Set(['hash', 'hashed', 'hashes', 'digest', 'encrypted', 'enc', 'crypted', 'bcrypt', 'argon', 'scrypt', 'pbkdf', 'salted', 'min', 'max', 'len', 'length', 'is', 'has', 'needs', 'must', 'show', 'last']);
const HASH_WORDS = new Set(['hash', 'hashed', 'digest', 'encrypted', 'crypted', 'enc']);

/** A name for the secret itself: `password`, `new_password`, `pwd`, `plain_password` (not `password_hash`, `password_reset_token`). */
export function isPasswordName(name: string): boolean {
  const toks = nameTokens(name);
  let at = -1;
  for (let i = toks.length - 1; i >= 0; i--) {
    if (PASSWORD_WORDS.has(toks[i]!)) {
      at = i;
      break;
    }
  }
  if (at < 0) return false;
  for (let i = at + 1; i < toks.length; i++) if (!QUALIFIERS.has(toks[i]!)) return false;
  for (let i = 0; i < at; i++) if (DERIVED.has(toks[i]!)) return false;
  return true;
}

/** A column or key that holds a user's password, raw or hashed: `password`, `hashed_password`, `password_hash`. */
export function isPasswordField(name: string): boolean {
  if (isPasswordName(name)) return true;
  const toks = nameTokens(name);
  const pw = toks.findIndex((t) => PASSWORD_WORDS.has(t));
  if (pw < 0) return false;
  return toks.every((t, i) => i === pw || HASH_WORDS.has(t));
}

const PASS_THROUGH_METHODS = new Set(['encode', 'decode', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'get_secret_value']);
const PASS_THROUGH_FUNCTIONS = new Set(['str', 'bytes', 'bytearray', 'base64.b64encode', 'base64.urlsafe_b64encode', 'base64.standard_b64encode']);

/**
 * The name an expression reads: `password`, `body.password` → `password`,
 * `form.password.data` (WTForms) → `password`, `request.form["pwd"]` and
 * `data.get("pwd")` → `pwd`. Undefined for anything else.
 */
export function readName(node: SyntaxNode): string | undefined {
  const n = unparen(node);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const attr = n.childForFieldName('attribute')?.text;
    if (attr === 'data') {
      const object = n.childForFieldName('object');
      return object && object.type === 'attribute' ? readName(object) : attr;
    }
    return attr;
  }
  if (n.type === 'subscript') {
    const key = n.childForFieldName('subscript');
    return key ? literalString(key) : undefined;
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get') {
      const first = named(n.childForFieldName('arguments'))[0];
      return first ? literalString(first) : undefined;
    }
  }
  return undefined;
}

/** The expression a pass-through wrapper (`.encode()`, `.strip()`, `str(...)`, `b64encode(...)`) reads, if `node` is one. */
export function passThrough(py: PyFile, node: SyntaxNode): SyntaxNode | undefined {
  const n = unparen(node);
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type === 'attribute' && PASS_THROUGH_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) return fn.childForFieldName('object') ?? undefined;
  const callee = py.callee(n);
  if (callee && PASS_THROUGH_FUNCTIONS.has(callee)) return named(n.childForFieldName('arguments'))[0];
  return undefined;
}

/** The identifier an attribute/subscript/`.get()` chain starts from (`request` for `request.form["password"]`). */
export function rootOf(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = unparen(node);
  for (let i = 0; n && i < 12; i++) {
    if (n.type === 'identifier') return n;
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'call') n = n.childForFieldName('function');
    else if (n.type === 'await') n = n.namedChild(0);
    else if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else return undefined;
  }
  return undefined;
}

export type Role = 'input' | 'record' | 'config' | 'unknown';

const INPUT_WORDS = new Set([
  'body', 'payload', 'data', 'form', 'request', 'req', 'params', 'param', 'args', 'kwargs', 'schema', 'dto', 'credentials', 'creds', 'cred',
  'login', 'signin', 'signup', 'register', 'registration', 'input', 'inp', 'cleaned', 'validated', 'json', 'values', 'info', 'in',
  'create', 'update', 'cmd', 'command', 'event', 'msg', 'message', 'attrs', 'fields', 'submitted', 'incoming', 'query', 'change', 'reset',
]);
const RECORD_WORDS = new Set([
  'user', 'users', 'account', 'accounts', 'member', 'customer', 'admin', 'employee', 'person', 'profile', 'staff', 'player', 'student',
  'owner', 'record', 'row', 'entity', 'instance', 'obj', 'existing', 'stored', 'saved', 'db', 'u', 'principal', 'subscriber', 'tenant', 'patient', 'me',
]);
const CONFIG_WORDS = new Set(['settings', 'config', 'cfg', 'conf', 'environ', 'env', 'options', 'opts', 'app']);
/** Words in a class name that mark a DTO, form or infrastructure object rather than a stored entity. */
const NOT_MODEL_WORDS = new Set([
  'create', 'update', 'patch', 'in', 'input', 'request', 'req', 'schema', 'form', 'payload', 'body', 'login', 'signin', 'signup', 'register',
  'registration', 'credentials', 'creds', 'data', 'params', 'dto', 'out', 'public', 'response', 'read', 'auth', 'basic', 'config', 'settings',
  'client', 'connection', 'session', 'engine', 'url', 'command', 'event', 'message', 'token', 'args', 'options', 'change', 'reset', 'query',
  'filter', 'view', 'serializer', 'smtp', 'redis', 'pool', 'context',
]);
const USER_CLASS_WORDS = new Set(['user', 'account', 'member', 'customer', 'admin', 'employee', 'person', 'profile', 'staff', 'player', 'student', 'owner', 'operator', 'subscriber', 'tenant', 'patient', 'principal']);
const MODEL_SUFFIX = /(?:InDB|InDb|DB|Db|Model|Entity|Record|Row|Orm|Table)$/;
const MODEL_BASES = /\b(?:Base|DeclarativeBase|Model|Document|DynamicDocument|AbstractUser|AbstractBaseUser|UserMixin|Entity|Table)\b/;
const DTO_BASES = /\b(?:BaseModel|Schema|TypedDict|NamedTuple|FlaskForm|Form|Serializer|ModelSerializer|BaseSettings)\b/;
const INFRA_PACKAGES = /^(?:sqlalchemy|redis|smtplib|psycopg2?|aiohttp|httpx|requests|pydantic|fastapi|starlette|paramiko|ldap3?|pymongo|motor|boto3|asyncpg|aiosmtplib|kombu|celery|pika|aioredis|urllib3|ftplib|imaplib|poplib)\b/;
const MODEL_MODULE = /(?:^|\.)(?:models?|entities|entity|orm|tables|db|domain)(?:\.|$)/;

interface ClassInfo {
  readonly node: SyntaxNode;
  readonly model: boolean;
}

const classCache = new WeakMap<PyFile, Map<string, ClassInfo>>();

/** Classes defined in the file (any nesting level outside functions), by name. */
function classes(py: PyFile): Map<string, ClassInfo> {
  let map = classCache.get(py);
  if (map) return map;
  map = new Map();
  const visit = (node: SyntaxNode): void => {
    for (const child of named(node)) {
      if (child.type === 'class_definition') {
        const name = child.childForFieldName('name')?.text;
        if (name) map!.set(name, { node: child, model: classDefIsModel(child) });
        visit(child.childForFieldName('body') ?? child);
      } else if (child.type === 'decorated_definition' || child.type === 'block' || child.type === 'if_statement') visit(child);
    }
  };
  visit(py.tree.rootNode);
  classCache.set(py, map);
  return map;
}

function classDefIsModel(cls: SyntaxNode): boolean {
  const name = cls.childForFieldName('name')?.text ?? '';
  const bases = cls.childForFieldName('superclasses')?.text ?? '';
  if (DTO_BASES.test(bases)) return MODEL_SUFFIX.test(name);
  if (/\bSQLModel\b/.test(bases)) return /table\s*=\s*True/.test(bases);
  if (MODEL_BASES.test(bases)) return true;
  const deco = cls.parent?.type === 'decorated_definition' ? cls.parent.text.slice(0, cls.startIndex - cls.parent.startIndex) : '';
  if (/@(?:dataclasses\.)?dataclass\b|@attr\.s\b|@define\b/.test(deco)) return true;
  return isModelName(name);
}

/** A class name that reads like a stored entity: `User`, `UserInDB`, `Account`; not `UserCreate`, `LoginForm`, `Redis`. */
function isModelName(name: string): boolean {
  if (!/^[A-Z]/.test(name) || /^[A-Z0-9_]+$/.test(name)) return false;
  if (MODEL_SUFFIX.test(name) && !/^(?:Base)?Model$/.test(name)) return true;
  const toks = nameTokens(name);
  if (toks.some((t) => NOT_MODEL_WORDS.has(t))) return false;
  return toks.some((t) => USER_CLASS_WORDS.has(t));
}

/**
 * Is the class a call constructs (or a classmethod hangs off) an ORM or
 * domain model? `models.User`, a `class User(Base)` of this file, a name
 * imported from a `models` module, or a user-like name that is not a DTO.
 */
export function isModelClass(py: PyFile, fn: SyntaxNode): boolean {
  const n = unparen(fn);
  const last = n.type === 'attribute' ? n.childForFieldName('attribute')?.text : n.type === 'identifier' ? n.text : undefined;
  if (!last || !/^[A-Z]/.test(last) || /^[A-Z0-9_]+$/.test(last)) return false;
  const qualified = py.qualify(n) ?? last;
  if (INFRA_PACKAGES.test(qualified)) return false;
  if (n.type === 'identifier') {
    const local = classes(py).get(last);
    if (local) return local.model;
  }
  if (MODEL_SUFFIX.test(last) && !/^(?:Base)?Model$/.test(last)) return true;
  if (nameTokens(last).some((t) => NOT_MODEL_WORDS.has(t))) return false;
  const module = qualified.includes('.') ? qualified.slice(0, qualified.lastIndexOf('.')) : '';
  return MODEL_MODULE.test(module) || isModelName(last);
}

/** The class a node is inside (through methods), if any. */
export function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'class_definition') return p;
  return undefined;
}

const FETCH_METHODS = new Set(['get', 'first', 'one', 'one_or_none', 'scalar', 'scalar_one', 'scalar_one_or_none', 'fetchone', 'fetchrow', 'find_one', 'get_or_none', 'first_or_404', 'get_or_404']);
const WRAPPERS = new Set(['Annotated', 'Optional', 'Union', 'List', 'Dict', 'Depends', 'Security', 'None', 'Any', 'Form', 'Body']);

/** Does an annotation name a DTO/form type (input) or a model (record)? */
function annotationRole(py: PyFile, annotation: SyntaxNode): Role {
  const text = annotation.text;
  if (/\b(?:Form|Body)\s*\(/.test(text)) return 'input';
  const words = (text.match(/\b[A-Z]\w*/g) ?? []).filter((w) => !WRAPPERS.has(w));
  if (words.some((w) => nameTokens(w).some((t) => NOT_MODEL_WORDS.has(t)))) return 'input';
  const local = words.map((w) => classes(py).get(w)).find((c) => c);
  if (local) return local.model ? 'record' : 'input';
  if (words.some((w) => isModelName(w))) return 'record';
  return 'unknown';
}

/**
 * What the object an expression hangs off is: a request input (`body`,
 * `form_data: OAuth2PasswordRequestForm`), a stored record (`user`,
 * `db_user = session.get(User, id)`, `self` in a model), configuration
 * (`settings`, `os.environ`), or unknown.
 */
export function roleOf(py: PyFile, root: SyntaxNode, depth = 0): Role {
  const name = root.text;
  if (name === 'self' || name === 'cls') {
    const cls = enclosingClass(root);
    const info = cls && classes(py).get(cls.childForFieldName('name')?.text ?? '');
    return info?.model ? 'record' : 'unknown';
  }
  if (/^[A-Z]/.test(name)) return isModelClass(py, root) ? 'record' : 'unknown';
  const imported = py.imports.get(name);
  if (imported && (/^(?:os|flask\.current_app|django\.conf)/.test(imported) || /settings|config/i.test(imported))) return 'config';
  const fn = imported ? undefined : enclosingFunction(root);
  if (fn) {
    const param = py.params(fn).find((p) => p.name === name);
    if (param?.annotation) {
      const role = annotationRole(py, param.annotation);
      if (role !== 'unknown') return role;
    }
    if (param?.default && /\b(?:Form|Body)\s*\(/.test(param.default.text)) return 'input';
  }
  const toks = nameTokens(name);
  if (toks.some((t) => INPUT_WORDS.has(t))) return 'input';
  if (toks.some((t) => RECORD_WORDS.has(t))) return 'record';
  if (toks.some((t) => CONFIG_WORDS.has(t))) return 'config';
  if (depth < 2 && !imported) {
    let value = py.singleBinding(root);
    if (value?.type === 'await') value = value.namedChild(0) ?? undefined;
    if (value?.type === 'call') {
      const method = py.methodName(value);
      const fnNode = value.childForFieldName('function');
      if (fnNode && isModelClass(py, fnNode)) return 'record';
      if (method && (FETCH_METHODS.has(method) || /^(?:get|find|load|fetch)_(?:user|account|by|member|customer)/.test(method))) return 'record';
    }
    if (value && value.type !== 'call') {
      const inner = rootOf(value);
      if (inner && inner.id !== root.id) return roleOf(py, inner, depth + 1);
    }
  }
  return 'unknown';
}
