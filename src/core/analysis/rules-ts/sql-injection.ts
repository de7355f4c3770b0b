// sql-injection (TypeScript/JavaScript): SQL text assembled from values that
// may come from a user (a template literal, `+`, `+=` over several lines,
// `[...].join(' ')`) and handed to something that runs it: `pg`
// `pool/client.query`, `mysql2` `query/execute`, knex `raw`/`whereRaw`/
// `havingRaw`/`orderByRaw`/`joinRaw`, `sequelize.query`/`literal`, prisma
// `$queryRawUnsafe`/`$executeRawUnsafe`/`Prisma.raw`, typeorm `query` and
// QueryBuilder `where(...)` strings, drizzle `sql.raw`, better-sqlite3
// `prepare`. As for Python, any value not proven harmless counts (constants,
// numbers, allow-list picks, `number`/literal-union/enum parameters and zod
// fields of such types are harmless), whoever passed it. Parameterised
// queries and tagged templates (`sql`...``, `$queryRaw`...``) are not flagged.
// The fix binds the values as query parameters in the style of the driver.
// MongoDB is a query language too: a `$where` JavaScript string built from
// such values, and a request value used whole as a filter field of a
// find/update/delete call (the client can send `{"$ne": null}` instead of a
// string) are NoSQL injections, reported here without a fix.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { tsFileFix } from '../ts/fixes';
import { countReferences, describeValues, escapeFor, skeleton, taintOf, templateOf, unsafeParts, type DynPart, type Part, type Template } from '../ts/taint';
import { callArgs, enclosingFunction, unwrap, type TsFile } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';
import { SQL_START_ANY, SQL_START_UPPER, valuePosition, type ValuePosition } from '../sqlText';

/** Methods whose argument is a SQL fragment (no statement keyword needed). */
const FRAGMENT_METHODS = new Set(['whereRaw', 'orWhereRaw', 'andWhereRaw', 'whereNotRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'joinRaw', 'groupByRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
/** Methods that run a whole statement: the text must start like SQL. */
const STATEMENT_METHODS = new Set(['query', 'execute', 'raw', 'prepare', 'exec', 'unsafe']);
/** typeorm QueryBuilder methods taking a condition or expression string. */
const BUILDER_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'groupBy', 'addGroupBy', 'innerJoin', 'leftJoin', 'setParameter']);
const QUICK = /query|execute|Raw|raw|prepare|literal|exec|unsafe|createQueryBuilder/;


type Driver = 'pg' | 'mysql' | 'sqlite' | 'knex' | 'sequelize' | 'prisma' | 'typeorm' | 'drizzle';

interface Sink {
  readonly kind: 'fragment' | 'statement' | 'builder';
  readonly name: string;
  readonly call: SyntaxNode;
  readonly arg: SyntaxNode;
  readonly driver: Driver | undefined;
}

const DRIVER_MODULES: [RegExp, Driver][] = [
  [/^(pg|pg-pool|pg-promise|postgres|@neondatabase\/serverless|@vercel\/postgres)(\/|\.|$)/, 'pg'],
  [/^(mysql2|mysql)(\/|\.|$)/, 'mysql'],
  [/^(better-sqlite3|sqlite3|sqlite)(\/|\.|$)/, 'sqlite'],
  [/^knex(\/|\.|$)/, 'knex'],
  [/^(sequelize|sequelize-typescript)(\/|\.|$)/, 'sequelize'],
  [/^@prisma\/client(\/|\.|$)/, 'prisma'],
  [/^(typeorm|@nestjs\/typeorm)(\/|\.|$)/, 'typeorm'],
  [/^drizzle-orm(\/|\.|$)/, 'drizzle'],
];

const driverCache = new WeakMap<TsFile, Set<Driver>>();

/** Database libraries the file imports (ESM or CommonJS). */
function drivers(file: TsFile): Set<Driver> {
  let set = driverCache.get(file);
  if (set) return set;
  set = new Set();
  for (const full of file.imports.values()) for (const [re, d] of DRIVER_MODULES) if (re.test(full)) set.add(d);
  driverCache.set(file, set);
  return set;
}

