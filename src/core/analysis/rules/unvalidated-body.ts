// unvalidated-body: a request body taken in without a schema — a FastAPI
// parameter typed `dict`/`dict[str, Any]`/`Any` (or a bare `Body()`),
// `await request.json()`/`.form()`, `json.loads(await request.body())`, Flask
// `request.json`/`get_json()`/`form`. Any shape is accepted: missing keys
// surface as KeyErrors (500s), wrong types reach the database, and extra keys
// pass straight into `Model(**data)` (mass assignment). A read that goes
// through a schema in the same function (`Model.model_validate(data)`,
// `Model(**data)`, `TypeAdapter(...).validate_python`, marshmallow
// `schema.load`, `jsonschema.validate`, a WTForms form) is validated; so is a
// raw body read only to check a webhook's HMAC signature.
import type { SyntaxNode } from '../../parse/python';
import { fileFix, replaceNode } from '../fixes';
import { mayHaveRoutes, enclosingFunction, named, type Route, type RouteParam } from '../python/pyfile';
import { textOf } from '../python/config';
import { fileModel, isFlaskRoute, isHttpRoute, verifiesSignature } from '../python/routes';
import { retypeBodyParam } from '../python/bodyModel';
import { interleave } from '../python/candidates';
import type { Fix, Rule, RuleContext } from '../types';

const VALIDATOR_METHODS = new Set(['model_validate', 'model_validate_json', 'model_validate_strings', 'parse_obj', 'parse_raw', 'validate_python', 'validate_json', 'load', 'validate', 'from_dict', 'structure', 'validate_on_submit']);
const FASTAPI_MARKERS = /^(Query|Header|Cookie|Path|Form|File|Depends|Security)$/;
const JSON_LOADS = /^(json|orjson|ujson|simplejson|rapidjson)\.loads$/;
const SIGNATURE = /\b(hmac|compare_digest|construct_event|verify_signature|validate_signature|check_signature|verify_webhook|signature)\b/i;

/** Is `node` (an expression) handed to a schema: an argument (or `**` splat) of a validator call? */
function validatedAt(ctx: RuleContext, node: SyntaxNode): boolean {
  let n: SyntaxNode = node;
  for (let i = 0; i < 4 && n.parent; i++) {
    const p: SyntaxNode = n.parent;
    // `Item.model_validate(data["item"])` validates the part the handler uses.
    const part = p.type === 'subscript' && p.childForFieldName('value')?.id === n.id;
    if (part || p.type === 'await' || p.type === 'parenthesized_expression' || p.type === 'dictionary_splat' || p.type === 'keyword_argument') {
      n = p;
      continue;
    }
    if (p.type === 'argument_list' && p.parent?.type === 'call') {
      const call = p.parent;
      const fn = call.childForFieldName('function');
      const method = ctx.py.methodName(call) ?? '';
      if (VALIDATOR_METHODS.has(method) && !JSON_LOADS.test(ctx.py.callee(call) ?? '')) {
        // `dacite.from_dict(...)`, `Config.from_dict(data)` check types; `user.from_dict(data)` on a row does not.
        if (method !== 'from_dict') return true;
        const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text ?? '' : '';
        return fn?.type === 'identifier' || /^(dacite|[A-Z]\w*)$/.test(receiver);
      }
      // `SnoozeForm.model_validate_form(data)`, `Settings.parse_form(data)`: a schema class's own constructor method,
      // named for validating or parsing, is the validation one call away.
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      if (receiver && /^[A-Z][A-Za-z0-9]*$/.test(receiver.text.split('.').pop() ?? '') && /^(model_)?(validate|parse)_?\w*$|^from_(form|data|request|json|payload)$/.test(method) && !isOrmClass(ctx, receiver)) return true;
      // `form_class.model_validate_form(data)`: `model_validate*` is Pydantic's own vocabulary, whatever holds the class.
      if (receiver && /^model_validate\w*$/.test(method)) return true;
      // `Model(**data)`, `LoginForm(request.form)`: a class (CapWords) built from the data.
      const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (name && /^[A-Z][A-Za-z0-9]*$/.test(name) && !/^(JSONResponse|Response|HTMLResponse|PlainTextResponse|ORJSONResponse|dict|HTTPException)$/.test(name)) return !isOrmClass(ctx, fn!);
      return false;
    }
    return false;
  }
  return false;
}

