// zod schemas → JSON Schema, and Express operations from the handlers that
// parse with them. Schemas are module-level `const X = z.object({...})`
// declarations; a handler's body is the schema it calls `.parse(req.body)`
// on, its query/path parameters those of `.parse(req.query|req.params)`, its
// response a schema it parses its output with or annotates its value with.
// Read from the text with bracket matching: zod chains are regular enough,
// and a chain this reader does not know becomes `{}` (any) rather than a guess.
import type { ResolvedRoute } from '../routes/model';
import type { JsonSchema } from './pythonSchemas';

interface ZodDecl {
  readonly name: string;
  readonly text: string;
  readonly file: string;
  readonly line: number;
}

const DECL = /^(?:export\s+)?const\s+(\w+)\s*=\s*(z\.[\s\S]*?);?\s*$/;

/** Split `a, b(c, d), e` at top-level commas. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** `name(args)` links of a chain `z.string().max(3)` → [['z.string',''],['max','3']]. */
function chainOf(text: string): { name: string; args: string }[] {
  const out: { name: string; args: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const m = /^\s*\.?\s*([\w.$]+)/.exec(text.slice(i));
    if (!m) break;
    i += m[0].length;
    let args = '';
    if (text[i] === '(') {
      let depth = 0;
      const start = i;
      for (; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      args = text.slice(start + 1, i);
      i++;
    }
    out.push({ name: m[1]!, args });
  }
  return out;
}

const num = (s: string): number | undefined => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : undefined);

export class ZodTypes {
  private readonly decls = new Map<string, ZodDecl>();
  private readonly used = new Set<string>();

