// Facts about a TypeScript/JavaScript project, gathered once from a lexical
// pass over its .ts/.js files (no parse: the whole project is scanned when a
// folder opens): the middleware that authenticates callers (by name, or a
// function that verifies a JWT/session and calls `next`), the routers and
// plugins mounted behind it (`app.use('/authors', auth, authorsRouter(deps))`,
// `app.use(requireAuth)` before the mounts, `fastify.addHook('onRequest',
// fastify.authenticate)` before `fastify.register(routes)`), NestJS global
// guards, the zod schemas the project declares and the handlers registered
// behind a validation middleware in another file.
// The rules (missing-auth, unvalidated-body) read them through `ProjectFacts.ts`.

export interface TsAuthMiddlewareFacts {
  /** The exported name (`requireAuth`). */
  readonly name: string;
  /** File that defines it, relative, with its extension (`src/middleware/auth.ts`). */
  readonly path: string;
  /** A factory (`requireAuth(config)` returns the middleware) rather than the middleware itself. */
  readonly factory: boolean;
  /** How the project calls a factory where it uses it (`requireAuth(deps.config)`), if seen. */
  readonly example?: string;
}

/** A router/plugin module every request reaches only through auth middleware. */
export interface TsProtectedRouterFacts {
  /** The module file, relative, without extension (`src/routes/authors`). */
  readonly module: string;
  /** The imported name mounted (`authorsRouter`), or `default`. */
  readonly name: string;
  /** The guard and where: `requireAuth (app.use in src/app.ts)`. */
  readonly reason: string;
}

export interface TsSchemaFacts {
  /** `AuthorCreate` in `export const AuthorCreate = z.object({...})`. */
  readonly name: string;
  /** File that exports it, relative, with its extension. */
  readonly path: string;
}

export interface TsProjectFacts {
  readonly authMiddleware: readonly TsAuthMiddlewareFacts[];
  readonly protectedRouters: readonly TsProtectedRouterFacts[];
  readonly schemas: readonly TsSchemaFacts[];
  /** Handler names (`create`, `createUser`) registered somewhere behind a validation middleware. */
  readonly validatedHandlers: readonly string[];
  /** Body fields a middleware writes before the handler runs (`req.body.UserId = session.id; next()`): set by the server, not the client. */
  readonly serverBodyFields: readonly string[];
  /** Password fields a model hashes itself on write (a Sequelize `set()` calling a hasher, a `beforeSave`/`pre('save')` hook): stores of them are hashed. */
  readonly hashedOnWrite: readonly string[];
  /** Where a NestJS global guard is installed (`APP_GUARD` provider, `app.useGlobalGuards`), if anywhere. */
  readonly nestGlobalGuard: string | undefined;
  /** Whether any file of the project authenticates at all (middleware, guard, hook, auth library). */
  readonly hasAuth: boolean;
}

export const EMPTY_TS_FACTS: TsProjectFacts = { authMiddleware: [], protectedRouters: [], schemas: [], validatedHandlers: [], serverBodyFields: [], hashedOnWrite: [], nestGlobalGuard: undefined, hasAuth: false };

const TS_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const DECLARATION = /\.d\.[mc]?ts$/;
const IGNORED_DIR = /(^|\/)(node_modules|dist|build|out|coverage|\.next)\//;

/** Lower-cased name without separators, for the name tests. */
const squash = (name: string): string => name.toLowerCase().replace(/[_$-]/g, '');

const AUTH_WORD = /(auth|jwt|login|loggedin|signedin|session|bearer|apikey|token|passport|currentuser|requireuser|ensureuser|protect|guard|firebase|clerk|cognito|oidc|permission|role|admin|acl)/;
const NOT_AUTH_WORD = /(^update|^sync|^track|^cache|^remember|ratelimit|limiter|limit|throttl|slowdown|csrf|cors|helmet|logger|logging|optional|maybe|soft|attach|populate|decode|parse|refresh|initialize|cookieparser|clerkmiddleware|errorhandler|handler$|router$|routes$|controller$|service$|repository$|^session$|^cookiesession$|^sessionmiddleware$|^sessionstore$)/;

/** Does this name (a function, a middleware variable, a guard class) say it authenticates? */
export function isAuthName(name: string): boolean {
  const s = squash(name);
  return AUTH_WORD.test(s) && !NOT_AUTH_WORD.test(s);
}

