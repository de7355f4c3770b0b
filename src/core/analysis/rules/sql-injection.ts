// sql-injection: SQL text assembled from values that may come from a user
// (an f-string, `%` or `.format()` formatting, `+`, `join`, also through a
// variable built over several lines) and handed to something that runs it:
// DB-API `execute*`, SQLAlchemy `text()`/`exec_driver_sql`, asyncpg `fetch*`,
// `pandas.read_sql`. Values proven harmless (constants, numbers, allow-list
// picks, `Literal`/enum parameters) are not flagged, nor is SQL-looking prose
// that never reaches a sink, nor SQL in Alembic migration scripts and their
// env.py (modules importing `alembic.op` or `alembic.context`): the operator
// runs them from the command line, so no request reaches their values (the
// rows they read back, module constants, catalogue names). The fix binds the
// values as query parameters in the placeholder style of the driver in use.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { fileFix } from '../fixes';
import { keywordArg, named, positionalArgs, unparen } from '../python/pyfile';
import { countReferences, describeValues, onlyBinding, skeleton, stringDelimiter, templateOf, unsafeParts, type DynPart, type Part, type Template } from '../python/strings';
import type { Fix, Rule, RuleContext } from '../types';
import { skeletonOf, SQL_START_ANY, SQL_START_UPPER, valuePosition, type ValuePosition } from '../sqlText';

/** SQLAlchemy/Django constructors whose argument is raw SQL. */
const TEXT_CALLEES = new Set([
  'sqlalchemy.text',
  'sqlalchemy.sql.text',
  'sqlalchemy.sql.expression.text',
  'sqlmodel.text',
  'sqlalchemy.literal_column',
  'sqlalchemy.sql.literal_column',
  'sqlalchemy.sql.expression.literal_column',
  'django.db.models.expressions.RawSQL',
  'django.db.models.RawSQL',
]);
const FUNCTION_SINKS = new Set(['pandas.read_sql', 'pandas.read_sql_query', 'pandas.io.sql.read_sql', 'pandas.io.sql.read_sql_query']);
/** Methods that run SQL on a cursor, connection, session, engine or pool. */
const EXEC_METHODS = new Set(['execute', 'executemany', 'executescript', 'exec_driver_sql', 'fetch', 'fetchrow', 'fetchval', 'fetch_all', 'fetch_one', 'fetch_val', 'raw', 'query', 'sql', 'read_sql', 'read_sql_query']);
/** Methods generic enough that only SQL at the very start of the text counts. */
const STRICT_METHODS = new Set(['fetch', 'raw', 'query', 'sql']);
const QUICK = /execute|fetch|text|read_sql|raw|query|sql|RawSQL|literal_column/;

/** A statement keyword written in capitals starts SQL; in lower or mixed case it needs SQL structure after it ("Update available for x" is prose). */
const SQL_START = { test: (text: string): boolean => SQL_START_UPPER.test(text) || SQL_START_ANY.test(text) };
const SQL_INSIDE = /\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\b[\s\S]*\bSET|DELETE\s+FROM|WHERE|ORDER\s+BY|GROUP\s+BY|VALUES\s*\(|LIMIT|RETURNING)\b/i;

type Sink = { kind: 'text' | 'function' | 'method'; name: string; call: SyntaxNode; arg: SyntaxNode };

function sinkOf(call: SyntaxNode, ctx: RuleContext): Sink | undefined {
  const fn = ctx.py.fnOf(call);
  if (!fn) return undefined;
  const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.type === 'identifier' ? fn.text : undefined;
  if (!last) return undefined;
  const callee = ctx.py.callee(call);
  const first = (): SyntaxNode | undefined => positionalArgs(call)[0];
  if (callee && (TEXT_CALLEES.has(callee) || (last === 'text' && flaskSqlAlchemyText(fn, ctx)))) {
    const arg = first() ?? keywordArg(call, 'text') ?? keywordArg(call, 'sql');
    return arg && { kind: 'text', name: last, call, arg };
  }
  if (callee && FUNCTION_SINKS.has(callee)) {
    const arg = first() ?? keywordArg(call, 'sql');
    return arg && { kind: 'function', name: callee.replace(/^pandas\.(io\.sql\.)?/, 'pandas.'), call, arg };
  }
  if (fn.type !== 'attribute' || !EXEC_METHODS.has(last)) return undefined;
  const arg = first() ?? keywordArg(call, 'query') ?? keywordArg(call, 'sql') ?? keywordArg(call, 'operation') ?? keywordArg(call, 'statement');
  return arg && { kind: 'method', name: last, call, arg };
}

