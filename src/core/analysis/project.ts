// Facts about the project around the analysed file, gathered once from a
// lexical pass over its Python files: where settings live, which function
// hashes passwords, which dependencies authenticate, whether `.env.example`
// exists. Rules read them to decide (missing-auth) and fixes use them to
// write code that fits the project (move a secret into *its* settings).
import { collectTsProjectFacts, type TsProjectFacts } from './ts/project';

export interface ProjectFile {
  /** Relative path with forward slashes. */
  readonly path: string;
  readonly source: string;
}

export interface SettingsFacts {
  /** File that defines the settings class and instance, e.g. `app/settings.py`. */
  readonly path: string;
  /** Import path of that module, e.g. `app.settings`. */
  readonly module: string;
  readonly className: string;
  /** Module-level instance name (`settings = Settings()`), if any. */
  readonly instance: string | undefined;
}

export interface HasherFacts {
  readonly module: string;
  /** Function that hashes a password, e.g. `hash_password`. */
  readonly hash: string;
  /** Its counterpart in the same module that checks a password against a hash, e.g. `verify_password`, if any. */
  readonly verify?: string;
}

export interface AuthDependencyFacts {
  /** Name as importable: a function (`get_current_user`) or an `Annotated` alias (`CurrentUserDep`). */
  readonly name: string;
  readonly module: string;
  readonly kind: 'function' | 'alias';
  /**
   * For a dependency that authenticates through another one (`require_admin`
   * whose parameter is `Depends(get_current_user)`, or an alias), the name it
   * relies on; undefined for a dependency that checks credentials itself.
   */
  readonly via?: string;
}

/** A router variable of a module that every request reaches only through an auth dependency. */
export interface ProtectedRouterFacts {
  /** Import path of the module defining the router, e.g. `app.routers.items`. */
  readonly module: string;
  /** Variable name of the router (`router`) or app (`app`) in that module. */
  readonly variable: string;
  /** The auth dependency that guards it and where: `get_current_user (include_router in app/main.py)`. */
  readonly reason: string;
  /** File where the guard is written (the router's own file, or the one calling `include_router`). */
  readonly path: string;
}

/** One `parent.include_router(child, prefix=...)` call. */
export interface RouterIncludeFacts {
  readonly parentModule: string;
  readonly parentVariable: string;
  readonly module: string;
  readonly variable: string;
  /** The constant `prefix=` given at inclusion, if any. */
  readonly prefix: string | undefined;
  /** The `prefix=` expression as written when it is not a string literal (`settings.API_V1_STR`). */
  readonly prefixExpression?: string;
  /** Offset of the `include_router` call in its file. */
  readonly offset?: number;
  /** File holding the call. */
  readonly path: string;
  /** The call sits under `if settings.ENVIRONMENT == "local":` (or a DEBUG / dev check): production never mounts it. */
  readonly devOnly?: boolean;
}

export interface ProjectFacts {
  /** Texts of project files a fix may edit (settings module, `.env.example`), by path. */
  readonly files: ReadonlyMap<string, string>;
  readonly settings: SettingsFacts | undefined;
  /** Path of `.env.example` at the project root (or beside the settings package), if present. */
  readonly envExample: string | undefined;
  readonly hasher: HasherFacts | undefined;
  /** Dependencies that authenticate the caller; empty when the project has no auth. */
  readonly authDependencies: readonly AuthDependencyFacts[];
  /** Routers (and apps) guarded as a whole: `APIRouter(dependencies=[...])`, `include_router(..., dependencies=[...])`, `FastAPI(dependencies=[...])`. */
  readonly protectedRouters?: readonly ProtectedRouterFacts[];
  /** Every `include_router` call found, for prefixes and app membership. */
  readonly routerIncludes?: readonly RouterIncludeFacts[];
  /** `Class.field` pairs a model hashes itself: a Pydantic `field_validator`/`model_validator` or SQLAlchemy `@validates` calling a hasher. */
  readonly hashedFields?: readonly string[];
  /** TypeScript/JavaScript facts (auth middleware, routers mounted behind it, zod schemas): see ./ts/project.ts. */
  readonly ts?: TsProjectFacts;
  /** Dotted names of the analysed Python modules: an auth-named import from any other module is taken on its name. */
  readonly pythonModules?: readonly string[];
  /**
   * Classes that authenticate every route they carry: class-based views whose
   * class attributes (or a base class's) depend on the current user
   * (`user: User = Depends(get_current_user)` under `@cbv(router)`), and
   * `APIRouter` subclasses that pass an auth dependency to `super().__init__`.
   */
  readonly guardedClasses?: readonly GuardedClassFacts[];
  /**
   * The parameters FastAPI fills for each named dependency of the project
   * (functions, factories' inner callables, callable classes, module-level
   * instances, `Annotated` aliases), followed through their own dependencies:
   * a path placeholder one of them takes is consumed (`authz: AuthorizeAccountRead`
   * takes `{id}`). Only entries that take something are kept.
   */
  readonly dependencyParams?: Readonly<Record<string, readonly string[]>>;
  /** Names of the project's Enum classes (`class WebhookEventType(StrEnum)`), any module: their members are constants. */
  readonly enumClasses?: readonly string[];
}

export interface GuardedClassFacts {
  readonly name: string;
  readonly module: string;
  /** The auth dependency, or the guarded base class it inherits it from. */
  readonly via: string;
  /** An `APIRouter` subclass: routers made from it are guarded as a whole. */
  readonly router: boolean;
}

