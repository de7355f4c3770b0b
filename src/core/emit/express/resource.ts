// The files `new resource` creates on the Express target — zod schemas,
// a pg repository, an Express router — and the migration entry appended to
// src/migrations.ts. Same HTTP contract as the FastAPI slice: POST 201, list
// {data, count} with limit/offset, GET/PUT/PATCH/DELETE by id with 404s, 401
// on writes without a token, 409 on conflicts, 422 on invalid input.
import { DEFAULT_STR_LENGTH, type FieldSpec } from '../../request/fields';
import type { ResourceSpec } from '../../request/resource';
import { expressNames, expressResourcePaths, sqlIdent, sqlStr, tsLiteral, tsStr, type ExpressNames } from './ts';

export interface ExpressResourceFiles {
  readonly schemas: { path: string; content: string };
  readonly repository: { path: string; content: string };
  readonly router: { path: string; content: string };
}

/** Where a referenced resource's rows live (table name), for foreign keys and reference checks. */
export type TableOf = (className: string) => string;

const DEFAULT_EMAIL_LENGTH = 320;
const DEFAULT_URL_LENGTH = 2083;

/** `.min(n).max(n)` from a field's bounds, with the type's default maximum length. */
function bounds(f: FieldSpec, defaultMax?: number): string {
  const max = f.max ?? defaultMax;
  return `${f.min !== undefined ? `.min(${f.min})` : ''}${max !== undefined ? `.max(${max})` : ''}`;
}

/** The zod schema validating one field's value (without null, default or optional). */
export function zodFieldType(f: FieldSpec): string {
  const t = f.type;
  switch (t.kind) {
    case 'str': return `z.string()${bounds(f, DEFAULT_STR_LENGTH)}`;
    case 'text': return `z.string()${bounds(f)}`;
    case 'email': return `z.email()${bounds(f, DEFAULT_EMAIL_LENGTH)}`;
    case 'url': return `z.url({ protocol: /^https?$/ })${bounds(f, DEFAULT_URL_LENGTH)}`;
    case 'int': return `z.int()${bounds(f)}`;
    case 'float': return `z.number()${bounds(f)}`;
    case 'decimal': {
      const b = [f.min !== undefined ? `min: ${f.min}` : '', f.max !== undefined ? `max: ${f.max}` : ''].filter(Boolean);
      return b.length ? `decimal({ ${b.join(', ')} })` : 'decimal()';
    }
    case 'bool': return 'z.boolean()';
    case 'date': return 'z.iso.date()';
    case 'datetime': return 'z.iso.datetime({ offset: true })';
    case 'uuid': return 'z.uuid()';
    case 'json': return 'z.json()';
    case 'enum': return `z.enum([${t.values.map(tsStr).join(', ')}])`;
    case 'list': return `z.array(z.string())${bounds(f)}`;
    case 'ref': return 'z.int().min(1)';
  }
}

/** The `.default(...)` of a Create field (with `.nullable()` for optional fields), or ''. */
function zodDefault(f: FieldSpec): string {
  const nullable = f.optional ? '.nullable()' : '';
  const d = f.default;
  if (!d) return f.optional ? `${nullable}.default(null)` : '';
  if (d.kind === 'factory') {
    if (d.factory === 'now') return `${nullable}.default(() => new Date().toISOString())`;
    if (d.factory === 'today') return `${nullable}.default(() => new Date().toISOString().slice(0, 10))`;
    return `${nullable}.default(() => randomUUID())`;
  }
  const v = d.value;
  if (v === null) return `${nullable}.default(null)`;
  // Objects and arrays: a fresh copy per request.
  if (Array.isArray(v)) return `${nullable}.default(() => ${tsLiteral(v)})`;
  if (typeof v === 'object') return `${nullable}.default(() => (${tsLiteral(v)}))`;
  return `${nullable}.default(${tsLiteral(f.type.kind === 'decimal' ? String(v) : v)})`;
}