  static async read(files: readonly { path: string; source: string }[]): Promise<ZodTypes> {
    const types = new ZodTypes();
    for (const file of files) {
      if (!/\.[mc]?[jt]s$/.test(file.path) || !file.source.includes('z.')) continue;
      const lines = file.source.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!/^(?:export\s+)?const\s+\w+\s*=\s*z\./.test(lines[i]!)) continue;
        // The declaration runs until its brackets balance.
        let text = '';
        let depth = 0;
        let j = i;
        for (; j < lines.length; j++) {
          text += lines[j] + '\n';
          for (const c of lines[j]!) depth += '([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0;
          if (depth <= 0) break;
        }
        const m = DECL.exec(text.trim());
        if (m) types.decls.set(m[1]!, { name: m[1]!, text: m[2]!, file: file.path, line: i });
      }
    }
    return types;
  }

  has(name: string): boolean {
    return this.decls.has(name);
  }

  ref(name: string): JsonSchema {
    this.used.add(name);
    return { $ref: `#/components/schemas/${name}` };
  }

  /** Component schemas of every declaration referenced. */
  components(): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (let pending = [...this.used]; pending.length; pending = [...this.used].filter((n) => !(n in out))) {
      for (const name of pending) {
        const decl = this.decls.get(name)!;
        out[name] = { title: name, ...this.schemaOf(decl.text, decl).schema, 'x-source': `${decl.file}:${decl.line + 1}` };
      }
    }
    return out;
  }

  /** Properties of an object declaration (for query/path parameters). */
  objectFields(name: string): { name: string; schema: JsonSchema; required: boolean }[] {
    const decl = this.decls.get(name);
    if (!decl) return [];
    const schema = this.schemaOf(decl.text, decl).schema;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    return Object.entries(props).map(([n, s]) => ({ name: n, schema: s, required: required.has(n) }));
  }

  /** A zod expression's schema, and whether an object property of it is required. */
  schemaOf(text: string, decl: ZodDecl): { schema: JsonSchema; required: boolean } {
    const chain = chainOf(text.trim());
    let schema: JsonSchema = {};
    let required = true;
    let nullable = false;
    const head = chain[0];
    if (!head) return { schema, required };
    let rest = chain.slice(1);
    const base = head.name === 'z' && rest[0] ? rest.shift()! : head.name.startsWith('z.') ? { name: head.name.slice(2), args: head.args } : head;
    let kind = '';
    switch (base.name) {
      case 'coerce': {
        const next = rest.shift();
        kind = next?.name ?? '';
        schema = kind === 'number' ? { type: 'number' } : kind === 'boolean' ? { type: 'boolean' } : kind === 'string' ? { type: 'string' } : kind === 'date' ? { type: 'string', format: 'date-time' } : {};
        break;
      }
      case 'string': kind = 'string'; schema = { type: 'string' }; break;
      case 'number': kind = 'number'; schema = { type: 'number' }; break;
      case 'bigint': kind = 'number'; schema = { type: 'integer' }; break;
      // zod 4's top-level number formats (`z.int()` is what the generated Express schemas use).
      case 'int': case 'int32': case 'uint32': kind = 'number'; schema = { type: 'integer' }; break;
      case 'float32': case 'float64': kind = 'number'; schema = { type: 'number' }; break;
      case 'boolean': schema = { type: 'boolean' }; break;
      case 'date': schema = { type: 'string', format: 'date-time' }; break;
      case 'email': schema = { type: 'string', format: 'email' }; kind = 'string'; break;
      case 'uuid': schema = { type: 'string', format: 'uuid' }; kind = 'string'; break;
      case 'any': case 'unknown': schema = {}; break;
      case 'literal': schema = { const: JSON.parse(base.args.replace(/'/g, '"')) as unknown }; break;
      case 'enum': {
        const values = splitTop(base.args.replace(/^\s*\[|\]\s*$/g, '')).map((v) => v.replace(/^['"`]|['"`]$/g, ''));
        schema = { type: 'string', enum: values };
        break;
      }
      case 'array': kind = 'array'; schema = { type: 'array', items: this.schemaOf(base.args, decl).schema }; break;
      case 'object': case 'strictObject': case 'looseObject': {
        const body = base.args.trim().replace(/^\{|\}$/g, '');
        const properties: Record<string, JsonSchema> = {};
        const req: string[] = [];
        const bodyStart = decl.text.indexOf(body);
        for (const entry of splitTop(body)) {
          const m = /^['"]?([\w$-]+)['"]?\s*:\s*([\s\S]+)$/.exec(entry);
          if (!m) continue;
          const field = this.schemaOf(m[2]!, decl);
          const offset = decl.text.indexOf(entry, bodyStart);
          const line = decl.line + (offset < 0 ? 0 : decl.text.slice(0, offset).split('\n').length - 1);
          properties[m[1]!] = { ...field.schema, 'x-source': `${decl.file}:${line + 1}` };
          if (field.required) req.push(m[1]!);
        }
        schema = { type: 'object', properties };
        if (req.length) schema.required = req;
        if (base.name === 'strictObject' || rest.some((l) => l.name === 'strict')) schema.additionalProperties = false;
        break;
      }
      default:
        if (this.decls.has(base.name)) schema = this.ref(base.name);
    }
    for (const link of rest) {
      const n = num(link.args);
      if (link.name === 'int') schema.type = 'integer';
      else if (link.name === 'max' && n !== undefined) schema[kind === 'string' ? 'maxLength' : kind === 'array' ? 'maxItems' : 'maximum'] = n;
      else if (link.name === 'min' && n !== undefined) schema[kind === 'string' ? 'minLength' : kind === 'array' ? 'minItems' : 'minimum'] = n;
      else if (link.name === 'length' && n !== undefined) Object.assign(schema, { minLength: n, maxLength: n });
      else if (link.name === 'positive') schema.exclusiveMinimum = 0;
      else if (link.name === 'nonnegative') schema.minimum = 0;
      else if (link.name === 'email') schema.format = 'email';
      else if (link.name === 'url') schema.format = 'uri';
      else if (link.name === 'uuid') schema.format = 'uuid';
      else if (link.name === 'datetime') schema.format = 'date-time';
      else if (link.name === 'regex') schema.pattern = link.args.trim().replace(/^\/|\/[gimsuy]*$/g, '');
      else if (link.name === 'nullable' || link.name === 'nullish') nullable = true;
      else if (link.name === 'describe') schema.description = link.args.trim().replace(/^['"`]|['"`]$/g, '');
      // zod 4 metadata: `.meta({ deprecated: true })` is how a field is deprecated (z.toJSONSchema carries it).
      else if (link.name === 'meta' && /\bdeprecated\s*:\s*true\b/.test(link.args)) schema.deprecated = true;
      if (link.name === 'optional' || link.name === 'nullish' || link.name === 'default' || link.name === 'catch') required = false;
      if (link.name === 'default') {
        try {
          schema.default = JSON.parse(link.args.replace(/'/g, '"')) as unknown;
        } catch {
          /* a computed default: not a constant */
        }
      }
    }
    if (nullable) schema = { anyOf: [schema, { type: 'null' }], ...(schema.default !== undefined ? { default: schema.default } : {}) };
    return { schema, required };
  }
}

/** The handler's text: from its route call to the next route call on the same router (or 60 lines). */
function handlerText(source: string, line: number): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = line; i < Math.min(lines.length, line + 60); i++) {
    if (i > line && /^\s*\w+\.(get|post|put|patch|delete|all|use|route)\s*\(/.test(lines[i]!)) break;
    out.push(lines[i]!);
  }
  return out.join('\n');
}

/** An Express operation from what its handler parses. */
export function expressOperation(route: ResolvedRoute, method: string, zod: ZodTypes, source?: string): JsonSchema | undefined {
  const text = source === undefined ? '' : handlerText(source, route.location.start.line);
  const op: JsonSchema = {};
  const parameters: JsonSchema[] = [];
  for (const m of text.matchAll(/(\w+)\.(?:safe)?[pP]arse(?:Async)?\(\s*req\.(body|query|params)\s*\)/g)) {
    const [, name, where] = m;
    if (!zod.has(name!)) continue;
    if (where === 'body') op.requestBody = { content: { 'application/json': { schema: zod.ref(name!) } }, required: true };
    else for (const f of zod.objectFields(name!)) parameters.push({ name: f.name, in: where === 'params' ? 'path' : 'query', required: where === 'params' || f.required, schema: f.schema });
  }
  if (parameters.length) op.parameters = parameters;
  const status = /res\.status\((\d{3})\)/.exec(text)?.[1] ?? (/\.sendStatus\((\d{3})\)/.exec(text)?.[1] ?? '200');
  const response: JsonSchema = { description: 'Successful Response' };
  const typed = [...text.matchAll(/:\s*(\w+)(\[\])?\s*=/g)].find((m) => zod.has(m[1]!));
  const parsedOut = [...text.matchAll(/(\w+)\.parse\((?!\s*req\.)/g)].find((m) => zod.has(m[1]!));
  const responseName = typed?.[1] ?? parsedOut?.[1];
  if (status !== '204') response.content = { 'application/json': { schema: responseName ? (typed?.[2] ? { type: 'array', items: zod.ref(responseName) } : zod.ref(responseName)) : {} } };
  op.responses = { [status]: response };
  // Express has no deprecated flag of its own: a handler that answers with a `Deprecation` response
  // header (`res.set('Deprecation', 'true')`, `setHeader`, `header`; any value, RFC 9745's `@<epoch>`
  // too) is the route's own marker, the one the versioned-route fix writes and clients see at run time.
  if (/\.(?:set|setHeader|header)\(\s*['"`]Deprecation['"`]\s*,/i.test(text)) op.deprecated = true;
  void method;
  return op;
}