/** `db.text(...)` where `db = SQLAlchemy()` (Flask-SQLAlchemy re-exports sqlalchemy's names). */
function flaskSqlAlchemyText(fn: SyntaxNode, ctx: RuleContext): boolean {
  const obj = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (obj?.type !== 'identifier') return false;
  const value = onlyBinding(obj, ctx.py);
  return !!value && value.type === 'call' && /(^|\.)SQLAlchemy$/.test(ctx.py.callee(value) ?? '');
}

function sqlLike(t: Template, sink: Sink): boolean {
  if (sink.kind === 'text') return true;
  const text = skeleton(t, ' x ');
  if (SQL_START.test(text)) return true;
  if (sink.kind === 'method' && STRICT_METHODS.has(sink.name)) return false;
  return SQL_INSIDE.test(text) && /^\s*x\b/.test(text);
}

const migrationModules = new WeakMap<object, boolean>();

/** An Alembic revision script or env.py: it imports `alembic.op` or `alembic.context` (run by the migration CLI, never by a request). */
function alembicScript(ctx: RuleContext): boolean {
  let hit = migrationModules.get(ctx.py);
  if (hit === undefined) {
    hit = false;
    if (ctx.source.includes('alembic')) for (const full of ctx.py.imports.values()) if (full === 'alembic.op' || full === 'alembic.context') hit = true;
    migrationModules.set(ctx.py, hit);
  }
  return hit;
}

function check(call: SyntaxNode, ctx: RuleContext): void {
  const fn = ctx.py.fnOf(call);
  if (!fn || !QUICK.test(fn.text)) return;
  const sink = sinkOf(call, ctx);
  if (!sink || alembicScript(ctx)) return;
  const t = templateOf(sink.arg, ctx.py);
  if (!t || !t.parts.some((p) => p.kind === 'const' && p.text.trim() !== '')) return;
  if (!sqlLike(t, sink)) return;
  const unsafe = unsafeParts(t);
  if (unsafe.length === 0) return;
  const positions = unsafe.map((p) => positionOf(t, p));
  const identifier = positions.some((p) => p === undefined);
  const { what, count } = describeValues(unsafe);
  const where = sink.kind === 'text' ? `${sink.name}()` : sink.kind === 'function' ? `${sink.name}()` : `.${sink.name}()`;
  const message = identifier
    ? `SQL passed to ${where} is built from ${what}, so a crafted value can rewrite the query (SQL injection); a table or column name, keyword or list cannot be a bound parameter, so pick such parts from an allow-list of known names and bind the values.`
    : `SQL passed to ${where} is built from ${what}, so a crafted value can rewrite the query (SQL injection); pass ${count === 1 ? 'it as a bound parameter' : 'them as bound parameters'} instead.`;
  // Numbers formatted into a value position are bound along with the rest (safe, but a placeholder is cleaner).
  const bound = () => t.parts.filter((p): p is DynPart => p.kind === 'dyn' && (!p.safe || (p.why === 'number' && positionOf(t, p) !== undefined)));
  ctx.report({ node: sink.arg, message, fixes: () => (identifier ? [] : bindFix(ctx, sink, t, bound())) });
}

// ------------------------------------------------------------------ positions

/** Is this interpolation a value (bindable) rather than a name, keyword or list? (`{x!r}` inside quotes is not.) */
function positionOf(t: Template, part: DynPart): ValuePosition | undefined {
  return valuePosition(t.parts, t.parts.indexOf(part), { quoted: part.conversion !== 'r' });
}

// ------------------------------------------------------------------ fix

type Style = 'named' | 'qmark' | 'format' | 'numeric';

