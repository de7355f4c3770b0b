// path-param-mismatch: a placeholder in a route's path (`/items/{item_id}`,
// with the router's `prefix=` when it is declared in the same file) that no
// handler parameter receives, or a parameter declared with `Path()` that the
// path does not contain. The first drops the URL value silently in FastAPI
// (and crashes every request in Flask, which passes it as a keyword); the
// second can never be filled. A dependency that takes the placeholder
// (`Depends(get_item)` with `get_item(item_id: int)`, same file, or an
// imported one named after it such as `ItemDep`) consumes it, and so does a
// class-instance dependency (`Depends(Checker(...))`), which gets the Request.
import type { SyntaxNode } from '../../parse/python';
import { fileFix, replaceNode } from '../fixes';
import { mayHaveRoutes, keywordArg, named, type Route, type RouteParam } from '../python/pyfile';
import { addParameter, dependencyCalls, dependencyName, dependencyTarget, fileModel, isFlaskRoute, paramDependencies, routerOf, templateParams, type TemplateParam } from '../python/routes';
import type { Fix, Rule, RuleContext } from '../types';

/** Names of parameters a dependency function takes, following its own dependencies (same file only). */
function dependencyParams(ctx: RuleContext, call: SyntaxNode, out: Set<string>, unknown: Set<string>, depth: number): void {
  const target = dependencyTarget(call);
  const name = dependencyName(ctx.py, target);
  if (!name) return;
  const fn = fileModel(ctx.py).functions.get(name);
  // A class instance as the dependency (`Depends(PermissionsDependency([...]))`,
  // `Depends(RoleChecker("admin"))`): FastAPI calls its `__call__` with the
  // Request, and such checkers look up the resource from `request.path_params`.
  if (!fn && target?.type === 'call' && /^[A-Z]/.test(name)) {
    out.add('*');
    return;
  }
  if (!fn) {
    unknown.add(name);
    return;
  }
  // A dependency reading `request.path_params[...]` takes whatever placeholder it wants.
  if (fn.childForFieldName('body')?.text.includes('path_params')) out.add('*');
  for (const param of ctx.py.params(fn)) {
    out.add(param.name);
    if (depth < 4) for (const inner of paramDependencies(ctx.py, param)) dependencyParams(ctx, inner, out, unknown, depth + 1);
  }
}

/** `item_id` → `item`: the part an imported dependency named after it (`get_item`, `ItemDep`) would share. */
function stem(name: string): string {
  const lower = name.toLowerCase();
  const stripped = lower.replace(/_?(id|uuid|slug|pk|key|name)$/, '');
  return (stripped.length >= 3 ? stripped : lower).replace(/_/g, '');
}

function isPathParam(ctx: RuleContext, param: RouteParam): string | undefined {
  const calls: SyntaxNode[] = [];
  const collect = (n: SyntaxNode | undefined): void => {
    if (!n || !n.text.includes('Path(')) return;
    if (n.type === 'call') calls.push(n);
    for (const c of named(n)) collect(c);
  };
  collect(param.default);
  collect(param.annotation);
  for (const call of calls) {
    const callee = ctx.py.callee(call);
    if (callee === 'fastapi.Path' || callee === 'fastapi.params.Path' || callee === 'Path') {
      const alias = keywordArg(call, 'alias');
      return (alias && ctx.py.constantString(alias)) || param.name;
    }
  }
  return undefined;
}