/** The zod schema describing a stored value as the API returns it. */
function zodPublicType(f: FieldSpec): string {
  const t = f.type;
  let base: string;
  switch (t.kind) {
    case 'int': case 'ref': base = 'z.number().int()'; break;
    case 'float': base = 'z.number()'; break;
    case 'bool': base = 'z.boolean()'; break;
    case 'json': base = 'z.json()'; break;
    case 'enum': base = `z.enum([${t.values.map(tsStr).join(', ')}])`; break;
    case 'list': base = 'z.array(z.string())'; break;
    // str, text, email, url, decimal (text), date, datetime (ISO text), uuid
    default: base = 'z.string()';
  }
  return f.optional ? `${base}.nullable()` : base;
}

/** One `  name: expr,` line per field, wrapping long chains onto indented lines. */
function shapeLines(fields: readonly FieldSpec[], expr: (f: FieldSpec) => string): string {
  return fields
    .map((f) => {
      const line = `  ${f.name}: ${expr(f)},`;
      if (line.length <= 120) return line;
      const [head, ...chain] = expr(f).split(/(?=\.(?:min|max|nullable|default|optional|refine)\()/);
      return `  ${f.name}: ${head}\n${chain.map((c) => `    ${c}`).join('\n')},`;
    })
    .join('\n');
}

export function emitExpressSchemas(spec: Pick<ResourceSpec, 'names' | 'fields'>): string {
  const n = expressNames(spec.names);
  const { fields } = spec;
  const C = n.className;
  const needsUuid = fields.some((f) => f.default?.kind === 'factory' && f.default.factory === 'uuid4');
  const needsDecimal = fields.some((f) => f.type.kind === 'decimal');
  const imports = [
    ...(needsUuid ? ["import { randomUUID } from 'node:crypto';"] : []),
    "import { z } from 'zod';",
    ...(needsDecimal ? ["import { decimal } from './common';"] : []),
  ];
  // PATCH: omitted fields stay; null is accepted only where the column is nullable.
  const update = (f: FieldSpec) => {
    let expr = zodFieldType(f);
    if (f.optional) expr += '.nullable()';
    else if (f.type.kind === 'json') expr += ".refine((value) => value !== null, 'cannot be null')";
    return `${expr}.optional()`;
  };
  return `// Request and response schemas for ${n.wordsPlural}.
${imports.join('\n')}

/** Body of POST and PUT (a full replacement); unknown fields are rejected. */
export const ${C}Create = z.strictObject({
${shapeLines(fields, (f) => zodFieldType(f) + zodDefault(f))}
});
export type ${C}Create = z.infer<typeof ${C}Create>;

/** Body of PATCH: every field optional; only the fields sent are changed. */
export const ${C}Update = z.strictObject({
${shapeLines(fields, update)}
});
export type ${C}Update = z.infer<typeof ${C}Update>;

export const ${C}Public = z.object({
  id: z.number().int(),
${shapeLines(fields, zodPublicType)}
});
export type ${C}Public = z.infer<typeof ${C}Public>;

export const ${n.classPlural}Public = z.object({
  data: z.array(${C}Public),
  count: z.number().int(),
});
export type ${n.classPlural}Public = z.infer<typeof ${n.classPlural}Public>;
`;
}

/** The PostgreSQL column type (and constraints) of a field. */
function columnDef(f: FieldSpec, table: string, tableOf: TableOf): string {
  const t = f.type;
  let type: string;
  switch (t.kind) {
    case 'str': type = `VARCHAR(${f.max ?? DEFAULT_STR_LENGTH})`; break;
    case 'text': type = 'TEXT'; break;
    case 'email': type = `VARCHAR(${f.max ?? DEFAULT_EMAIL_LENGTH})`; break;
    case 'url': type = `VARCHAR(${f.max ?? DEFAULT_URL_LENGTH})`; break;
    case 'int': type = 'BIGINT'; break;
    case 'float': type = 'DOUBLE PRECISION'; break;
    case 'decimal': type = 'NUMERIC(12, 2)'; break;
    case 'bool': type = 'BOOLEAN'; break;
    case 'date': type = 'DATE'; break;
    case 'datetime': type = 'TIMESTAMPTZ'; break;
    case 'uuid': type = 'UUID'; break;
    case 'json': type = 'JSONB'; break;
    case 'list': type = 'TEXT[]'; break;
    case 'enum': type = `VARCHAR(${Math.max(32, ...t.values.map((v) => v.length))})`; break;
    case 'ref': type = 'BIGINT'; break;
  }
  const parts = [sqlIdent(f.name), type];
  if (!f.optional) parts.push('NOT NULL');
  if (f.unique) parts.push('UNIQUE');
  if (t.kind === 'enum') parts.push(`CHECK (${sqlIdent(f.name)} IN (${t.values.map(sqlStr).join(', ')}))`);
  if (t.kind === 'ref') parts.push(`REFERENCES ${sqlIdent(tableOf(t.target) || table)} ("id") ON DELETE RESTRICT`);
  return parts.join(' ');
}

/** An index name within PostgreSQL's 63 characters. */
function indexName(table: string, column: string): string {
  const name = `${table}_${column}_idx`;
  if (name.length <= 63) return name;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 54)}_${hash.toString(36).padStart(7, '0').slice(0, 7)}`;
}

/** The object literal appended to the `migrations` array of src/migrations.ts (no trailing comma). */
export function emitExpressMigrationEntry(spec: Pick<ResourceSpec, 'names' | 'fields'>, tableOf: TableOf): string {
  const n = expressNames(spec.names);
  const table = n.snakePlural;
  const columns = [`"id" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY`, ...spec.fields.map((f) => columnDef(f, table, tableOf))];
  const indexes = spec.fields
    .filter((f) => (f.index || f.type.kind === 'ref') && !f.unique)
    .map((f) => `    CREATE INDEX IF NOT EXISTS ${sqlIdent(indexName(table, f.name))} ON ${sqlIdent(table)} (${sqlIdent(f.name)});`);
  return `{
  resource: ${tsStr(n.className)},
  table: ${tsStr(table)},
  sql: \`
    CREATE TABLE IF NOT EXISTS ${sqlIdent(table)} (
${columns.map((c) => `      ${c}`).join(',\n')}
    );
${indexes.map((i) => `${i}\n`).join('')}  \`,
}`;
}