const DRIVER_STYLES: Record<string, Style> = {
  sqlite3: 'qmark',
  aiosqlite: 'qmark',
  psycopg: 'format',
  psycopg2: 'format',
  pymysql: 'format',
  MySQLdb: 'format',
  aiomysql: 'format',
  aiopg: 'format',
  mysql: 'format',
  django: 'format',
  asyncpg: 'numeric',
};

function styleOf(ctx: RuleContext, sink: Sink): Style | undefined {
  if (sink.kind === 'text') return sink.name === 'text' || /\btext$/.test(ctx.py.callee(sink.call) ?? '') ? 'named' : undefined;
  if (sink.kind !== 'method' || !['execute', 'fetch', 'fetchrow', 'fetchval', 'raw'].includes(sink.name)) return undefined;
  if (sink.name !== 'execute' && sink.name !== 'raw') return 'numeric';
  const styles = new Set<Style>();
  for (const full of ctx.py.imports.values()) {
    const s = DRIVER_STYLES[full.split('.')[0]!];
    if (s) styles.add(s);
  }
  return styles.size === 1 ? [...styles][0] : undefined;
}

function usesSqlAlchemy(ctx: RuleContext): boolean {
  let alchemy = false;
  for (const full of ctx.py.imports.values()) {
    const root = full.split('.')[0]!;
    if (DRIVER_STYLES[root]) return false;
    if (root === 'sqlalchemy' || root === 'sqlmodel' || root === 'flask_sqlalchemy') alchemy = true;
  }
  return alchemy;
}

const PY_KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '));

