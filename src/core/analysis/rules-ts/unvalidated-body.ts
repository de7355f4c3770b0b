// unvalidated-body (TypeScript/JavaScript): a request body used without a
// schema — Express `req.body`, Fastify `request.body` on a route without
// `schema.body`, a NestJS `@Body()` typed `any`/`object`/`Record<…>`/an
// interface (no runtime check) or untyped. Any JSON is accepted: missing
// keys become 500s, wrong types reach the database, extra keys flow into
// `create(req.body)` (mass assignment). Validated: the body handed to a
// schema in the handler (`Schema.parse(req.body)`, `safeParse`, joi/yup
// `validate`, valibot `parse(S, body)`, superstruct `assert`,
// `plainToInstance` + `validate`), directly or through the variable it is
// assigned to; a validation middleware on the route (`validate(schema)`,
// `celebrate`, express-validator chains, here or in the file registering a
// controller: project facts); a Fastify route schema; a NestJS DTO class or
// pipe. A raw body read for a webhook signature check is not flagged.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { replaceNode } from '../fixes';
import { tsFileFix, type TsFixImport } from '../ts/fixes';
import { moduleOfTsPath } from '../ts/project';
import type { TsRoute } from '../ts/routes';
import { callArgs, FUNCTION_TYPES, named, objectProperty, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

const VALIDATOR_METHODS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'validate', 'validateSync', 'validateAsync', 'validateOrReject', 'attempt', 'Check', 'Decode', 'Parse', 'cast', 'decode', 'plainToInstance', 'plainToClass', 'transformAndValidate']);
/** Validation libraries whose functions take the data (`assert(data, Struct)`, `create(data, S)`, `is(data, S)`). */
const VALIDATION_MODULES = /^(superstruct|@sinclair\/typebox|io-ts|runtypes|class-validator|class-transformer|valibot|zod|joi|yup|ajv|typia|arktype)(\.|\/|$)/;
const NOT_VALIDATORS = /^(JSON\.parse|qs\.parse|querystring\.parse|Object\.create|Object\.assign|url\.parse|path\.parse)$/;
const VALIDATION_MIDDLEWARE = /(valid|celebrate|schema|zod|joi|yup|checkSchema|zValidator|expressValidator)/i;
const SIGNATURE = /\b(constructEvent|createHmac|timingSafeEqual|verifySignature|validateSignature|verifyWebhook|webhooks\.verify|verifyRequestSignature)\b/;
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'await_expression', 'spread_element', 'pair', 'object', 'array']);

/** Is `node` handed to a validator: an argument of `Schema.parse(…)`, `v.parse(S, …)`, `schema.validate(…)`? */
function validatedAt(ctx: TsRuleContext, node: SyntaxNode): boolean {
  let n: SyntaxNode = node;
  for (let i = 0; i < 8 && n.parent; i++) {
    const p: SyntaxNode = n.parent;
    // `Schema.parse(req.body.item)`: validating the part the handler uses.
    if (TRANSPARENT.has(p.type) || (p.type === 'member_expression' && p.childForFieldName('object')?.id === n.id)) {
      n = p;
      continue;
    }
    if (p.type === 'arguments' && p.parent && (p.parent.type === 'call_expression' || p.parent.type === 'new_expression')) {
      const call = p.parent;
      const method = call.type === 'call_expression' ? ctx.ts.methodName(call) : undefined;
      const callee = ctx.ts.callee(call) ?? '';
      return (!!method && VALIDATOR_METHODS.has(method) && !NOT_VALIDATORS.test(callee)) || VALIDATION_MODULES.test(callee);
    }
    return false;
  }
  return false;
}

/** `const data = req.body` later given to a validator in the same function. */
function validatedLater(ctx: TsRuleContext, read: SyntaxNode, fn: SyntaxNode): boolean {
  const declarator = read.parent?.type === 'variable_declarator' ? read.parent : undefined;
  const name = declarator?.childForFieldName('name');
  if (name?.type !== 'identifier') return false;
  for (const id of fn.descendantsOfType('identifier')) {
    if (id && id.text === name.text && id.id !== name.id && validatedAt(ctx, id)) return true;
  }
  return false;
}

interface Handler {
  readonly fn: SyntaxNode;
  readonly req: string;
  readonly route: TsRoute | undefined;
  /** Name for guessing the schema (`createBook`, `POST /`). */
  readonly name: string;
}