/** A string constant's text, wrapped onto `+` lines past 110 columns. */
function sqlConst(name: string, sql: string): string {
  const flat = `const ${name} = ${tsStr(sql)};`;
  if (flat.length <= 120) return flat;
  const words = sql.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    if (current && current.length + w.length + 1 > 100) {
      lines.push(current + ' ');
      current = w;
    } else current = current ? `${current} ${w}` : w;
  }
  lines.push(current);
  return `const ${name} =\n${lines.map((l, i) => `  ${tsStr(l)}${i < lines.length - 1 ? ' +' : ';'}`).join('\n')}`;
}

/** The parameter expression of a field value (JSON columns get JSON text: pg would send arrays as PostgreSQL arrays). */
function paramOf(f: FieldSpec, v: string): string {
  if (f.type.kind !== 'json') return `${v}.${f.name}`;
  // An optional column stores null as SQL NULL; a required one stores the JSON value null.
  return f.optional ? `${v}.${f.name} === null ? null : JSON.stringify(${v}.${f.name})` : `JSON.stringify(${v}.${f.name})`;
}

/** The body of params(): one line, or one value per line when long. */
function paramList(fields: readonly FieldSpec[]): string {
  const items = fields.map((f) => paramOf(f, 'data'));
  const flat = `  return [${items.join(', ')}];`;
  return flat.length <= 120 ? flat : `  return [\n${items.map((i) => `    ${i},`).join('\n')}\n  ];`;
}