function sinkOf(call: SyntaxNode, ctx: TsRuleContext): Sink | undefined {
  const file = ctx.ts;
  const name = file.methodName(call);
  if (!name) return undefined;
  const arg = callArgs(call)[0];
  if (!arg || arg.type === 'spread_element') return undefined;
  const receiver = file.receiver(call);
  const callee = file.callee(call) ?? '';
  const ds = drivers(file);
  const only = ds.size === 1 ? [...ds][0] : undefined;
  if (FRAGMENT_METHODS.has(name) && receiver) return { kind: 'fragment', name, call, arg, driver: name.startsWith('$') ? 'prisma' : 'knex' };
  if (name === 'raw' && receiver) {
    if (/^(drizzle-orm\.sql|sql)\.raw$/.test(callee) && (ds.has('drizzle') || /^drizzle-orm/.test(callee))) return { kind: 'fragment', name: 'sql.raw', call, arg, driver: 'drizzle' };
    if (/(^|\.)Prisma\.raw$/.test(callee)) return { kind: 'fragment', name: 'Prisma.raw', call, arg, driver: 'prisma' };
    if (ds.has('knex')) return { kind: 'fragment', name, call, arg, driver: 'knex' };
  }
  if (name === 'literal' && /(^|\.)(Sequelize|sequelize)\.literal$|^sequelize\.literal$/.test(callee) && ds.has('sequelize')) return { kind: 'fragment', name: 'Sequelize.literal', call, arg, driver: 'sequelize' };
  if (BUILDER_METHODS.has(name) && receiver && ds.has('typeorm') && queryBuilder(file, receiver)) return { kind: 'builder', name, call, arg, driver: 'typeorm' };
  if (STATEMENT_METHODS.has(name) && receiver) {
    let driver: Driver | undefined = only;
    const origin = file.origin(receiver) ?? '';
    for (const [re, d] of DRIVER_MODULES) if (re.test(origin)) driver = d;
    if (/sequelize/i.test(receiver.text) && ds.has('sequelize')) driver = 'sequelize';
    return { kind: 'statement', name, call, arg, driver };
  }
  return undefined;
}

/** Is this receiver a typeorm SelectQueryBuilder chain (`repo.createQueryBuilder('u').where(...)`, `qb`)? */
function queryBuilder(file: TsFile, receiver: SyntaxNode, depth = 0): boolean {
  let n: SyntaxNode | undefined = unwrap(receiver);
  for (let i = 0; n && i < 20; i++) {
    if (n.type === 'call_expression') {
      if (/^(createQueryBuilder|getRepository)$/.test(file.methodName(n) ?? '')) return file.methodName(n) === 'createQueryBuilder';
      n = file.receiver(n);
    } else if (n.type === 'identifier') {
      if (depth > 3) return false;
      const v = file.singleBinding(n);
      if (v) return queryBuilder(file, v, depth + 1);
      // A parameter typed `SelectQueryBuilder<User>`, or one named like a builder.
      return /^(qb|query|queryBuilder|builder)$/.test(n.text) || /QueryBuilder\b/.test(paramType(n));
    } else if (n.type === 'await_expression') return false;
    else return false;
  }
  return false;
}

/** The type annotation text of the parameter `name` refers to, if any. */
function paramType(name: SyntaxNode): string {
  for (let fn = enclosingFunction(name); fn; fn = enclosingFunction(fn)) {
    for (const p of callParams(fn)) if ((p.childForFieldName('pattern') ?? p).text === name.text) return p.childForFieldName('type')?.text ?? '';
  }
  return '';
}

function callParams(fn: SyntaxNode): SyntaxNode[] {
  return fn.childForFieldName('parameters')?.namedChildren.filter((c): c is SyntaxNode => !!c) ?? [];
}

function sqlLike(t: Template, sink: Sink): boolean {
  if (sink.kind !== 'statement') return true;
  const text = skeleton(t, ' x ');
  return SQL_START_UPPER.test(text) || SQL_START_ANY.test(text);
}

