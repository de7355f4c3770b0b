// Resolution of the route tree from per-file summaries, without parsing:
// apps are the roots, `include_router(child, prefix=...)` calls the edges
// (read from any file, nested to any depth, a router included twice is
// mounted twice), and a route's full path is every include prefix and router
// prefix on the way down, then its own path. Routers no app reaches are
// grouped on their own. Cost: linear in routers, includes and routes.
import type { RouterIncludeFacts } from '../analysis/project';
import { ConstantResolver, type ModuleConstants } from './constants';
import { joinPath, UNMOUNTED_LABEL, type AppNode, type DeclaredRoute, type DeclaredRouter, type Framework, type ResolvedRoute, type RouterGroup, type SourceSpan } from './model';

/** What resolution needs to know about one file. */
export interface ResolvableFile {
  /** Index key (a URI in the editor). */
  readonly key: string;
  /** Workspace-relative path, forward slashes. */
  readonly path: string;
  /** Import path (`app.routers.authors`) or, for TypeScript, the path without extension. */
  readonly module: string;
  readonly framework: Framework;
  readonly routers: readonly DeclaredRouter[];
  readonly routes: readonly DeclaredRoute[];
  /** Mounts written in this file: `parent.include_router(child, prefix=...)` (Express: `parent.use(prefix, child)`). */
  readonly includes: readonly MountFacts[];
  /** Python: the file's module-level bindings, to resolve prefixes written as expressions (`settings.API_V1_STR`). */
  readonly constants?: ModuleConstants;
}

/** A mount; Express mounts may name the auth middleware that runs before the mounted router (`app.use('/x', requireAuth, router)`). */
export type MountFacts = RouterIncludeFacts & { readonly guard?: string };

interface Node {
  readonly file: ResolvableFile;
  readonly variable: string;
  readonly router: DeclaredRouter | undefined;
  /** The router's own prefix, its expression resolved when it can be. */
  readonly prefix: string;
  routes: readonly DeclaredRoute[];
  readonly children: { node: Node; prefix: string; offset: number; guard: string | undefined }[];
}

/**
 * Resolution results kept between calls: a file's routes grouped by owner
 * (while the file's summary is the same object) and each router mount's
 * resolved group (while its routes and prefix are the same), so an edit to
 * one file rebuilds only the groups of that file and of the mounts whose
 * prefix changed.
 */
export class ResolveCache {
  readonly byOwner = new WeakMap<ResolvableFile, Map<string, DeclaredRoute[]>>();
  groups = new Map<string, { declared: readonly DeclaredRoute[]; guard: string | undefined; group: RouterGroup }>();
}

const NO_DECLARED: readonly DeclaredRoute[] = [];

function routesByOwner(cache: ResolveCache, file: ResolvableFile): Map<string, DeclaredRoute[]> {
  let map = cache.byOwner.get(file);
  if (!map) {
    map = new Map();
    for (const route of file.routes) {
      const list = map.get(route.owner) ?? [];
      list.push(route);
      map.set(route.owner, list);
    }
    cache.byOwner.set(file, map);
  }
  return map;
}

const FILE_START: SourceSpan = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Finds the file defining a module: exact name, else by suffix (a project below the workspace folder, or above it). */
class ModuleTable {
  private readonly exact = new Map<string, ResolvableFile>();
  private readonly byLast = new Map<string, ResolvableFile[]>();

  constructor(files: Iterable<ResolvableFile>) {
    for (const f of files) {
      if (!this.exact.has(f.module)) this.exact.set(f.module, f);
      const last = f.module.split('.').pop()!;
      const list = this.byLast.get(last) ?? [];
      list.push(f);
      this.byLast.set(last, list);
    }
    for (const list of this.byLast.values()) list.sort((a, b) => a.module.length - b.module.length || a.module.localeCompare(b.module));
  }

  find(module: string, framework: Framework): ResolvableFile | undefined {
    const exact = this.exact.get(module);
    if (exact && exact.framework === framework) return exact;
    const candidates = (this.byLast.get(module.split('.').pop()!) ?? []).filter((f) => f.framework === framework);
    return candidates.find((f) => f.module.endsWith(`.${module}`)) ?? candidates.find((f) => module.endsWith(`.${f.module}`));
  }
}

