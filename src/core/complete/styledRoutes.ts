// Route completions in a router module of a project not laid out by `init`:
// the handlers copy what the module's sibling routes do (style/infer.ts
// routerConventions) — sync or async, the session or data dependency and the
// current user they take (writes, and reads where the siblings' reads do),
// the id annotation, `response_model=` and the project's DTO names — through
// the same handler source Add Route writes in that style.
import { handlerSource, routeKey } from '../plan/route';
import { routerConventions } from '../style/infer';
import type { ProjectStyle } from '../style/types';
import { resourceNames, type ResourceNames } from '../request/names';
import type { HttpMethod } from '../request/route';

/** One offered route: the handler's text and what it needs imported (`module` → names; `uuid` as a plain import). */
export interface StyledRoute {
  readonly op: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly name: string;
  readonly idName?: string;
  readonly code: string;
  readonly imports: ReadonlyArray<{ readonly module: string; readonly name: string }>;
  readonly plainImports: readonly string[];
  /** Dependencies the route takes, for the one-line detail. */
  readonly uses: readonly string[];
}

/** Router file names that say nothing about the resource. */
const GENERIC_FILES = new Set(['router', 'routers', 'routes', 'views', 'api', 'endpoints', '__init__']);

/** Read-model suffixes projects name their DTOs with, most common first. */
const READ_SUFFIXES = ['Public', 'Read', 'Out', 'Response', 'Schema'];

/** The resource a router module serves: a known model whose plural is the module's name or the router's prefix. */
function resourceFor(style: ProjectStyle, stem: string | undefined, prefix: string | undefined): ResourceNames | undefined {
  const segment = prefix?.split('/').filter((s) => s && !s.startsWith('{')).pop();
  for (const m of style.models.known) {
    const names = resourceNames(m.className);
    if ((stem && (names.snakePlural === stem || names.snake === stem)) || (segment && (names.kebabPlural === segment || names.snakePlural === segment))) return names;
  }
  return undefined;
}

/**
 * The routes offered in the router module at `path` (a list, create, get,
 * update in the project's method, delete), or undefined when the style has no
 * record of the module (then the init-layout completions apply).
 */
export function styledRouteCompletions(
  style: ProjectStyle, path: string, router: string, prefix: string | undefined, bound: ReadonlySet<string>,
  existing: ReadonlyArray<{ readonly method: string; readonly path: string }> = [],
): StyledRoute[] | undefined {
  if (style.initLayout) return undefined;
  const c = routerConventions(style, path);
  // A feature folder's `router.py` is named for its folder (`todos/router.py` serves todos).
  const file = /([A-Za-z_]\w*)\.py$/.exec(path)?.[1];
  const stem = file && GENERIC_FILES.has(file) ? /([A-Za-z_]\w*)\/[^/]+$/.exec(path)?.[1] : file;
  const names = resourceFor(style, stem, prefix);
  const resource = names?.snake ?? (stem ? stem.replace(/s$/, '') : 'item');
  // The project's read model for this resource, under the suffix its DTOs use (`ItemPublic`, `PostRead`).
  const read = names ? READ_SUFFIXES.map((s) => `${names.className}${s}`).find((n) => c.classModule(n) !== undefined) : undefined;
  const listModel = names && c.classModule(`${names.classPlural}Public`) ? `${names.classPlural}Public` : read ? `list[${read}]` : undefined;
  const idName = `${resource}_id`;
  // The module's own update verb when it has one (`PUT` items beside a project-wide `PATCH /me`), else the project's.
  const own = (['PUT', 'PATCH'] as const).filter((m) => existing.some((r) => r.method.toUpperCase() === m));
  const update: HttpMethod[] = own.length ? [...own] : style.routers.updateMethod === 'both' ? ['PUT', 'PATCH'] : [style.routers.updateMethod];
  const plan: { op: string; method: HttpMethod; path: string; name: string; model?: string }[] = [
    { op: 'list', method: 'GET', path: style.routers.prefixOn === 'include' ? '' : '/', name: `list_${names?.snakePlural ?? `${resource}s`}`, ...(listModel ? { model: listModel } : {}) },
    { op: 'create', method: 'POST', path: style.routers.prefixOn === 'include' ? '' : '/', name: `create_${resource}`, ...(read ? { model: read } : {}) },
    { op: 'get one', method: 'GET', path: `/{${idName}}`, name: `read_${resource}`, ...(read ? { model: read } : {}) },
    ...update.map((m) => ({ op: m === 'PUT' ? 'replace' : 'update some fields', method: m, path: `/{${idName}}`, name: `${m === 'PATCH' && update.length > 1 ? 'patch' : 'update'}_${resource}`, ...(read ? { model: read } : {}) })),
    { op: 'delete', method: 'DELETE', path: `/{${idName}}`, name: `delete_${resource}` },
  ];
  // Routes the module already declares are not offered again (the same method and path, parameter names aside).
  const taken = new Set(existing.map((r) => routeKey(r.method.toUpperCase(), r.path)));
  return plan.filter((p) => !taken.has(routeKey(p.method, p.path))).map((p) => {
    const withId = p.path.includes('{');
    // Writes take the current user; reads too where the siblings' reads do.
    const auth = c.currentUser !== undefined && !c.routerAuth && (p.method !== 'GET' || c.readsTakeUser);
    const handler = handlerSource({
      router, method: p.method, path: p.path, name: p.name, params: withId ? [{ name: idName, type: 'int' }] : [],
      responseModel: p.model, auth, repositoryDep: false, conventions: c, bound,
    });
    const imports: { module: string; name: string }[] = [];
    for (const [module, ns] of handler.imports) for (const n of ns) if (!bound.has(n)) imports.push({ module, name: n });
    // The response model's class (the item of `list[...]`), from wherever the project defines it.
    const cls = p.model?.replace(/^list\[(\w+)\]$/, '$1');
    const clsModule = cls ? c.classModule(cls) : undefined;
    if (cls && clsModule && !bound.has(cls)) imports.push({ module: clsModule, name: cls });
    const uses = [c.session ?? c.dataDependency, auth ? c.currentUser : undefined].flatMap((d) => (d && handler.text.includes(d.parameter) ? [d.parameter.split(':')[1]?.split('=')[0]?.trim() ?? d.name] : []));
    return {
      op: p.op, method: p.method, path: p.path, name: p.name, code: handler.text, imports, uses,
      plainImports: /\buuid\.UUID\b/.test(handler.text) && !bound.has('uuid') ? ['uuid'] : [],
      ...(withId ? { idName } : {}),
    };
  });
}
