// The facts style inference reads from each Python module, taken from its
// syntax tree in one pass: imports, apps, routers and include_router calls,
// routes with their parameters, classes with their fields, top-level
// functions, Annotated aliases and pytest fixtures. The walk over the project
// is bounded (skipped folders, a file cap) and each file is parsed once.
import type { FileView } from '../files';
import { parsePython, type SyntaxNode } from '../parse/python';

export interface ParamFact {
  readonly name: string;
  /** The parameter exactly as written: `session: SessionDep`, `db: Session = Depends(get_db)`. */
  readonly text: string;
  readonly annotation?: string;
  readonly default?: string;
}

export interface RouteFact {
  readonly router: string;
  readonly method: string;
  readonly path: string;
  readonly functionName: string;
  readonly async: boolean;
  readonly params: readonly ParamFact[];
  readonly responseModel: boolean;
  readonly returns?: string;
  /** The decorator's `dependencies=[...]` text. */
  readonly dependencies?: string;
  readonly body: string;
}

export interface ClassFact {
  readonly name: string;
  readonly bases: readonly string[];
  readonly keywords: ReadonlyMap<string, string>;
  readonly tableName?: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly annotation?: string; readonly value?: string }>;
  readonly methods: readonly string[];
  /** The methods with their parameters and bodies (services and repositories hold ownership checks there). */
  readonly methodFacts: readonly FunctionFact[];
}

export interface FunctionFact {
  readonly name: string;
  readonly async: boolean;
  readonly params: readonly ParamFact[];
  readonly returns?: string;
  readonly decorators: readonly string[];
  readonly body: string;
}

export interface RouterFact {
  readonly name: string;
  readonly prefix?: string;
  readonly tags: boolean;
  readonly dependencies?: string;
}

export interface IncludeFact {
  readonly receiver: string;
  readonly router: string;
  readonly prefix?: string;
  readonly tags: boolean;
}

export interface ModuleFacts {
  readonly path: string;
  /** Local name → where it comes from (`module` as written, relative dots kept; `name` absent for `import module`). */
  readonly imports: ReadonlyMap<string, { readonly module: string; readonly name?: string }>;
  readonly apps: readonly string[];
  readonly routers: readonly RouterFact[];
  readonly includes: readonly IncludeFact[];
  readonly routes: readonly RouteFact[];
  readonly classes: readonly ClassFact[];
  readonly functions: readonly FunctionFact[];
  /** `X = Annotated[T, Depends(f)]` and other module-level assignments: name → right-hand side text. */
  readonly assignments: ReadonlyMap<string, string>;
  readonly pydantic: { readonly v1: number; readonly v2: number };
}

export interface MigrationFile {
  readonly path: string;
  readonly revision?: string;
  readonly downRevisions: readonly string[];
}

export interface ProjectFiles {
  readonly paths: ReadonlySet<string>;
  readonly modules: readonly ModuleFacts[];
  readonly migrations: readonly MigrationFile[];
  readonly texts: ReadonlyMap<string, string>;
}

/** Folders never read: environments, caches, build output, VCS. */
const SKIPPED = new Set(['node_modules', 'venv', 'env', '__pycache__', 'site-packages', 'dist', 'build', 'htmlcov', 'frontend']);
/** A hard cap on Python files read, so a huge monorepo cannot stall a command. */
export const MAX_STYLE_FILES = 800;
const MAX_DEPTH = 7;
/** Folders probed when the view cannot list folders. */
const PROBED = ['', 'app', 'src', 'backend', 'backend/app', 'app/api', 'app/api/routes', 'app/api/v1', 'app/api/v1/endpoints', 'app/routers', 'app/models', 'app/schemas', 'app/crud', 'app/repositories', 'app/services', 'tests', 'app/tests', 'alembic/versions', 'migrations/versions', 'app/alembic/versions'];