/** Build the tree of apps, router mounts and routes. */
export function resolveRoutes(files: Iterable<ResolvableFile>, cache = new ResolveCache()): AppNode[] {
  const list = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const previous = cache.groups;
  cache.groups = new Map();
  const ctx: MountContext = { previous, cache, ids: new Set() };
  const modules = new ModuleTable(list);
  const constants = new ConstantResolver((module) => modules.find(module, 'fastapi'));
  // An expression prefix resolves to the string the app would compute; one we cannot follow stays `<expr>`.
  const prefixOf = (file: ResolvableFile, literal: string | undefined, expression: string | undefined): string => {
    if (literal !== undefined && expression === undefined) return literal;
    if (!expression) return literal ?? '';
    const value = file.framework === 'fastapi' ? constants.string(file.module, expression) : undefined;
    return value ?? literal ?? `<${expression}>`;
  };
  const nodes = new Map<string, Node>();
  const nodeKey = (file: ResolvableFile, variable: string) => `${file.key}\n${variable}`;
  const nodeOf = (file: ResolvableFile, variable: string): Node => {
    const k = nodeKey(file, variable);
    let node = nodes.get(k);
    if (!node) {
      const router = file.routers.find((r) => r.variable === variable);
      const prefix = router ? prefixOf(file, router.prefixExpression ? undefined : router.prefix, router.prefixExpression) : '';
      node = { file, variable, router, prefix, routes: routesByOwner(cache, file).get(variable) ?? NO_DECLARED, children: [] };
      nodes.set(k, node);
    }
    return node;
  };
  for (const file of list) {
    for (const router of file.routers) nodeOf(file, router.variable);
    for (const owner of routesByOwner(cache, file).keys()) nodeOf(file, owner);
  }
  const included = new Set<Node>();
  // Parents first: a router that only includes others (`api_router`) is a node even without routes of its own.
  for (const file of list) for (const inc of file.includes) nodeOf(file, inc.parentVariable);
  for (const file of list) {
    for (const inc of file.includes) {
      const target = modules.find(inc.module, file.framework);
      if (!target) continue;
      // Only known routers (or owners of routes) are mounted: `include_router(some_factory())` is skipped.
      const child = nodes.get(nodeKey(target, inc.variable));
      if (!child) continue;
      const parent = nodeOf(file, inc.parentVariable);
      const prefix = prefixOf(file, inc.prefix, inc.prefixExpression);
      parent.children.push({ node: child, prefix, offset: inc.offset ?? 0, guard: inc.guard });
      included.add(child);
    }
  }
  for (const node of nodes.values()) node.children.sort((a, b) => a.offset - b.offset);

  const apps: AppNode[] = [];
  for (const node of nodes.values()) {
    if (node.router?.kind !== 'app') continue;
    const groups: RouterGroup[] = [];
    const appId = `${node.file.key}#${node.variable}`;
    mount(ctx, node, '', undefined, appId, groups, new Set());
    apps.push({
      id: appId,
      label: node.variable,
      framework: node.file.framework,
      file: node.file.key,
      relativePath: node.file.path,
      location: node.router.location,
      groups,
    });
  }
  apps.sort((a, b) => (a.relativePath ?? '').localeCompare(b.relativePath ?? '') || a.label.localeCompare(b.label));

  // Routes no app serves: routers never included, or included only into routers that are not.
  const reached = new Set<Node>();
  const reach = (n: Node): void => {
    if (reached.has(n)) return;
    reached.add(n);
    for (const c of n.children) reach(c.node);
  };
  for (const node of nodes.values()) if (node.router?.kind === 'app') reach(node);
  const loose: RouterGroup[] = [];
  const roots = [...nodes.values()].filter((n) => !reached.has(n) && !included.has(n));
  for (const node of roots) reach(node);
  // Whatever is still unreached is only included from an include cycle: each shows on its own.
  roots.push(...[...nodes.values()].filter((n) => !reached.has(n)));
  for (const node of roots) mount(ctx, node, '', undefined, 'unmounted', loose, new Set());
  if (loose.length > 0) {
    loose.sort((a, b) => a.relativePath.localeCompare(b.relativePath) || a.variable.localeCompare(b.variable));
    apps.push({ id: 'unmounted', label: UNMOUNTED_LABEL, framework: loose[0]!.routes[0]?.framework ?? 'fastapi', file: undefined, relativePath: undefined, location: undefined, groups: loose });
  }
  return apps;
}

interface MountContext {
  readonly previous: ResolveCache['groups'];
  readonly cache: ResolveCache;
  /** Group ids handed out in this resolution. */
  readonly ids: Set<string>;
}

/** Add the groups served under `node` mounted at `base` (depth first, in include order); cycles are cut. */
function mount(ctx: MountContext, node: Node, base: string, guard: string | undefined, appId: string, groups: RouterGroup[], stack: Set<Node>): void {
  if (stack.has(node)) return;
  stack.add(node);
  const prefix = joinPrefix(base, node.prefix);
  if (node.routes.length > 0) {
    // Stable across edits (expansion state survives); a router mounted twice at the same prefix gets a suffix.
    let id = `${appId}|${node.file.key}#${node.variable}@${prefix}`;
    for (let n = 2; ctx.ids.has(id); n++) id = `${appId}|${node.file.key}#${node.variable}@${prefix}~${n}`;
    ctx.ids.add(id);
    const kept = ctx.previous.get(id);
    if (kept && kept.declared === node.routes && kept.guard === guard && kept.group.location === (node.router?.location ?? node.routes[0]?.location ?? FILE_START)) {
      groups.push(kept.group);
      ctx.cache.groups.set(id, kept);
    } else {
      const group = resolvedGroup(node, id, prefix, guard);
      groups.push(group);
      ctx.cache.groups.set(id, { declared: node.routes, guard, group });
    }
  }
  for (const child of node.children) mount(ctx, child.node, joinPrefix(prefix, child.prefix), guard ?? child.guard, appId, groups, stack);
  stack.delete(node);
}

/** `guard`: auth middleware an Express mount on the way runs first (FastAPI guards are already in each route's auth). */
function resolvedGroup(node: Node, id: string, prefix: string, guard: string | undefined): RouterGroup {
  return {
    id,
    variable: node.variable,
    module: node.file.module,
    file: node.file.key,
    relativePath: node.file.path,
    prefix,
    location: node.router?.location ?? node.routes[0]?.location ?? FILE_START,
    routes: node.routes.map(
      (route, i): ResolvedRoute => ({
        ...route,
        ...(guard && route.auth.status !== 'protected' ? { auth: { status: 'protected' as const, reason: guard, flagged: false } } : {}),
        id: `${id}/${i}`,
        // Express serves `router.get('/')` mounted at `/authors` as `/authors` (and `/authors/`): show the former.
        fullPath: node.file.framework === 'express' && route.path === '/' && prefix ? prefix : joinPath(prefix, route.path),
        file: node.file.key,
        relativePath: node.file.path,
        framework: node.file.framework,
      }),
    ),
  };
}

/** Prefixes concatenate without the '/' fallback of a full path. */
function joinPrefix(a: string, b: string): string {
  if (!b) return a;
  return a.endsWith('/') && b.startsWith('/') ? a + b.slice(1) : a + b;
}