function where(sink: Sink): string {
  return sink.name.includes('.') ? `${sink.name}()` : `.${sink.name}()`;
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  const fn = call.childForFieldName('function');
  if (!fn || (!QUICK.test(fn.text) && !BUILDER_METHODS.has(ctx.ts.methodName(call) ?? ''))) return;
  const sink = sinkOf(call, ctx);
  if (!sink) return;
  const t = templateOf(ctx.ts, sink.arg);
  if (!t || !t.parts.some((p) => p.kind === 'const' && p.text.trim() !== '')) return;
  if (!sqlLike(t, sink)) return;
  const unsafe = unsafeParts(t, 'sql');
  if (unsafe.length === 0) return;
  const identifier = unsafe.some((p) => positionOf(t, p) === undefined);
  const { what, count } = describeValues(unsafe);
  const message = identifier
    ? `SQL passed to ${where(sink)} is built from ${what}, so a crafted value can rewrite the query (SQL injection); a table or column name, keyword or list cannot be a bound parameter, so pick such parts from an allow-list of known names and bind the values.`
    : `SQL passed to ${where(sink)} is built from ${what}, so a crafted value can rewrite the query (SQL injection); pass ${count === 1 ? 'it as a bound parameter' : 'them as bound parameters'} instead.`;
  ctx.report({ node: sink.arg, message, fixes: () => (identifier ? [] : bindFix(ctx, sink, t)) });
}

// ------------------------------------------------------------------ positions

/** Is this interpolation a value (bindable) rather than a name, keyword or list? */
function positionOf(t: Template, part: DynPart): ValuePosition | undefined {
  return valuePosition(t.parts, t.parts.indexOf(part), { cast: true });
}

// ------------------------------------------------------------------ fix

type Style = 'numbered' | 'qmark' | 'named' | 'tagged';

function styleOf(ctx: TsRuleContext, sink: Sink, t: Template): Style | undefined {
  const text = skeleton(t);
  if (sink.name === '$queryRawUnsafe' || sink.name === '$executeRawUnsafe' || sink.name === 'sql.raw') return 'tagged';
  if (sink.driver === 'typeorm' && sink.kind === 'builder') return /^(where|andWhere|orWhere|having|andHaving|orHaving)$/.test(sink.name) ? 'named' : undefined;
  if (sink.driver === 'knex' || sink.driver === 'mysql' || sink.driver === 'sqlite' || sink.driver === 'sequelize') return /\$\d/.test(text) ? undefined : 'qmark';
  if (sink.driver === 'pg') return /\?/.test(text.replace(/'[^']*'/g, '')) ? undefined : 'numbered';
  // Unknown driver: the placeholders already in the text tell.
  if (/\$\d/.test(text)) return 'numbered';
  if (/\s\?(\s|,|\)|$)/.test(text)) return 'qmark';
  void ctx;
  return undefined;
}

