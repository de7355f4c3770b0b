// The API contract from source: an OpenAPI 3.1 document built from syntax
// trees alone. Routes, full paths and auth verdicts come from the route index
// (the same resolution and missing-auth verdicts the route explorer shows);
// FastAPI handler signatures and Pydantic models, or Express zod schemas, give
// parameters, bodies and responses. Every operation and schema property
// carries `x-source` (file:line) so the compatibility check can point at code.
import { parsePython, type SyntaxNode } from '../parse/python';
import { keywordArg, named, positionalArgs } from '../analysis/python/pyfile';
import { RouteIndex } from '../routes/routeIndex';
import type { ResolvedRoute } from '../routes/model';
import { PythonTypes, constantOf, constraintsOf, type JsonSchema } from './pythonSchemas';
import { expressOperation, ZodTypes } from './zodSchemas';

export interface SourceFile {
  /** Project-relative path, forward slashes. */
  readonly path: string;
  readonly source: string;
}

export type OpenApiDocument = { openapi: string; info: JsonSchema; paths: Record<string, Record<string, JsonSchema>>; components: { schemas: Record<string, JsonSchema>; securitySchemes?: Record<string, JsonSchema> } };

/** Files the contract reads: sources outside virtualenvs, dependencies and tests. */
export function isContractSource(path: string): boolean {
  if (/(^|\/)(node_modules|\.venv|venv|env|\.git|dist|out|build|__pycache__|site-packages)\//.test(path)) return false;
  if (/(^|\/)tests?\//.test(path) || /(^|\/)test_[^/]*\.py$|_test\.py$|\.(test|spec)\.[jt]sx?$/.test(path)) return false;
  return /\.(py|ts|js|mts|cts|mjs|cjs)$/.test(path) && !path.endsWith('.d.ts');
}

const STATUS_NAMES = /HTTP_(\d{3})_/;
const SKIPPED_TYPES = /^(Request|Response|WebSocket|BackgroundTasks|HTTPConnection|Session|AsyncSession|SecurityScopes)$/;
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };
/** FastAPI's own form dependencies (`Annotated[OAuth2PasswordRequestForm, Depends()]`): their fields are a form body. */
const FORMS: Record<string, JsonSchema> = {
  OAuth2PasswordRequestForm: { type: 'object', properties: { grant_type: nullableString, username: { type: 'string' }, password: { type: 'string', format: 'password' }, scope: { type: 'string', default: '' }, client_id: nullableString, client_secret: nullableString }, required: ['username', 'password'] },
  OAuth2PasswordRequestFormStrict: { type: 'object', properties: { grant_type: { type: 'string', pattern: '^password$' }, username: { type: 'string' }, password: { type: 'string', format: 'password' }, scope: { type: 'string', default: '' }, client_id: nullableString, client_secret: nullableString }, required: ['grant_type', 'username', 'password'] },
};
const PLACES = { Query: 'query', Header: 'header', Cookie: 'cookie', Path: 'path' } as const;

/** Build the static document of a project's files. */
export async function buildOpenApi(files: readonly SourceFile[], title = 'API'): Promise<OpenApiDocument> {
  const sources = files.filter((f) => isContractSource(f.path));
  const index = await RouteIndex.create();
  await index.prepare(sources.map((f) => f.path));
  index.build(sources.map((f) => ({ key: f.path, path: f.path, source: f.source })));
  // Routes whose path has a piece the reader could not resolve (`<settings.PREFIX>`) are kept, not dropped:
  // under that path as written and marked `x-unresolved`, so the contract still lists every handler.
  const routes = index.routes();
  const types = new PythonTypes();
  const trees = new Map<string, SyntaxNode>();
  const disposers: (() => void)[] = [];
  try {
    for (const file of sources) {
      if (!file.path.endsWith('.py') || !/\bclass\b|Annotated|APIRouter|FastAPI/.test(file.source)) continue;
      const tree = await parsePython(file.source);
      disposers.push(() => tree.delete());
      trees.set(file.path, tree.rootNode);
      types.addFile(file.path, tree.rootNode);
    }
    const zod = routes.some((r) => r.framework === 'express') ? await ZodTypes.read(sources) : undefined;
    const doc: OpenApiDocument = { openapi: '3.1.0', info: { title, version: '0.1.0' }, paths: {}, components: { schemas: {} } };
    let secured = false;
    for (const route of routes) {
      const path = openApiPath(route);
      for (const method of route.methods) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        let op: JsonSchema | undefined;
        if (route.framework === 'fastapi') {
          const root = trees.get(route.relativePath);
          op = root ? fastapiOperation(route, method, root, types) : undefined;
        } else op = zod ? expressOperation(route, method, zod, sources.find((f) => f.path === route.relativePath)?.source) : undefined;
        op ??= { responses: { '200': { description: 'Successful Response' } } };
        op.operationId ??= `${/^\w+$/.test(route.handler) ? route.handler : path.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'root'}_${method.toLowerCase()}`;
        op['x-source'] = `${route.relativePath}:${route.location.start.line + 1}`;
        const unresolved = [...route.fullPath.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
        if (unresolved.length) op['x-unresolved'] = unresolved;
        if (route.auth.status === 'protected') {
          op.security = [{ bearerAuth: [] }];
          secured = true;
        }
        for (const name of pathParamNames(path)) {
          const params = (op.parameters ??= []) as JsonSchema[];
          if (!params.some((p) => p.in === 'path' && p.name === name)) params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
        }
        (doc.paths[path] ??= {})[method.toLowerCase()] = op;
      }
    }
    if (zod) Object.assign(doc.components.schemas, zod.components());
    // Components: every model or enum reached, transitively.
    const done = new Set<string>();
    for (let pending = [...types.used]; pending.length; pending = [...types.used].filter((n) => !done.has(n))) {
      for (const name of pending) {
        done.add(name);
        doc.components.schemas[name] = types.componentSchema(name);
      }
    }
    if (secured) doc.components.securitySchemes = { bearerAuth: { type: 'http', scheme: 'bearer' } };
    return doc;
  } finally {
    for (const dispose of disposers) dispose();
  }
}

/** `/users/:id` (Express) and `/users/{id}` (FastAPI) both become `/users/{id}`. */
function openApiPath(route: ResolvedRoute): string {
  // An unresolved `<expr>` keeps its text, minus braces that would read as path parameters (`<f"{X}/a">`).
  const path = route.fullPath.replace(/<([^<>]*)>/g, (_, e: string) => `<${e.replace(/[{}]/g, '')}>`).replace(/:(\w+)\??/g, '{$1}').replace(/\{(\w+):\w+\}/g, '{$1}');
  return path.length > 1 && path.endsWith('/') && route.framework === 'express' ? path.slice(0, -1) : path;
}

export const pathParamNames = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** The handler's `function_definition` and its route decorator, found by the handler name's line. */
function handlerAt(root: SyntaxNode, route: ResolvedRoute): { fn: SyntaxNode; decorator: SyntaxNode | undefined } | undefined {
  const line = route.location.start.line;
  for (const def of root.descendantsOfType('decorated_definition')) {
    const fn = def?.childForFieldName('definition');
    if (!fn || fn.childForFieldName('name')?.startPosition.row !== line) continue;
    const decorator = named(def).filter((d) => d.type === 'decorator').map((d) => d.namedChild(0)).find((c): c is SyntaxNode => c?.type === 'call' && /\.(get|post|put|patch|delete|head|options|trace|api_route)$/.test(c.childForFieldName('function')?.text ?? ''));
    return { fn, decorator };
  }
  return undefined;
}

/** `Head[a, b]` as head and argument nodes: a `subscript` in expressions, a `generic_type` in annotations. */
function subscriptParts(node: SyntaxNode): { head: string; args: SyntaxNode[] } | undefined {
  if (node.type === 'subscript') return { head: node.childForFieldName('value')?.text.split('.').pop() ?? '', args: node.childrenForFieldName('subscript').filter((n): n is SyntaxNode => n !== null) };
  if (node.type === 'generic_type') {
    const args = named(node.namedChild(1)).map((t) => (t.type === 'type' ? (t.namedChild(0) ?? t) : t));
    return { head: node.namedChild(0)?.text.split('.').pop() ?? '', args };
  }
  return undefined;
}

function callName(node: SyntaxNode | null | undefined): string {
  return node?.type === 'call' ? (node.childForFieldName('function')?.text.split('.').pop() ?? '') : '';
}

/** A FastAPI operation from the handler's signature and decorator. */
function fastapiOperation(route: ResolvedRoute, method: string, root: SyntaxNode, types: PythonTypes): JsonSchema | undefined {
  const found = handlerAt(root, route);
  if (!found) return undefined;
  const { fn, decorator } = found;
  const op: JsonSchema = {};
  const pathNames = new Set(pathParamNames(openApiPath(route)));
  const parameters: JsonSchema[] = [];
  const bodies: { name: string; schema: JsonSchema; required: boolean }[] = [];
  for (const param of named(fn.childForFieldName('parameters'))) {
    const name = (param.childForFieldName('name') ?? param.namedChild(0))?.text;
    const annotation = param.childForFieldName('type');
    if (!name || !annotation || name === 'self' || !/^(typed_parameter|typed_default_parameter)$/.test(param.type)) continue;
    const value = param.childForFieldName('value') ?? undefined;
    let typeNode = annotation.namedChild(0) ?? annotation;
    // An alias such as `SessionDep = Annotated[Session, Depends(...)]` is read through.
    const aliased = typeNode.type === 'identifier' ? types.aliases.get(typeNode.text) : undefined;
    if (aliased) typeNode = aliased;
    const markerIsValue = callName(value) !== '';
    let marker: SyntaxNode | undefined = markerIsValue ? value : undefined;
    let inner = typeNode;
    const generic = subscriptParts(typeNode);
    if (generic?.head === 'Annotated' && generic.args[0]) {
      const args = generic.args;
      inner = args[0]!;
      marker = args.slice(1).find((a) => callName(a)) ?? marker;
    }
    const kind = callName(marker);
    if ((kind === 'Depends' || kind === 'Security') && marker && positionalArgs(marker).length === 0 && FORMS[inner.text.split('.').pop()!]) {
      op.requestBody = { content: { 'application/x-www-form-urlencoded': { schema: structuredClone(FORMS[inner.text.split('.').pop()!]) } }, required: true };
      continue;
    }
    if (kind === 'Depends' || kind === 'Security') continue;
    const base = inner.text.split('.').pop()!.split('[')[0]!;
    if (SKIPPED_TYPES.test(base)) continue;
    const field = { annotation: inner, value: markerIsValue ? undefined : value };
    const { schema, required } = types.fieldSchema(field);
    if (marker) Object.assign(schema, constraintsOf(marker));
    const markerDefault = marker ? (keywordArg(marker, 'default') ?? positionalArgs(marker)[0]) : undefined;
    const defaultValue = markerIsValue ? undefined : value;
    const hasDefault = (defaultValue !== undefined) || (markerDefault !== undefined && markerDefault.text !== '...');
    if (markerDefault && markerDefault.text !== '...') {
      const constant = constantOf(markerDefault);
      if (constant !== undefined) schema.default = constant;
    }
    const deprecated = schema.deprecated;
    delete schema.deprecated;
    const alias = schema['x-alias'];
    delete schema['x-alias'];
    if (kind === 'Body' || (!(kind in PLACES) && !pathNames.has(name) && isBodyType(inner, types))) {
      bodies.push({ name, schema, required: !hasDefault || required && !hasDefault });
      continue;
    }
    const place = pathNames.has(name) ? 'path' : (PLACES[kind as keyof typeof PLACES] ?? 'query');
    const wire = typeof alias === 'string' ? alias : place === 'header' ? name.replace(/_/g, '-') : name;
    const entry: JsonSchema = { name: wire, in: place, required: place === 'path' || !hasDefault, schema, 'x-source': `${route.relativePath}:${param.startPosition.row + 1}` };
    if (deprecated === true) entry.deprecated = true;
    parameters.push(entry);
  }
  if (parameters.length) op.parameters = parameters;
  if (bodies.length === 1) {
    op.requestBody = { content: { 'application/json': { schema: bodies[0]!.schema } }, required: bodies[0]!.required };
  } else if (bodies.length > 1) {
    const properties = Object.fromEntries(bodies.map((b) => [b.name, b.schema]));
    op.requestBody = { content: { 'application/json': { schema: { type: 'object', properties, required: bodies.filter((b) => b.required).map((b) => b.name) } } }, required: true };
  }
  const statusNode = decorator ? keywordArg(decorator, 'status_code') : undefined;
  const status = statusNode ? (statusNode.text.match(STATUS_NAMES)?.[1] ?? (/^\d{3}$/.test(statusNode.text) ? statusNode.text : '200')) : '200';
  const responseModel = decorator ? keywordArg(decorator, 'response_model') : undefined;
  const returns = fn.childForFieldName('return_type');
  const responseType = responseModel ?? (returns && isResponseType(returns.namedChild(0) ?? returns, types) ? returns : undefined);
  const response: JsonSchema = { description: 'Successful Response' };
  types.mode = 'output';
  if (status !== '204' && responseType && responseType.text !== 'None') response.content = { 'application/json': { schema: types.typeSchema(responseType) } };
  else if (status !== '204' && !responseType) response.content = { 'application/json': { schema: {} } };
  types.mode = 'input';
  op.responses = { [status]: response };
  const deprecated = decorator ? keywordArg(decorator, 'deprecated') : undefined;
  if (deprecated?.text === 'True') op.deprecated = true;
  const summary = decorator ? keywordArg(decorator, 'summary') : undefined;
  const summaryText = summary ? constantOf(summary) : undefined;
  if (typeof summaryText === 'string') op.summary = summaryText;
  op.operationId = `${route.handler}_${method.toLowerCase()}`;
  void method;
  return op;
}

/** A parameter FastAPI reads from the body: a model, or a list/dict of them. */
function isBodyType(node: SyntaxNode, types: PythonTypes): boolean {
  const names = node.text.match(/[A-Za-z_]\w*/g) ?? [];
  return names.some((n) => types.isModel(n)) || /^(list|List|dict|Dict)\b/.test(node.text) && !/^(list|List)\[(str|int|float|bool)\]$/.test(node.text);
}

/** A return annotation FastAPI turns into a response model (a model, list of models, or a plain type). */
function isResponseType(node: SyntaxNode, types: PythonTypes): boolean {
  const names = node.text.match(/[A-Za-z_]\w*/g) ?? [];
  if (names.some((n) => /^(Response|JSONResponse|HTMLResponse|RedirectResponse|StreamingResponse|FileResponse|PlainTextResponse)$/.test(n))) return false;
  return names.some((n) => types.isModel(n)) || /^(str|int|float|bool|dict|list)\b/.test(node.text);
}