/** Modules whose exports guard routes (any export used as middleware). */
export const AUTH_MODULES = /^(express-jwt|express-oauth2-jwt-bearer|express-openid-connect|connect-ensure-login|@clerk\/express|@clerk\/clerk-sdk-node|@fastify\/jwt|@fastify\/auth|fastify-jwt|@nestjs\/passport|express-basic-auth|passport-jwt|jwks-rsa|@auth\/express|@okta\/oidc-middleware|keycloak-connect)(\/|\.|$)/;

/** Code that checks credentials. */
export const VERIFIES = /\bjwt\.verify\s*\(|\bjwtVerify\s*\(|\bverify(Access|Id|Jwt|Auth)?Token\s*\(|\bverifyJwt\s*\(|\.verifyAsync\s*\(|\.isAuthenticated\s*\(\s*\)|\bpassport\.authenticate\s*\(|\bgetServerSession\s*\(|\bgetSession\s*\(|\bverifySession\s*\(|\bauth\.api\.getSession\s*\(|\bverifyIdToken\s*\(|\.session\??\.(user|userId|passport)\b/;
/**
 * Code that refuses the request. A bare `next()` is not a refusal: a
 * middleware that verifies a token only to cache the user and always calls
 * `next()` lets every caller through; `next(err)` hands a refusal on.
 */
export const REFUSES = /\b40[13]\b|\bUnauthorized|\bunauthorized\s*\(|UnauthorizedException|ForbiddenException|\bnext\s*\(\s*[^)\s]|\.redirect\s*\(|\bthrow\b|\breject\s*\(/;

/** Index of the bracket closing the one at `open` (JS strings, templates and comments skipped); -1 if unbalanced. */
export function closingBracket(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '/' && source[i + 1] === '/') {
      const nl = source.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Top-level comma-separated parts of an argument list's text. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{' || c === '"' || c === "'" || c === '`') {
      const close = c === '"' || c === "'" || c === '`' ? skipString(text, i) : closingBracket(text, i);
      if (close < 0) break;
      i = close;
    } else if (c === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

function skipString(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === q) return j;
  }
  return -1;
}

/** `a/b/../c` → `a/c`. */
function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** A relative import resolved against the importing file, without extension (`src/routes/authors`); undefined for packages. */
export function resolveRelative(fromPath: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const dir = fromPath.split('/').slice(0, -1).join('/');
  return normalizePath(`${dir}/${spec}`).replace(/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/, '').replace(/\/index$/, '');
}

/** The module path of a file: relative, no extension, no trailing `/index`. */
export function moduleOfTsPath(path: string): string {
  return normalizePath(path.replace(/\\/g, '/')).replace(TS_FILE, '').replace(/\/index$/, '');
}

/** Local name → [module spec, imported name or `default`] from ES imports and requires. */
function importsOf(source: string): Map<string, [string, string]> {
  const map = new Map<string, [string, string]>();
  for (const m of source.matchAll(/\bimport\s+(?:type\s+)?([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*(?:\*\s+as\s+([\w$]+))?\s*from\s*['"]([^'"]+)['"]/g)) {
    const spec = m[4]!;
    if (m[1]) map.set(m[1], [spec, 'default']);
    if (m[3]) map.set(m[3], [spec, '*']);
    for (const item of (m[2] ?? '').split(',')) {
      const [name, alias] = item.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/);
      if (name && /^[\w$]+$/.test(name)) map.set((alias ?? name).trim(), [spec, name]);
    }
  }
  for (const m of source.matchAll(/\b(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)(\.[\w$]+)?/g)) {
    const spec = m[3]!;
    if (m[1]) map.set(m[1], [spec, m[4] ? m[4].slice(1) : 'default']);
    for (const item of (m[2] ?? '').split(',')) {
      const [name, alias] = item.trim().split(/\s*:\s*/);
      if (name && /^[\w$]+$/.test(name)) map.set((alias ?? name).trim(), [spec, name]);
    }
  }
  return map;
}

interface FnDef {
  readonly name: string;
  readonly body: string;
  /** Exported (directly, or in an `export { }` / `module.exports = { }` list): computed on demand. */
  readonly exported: () => boolean;
}

/** Functions of a file: `function f(...) {...}`, `const f = (...) => ...`, `exports.f = function ...` (bodies by bracket matching). */
function functionsOf(source: string): FnDef[] {
  const out: FnDef[] = [];
  const re = /^[ \t]*(export\s+(?:default\s+)?)?(?:async\s+)?function\s*\*?\s*([\w$]+)\s*(?:<[^>]*>)?\s*\(|^[ \t]*(export\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::[^=\n]+)?=\s*(?:async\s+)?(?:function\b[^(]*\(|\(|[\w$]+\s*=>)|^[ \t]*(?:module\.)?exports\.([\w$]+)\s*=\s*(?:async\s+)?(?:function\b[^(]*\(|\(|[\w$]+\s*=>)/gm;
  for (const m of source.matchAll(re)) {
    const name = m[2] ?? m[4] ?? m[5];
    if (!name) continue;
    // The body: from the declaration to the end of its first balanced `{...}` after the parameters.
    const brace = source.indexOf('{', m.index! + m[0].length);
    const semicolon = source.indexOf(';\n', m.index! + m[0].length);
    let end = brace < 0 ? -1 : closingBracket(source, brace);
    if (end < 0 || (semicolon >= 0 && semicolon < brace && !/=>\s*$/.test(source.slice(m.index!, semicolon)))) end = semicolon < 0 ? source.length : semicolon;
    const direct = !!(m[1] ?? m[3] ?? m[5]);
    const exported = (): boolean => direct || new RegExp(`module\\.exports\\s*=\\s*\\{[^}]*\\b${name.replace(/\$/g, '\\$')}\\b|export\\s*\\{[^}]*\\b${name.replace(/\$/g, '\\$')}\\b`).test(source);
    out.push({ name, body: source.slice(m.index!, end + 1), exported });
  }
  return out;
}

/** Does this function text verify credentials and refuse/continue like middleware? */
function verifiesCredentials(body: string): boolean {
  return VERIFIES.test(body) && REFUSES.test(body);
}

/** Is a function text a factory returning a middleware (`return (req, res, next) => ...`)? */
function isFactory(body: string): boolean {
  return /\breturn\s+(?:async\s+)?(?:function\b|\(\s*[\w$]+\s*(?::[^,)]+)?\s*,)/.test(body) || /=>\s*(?:async\s+)?\(\s*req\w*\s*(?::[^,)]+)?\s*,\s*res\w*/.test(body.split('\n')[0] ?? '');
}

const VALIDATION_MIDDLEWARE = /\b(validate\w*|\w*[vV]alidat\w*|celebrate|zValidator|checkSchema|\w*Schema\w*\(|body\s*\(\s*['"]|check\s*\(\s*['"]|zod\w*|joi\w*|yup\w*)/;

/**
 * Collect the TypeScript/JavaScript facts of a project (paths relative to its
 * root). Files of other languages are ignored; no file is parsed.
 */
const HASHER = /\b(hash\w*|bcrypt\w*|argon2\w*|scrypt\w*|pbkdf2\w*|encrypt\w*|digest)\s*\(/i;

/**
 * Password fields a model hashes on its own write path: a Sequelize setter
 * (`setDataValue('password', hash(v))`), a hook (`beforeCreate`/`beforeSave`/
 * `beforeUpdate`, mongoose `pre('save')`) that assigns a hashed value.
 */
function modelHashedFields(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/\bsetDataValue\s*\(\s*['"]([\w$]+)['"]\s*,([^\n]*)/g)) if (/pass|pwd/i.test(m[1]!) && HASHER.test(m[2]!)) out.push(m[1]!);
  for (const m of source.matchAll(/\b(beforeCreate|beforeSave|beforeUpdate|beforeBulkCreate|pre\s*\(\s*['"](save|updateOne|findOneAndUpdate)['"])/g)) {
    const window = source.slice(m.index!, m.index! + 600);
    for (const a of window.matchAll(/\.([\w$]*(?:pass|pwd)[\w$]*)\s*=(?!=)([^\n;]*)/gi)) if (HASHER.test(a[2]!) || /\bawait\b/.test(a[2]!)) out.push(a[1]!);
  }
  return out;
}

export function collectTsProjectFacts(files: readonly { path: string; source: string }[]): TsProjectFacts {
  const ts = files.filter((f) => TS_FILE.test(f.path) && !DECLARATION.test(f.path) && !IGNORED_DIR.test(`/${f.path}`));
  if (ts.length === 0) return EMPTY_TS_FACTS;
  const middleware = new Map<string, TsAuthMiddlewareFacts>();
  const schemas: TsSchemaFacts[] = [];
  const validated = new Set<string>();
  const serverBody = new Set<string>();
  const hashedOnWrite = new Set<string>();
  let nestGlobalGuard: string | undefined;
  let hasAuth = false;

  // 1. Functions that authenticate: by what they do (verify a token or a session, refuse with 401 or call next).
  for (const file of ts) {
    const source = file.source;
    if (/\bAPP_GUARD\b/.test(source) || /\.useGlobalGuards\s*\(/.test(source)) nestGlobalGuard ??= file.path;
    if (/\bUseGuards\s*\(|\bAuthGuard\s*\(|\bCanActivate\b/.test(source)) hasAuth = true;
    for (const m of source.matchAll(/from\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]/g)) if (AUTH_MODULES.test(m[1] ?? m[2] ?? '')) hasAuth = true;
    if (/\bz\.object\s*\(|\bz\.strictObject\s*\(/.test(source)) {
      for (const m of source.matchAll(/^[ \t]*export\s+const\s+([A-Z][\w$]*)\s*(?::[^=\n]+)?=\s*(?:(?:z|zod)\.(?:object|strictObject|looseObject)\s*\(|[A-Z][\w$]*\.(?:partial|extend|pick|omit|merge|strict|required)\s*\()/gm)) schemas.push({ name: m[1]!, path: file.path });
    }
    // NestJS guard classes: `export class JwtAuthGuard extends AuthGuard('jwt')`, `implements CanActivate` checking a token.
    for (const m of source.matchAll(/^[ \t]*export\s+class\s+([\w$]+)\s+(extends\s+AuthGuard\s*\(|implements\s+CanActivate\b)/gm)) {
      if (m[2]!.startsWith('extends') || isAuthName(m[1]!)) middleware.set(m[1]!, { name: m[1]!, path: file.path, factory: false });
    }
    // Middleware that fills the body from the session (`req.body.UserId = …` then `next()`).
    if (/\bnext\s*\(/.test(source)) {
      // A value derived from the body itself (`req.body.email = req.body.email.trim()`) is still the client's.
      for (const m of source.matchAll(/\b(?:req|request)\.body\.([A-Za-z_$][\w$]*)\s*=(?!=)([^\n;]*)/g)) if (!/\.body\b/.test(m[2]!)) serverBody.add(m[1]!);
    }
    for (const field of modelHashedFields(source)) hashedOnWrite.add(field);
    if (!/\bfunction\b|=>/.test(source)) continue;
    for (const fn of functionsOf(source)) {
      const byName = isAuthName(fn.name) && /\bnext\b|\b401\b|Unauthorized/.test(fn.body);
      if ((byName || verifiesCredentials(fn.body)) && fn.exported()) {
        if (!middleware.has(fn.name)) middleware.set(fn.name, { name: fn.name, path: file.path, factory: isFactory(fn.body) });
      }
    }
  }
  if (middleware.size > 0) hasAuth = true;

  // 2. Mounts behind auth, and examples of factory calls.
  const protectedRouters: TsProtectedRouterFacts[] = [];
  /** Every router mounted in each file (`router.use('/users', usersRouter)`), for guards that reach nested routers. */
  const mountedIn = new Map<string, TsProtectedRouterFacts[]>();
  for (const file of ts) {
    const source = file.source;
    if (!/\.(use|register|addHook|post|put|patch|delete)\s*\(/.test(source)) continue;
    const imports = importsOf(source);
    const bound = new Map<string, string>();
    for (const m of source.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=\n]+)?=\s*([\w$.]+)\s*\(/g)) bound.set(m[1]!, m[2]!);
    const isAuth = (arg: string): string | undefined => {
      const a = arg.trim().replace(/^\[|\]$/g, '');
      const head = /^([\w$.]+)/.exec(a)?.[1];
      if (!head) return undefined;
      const last = head.split('.').pop()!;
      const target = !a.includes('(') && bound.has(head) ? bound.get(head)! : head;
      const targetLast = target.split('.').pop()!;
      const imported = imports.get(target.split('.')[0]!);
      if (middleware.has(targetLast) || middleware.has(last)) return targetLast;
      if (imported && AUTH_MODULES.test(imported[0])) return targetLast;
      if (/^passport\.(initialize|session)$/.test(target)) return undefined;
      return isAuthName(targetLast) || isAuthName(last) || isAuthName(target) ? targetLast : undefined;
    };
    // Factory call examples.
    for (const mw of middleware.values()) {
      if (!mw.factory || mw.example) continue;
      const m = new RegExp(`\\b${mw.name.replace(/\$/g, '\\$')}\\s*\\(`).exec(source.replace(/^[ \t]*export\s+function[^\n]*/gm, ''));
      if (m && imports.has(mw.name)) {
        const text = source.replace(/^[ \t]*export\s+function[^\n]*/gm, '');
        const close = closingBracket(text, m.index + m[0].length - 1);
        if (close > 0) middleware.set(mw.name, { ...mw, example: text.slice(m.index, close + 1) });
      }
    }
    const guardedReceivers = new Map<string, string>();
    for (const m of source.matchAll(/\b([\w$]+)\s*\.\s*(use|register|addHook|post|put|patch|delete)\s*\(/g)) {
      const open = m.index! + m[0].length - 1;
      const close = closingBracket(source, open);
      if (close < 0) continue;
      const args = splitArgs(source.slice(open + 1, close));
      const receiver = m[1]!;
      const kind = m[2]!;
      if (kind === 'post' || kind === 'put' || kind === 'patch' || kind === 'delete') {
        // A handler registered in another file behind a validation middleware.
        if (args.length >= 3 && args.slice(1, -1).some((a) => VALIDATION_MIDDLEWARE.test(a))) {
          const handler = /([\w$]+)\s*$/.exec(args.at(-1)!)?.[1];
          if (handler) validated.add(handler);
        }
        continue;
      }
      if (kind === 'addHook') {
        if (/^['"](onRequest|preHandler|preValidation|preParsing)['"]$/.test(args[0] ?? '') && args[1] && (isAuth(args[1]) || /jwtVerify|authenticate/.test(args[1]))) {
          guardedReceivers.set(receiver, `${args[1].split('(')[0]!.slice(0, 40)} (addHook in ${file.path})`);
          hasAuth = true;
        }
        continue;
      }
      const prefixed = args[0] !== undefined && /^['"`]\//.test(args[0]);
      const targets = prefixed ? args.slice(1) : args;
      if (kind === 'use') {
        const guard = targets.slice(0, -1).map(isAuth).find((x) => x);
        const alone = !prefixed && targets.length > 0 && targets.every((t) => isAuth(t));
        if (alone) {
          guardedReceivers.set(receiver, `${isAuth(targets[0]!)} (${receiver}.use in ${file.path})`);
          hasAuth = true;
          continue;
        }
        const reason = guard ? `${guard} (${receiver}.use in ${file.path})` : guardedReceivers.get(receiver);
        if (guard) hasAuth = true;
        const own = mountedIn.get(moduleOfTsPath(file.path)) ?? [];
        for (const t of targets) addProtected(file.path, t, imports, '', own);
        mountedIn.set(moduleOfTsPath(file.path), own);
        if (!reason) continue;
        for (const t of guard ? targets.slice(targets.findIndex((x) => isAuth(x)) + 1) : targets) addProtected(file.path, t, imports, reason, protectedRouters);
      } else {
        const reason = guardedReceivers.get(receiver);
        if (reason && args[0]) addProtected(file.path, args[0], imports, reason, protectedRouters);
      }
    }
  }
  // A router mounted inside a protected router's module is behind the same guard (`api.use('/users', usersRouter)`).
  const done = new Set(protectedRouters.map((r) => r.module));
  for (let i = 0; i < protectedRouters.length && i < 500; i++) {
    const parent = protectedRouters[i]!;
    for (const child of mountedIn.get(parent.module) ?? []) {
      if (done.has(child.module)) continue;
      done.add(child.module);
      protectedRouters.push({ ...child, reason: parent.reason });
    }
  }
  return { authMiddleware: [...middleware.values()], protectedRouters, schemas, validatedHandlers: [...validated], serverBodyFields: [...serverBody], hashedOnWrite: [...hashedOnWrite], nestGlobalGuard, hasAuth };
}

/** Record the module a mounted expression comes from (`authorsRouter(deps)`, `usersRouter`, `require('./routes/x')`). */
function addProtected(path: string, target: string, imports: Map<string, [string, string]>, reason: string, out: TsProtectedRouterFacts[]): void {
  const required = /^require\s*\(\s*['"]([^'"]+)['"]\s*\)/.exec(target.trim());
  if (required) {
    const module = resolveRelative(path, required[1]!);
    if (module) out.push({ module, name: 'default', reason });
    return;
  }
  const head = /^(?:await\s+)?(?:import\s*\(\s*['"]([^'"]+)['"]\s*\)|([\w$]+)(?:\.([\w$]+))?)/.exec(target.trim());
  if (!head) return;
  if (head[1]) {
    const module = resolveRelative(path, head[1]);
    if (module) out.push({ module, name: 'default', reason });
    return;
  }
  const imported = imports.get(head[2]!);
  if (!imported) return;
  const module = resolveRelative(path, imported[0]);
  if (!module) return;
  const name = imported[1] === '*' || imported[1] === 'default' ? (head[3] ?? 'default') : imported[1];
  out.push({ module, name, reason });
}
