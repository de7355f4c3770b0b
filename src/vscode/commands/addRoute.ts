// Backend: Add Route… — in the active router module (or one picked from
// app/routers): method, path (validated while typing: syntax, token and
// column, and a method + path the router already serves), handler name,
// response model (among the project's schema classes), auth. The route goes
// at the cursor when it sits between routes, else after the last one.
import * as vscode from 'vscode';
import {
  HTTP_METHODS, PlanError, defaultFunctionName, functionNameSchema, planGeneration, readFastApiProject, readSchemaClasses, routePathSchema,
  routerModules, routesIn, sameRoute, type HttpMethod,
} from '../../core/index';
import { relativeTo } from '../project';
import { addExpressRoute } from './addExpressRoute';
import { applyAndReveal, firstIssue, projectCommand, type CommandContext } from './common';

const TITLE = 'Add Route';
const NONE = '';

export function addRouteCommand(ctx: CommandContext): () => Promise<void> {
  return projectCommand(ctx, TITLE, async (session) => {
    if (session.target.framework === 'express') return addExpressRoute(ctx, session);
    const { input, target, view } = session;
    const project = await readFastApiProject(view);

    // The active editor's module when it is a router; else the user picks one.
    const editor = vscode.window.activeTextEditor;
    const activePath = editor ? relativeTo(target.root, editor.document.uri) : undefined;
    let routerPath: string | undefined;
    let cursor: number | undefined;
    if (editor && activePath?.endsWith('.py') && /\bAPIRouter\s*\(/.test(editor.document.getText())) {
      routerPath = activePath;
      cursor = editor.document.offsetAt(editor.selection.active);
    } else {
      const routers = routerModules(project);
      if (routers.length === 0) throw new PlanError('this project has no router modules in app/routers; create a resource first (Backend: New Resource…)');
      routerPath = await input.quickPick({
        id: 'route.router',
        title: `${TITLE}: router`,
        placeHolder: 'Router module to add the route to (or run this command from an open router file)',
        items: routers.map((p) => ({ label: p.replace(/^app\/routers\//, ''), description: p, value: p })),
      });
      if (!routerPath) return;
    }
    const source = (await view.readFile(routerPath)) ?? '';
    const existing = await routesIn(source);

    const method = await input.quickPick<HttpMethod>({
      id: 'route.method',
      title: `${TITLE} (1/5): method`,
      placeHolder: `HTTP method of the new route in ${routerPath}`,
      items: HTTP_METHODS.map((m) => ({ label: m, value: m })),
      active: 'GET',
    });
    if (!method) return;
    const path = await input.inputBox({
      id: 'route.path',
      title: `${TITLE} (2/5): path`,
      prompt: `Path below the router's prefix; {parameters} become function parameters (e.g. /{item_id}/tags/{tag})`,
      placeHolder: '/{item_id}/tags/{tag}',
      validate: (value) => {
        const issue = firstIssue(routePathSchema.safeParse(value));
        if (issue) return issue;
        const clash = existing.find((r) => sameRoute(r, { method, path: value }));
        return clash ? `${method} ${value.trim() || '""'} already exists (${clash.functionName}, line ${clash.line}); choose another path` : undefined;
      },
    });
    if (path === undefined) return;
    const stem = routerPath.replace(/^.*\//, '').replace(/\.py$/, '');
    const functionName = await input.inputBox({
      id: 'route.function',
      title: `${TITLE} (3/5): handler name`,
      prompt: 'Name of the handler function',
      value: defaultFunctionName(method, path.trim(), stem),
      validate: (value) => firstIssue(functionNameSchema.safeParse(value)),
    });
    if (functionName === undefined) return;

    let responseModel: string = NONE;
    if (method !== 'DELETE') {
      const schemas = await readSchemaClasses(view, project);
      // Default: the Public model the router already imports (XPublic rather than the XsPublic list model).
      const imported = [...source.matchAll(/^from app\.schemas\.\w+ import ([^\n(]+)$/gm)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
      const guess = imported.filter((n) => n.endsWith('Public')).sort((a, b) => a.length - b.length)[0];
      const picked = await input.quickPick<string>({
        id: 'route.responseModel',
        title: `${TITLE} (4/5): response model`,
        placeHolder: 'Response model (the handler\'s return type), from the schema classes in this project',
        items: [
          { label: '(none)', description: 'returns nothing yet', value: NONE },
          ...schemas.map((s) => ({ label: s.className, description: s.path, value: s.className })),
        ],
        active: guess && schemas.some((s) => s.className === guess) ? guess : NONE,
      });
      if (picked === undefined) return;
      responseModel = picked;
    }

    const defaultAuth = target.settings.defaultAuth === 'all' || (target.settings.defaultAuth === 'writes' && method !== 'GET');
    const auth = await input.quickPick<boolean>({
      id: 'route.auth',
      title: `${TITLE} (5/5): authentication`,
      placeHolder: `Require a bearer token? (default from backendSkill.defaultAuth: ${target.settings.defaultAuth})`,
      items: [
        { label: 'Bearer token required', description: 'Depends(get_current_user)', value: true },
        { label: 'Open', description: 'no authentication', value: false },
      ],
      active: defaultAuth,
    });
    if (auth === undefined) return;

    const generation = await planGeneration(view, {
      kind: 'route',
      routerPath,
      method,
      path,
      functionName,
      auth,
      ...(responseModel ? { responseModel } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    ctx.log.info(generation.summary);
    await applyAndReveal(ctx, target, generation.plan, `Add route ${method} ${path.trim() || '""'}`);
  });
}