export function emitExpressRepository(spec: Pick<ResourceSpec, 'names' | 'fields'>, tableOf: TableOf): string {
  const n: ExpressNames = expressNames(spec.names);
  const { fields } = spec;
  const C = n.className;
  const table = sqlIdent(n.snakePlural);
  const cols = fields.map((f) => sqlIdent(f.name));
  const all = ['"id"', ...cols].join(', ');
  const placeholders = fields.map((_, i) => `$${i + 1}`).join(', ');
  const sets = fields.map((f, i) => `${sqlIdent(f.name)} = $${i + 2}`).join(', ');
  const refs = fields.filter((f) => f.type.kind === 'ref');
  const statements = [
    sqlConst('SELECT', `SELECT ${all} FROM ${table}`),
    sqlConst('INSERT', `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders}) RETURNING ${all}`),
    sqlConst('UPDATE', `UPDATE ${table} SET ${sets} WHERE "id" = $1 RETURNING ${all}`),
  ];
  const refChecks = refs.map((f) => {
    const target = f.type.kind === 'ref' ? f.type.target : '';
    const targetTable = target === C ? n.snakePlural : tableOf(target);
    const guard = f.optional ? `data.${f.name} !== null && ` : '';
    return `    if (${guard}!(await exists(client, ${tsStr(`SELECT 1 FROM ${sqlIdent(targetTable)} WHERE "id" = $1 FOR SHARE`)}, data.${f.name}))) {
      throw new ReferenceNotFoundError(${tsStr(f.name)}, data.${f.name}, ${tsStr(target)});
    }`;
  });
  const imports = [
    ...(refs.length ? ["import type { PoolClient } from 'pg';"] : []),
    "import { withTransaction, type Queryable } from '../db';",
    ...(refs.length ? ["import { ReferenceNotFoundError } from '../errors';"] : []),
    `import type { ${C}Create, ${C}Public, ${C}Update } from '../schemas/${n.kebab}';`,
  ];
  const existsHelper = refs.length
    ? `

async function exists(client: PoolClient, sql: string, id: number): Promise<boolean> {
  const { rows } = await client.query(sql, [id]);
  return rows.length > 0;
}`
    : '';
  // References are checked in the write's transaction (a clear 422 instead of a constraint error);
  // without references a write is one statement.
  const create = refs.length
    ? `return withTransaction(this.db, async (client) => {
      await checkReferences(client, data);
      const { rows } = await client.query<${C}Public>(INSERT, params(data));
      return firstRow(rows);
    });`
    : `const { rows } = await this.db.query<${C}Public>(INSERT, params(data));
    return firstRow(rows);`;
  const replace = refs.length
    ? `return withTransaction(this.db, async (client) => {
      await checkReferences(client, data);
      const { rows } = await client.query<${C}Public>(UPDATE, [id, ...params(data)]);
      return rows[0];
    });`
    : `const { rows } = await this.db.query<${C}Public>(UPDATE, [id, ...params(data)]);
    return rows[0];`;
  const checkReferences = refs.length
    ? `

/** FOR SHARE: a referenced row cannot be deleted before the write's transaction ends. */
async function checkReferences(client: PoolClient, data: ${C}Create): Promise<void> {
${refChecks.map((c) => c.replace(/^ {2}/gm, '')).join('\n')}
}`
    : '';
  return `// Data access for ${n.wordsPlural}: SQL with $n placeholders only; column
// lists are constants. Writes that read first run in one transaction.
${imports.join('\n')}

${statements.join('\n')}

function params(data: ${C}Create): unknown[] {
${paramList(fields)}
}

function firstRow(rows: ${C}Public[]): ${C}Public {
  const [row] = rows;
  if (!row) throw new Error('the statement returned no row');
  return row;
}${existsHelper}${checkReferences}

export class ${C}Repository {
  constructor(private readonly db: Queryable) {}

  async create(data: ${C}Create): Promise<${C}Public> {
    ${create}
  }

  async list(limit: number, offset: number): Promise<${C}Public[]> {
    const { rows } = await this.db.query<${C}Public>(\`\${SELECT} ORDER BY "id" LIMIT $1 OFFSET $2\`, [limit, offset]);
    return rows;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ count: number }>(${tsStr(`SELECT count(*) AS "count" FROM ${table}`)});
    return rows[0]?.count ?? 0;
  }

  async get(id: number): Promise<${C}Public | undefined> {
    const { rows } = await this.db.query<${C}Public>(\`\${SELECT} WHERE "id" = $1\`, [id]);
    return rows[0];
  }

  /** Replace every field (PUT); undefined when there is no such row. */
  async replace(id: number, data: ${C}Create): Promise<${C}Public | undefined> {
    ${replace}
  }

  /** Change the fields sent (PATCH): the row is locked, merged and written back. */
  async update(id: number, patch: ${C}Update): Promise<${C}Public | undefined> {
    return withTransaction(this.db, async (client) => {
      const { rows } = await client.query<${C}Public>(\`\${SELECT} WHERE "id" = $1 FOR UPDATE\`, [id]);
      const [current] = rows;
      if (!current) return undefined;
      const merged: ${C}Create = { ...current, ...patch };${refs.length ? '\n      await checkReferences(client, merged);' : ''}
      const updated = await client.query<${C}Public>(UPDATE, [id, ...params(merged)]);
      return updated.rows[0];
    });
  }

  /** false when there is no such row. */
  async delete(id: number): Promise<boolean> {
    const { rows } = await this.db.query(${tsStr(`DELETE FROM ${table} WHERE "id" = $1 RETURNING "id"`)}, [id]);
    return rows.length > 0;
  }
}
`;
}