/**
 * `Post(**data)` builds a database row, not a validated schema (it is mass
 * assignment): a class imported from a `models` module, or defined here on
 * an ORM base (`db.Model`, `Base`, `DeclarativeBase`, `SQLModel, table=True`).
 */
function isOrmClass(ctx: RuleContext, callee: SyntaxNode): boolean {
  const full = ctx.py.qualify(callee) ?? '';
  if (/(^|\.)(models?|orm|entities|tables)\./.test(full) && !/(^|\.)schemas?\./.test(full)) return true;
  const name = full.split('.').pop();
  for (const stmt of named(ctx.tree.rootNode)) {
    const cls = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (cls?.type !== 'class_definition' || cls.childForFieldName('name')?.text !== name) continue;
    const bases = cls.childForFieldName('superclasses')?.text ?? '';
    return /\b(db\.Model|Base|DeclarativeBase|Model)\b/.test(bases.replace(/\bBaseModel\b/g, '')) || /table\s*=\s*True/.test(bases);
  }
  return false;
}

/** The value `expr` is assigned to (`data = await request.json()` → `data`), if a plain name. */
function assignedName(expr: SyntaxNode): string | undefined {
  let n = expr;
  while (n.parent && (n.parent.type === 'await' || n.parent.type === 'parenthesized_expression')) n = n.parent;
  const p = n.parent;
  if (p?.type === 'assignment' && p.childForFieldName('right')?.id === n.id && p.childForFieldName('left')?.type === 'identifier') return p.childForFieldName('left')!.text;
  return undefined;
}

/** Is the value of `expr` validated: directly, or through the name it is assigned to (used in a validator anywhere in `fn`)? */
function isValidated(ctx: RuleContext, expr: SyntaxNode, fn: SyntaxNode | undefined): boolean {
  if (validatedAt(ctx, expr)) return true;
  const name = assignedName(expr);
  if (!name || !fn) return false;
  const body = fn.childForFieldName('body');
  for (const id of body ? body.descendantsOfType('identifier') : []) if (id && id.text === name && validatedAt(ctx, id)) return true;
  return false;
}

// ---- FastAPI parameters -----------------------------------------------------

/** `dict`, `Dict[str, Any]`, `Any`, `list[dict]`: a body type that checks nothing. */
function looseType(text: string): boolean {
  const t = text.replace(/\s+/g, '').replace(/^typing\./, '').replace(/\|None$|^Optional\[(.*)\]$/, '$1');
  if (/^(dict|Dict|Any|typing\.Any|object|Mapping|JSON|Json|Json\[Any\])$/.test(t)) return true;
  const m = /^(?:dict|Dict|Mapping|typing\.Dict)\[[^,]+,(Any|typing\.Any|object)\]$/.exec(t);
  if (m) return true;
  const list = /^(?:list|List|typing\.List)\[(.*)\]$/.exec(t);
  return !!list && looseType(list[1]!);
}

interface BodyParam {
  readonly param: RouteParam;
  /** The node naming the loose type (replaced by the fix), undefined for `x=Body()` without annotation. */
  readonly typeNode: SyntaxNode | undefined;
}

function markerOf(ctx: RuleContext, node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'call') return undefined;
  return ctx.py.callee(node)?.split('.').pop();
}