/** Functions shaped like handlers `(req, res)` / `(request, reply)` that are not middleware (calling `next()`). */
function looksLikeHandler(ctx: TsRuleContext, fn: SyntaxNode): string | undefined {
  const params = named(fn.childForFieldName('parameters'));
  if (params.length < 2 || params.length > 3) return undefined;
  const [first, second, third] = params.map((p) => p.childForFieldName('pattern')?.text ?? p.text);
  const firstType = params[0]!.childForFieldName('type')?.text ?? '';
  const reqLike = /^req(uest)?$/.test(first ?? '') || /\b(Request|FastifyRequest)\b/.test(firstType);
  if (!reqLike || !/^(res|response|reply|rep)$/.test(second ?? '')) return undefined;
  if (third && new RegExp(`\\b${third}\\s*\\(\\s*\\)`).test(fn.text)) return undefined;
  void ctx;
  return first;
}

function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const p = fn.parent;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'pair') return p.childForFieldName('key')?.text;
  if (p?.type === 'assignment_expression') return p.childForFieldName('left')?.text.split('.').pop();
  return undefined;
}

function routeValidated(route: TsRoute): boolean {
  if (route.options) {
    const schema = objectProperty(route.options, 'schema');
    if (schema) return unwrap(schema).type !== 'object' || !!objectProperty(schema, 'body');
  }
  return route.middlewares.some((m) => VALIDATION_MIDDLEWARE.test(m.text) || /^(body|check)\s*\(/.test(m.text));
}

function handlers(ctx: TsRuleContext): Handler[] {
  const out: Handler[] = [];
  const seen = new Set<number>();
  const validated = new Set(ctx.project.ts?.validatedHandlers ?? []);
  for (const route of ctx.ts.routes) {
    if (route.framework === 'nest' || !route.handler || seen.has(route.handler.id)) continue;
    seen.add(route.handler.id);
    if (routeValidated(route)) continue;
    const first = ctx.ts.paramNames(route.handler)[0];
    if (first) out.push({ fn: route.handler, req: first, route, name: route.name });
  }
  // Controllers registered in another file (`router.post('/', controller.create)`).
  for (const fn of ctx.tree.rootNode.descendantsOfType([...FUNCTION_TYPES])) {
    if (!fn || seen.has(fn.id) || !fn.text.includes('.body')) continue;
    const req = looksLikeHandler(ctx, fn);
    if (!req) continue;
    const name = functionName(fn) ?? '';
    if (validated.has(name)) continue;
    // An inline handler of a route registered here was handled above.
    if (fn.parent?.type === 'arguments') continue;
    seen.add(fn.id);
    out.push({ fn, req, route: undefined, name });
  }
  return out;
}

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/**
 * Is the field read `req.body.x` used only as a yes/no: an operand of an
 * equality test, negated, or the whole test of an if/ternary/while? Any JSON
 * value there (missing, an object, an array) gives false or true and is gone.
 */
function onlyTested(read: SyntaxNode): boolean {
  let n = read;
  while (n.parent?.type === 'parenthesized_expression' && n.parent.parent?.type !== 'if_statement' && n.parent.parent?.type !== 'while_statement') n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'binary_expression') return EQUALITY.has(p.childForFieldName('operator')?.text ?? '');
  if (p.type === 'unary_expression') return p.childForFieldName('operator')?.text === '!';
  if (p.type === 'parenthesized_expression' && (p.parent?.type === 'if_statement' || p.parent?.type === 'while_statement')) return true;
  if (p.type === 'ternary_expression') return p.childForFieldName('condition')?.id === n.id;
  return false;
}

/** A Koa handler: the file uses Koa (or its routers), or the context parameter is typed as Koa's. */
function koaHandler(ctx: TsRuleContext, h: Handler): boolean {
  for (const full of ctx.ts.imports.values()) if (/^(koa|@koa\/router|koa-router|koa-body|@koa\/bodyparser|koa-bodyparser)(\.|$)/.test(full)) return true;
  const param = named(h.fn.childForFieldName('parameters'))[0];
  return /:\s*(Koa\.)?(Parameterized)?Context\b|:\s*\w*Context</.test(param?.text ?? '') && h.req === 'ctx';
}

