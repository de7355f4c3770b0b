// The route explorer's model, the same for every framework: apps hold router
// groups (one per place a router is mounted), groups hold routes with their
// full resolved path, handler location and auth status. Plain data, so the
// VS Code adapter and tests read it without knowing how it was computed.

/** A position in a file: 0-based line and UTF-16 column (what editors count). */
export interface SourcePoint {
  readonly line: number;
  readonly character: number;
}

export interface SourceSpan {
  readonly start: SourcePoint;
  readonly end: SourcePoint;
}

export type Framework = 'fastapi' | 'express';

/** `protected`: an auth dependency/middleware runs; `exempt`: must be public (login, health); `open`: anyone can call it. */
export type RouteAuthStatus = 'protected' | 'open' | 'exempt';

export interface RouteAuthInfo {
  readonly status: RouteAuthStatus;
  /** Why, as the missing-auth rule words it. */
  readonly reason: string;
  /** The missing-auth rule reports this route (mutating, open, in a project that authenticates). */
  readonly flagged: boolean;
}

/** One route as declared in its file (its router's prefix not yet applied). */
export interface DeclaredRoute {
  /** Upper-case methods (`GET`; `api_route` may list several). */
  readonly methods: readonly string[];
  /** The path as written (a constant), or the expression text in `<…>` when computed. */
  readonly path: string;
  /** Variable of the router or app the route hangs off. */
  readonly owner: string;
  /** Handler function name (`create_author`; `<anonymous>` for inline Express handlers). */
  readonly handler: string;
  /** The handler's name (or the route call), where "go to handler" lands. */
  readonly location: SourceSpan;
  readonly auth: RouteAuthInfo;
}

/** A router or app declared in a file. */
export interface DeclaredRouter {
  readonly variable: string;
  readonly kind: 'app' | 'router';
  /** Its own prefix (`APIRouter(prefix=...)`): a constant, `<expr>` when computed, '' when absent. */
  readonly prefix: string;
  /** The `prefix=` expression as written when it is not a constant of its own file (`settings.API_V1_STR`): resolution follows it across modules. */
  readonly prefixExpression?: string;
  readonly location: SourceSpan;
}

/** A resolved route: declared route + where it is served. */
export interface ResolvedRoute extends DeclaredRoute {
  /** Stable id (file, mount, index) for tree items. */
  readonly id: string;
  /** Full path: every include prefix and router prefix on the way from the app, then the route's path. */
  readonly fullPath: string;
  /** Key of the file declaring the route (a URI string in the editor). */
  readonly file: string;
  /** Workspace-relative path of that file. */
  readonly relativePath: string;
  readonly framework: Framework;
}

/** One mount of one router in an app: the routes it serves at this prefix. */
export interface RouterGroup {
  readonly id: string;
  /** Router variable (`router`, `app`), shown with its module. */
  readonly variable: string;
  /** Module or file the router lives in, `app.routers.authors`. */
  readonly module: string;
  readonly file: string;
  readonly relativePath: string;
  /** Prefix every route of this mount starts with (include prefixes + router prefixes). */
  readonly prefix: string;
  readonly location: SourceSpan;
  readonly routes: readonly ResolvedRoute[];
}

export interface AppNode {
  readonly id: string;
  /** `app` (`app/main.py`), or a synthetic group for routers no app includes. */
  readonly label: string;
  readonly framework: Framework;
  /** undefined for the synthetic "not included" group. */
  readonly file: string | undefined;
  readonly relativePath: string | undefined;
  readonly location: SourceSpan | undefined;
  readonly groups: readonly RouterGroup[];
}

/** Label of the group of routers that no app includes (or whose app is not in the workspace). */
export const UNMOUNTED_LABEL = 'Not included in an app';

/** Every route of a tree, in display order. */
export function allRoutes(apps: readonly AppNode[]): ResolvedRoute[] {
  return apps.flatMap((a) => a.groups.flatMap((g) => g.routes));
}

/** Join path pieces as frameworks do: plain concatenation, but never `//` at a seam and '/' for an empty path. */
export function joinPath(...parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (!part) continue;
    out = out.endsWith('/') && part.startsWith('/') ? out + part.slice(1) : out + part;
  }
  return out || '/';
}