export function emitExpressRouter(spec: Pick<ResourceSpec, 'names' | 'auth'>): string {
  const n = expressNames(spec.names);
  const { auth } = spec;
  const C = n.className;
  const repo = n.camelPlural;
  const w = auth === 'writes' ? 'auth, ' : '';
  const imports = [
    "import { Router } from 'express';",
    "import type { AppDeps } from '../app';",
    "import { HttpError } from '../errors';",
    ...(auth !== 'none' ? ["import { requireAuth } from '../middleware/auth';"] : []),
    `import { ${C}Repository } from '../repositories/${n.kebab}';`,
    "import { IdParams, Pagination } from '../schemas/common';",
    `import { ${C}Create, ${C}Update, type ${n.classPlural}Public } from '../schemas/${n.kebab}';`,
  ];
  const setup =
    auth === 'all'
      ? '  // Every route here needs a bearer token.\n  router.use(requireAuth(deps.config));\n'
      : auth === 'writes'
        ? '  const auth = requireAuth(deps.config);\n'
        : '  // Public by choice (--auth none): no route here requires a login.\n  // backend-skill: ignore[missing-auth]\n';
  return `// HTTP routes for ${n.wordsPlural}: /${n.kebabPlural}.
${imports.join('\n')}

export function ${n.routerName}(deps: AppDeps): Router {
  const router = Router();
${setup}  const ${repo} = new ${C}Repository(deps.pool);

  router.post('/', ${w}async (req, res) => {
    const body = ${C}Create.parse(req.body);
    res.status(201).json(await ${repo}.create(body));
  });

  router.get('/', async (req, res) => {
    const { limit, offset } = Pagination.parse(req.query);
    const [data, count] = await Promise.all([${repo}.list(limit, offset), ${repo}.count()]);
    const page: ${n.classPlural}Public = { data, count };
    res.json(page);
  });

  router.get('/:id', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    res.json(found(await ${repo}.get(id)));
  });

  router.put('/:id', ${w}async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const body = ${C}Create.parse(req.body);
    res.json(found(await ${repo}.replace(id, body)));
  });

  router.patch('/:id', ${w}async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const body = ${C}Update.parse(req.body);
    res.json(found(await ${repo}.update(id, body)));
  });

  router.delete('/:id', ${w}async (req, res) => {
    const { id } = IdParams.parse(req.params);
    if (!(await ${repo}.delete(id))) throw missing();
    res.status(204).end();
  });

  return router;
}

function missing(): HttpError {
  return new HttpError(404, ${tsStr(`${n.words.charAt(0).toUpperCase()}${n.words.slice(1)} not found`)});
}

function found<T>(item: T | undefined): T {
  if (item === undefined) throw missing();
  return item;
}
`;
}

export function emitExpressResource(spec: ResourceSpec, tableOf: TableOf): ExpressResourceFiles {
  const paths = expressResourcePaths(spec.names);
  return {
    schemas: { path: paths.schemas, content: emitExpressSchemas(spec) },
    repository: { path: paths.repository, content: emitExpressRepository(spec, tableOf) },
    router: { path: paths.router, content: emitExpressRouter(spec) },
  };
}

/** The lines `new resource` adds to src/app.ts (an import and a mount). */
export function expressAppWiring(names: ExpressNames): { importPath: string; mount: string } {
  return { importPath: `./routes/${names.kebabPlural}`, mount: `/${names.kebabPlural}` };
}