/** The expression to bind for an interpolation. */
function valueExpr(part: DynPart, pos: ValuePosition): string | undefined {
  const n = unwrap(part.node);
  let expr = part.node.text;
  if (n.type === 'sequence_expression' || n.type === 'spread_element') return undefined;
  if (pos.quoted && (pos.quoted.before || pos.quoted.after)) {
    if (/[`\\$]/.test(pos.quoted.before + pos.quoted.after)) return undefined;
    return `\`${pos.quoted.before}\${${expr}}${pos.quoted.after}\``;
  }
  if (n.type === 'ternary_expression' || n.type === 'binary_expression' && /\?\?|\|\||&&/.test(n.childForFieldName('operator')?.text ?? '')) expr = `(${expr})`;
  return expr;
}

function paramName(node: SyntaxNode): string {
  const n = unwrap(node);
  let name = 'value';
  if (n.type === 'identifier') name = n.text;
  else if (n.type === 'member_expression') name = n.childForFieldName('property')?.text ?? name;
  else if (n.type === 'subscript_expression') {
    const m = /^["'`]([A-Za-z_]\w*)["'`]$/.exec(n.childForFieldName('index')?.text ?? '');
    if (m) name = m[1]!;
  } else if (n.type === 'call_expression' && callArgs(n)[0]) return paramName(callArgs(n)[0]!);
  return /^[A-Za-z_]\w*$/.test(name) ? name : 'value';
}

function bindFix(ctx: TsRuleContext, sink: Sink, t: Template): Fix[] {
  const style = styleOf(ctx, sink, t);
  if (!style || !t.linear || t.segments.length === 0) return [];
  const args = callArgs(sink.call);
  const direct = unwrap(sink.arg);
  if (style === 'tagged') {
    // Only a literal written in the call becomes a tagged template, and every substitution must be a value.
    if (args.length !== 1 || t.segments.length !== 1 || t.segments[0]!.id !== direct.id) return [];
  } else if (style === 'named') {
    if (args.length !== 1) return [];
  } else if (args.length !== 1) return [];
  if (direct.type === 'identifier') {
    if (style === 'tagged' || countReferences(ctx.ts, direct) !== t.segments.length + 1) return [];
  } else if (t.segments.length !== 1 || t.segments[0]!.id !== direct.id) return [];
  const inSegments = (n: SyntaxNode | undefined): boolean => !!n && t.segments.some((s) => s.startIndex <= n.startIndex && n.endIndex <= s.endIndex);
  if (!t.parts.every((p) => (p.kind === 'const' ? inSegments(p.literal) : inSegments(p.node)))) return [];

  // Which parts are bound: the unsafe ones, and numbers in value positions (a tagged template binds every substitution).
  const bound = t.parts.filter((p): p is DynPart => p.kind === 'dyn' && (style === 'tagged' || !p.safe || (p.why === 'number' && positionOf(t, p) !== undefined)));
  const placeholder = new Map<DynPart, string>();
  const values: string[] = [];
  const named = new Map<string, string>();
  const numbered = new Map<string, number>();
  for (const part of bound) {
    const pos = positionOf(t, part);
    if (!pos) return [];
    const expr = valueExpr(part, pos);
    if (expr === undefined) return [];
    if (style === 'tagged') placeholder.set(part, `\${${expr}}`);
    else if (style === 'qmark') {
      placeholder.set(part, '?');
      values.push(expr);
    } else if (style === 'numbered') {
      let index = numbered.get(expr);
      if (index === undefined) {
        values.push(expr);
        numbered.set(expr, (index = values.length));
      }
      placeholder.set(part, `$${index}`);
    } else {
      let key = [...named].find(([, e]) => e === expr)?.[0];
      if (!key) {
        const base = paramName(part.node);
        key = base;
        for (let k = 2; named.has(key) || new RegExp(`:${key}\\b`).test(skeleton(t)); k++) key = `${base}${k}`;
        named.set(key, expr);
      }
      placeholder.set(part, `:${key}`);
    }
  }
  const edits: TextEdit[] = [];
  for (const seg of t.segments) {
    const text = renderSegment(seg, t, placeholder, style);
    if (text === undefined) return [];
    edits.push({ start: seg.startIndex, end: seg.endIndex, text });
  }
  const end = sink.arg.endIndex;
  let title: string;
  if (style === 'tagged') {
    const fnNode = sink.call.childForFieldName('function')!;
    const property = fnNode.type === 'member_expression' ? fnNode.childForFieldName('property') : undefined;
    const open = ctx.source.slice(fnNode.endIndex, sink.arg.startIndex);
    const close = ctx.source.slice(sink.arg.endIndex, sink.call.endIndex);
    if (!/^\s*\(\s*$/.test(open) || !/^\s*,?\s*\)$/.test(close)) return [];
    if (sink.name === 'sql.raw') {
      // `sql.raw(`...`)` -> `sql`...``
      const receiver = ctx.ts.receiver(sink.call)!;
      return [tsFileFix(ctx, 'Use the sql`` tagged template (values become bound parameters)', [{ start: sink.call.startIndex, end: sink.call.endIndex, text: receiver.text + edits[0]!.text }], { preferred: true })];
    }
    if (!property) return [];
    const safeName = sink.name === '$queryRawUnsafe' ? '$queryRaw' : '$executeRaw';
    return [
      tsFileFix(ctx, `Use the ${safeName}\`\` tagged template (values become bound parameters)`, [
        { start: property.startIndex, end: property.endIndex, text: safeName },
        { start: fnNode.endIndex, end: sink.call.endIndex, text: edits[0]!.text },
      ], { preferred: true }),
    ];
  }
  if (style === 'named') {
    edits.push({ start: end, end, text: `, { ${[...named].map(([k, e]) => (k === e ? k : `${k}: ${e}`)).join(', ')} }` });
    title = 'Bind the values as named parameters (:name)';
  } else if (sink.driver === 'sequelize' && sink.kind === 'statement') {
    edits.push({ start: end, end, text: `, { replacements: [${values.join(', ')}] }` });
    title = 'Pass the values as replacements (? placeholders)';
  } else {
    edits.push({ start: end, end, text: `, [${values.join(', ')}]` });
    title = style === 'numbered' ? 'Pass the values as query parameters ($1, $2…)' : 'Pass the values as query parameters (? placeholders)';
  }
  return [tsFileFix(ctx, title, edits, { preferred: true })];
}

/** A segment's new text: its constant parts with placeholders for the bound values, other values kept as substitutions. */
function renderSegment(seg: SyntaxNode, t: Template, placeholder: Map<DynPart, string>, style: Style): string | undefined {
  const inside = (n: SyntaxNode | undefined): boolean => !!n && seg.startIndex <= n.startIndex && n.endIndex <= seg.endIndex;
  const mine = t.parts.filter((p) => inside(p.kind === 'const' ? p.literal : p.node));
  const literals = mine.filter((p) => p.kind === 'const').map((p) => (p as { literal: SyntaxNode }).literal);
  if (literals.length === 0) return undefined;
  const kept = mine.some((p) => p.kind === 'dyn' && !placeholder.has(p));
  // A template literal left without substitutions becomes a plain string (unless it spans lines).
  const multiline = mine.some((p) => p.kind === 'const' && /[\r\n]/.test(p.text));
  const template = style === 'tagged' || kept || (multiline && literals.some((l) => l.type === 'template_string'));
  const firstQuote = literals.find((l) => l.type === 'string')?.text[0];
  let quote = template ? '`' : firstQuote === '"' || (!firstQuote && preferDouble(seg)) ? '"' : "'";
  // SQL string literals left in the text (`status = 'active'`) read better inside double quotes.
  const constText = mine.map((p) => (p.kind === 'const' ? p.text : '')).join('');
  if (quote === "'" && /'[^']*'/.test(constText.replace(/^[^']*'|'[^']*$/g, '')) && !constText.includes('"')) quote = '"';
  let body = '';
  for (let i = 0; i < mine.length; i++) {
    const p = mine[i]!;
    if (p.kind === 'const') {
      // Strip the SQL quotes around bound values (from the raw text when it is kept as written, else from the value).
      const keepRaw = template && p.literal?.type === 'template_string';
      let text = keepRaw ? p.raw : p.text;
      const next = mine[i + 1];
      const prev = mine[i - 1];
      let from = 0;
      let to = text.length;
      if (prev?.kind === 'dyn' && placeholder.has(prev) && positionOf(t, prev)?.quoted) {
        from = text.indexOf("'") + 1;
        if (from === 0) return undefined;
      }
      if (next?.kind === 'dyn' && placeholder.has(next) && positionOf(t, next)?.quoted) {
        to = text.lastIndexOf("'");
        if (to < from) return undefined;
      }
      text = text.slice(from, to);
      body += keepRaw ? text : escapeFor(text, quote);
    } else if (placeholder.has(p)) {
      body += placeholder.get(p)!;
    } else {
      if (!template) return undefined;
      body += `\${${p.node.text}}`;
    }
  }
  return `${quote}${body}${quote}`;
}

/** Does the file write its strings in double quotes? */
function preferDouble(node: SyntaxNode): boolean {
  let root: SyntaxNode = node;
  while (root.parent) root = root.parent;
  const strings = root.descendantsOfType('string').slice(0, 50);
  const double = strings.filter((s) => s?.text.startsWith('"')).length;
  return double > strings.length / 2;
}

// ------------------------------------------------------------------ NoSQL

/** MongoDB driver / mongoose methods whose first argument is a filter document. */
const MONGO_FILTER_METHODS = new Set(['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'update', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'remove', 'countDocuments', 'count', 'exists']);
/** Keys of ORM option objects (Sequelize, Prisma, TypeORM): their filters are not Mongo documents. */
const ORM_OPTION_KEYS = /^(where|include|attributes|select|data|order|orderBy|relations|limit|skip|take|raw|transaction)$/;
/** Mongo methods that take (filter, update): with one argument it is an ORM instance update (`user.update({ … })`). */
const MONGO_TWO_ARGS = new Set(['update', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace']);
const QUICK_NOSQL = /\$where|\.(find|findOne|update|updateOne|updateMany|deleteOne|deleteMany|remove|countDocuments|replaceOne)\s*\(/;

function keyText(pair: SyntaxNode): string {
  const key = pair.childForFieldName('key');
  return key ? key.text.replace(/^['"`]|['"`]$/g, '') : '';
}

/** `{ $where: `this.owner == '${id}'` }`: JavaScript the database runs, built from request text. */
function checkWhere(pair: SyntaxNode, ctx: TsRuleContext): void {
  if (keyText(pair) !== '$where') return;
  const value = pair.childForFieldName('value');
  if (!value) return;
  const t = templateOf(ctx.ts, value);
  if (!t || !t.parts.some((p) => p.kind === 'const' && p.text.trim() !== '')) return;
  const unsafe = unsafeParts(t, 'sql');
  if (unsafe.length === 0) return;
  const { what } = describeValues(unsafe);
  ctx.report({
    node: value,
    message: `The MongoDB $where code is built from ${what}, so a crafted value runs JavaScript of its own inside the database (NoSQL injection: read every document, or stall the server); query with operators ({ field: value }) instead of $where.`,
    fixes: () => [],
  });
}

/** `collection.findOne({ _id: req.body.id })`: a request value used whole as a filter field can be an operator object. */
function checkFilter(call: SyntaxNode, ctx: TsRuleContext): void {
  const method = ctx.ts.methodName(call);
  if (!method || !MONGO_FILTER_METHODS.has(method) || !ctx.ts.receiver(call)) return;
  const args = callArgs(call);
  if (MONGO_TWO_ARGS.has(method) && args.length < 2) return;
  // `Model.update(values, { where })`, `findOne({ where })`: Sequelize/Prisma/TypeORM options, not a Mongo filter.
  const options = args.map((a) => unwrap(a)).filter((a) => a.type === 'object').flatMap((a) => a.namedChildren.filter((c): c is SyntaxNode => c?.type === 'pair'));
  if (options.some((p) => ORM_OPTION_KEYS.test(keyText(p)))) return;
  const doc = args[0] && unwrap(args[0]);
  if (!doc || doc.type !== 'object') return;
  const pairs = doc.namedChildren.filter((c): c is SyntaxNode => c?.type === 'pair');
  const fn = enclosingFunction(call);
  if (!fn) return;
  const t = taintOf(ctx.ts, fn);
  for (const pair of pairs) {
    const value = pair.childForFieldName('value');
    const v = value && unwrap(value);
    // Only a value passed as it came: a template, `String(x)`, `Number(x)` or `parseInt` makes a scalar of it.
    if (!v || !['member_expression', 'subscript_expression', 'identifier'].includes(v.type) || keyText(pair).startsWith('$')) continue;
    // Route parameters are always strings.
    if (/^(req|request|ctx)\.params\b/.test(v.text)) continue;
    if (!t.tainted(v, 'any')) continue;
    ctx.report({
      node: v,
      message: `\`${v.text.length > 30 ? `${v.text.slice(0, 27)}...` : v.text}\` comes from the request and is used whole as the ${keyText(pair)} filter of .${method}(): a client can send an operator object ({"$ne": null}, {"$gt": ""}) instead of a value and match every document (NoSQL injection); convert it with String() (or validate it with a schema) first.`,
      fixes: () => [],
    });
  }
}

/**
 * A schema migration (Sequelize `up(queryInterface)`, knex `exports.up = (knex)`,
 * TypeORM `MigrationInterface`) in a migrations folder: the operator runs it
 * from the command line, no request reaches its values (the JavaScript
 * counterpart of the Python rule's Alembic exemption).
 */
export function isMigration(path: string, source: string): boolean {
  return /(^|[\\/])(migrations?|migrate|db[\\/]migrations?)[\\/]/.test(path) && /\bqueryInterface\b|\bexports\.up\b|\bMigrationInterface\b|\bup\s*[:(]|\basync\s+up\s*\(/.test(source);
}

export const rule: TsRule = {
  id: 'sql-injection',
  title: 'SQL built from non-constant text reaches an execution sink',
  defaultSeverity: 'error',
  applies: (source, path) => (QUICK.test(source) || source.includes('typeorm') || QUICK_NOSQL.test(source)) && !isMigration(path, source),
  visit: {
    call_expression: (call, ctx) => {
      check(call, ctx);
      checkFilter(call, ctx);
    },
    pair: checkWhere,
  },
};