/** Unvalidated `req.body` reads of one handler, in document order. */
function unvalidatedReads(ctx: TsRuleContext, h: Handler): SyntaxNode[] {
  const body = h.fn.childForFieldName('body');
  if (!body) return [];
  if (SIGNATURE.test(body.text) || /\b(validationResult|matchedData)\s*\(/.test(body.text)) return [];
  const out: SyntaxNode[] = [];
  const serverSet = new Set(ctx.project.ts?.serverBodyFields ?? []);
  const koa = koaHandler(ctx, h);
  for (const m of body.descendantsOfType('member_expression')) {
    if (!m || m.childForFieldName('property')?.text !== 'body') continue;
    const obj = m.childForFieldName('object');
    if (!obj) continue;
    // Koa: `ctx.body` is the response; the client's body is `ctx.request.body`.
    const o = unwrap(obj);
    const isRequest = koa
      ? o.type === 'member_expression' && o.childForFieldName('property')?.text === 'request' && unwrap(o.childForFieldName('object') ?? o).text === h.req
      : o.type === 'identifier' && o.text === h.req;
    if (!isRequest) continue;
    // `req.body = {...}` writes it (a middleware or a test), it reads nothing from the client.
    if (m.parent?.type === 'assignment_expression' && m.parent.childForFieldName('left')?.id === m.id) continue;
    // `req.body.UserId` written by an earlier middleware from the session is the server's value.
    const field = m.parent?.type === 'member_expression' && m.parent.childForFieldName('object')?.id === m.id ? m.parent.childForFieldName('property')?.text : undefined;
    if (field && serverSet.has(field)) continue;
    // `req.body.mode === 'card'`, `!req.body.flag`: only a yes/no leaves the read, nothing of the client's value flows on.
    if (field && onlyTested(m.parent!)) continue;
    // Inside a nested function that rebinds the name: not this request.
    if (validatedAt(ctx, m) || validatedLater(ctx, m, h.fn)) continue;
    out.push(m);
  }
  return out;
}

const pascal = (s: string): string => s.replace(/(^|[-_\s])(\w)/g, (_m, _a, c: string) => c.toUpperCase());
function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|sh|ch|x)es$/.test(word)) return word.replace(/es$/, '');
  if (/s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Relative import specifier from the analysed file to a project file. */
function relativeSpec(from: string, to: string): string {
  const a = moduleOfTsPath(from).split('/').slice(0, -1);
  const b = moduleOfTsPath(to).split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** The zod schema a fix parses the body with: `<Resource>Create` for POST/PUT, `<Resource>Update` for PATCH. */
function schemaFor(ctx: TsRuleContext, h: Handler): { name: string; imports: TsFixImport[] } | undefined {
  const method = h.route?.methods[0] ?? (/update|patch|edit/i.test(h.name) ? 'patch' : 'post');
  const suffixes = method === 'patch' ? ['Update', 'Patch'] : ['Create', 'Input', 'Body', 'Schema'];
  const stem = moduleOfTsPath(ctx.path).split('/').pop()!.replace(/\.(controller|routes?|router|handlers?)$/, '').replace(/[-_.](controller|routes?|router|handlers?)$/, '');
  const segment = (h.route?.path ?? '').split('/').find((s) => s && !s.startsWith(':'));
  // `authorsRouter(deps)` names its resource too.
  let factory: string | undefined;
  for (let n = h.fn.parent; n; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type)) {
      factory = (n.childForFieldName('name') ?? (n.parent?.type === 'variable_declarator' ? n.parent.childForFieldName('name') : null))?.text.replace(/(Router|Routes|Controller|Handlers?)$/, '');
      if (factory) break;
    }
  }
  const resources = [...new Set([factory, segment, stem].filter((x): x is string => !!x).map((w) => pascal(singular(w.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()))))];
  const local = new Set<string>();
  for (const name of ctx.ts.imports.keys()) local.add(name);
  for (const d of ctx.tree.rootNode.descendantsOfType('variable_declarator')) {
    const value = d?.childForFieldName('value');
    const name = d?.childForFieldName('name');
    if (name?.type === 'identifier' && value && /^((z|zod)\.(object|strictObject|looseObject)\b|[A-Z][\w$]*\.(partial|extend|pick|omit|merge|strict|required)\s*\()/.test(unwrap(value).text)) local.add(name.text);
  }
  const project = ctx.project.ts?.schemas ?? [];
  for (const resource of resources) {
    for (const suffix of suffixes) {
      const wanted = `${resource}${suffix}`;
      if (local.has(wanted)) return { name: wanted, imports: [] };
      const found = project.find((s) => s.name === wanted);
      if (found) return { name: wanted, imports: [{ module: relativeSpec(ctx.path, found.path), name: wanted }] };
    }
  }
  // Else the one schema of the file (or, failing that, of the project) with the wanted suffix.
  for (const suffix of suffixes) {
    const own = [...local].filter((n) => n.endsWith(suffix) && /^[A-Z]/.test(n));
    if (own.length === 1) return { name: own[0]!, imports: [] };
    if (own.length > 1) return undefined;
  }
  for (const suffix of suffixes) {
    const all = project.filter((x) => x.name.endsWith(suffix));
    if (all.length === 1) return { name: all[0]!.name, imports: [{ module: relativeSpec(ctx.path, all[0]!.path), name: all[0]!.name }] };
  }
  return undefined;
}

function fixes(ctx: TsRuleContext, h: Handler, reads: SyntaxNode[]): Fix[] {
  const schema = schemaFor(ctx, h);
  if (!schema) return [];
  const body = h.fn.childForFieldName('body');
  if (reads.length === 1) {
    const read = reads[0]!;
    return [tsFileFix(ctx, `Validate the body with ${schema.name}.parse`, [replaceNode(read, `${schema.name}.parse(${read.text})`)], { imports: schema.imports, preferred: true })];
  }
  if (body?.type !== 'statement_block') return [];
  const taken = new Set(body.descendantsOfType('identifier').map((i) => i?.text));
  const local = ['body', 'input', 'payload', 'data'].find((n) => !taken.has(n) && !ctx.ts.paramNames(h.fn).includes(n));
  const first = named(body)[0];
  if (!local || !first) return [];
  const lineStart = ctx.source.lastIndexOf('\n', first.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart))![0];
  const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [{ start: lineStart, end: lineStart, text: `${indent}const ${local} = ${schema.name}.parse(${koaHandler(ctx, h) ? `${h.req}.request` : h.req}.body);${eol}` }];
  for (const read of reads) edits.push(replaceNode(read, local));
  return [tsFileFix(ctx, `Validate the body with ${schema.name}.parse`, edits, { imports: schema.imports, preferred: true })];
}

