// missing-auth (TypeScript/JavaScript): in a project that authenticates
// callers, a POST/PUT/PATCH/DELETE route that no auth middleware guards lets
// anonymous callers change data. Guards are followed wherever Express,
// Fastify and NestJS run them: route-level middleware (`router.post('/',
// auth, h)`), `router.use(auth)` before the route, the router mounted behind
// auth (`app.use('/x', auth, router)`, in this file or another: project
// facts), Fastify `onRequest`/`preHandler` hooks and `addHook`, NestJS
// `@UseGuards` on the method or class and global guards (`APP_GUARD`), with
// `@Public()` opt-outs. Login/register/token/health routes and signed
// webhooks are exempt. Without any auth in the project the rule is silent.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { authEnabled, authMiddlewareName, changingMethod, nestDecorators, nestGuardName, routeVerdict, tsFacts, TS_TEST_FILE } from '../ts/auth';
import { tsFileFix, type TsFixImport } from '../ts/fixes';
import { moduleOfTsPath } from '../ts/project';
import type { TsRoute } from '../ts/routes';
import { callArgs, enclosingFunction, named, objectProperty, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

function check(ctx: TsRuleContext): void {
  if (TS_TEST_FILE.test(ctx.path)) return;
  const routes = ctx.ts.routes.filter((r) => changingMethod(r) !== undefined);
  if (routes.length === 0 || !authEnabled(ctx)) return;
  for (const route of routes) {
    if (!routeVerdict(ctx, route).flagged) continue;
    const method = changingMethod(route)!.toUpperCase();
    const where = route.path !== undefined ? `${method} ${route.path || '/'}` : `${method} route ${route.name}`;
    const example = exampleGuard(ctx, route);
    ctx.report({
      node: reportNode(route),
      message: `${where} can be called without authentication although the project authenticates${example ? ` with ${example.label}` : ''}; anyone could change data through it. Add the auth ${route.framework === 'nest' ? 'guard' : 'middleware'} to the route or its router.`,
      fixes: () => fixes(ctx, route),
    });
  }
}

function reportNode(route: TsRoute): SyntaxNode {
  if (route.framework === 'nest') {
    for (let s = route.node.previousNamedSibling; s && (s.type === 'decorator' || s.type === 'comment'); s = s.previousNamedSibling) {
      if (s.type === 'decorator' && /^@(Post|Put|Patch|Delete|All)\b/.test(s.text)) return s;
    }
    return route.node.childForFieldName('name') ?? route.node;
  }
  return route.node.childForFieldName('function') ?? route.node;
}

interface Guard {
  /** Text to insert (`auth`, `requireAuth(deps.config)`, `JwtAuthGuard`, `onRequest: [fastify.authenticate]`). */
  readonly text: string;
  readonly label: string;
  readonly imports: readonly TsFixImport[];
  /** Copied from this file's own routes. */
  readonly copied: boolean;
}

/** Relative import specifier from the analysed file to a project file. */
function relativeSpec(from: string, to: string): string {
  const a = moduleOfTsPath(from).split('/').slice(0, -1);
  const b = to.replace(/\\/g, '/').replace(/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/, '').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** Names visible at `node`: parameters of enclosing functions, top-level bindings, imports. */
function visible(ctx: TsRuleContext, node: SyntaxNode, name: string): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (ctx.ts.paramNames(fn).includes(name) || ctx.ts.bindings(fn, name).length > 0) return true;
  }
  return ctx.ts.imports.has(name) || ctx.ts.bindings(ctx.tree.rootNode, name).length > 0;
}