function paramName(node: SyntaxNode): string {
  const n = unparen(node);
  let name = 'value';
  if (n.type === 'identifier') name = n.text;
  else if (n.type === 'attribute') name = n.childForFieldName('attribute')?.text ?? name;
  else if (n.type === 'subscript') {
    const key = n.childForFieldName('subscript');
    const m = key && /^["']([A-Za-z_]\w*)["']$/.exec(key.text);
    if (m) name = m[1]!;
  } else if (n.type === 'call') {
    const inner = positionalArgs(n)[0];
    if (inner) return paramName(inner);
  }
  return /^[A-Za-z_]\w*$/.test(name) && !PY_KEYWORDS.has(name) ? name : 'value';
}

function bindFix(ctx: RuleContext, sink: Sink, t: Template, unsafe: DynPart[]): Fix[] {
  let style = styleOf(ctx, sink);
  // A raw string given to a SQLAlchemy session/connection `execute` (no DB-API driver in sight): wrap it in text().
  const wrap = !style && sink.kind === 'method' && sink.name === 'execute' && usesSqlAlchemy(ctx) && unparen(sink.arg).id === t.segments[0]?.id;
  if (wrap) style = 'named';
  if (!style || !t.linear || t.segments.length === 0) return [];
  // The query call takes nothing but the query (parameters would have to be merged).
  const direct = unparen(sink.arg);
  const args = named(sink.call.childForFieldName('arguments')).filter((a) => a.type !== 'comment');
  if (args.length !== 1) return [];
  // Through a variable: every reference of the name is one of its assignments or this call.
  if (direct.type === 'identifier') {
    if (countReferences(direct) !== t.segments.length + 1) return [];
  } else if (t.segments.length !== 1 || t.segments[0]!.id !== direct.id) return [];

  // Every piece of the query is written in one of the rewritten segments.
  const within = (n: SyntaxNode | undefined): boolean => !!n && t.segments.some((seg) => seg.startIndex <= n.startIndex && n.endIndex <= seg.endIndex);
  if (!t.parts.every((p) => within(p.kind === 'const' ? p.literal : p.node))) return [];

  // Placeholders and parameter expressions.
  const names = new Map<string, string>();
  // Bind names already written in the text (`:limit`) are not reused.
  const taken = new Set<string>(style === 'named' ? [...skeleton(t).matchAll(/:(\w+)/g)].map((m) => m[1]!) : []);
  const order: { expr: string; name: string }[] = [];
  const placeholder = new Map<DynPart, string>();
  const valueOf = new Map<DynPart, string>();
  for (const part of unsafe) {
    const pos = positionOf(t, part);
    if (!pos) return [];
    // `:name::date` is not read as a bind parameter by text(): keep casts out of the named style.
    if (style === 'named' && /^'?:/.test(skeletonOf(t.parts.slice(t.parts.indexOf(part) + 1)).replace(/^[^']*'(?=:)/, "'"))) return [];
    const expr = valueExpr(part, pos);
    if (expr === undefined) return [];
    valueOf.set(part, expr);
    let name = names.get(expr);
    if (!name) {
      const base = paramName(part.node);
      name = base;
      for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
      taken.add(name);
      names.set(expr, name);
    }
    if (style === 'named') placeholder.set(part, `:${name}`);
    else if (style === 'qmark') placeholder.set(part, '?');
    else if (style === 'format') placeholder.set(part, '%s');
    else {
      let index = order.findIndex((o) => o.expr === expr);
      if (index < 0) index = order.push({ expr, name }) - 1;
      placeholder.set(part, `$${index + 1}`);
      continue;
    }
    if (style !== 'named' || !order.some((o) => o.expr === expr)) order.push({ expr, name });
  }
  const sequence = style === 'qmark' || style === 'format' ? unsafe.map((p) => valueOf.get(p)!) : order.map((o) => o.expr);

  // Rewrite each segment as a literal with placeholders (safe interpolations stay).
  const edits: TextEdit[] = [];
  for (const seg of t.segments) {
    const text = renderSegment(seg, t, placeholder, style);
    if (text === undefined) return [];
    edits.push({ start: seg.startIndex, end: seg.endIndex, text });
  }

  let title: string;
  if (style === 'named' && wrap) {
    const pairs = order.map((o) => `"${o.name}": ${o.expr}`);
    edits[0] = { ...edits[0]!, text: `text(${edits[0]!.text})` };
    edits.push({ start: sink.arg.endIndex, end: sink.arg.endIndex, text: `, {${pairs.join(', ')}}` });
    return [fileFix(ctx, 'Bind the values as parameters of a text() query', edits, { preferred: true, imports: [{ module: 'sqlalchemy', name: 'text' }] })];
  }
  if (style === 'named') {
    const pairs = order.map((o) => ({ key: o.name, expr: o.expr }));
    const exec = sink.call.parent?.type === 'argument_list' ? sink.call.parent.parent : undefined;
    const execArgs = exec ? named(exec.childForFieldName('arguments')).filter((a) => a.type !== 'comment') : [];
    const method = exec?.childForFieldName('function');
    if (exec && execArgs.length === 1 && execArgs[0]!.id === sink.call.id && method?.type === 'attribute' && /^(execute|exec|scalars?|stream|stream_scalars)$/.test(method.childForFieldName('attribute')?.text ?? '')) {
      edits.push({ start: sink.call.endIndex, end: sink.call.endIndex, text: `, {${pairs.map((p) => `"${p.key}": ${p.expr}`).join(', ')}}` });
      title = 'Bind the values as parameters of the query';
    } else {
      edits.push({ start: sink.call.endIndex, end: sink.call.endIndex, text: `.bindparams(${pairs.map((p) => `${p.key}=${p.expr}`).join(', ')})` });
      title = 'Bind the values with bindparams()';
    }
  } else if (style === 'numeric') {
    edits.push({ start: sink.arg.endIndex, end: sink.arg.endIndex, text: `, ${sequence.join(', ')}` });
    title = 'Pass the values as query arguments ($1, $2…)';
  } else {
    const tuple = sequence.length === 1 ? `(${sequence[0]},)` : `(${sequence.join(', ')})`;
    edits.push({ start: sink.arg.endIndex, end: sink.arg.endIndex, text: `, ${tuple}` });
    title = `Pass the values as query parameters (${style === 'qmark' ? '?' : '%s'} placeholders)`;
  }
  return [fileFix(ctx, title, edits, { preferred: true })];
}

/** The Python expression to bind for an interpolation. */
function valueExpr(part: DynPart, pos: ValuePosition): string | undefined {
  if (part.conversion === 'a') return undefined;
  let expr = part.node.text;
  if (part.node.type === 'list_splat' || part.node.type === 'dictionary_splat') return undefined;
  if (/^(lambda|yield)\b/.test(expr) || part.node.type === 'conditional_expression' || part.node.type === 'named_expression') expr = `(${expr})`;
  if (part.conversion === 's') expr = `str(${expr})`;
  // A number formatted into the text (`{price:.2f}`, `%d`) is bound as the number itself.
  const spec = part.spec && !/^[^a-zA-Z%]*[sdifFeEgGn%]?$/.test(part.spec) ? part.spec : undefined;
  if (pos.quoted && (pos.quoted.before || pos.quoted.after || spec)) {
    const lit = `${pos.quoted.before}{${part.node.text}${spec ? `:${spec}` : ''}}${pos.quoted.after}`;
    if (/[{}\\"]/.test(pos.quoted.before + pos.quoted.after) || part.node.text.includes('"') || part.node.text.includes('\n')) return undefined;
    return `f"${lit}"`;
  }
  if (spec) return `format(${expr}, "${spec}")`;
  return expr;
}

/** A segment's new text: its literal parts with placeholders for the bound values. */
function renderSegment(seg: SyntaxNode, t: Template, placeholder: Map<DynPart, string>, style: Style): string | undefined {
  const inside = (n: SyntaxNode | undefined): boolean => !!n && seg.startIndex <= n.startIndex && n.endIndex <= seg.endIndex;
  const mine = t.parts.filter((p) => inside(p.kind === 'const' ? p.literal : p.node));
  // Every part of the segment's text must be accounted for (no `{x=}` text, no literals of other variables).
  const literals = new Set<number>();
  for (const p of mine) if (p.kind === 'const') literals.add(p.literal!.id);
  const delims = [...literals].map((id) => mine.find((p) => p.kind === 'const' && p.literal!.id === id)!).map((p) => stringDelimiter((p as { literal: SyntaxNode }).literal)!);
  if (delims.length === 0) return undefined;
  const triple = delims.find((d) => d.quote.length === 3)?.quote;
  const quote = triple ?? delims[0]!.quote;
  const raw = delims.every((d) => d.prefix.includes('r'));
  const anyRaw = delims.some((d) => d.prefix.includes('r'));
  const keepsInterpolation = mine.some((p) => p.kind === 'dyn' && !placeholder.has(p));
  let body = '';
  const parts = [...mine];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.kind === 'const') {
      let text = p.text;
      if (anyRaw && !raw && text.includes('\\')) return undefined;
      // Strip the SQL quotes around a bound value.
      const next = parts[i + 1];
      if (next?.kind === 'dyn' && placeholder.has(next) && positionOf(t, next)?.quoted) text = text.slice(0, text.lastIndexOf("'"));
      const prev = parts[i - 1];
      if (prev?.kind === 'dyn' && placeholder.has(prev) && positionOf(t, prev)?.quoted) text = text.slice(text.indexOf("'") + 1);
      if (keepsInterpolation) text = text.replace(/\{/g, '{{').replace(/\}/g, '}}');
      if (style === 'format') text = text.replace(/%/g, '%%');
      if (quote.length === 1 && (text.includes('\n') || new RegExp(`(^|[^\\\\])${quote}`).test(text))) return undefined;
      if (quote.length === 3 && text.includes(quote)) return undefined;
      body += text;
    } else if (placeholder.has(p)) {
      body += placeholder.get(p)!;
    } else {
      if (p.node.text.includes(quote[0]!) || p.node.text.includes('\\')) return undefined;
      body += `{${p.node.text}${p.conversion ? `!${p.conversion}` : ''}${p.spec ? `:${p.spec}` : ''}}`;
    }
  }
  if (quote.length === 3 && body.endsWith(quote[0]!)) return undefined;
  return `${keepsInterpolation ? 'f' : ''}${raw ? 'r' : ''}${quote}${body}${quote}`;
}

export const rule: Rule = {
  id: 'sql-injection',
  title: 'SQL built from non-constant text reaches an execution sink',
  defaultSeverity: 'error',
  // Every sink's callee text matches QUICK, and that text is part of the source.
  applies: (source) => QUICK.test(source),
  visit: { call: check },
};
