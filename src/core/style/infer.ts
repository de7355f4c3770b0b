// Style inference: the facts of every Python module (collect.ts) → one
// ProjectStyle. Each fact is decided by what the code does — the routes'
// parameters, the classes' bases and fields, the include_router calls — and
// by majority where the project mixes styles; where the code says nothing,
// the default is the layout `init fastapi` creates, and `inferred` says which
// facts were read from the code.
import type { FileView } from '../files';
import { REQUIRED_FOR_RESOURCES } from '../plan/fastapi';
import { collectProject, type ClassFact, type ModuleFacts, type ParamFact, type ProjectFiles, type RouteFact } from './collect';
import type { AuthStyle, CrudNaming, DataAccess, MigrationStyle, ModelClass, Placement, ProjectStyle, RepositoryMethods, RepositoryStyle, RouteDependency, TestStyle } from './types';

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** The most frequent value (ties: the first seen). */
function majority<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/** How module paths and dotted names map onto each other in this project. */
class Modules {
  readonly byPath = new Map<string, ModuleFacts>();
  constructor(readonly files: ProjectFiles, readonly importRoot: string) {
    for (const m of files.modules) this.byPath.set(m.path, m);
  }
  dotted(path: string): string {
    const rel = this.importRoot && path.startsWith(this.importRoot + '/') ? path.slice(this.importRoot.length + 1) : path;
    return rel.replace(/(\/__init__)?\.py$/, '').replace(/\//g, '.');
  }
  /** An import's module as an absolute dotted name (relative dots resolved against `from`). */
  absolute(module: string, from: string): string {
    const dots = /^\.*/.exec(module)![0].length;
    if (dots === 0) return module;
    let pkg = this.dotted(from).split('.');
    if (!from.endsWith('__init__.py')) pkg = pkg.slice(0, -1);
    pkg = pkg.slice(0, pkg.length - (dots - 1));
    const rest = module.slice(dots);
    return [...pkg, ...(rest ? [rest] : [])].join('.');
  }
  module(dotted: string): ModuleFacts | undefined {
    const base = (this.importRoot ? this.importRoot + '/' : '') + dotted.replace(/\./g, '/');
    return this.byPath.get(`${base}.py`) ?? this.byPath.get(`${base}/__init__.py`);
  }
  /** Follow imports (re-exports too) to the module that defines `name`. */
  definer(from: ModuleFacts, name: string): ModuleFacts | undefined {
    let current: ModuleFacts | undefined = from;
    let wanted = name;
    for (let hop = 0; current && hop < 5; hop++) {
      const defines = current.assignments.has(wanted) || current.functions.some((f) => f.name === wanted) || current.classes.some((c) => c.name === wanted);
      if (defines) return current;
      const imp = current.imports.get(wanted);
      if (!imp?.name) return undefined;
      const next = this.module(this.absolute(imp.module, current.path));
      wanted = imp.name;
      current = next;
    }
    return undefined;
  }
}

/** The folder absolute project imports start from: the parent of the top package the code imports from. */
function importRootOf(files: ProjectFiles): string {
  const firsts = new Map<string, number>();
  for (const m of files.modules) for (const imp of m.imports.values()) if (!imp.module.startsWith('.')) firsts.set(imp.module.split('.')[0]!, (firsts.get(imp.module.split('.')[0]!) ?? 0) + 1);
  const dirs = new Set<string>();
  for (const p of files.paths) for (let d = dirOf(p); d; d = dirOf(d)) dirs.add(d);
  let best = '';
  let score = 0;
  for (const d of dirs) {
    const n = firsts.get(baseOf(d)) ?? 0;
    if (n > score || (n === score && n > 0 && d.length < best.length)) [best, score] = [dirOf(d), n];
  }
  return best;
}

/** Where a set of modules lives: one module, a package (one folder), or feature folders (same file name in several folders). */
function placementOf(paths: readonly string[], fallback: Placement): Placement {
  const unique = [...new Set(paths)].sort();
  if (unique.length === 0) return fallback;
  if (unique.length === 1) {
    const only = unique[0]!;
    // A package's single module (`app/models/user.py` beside its __init__) is still a package.
    return baseOf(only) === 'models.py' || baseOf(only) === 'crud.py' || !/\/(models|schemas|routers|routes|endpoints|repositories|crud|services)\//.test(only) ? { kind: 'module', path: only } : { kind: 'package', dir: dirOf(only) };
  }
  const dirs = new Set(unique.map(dirOf));
  if (dirs.size === 1) return { kind: 'package', dir: [...dirs][0]! };
  const file = majority(unique.map(baseOf))!;
  const roots = unique.filter((p) => baseOf(p) === file).map((p) => dirOf(dirOf(p)));
  const root = majority(roots) ?? dirOf(dirOf(unique[0]!));
  return { kind: 'feature', root, file };
}

export const placementText = (p: Placement | { kind: 'beside-models' }): string =>
  p.kind === 'module' ? p.path : p.kind === 'package' ? p.dir : p.kind === 'feature' ? `${p.root}/<feature>/${p.file}` : 'beside models';

const SESSION_TYPE = /\b(Async)?Session\b/;
const USER_DEP = /current_?(active_?)?user|get_user_from_token|authenticated_user|require_user|CurrentUser/i;
const SUPERUSER_DEP = /superuser|admin|require_role|is_staff/i;

interface ParamRole {
  readonly role: 'session' | 'user' | 'superuser' | 'other';
  readonly param: ParamFact;
}

/** What a route parameter is: the session, the current user, a superuser guard, or something else — judged through aliases across modules. */
function roleOf(mods: Modules, module: ModuleFacts, param: ParamFact): ParamRole['role'] {
  let type = param.annotation ?? '';
  let target = /^(?:Depends|Security)\(\s*([\w.]+)/.exec(param.default ?? '')?.[1];
  const annotated = /^Annotated\[\s*([^,]+),\s*(?:Depends|Security)\(\s*([\w.]+)/.exec(type);
  let aliasName: string | undefined;
  if (annotated) [type, target] = [annotated[1]!, annotated[2]!];
  else if (/^[A-Za-z_]\w*$/.test(type)) {
    const definer = mods.definer(module, type);
    const imported = module.imports.get(type)?.name ?? type;
    const rhs = definer?.assignments.get(definer === module ? type : imported);
    const inner = rhs ? /^Annotated\[\s*([^,]+),\s*(?:Depends|Security)\(\s*([\w.]+)/.exec(rhs) : null;
    if (inner) [aliasName, type, target] = [type, inner[1]!, inner[2]!];
  }
  const targetName = target?.split('.').pop() ?? '';
  if (SUPERUSER_DEP.test(targetName) || (aliasName && SUPERUSER_DEP.test(aliasName))) return 'superuser';
  if (USER_DEP.test(targetName) || (aliasName && USER_DEP.test(aliasName))) return 'user';
  if (SESSION_TYPE.test(type) && (target || aliasName)) return 'session';
  if (target && /^get_(db|session|async_session|db_session)$/.test(targetName)) return 'session';
  return 'other';
}

/** Imports a parameter's text needs, as the route module spells them (locally defined names come from that module). */
export function importsFor(mods: Modules, module: ModuleFacts, text: string, paramName: string): RouteDependency['imports'] {
  const out = new Map<string, Set<string>>();
  const words = new Set([...text.replace(/\.\w+/g, '').matchAll(/[A-Za-z_]\w*/g)].map((m) => m[0]).filter((w) => w !== paramName));
  for (const w of words) {
    const imp = module.imports.get(w);
    if (imp?.name && imp.name === w) {
      const abs = mods.absolute(imp.module, module.path);
      out.set(abs, (out.get(abs) ?? new Set()).add(w));
    } else if (!imp && (module.assignments.has(w) || module.functions.some((f) => f.name === w) || module.classes.some((c) => c.name === w))) {
      const abs = mods.dotted(module.path);
      out.set(abs, (out.get(abs) ?? new Set()).add(w));
    }
  }
  return [...out].sort(([a], [b]) => a.localeCompare(b)).map(([m, names]) => ({ module: m, names: [...names].sort() }));
}

/** The dependencies a set of routes takes, by role, spelled as most of them spell it. */
export function routeDependencies(mods: Modules, pairs: ReadonlyArray<{ module: ModuleFacts; route: RouteFact }>): Partial<Record<'session' | 'user' | 'superuser', RouteDependency>> {
  const found: Record<string, { module: ModuleFacts; param: ParamFact }[]> = { session: [], user: [], superuser: [] };
  for (const { module, route } of pairs) {
    for (const param of route.params) {
      const role = roleOf(mods, module, param);
      if (role !== 'other') found[role]!.push({ module, param });
    }
  }
  const out: Partial<Record<'session' | 'user' | 'superuser', RouteDependency>> = {};
  for (const role of ['session', 'user', 'superuser'] as const) {
    const text = majority(found[role]!.map((f) => f.param.text));
    const pick = found[role]!.find((f) => f.param.text === text);
    if (pick) out[role] = { parameter: pick.param.text, name: pick.param.name, imports: importsFor(mods, pick.module, pick.param.text, pick.param.name) };
  }
  return out;
}

const DEFAULT_NAMING: CrudNaming = { create: 'create_{name}', get: 'get_{name}', list: 'list_{plural}', update: 'update_{name}', delete: 'delete_{name}' };

/** Function-naming patterns from existing data-access functions and the models they name. */
function namingOf(names: readonly string[], models: readonly string[]): CrudNaming {
  const snake = models.map((m) => m.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase());
  const pattern = (verbs: RegExp, plural: boolean): string | undefined => {
    const seen: string[] = [];
    for (const n of names) {
      const m = verbs.exec(n);
      if (!m) continue;
      const rest = n.slice(m[0].length);
      if (rest === '') seen.push(m[0].replace(/_$/, ''));
      for (const s of snake) {
        if (!plural && rest === s) seen.push(`${m[0]}{name}`);
        if (plural && (rest === `${s}s` || rest === `${s}es` || rest === `${s.replace(/y$/, 'ies')}`)) seen.push(`${m[0]}{plural}`);
      }
    }
    return majority(seen);
  };
  return {
    create: pattern(/^(create|add|insert)_?/, false) ?? DEFAULT_NAMING.create,
    get: pattern(/^(get|read|fetch|find)_?/, false) ?? DEFAULT_NAMING.get,
    list: pattern(/^(list|get_all|get_multi|read|get|fetch)_?/, true) ?? (names.includes('get_multi') ? 'get_multi' : DEFAULT_NAMING.list),
    update: pattern(/^(update|edit|patch)_?/, false) ?? DEFAULT_NAMING.update,
    delete: pattern(/^(delete|remove)_?/, false) ?? DEFAULT_NAMING.delete,
  };
}

function isTable(c: ClassFact): boolean {
  return c.tableName !== undefined || c.keywords.get('table') === 'True';
}

function idTypeOf(c: ClassFact): ModelClass['idType'] {
  const id = c.fields.find((f) => /primary_key\s*=\s*True/.test(f.value ?? '')) ?? c.fields.find((f) => f.name === 'id');
  const text = `${id?.annotation ?? ''} ${id?.value ?? ''}`;
  if (/uuid|UUID|Uuid/.test(text)) return 'uuid';
  if (/\bint\b|Integer|BigInteger/.test(text)) return 'int';
  return id ? 'other' : 'int';
}

/** A module-level `X = Annotated[Session | AsyncSession, Depends(f)]`, as a route parameter `session: X`. */
function sessionAlias(all: readonly ModuleFacts[], mods: Modules): RouteDependency | undefined {
  for (const m of all) {
    for (const [name, rhs] of m.assignments) {
      const inner = /^Annotated\[\s*([^,]+),\s*Depends\(/.exec(rhs);
      if (inner && SESSION_TYPE.test(inner[1]!.trim())) return { parameter: `session: ${name}`, name: 'session', imports: [{ module: mods.dotted(m.path), names: [name] }] };
    }
  }
  return undefined;
}

/** The parsed project behind each inferred style, so per-file conventions need no second parse. */
const projects = new WeakMap<ProjectStyle, Modules>();

/** Infer the style of the FastAPI project in `view`. Reads each Python file once; never throws on odd code. */
export async function inferStyle(view: FileView): Promise<ProjectStyle> {
  return styleOf(await collectProject(view));
}

/** How the routes of one router module are written: what a new sibling route should match. */
export interface RouterConventions {
  /** The module has routes to learn from. */
  readonly siblings: number;
  readonly async: boolean;
  readonly session?: RouteDependency;
  readonly currentUser?: RouteDependency;
  /** The annotation sibling routes give id-like path parameters (`uuid.UUID`, `int`). */
  readonly idAnnotation?: string;
  /** Siblings declare `response_model=` (and this return annotation, e.g. `Any`). */
  readonly responseModel?: { readonly returns?: string };
  /** The router itself requires the current user (`APIRouter(dependencies=[...])`). */
  readonly routerAuth: boolean;
  /** Most sibling GET routes take the current user too (reads are per user, not only writes). */
  readonly readsTakeUser: boolean;
  /**
   * Where sibling routes take no session: the data dependency most of them
   * take instead (`posts: PostServiceDep`, `repo: ItemRepository = Depends(...)`).
   */
  readonly dataDependency?: RouteDependency;
  /** The dotted module defining a class, for importing a response model from anywhere in the project. */
  readonly classModule: (name: string) => string | undefined;
}

/** The conventions of the router module at `path` (as parsed when `style` was inferred); project-wide style where the module says nothing. */
export function routerConventions(style: ProjectStyle, path: string): RouterConventions {
  const mods = projects.get(style);
  const module = mods?.byPath.get(path);
  const classModule = (name: string) => {
    const at = mods ? [...mods.byPath.values()].find((m) => m.classes.some((c) => c.name === name)) : undefined;
    return at && mods ? mods.dotted(at.path) : undefined;
  };
  if (!mods || !module || module.routes.length === 0) {
    // A module without routes yet (a new router): the project's own habits.
    return {
      siblings: 0, async: style.async, ...(style.inferred.has('session') ? { session: style.session } : {}), ...(style.auth.currentUser ? { currentUser: style.auth.currentUser } : {}),
      ...(style.inferred.has('ids') && style.idType === 'uuid' ? { idAnnotation: 'uuid.UUID' } : {}),
      ...(style.inferred.has('routers') && style.routers.response === 'response_model' ? { responseModel: {} } : {}),
      routerAuth: false, readsTakeUser: style.auth.readsTakeUser ?? false, classModule,
    };
  }
  const pairs = module.routes.map((route) => ({ module, route }));
  const deps = routeDependencies(mods, pairs);
  const asyncCount = module.routes.filter((r) => r.async).length;
  const ids = module.routes.flatMap((r) => r.params.filter((p) => (p.name === 'id' || p.name.endsWith('_id')) && p.annotation && r.path.includes(`{${p.name}}`)).map((p) => p.annotation!));
  const withModel = module.routes.filter((r) => r.method !== 'DELETE');
  const declared = withModel.filter((r) => r.responseModel);
  const routerAuth = module.routers.some((r) => r.dependencies !== undefined && (USER_DEP.test(r.dependencies) || SUPERUSER_DEP.test(r.dependencies) || /\w+Dep|verify|auth/i.test(r.dependencies)));
  // No sibling id parameter to copy: the project's own id type (uuid ids need `uuid.UUID`, imported by the planner).
  const idAnnotation = majority(ids) ?? (style.inferred.has('ids') && style.idType === 'uuid' ? 'uuid.UUID' : undefined);
  const reads = module.routes.filter((r) => r.method === 'GET');
  const readsTakeUser = reads.length > 0 && reads.filter((route) => routeDependencies(mods, [{ module, route }]).user).length * 2 > reads.length;
  let dataDependency: RouteDependency | undefined;
  if (!deps.session) {
    // A parameter resolved by Depends (inline, Annotated, or an Annotated alias) that is neither session nor user.
    const isDependency = (p: ParamFact): boolean => {
      if (/^(Depends|Security)\(/.test(p.default ?? '') || /^Annotated\[.*\b(Depends|Security)\(/.test(p.annotation ?? '')) return true;
      const type = p.annotation ?? '';
      if (!/^[A-Za-z_]\w*$/.test(type)) return false;
      const definer = mods.definer(module, type);
      const rhs = definer?.assignments.get(definer === module ? type : module.imports.get(type)?.name ?? type);
      return rhs !== undefined && /^Annotated\[.*\b(Depends|Security)\(/.test(rhs);
    };
    const data = module.routes.flatMap((r) => r.params.filter((p) => isDependency(p) && roleOf(mods, module, p) === 'other').map((p) => p.text));
    const text = majority(data);
    const name = text === undefined ? undefined : /^\*{0,2}(\w+)/.exec(text)?.[1];
    if (text && name && data.filter((t) => t === text).length * 2 > module.routes.length) {
      dataDependency = { parameter: text, name, imports: importsFor(mods, module, text, name) };
    }
  }
  const returns = majority(declared.map((r) => r.returns ?? ''));
  return {
    siblings: module.routes.length,
    async: asyncCount * 2 === module.routes.length ? style.async : asyncCount * 2 > module.routes.length,
    // Siblings that reach data through another dependency take no session: neither does the new route.
    ...(deps.session ? { session: deps.session } : style.inferred.has('session') && !dataDependency ? { session: style.session } : {}),
    ...(deps.user ? { currentUser: deps.user } : style.auth.currentUser ? { currentUser: style.auth.currentUser } : {}),
    ...(idAnnotation ? { idAnnotation } : {}),
    ...(declared.length * 2 > withModel.length ? { responseModel: returns ? { returns } : {} } : {}),
    routerAuth,
    readsTakeUser,
    ...(dataDependency ? { dataDependency } : {}),
    classModule,
  };
}

/**
 * Which base-repository method plays each role: by the usual names, else by
 * what the method does (pages with `limit`, calls `session.add`, `setattr`s,
 * `session.delete`s, `session.get`s), so a project's own words are kept.
 */
function repositoryMethods(base: ClassFact): { methods?: RepositoryMethods; missing?: string } {
  const methods = base.methodFacts.filter((m) => m.async).map((m) => ({ name: m.name, params: m.params.map((p) => p.text).join(', '), body: m.body }));
  type M = (typeof methods)[number];
  const missing: string[] = [];
  const pick = (role: string, named: RegExp, does: (m: M) => boolean): M | undefined => {
    const found = methods.find((m) => named.test(m.name)) ?? methods.find(does);
    if (!found) missing.push(role);
    return found;
  };
  const list = pick('list', /^(list|list_all|get_all|get_multi|all)$/, (m) => /\blimit\b/.test(m.params));
  const get = pick('get', /^(get|get_by_id|find|read)$/, (m) => /\.get\(/.test(m.body));
  const add = pick('add', /^(add|create|save|insert)$/, (m) => /\.add\(/.test(m.body));
  const update = pick('update', /^update$/, (m) => /\bsetattr\(/.test(m.body));
  const del = pick('delete', /^(delete|remove)$/, (m) => /\.delete\(/.test(m.body));
  if (!list || !get || !add || !update || !del) {
    return { missing: `the base repository ${base.name} has no async ${missing[0]} method New Resource recognises; add one or write this resource by hand` };
  }
  return { methods: { get: get.name, list: list.name, add: add.name, update: update.name, delete: del.name, page: [/\boffset\b/.test(list.params) ? 'offset' : 'skip', 'limit'] } };
}

/** The generic base repository the services' repositories subclass (`class PostRepository(BaseRepository[Post])`). */
function repositoryOf(mods: Modules, serviceMods: readonly ModuleFacts[]): RepositoryStyle | undefined {
  for (const m of serviceMods) {
    for (const [local, imp] of m.imports) {
      // Any imported class subclassing a generic base of the project's own (`Store[Note]`), whatever it is called.
      if (!imp.name || !/^[A-Z]/.test(imp.name) || !new RegExp(`\\b${local}\\(`).test(m.classes.flatMap((c) => c.methodFacts.map((f) => f.body)).join('\n'))) continue;
      const repoMod = mods.definer(m, local);
      const cls = repoMod?.classes.find((c) => c.name === imp.name);
      const generic = cls ? /^(\w+)\[(\w+)\]$/.exec(cls.bases[0] ?? '') : null;
      if (!repoMod || !cls || !generic) continue;
      const [, baseName, model] = generic as unknown as [string, string, string];
      const baseMod = mods.definer(repoMod, baseName);
      const baseClass = baseMod?.classes.find((c) => c.name === baseName) ?? baseMod?.classes.find((c) => c.name === repoMod.imports.get(baseName)?.name);
      if (!baseMod || !baseClass) continue;
      const dotted = mods.dotted(repoMod.path);
      const modelAttr = cls.fields.find((f) => f.value === model && !f.annotation)?.name;
      return {
        base: { name: baseClass.name, module: mods.dotted(baseMod.path) },
        package: dotted.includes('.') ? dotted.slice(0, dotted.lastIndexOf('.')) : dotted,
        ...(modelAttr ? { modelAttr } : {}),
        ...repositoryMethods(baseClass),
      };
    }
  }
  return undefined;
}

/** The error lookups raise when a row is missing (`if post is None: raise NotFoundError(...)`), when it is the project's own class. */
function notFoundOf(mods: Modules, all: readonly ModuleFacts[]): ProjectStyle['notFound'] {
  const found: { name: string; module: string }[] = [];
  for (const m of all) {
    for (const f of [...m.functions, ...m.classes.flatMap((c) => c.methodFacts)]) {
      for (const x of f.body.matchAll(/^\s*if (?:not )?\w+(?: is None)?:\n\s+raise (\w+)\(/gm)) {
        const imp = m.imports.get(x[1]!);
        if (x[1] === 'HTTPException' || !imp?.name || !/NotFound|Missing|DoesNotExist/.test(x[1]!)) continue;
        found.push({ name: x[1]!, module: mods.absolute(imp.module, m.path) });
      }
    }
  }
  const key = majority(found.map((f) => `${f.module}:${f.name}`));
  return key ? found.find((f) => `${f.module}:${f.name}` === key) : undefined;
}

/** Column names that hold the user a row belongs to. */
const OWNER_FIELD = /^(owner|author|user|creator|created_by|account|posted_by|member)_id$/;
const USER_CLASS = /^(User|Account|Member|Profile)$/;
const USER_TABLE = /^(users?|accounts?|members?|auth_users?)$/;
const SUPERUSER_ATTR = /\b([a-z_]\w*)\.(is_superuser|is_admin|is_staff|is_superadmin)\b/g;

/** The statement after `raise ` starting at `from`, to the end of its brackets. */
function raiseAt(text: string, from: number): string | undefined {
  const at = text.indexOf('raise ', from);
  if (at < 0 || /\S/.test(text.slice(from, at).replace(/^[^\n]*:/, ''))) return undefined;
  let depth = 0;
  for (let i = at + 6; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (ch === '\n' && depth === 0) return text.slice(at + 6, i).trim();
  }
  return depth === 0 ? text.slice(at + 6).trim() : undefined;
}

/** The HTTP status a raised error gives: a literal `status_code`, `status.HTTP_403_…`, or the error class's own `status_code`. */
function statusOf(all: readonly ModuleFacts[], raised: string): number | undefined {
  const literal = /status_code\s*=\s*(\d{3})\b/.exec(raised)?.[1] ?? /\bHTTP_(\d{3})_/.exec(raised)?.[1];
  if (literal) return Number(literal);
  let name = /^([A-Za-z_]\w*)\(/.exec(raised)?.[1];
  for (let hop = 0; name && hop < 4; hop++) {
    const cls = all.flatMap((m) => m.classes).find((c) => c.name === name);
    const own = cls?.fields.find((f) => f.name === 'status_code')?.value;
    const n = own ? /\d{3}/.exec(own)?.[0] : undefined;
    if (n) return Number(n);
    name = cls?.bases[0];
  }
  return undefined;
}

/**
 * Whether rows belong to users, read from what the code does: a column like
 * `owner_id` referencing the user table that routes, crud functions or
 * services set from a user (`owner_id=current_user.id`,
 * `update={"owner_id": owner_id}`), how another user's row is answered (a
 * `!=` check that raises, or the owner in the query), and whether those
 * checks let a superuser through (`not current_user.is_superuser and ...`).
 */
function ownershipOf(
  mods: Modules, all: readonly ModuleFacts[], tables: ReadonlyArray<{ m: ModuleFacts; c: ClassFact }>, pairs: ReadonlyArray<{ module: ModuleFacts; route: RouteFact }>,
): Pick<AuthStyle, 'owner' | 'superuserCheck'> {
  const userTables = new Set(tables.filter(({ c }) => USER_CLASS.test(c.name) || USER_TABLE.test(c.tableName ?? '')).map(({ c }) => c.tableName ?? c.name.toLowerCase()));
  const tableOfClass = new Map(tables.map(({ c }) => [c.name, c.tableName ?? c.name.toLowerCase()]));
  const candidates = new Map<string, string>();
  const holders = new Map<string, string[]>();
  for (const { c } of tables) {
    for (const f of c.fields) {
      const text = `${f.annotation ?? ''} ${f.value ?? ''}`;
      const target = /(?:foreign_key\s*=\s*|ForeignKey\(\s*)["'](\w+)\.\w+["']/.exec(text)?.[1] ?? tableOfClass.get(/ForeignKey\(\s*(\w+)\.id\b/.exec(text)?.[1] ?? '');
      if (target && userTables.has(target) && (OWNER_FIELD.test(f.name) || f.name.endsWith('_id'))) {
        candidates.set(f.name, target);
        holders.set(f.name, [...(holders.get(f.name) ?? []), c.name]);
      }
    }
  }
  // Every body the project runs: routes, functions, methods (services hold the checks in layered projects).
  const bodies: { module: ModuleFacts; params: readonly ParamFact[]; body: string }[] = [
    ...pairs.map((p) => ({ module: p.module, params: p.route.params, body: p.route.body })),
    ...all.flatMap((m) => [...m.functions, ...m.classes.flatMap((c) => c.methodFacts)].map((f) => ({ module: m, params: f.params, body: f.body }))),
  ];
  const attrs = bodies.flatMap((b) => [...b.body.matchAll(SUPERUSER_ATTR)].filter((x) => x[1] !== 'self').map((x) => x[2]!));
  const attribute = majority(attrs);
  const superuserCheck = attribute ? { superuserCheck: { attribute } } : {};
  const evidence: string[] = [];
  for (const [field] of candidates) {
    const fromUser = new RegExp(`(?:\\b${field}\\s*=|["']${field}["']\\s*:)\\s*(?:int\\()?[a-z_]\\w*\\.id\\b`);
    const passed = new RegExp(`(?:\\b${field}\\s*=|["']${field}["']\\s*:)\\s*${field}\\b`);
    for (const b of bodies) if (fromUser.test(b.body) || (b.params.some((p) => p.name === field) && passed.test(b.body))) evidence.push(field);
  }
  const field = majority(evidence);
  if (!field) return superuserCheck;
  // Another user's row: a `row.owner_id != user.id` check that raises, else the owner in the query.
  const compare = new RegExp(`\\.${field}\\s*!=\\s*[\\w.()]+\\)?\\s*:`);
  const checks = bodies.map((b) => ({ b, at: compare.exec(b.body) })).filter((x): x is { b: (typeof bodies)[number]; at: RegExpExecArray } => x.at !== null);
  let forbidden: NonNullable<AuthStyle['owner']>['forbidden'];
  const raised = checks.map((x) => ({ module: x.b.module, text: raiseAt(x.b.body, x.at.index + x.at[0].length) })).filter((x): x is { module: ModuleFacts; text: string } => x.text !== undefined);
  const text = majority(raised.map((r) => r.text));
  const holder = raised.find((r) => r.text === text);
  if (text && holder) {
    // Only a raise that names nothing local (no f-string of the row's fields) can be copied as written.
    const bare = text.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/\b\w+\s*=/g, '').replace(/\.\w+/g, '');
    const names = [...bare.matchAll(/[A-Za-z_]\w*/g)].map((x) => x[0]);
    const imports = importsFor(mods, holder.module, text, '');
    const known = new Set(imports.flatMap((i) => i.names));
    const status = statusOf(all, text);
    if (names.every((n) => known.has(n))) forbidden = { raise: text, imports, ...(status ? { status } : {}) };
  }
  const bypass = attribute !== undefined && checks.some((x) => new RegExp(`\\b\\w+\\.${attribute}\\b`).test(x.b.body));
  return {
    ...superuserCheck,
    owner: { field, table: candidates.get(field)!, model: holders.get(field)![0]!, others: checks.length ? 'forbidden' : 'not-found', superuserBypass: bypass, ...(forbidden ? { forbidden } : {}) },
  };
}

export function styleOf(files: ProjectFiles): ProjectStyle {
  const inferred = new Set<string>();
  const mods = new Modules(files, importRootOf(files));
  const all = files.modules;
  const pkgPrefix = mods.importRoot ? mods.importRoot + '/' : '';

  // The app module: where `app = FastAPI(...)` is, the shallowest if several.
  const appMods = all.filter((m) => m.apps.length > 0).sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
  const appMod = appMods[0];
  if (appMod) inferred.add('app');
  const appModule = appMod?.path ?? `${pkgPrefix}app/main.py`;
  const packageRoot = dirOf(appModule) || '.';

  // Models: table classes, their ORM and ids.
  const tables = all.flatMap((m) => m.classes.filter(isTable).map((c) => ({ m, c })));
  const ormOf = (m: ModuleFacts, c: ClassFact) =>
    c.keywords.get('table') === 'True' || [...m.imports.values()].some((i) => i.module === 'sqlmodel') && c.fields.some((f) => /\bField\(/.test(f.value ?? ''))
      ? 'sqlmodel'
      : c.fields.some((f) => /\bMapped\[/.test(f.annotation ?? '') || /mapped_column\(/.test(f.value ?? ''))
        ? 'sqlalchemy'
        : c.fields.some((f) => /\bColumn\(/.test(f.value ?? '')) ? 'sqlalchemy-legacy' : 'sqlalchemy';
  const orm = majority(tables.map(({ m, c }) => ormOf(m, c))) ?? 'sqlalchemy';
  if (tables.length) inferred.add('orm');
  const known: ModelClass[] = tables.map(({ m, c }) => ({ className: c.name, tableName: c.tableName ?? c.name.toLowerCase(), path: m.path, idType: idTypeOf(c) }));
  const idVote = majority(known.map((k) => k.idType).filter((t) => t !== 'other'));
  const idType = idVote === 'uuid' ? 'uuid' : 'int';
  if (idVote) inferred.add('ids');
  const models = placementOf(tables.map(({ m }) => m.path), { kind: 'package', dir: `${packageRoot}/models` });
  if (tables.length) inferred.add('models');
  const directBases = tables.map(({ c }) => c.bases);
  let base = orm === 'sqlmodel' ? { name: 'SQLModel', module: 'sqlmodel' } : { name: 'Base', module: `${mods.dotted(packageRoot)}.db` };
  const mixins: string[] = [];
  if (orm !== 'sqlmodel') {
    // The declarative base: a class deriving from DeclarativeBase, or `Base = declarative_base()`.
    for (const m of all) {
      const declared = m.classes.find((c) => c.bases.some((b) => /DeclarativeBase|DeclarativeBaseNoMeta/.test(b)))?.name ?? [...m.assignments].find(([, v]) => /declarative_base\(|registry\(\)\.generate_base/.test(v))?.[0];
      if (declared) {
        base = { name: declared, module: mods.dotted(m.path) };
        break;
      }
    }
  }
  const baseNames = new Set([base.name, 'SQLModel']);
  for (const b of new Set(directBases.flat())) {
    const users = directBases.filter((list) => list.includes(b)).length;
    if (!baseNames.has(b) && !tables.some(({ c }) => c.name === b) && users * 2 >= tables.length && /Mixin|Timestamp|SoftDelete|Audit/.test(b)) mixins.push(b);
  }
  // A shared abstract base the models derive from instead of the declarative base (`class ORMBase(Base): __abstract__ = True`).
  const shared = majority(directBases.map((list) => list[0]).filter((b): b is string => !!b && !baseNames.has(b) && !mixins.includes(b)));
  if (orm !== 'sqlmodel' && shared && directBases.filter((l) => l[0] === shared).length * 2 > tables.length && all.some((m) => m.classes.some((c) => c.name === shared && !isTable(c)))) {
    const at = all.find((m) => m.classes.some((c) => c.name === shared));
    if (at) base = { name: shared, module: mods.dotted(at.path) };
  }

  // DTOs: SQLModel XCreate/XPublic beside the models, else the modules holding pydantic models named like DTOs.
  const DTO = /(Create|Update|Public|Read|Out|In|Response|Schema|Base|List|Detail)$/;
  // Pydantic classes: BaseModel/SQLModel subclasses, then their subclasses (a project's own `Schema` base), to a fixed point.
  const pydanticNames = new Set<string>(['BaseModel', 'SQLModel', 'pydantic.BaseModel']);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of all) for (const c of m.classes) if (!isTable(c) && !pydanticNames.has(c.name) && c.bases.some((b) => pydanticNames.has(b))) [grew] = [pydanticNames.add(c.name) !== undefined];
  }
  const dtoMods = all.filter((m) => m.classes.some((c) => !isTable(c) && DTO.test(c.name) && c.bases.some((b) => pydanticNames.has(b))));
  let schemas: ProjectStyle['schemas'];
  const modelPaths = new Set(tables.map(({ m }) => m.path));
  if (orm === 'sqlmodel' && dtoMods.some((m) => modelPaths.has(m.path))) schemas = { kind: 'beside-models' };
  else schemas = placementOf(dtoMods.filter((m) => !modelPaths.has(m.path)).map((m) => m.path), { kind: 'package', dir: `${packageRoot}/schemas` });
  if (dtoMods.length) inferred.add('schemas');

  // Routes and routers.
  const pairs = all.flatMap((m) => m.routes.map((route) => ({ module: m, route })));
  const routerMods = all.filter((m) => m.routers.length > 0 && m.routes.length > 0).map((m) => m.path).sort();
  // A collector: the module whose include_router calls mount other routers (an aggregator beats the app module).
  const includers = all.filter((m) => m.includes.length > 0).sort((a, b) => b.includes.length - a.includes.length);
  const collectorMod = includers[0];
  const collectorVar = collectorMod?.includes[0]?.receiver ?? appMod?.apps[0] ?? 'app';
  const collectorIncludes = collectorMod?.includes.filter((i) => i.receiver === collectorVar) ?? [];
  const importStyle = majority(collectorIncludes.map((i): 'module' | 'router-name' => (/\.\w*router$/.test(i.router) ? 'module' : 'router-name'))) ?? 'module';
  let collectorPrefix: string | undefined;
  if (collectorMod && appMod && collectorMod !== appMod) {
    collectorPrefix = appMod.includes.find((i) => i.router.endsWith(collectorVar) || i.router.endsWith('router'))?.prefix;
  }
  const routerFacts = all.flatMap((m) => m.routers);
  const prefixOn = collectorIncludes.filter((i) => i.prefix).length * 2 > collectorIncludes.length ? 'include' : 'router';
  const methods = pairs.map((p) => p.route.method);
  const put = methods.includes('PUT');
  const patch = methods.includes('PATCH');
  const updateMethod = put && patch ? 'both' : put ? 'PUT' : 'PATCH';
  const withModel = pairs.filter((p) => p.route.method !== 'DELETE');
  const response = withModel.filter((p) => p.route.responseModel).length * 2 > withModel.length ? 'response_model' : withModel.length ? 'annotation' : 'annotation';
  const prefixes = [...routerFacts.map((r) => r.prefix ?? ''), ...collectorIncludes.map((i) => i.prefix ?? '')].join(' ');
  const pathCase = /["']\/[a-z0-9]+_[a-z0-9_]*/.test(prefixes) && !/["']\/[a-z0-9]+-/.test(prefixes) ? 'snake' : 'kebab';
  const tags = routerFacts.some((r) => r.tags) || collectorIncludes.some((i) => i.tags) || pairs.length === 0;
  if (pairs.length) inferred.add('routers');
  const routerPlacement = placementOf(routerMods, { kind: 'package', dir: `${packageRoot}/routers` });

  // Sync or async: the routes' majority, else the session type the code uses.
  const asyncVotes = pairs.map((p) => p.route.async);
  const asyncCount = asyncVotes.filter(Boolean).length;
  let isAsync = true;
  if (asyncVotes.length && asyncCount * 2 !== asyncVotes.length) {
    isAsync = asyncCount * 2 > asyncVotes.length;
    inferred.add('async');
  } else if (all.some((m) => m.imports.has('AsyncSession')) || all.some((m) => m.imports.has('Session'))) {
    isAsync = all.some((m) => m.imports.has('AsyncSession'));
    inferred.add('async');
  }

  // Dependencies as spelled by the routes.
  const deps = routeDependencies(mods, pairs);
  const depsModule = `${mods.dotted(packageRoot)}.deps`;
  // Routes that reach the data through a service or repository dependency take no session
  // themselves; then the project's own session alias (`SessionDep = Annotated[AsyncSession, Depends(get_session)]`) is it.
  const aliasSession = deps.session ? undefined : sessionAlias(all, mods);
  const session: RouteDependency = deps.session ?? aliasSession ?? { parameter: 'session: SessionDep', name: 'session', imports: [{ module: depsModule, names: ['SessionDep'] }] };
  if (deps.session || aliasSession) inferred.add('session');
  let superuser: AuthStyle['superuser'] = deps.superuser;
  if (!superuser) {
    const guards = (d: string) => [...d.matchAll(/(?:Depends|Security)\(\s*([\w.]+)[^)]*\)/g)].filter((m) => SUPERUSER_DEP.test(m[1]!)).map((m) => m[0]);
    // Every route votes with its own and the routers' guards; the routers' are matched once (a project of many routers made this quadratic).
    const routerGuards = routerFacts.flatMap((r) => guards(r.dependencies ?? ''));
    const guard = majority(pairs.flatMap((p) => [...guards(p.route.dependencies ?? ''), ...routerGuards]));
    const holder = guard ? pairs.find((p) => p.route.dependencies?.includes(guard))?.module : undefined;
    if (guard && holder) superuser = { routerDependency: guard, imports: importsFor(mods, holder, guard, '') };
  }
  const owning = ownershipOf(mods, all, tables, pairs);
  // Reads follow the project's habit: when most GET routes take the current user, new ones do too.
  const reads = pairs.filter((p) => p.route.method === 'GET');
  const routerUser = (m: ModuleFacts) => m.routers.some((r) => r.dependencies !== undefined && USER_DEP.test(r.dependencies));
  const readsTakeUser = reads.length > 0 && reads.filter((p) => routerUser(p.module) || p.route.params.some((x) => roleOf(mods, p.module, x) !== 'other' && roleOf(mods, p.module, x) !== 'session')).length * 2 > reads.length;
  const auth: AuthStyle = {
    ownership: owning.owner !== undefined,
    ...(deps.user ? { currentUser: deps.user } : {}), ...(superuser ? { superuser } : {}),
    ...owning,
    ...(deps.user ? { readsTakeUser } : {}),
  };
  if (owning.owner) inferred.add('ownership');
  if (deps.user) inferred.add('auth');

  // Data access: what the route bodies call.
  const modelNames = known.map((k) => k.className);
  const votes: string[] = [];
  for (const { module, route } of pairs) {
    const calls = [...route.body.matchAll(/\b([A-Za-z_]\w*)\s*\.\s*(\w+)\s*\(|\b([A-Za-z_]\w*)\s*\(/g)];
    let vote = '';
    for (const c of calls) {
      const head = c[1] ?? c[3]!;
      const imp = module.imports.get(head);
      const from = imp ? `${mods.absolute(imp.module, module.path)}${imp.name ? `.${imp.name}` : ''}` : '';
      if (/(^|\.)crud(\.|$)/.test(from) || (imp && !imp.name && /crud/.test(imp.module))) vote = 'crud';
      else if (/Service$|(^|\.)services?(\.|$)/.test(head + ' ' + from) || /service/i.test(head)) vote = 'service';
      else if (/repo(sitory)?$/i.test(head) || route.params.some((p) => p.name === head && /Repositor/.test(p.text))) vote = 'repository';
      // A dependency parameter typed as a service (`posts: PostServiceDep`) whose methods the route calls.
      else if (route.params.some((p) => p.name === head && /Service/.test(p.text))) vote = 'service';
      if (vote) break;
    }
    if (!vote && /\b\w+\.(exec|execute|add|get|query|scalars|scalar)\(/.test(route.body)) vote = 'inline';
    if (vote) votes.push(vote);
  }
  const repoClasses = all.flatMap((m) => m.classes.filter((c) => /Repository$|Repo$/.test(c.name)).map((c) => ({ m, c })));
  const crudMods = all.filter((m) => /(^|\/)crud(\.py|\/)/.test(m.path) && m.functions.length > 0);
  const serviceMods = all.filter((m) => /(^|\/)(service|services)(\.py|\/)/.test(m.path));
  // A data-access layer the routes call wins over the reads they inline (`session.get(Item, id)` beside `crud.create_item`).
  let kind = majority(votes.filter((v) => v !== 'inline')) ?? (votes.length ? 'inline' : undefined);
  if (!kind) kind = repoClasses.length ? 'repository' : crudMods.length ? 'crud' : serviceMods.length ? 'service' : undefined;
  let dataAccess: DataAccess;
  if (kind === 'crud' && crudMods.length) {
    dataAccess = { kind: 'crud-functions', placement: placementOf(crudMods.map((m) => m.path), { kind: 'module', path: `${packageRoot}/crud.py` }), naming: namingOf(crudMods.flatMap((m) => m.functions.map((f) => f.name)), modelNames) };
  } else if (kind === 'service' && serviceMods.length) {
    const classBased = serviceMods.some((m) => m.classes.some((c) => /Service$/.test(c.name)));
    const names = classBased ? serviceMods.flatMap((m) => m.classes.flatMap((c) => c.methods)) : serviceMods.flatMap((m) => m.functions.map((f) => f.name));
    const repository = classBased ? repositoryOf(mods, serviceMods) : undefined;
    const commits = serviceMods.some((m) => m.classes.some((c) => c.methodFacts.some((f) => /\.commit\(\)/.test(f.body))) || m.functions.some((f) => /\.commit\(\)/.test(f.body)));
    dataAccess = {
      kind: 'service', placement: placementOf(serviceMods.map((m) => m.path), { kind: 'module', path: `${packageRoot}/service.py` }), naming: namingOf(names, modelNames), classBased,
      ...(repository ? { repository } : {}), commits,
    };
  } else if (kind === 'inline') {
    dataAccess = { kind: 'inline' };
  } else {
    const generic = repoClasses.find(({ c }) => repoClasses.some((o) => o.c.bases.some((b) => b.startsWith(c.name))));
    dataAccess = {
      kind: 'repository-class',
      placement: placementOf(repoClasses.filter((r) => r !== generic).map(({ m }) => m.path), { kind: 'package', dir: `${packageRoot}/repositories` }),
      ...(generic ? { base: { name: generic.c.name, module: mods.dotted(generic.m.path) } } : {}),
    };
  }
  if (kind) inferred.add('data');

  // Pydantic major version.
  const v1 = all.reduce((n, m) => n + m.pydantic.v1, 0);
  const v2 = all.reduce((n, m) => n + m.pydantic.v2, 0);
  const pydantic: 1 | 2 = v1 > v2 ? 1 : 2;
  if (v1 + v2 > 0) inferred.add('pydantic');

  const migrations = migrationsOf(files);
  if (migrations) inferred.add('migrations');
  const tests = testsOf(files, all);
  if (tests) inferred.add('tests');
  const initLayout = REQUIRED_FOR_RESOURCES.every((p) => files.paths.has(p));
  const notFound = notFoundOf(mods, all);

  // One module inside a feature folder (the only domain with a schemas.py) is still that feature's file.
  const featured = <P extends ProjectStyle['schemas']>(p: P): P | Placement =>
    p.kind === 'module' && routerPlacement.kind === 'feature' && dirOf(dirOf(p.path)) === routerPlacement.root && baseOf(p.path) !== routerPlacement.file
      ? { kind: 'feature', root: routerPlacement.root, file: baseOf(p.path) }
      : p;
  if (dataAccess.kind !== 'inline') dataAccess = { ...dataAccess, placement: featured(dataAccess.placement) };

  const style: ProjectStyle = {
    packageRoot, appModule, orm, async: isAsync, pydantic, idType,
    models: { placement: featured(models), base, mixins, known },
    schemas: featured(schemas), dataAccess, session, auth,
    routers: {
      placement: routerPlacement,
      collector: { path: collectorMod?.path ?? appModule, variable: collectorVar, importStyle, ...(collectorPrefix ? { prefix: collectorPrefix } : {}) },
      modules: routerMods,
      prefixOn, updateMethod, response, pathCase, tags,
    },
    ...(migrations ? { migrations } : {}),
    ...(tests ? { tests } : {}),
    ...(notFound ? { notFound } : {}),
    initLayout,
    inferred,
  };
  projects.set(style, mods);
  return style;
}

function migrationsOf(files: ProjectFiles): MigrationStyle | undefined {
  const ini = [...files.texts.keys()].find((p) => baseOf(p) === 'alembic.ini');
  const iniText = ini ? files.texts.get(ini)! : '';
  const location = /^script_location\s*=\s*(.+)$/m.exec(iniText)?.[1]?.trim().replace(/^%\(here\)s\/?/, '');
  const fileTemplate = /^file_template\s*=\s*(.+)$/m.exec(iniText)?.[1]?.trim() ?? '%(rev)s_%(slug)s';
  let versionsDir = location ? `${ini && dirOf(ini) ? dirOf(ini) + '/' : ''}${location}/versions` : undefined;
  if (!versionsDir || !files.migrations.some((m) => m.path.startsWith(versionsDir + '/'))) {
    versionsDir = files.migrations.length ? dirOf(files.migrations[0]!.path) : versionsDir;
  }
  const envPresent = [...files.paths].some((p) => baseOf(p) === 'env.py' && /alembic|migrations/.test(p));
  if (!versionsDir || (!ini && !envPresent && files.migrations.length === 0)) return undefined;
  const revs = files.migrations.filter((m) => m.path.startsWith(versionsDir + '/'));
  const downs = new Set(revs.flatMap((m) => m.downRevisions));
  const heads = revs.map((m) => m.revision).filter((r): r is string => !!r && !downs.has(r));
  // Several heads need a merge revision first: leave the head unset rather than guess.
  return { tool: 'alembic', versionsDir, fileTemplate, ...(heads.length === 1 ? { head: heads[0] } : {}) };
}

function testsOf(files: ProjectFiles, all: readonly ModuleFacts[]): TestStyle | undefined {
  const testMods = all.filter((m) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(m.path) || baseOf(m.path) === 'conftest.py');
  if (testMods.length === 0) return undefined;
  const conftests = testMods.filter((m) => baseOf(m.path) === 'conftest.py').sort((a, b) => a.path.length - b.path.length);
  const dir = conftests[0] ? dirOf(conftests[0].path) : majority(testMods.map((m) => dirOf(m.path)))!;
  const fixtures = [...new Set(conftests.flatMap((m) => m.functions.filter((f) => f.decorators.some((d) => /fixture/.test(d))).map((f) => f.name)))];
  const tests = testMods.flatMap((m) => m.functions.filter((f) => f.name.startsWith('test_')));
  const isAsync = tests.filter((t) => t.async).length * 2 > tests.length;
  void files;
  return { dir: dir || '.', fixtures, async: isAsync };
}

/** One line for the CLI and the log channel: what the generator will match. */
export function styleSummary(style: ProjectStyle): string {
  const da = style.dataAccess;
  const data = da.kind === 'inline' ? 'queries inline in routes'
    : da.kind === 'crud-functions' ? `crud functions in ${placementText(da.placement)}`
      : da.kind === 'service' ? `${da.classBased ? 'service classes' : 'service functions'} in ${placementText(da.placement)}${da.repository ? ` over ${da.repository.base.name}${da.repository.methods ? ` (${[da.repository.methods.get, da.repository.methods.list, da.repository.methods.add, da.repository.methods.update, da.repository.methods.delete].join('/')})` : ''}` : ''}`
        : `repository classes in ${placementText(da.placement)}`;
  const user = style.auth.currentUser;
  const authName = user ? (/:\s*([A-Za-z_]\w*)\s*$/.exec(user.parameter)?.[1] ?? /(?:Depends|Security)\(\s*([\w.]+)/.exec(user.parameter)?.[1] ?? user.name) : undefined;
  const parts = [
    style.initLayout ? 'backend-skill layout' : style.orm === 'sqlalchemy-legacy' ? 'sqlalchemy (Column)' : style.orm,
    style.async ? 'async' : 'sync',
    data,
    `routes in ${placementText(style.routers.placement)}`,
    authName ? `auth ${authName}` : 'no auth dependency',
    `${style.idType} ids`,
  ];
  const owner = style.auth.owner;
  if (owner) parts.push(`owned by ${owner.field}${owner.superuserBypass && style.auth.superuserCheck ? ` (${style.auth.superuserCheck.attribute} sees all)` : ''}`);
  if (style.notFound) parts.push(`not found: ${style.notFound.name}`);
  if (style.migrations) parts.push(style.migrations.head ? `alembic head ${style.migrations.head}` : 'alembic (no single head)');
  const defaulted = ['orm', 'async', 'routers', 'session', 'ids'].filter((f) => !style.inferred.has(f));
  return `style: ${parts.join(' · ')}${defaulted.length && !style.initLayout ? ` (defaults: ${defaulted.join(', ')})` : ''}`;
}