/** NestJS `@Body()` parameters with no runtime schema. */
function checkNest(ctx: TsRuleContext): void {
  for (const route of ctx.ts.routes) {
    if (route.framework !== 'nest') continue;
    let usesPipes = false;
    for (let s = route.node.previousNamedSibling; s && (s.type === 'decorator' || s.type === 'comment'); s = s.previousNamedSibling) if (/^@UsePipes\s*\(/.test(s.text)) usesPipes = true;
    if (usesPipes) continue;
    for (const p of route.params) {
      if (p.decorator !== 'Body') continue;
      const deco = named(p.node).find((c) => c.type === 'decorator');
      const call = deco ? named(deco)[0] : undefined;
      // `@Body('email')` picks one field; `@Body(new ZodValidationPipe(S))` validates.
      if (call?.type === 'call_expression' && callArgs(call).length > 0) continue;
      const reason = untypedBody(ctx, p.type);
      if (!reason) continue;
      ctx.report({
        node: p.node,
        message: `${p.name} takes the request body as ${reason}, so any JSON is accepted unchecked (missing keys become 500s, extra keys flow into the database). Declare a DTO class with class-validator decorators (or a validation pipe).`,
      });
    }
  }
}

/** Why a `@Body()` type checks nothing at runtime, if it does not. */
function untypedBody(ctx: TsRuleContext, type: SyntaxNode | undefined): string | undefined {
  if (!type) return 'an untyped parameter';
  const text = type.text;
  if (/^(any|unknown|object|Object|\{\s*\})$/.test(text) || /^Record\s*</.test(text) || type.type === 'object_type') return `\`${text}\``;
  if (type.type === 'type_identifier') {
    // An interface or type alias of this file: erased at runtime.
    for (const decl of ctx.tree.rootNode.descendantsOfType(['interface_declaration', 'type_alias_declaration'])) {
      if (decl?.childForFieldName('name')?.text === text) return `the ${decl.type === 'interface_declaration' ? 'interface' : 'type'} \`${text}\` (erased at runtime)`;
    }
  }
  return undefined;
}

function check(ctx: TsRuleContext): void {
  if (ctx.source.includes('@Body')) checkNest(ctx);
  if (!ctx.source.includes('.body')) return;
  for (const h of handlers(ctx)) {
    const reads = unvalidatedReads(ctx, h);
    const first = reads[0];
    if (!first) continue;
    ctx.report({
      node: first,
      message: `${first.text} is used without a schema: any JSON the client sends is accepted unchecked (missing keys become 500s, extra keys flow into the database). Validate it first (a zod schema's parse, a route schema or a validation middleware).`,
      fixes: () => fixes(ctx, h, reads),
    });
  }
}

export const rule: TsRule = {
  id: 'unvalidated-body',
  title: 'Request body read without a Pydantic model',
  defaultSeverity: 'warning',
  applies: (source) => source.includes('.body') || source.includes('@Body'),
  finish: check,
};