/** The guard a fix adds: the file's own (copied from another route), else the project's auth middleware. */
function exampleGuard(ctx: TsRuleContext, route: TsRoute): Guard | undefined {
  const scope = enclosingFunction(route.node)?.id;
  const others = ctx.ts.routes.filter((r) => r !== route && r.framework === route.framework);
  others.sort((a, b) => Number((enclosingFunction(b.node)?.id === scope)) - Number((enclosingFunction(a.node)?.id === scope)));
  for (const other of others) {
    if (route.framework === 'nest') {
      const guard = other.middlewares.find((m) => nestGuardName(ctx, m));
      if (guard) return { text: guard.text, label: guard.text, imports: [], copied: true };
    } else if (route.framework === 'fastify') {
      if (!other.options) continue;
      for (const key of ['onRequest', 'preValidation', 'preHandler']) {
        const value = objectProperty(other.options, key);
        if (value && authMiddlewareName(ctx, value)) {
          const text = value.type === 'shorthand_property_identifier' ? key : `${key}: ${value.text}`;
          return { text, label: value.text, imports: [], copied: true };
        }
      }
    } else {
      const guard = other.middlewares.find((m) => authMiddlewareName(ctx, m));
      if (guard && !guard.text.includes('\n') && (enclosingFunction(other.node)?.id === scope || !/^[\w$]+$/.test(guard.text) || visible(ctx, route.node, guard.text))) {
        return { text: guard.text, label: guard.text, imports: [], copied: true };
      }
    }
  }
  // A middleware bound in scope but not used on a route yet (`const auth = requireAuth(deps.config)`).
  if (route.framework === 'express') {
    for (let fn = enclosingFunction(route.node); fn; fn = enclosingFunction(fn)) {
      for (const d of fn.descendantsOfType('variable_declarator')) {
        const name = d?.childForFieldName('name');
        const value = d?.childForFieldName('value');
        if (d && name?.type === 'identifier' && value && unwrap(value).type === 'call_expression' && enclosingFunction(d)?.id === fn.id && authMiddlewareName(ctx, value)) {
          return { text: name.text, label: name.text, imports: [], copied: true };
        }
      }
    }
  }
  const facts = tsFacts(ctx);
  for (const mw of facts.authMiddleware) {
    const nestGuard = /Guard$/.test(mw.name);
    if ((route.framework === 'nest') !== nestGuard) continue;
    const spec = relativeSpec(ctx.path, mw.path);
    const imports: TsFixImport[] = ctx.ts.imports.has(mw.name) ? [] : [{ module: spec, name: mw.name }];
    if (!mw.factory) return { text: mw.name, label: mw.name, imports, copied: false };
    const example = mw.example;
    if (!example || example.includes('\n')) continue;
    // `requireAuth(deps.config)` fits only where `deps` is in scope.
    const heads = [...example.slice(mw.name.length).matchAll(/(?<![.\w$'"])([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!);
    if (heads.every((h) => visible(ctx, route.node, h) || ['true', 'false', 'null', 'undefined'].includes(h))) return { text: example, label: mw.name, imports, copied: false };
  }
  return undefined;
}

function fixes(ctx: TsRuleContext, route: TsRoute): Fix[] {
  const guard = exampleGuard(ctx, route);
  if (!guard) return [];
  const edits: TextEdit[] = [];
  const imports = [...guard.imports];
  if (route.framework === 'express') {
    const args = callArgs(route.node);
    const afterPath = args[0] && route.pathNode && args[0].id === route.pathNode.id ? args[1] : args[0];
    if (!afterPath) return [];
    edits.push({ start: afterPath.startIndex, end: afterPath.startIndex, text: `${guard.text}, ` });
  } else if (route.framework === 'fastify') {
    const text = guard.copied ? guard.text : `onRequest: [${guard.text}]`;
    const key = text.split(':')[0]!.trim();
    if (route.options) {
      if (objectProperty(route.options, key)) return [];
      const open = route.options.startIndex + 1;
      const empty = named(route.options).length === 0;
      edits.push({ start: open, end: open, text: empty ? ` ${text} ` : ` ${text},` });
    } else {
      const args = callArgs(route.node);
      const handler = args[1];
      if (!handler || args.length !== 2) return [];
      edits.push({ start: handler.startIndex, end: handler.startIndex, text: `{ ${text} }, ` });
    }
  } else {
    // `@UseGuards(X)` above the method's decorators, indented like them.
    let first: SyntaxNode = route.node;
    for (let s = route.node.previousNamedSibling; s && (s.type === 'decorator' || s.type === 'comment'); s = s.previousNamedSibling) if (s.type === 'decorator') first = s;
    const lineStart = ctx.source.lastIndexOf('\n', first.startIndex - 1) + 1;
    const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart))![0];
    const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
    if (nestDecorators(route.node).some((d) => /^@UseGuards\(/.test(d) && d.includes(guard.text))) return [];
    edits.push({ start: lineStart, end: lineStart, text: `${indent}@UseGuards(${guard.text})${eol}` });
    if (!ctx.ts.imports.has('UseGuards')) imports.push({ module: '@nestjs/common', name: 'UseGuards' });
  }
  return [tsFileFix(ctx, `Require ${guard.label} on this route`, edits, { imports, preferred: true })];
}

export const rule: TsRule = {
  id: 'missing-auth',
  title: 'Mutating route reachable without authentication',
  defaultSeverity: 'warning',
  applies: (source) => /\.(post|put|patch|delete|all|route)\s*\(|@(Post|Put|Patch|Delete|All)\s*\(/.test(source),
  finish: check,
};