export const EMPTY_FACTS: ProjectFacts = { files: new Map(), settings: undefined, envExample: undefined, hasher: undefined, authDependencies: [], protectedRouters: [], routerIncludes: [] };

/** `app/core/settings.py` → `app.core.settings`. */
export function moduleOfPath(path: string): string {
  return path.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

const SETTINGS_CLASS = /^class\s+(\w+)\s*\(\s*(?:[\w.]*\.)?BaseSettings\s*\)\s*:/m;
const HASH_FN = /^(?:async\s+)?def\s+(hash_password|get_password_hash|hash_pw|make_password)\s*\(/m;
/** Names that, by convention, are the dependency resolving the logged-in caller. */
export const AUTH_NAME = /^(get_current_user|get_current_active_user|get_current_active_superuser|get_current_superuser|get_current_admin|get_current_account|get_current_principal|current_user|current_active_user|require_user|require_auth|require_login|get_user_from_token|verify_token|verify_jwt|verify_api_key|validate_token|authenticated_user|get_authenticated_user|get_token_user|check_auth|auth_required)$/;
/** Security scheme classes whose instances read credentials from the request. */
export const SECURITY_SCHEMES = /\b(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|HTTPBearer|HTTPBasic|HTTPDigest|APIKeyHeader|APIKeyCookie|APIKeyQuery|OpenIdConnect)\s*\(/;
const TOKEN_DECODE = /\b(jwt\.decode|decode_access_token|decode_token|decode_jwt|verify_jwt|verify_id_token|jwt_decode)\s*\(|\bjwt\.JWT\(/;
const ANNOTATED_ALIAS = /^(\w+)[ \t]*(?::[ \t]*[\w.]+[ \t]*)?=[ \t]*(?:typing\.|typing_extensions\.)?Annotated\[[^\n]*(?:\n[ \t]+[^\n]*)*/gm;
const RAISES_401 = /HTTP_401_UNAUTHORIZED|status_code\s*=\s*401\b|HTTPException\(\s*401\b/;
const VERIFY_FN = /^(?:async\s+)?def\s+(verify_password|check_password|verify_pw|check_pw|password_matches)\s*\(/m;

interface PyDef {
  readonly name: string;
  readonly params: string;
  readonly body: string;
}

/** Module-level `def`s with their parameter text and body text (lexical, indentation based). */
function topLevelDefs(source: string): PyDef[] {
  const out: PyDef[] = [];
  // Route handlers are not dependencies even when they take the current user.
  const handlers = new Set<number>();
  for (const d of source.matchAll(/^@[\w.]+\.(?:get|post|put|patch|delete|head|options|api_route|route|websocket)[ \t]*\(/gm)) {
    const close = matchingParen(source, d.index! + d[0].length - 1);
    const def = close < 0 ? undefined : /^(?:async[ \t]+)?def[ \t]/m.exec(source.slice(close));
    if (def) handlers.add(close + def.index);
  }
  const re = /^(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/gm;
  for (const m of source.matchAll(re)) {
    if (handlers.has(m.index!)) continue;
    const open = m.index! + m[0].length - 1;
    const close = matchingParen(source, open);
    if (close < 0) continue;
    const next = /\n(?=[^\s#)\]])/g;
    next.lastIndex = close;
    const end = next.exec(source)?.index ?? source.length;
    out.push({ name: m[1]!, params: source.slice(open + 1, close), body: source.slice(close + 1, end) });
  }
  return out;
}

/** Index of the `)` closing the `(` at `open`, skipping strings; -1 if unbalanced. */
export function matchingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'") {
      const q = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const end = source.indexOf(q, i + q.length);
      if (end < 0) return -1;
      i = end + q.length - 1;
    } else if (c === '#') {
      const nl = source.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
  }
  return -1;
}

/** Names passed to `Depends(x)` / `Security(x)` in a piece of code (`deps.get_user` → `get_user`). */
export function dependsNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:Depends|Security)\(\s*(?:dependency\s*=\s*)?([\w.]+)(\([^)]*\))?/g)) {
    // `Depends(get_user_authorizer(required=False))` asks for an optional user: not a guard.
    if (m[2] && /\b(required\s*=\s*False|auto_error\s*=\s*False|optional\s*=\s*True)\b/.test(m[2])) continue;
    out.push(m[1]!.split('.').pop()!);
  }
  return out;
}

/** Local name → [module, name] from the file's `from … import …` / `import … as …` lines (relative imports resolved). */
export function importsOf(source: string, module: string, isPackage: boolean): Map<string, [string, string | undefined]> {
  const map = new Map<string, [string, string | undefined]>();
  const pkgParts = module.split('.');
  if (!isPackage) pkgParts.pop();
  const absolute = (mod: string): string => {
    const dots = /^\.*/.exec(mod)![0].length;
    if (dots === 0) return mod;
    const base = pkgParts.slice(0, pkgParts.length - (dots - 1));
    const rest = mod.slice(dots);
    return [...base, ...(rest ? [rest] : [])].join('.');
  };
  for (const m of source.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
    const mod = absolute(m[1]!);
    for (const item of m[2]!.replace(/[()]/g, '').replace(/#[^\n]*/g, '').split(',')) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (name && /^\w+$/.test(name)) map.set((alias ?? name).trim(), [mod, name]);
    }
  }
  for (const m of source.matchAll(/^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?/gm)) {
    map.set(m[2] ?? m[1]!.split('.')[0]!, [m[2] ? m[1]! : m[1]!.split('.')[0]!, undefined]);
  }
  return map;
}

interface RouterDecl {
  readonly path: string;
  readonly module: string;
  readonly variable: string;
  readonly deps: string[];
}

/**
 * What one file contributes to the project facts: found by a lexical pass over
 * that file alone, so an index can keep one per file and re-derive the facts
 * after an edit without reading the other files again (`combineFileFacts`).
 */
export interface FileFacts {
  readonly path: string;
  /** Text kept for the facts' `files` (settings module, `.env.example`), when this file is one. */
  readonly text: string | undefined;
  readonly envExample: boolean;
  readonly settings: SettingsFacts | undefined;
  readonly hasher: HasherFacts | undefined;
  readonly defs: readonly DefFacts[];
  readonly schemeObjects: readonly { name: string; module: string; via: string }[];
  readonly aliases: readonly { name: string; targets: string[]; module: string }[];
  readonly decls: readonly RouterDecl[];
  readonly includes: readonly (RouterIncludeFacts & { deps: string[] })[];
  readonly hashedFields?: readonly string[];
  /** Auth-named dependencies and aliases imported from another module (`from app.auth import get_current_agent`). */
  readonly authImports?: readonly { name: string; original: string; module: string }[];
  readonly classes?: readonly ClassFacts[];
  /** Names this file passes to `Depends(...)`/`Security(...)` or annotates parameters with: the dependencies worth describing. */
  readonly dependencyRefs?: readonly string[];
  readonly enumClasses?: readonly string[];
  /** Module-level `x = factory(...)` bindings: an auth dependency when the factory is one (`_MemberRead = Authenticator(...)`). */
  readonly instances?: readonly { name: string; module: string; via: string }[];
}

/** A module-level class: its base names and the dependency names its class attributes or `super().__init__(dependencies=…)` declare. */
interface ClassFacts {
  readonly name: string;
  readonly module: string;
  readonly bases: readonly string[];
  readonly deps: readonly string[];
  /** Dependencies and annotations of its `__call__` parameters: an instance used as `Depends(Checker(...))` runs them. */
  readonly callDeps: readonly string[];
  /** Parameter names of its `__call__`. */
  readonly callTakes?: readonly string[];
}

/**
 * Classes that may carry dependencies for their routes: class attributes
 * `name: T = Depends(x)` / `name: Alias` at the body's own indentation (cbv),
 * and for `APIRouter` subclasses the `dependencies=[...]` handed to the base.
 */
function classFacts(source: string, module: string): ClassFacts[] {
  const out: ClassFacts[] = [];
  for (const m of source.matchAll(/^class[ \t]+(\w+)[ \t]*(?:\(([^)]*)\))?[ \t]*:[^\n]*\n/gm)) {
    const bases = (m[2] ?? '').split(',').map((b) => b.trim().split('[')[0]!.split('.').pop()!).filter((b) => /^\w+$/.test(b));
    const start = m.index! + m[0].length;
    const next = /\n(?=[^\s#)\]])/g;
    next.lastIndex = start;
    const body = source.slice(start, next.exec(source)?.index ?? source.length);
    const indent = /^([ \t]+)\S/m.exec(body)?.[1];
    if (!indent) continue;
    const deps: string[] = [];
    const attr = new RegExp(`^${indent}\\w+[ \\t]*:[ \\t]*([\\w.]+)[^=\\n]*(?:=([^\\n]*))?$`, 'gm');
    for (const a of body.matchAll(attr)) {
      deps.push(a[1]!.split('.').pop()!);
      if (a[2]) deps.push(...dependsNames(a[2]));
    }
    if (bases.length > 0 && /dependencies\s*=/.test(body)) {
      const call = /super\(\)\.__init__\(/.exec(body);
      const close = call ? matchingParen(body, call.index + call[0].length - 1) : -1;
      if (call && close > 0) deps.push(...dependsNames(body.slice(call.index, close)));
    }
    const callDeps: string[] = [];
    let callTakes: string[] | undefined;
    const call = /^[ \t]+(?:async[ \t]+)?def[ \t]+__call__[ \t]*\(/m.exec(body);
    const callClose = call ? matchingParen(body, call.index + call[0].length - 1) : -1;
    if (call && callClose > 0) {
      const signature = signatureOf(body.slice(call.index + call[0].length, callClose));
      callDeps.push(...signature.uses);
      callTakes = signature.takes;
    }
    if (deps.length > 0 || bases.length > 0 || callDeps.length > 0) out.push({ name: m[1]!, module, bases, deps, callDeps, ...(callTakes ? { callTakes } : {}) });
  }
  return out;
}

/**
 * Names that say "this dependency authenticates the caller". Taken on the
 * name alone only for a name imported from a module outside the analysed
 * tree (whose body cannot be read); a project function is judged by its body.
 */
const IMPORTED_AUTH_FUNCTION = /^(get_)?(current_(active_)?(user|agent|account|member|principal|admin|superuser|client|identity|operator|staff)|(require|requires|ensure|verify|validate)_(user|auth|authenticated|authentication|login|admin|superuser|token|jwt|api_key|apikey|access_token|bearer|credentials)|check_(auth|authentication|token|jwt|api_key|credentials)|authenticate(d)?(_user|_request|_agent|_client)?|auth_(required|user|dependency)|authenticated_(user|agent|account|client)|(user|agent|principal)_from_(token|jwt|session)|logged_in_user)$/;
const IMPORTED_AUTH_ALIAS = /^(Current(Active)?(User|Agent|Account|Admin|Superuser|Principal|Member|Client)|(Authenticated|Auth|LoggedIn|Verified)(User|Agent|Account|Principal|Client))(Dep|Dependency)?$/;
const IMPORTED_AUTH_QUICK = /current_|Current[A-Z]|require|ensure_|verify_|validate_|check_|authenticat|auth_|Auth[A-Z]|from_token|from_jwt|from_session|logged_in|LoggedIn|Verified/;

/** A module-level function, as the auth fixpoint needs it (the regex work done once per file). */
interface DefFacts {
  readonly name: string;
  readonly module: string;
  /** Checks credentials itself (by name, a security scheme, a token decode or a 401 on credentials). */
  readonly checksCredentials: boolean;
  /** Names it may authenticate through (parameters' dependencies and annotations, inner or returned functions); empty for optional users. */
  readonly relies: readonly string[];
  /** Parameter names FastAPI fills when this is a dependency (of the returned inner callable, for a factory). */
  readonly takes?: readonly string[];
  /** Dependencies and annotations of those parameters, whose own parameters FastAPI fills too. */
  readonly uses?: readonly string[];
}

/** `a: int, b: X = Depends(y), *, c=1` → `["a", "b", "c"]` (top-level commas only). */
function paramNames(params: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= params.length; i++) {
    const ch = params[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if ((ch === ',' && depth === 0) || i === params.length) {
      const name = /^\s*(\w+)/.exec(params.slice(start, i))?.[1];
      if (name && name !== 'self' && name !== 'cls') out.push(name);
      start = i + 1;
    }
  }
  return out;
}

/** What FastAPI fills for a dependency with these parameters: their names, and the dependencies they name. */
function signatureOf(params: string): { takes: string[]; uses: string[] } {
  return { takes: paramNames(params), uses: [...dependsNames(params), ...[...params.matchAll(/:\s*([\w.]+)/g)].map((a) => a[1]!.split('.').pop()!)] };
}

/** What the auth fixpoint needs to know about one `def`. */
function defFacts(def: PyDef, module: string, schemes: ReadonlySet<string>): DefFacts {
  // An optional user (`auto_error=False` and no 401 of its own, `get_current_user_optional`) guards nothing.
  const optionalName = /optional/i.test(def.name);
  let checksCredentials = false;
  // `authenticate_user(db, email, password)` is the login helper, not a dependency.
  if (!/\bpassword\b/.test(def.params) && !(optionalName || (/auto_error\s*=\s*False/.test(def.params) && !RAISES_401.test(def.body) && !/HTTP_403|status_code\s*=\s*403/.test(def.body)))) {
    const usesScheme = /\bSecurity\(/.test(def.params) || dependsNames(def.params).some((n) => schemes.has(n));
    const decodes = TOKEN_DECODE.test(def.body) && RAISES_401.test(def.body);
    // A 401 raised after reading the caller's credentials: from a parameter, or from the request (`authenticate(session, request)`, cookies, the Authorization header).
    const raisesOnCredentials = RAISES_401.test(def.body) && (/\b(token|authorization|credentials|api_key|x_api_key)\b/i.test(def.params) || /\bauthenticate\w*\s*\(|\.cookies\b|["']authorization["']/i.test(def.body));
    // A dependency factory whose inner callable asks for `Security(..., scopes=...)`: FastAPI's own marker of an authenticating dependency.
    const securityFactory = /\n[ \t]+(?:async[ \t]+)?(?:def|class)[ \t]/.test(def.body) && /\bSecurity\(/.test(def.body);
    checksCredentials = AUTH_NAME.test(def.name) || usesScheme || decodes || raisesOnCredentials || securityFactory;
  }
  if (optionalName) return { name: def.name, module, checksCredentials, relies: [] };
  const annotated = [...def.params.matchAll(/:\s*([\w.]+)/g)].map((a) => a[1]!.split('.').pop()!);
  // A factory (`require_role("admin")`) returns an inner function that depends on the user.
  const inner = /\n[ \t]+(?:async[ \t]+)?def[ \t]/.test(def.body) ? dependsNames(def.body) : [];
  // A factory returning one (`return _get_current_user if required else _get_current_user_optional`).
  const returned = [...def.body.matchAll(/^[ \t]+return[ \t]+(\w+)/gm)].map((r) => r[1]!);
  let signature = signatureOf(def.params);
  // The returned inner callable's own parameters may name an auth alias (`auth_subject: WebUserSession`).
  for (const m of inner.length > 0 || returned.length > 0 ? def.body.matchAll(/^[ \t]+(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/gm) : []) {
    if (!returned.includes(m[1]!)) continue;
    const close = matchingParen(def.body, m.index! + m[0].length - 1);
    if (close < 0) continue;
    const own = def.body.slice(m.index! + m[0].length, close);
    inner.push(...[...own.matchAll(/:\s*([\w.]+)/g)].map((a) => a[1]!.split('.').pop()!));
    // A factory: FastAPI fills the inner callable's parameters, not the factory's.
    signature = signatureOf(own);
  }
  // `_authenticator = Authenticator(...)` then `Depends(_authenticator)` inside: the factory relies on `Authenticator`.
  for (const m of inner.length > 0 ? def.body.matchAll(/^[ \t]+(\w+)[ \t]*(?::[^=\n]+)?=[ \t]*([\w.]+)\(/gm) : []) {
    if (inner.includes(m[1]!)) inner.push(m[2]!.split('.').pop()!);
  }
  // Local names inside the factory (`_authenticator = Authenticator(...)`) stand for what they were made from.
  const uses = signature.uses.flatMap((u) => { const made = new RegExp(`^[ \\t]+${u}[ \\t]*(?::[^=\\n]+)?=[ \\t]*([\\w.]+)\\(`, 'm').exec(def.body)?.[1]; return made ? [made.split('.').pop()!] : [u]; });
  // One that reads `request.path_params` takes whatever placeholder it wants ('*').
  const takes = def.body.includes('path_params') ? [...signature.takes, '*'] : signature.takes;
  return { name: def.name, module, checksCredentials, relies: [...dependsNames(def.params), ...annotated, ...inner, ...returned], takes, uses };
}

const HASH_CALL = /\b(\w*hash\w*|bcrypt\.\w+|argon2\.\w+|\w*encrypt\w*|make_password|generate_password_hash)\s*\(/i;

/**
 * `Class.field` pairs whose class hashes the field on its own: a Pydantic
 * `@field_validator("password", ...)`/`@validator` or SQLAlchemy
 * `@validates("password")` whose function returns a hash, or a
 * `@model_validator` assigning a hashed value to a password field. The
 * value read back from such an object (`user_in.password`) is the hash.
 */
function validatorHashedFields(source: string): string[] {
  const out: string[] = [];
  for (const cls of source.matchAll(/^class[ \t]+(\w+)[^\n]*:\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)/gm)) {
    const name = cls[1]!;
    const body = cls[2]!;
    // Each decorated method: its decorators and its body up to the next decorator or def at the same indent.
    for (const m of body.matchAll(/^([ \t]+)@(field_validator|validator|validates|model_validator|root_validator)\b([^\n]*)\n((?:\1@[^\n]*\n)*)\1(?:async[ \t]+)?def[^\n]*\n((?:\1[ \t]+[^\n]*\n|[ \t]*\n)*)/gm)) {
      const fnBody = m[5]!;
      if (!HASH_CALL.test(fnBody)) continue;
      if (m[2] === 'model_validator' || m[2] === 'root_validator') {
        for (const a of fnBody.matchAll(/\.(\w*pass\w*)\s*=(?!=)([^\n]*)|\[["'](\w*pass\w*)["']\]\s*=(?!=)([^\n]*)/g)) if (HASH_CALL.test(a[2] ?? a[4] ?? '')) out.push(`${name}.${a[1] ?? a[3]}`);
        continue;
      }
      for (const f of m[3]!.matchAll(/["'](\w+)["']/g)) if (/pass|pwd/i.test(f[1]!)) out.push(`${name}.${f[1]}`);
    }
  }
  return out;
}

/** The facts one file contributes (nothing for files that are neither Python nor `.env.example`). */
export function fileFacts(file: ProjectFile): FileFacts {
  const empty = { path: file.path, text: undefined, envExample: false, settings: undefined, hasher: undefined, defs: [], schemeObjects: [], aliases: [], decls: [], includes: [] };
  if (/(^|\/)\.env\.example$/.test(file.path)) return { ...empty, text: file.source, envExample: true };
  if (!file.path.endsWith('.py')) return empty;
  const source = file.source;
  const module = moduleOfPath(file.path);
  let settings: SettingsFacts | undefined;
  let text: string | undefined;
  let hasher: HasherFacts | undefined;
  const defs: DefFacts[] = [];
  const schemeObjects: { name: string; module: string; via: string }[] = [];
  const instances: { name: string; module: string; via: string }[] = [];
  const aliases: { name: string; targets: string[]; module: string }[] = [];
  const decls: RouterDecl[] = [];
  const includes: (RouterIncludeFacts & { deps: string[] })[] = [];
  if (source.includes('BaseSettings')) {
    const match = SETTINGS_CLASS.exec(source);
    if (match) {
      const className = match[1]!;
      const instance = new RegExp(`^(\\w+)\\s*(?::\\s*${className}\\s*)?=\\s*${className}\\(`, 'm').exec(source)?.[1];
      settings = { path: file.path, module, className, instance };
      text = source;
    }
  }
  const hashMatch = HASH_FN.exec(source);
  if (hashMatch) {
    const verify = VERIFY_FN.exec(source)?.[1];
    hasher = { module, hash: hashMatch[1]!, ...(verify ? { verify } : {}) };
  }
  if (source.includes('def ')) {
    const schemes = new Set<string>();
    if (SECURITY_SCHEMES.test(source)) {
      for (const m of source.matchAll(/^(\w+)\s*(?::[^=\n]+)?=\s*(?:[\w.]*\.)?(\w+)\s*\(/gm)) if (SECURITY_SCHEMES.test(`${m[2]}(`)) schemes.add(m[1]!);
    }
    for (const def of topLevelDefs(source)) defs.push(defFacts(def, module, schemes));
  }
  // Credentials read by a scheme object (`oauth2_scheme = OAuth2PasswordBearer(...)`, `class JWTBearer(HTTPBearer)`),
  // or by a library-made dependency (`current_active_user = fastapi_users.current_user(active=True)`).
  for (const m of source.matchAll(/^(\w+)[ \t]*(?::[^=\n]+)?=[ \t]*(?:[\w.]*\.)?(\w+)[ \t]*\(/gm)) {
    if (SECURITY_SCHEMES.test(`${m[2]}(`)) schemeObjects.push({ name: m[1]!, module, via: m[2]! });
    else if (m[2] === 'current_user' && /\.current_user[ \t]*\($/.test(m[0])) schemeObjects.push({ name: m[1]!, module, via: 'current_user' });
    else if (!/^[A-Z_\d]+$/.test(m[1]!) && !/(?:Router|FastAPI|Blueprint|Flask)$/.test(m[2]!)) instances.push({ name: m[1]!, module, via: m[2]! });
  }
  for (const m of source.matchAll(/^class[ \t]+(\w+)[ \t]*\([ \t]*(?:[\w.]*\.)?(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|HTTPBearer|HTTPBasic|APIKeyHeader|APIKeyCookie|APIKeyQuery|OpenIdConnect)\b/gm)) {
    schemeObjects.push({ name: m[1]!, module, via: `class:${m[2]!}` });
  }
  if (source.includes('Annotated[')) {
    for (const m of source.matchAll(ANNOTATED_ALIAS)) aliases.push({ name: m[1]!, targets: dependsNames(m[0]), module });
  }
  if (source.includes('include_router') || /dependencies\s*=/.test(source)) collectRouting(file.path, source, module, decls, includes);
  const hashedFields = /validator|validates/.test(source) ? validatorHashedFields(source) : [];
  const authImports: { name: string; original: string; module: string }[] = [];
  if (IMPORTED_AUTH_QUICK.test(source) && /^[ \t]*from[ \t]/m.test(source)) {
    for (const [local, [from, original]] of importsOf(source, module, /(^|\/)__init__\.py$/.test(file.path))) {
      if (original && (IMPORTED_AUTH_FUNCTION.test(original) || IMPORTED_AUTH_ALIAS.test(original))) authImports.push({ name: local, original, module: from });
    }
  }
  const classes = /^class[ \t]/m.test(source) && /Depends|Security|APIRouter|Annotated/.test(source) ? classFacts(source, module) : [];
  const dependencyRefs = /Depends\(|Security\(/.test(source) ? [...new Set(dependsNames(source))] : [];
  const enumClasses = /Enum\b|Flag\b/.test(source) ? [...source.matchAll(/^class[ \t]+(\w+)[ \t]*\([^)]*\b(?:(?:Str|Int)?Enum|IntFlag|Flag)\b/gm)].map((m) => m[1]!) : [];
  return { path: file.path, text, envExample: false, settings, hasher, defs, schemeObjects, aliases, decls, includes, hashedFields, authImports, classes, instances, dependencyRefs, enumClasses };
}

/**
 * Gather project facts from the project's files (Python sources plus `.env.example`).
 * `known` seeds the auth dependencies (the project's, when collecting one
 * edited file on its own); only the newly found ones are returned.
 */
export function collectProjectFacts(files: readonly ProjectFile[], known: readonly AuthDependencyFacts[] = [], modules: readonly string[] = []): ProjectFacts {
  return { ...combineFileFacts(files.map(fileFacts), known, modules), ts: collectTsProjectFacts(files) };
}

/** The project facts from every file's contribution, in file order (the first settings class and hasher win). */
export function combineFileFacts(pieces: Iterable<FileFacts>, known: readonly AuthDependencyFacts[] = [], modules: readonly string[] = []): ProjectFacts {
  const texts = new Map<string, string>();
  let settings: SettingsFacts | undefined;
  let envExample: string | undefined;
  let hasher: HasherFacts | undefined;
  const defs: DefFacts[] = [];
  const schemeObjects: { name: string; module: string; via: string }[] = [];
  const aliases: { name: string; targets: string[]; module: string }[] = [];
  const decls: RouterDecl[] = [];
  const includes: (RouterIncludeFacts & { deps: string[] })[] = [];
  const hashedFields: string[] = [];
  const analysed = new Set(modules);
  const authImports: { name: string; original: string; module: string }[] = [];
  const classes: ClassFacts[] = [];
  const instances: { name: string; module: string; via: string }[] = [];
  const dependencyRefs = new Set<string>();
  const enumClasses = new Set<string>();
  for (const piece of pieces) {
    for (const e of piece.enumClasses ?? []) enumClasses.add(e);
    for (const r of piece.dependencyRefs ?? []) dependencyRefs.add(r);
    if (piece.path.endsWith('.py')) analysed.add(moduleOfPath(piece.path));
    authImports.push(...(piece.authImports ?? []));
    classes.push(...(piece.classes ?? []));
    instances.push(...(piece.instances ?? []));
    if (piece.envExample) {
      if (!envExample || piece.path.split('/').length < envExample.split('/').length) envExample = piece.path;
      texts.set(piece.path, piece.text ?? '');
      continue;
    }
    if (!settings && piece.settings) {
      settings = piece.settings;
      texts.set(piece.path, piece.text ?? '');
    }
    hasher ??= piece.hasher;
    defs.push(...piece.defs);
    schemeObjects.push(...piece.schemeObjects);
    aliases.push(...piece.aliases);
    decls.push(...piece.decls);
    includes.push(...piece.includes);
    hashedFields.push(...(piece.hashedFields ?? []));
  }

  // Functions that check credentials themselves, then (to a fixpoint) those that depend on one of them.
  const auth = new Map<string, AuthDependencyFacts>(known.map((k) => [k.name, k]));
  // `via` names the scheme class: usable as `Depends(x)` but not what a fix should add.
  for (const o of schemeObjects) if (!auth.has(o.name)) auth.set(o.name, { name: o.name, module: o.module, kind: 'function', via: o.via });
  for (const def of defs) if (def.checksCredentials) auth.set(def.name, { name: def.name, module: def.module, kind: 'function' });
  // Auth-named imports from modules this analysis cannot read (an installed package, a folder outside the tree),
  // once the project is seen to authenticate somewhere it can read: a name alone never turns the rule on.
  for (const imp of auth.size > 0 ? authImports : []) {
    // Renamed imports (`as agent`) are left: a fix would import the local name.
    if (imp.name !== imp.original || analysed.has(imp.module) || auth.has(imp.name)) continue;
    auth.set(imp.name, { name: imp.name, module: imp.module, kind: IMPORTED_AUTH_ALIAS.test(imp.original) ? 'alias' : 'function' });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const alias of aliases) {
      const via = alias.targets.find((t) => auth.has(t));
      if (via && !auth.has(alias.name)) {
        auth.set(alias.name, { name: alias.name, module: alias.module, kind: 'alias', via });
        changed = true;
      }
    }
    // Callable classes (`Depends(RoleChecker(...))`) whose `__call__` depends on the caller, or inherit such a `__call__`.
    for (const c of classes) {
      if (auth.has(c.name)) continue;
      const via = c.callDeps.find((d) => auth.has(d)) ?? (c.callDeps.length === 0 ? c.bases.find((b) => auth.get(b)?.kind === 'function' && classes.some((k) => k.name === b)) : undefined);
      if (!via) continue;
      auth.set(c.name, { name: c.name, module: c.module, kind: 'function', via });
      changed = true;
    }
    for (const inst of instances) {
      if (auth.has(inst.name) || !auth.has(inst.via) || auth.get(inst.via)!.kind !== 'function') continue;
      auth.set(inst.name, { name: inst.name, module: inst.module, kind: 'function', via: inst.via });
      changed = true;
    }
    for (const def of defs) {
      if (auth.has(def.name)) continue;
      const via = def.relies.find((n) => auth.has(n));
      if (via) {
        auth.set(def.name, { name: def.name, module: def.module, kind: 'function', via });
        changed = true;
      }
    }
  }
  const knownNames = new Set(known.map((k) => k.name));
  const authDependencies = [...auth.values()].filter((a) => !knownNames.has(a.name));
  const authNames = new Set(auth.keys());
  return { files: texts, settings, envExample, hasher, authDependencies, hashedFields, ...routing(decls, includes, authNames), pythonModules: [...analysed], guardedClasses: guardedClasses(classes, authNames), dependencyParams: dependencyParams(defs, classes, instances, aliases, dependencyRefs), enumClasses: [...enumClasses] };
}

/** See `ProjectFacts.dependencyParams`: names matched across modules by their last segment, followed four levels deep. */
function dependencyParams(
  defs: readonly DefFacts[],
  classes: readonly ClassFacts[],
  instances: readonly { name: string; via: string }[],
  aliases: readonly { name: string; targets: string[] }[],
  refs: ReadonlySet<string>,
): Record<string, string[]> {
  const direct = new Map<string, { takes: readonly string[]; uses: readonly string[] }>();
  for (const d of defs) if (d.takes && !direct.has(d.name)) direct.set(d.name, { takes: d.takes, uses: d.uses ?? [] });
  for (const c of classes) if (c.callTakes && !direct.has(c.name)) direct.set(c.name, { takes: c.callTakes, uses: c.callDeps });
  for (const i of instances) if (!direct.has(i.name)) direct.set(i.name, { takes: [], uses: [i.via] });
  for (const a of aliases) if (!direct.has(a.name)) direct.set(a.name, { takes: [], uses: a.targets });
  // A class without its own `__call__` inherits its base's.
  for (const c of classes) if (!direct.has(c.name)) { const base = c.bases.find((b) => direct.has(b)); if (base) direct.set(c.name, { takes: [], uses: [base] }); }
  const memo = new Map<string, Set<string>>();
  const resolve = (name: string, depth: number): Set<string> => {
    const hit = memo.get(name);
    if (hit) return hit;
    const out = new Set<string>();
    const entry = direct.get(name);
    if (!entry || depth > 4) return out;
    memo.set(name, out); // cycle guard
    for (const t of entry.takes) out.add(t);
    for (const u of entry.uses) if (u !== name) for (const t of resolve(u, depth + 1)) out.add(t);
    return out;
  };
  const result: Record<string, string[]> = {};
  const aliasNames = new Set(aliases.map((a) => a.name));
  for (const name of direct.keys()) {
    // Only what routes can name: dependencies passed to Depends() somewhere, and `Annotated` aliases.
    if (!refs.has(name) && !aliasNames.has(name)) continue;
    const params = resolve(name, 0);
    if (params.size > 0) result[name] = [...params];
  }
  return result;
}

/** Classes guarded by an auth dependency of their own or, to a fixpoint, by a guarded base class (matched by name). */
function guardedClasses(classes: readonly ClassFacts[], authNames: ReadonlySet<string>): GuardedClassFacts[] {
  const guarded = new Map<string, GuardedClassFacts>();
  const isRouter = (c: ClassFacts): boolean => c.bases.some((b) => b === 'APIRouter' || guarded.get(b)?.router === true);
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of classes) {
      if (guarded.has(c.name)) continue;
      const via = c.deps.find((d) => authNames.has(d)) ?? c.bases.find((b) => guarded.has(b));
      if (!via) continue;
      guarded.set(c.name, { name: c.name, module: c.module, via, router: isRouter(c) });
      changed = true;
    }
  }
  return [...guarded.values()];
}

/** `x = APIRouter(...)`/`FastAPI(...)` declarations with dependencies, and `include_router` calls, of one file. */
function collectRouting(path: string, source: string, module: string, decls: RouterDecl[], includes: (RouterIncludeFacts & { deps: string[] })[]): void {
  for (const m of source.matchAll(/^(\w+)\s*(?::[^=\n]+)?=\s*(?:[\w.]*\.)?(APIRouter|FastAPI)\s*\(/gm)) {
    const open = m.index! + m[0].length - 1;
    const close = matchingParen(source, open);
    if (close < 0) continue;
    const args = source.slice(open + 1, close);
    const deps = /dependencies\s*=/.test(args) ? dependsNames(args.slice(args.search(/dependencies\s*=/))) : [];
    decls.push({ path, module, variable: m[1]!, deps });
  }
  if (!source.includes('include_router')) return;
  const imports = importsOf(source, module, /(^|\/)__init__\.py$/.test(path));
  for (const m of source.matchAll(/([\w.]+)\.include_router\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchingParen(source, open);
    if (close < 0) continue;
    const args = source.slice(open + 1, close);
    const first = /^\s*([\w.]+)/.exec(args)?.[1];
    if (!first || first === 'router' && /^\s*router\s*=/.test(args)) continue;
    let target: [string, string] | undefined;
    const parts = first.split('.');
    if (parts.length === 1) {
      const imp = imports.get(first);
      target = imp ? (imp[1] ? [imp[0], imp[1]] : undefined) : [module, first];
    } else {
      const head = imports.get(parts[0]!);
      const variable = parts.pop()!;
      if (head) target = [[head[1] ? `${head[0]}.${head[1]}` : head[0], ...parts.slice(1)].join('.'), variable];
      else target = [parts.join('.'), variable];
    }
    if (!target) continue;
    // A literal only when it is the whole argument (`prefix="/api" + VERSION` is an expression).
    const prefix = /\bprefix\s*=\s*(["'])([^"'\n]*)\1(?=\s*(?:,|#|$))/.exec(args)?.[2];
    const prefixExpression = prefix === undefined ? keywordExpression(args, 'prefix') : undefined;
    const deps = /dependencies\s*=/.test(args) ? dependsNames(args.slice(args.search(/dependencies\s*=/))) : [];
    const parent = m[1]!.split('.').pop()!;
    const devOnly = underDevCondition(source, m.index!);
    includes.push({ parentModule: module, parentVariable: parent, module: target[0], variable: target[1], prefix, ...(prefixExpression ? { prefixExpression } : {}), ...(devOnly ? { devOnly } : {}), offset: m.index!, path, deps });
  }
}

/** `ENVIRONMENT == "local"`, `settings.ENV in ("dev", "test")`, `settings.DEBUG`, `is_development()`: a condition only a non-production run meets. */
const DEV_CONDITION = /\b\w*(?:ENV|ENVIRONMENT|env|environment|MODE|mode|STAGE|stage)\w*\s*(?:==|in)\s*[([]?\s*(["'])(?:local|dev|develop|development|test|testing)\1|^\s*(?:not\s+)?[\w.]*\b(?:DEBUG|debug)\s*$|\bis_(?:dev|local|development|debug)\w*\b/;

/**
 * Is the statement at `offset` inside an `if` block whose condition only a
 * development, test or debug run meets (lexically: the nearest less-indented
 * `if` line above it, and the `if` lines above that one)? An `else` branch does not count.
 */
function underDevCondition(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  let indent = /^[ \t]*/.exec(source.slice(lineStart))![0].length;
  if (indent === 0) return false;
  let end = lineStart - 1;
  while (end > 0 && indent > 0) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const line = source.slice(start, end);
    end = start - 1;
    const own = /^[ \t]*/.exec(line)![0].length;
    if (!line.trim() || line.trim().startsWith('#') || own >= indent) continue;
    indent = own;
    const cond = /^\s*(?:if|elif)\s+(.+?):\s*(?:#.*)?$/.exec(line)?.[1];
    if (cond !== undefined && !/\bnot\b|!=/.test(cond) && DEV_CONDITION.test(cond.replace(/^\(|\)$/g, ''))) return true;
    if (/^\s*(?:else|elif)\b/.test(line)) return false;
  }
  return false;
}

/** The text of `name=<expr>` in an argument list, up to the next top-level comma (calls and brackets kept whole). */
function keywordExpression(args: string, name: string): string | undefined {
  const at = new RegExp(`\\b${name}\\s*=(?!=)\\s*`).exec(args);
  if (!at) return undefined;
  const start = at.index + at[0].length;
  let depth = 0;
  let i = start;
  for (; i < args.length; i++) {
    const c = args[i]!;
    if (c === '"' || c === "'") {
      const close = args.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if ((c === ',' || c === '#') && depth === 0) break;
  }
  return args.slice(start, i).replace(/\s+/g, ' ').trim() || undefined;
}

/** Which routers are reachable only through an auth dependency (declared on them, on their inclusion, or on an ancestor). */
function routing(decls: readonly RouterDecl[], includes: readonly (RouterIncludeFacts & { deps: string[] })[], authNames: ReadonlySet<string>): Pick<ProjectFacts, 'protectedRouters' | 'routerIncludes'> {
  const key = (module: string, variable: string) => `${module}:${variable}`;
  const guarded = new Map<string, ProtectedRouterFacts>();
  for (const d of decls) {
    const dep = d.deps.find((n) => authNames.has(n));
    if (dep) guarded.set(key(d.module, d.variable), { module: d.module, variable: d.variable, reason: `${dep} (declared on ${d.variable})`, path: d.path });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const inc of includes) {
      const k = key(inc.module, inc.variable);
      if (guarded.has(k)) continue;
      const dep = inc.deps.find((n) => authNames.has(n));
      const parent = guarded.get(key(inc.parentModule, inc.parentVariable));
      if (dep || parent) {
        guarded.set(k, { module: inc.module, variable: inc.variable, reason: dep ? `${dep} (include_router in ${inc.path})` : parent!.reason, path: dep ? inc.path : parent!.path });
        changed = true;
      }
    }
  }
  return {
    protectedRouters: [...guarded.values()],
    routerIncludes: includes.map(({ deps: _deps, ...inc }) => inc),
  };
}