function looseBodyParam(ctx: RuleContext, param: RouteParam): BodyParam | undefined {
  if (param.name === 'self' || param.name === 'cls') return undefined;
  const defaultMarker = markerOf(ctx, param.default);
  if (defaultMarker && FASTAPI_MARKERS.test(defaultMarker)) return undefined;
  const ann = param.annotation?.type === 'type' ? named(param.annotation)[0] : param.annotation;
  if (!ann) return defaultMarker === 'Body' ? { param, typeNode: undefined } : undefined;
  // `Annotated[dict, Body()]`: the first type argument is the body type; other markers mean not a body.
  if (ann.type === 'generic_type' && /^(typing\.)?Annotated$/.test(named(ann)[0]?.text ?? '')) {
    const args = named(named(ann).find((c) => c.type === 'type_parameter')).filter((c) => c.type === 'type');
    const inner = args[0] ? (named(args[0])[0] ?? args[0]) : undefined;
    const markers = args.slice(1).map((a) => markerOf(ctx, named(a)[0]));
    if (!inner || markers.some((m) => m && FASTAPI_MARKERS.test(m))) return undefined;
    return looseType(inner.text) ? { param, typeNode: inner } : undefined;
  }
  if (/\b(Depends|Security)\(/.test(ann.text)) return undefined;
  return looseType(ann.text) ? { param, typeNode: ann } : undefined;
}

function checkRoutes(ctx: RuleContext): void {
  for (const route of ctx.py.routes) {
    if (isFlaskRoute(ctx.py, route) || !isHttpRoute(ctx.py, route)) continue;
    for (const param of route.params) {
      const body = looseBodyParam(ctx, param);
      if (!body) continue;
      ctx.report({
        node: body.typeNode ?? param.node,
        message: `${param.name} takes the request body as ${body.typeNode ? `\`${body.typeNode.text}\`` : 'an untyped Body()'}, so any JSON is accepted unchecked (missing keys become 500s, extra keys flow into the database). Declare a Pydantic model for the body.`,
        fixes: () => modelFixes(ctx, route, body),
      });
    }
  }
}

// ---- Request objects ----------------------------------------------------------

/** Is `name` a Starlette/FastAPI request in `fn` (a parameter annotated `Request`, or `request` in a route)? */
function isRequestParam(ctx: RuleContext, fn: SyntaxNode, name: string): boolean {
  const param = ctx.py.params(fn).find((p) => p.name === name);
  if (!param) return false;
  const ann = param.annotation?.text;
  if (ann) return /^(fastapi\.|starlette\.requests\.)?Request$/.test(ctx.py.qualify(param.annotation?.type === 'type' ? named(param.annotation)[0] : param.annotation) ?? ann) || /(^|\.)Request$/.test(ann);
  return name === 'request' && !!ctx.py.routeOf(fn);
}

const readsRequest = new WeakMap<object, boolean>();

function checkRequestCall(call: SyntaxNode, ctx: RuleContext): void {
  let reads = readsRequest.get(ctx.py);
  if (reads === undefined) readsRequest.set(ctx.py, (reads = /\.(json|form|body)\(\s*\)/.test(ctx.source)));
  if (!reads) return;
  const fnNode = call.childForFieldName('function');
  if (fnNode?.type !== 'attribute') return;
  const method = fnNode.childForFieldName('attribute')?.text;
  if (method !== 'json' && method !== 'form' && method !== 'body') return;
  const obj = fnNode.childForFieldName('object');
  if (obj?.type !== 'identifier') return;
  const fn = enclosingFunction(call);
  if (!fn || !isRequestParam(ctx, fn, obj.text)) return;
  if (method === 'body') return checkRawBody(ctx, call, fn);
  // `await request.form()` on its own line only loads the body into the request's cache (for a library that
  // reads `request` itself, such as an OAuth server): no value reaches the handler.
  const top = call.parent?.type === 'await' ? call.parent : call;
  if (top.parent?.type === 'expression_statement') return;
  if (isValidated(ctx, call, fn)) return;
  // A signed webhook (Slack, GitHub…): the sender is authenticated, its payload shape is the provider's contract.
  if (verifiesSignature(ctx.py, fn)) return;
  if (reported(ctx, fn, method)) return;
  ctx.report({
    node: call,
    message: `${obj.text}.${method}() hands the handler whatever the client sent, unchecked: missing keys become 500s and extra keys flow on. Declare a Pydantic model parameter (or validate with Model.model_validate).`,
  });
}

/** `json.loads(await request.body())` (directly or through a name), unless the function checks a signature over the body. */
function checkRawBody(ctx: RuleContext, call: SyntaxNode, fn: SyntaxNode): void {
  const bodyText = fn.childForFieldName('body')?.text ?? '';
  if (SIGNATURE.test(bodyText)) return;
  const loads = jsonLoadsOf(ctx, call, fn);
  if (!loads || isValidated(ctx, loads, fn) || reported(ctx, fn, 'body')) return;
  ctx.report({
    node: loads,
    message: `The raw request body is parsed with ${ctx.py.callee(loads)}() and used unchecked: any JSON shape is accepted. Declare a Pydantic model parameter (or use Model.model_validate_json on the body).`,
  });
}

/** The `json.loads(...)` call the body bytes reach: as its argument, or through the name they are assigned to. */
function jsonLoadsOf(ctx: RuleContext, call: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  const direct = enclosingLoads(ctx, call);
  if (direct) return direct;
  const name = assignedName(call);
  if (!name) return undefined;
  for (const id of fn.childForFieldName('body')?.descendantsOfType('identifier') ?? []) {
    if (id?.text === name) {
      const loads = enclosingLoads(ctx, id);
      if (loads) return loads;
    }
  }
  return undefined;
}

function enclosingLoads(ctx: RuleContext, node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode = node;
  for (let i = 0; i < 5 && n.parent; i++) {
    const p: SyntaxNode = n.parent;
    if (p.type === 'call' && JSON_LOADS.test(ctx.py.callee(p) ?? '')) return p;
    if (p.type !== 'await' && p.type !== 'argument_list' && p.type !== 'parenthesized_expression' && p.type !== 'call' && p.type !== 'attribute') return undefined;
    n = p;
  }
  return undefined;
}

const reportedKinds = new WeakMap<RuleContext, Set<string>>();

/** One finding per function and kind of read (the first); later reads of the same data are the same problem. */
function reported(ctx: RuleContext, fn: SyntaxNode, kind: string): boolean {
  let set = reportedKinds.get(ctx);
  if (!set) reportedKinds.set(ctx, (set = new Set()));
  const key = `${fn.id}:${kind}`;
  if (set.has(key)) return true;
  set.add(key);
  return false;
}

// ---- Flask --------------------------------------------------------------------

const flaskNames = new WeakMap<object, Set<string>>();

/** Local spellings of Flask's (or Quart's) `request` in this file: `request`, `flask.request`, an alias. */
function flaskRequests(ctx: RuleContext): Set<string> {
  let set = flaskNames.get(ctx.py);
  if (set) return set;
  set = new Set();
  for (const [local, full] of ctx.py.imports) {
    if (full === 'flask.request' || full === 'quart.request') set.add(local);
    if (full === 'flask' || full === 'quart') set.add(`${local}.request`);
  }
  flaskNames.set(ctx.py, set);
  return set;
}

/**
 * Flask/Quart `request.json`, `request.form`… in document order. Only files
 * importing Flask's or Quart's request look at attributes at all (one pass
 * inside WASM then), so the shared walk need not materialise every attribute.
 */
function flaskAttributes(ctx: RuleContext): SyntaxNode[] {
  const names = flaskRequests(ctx);
  if (names.size === 0) return [];
  const out: SyntaxNode[] = [];
  for (const node of ctx.tree.rootNode.descendantsOfType('attribute')) {
    const obj = node?.childForFieldName('object');
    if (node && obj && names.has(textOf(ctx, obj))) out.push(node);
  }
  return out;
}

const FLASK_READS: Record<string, string> = { json: 'json', get_json: 'json', form: 'form', values: 'form', get_data: 'data', data: 'data' };

function checkFlaskAttribute(attr: SyntaxNode, ctx: RuleContext): void {
  const name = attr.childForFieldName('attribute')?.text ?? '';
  const kind = FLASK_READS[name];
  if (!kind) return;
  const obj = attr.childForFieldName('object');
  if (!obj || (ctx.py.qualify(obj) !== 'flask.request' && ctx.py.qualify(obj) !== 'quart.request')) return;
  const isCall = attr.parent?.type === 'call' && attr.parent.childForFieldName('function')?.id === attr.id;
  if ((name === 'get_json' || name === 'get_data') !== isCall) return;
  const expr = isCall ? attr.parent! : attr;
  const fn = enclosingFunction(attr);
  if (kind === 'data' && !(expr.parent && enclosingLoads(ctx, expr))) return;
  const target = kind === 'data' ? enclosingLoads(ctx, expr)! : expr;
  if (isValidated(ctx, target, fn)) return;
  if (fn && flaskValidated(ctx, fn, kind)) return;
  if (fn && kind === 'data' && SIGNATURE.test(fn.childForFieldName('body')?.text ?? '')) return;
  if (reported(ctx, fn ?? ctx.tree.rootNode, `flask-${kind}`)) return;
  ctx.report({
    node: target,
    message: `${target.text} is used without a schema: any ${kind === 'form' ? 'form fields' : 'JSON'} the client sends is accepted unchecked. Validate it first (a Pydantic model, a marshmallow schema, a WTForms form).`,
  });
}

/** Any read of this kind in the function validated (e.g. `schema.load(request.get_json())` before `request.json["x"]`)? */
function flaskValidated(ctx: RuleContext, fn: SyntaxNode, kind: string): boolean {
  const body = fn.childForFieldName('body');
  for (const attr of body ? body.descendantsOfType('attribute') : []) {
    if (!attr || FLASK_READS[attr.childForFieldName('attribute')?.text ?? ''] !== kind) continue;
    if (ctx.py.qualify(attr.childForFieldName('object')) !== 'flask.request') continue;
    const isCall = attr.parent?.type === 'call' && attr.parent.childForFieldName('function')?.id === attr.id;
    if (isValidated(ctx, isCall ? attr.parent! : attr, fn)) return true;
  }
  return false;
}

// ---- The fix: a generated model -------------------------------------------------

interface Field {
  readonly key: string;
  type: string;
  optional: boolean;
  default: string | undefined;
}

const STR_METHODS = /^(strip|lower|upper|split|startswith|endswith|replace|title|encode|casefold|lstrip|rstrip)$/;
const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

function literalType(node: SyntaxNode | undefined): string | undefined {
  switch (node?.type) {
    case 'string':
      return 'str';
    case 'integer':
      return 'int';
    case 'float':
      return 'float';
    case 'true':
    case 'false':
      return 'bool';
    case 'list':
      return 'list[Any]';
    case 'dictionary':
      return 'dict[str, Any]';
    default:
      return undefined;
  }
}

/** A type the use of `value` shows: `.strip()` → str, `== "x"` → str, `> 3` → int. */
function usageType(value: SyntaxNode): string | undefined {
  const p = value.parent;
  if (p?.type === 'attribute' && p.childForFieldName('object')?.id === value.id && STR_METHODS.test(p.childForFieldName('attribute')?.text ?? '')) return 'str';
  if (p?.type === 'comparison_operator') {
    const other = named(p).find((c) => c.id !== value.id);
    return literalType(other);
  }
  return undefined;
}

interface Use {
  readonly node: SyntaxNode;
  /** Replacement in attribute mode. */
  readonly text: string;
}

function modelFixes(ctx: RuleContext, route: Route, body: BodyParam): Fix[] {
  const { param } = body;
  const fnBody = route.fn.childForFieldName('body');
  if (!fnBody) return [];
  const fields = new Map<string, Field>();
  const uses: Use[] = [];
  let attributeMode = true;
  const field = (key: string): Field => {
    let f = fields.get(key);
    if (!f) fields.set(key, (f = { key, type: 'Any', optional: false, default: undefined }));
    return f;
  };
  const ident = (key: string): string => {
    let name = key.replace(/\W/g, '_');
    if (/^\d/.test(name) || PY_KEYWORDS.has(name) || name.startsWith('model_')) name = `field_${name}`;
    return name;
  };
  for (const id of fnBody.descendantsOfType('identifier')) {
    if (!id || id.text !== param.name) continue;
    const p = id.parent!;
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue;
    if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
    // payload["key"]
    if (p.type === 'subscript' && p.childForFieldName('value')?.id === id.id) {
      const sub = p.childForFieldName('subscript');
      const key = sub?.type === 'string' ? sub.text.slice(1, -1) : undefined;
      const store = p.parent?.type === 'assignment' && p.parent.childForFieldName('left')?.id === p.id;
      if (!key || !/^[\w-]+$/.test(key) || store || p.parent?.type === 'delete_statement' || p.parent?.type === 'augmented_assignment') {
        attributeMode = false;
        continue;
      }
      const f = field(key);
      f.type = f.type === 'Any' ? (usageType(p) ?? 'Any') : f.type;
      uses.push({ node: p, text: `${param.name}.${ident(key)}` });
      continue;
    }
    // payload.get("key"[, default])
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.text === 'get' && p.parent?.type === 'call') {
      const call = p.parent;
      const args = named(call.childForFieldName('arguments'));
      const key = args[0]?.type === 'string' ? args[0].text.slice(1, -1) : undefined;
      if (!key || !/^[\w-]+$/.test(key) || args.length > 2 || args.some((a) => a.type === 'keyword_argument')) {
        attributeMode = false;
        continue;
      }
      const f = fields.get(key) ?? field(key);
      if (!uses.some((u) => u.text.endsWith(`.${ident(key)}`) && u.node.type === 'subscript')) {
        f.optional = true;
        const def = args[1];
        if (def && def.type !== 'none') {
          f.default = def.text;
          f.type = literalType(def) ?? f.type;
        }
        if (f.type === 'Any') f.type = usageType(call) ?? 'Any';
      }
      uses.push({ node: call, text: `${param.name}.${ident(key)}` });
      continue;
    }
    // The whole dict passed on: `repo.create(payload)`, `Item(**payload)`, `return payload`.
    if (p.type === 'argument_list' || p.type === 'dictionary_splat' || p.type === 'return_statement' || p.type === 'keyword_argument' || (p.type === 'assignment' && p.childForFieldName('right')?.id === id.id)) {
      uses.push({ node: id, text: `${param.name}.model_dump()` });
      continue;
    }
    attributeMode = false;
  }
  // A key read with [] somewhere is required even if also read with .get().
  for (const use of uses) if (use.node.type === 'subscript') fields.get(use.node.childForFieldName('subscript')!.text.slice(1, -1))!.optional = false;
  if (fields.size === 0) return [];

  const className = uniqueClassName(ctx, route, param);
  const needsField = [...fields.keys()].some((k) => ident(k) !== k);
  const lines = [...fields.values()].map((f) => {
    const name = ident(f.key);
    const type = f.optional && f.default === undefined && f.type !== 'Any' ? `${f.type} | None` : f.type;
    const def = f.optional ? (f.default ?? 'None') : undefined;
    if (name !== f.key) return `    ${name}: ${type} = Field(${def !== undefined ? `${def}, ` : ''}alias=${JSON.stringify(f.key)})`;
    return `    ${name}: ${type}${def !== undefined ? ` = ${def}` : ''}`;
  });
  const cls = `class ${className}(BaseModel):\n${lines.join('\n')}\n\n\n`;
  const anchor = insertionPoint(route);
  const edits = [{ start: anchor, end: anchor, text: cls }];
  const retyped = retypeBodyParam({
    param,
    typeNode: body.typeNode ?? undefined,
    className,
    attributeMode,
    uses,
    firstStatement: named(fnBody)[0],
    dump: needsField ? 'model_dump(by_alias=True)' : 'model_dump()',
  });
  if ('problem' in retyped) return [];
  edits.push(...retyped.edits);
  const anyUsed = [...fields.values()].some((f) => f.type.includes('Any'));
  const imports = [{ module: 'pydantic', name: 'BaseModel' }, ...(needsField ? [{ module: 'pydantic', name: 'Field' }] : []), ...(anyUsed ? [{ module: 'typing', name: 'Any' }] : [])];
  return [fileFix(ctx, `Replace ${body.typeNode?.text ?? 'the untyped body'} with a generated ${className} model`, edits, { imports, preferred: true })];
}

/** `create_item` → `CreateItemBody` (the parameter's name is added when a handler has several loose bodies). */
function uniqueClassName(ctx: RuleContext, route: Route, param: RouteParam): string {
  const pascal = (s: string) => s.split('_').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  const several = route.params.filter((p) => looseBodyParam(ctx, p)).length > 1;
  const base = `${pascal(route.name)}${several ? pascal(param.name) : ''}Body`;
  const taken = (name: string) => fileModel(ctx.py).functions.has(name) || ctx.py.imports.has(name) || new RegExp(`^class\\s+${name}\\b`, 'm').test(ctx.source);
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}${i}`;
  return name;
}

/** Start of the top-level statement holding the route, before the comments directly above it. */
function insertionPoint(route: Route): number {
  let stmt: SyntaxNode = route.fn;
  while (stmt.parent && stmt.parent.type !== 'module') stmt = stmt.parent;
  let start: SyntaxNode = stmt;
  for (let prev = stmt.previousNamedSibling; prev?.type === 'comment' && prev.endPosition.row === start.startPosition.row - 1; prev = prev.previousNamedSibling) start = prev;
  return start.startIndex;
}

// Flask's request attributes are looked for only in files importing it (see candidates.ts).
const walk = interleave(flaskAttributes, checkFlaskAttribute, { call: checkRequestCall }, checkRoutes);

export const rule: Rule = {
  id: 'unvalidated-body',
  title: 'Request body read without a Pydantic model',
  defaultSeverity: 'warning',
  // Request reads (`request.json()`), Flask/Quart's request, or route parameters.
  applies: (source) => /\.(json|form|body)\(\s*\)/.test(source) || /flask|quart/.test(source) || mayHaveRoutes(source),
  visit: walk.visit,
  finish: walk.finish,
};
