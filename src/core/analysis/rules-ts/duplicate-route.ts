// duplicate-route (TypeScript/JavaScript): the same method and path
// registered twice on the same Express router/app, Fastify instance or in
// the NestJS controllers of one file. Express dispatches to the first match,
// so the second handler never runs (unless the first one calls `next()`);
// Fastify refuses to start (FST_ERR_DUPLICATED_ROUTE); NestJS keeps the
// first. Parameter names do not matter (`/:id` and `/:userId` match the same
// URLs); Express ignores a trailing slash by default. Routes registered in
// different functions or branches are not compared.
import type { SyntaxNode } from '../../parse/python';
import type { TsRoute } from '../ts/routes';
import { callArgs, named } from '../ts/tsfile';
import type { TsRule, TsRuleContext } from '../types';
import { TS_TEST_FILE } from '../ts/auth';

const BRANCHES = new Set(['if_statement', 'else_clause', 'switch_case', 'switch_default', 'ternary_expression', 'try_statement', 'catch_clause']);

/** The function or conditional branch a registration sits in. */
function scopeOf(node: SyntaxNode): number {
  for (let n = node.parent; n; n = n.parent) {
    if (BRANCHES.has(n.type) || ['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition'].includes(n.type)) return n.id;
  }
  return -1;
}

/** `/users/:id` and `/users/:userId/` are the same URLs: parameters by position, trailing slash ignored (Express). */
function normalise(path: string, framework: string): string {
  let p = path.replace(/:[A-Za-z_$][\w$]*(\([^)]*\))?/g, (_m, re: string | undefined) => `:${re ?? ''}`);
  if (framework === 'express' || framework === 'nest') p = p.replace(/(.)\/+$/, '$1');
  if (framework === 'nest') p = p.replace(/^\/*/, '/');
  return p;
}

/** Does an Express handler hand the request on (`next()` / `next('route')`) so the next match still runs? */
function passesOn(route: TsRoute): boolean {
  const fn = route.handler;
  // A handler built by a call (`verify.captchaChallenge()`, `asyncHandler(f())`)
  // is a middleware factory whose body is out of sight: stacked registrations
  // of such factories are the usual Express chain idiom, so they are not proof
  // of a dead route.
  if (!fn) return route.handlerRef?.type === 'call_expression' || route.handlerRef?.type === 'await_expression';
  const params = named(fn.childForFieldName('parameters'));
  const next = params[2]?.text.split(':')[0]?.trim();
  if (!next) return false;
  for (const call of fn.descendantsOfType('call_expression')) {
    if (!call || call.childForFieldName('function')?.text !== next) continue;
    const args = callArgs(call);
    if (args.length === 0 || /^['"]route['"]$/.test(args[0]!.text)) return true;
  }
  return false;
}

function pathLabel(route: TsRoute): string {
  return route.path || '/';
}

/** A route on an untyped receiver in a file that uses Fastify and not Express is a Fastify route. */
function frameworkOf(ctx: TsRuleContext, route: TsRoute): string {
  if (route.framework !== 'express') return route.framework;
  const modules = [...ctx.ts.imports.values()];
  return modules.some((m) => /^fastify(\.|$)/.test(m)) && !modules.some((m) => /^express(\.|$)/.test(m)) ? 'fastify' : 'express';
}

function check(ctx: TsRuleContext): void {
  const seen = new Map<string, TsRoute>();
  for (const r of ctx.ts.routes) {
    const route = { ...r, framework: frameworkOf(ctx, r) } as TsRoute;
    if (route.path === undefined || route.methods.includes('all')) continue;
    const owner = route.framework === 'nest' ? '@nest' : route.owner;
    for (const method of route.methods) {
      const key = `${owner}\u0000${scopeOf(route.framework === 'nest' ? route.node.parent ?? route.node : route.node)}\u0000${method}\u0000${normalise(route.path, route.framework)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, route);
        continue;
      }
      if (first.framework === 'express' && passesOn(first)) continue;
      const line = first.node.startPosition.row + 1;
      const on = route.framework === 'nest' ? (first.owner === route.owner ? route.owner : `${first.owner} (another controller of the same app)`) : route.owner;
      const renamed = first.path !== route.path ? ` as ${JSON.stringify(first.path)}` : '';
      const consequence =
        route.framework === 'fastify'
          ? 'Fastify refuses to start (FST_ERR_DUPLICATED_ROUTE)'
          : `the first match wins, so ${route.name} never runs for it`;
      ctx.report({
        node: route.framework === 'nest' ? nestVerb(route) : route.pathNode ?? route.node,
        message: `${method.toUpperCase()} ${pathLabel(route)} is already registered on ${on} at line ${line}${renamed} by ${first.name}; ${consequence}. Remove one of them or change the path or method.`,
      });
      break;
    }
  }
}

function nestVerb(route: TsRoute): SyntaxNode {
  for (let s = route.node.previousNamedSibling; s && (s.type === 'decorator' || s.type === 'comment'); s = s.previousNamedSibling) {
    if (s.type === 'decorator' && /^@(Get|Post|Put|Patch|Delete|Head|Options)\b/.test(s.text)) return s;
  }
  return route.node;
}

export const rule: TsRule = {
  id: 'duplicate-route',
  title: 'Same method and path registered twice',
  defaultSeverity: 'warning',
  // Test code registers throwaway routes on throwaway apps.
  applies: (source, path) => /\.(get|post|put|patch|delete|head|options|route)\s*\(|@(Get|Post|Put|Patch|Delete)\s*\(/.test(source) && !TS_TEST_FILE.test(path),
  finish: check,
};
