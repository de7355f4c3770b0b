// Backend: Add Route… in an Express project — in the active router module (or
// one picked from src/routes): the router (when the module has several),
// method, path (`:id` or `{id}`, validated while typing: syntax, token and
// column, and a method + path the router already serves), the zod schema for
// the body, auth. The route goes at the cursor when it sits between routes,
// else after the last one. ts-morph loads here, on first use.
import * as vscode from 'vscode';
import { HTTP_METHODS, PlanError, expressPathSchema, expressRoutersIn, planAddExpressRoute, sameExpressRoute, type HttpMethod } from '../../core/index';
import { relativeTo } from '../project';
import { applyAndReveal, firstIssue, type CommandContext, type ProjectSession } from './common';

const TITLE = 'Add Route';
const NONE = '';

/** Exported zod schemas of src/schemas (name -> module), for the body pick. */
async function schemaNames(session: ProjectSession): Promise<{ name: string; path: string }[]> {
  const out: { name: string; path: string }[] = [];
  for (const path of (await session.view.listDir('src/schemas')).filter((p) => p.endsWith('.ts')).sort()) {
    const text = (await session.view.readFile(path)) ?? '';
    for (const m of text.matchAll(/^export\s+const\s+([A-Z]\w*)\s*=/gm)) out.push({ name: m[1]!, path });
  }
  return out;
}

export async function addExpressRoute(ctx: CommandContext, session: ProjectSession): Promise<void> {
  const { input, target, view } = session;
  const editor = vscode.window.activeTextEditor;
  const activePath = editor ? relativeTo(target.root, editor.document.uri) : undefined;
  let routerPath: string | undefined;
  let cursor: number | undefined;
  if (editor && activePath && /\.(ts|js)$/.test(activePath) && /from\s+['"]express['"]/.test(editor.document.getText())) {
    routerPath = activePath;
    cursor = editor.document.offsetAt(editor.selection.active);
  } else {
    const routers = (await view.listDir('src/routes')).filter((p) => /\.ts$/.test(p)).sort();
    if (routers.length === 0) throw new PlanError('this project has no router modules in src/routes; create a resource first (Backend: New Resource…)');
    routerPath = await input.quickPick({
      id: 'route.router',
      title: `${TITLE}: router module`,
      placeHolder: 'Router module to add the route to (or run this command from an open router file)',
      items: routers.map((p) => ({ label: p.replace(/^src\/routes\//, ''), description: p, value: p })),
    });
    if (!routerPath) return;
  }
  const source = (await view.readFile(routerPath)) ?? '';
  const routers = await expressRoutersIn(routerPath, source);
  if (routers.length === 0) {
    throw new PlanError(`${routerPath} has no Express router (\`const router = Router()\` or \`express.Router()\`); run Add Route in a router module`);
  }
  let router = routers[0]!;
  if (routers.length > 1) {
    const line = editor && cursor !== undefined ? editor.selection.active.line + 1 : 0;
    // Preselect the last router declared above the cursor.
    const above = [...routers].reverse().find((r) => r.line <= line) ?? routers[0]!;
    const picked = await input.quickPick({
      id: 'route.routerName',
      title: `${TITLE}: router`,
      placeHolder: `${routerPath} declares several routers: which one gets the route?`,
      items: routers.map((r) => ({ label: r.name, description: `line ${r.line}, ${r.routes.length} route(s)`, value: r })),
      active: above,
    });
    if (!picked) return;
    router = picked;
  }

  const method = await input.quickPick<HttpMethod>({
    id: 'route.method',
    title: `${TITLE} (1/4): method`,
    placeHolder: `HTTP method of the new route on ${router.name} in ${routerPath}`,
    items: HTTP_METHODS.map((m) => ({ label: m, value: m })),
    active: 'GET',
  });
  if (!method) return;
  const path = await input.inputBox({
    id: 'route.path',
    title: `${TITLE} (2/4): path`,
    prompt: 'Path where the router is mounted; :parameters (or {parameters}) become typed constants (e.g. /:id/tags/:tag)',
    placeHolder: '/:id/tags/:tag',
    validate: (value) => {
      const parsed = expressPathSchema.safeParse(value);
      const issue = firstIssue(parsed);
      if (issue || !parsed.success) return issue;
      const clash = router.routes.find((r) => sameExpressRoute(r, method, parsed.data.path));
      return clash ? `${method} ${parsed.data.path} already exists (line ${clash.line}); choose another path` : undefined;
    },
  });
  if (path === undefined) return;

  let bodySchema: string | undefined;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const schemas = (await schemaNames(session)).filter((s) => !/Public$/.test(s.name));
    // Default: the resource's Create (Update for PATCH) the router already imports.
    const suffix = method === 'PATCH' ? 'Update' : 'Create';
    const imported = [...source.matchAll(/\b([A-Z]\w*)(Create|Update)\b/g)].map((m) => `${m[1]}${suffix}`);
    const guess = imported.find((n) => schemas.some((s) => s.name === n));
    const picked = await input.quickPick<string>({
      id: 'route.body',
      title: `${TITLE} (3/4): body`,
      placeHolder: 'zod schema the body is parsed with (a 422 for anything else)',
      items: [
        { label: '(none)', description: 'the handler does not read the body', value: NONE },
        ...schemas.map((s) => ({ label: s.name, description: s.path, value: s.name })),
      ],
      active: guess ?? NONE,
    });
    if (picked === undefined) return;
    bodySchema = picked;
  }

  const defaultAuth = target.settings.defaultAuth === 'all' || (target.settings.defaultAuth === 'writes' && method !== 'GET');
  const auth = await input.quickPick<boolean>({
    id: 'route.auth',
    title: `${TITLE} (4/4): authentication`,
    placeHolder: `Require a bearer token? (default from backendSkill.defaultAuth: ${target.settings.defaultAuth})`,
    items: [
      { label: 'Bearer token required', description: 'the auth middleware the router uses', value: true },
      { label: 'Open', description: 'no authentication', value: false },
    ],
    active: defaultAuth,
  });
  if (auth === undefined) return;

  const plan = await planAddExpressRoute(view, {
    routerPath,
    method,
    path,
    auth,
    router: router.name,
    ...(bodySchema !== undefined ? { bodySchema } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  });
  await applyAndReveal(ctx, target, plan, `Add route ${method} ${path.trim() || '/'}`);
}
