// Backward compatibility between two OpenAPI documents, judged from the
// client's side: what a client written against the base can no longer do
// (breaking), what may surprise it (potentially breaking), and what it can
// ignore (compatible). Requests and responses are judged in opposite
// directions: narrowing what a server accepts breaks senders, widening what
// it returns breaks readers. `$ref`s are resolved, so documents from any
// generator compare; `x-source` (file:line) is carried into each change.
import type { JsonSchema } from '../contract/pythonSchemas';

export type Verdict = 'breaking' | 'potentially-breaking' | 'compatible';

export interface Change {
  readonly verdict: Verdict;
  /** `GET /users/{}`-style operation the change affects. */
  readonly operation: string;
  /** Short class id (`request-field-added-required`). */
  readonly kind: string;
  readonly message: string;
  /** `file:line` in the working tree (or the base when the thing was removed). */
  readonly source: string | undefined;
  /** The property a field-level change is about (`email`). */
  readonly field?: string;
  /** `file:line` of that property (or operation) in the base, for changes that removed or altered it. */
  readonly baseSource?: string;
}

type Doc = { paths?: Record<string, Record<string, JsonSchema>>; components?: { schemas?: Record<string, JsonSchema> } };
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];

/** `/users/{user_id}` → `/users/{}`: renaming a path parameter keeps the operation. */
const shape = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

function resolve(doc: Doc, schema: JsonSchema | undefined, seen = 0): JsonSchema {
  if (!schema || seen > 30) return {};
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const target = doc.components?.schemas?.[ref.slice('#/components/schemas/'.length)];
    const { $ref: _drop, ...rest } = schema;
    void _drop;
    return { ...resolve(doc, target, seen + 1), ...rest };
  }
  return schema;
}

/** The non-null alternatives and whether null is allowed. */
function alternatives(doc: Doc, schema: JsonSchema): { types: Set<string>; nullable: boolean; parts: JsonSchema[] } {
  const s = resolve(doc, schema);
  const parts = (Array.isArray(s.anyOf) ? (s.anyOf as JsonSchema[]) : Array.isArray(s.oneOf) ? (s.oneOf as JsonSchema[]) : [s]).map((p) => resolve(doc, p));
  const types = new Set<string>();
  let nullable = false;
  for (const p of parts) {
    const t = p.type;
    for (const one of Array.isArray(t) ? (t as string[]) : t === undefined ? [p.enum || p.const !== undefined ? 'enum' : 'any'] : [t as string]) {
      if (one === 'null') nullable = true;
      else types.add(one);
    }
  }
  return { types, nullable, parts: parts.filter((p) => p.type !== 'null') };
}

/** Does every value of type `a` also fit type `b`? */
function fits(a: Set<string>, b: Set<string>): boolean {
  if (b.has('any')) return true;
  for (const t of a) if (!b.has(t) && !(t === 'integer' && b.has('number'))) return false;
  return true;
}

const LIMITS: [string, 'upper' | 'lower'][] = [['maxLength', 'upper'], ['maximum', 'upper'], ['exclusiveMaximum', 'upper'], ['maxItems', 'upper'], ['minLength', 'lower'], ['minimum', 'lower'], ['exclusiveMinimum', 'lower'], ['minItems', 'lower']];

class Differ {
  readonly changes: Change[] = [];
  constructor(private readonly base: Doc, private readonly head: Doc) {}

  add(verdict: Verdict, operation: string, kind: string, message: string, source: unknown, field?: string, baseSource?: unknown): void {
    this.changes.push({ verdict, operation, kind, message, source: typeof source === 'string' ? source : undefined, ...(field ? { field } : {}), ...(typeof baseSource === 'string' ? { baseSource } : {}) });
  }