function check(ctx: RuleContext): void {
  for (const route of ctx.py.routes) {
    if (!route.pathNode) continue;
    // A path from a module constant (`ITEM_PATH = "/{item_id}"`) counts too; the finding then sits on the name.
    const path = route.path ?? ctx.py.constantString(route.pathNode);
    if (path === undefined) continue;
    const decl = routerOf(ctx.py, route);
    const prefix = decl?.prefix;
    const own = templateParams(path);
    const fromPrefix = prefix ? templateParams(prefix) : [];
    const flask = isFlaskRoute(ctx.py, route);
    const fnParams = named(route.fn.childForFieldName('parameters'));
    const takesKwargs = fnParams.some((p) => p.type === 'dictionary_splat_pattern');

    const consumed = new Set(route.params.map((p) => p.name));
    const unknown = new Set<string>();
    for (const param of route.params) {
      for (const call of paramDependencies(ctx.py, param)) dependencyParams(ctx, call, consumed, unknown, 0);
      const alias = isPathParam(ctx, param);
      if (alias) consumed.add(alias);
      // An imported `Annotated` alias (`project: ProjectDep`) may take the placeholder; judged by its name below.
      const ann = param.annotation?.type === 'type' ? named(param.annotation)[0] : param.annotation;
      if (ann && (ann.type === 'identifier' || ann.type === 'attribute') && !fileModel(ctx.py).aliases.has(ann.text)) unknown.add(ann.text.split('.').pop()!);
    }
    for (const list of [keywordArg(route.decorator, 'dependencies'), decl?.dependencies]) {
      for (const call of dependencyCalls(ctx.py, list)) dependencyParams(ctx, call, consumed, unknown, 0);
    }
    // Dependencies from other modules: what the project facts say they take (`authz: AuthorizeAccountRead` takes `id`).
    const known = ctx.project.dependencyParams;
    if (known) for (const u of unknown) for (const p of known[u] ?? []) consumed.add(p);
    const bodyText = route.fn.childForFieldName('body')?.text ?? '';
    const readsPathParams = bodyText.includes('path_params') || bodyText.includes('view_args') || consumed.has('*');

    const missing: { param: TemplateParam; inPrefix: boolean }[] = [];
    if (!takesKwargs && !readsPathParams) {
      for (const [list, inPrefix] of [[fromPrefix, true], [own, false]] as const) {
        for (const param of list) {
          if (consumed.has(param.name)) continue;
          const s = stem(param.name);
          if (s.length >= 3 && [...unknown].some((u) => u.toLowerCase().replace(/_/g, '').includes(s))) continue;
          missing.push({ param, inPrefix });
        }
      }
    }
    const template = new Set([...own, ...fromPrefix].map((p) => p.name));
    const extra: { param: RouteParam; name: string }[] = [];
    if (!flask && prefix !== undefined && !includedWithTemplatedPrefix(ctx, route)) {
      for (const param of route.params) {
        const name = isPathParam(ctx, param);
        if (name && !template.has(name)) extra.push({ param, name });
      }
    }

    for (const { param, inPrefix } of missing) {
      const at = inPrefix || route.path === undefined ? undefined : placeholderRange(route.pathNode, param.name);
      ctx.report({
        ...(at ?? { node: route.pathNode }),
        message: flask
          ? `The path has <${param.name}> but ${route.name}() takes no ${param.name} parameter: Flask passes it as a keyword argument, so every request fails with a TypeError. Add the parameter or fix its name.`
          : `The path has {${param.name}}${inPrefix ? ' (from the router prefix)' : ''} but ${route.name}() takes no ${param.name} parameter, so the value in the URL is silently ignored. Add the parameter or fix its name.`,
        fixes: () => missingFixes(ctx, route, param, extra.length === 1 && missing.length === 1 ? extra[0]!.param : undefined),
      });
    }
    for (const { param, name } of extra) {
      ctx.report({
        node: param.node,
        message: `${param.name} is declared with Path() but the path ${JSON.stringify((prefix ?? '') + path)} has no {${name}}, so FastAPI can never fill it from the URL. Add the placeholder or fix the name.`,
        fixes: () => extraFixes(ctx, route, param, name, missing.length === 1 && extra.length === 1 ? missing[0]!.param : undefined),
      });
    }
  }
}

