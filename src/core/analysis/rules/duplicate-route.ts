// duplicate-route: the same method and path registered twice on one router
// (or app). Starlette and Flask dispatch to the first match, so the second
// handler never runs — usually a copy-paste left behind or two edits that
// collided. Placeholders are compared by position and converter, not by name
// (`/items/{item_id}` and `/items/{id}` match the same URLs). A trailing
// slash makes a different route (`/items` and `/items/` are both served,
// redirect_slashes only applies when one is missing), so it is not flagged.
// Routes registered in different functions (app factories) or in different
// conditional branches are not compared.
import type { SyntaxNode } from '../../parse/python';
import { mayHaveRoutes, keywordArg, literalString, named, positionalArgs } from '../python/pyfile';
import { fileModel } from '../python/routes';
import type { Rule, RuleContext } from '../types';

interface Registration {
  readonly owner: string;
  readonly methods: readonly string[];
  readonly path: string;
  readonly node: SyntaxNode;
  readonly handler: string;
  readonly container: number;
}

/** `/items/{item_id}` → `/items/{}`, `{p:path}` → `{:path}`, Flask `<int:id>` → `<int>`. */
function shape(path: string): string {
  return path.replace(/\{\s*\w+\s*(?::\s*(\w+)\s*)?\}/g, (_m, conv: string | undefined) => (conv ? `{:${conv}}` : '{}')).replace(/<(?:(\w+)(?:\([^)]*\))?:)?\w+>/g, (_m, conv: string | undefined) => (conv ? `<${conv}>` : '<>'));
}

/** The scope a registration runs in: its function, or the conditional branch it sits in, or the module. */
function container(node: SyntaxNode): number {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return p.id;
    if (p.type === 'block' && p.parent && p.parent.type !== 'class_definition' && p.parent.type !== 'with_statement' && p.parent.type !== 'function_definition') return p.id;
    if (p.type === 'module') return p.id;
  }
  return 0;
}

function methodsOf(call: SyntaxNode): string[] {
  const list = keywordArg(call, 'methods');
  if (!list) return ['get'];
  return named(list).map((m) => literalString(m)?.toLowerCase()).filter((m): m is string => !!m);
}

function check(ctx: RuleContext): void {
  const regs: Registration[] = [];
  for (const route of ctx.py.routes) {
    const path = route.pathNode ? (route.path ?? ctx.py.constantString(route.pathNode)) : undefined;
    if (path === undefined) continue;
    regs.push({ owner: route.owner, methods: route.methods, path, node: route.pathNode!, handler: route.name, container: container(route.decorator) });
  }
  // Imperative registrations: `app.add_api_route("/x", handler, methods=[...])`, Flask `app.add_url_rule(...)`.
  if (ctx.source.includes('add_api_route') || ctx.source.includes('add_url_rule')) {
    for (const call of ctx.tree.rootNode.descendantsOfType('call')) {
      if (!call) continue;
      const fn = call.childForFieldName('function');
      const verb = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (verb !== 'add_api_route' && verb !== 'add_url_rule') continue;
      const pathNode = positionalArgs(call)[0] ?? keywordArg(call, verb === 'add_api_route' ? 'path' : 'rule');
      const path = pathNode ? ctx.py.constantString(pathNode) : undefined;
      if (!pathNode || path === undefined) continue;
      const handler = (verb === 'add_api_route' ? positionalArgs(call)[1] ?? keywordArg(call, 'endpoint') : keywordArg(call, 'view_func') ?? positionalArgs(call)[2])?.text ?? '?';
      regs.push({ owner: fn!.childForFieldName('object')?.text ?? '', methods: methodsOf(call), path, node: pathNode, handler, container: container(call) });
    }
  }
  regs.sort((a, b) => a.node.startIndex - b.node.startIndex);
  const mount = mounts(ctx);
  const seen = new Map<string, Registration>();
  for (const reg of regs) {
    const [root, prefix] = mount(reg.owner);
    for (const method of reg.methods) {
      const key = `${reg.container}\0${root}\0${method}\0${shape(prefix + reg.path)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, reg);
        continue;
      }
      const line = first.node.startPosition.row + 1;
      const renamed = first.path !== reg.path ? ` (as ${JSON.stringify(first.path)})` : '';
      const on = first.owner === reg.owner ? reg.owner : `${root} (through ${first.owner} and ${reg.owner})`;
      ctx.report({
        node: reg.node,
        message: `${method.toUpperCase()} ${prefix + reg.path || '/'} is already registered on ${on} at line ${line}${renamed} by ${first.handler}(); the first match wins, so ${reg.handler}() never runs for it. Remove one of them or change the path or method.`,
      });
      break;
    }
  }
}

/**
 * Where a router's routes end up: the app (or outermost router) it is
 * included into in this file, and the prefix accumulated on the way
 * (`app.include_router(router, prefix="/v1")` + `APIRouter(prefix="/items")`).
 * A router not included here is its own root; an unknown prefix stops the climb.
 */
function mounts(ctx: RuleContext): (owner: string) => [string, string] {
  const parents = new Map<string, { parent: string; prefix: string | undefined }>();
  if (ctx.source.includes('include_router')) {
    for (const m of ctx.source.matchAll(/^[ \t]*(\w+)\.include_router\(\s*(\w+)\s*([,)])/gm)) {
      let prefix: string | undefined = '';
      if (m[3] === ',') {
        const rest = ctx.source.slice(m.index! + m[0].length, ctx.source.indexOf(')', m.index! + m[0].length));
        const p = /\bprefix\s*=\s*(?:(["'])([^"'\n]*)\1|(\S))/.exec(rest);
        prefix = p ? (p[3] ? undefined : p[2]) : '';
      }
      if (!parents.has(m[2]!)) parents.set(m[2]!, { parent: m[1]!, prefix });
    }
  }
  const routers = fileModel(ctx.py).routers;
  return (owner) => {
    let root = owner;
    let prefix = '';
    for (let i = 0; i < 8; i++) {
      const up = parents.get(root);
      const own = routers.get(root)?.prefix;
      if (!up || up.prefix === undefined || own === undefined) break;
      prefix = up.prefix + own + prefix;
      root = up.parent;
    }
    return [root, prefix];
  };
}

export const rule: Rule = {
  id: 'duplicate-route',
  title: 'Same method and path registered twice',
  defaultSeverity: 'warning',
  applies: mayHaveRoutes,
  finish: check,
};