  run(): Change[] {
    const ops = (doc: Doc) => {
      const out = new Map<string, { path: string; method: string; op: JsonSchema }>();
      for (const [path, item] of Object.entries(doc.paths ?? {})) for (const method of METHODS) if (item[method]) out.set(`${method.toUpperCase()} ${shape(path)}`, { path, method, op: item[method]! });
      return out;
    };
    const before = ops(this.base);
    const after = ops(this.head);
    for (const [key, b] of before) {
      const a = after.get(key);
      const label = `${b.method.toUpperCase()} ${b.path}`;
      if (!a) {
        const moved = [...after.values()].find((x) => shape(x.path) === shape(b.path) && !before.has(`${x.method.toUpperCase()} ${shape(x.path)}`));
        if (b.op.deprecated === true) this.add('potentially-breaking', label, 'operation-removed-deprecated', `${label} was removed after being deprecated`, b.op['x-source'], undefined, b.op['x-source']);
        else if (moved) this.add('breaking', label, 'method-changed', `${label} now answers ${moved.method.toUpperCase()} only: clients calling ${b.method.toUpperCase()} get 405`, moved.op['x-source']);
        else this.add('breaking', label, 'operation-removed', `${label} was removed: clients calling it get 404`, b.op['x-source'], undefined, b.op['x-source']);
        continue;
      }
      this.operation(`${a.method.toUpperCase()} ${a.path}`, b, a);
    }
    for (const [key, a] of after) if (!before.has(key)) this.add('compatible', `${a.method.toUpperCase()} ${a.path}`, 'operation-added', `new operation ${a.method.toUpperCase()} ${a.path}`, a.op['x-source']);
    return this.changes;
  }