/** Routers mounted with a prefix that has placeholders (`include_router(r, prefix="/users/{user_id}")`) take them from there. */
function includedWithTemplatedPrefix(ctx: RuleContext, route: Route): boolean {
  const stemOfFile = ctx.path.replace(/\.py$/, '').split(/[\\/]/).pop();
  return templatedIncludes(ctx.project.routerIncludes ?? []).has(`${route.owner}\0${stemOfFile}`);
}

/** Per project facts, once: `variable\0module stem` of every include with a templated prefix (a scan per route was routes x includes). */
const templatedIncludesOf = new WeakMap<object, Set<string>>();
function templatedIncludes(includes: NonNullable<RuleContext['project']['routerIncludes']>): Set<string> {
  let keys = templatedIncludesOf.get(includes);
  if (!keys) {
    keys = new Set(includes.filter((i) => !!i.prefix?.includes('{')).map((i) => `${i.variable}\0${i.module.split('.').pop()}`));
    templatedIncludesOf.set(includes, keys);
  }
  return keys;
}

/** Range of `{name}` / `{name:conv}` / `<conv:name>` inside the path string. */
function placeholderRange(pathNode: SyntaxNode, name: string): { start: number; end: number } | undefined {
  const m = new RegExp(`\\{\\s*${name}\\s*(?::\\s*\\w+\\s*)?\\}|<(?:\\w+(?:\\([^)]*\\))?:)?${name}>`).exec(pathNode.text);
  return m ? { start: pathNode.startIndex + m.index, end: pathNode.startIndex + m.index + m[0].length } : undefined;
}

function typeFor(param: TemplateParam): string {
  if (param.converter === 'int') return 'int';
  if (param.converter === 'float') return 'float';
  if (param.converter === 'path' || param.converter === 'str' || param.converter === 'string') return 'str';
  return /(^|_)id$|Id$/.test(param.name) ? 'int' : 'str';
}

/** Rename a parameter and the plain uses of its name in the handler. */
function renameEdits(route: Route, param: RouteParam, to: string): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  const nameNode = param.node.type === 'identifier' ? param.node : (param.node.childForFieldName('name') ?? named(param.node).find((c) => c.type === 'identifier'));
  if (nameNode) edits.push(replaceNode(nameNode, to));
  const body = route.fn.childForFieldName('body');
  for (const id of body ? body.descendantsOfType('identifier') : []) {
    if (!id || id.text !== param.name) continue;
    const parent = id.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) continue;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) continue;
    edits.push(replaceNode(id, to));
  }
  return edits;
}

function missingFixes(ctx: RuleContext, route: Route, param: TemplateParam, counterpart: RouteParam | undefined): Fix[] {
  const out: Fix[] = [];
  if (counterpart) out.push(fileFix(ctx, `Rename parameter ${counterpart.name} to ${param.name}`, renameEdits(route, counterpart, param.name), { preferred: true }));
  const add = addParameter(ctx.source, route.fn, `${param.name}: ${typeFor(param)}`, false);
  if (add) out.push(fileFix(ctx, `Add parameter ${param.name}: ${typeFor(param)}`, [add], { preferred: !counterpart }));
  return out;
}

function extraFixes(ctx: RuleContext, route: Route, param: RouteParam, name: string, counterpart: TemplateParam | undefined): Fix[] {
  const out: Fix[] = [];
  if (counterpart) out.push(fileFix(ctx, `Rename parameter ${param.name} to ${counterpart.name}`, renameEdits(route, param, counterpart.name), { preferred: true }));
  const path = route.pathNode;
  if (path?.type === 'string' && !counterpart) {
    const end = named(path).find((c) => c.type === 'string_end');
    if (end) {
      const slash = route.path?.endsWith('/') ? '' : '/';
      out.push(fileFix(ctx, `Add {${name}} to the path`, [{ start: end.startIndex, end: end.startIndex, text: `${slash}{${name}}` }], { preferred: true }));
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'path-param-mismatch',
  title: 'Path template and handler parameters disagree',
  defaultSeverity: 'error',
  applies: mayHaveRoutes,
  finish: check,
};