async function listPython(view: FileView): Promise<string[]> {
  const out: string[] = [];
  const others: string[] = [];
  if (!view.listDirs) {
    const listings = await Promise.all(PROBED.map((d) => view.listDir(d)));
    for (const list of listings) for (const p of list) (p.endsWith('.py') ? out : others).push(p);
    return [...out, ...others.filter((p) => p.endsWith('alembic.ini'))];
  }
  let frontier = [''];
  for (let depth = 0; depth <= MAX_DEPTH && frontier.length > 0 && out.length < MAX_STYLE_FILES; depth++) {
    const [files, dirs] = await Promise.all([Promise.all(frontier.map((d) => view.listDir(d))), Promise.all(frontier.map((d) => view.listDirs!(d)))]);
    for (const list of files) for (const p of list) if (p.endsWith('.py') || p.endsWith('alembic.ini')) out.push(p);
    frontier = dirs.flat().filter((d) => {
      const base = d.slice(d.lastIndexOf('/') + 1);
      return !base.startsWith('.') && !SKIPPED.has(base) && !base.endsWith('.egg-info');
    });
  }
  return out.slice(0, MAX_STYLE_FILES);
}

const named = (node: SyntaxNode | null | undefined): SyntaxNode[] => (node ? node.namedChildren.filter((n): n is SyntaxNode => n !== null) : []);

function kw(call: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const arg of named(call.childForFieldName('arguments'))) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