  private operation(label: string, b: { path: string; op: JsonSchema }, a: { path: string; op: JsonSchema }): void {
    const src = a.op['x-source'];
    // Path parameters, by position.
    const bNames = [...b.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const aNames = [...a.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const params = (op: JsonSchema) => ((op.parameters ?? []) as JsonSchema[]).map((p) => resolve(this.base, p));
    const bParams = params(b.op);
    const aParams = params(a.op);
    bNames.forEach((name, i) => {
      const now = aNames[i]!;
      if (now !== name) this.add('potentially-breaking', label, 'path-param-renamed', `path parameter {${name}} was renamed {${now}}: the URL is the same, but generated clients that name it break`, src);
      const bp = bParams.find((p) => p.in === 'path' && p.name === name);
      const ap = aParams.find((p) => p.in === 'path' && p.name === now);
      if (bp && ap) this.schema(label, `path parameter {${now}}`, bp.schema as JsonSchema, ap.schema as JsonSchema, 'request', src);
    });
    for (const bp of bParams.filter((p) => p.in !== 'path')) {
      const ap = aParams.find((p) => p.in === bp.in && p.name === bp.name);
      const what = `${bp.in} parameter "${bp.name}"`;
      if (!ap) {
        this.add(bp.deprecated === true ? 'compatible' : 'potentially-breaking', label, 'param-removed', `${what} was removed: clients sending it are ignored`, src);
        continue;
      }
      if (ap.required === true && bp.required !== true) this.add('breaking', label, 'param-made-required', `${what} is now required`, ap['x-source'] ?? src);
      this.schema(label, what, bp.schema as JsonSchema, ap.schema as JsonSchema, 'request', ap['x-source'] ?? src);
    }
    for (const ap of aParams.filter((p) => p.in !== 'path')) {
      if (bParams.some((p) => p.in === ap.in && p.name === ap.name)) continue;
      const what = `${ap.in} parameter "${ap.name}"`;
      if (ap.required === true) this.add('breaking', label, 'param-added-required', `new required ${what}: clients not sending it get 422`, ap['x-source'] ?? src);
      else this.add('compatible', label, 'param-added-optional', `new optional ${what}`, ap['x-source'] ?? src);
    }
    // Request body.
    const body = (op: JsonSchema) => ((op.requestBody as JsonSchema | undefined)?.content as Record<string, JsonSchema> | undefined)?.['application/json']?.schema as JsonSchema | undefined;
    const bb = body(b.op);
    const ab = body(a.op);
    if (ab && !bb && (a.op.requestBody as JsonSchema).required === true) this.add('breaking', label, 'request-body-added', 'a request body is now required', src);
    if (ab && bb) this.schema(label, 'request body', bb, ab, 'request', src);
    // Success response.
    const success = (op: JsonSchema) => Object.keys((op.responses ?? {}) as object).filter((c) => /^2\d\d$/.test(c)).sort();
    const bs = success(b.op);
    const as = success(a.op);
    if (bs[0] && as[0] && !as.includes(bs[0])) this.add('breaking', label, 'success-status-changed', `success status changed from ${bs[0]} to ${as.join('/')}`, src);
    const response = (op: JsonSchema, code: string | undefined) => (code ? ((((op.responses as Record<string, JsonSchema>)[code]?.content as Record<string, JsonSchema> | undefined)?.['application/json']?.schema) as JsonSchema | undefined) : undefined);
    const br = response(b.op, bs[0]);
    const ar = response(a.op, as.includes(bs[0] ?? '') ? bs[0] : as[0]);
    if (br && ar) this.schema(label, 'response', br, ar, 'response', src);
    // Auth.
    const secured = (op: JsonSchema) => Array.isArray(op.security) && (op.security as object[]).some((s) => Object.keys(s).length > 0);
    if (secured(a.op) && !secured(b.op)) this.add('breaking', label, 'auth-added', `${label} now requires authentication: anonymous clients get 401`, src);
    if (!secured(a.op) && secured(b.op)) this.add('compatible', label, 'auth-removed', `${label} no longer requires authentication`, src);
  }

  /** Compare one schema in one direction; `what` names it in messages. */
  private schema(label: string, what: string, bRaw: JsonSchema, aRaw: JsonSchema, dir: 'request' | 'response', src: unknown, depth = 0): void {
    if (depth > 12) return;
    const b = resolve(this.base, bRaw);
    const a = resolve(this.head, aRaw);
    const here = a['x-source'] ?? src;
    const bAlt = alternatives(this.base, b);
    const aAlt = alternatives(this.head, a);
    if (dir === 'request') {
      // A parameter is text on the wire: retyping it to a string accepts whatever it accepted before.
      const wireText = / parameter /.test(` ${what} `) && aAlt.types.has('string');
      if (!wireText && !fits(bAlt.types, aAlt.types)) this.add('breaking', label, 'request-type-narrowed', `${what} type narrowed from ${[...bAlt.types].join('|')} to ${[...aAlt.types].join('|')}`, here);
      if (bAlt.nullable && !aAlt.nullable) this.add('breaking', label, 'request-null-rejected', `${what} no longer accepts null`, here);
    } else {
      if (!fits(aAlt.types, bAlt.types)) this.add('breaking', label, 'response-type-changed', `${what} type changed from ${[...bAlt.types].join('|')} to ${[...aAlt.types].join('|')}`, here);
      if (aAlt.nullable && !bAlt.nullable) this.add('breaking', label, 'response-made-nullable', `${what} can now be null`, here);
    }
    const bOne = bAlt.parts.length === 1 ? bAlt.parts[0]! : b;
    const aOne = aAlt.parts.length === 1 ? aAlt.parts[0]! : a;
    // Constraints and enums.
    for (const [key, side] of LIMITS) {
      const bv = bOne[key];
      const av = aOne[key];
      const tighter = typeof av === 'number' && (typeof bv !== 'number' || (side === 'upper' ? av < bv : av > bv));
      const looser = typeof bv === 'number' && (typeof av !== 'number' || (side === 'upper' ? av > bv : av < bv));
      if (dir === 'request' && tighter) this.add('breaking', label, 'constraint-tightened', `${what} ${key} ${bv ?? 'none'} → ${av}: values clients sent before are rejected`, here);
      if (dir === 'request' && looser) this.add('compatible', label, 'constraint-relaxed', `${what} ${key} ${bv} → ${av ?? 'none'}`, here);
      if (dir === 'response' && looser) this.add('potentially-breaking', label, 'response-constraint-relaxed', `${what} ${key} ${bv} → ${av ?? 'none'}: clients may receive values they did not expect`, here);
    }
    if (dir === 'request' && aOne.pattern !== undefined && aOne.pattern !== bOne.pattern) this.add('breaking', label, 'constraint-tightened', `${what} pattern changed to ${String(aOne.pattern)}`, here);
    const enumOf = (s: JsonSchema) => (Array.isArray(s.enum) ? (s.enum as unknown[]).map(String) : undefined);
    const be = enumOf(bOne);
    const ae = enumOf(aOne);
    if (be && ae) {
      const removed = be.filter((v) => !ae.includes(v));
      const added = ae.filter((v) => !be.includes(v));
      if (dir === 'request' && removed.length) this.add('breaking', label, 'enum-value-removed', `${what} no longer accepts ${removed.map((v) => `"${v}"`).join(', ')}`, here);
      if (dir === 'request' && added.length) this.add('compatible', label, 'enum-value-added', `${what} also accepts ${added.map((v) => `"${v}"`).join(', ')}`, here);
      if (dir === 'response' && added.length) this.add('potentially-breaking', label, 'response-enum-value-added', `${what} may now be ${added.map((v) => `"${v}"`).join(', ')}: clients that switch on it may not handle it`, here);
    }
    // Arrays and objects.
    if (bOne.type === 'array' && aOne.type === 'array') this.schema(label, `${what}[]`, bOne.items as JsonSchema, aOne.items as JsonSchema, dir, here, depth + 1);
    const bp = bOne.properties as Record<string, JsonSchema> | undefined;
    const ap = aOne.properties as Record<string, JsonSchema> | undefined;
    if (!bp || !ap) return;
    const bReq = new Set((bOne.required ?? []) as string[]);
    const aReq = new Set((aOne.required ?? []) as string[]);
    const owner = typeof aOne.title === 'string' ? aOne.title : what;
    // Undeclared fields: ignored before, rejected now (Pydantic `extra="forbid"`, zod `.strict()`). Clients built
    // from the document send only declared fields, but a client echoing back what it read (its `id` included) gets 422.
    if (dir === 'request' && aOne.additionalProperties === false && bOne.additionalProperties !== false) this.add('potentially-breaking', label, 'request-extra-forbidden', `${owner} now rejects fields it does not declare: clients sending any get 422`, here);
    if (dir === 'request' && aOne.additionalProperties !== false && bOne.additionalProperties === false) this.add('compatible', label, 'request-extra-allowed', `${owner} now accepts (and ignores) fields it does not declare`, here);
    const removed = Object.keys(bp).filter((k) => !(k in ap));
    const added = Object.keys(ap).filter((k) => !(k in bp));
    for (const name of removed) {
      const field = resolve(this.base, bp[name]);
      const renamed = dir === 'response' ? added.find((n) => JSON.stringify(alternatives(this.head, ap[n]!).types) === JSON.stringify(alternatives(this.base, field).types) && aReq.has(n) === bReq.has(name)) : undefined;
      const path = `${what}.${name}`;
      if (dir === 'response') {
        const was = bp[name]!['x-source'];
        if (field.deprecated === true) this.add('potentially-breaking', label, 'response-field-removed-deprecated', `"${name}" was removed from ${owner} after being deprecated`, here, name, was);
        else this.add('breaking', label, renamed ? 'response-field-renamed' : 'response-field-removed', renamed ? `Renaming "${name}" to "${renamed}" in ${owner} breaks clients of ${label}` : `Removing "${name}" from ${owner} breaks clients of ${label}`, here, name, was);
      } else if (aOne.additionalProperties === false) {
        this.add(field.deprecated === true ? 'potentially-breaking' : 'breaking', label, 'request-field-removed-forbidden', `${path} was removed and ${owner} forbids extra fields: clients still sending "${name}" get 422`, here, name, bp[name]!['x-source']);
      } else this.add('compatible', label, 'request-field-removed', `${path} was removed (clients sending it are ignored)`, here);
    }
    for (const name of added) {
      const src2 = ap[name]!['x-source'] ?? here;
      if (dir === 'request') {
        if (aReq.has(name)) this.add('breaking', label, 'request-field-added-required', `new required field "${name}" in ${owner}: clients not sending it get 422`, src2, name);
        else this.add('compatible', label, 'request-field-added-optional', `new optional field "${name}" in ${owner}`, src2);
      } else this.add('compatible', label, 'response-field-added', `new field "${name}" in ${owner}`, src2);
    }
    for (const name of Object.keys(bp).filter((k) => k in ap)) {
      const src2 = ap[name]!['x-source'] ?? here;
      if (dir === 'request' && aReq.has(name) && !bReq.has(name)) this.add('breaking', label, 'request-field-made-required', `"${name}" in ${owner} is now required`, src2, name, bp[name]!['x-source']);
      if (dir === 'request' && !aReq.has(name) && bReq.has(name)) this.add('compatible', label, 'request-field-made-optional', `"${name}" in ${owner} is now optional`, src2);
      if (dir === 'response' && !aReq.has(name) && bReq.has(name)) this.add('potentially-breaking', label, 'response-field-made-optional', `"${name}" in ${owner} may now be missing`, src2);
      this.schema(label, `${owner}.${name}`, bp[name]!, ap[name]!, dir, src2, depth + 1);
    }
  }
}

/** Every change from `base` to `head`, breaking ones first. */
export function diffContracts(base: Doc, head: Doc): Change[] {
  const order: Record<Verdict, number> = { breaking: 0, 'potentially-breaking': 1, compatible: 2 };
  const seen = new Set<string>();
  return new Differ(base, head).run().filter((c) => {
    const key = `${c.operation}|${c.kind}|${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((x, y) => order[x.verdict] - order[y.verdict]);
}