function stringOf(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string' || node.descendantsOfType('interpolation').length > 0) return undefined;
  return named(node).filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

function paramsOf(fn: SyntaxNode): ParamFact[] {
  const out: ParamFact[] = [];
  for (const p of named(fn.childForFieldName('parameters'))) {
    // A node's `type` is a call into the WASM parser each time: read once.
    const type = p.type;
    if (type === 'identifier') {
      const text = p.text;
      out.push({ name: text, text });
    } else if (type === 'typed_parameter') {
      const name = named(p).find((c) => c.type === 'identifier')?.text;
      const annotation = p.childForFieldName('type')?.text;
      if (name) out.push({ name, text: p.text, ...(annotation ? { annotation } : {}) });
    } else if (type === 'default_parameter' || type === 'typed_default_parameter') {
      const name = p.childForFieldName('name')?.text;
      const annotation = p.childForFieldName('type')?.text;
      const value = p.childForFieldName('value')?.text;
      if (name) out.push({ name, text: p.text, ...(annotation ? { annotation } : {}), ...(value ? { default: value } : {}) });
    }
  }
  return out;
}

const isAsync = (fn: SyntaxNode) => fn.child(0)?.type === 'async';

const V2 = /\bmodel_config\s*=|\bConfigDict\(|\.model_dump\(|\.model_validate\(|\bfield_validator\b|\bmodel_validator\b|\bfrom_attributes\b|\bpydantic_settings\b/g;
const V1 = /\borm_mode\b|\.from_orm\(|\bfrom pydantic import[^\n]*\bvalidator\b|\bclass Config:|\.parse_obj\(|from pydantic import BaseSettings/g;

/** Facts of one module from its syntax tree. */
export async function moduleFacts(path: string, source: string): Promise<ModuleFacts> {
  const tree = await parsePython(source.replace(/^\uFEFF/, ''));
  try {
    const imports = new Map<string, { module: string; name?: string }>();
    const apps: string[] = [];
    const routers: RouterFact[] = [];
    const includes: IncludeFact[] = [];
    const routes: RouteFact[] = [];
    const classes: ClassFact[] = [];
    const functions: FunctionFact[] = [];
    const assignments = new Map<string, string>();
    // Node types and children are calls into the WASM parser: the statement's type and first child are read once.
    const visitAssign = (stmt: SyntaxNode, top: boolean, stmtType: string = stmt.type) => {
      if (stmtType !== 'expression_statement') return;
      const first = stmt.namedChild(0);
      const firstType = first?.type;
      if (first && firstType === 'assignment') {
        const left = first.childForFieldName('left');
        const right = first.childForFieldName('right');
        if (left?.type !== 'identifier' || !right) return;
        const a = { left: left.text, right };
        if (top) assignments.set(a.left, a.right.text);
        const callee = a.right.type === 'call' ? a.right.childForFieldName('function')?.text : undefined;
        if (callee === 'FastAPI' || callee === 'fastapi.FastAPI') apps.push(a.left);
        if (top && (callee === 'APIRouter' || callee === 'fastapi.APIRouter')) {
          const prefix = kw(a.right, 'prefix')?.text;
          const deps = kw(a.right, 'dependencies')?.text;
          routers.push({ name: a.left, tags: kw(a.right, 'tags') !== undefined, ...(prefix ? { prefix } : {}), ...(deps ? { dependencies: deps } : {}) });
        }
        return;
      }
      const call = first;
      const fn = call && firstType === 'call' ? call.childForFieldName('function') : undefined;
      if (call && fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'include_router') {
        const first = named(call.childForFieldName('arguments')).find((x) => x.type !== 'keyword_argument');
        const prefix = kw(call, 'prefix')?.text;
        if (first) includes.push({ receiver: fn.childForFieldName('object')?.text ?? '', router: first.text, tags: kw(call, 'tags') !== undefined, ...(prefix ? { prefix } : {}) });
      }
    };
    for (const node of named(tree.rootNode)) {
      const type = node.type;
      if (type === 'import_from_statement') {
        // Each node access is a call into the WASM parser (and a fresh Node object): the module name, and each
        // imported name's type and text, are read once. The module-name node is never among the `name` children.
        const moduleNode = node.childForFieldName('module_name');
        const module = moduleNode?.text ?? '';
        for (const n of node.childrenForFieldName('name')) {
          if (!n || n.id === moduleNode?.id) continue;
          const aliased = n.type === 'aliased_import';
          const text = aliased ? undefined : n.text;
          const name = aliased ? n.childForFieldName('name')?.text : text;
          const local = aliased ? n.childForFieldName('alias')?.text : text;
          if (name && local) imports.set(local, { module, name });
        }
        continue;
      }
      if (type === 'import_statement') {
        for (const n of node.childrenForFieldName('name')) {
          if (!n) continue;
          const aliased = n.type === 'aliased_import';
          const text = aliased ? undefined : n.text;
          const module = aliased ? n.childForFieldName('name')?.text : text;
          const local = aliased ? n.childForFieldName('alias')?.text : text!.split('.')[0];
          if (module && local) imports.set(local, { module });
        }
        continue;
      }
      visitAssign(node, true, type);
      const decorated = type === 'decorated_definition';
      const decorators = decorated ? named(node).filter((d) => d.type === 'decorator') : [];
      const def = decorated ? node.childForFieldName('definition') : node;
      const defType = decorated ? def?.type : type;
      if (defType === 'function_definition' && def) {
        const name = def.childForFieldName('name')?.text ?? '';
        const params = paramsOf(def);
        const returns = def.childForFieldName('return_type')?.text;
        const body = def.childForFieldName('body');
        const bodyText = body?.text ?? '';
        // A factory function (`def create_app(): app = FastAPI(); app.include_router(...)`) configures the app inside.
        // Inside a body visitAssign only records `FastAPI(...)` apps and `.include_router(...)` calls, so a body whose
        // text names neither is skipped unvisited (most bodies: the statement walk was most of a module's facts time).
        if (bodyText.includes('FastAPI') || bodyText.includes('include_router')) for (const stmt of named(body)) visitAssign(stmt, false);
        const fnAsync = isAsync(def);
        functions.push({ name, async: fnAsync, params, decorators: decorators.map((d) => d.text.slice(1)), body: bodyText, ...(returns ? { returns } : {}) });
        for (const d of decorators) {
          const call = d.namedChild(0);
          if (call?.type !== 'call') continue;
          const callee = call.childForFieldName('function');
          if (callee?.type !== 'attribute') continue;
          const verb = callee.childForFieldName('attribute')?.text ?? '';
          if (!['get', 'post', 'put', 'patch', 'delete', 'api_route'].includes(verb)) continue;
          const args = named(call.childForFieldName('arguments'));
          const routePath = stringOf(args.find((a) => a.type !== 'keyword_argument') ?? kw(call, 'path'));
          if (routePath === undefined) continue;
          const deps = kw(call, 'dependencies')?.text;
          const methods = verb === 'api_route' ? named(kw(call, 'methods')).map((m) => stringOf(m)?.toUpperCase()).filter((m): m is string => !!m) : [verb.toUpperCase()];
          for (const method of methods) {
            routes.push({
              router: callee.childForFieldName('object')?.text ?? '', method, path: routePath, functionName: name, async: fnAsync, params,
              responseModel: kw(call, 'response_model') !== undefined, body: bodyText,
              ...(returns ? { returns } : {}), ...(deps ? { dependencies: deps } : {}),
            });
          }
        }
      } else if (defType === 'class_definition' && def) {
        const name = def.childForFieldName('name')?.text ?? '';
        const bases: string[] = [];
        const keywords = new Map<string, string>();
        for (const a of named(def.childForFieldName('superclasses'))) {
          if (a.type === 'keyword_argument') keywords.set(a.childForFieldName('name')?.text ?? '', a.childForFieldName('value')?.text ?? '');
          else bases.push(a.text);
        }
        const fields: { name: string; annotation?: string; value?: string }[] = [];
        const methods: string[] = [];
        const methodFacts: FunctionFact[] = [];
        let tableName: string | undefined;
        for (const stmt of named(def.childForFieldName('body'))) {
          const stmtType = stmt.type;
          const inner = stmtType === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
          if ((inner === stmt ? stmtType : inner?.type) === 'function_definition' && inner) {
            const methodName = inner.childForFieldName('name')?.text ?? '';
            methods.push(methodName);
            const returns = inner.childForFieldName('return_type')?.text;
            methodFacts.push({ name: methodName, async: isAsync(inner), params: paramsOf(inner), decorators: [], body: inner.childForFieldName('body')?.text ?? '', ...(returns ? { returns } : {}) });
          }
          const a = stmtType === 'expression_statement' ? stmt.namedChild(0) : undefined;
          if (a?.type !== 'assignment') continue;
          const left = a.childForFieldName('left');
          if (left?.type !== 'identifier') continue;
          const annotation = a.childForFieldName('type')?.text;
          const value = a.childForFieldName('right') ?? undefined;
          const leftText = left.text;
          if (leftText === '__tablename__') tableName = stringOf(value);
          fields.push({ name: leftText, ...(annotation ? { annotation } : {}), ...(value ? { value: value.text } : {}) });
        }
        classes.push({ name, bases, keywords, fields, methods, methodFacts, ...(tableName ? { tableName } : {}) });
      }
    }
    const count = (re: RegExp) => source.match(re)?.length ?? 0;
    return { path, imports, apps, routers, includes, routes, classes, functions, assignments, pydantic: { v1: count(V1), v2: count(V2) } };
  } finally {
    tree.delete();
  }
}

/** `revision = "abc"` / `down_revision = "xyz"` (or a tuple, or None) of an Alembic revision file, read without parsing its body. */
export function migrationFile(path: string, source: string): MigrationFile {
  const rev = /^revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]/m.exec(source)?.[1];
  const down = /^down_revision\s*(?::[^=\n]+)?=\s*([^\n]+)/m.exec(source)?.[1] ?? '';
  const downRevisions = [...down.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return { path, downRevisions, ...(rev ? { revision: rev } : {}) };
}

/** Read and parse the project's Python files once. Revision files under a `versions` folder are only scanned for their ids. */
/**
 * Facts of modules already parsed, by path, reused while the text is the same:
 * repeated commands in one session (the editor, the bench) parse only what changed.
 * Bounded; facts are plain immutable values, so sharing them is safe.
 */
const factsCache = new Map<string, { readonly text: string; readonly facts: ModuleFacts }>();
const FACTS_CACHE_LIMIT = 2 * MAX_STYLE_FILES;

async function cachedFacts(path: string, text: string): Promise<ModuleFacts> {
  const hit = factsCache.get(path);
  if (hit && hit.text === text) return hit.facts;
  const facts = await moduleFacts(path, text);
  if (factsCache.size >= FACTS_CACHE_LIMIT) factsCache.clear();
  factsCache.set(path, { text, facts });
  return facts;
}

export async function collectProject(view: FileView): Promise<ProjectFiles> {
  const paths = await listPython(view);
  const texts = await Promise.all(paths.map((p) => view.readFile(p)));
  const modules: ModuleFacts[] = [];
  const migrations: MigrationFile[] = [];
  const byPath = new Map<string, string>();
  for (const [i, path] of paths.entries()) {
    const text = texts[i];
    if (text === undefined) continue;
    byPath.set(path, text);
    if (!path.endsWith('.py')) continue;
    if (/(^|\/)versions\//.test(path) && /^\s*down_revision\b/m.test(text)) {
      migrations.push(migrationFile(path, text));
      continue;
    }
    modules.push(await cachedFacts(path, text));
  }
  return { paths: new Set(paths), modules, migrations, texts: byPath };
}
