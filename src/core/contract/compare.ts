// Field-level agreement of two OpenAPI documents (the static one against the
// app's own `app.openapi()`): each document is flattened into facts —
// operations, parameters (place, required, type), request-body and response
// properties (required, type) — with `$ref`s resolved, so component names and
// generator details (titles, 422 responses, scheme names) do not count.
type Json = { [key: string]: unknown };
type Doc = { paths?: Record<string, Record<string, Json>>; components?: { schemas?: Record<string, Json> } };

export interface Agreement {
  readonly total: number;
  readonly agreed: number;
  /** `fact: static=… exact=…` for every fact the two documents disagree on. */
  readonly disagreements: readonly string[];
}

function resolve(doc: Doc, schema: unknown, depth = 0): Json {
  const s = (schema ?? {}) as Json;
  if (typeof s.$ref === 'string' && depth < 30) return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!], depth + 1);
  return s;
}

/** A schema's type as one comparable word: `string|null`, `array<integer>`, `object`. */
function typeWord(doc: Doc, schema: unknown, depth = 0): string {
  const s = resolve(doc, schema);
  if (depth > 6) return '…';
  const parts = Array.isArray(s.anyOf) ? (s.anyOf as unknown[]) : Array.isArray(s.oneOf) ? (s.oneOf as unknown[]) : undefined;
  if (parts) return [...new Set(parts.map((p) => typeWord(doc, p, depth + 1)))].sort().join('|');
  const t = Array.isArray(s.type) ? (s.type as string[]).sort().join('|') : (s.type as string | undefined) ?? (s.enum ? 'enum' : s.const !== undefined ? 'const' : 'any');
  if (t === 'array') return `array<${typeWord(doc, s.items, depth + 1)}>`;
  return t;
}

function facts(doc: Doc): Map<string, string> {
  const out = new Map<string, string>();
  const props = (prefix: string, schema: unknown, depth: number) => {
    let s = resolve(doc, schema);
    if (s.type === 'array') s = resolve(doc, s.items);
    const properties = s.properties as Record<string, unknown> | undefined;
    if (!properties || depth > 3) return;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, p] of Object.entries(properties)) {
      out.set(`${prefix}.${name}`, `${required.has(name) ? 'required' : 'optional'} ${typeWord(doc, p)}`);
      props(`${prefix}.${name}`, p, depth + 1);
    }
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const key = `${method.toUpperCase()} ${path}`;
      out.set(key, `operation${Array.isArray(op.security) && op.security.length ? ' secured' : ''}`);
      for (const p of (op.parameters ?? []) as Json[]) out.set(`${key} ${String(p.in)}:${String(p.name)}`, `${p.required ? 'required' : 'optional'} ${typeWord(doc, p.schema)}`);
      const body = ((op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined);
      if (body) {
        const media = Object.keys(body)[0]!;
        out.set(`${key} body`, media);
        props(`${key} body`, body[media]!.schema, 0);
      }
      for (const [code, r] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        if (!/^2/.test(code)) continue;
        out.set(`${key} ${code}`, 'response');
        const content = r.content as Record<string, Json> | undefined;
        if (content?.['application/json']) props(`${key} ${code}`, content['application/json'].schema, 0);
      }
    }
  }
  return out;
}

/** Compare the static document with the exact one, fact by fact (the exact one is the reference). */
export function compareContracts(staticDoc: Doc, exactDoc: Doc): Agreement {
  const s = facts(staticDoc);
  const e = facts(exactDoc);
  const disagreements: string[] = [];
  let agreed = 0;
  const keys = new Set([...s.keys(), ...e.keys()]);
  for (const key of keys) {
    if (s.get(key) === e.get(key)) agreed++;
    else disagreements.push(`${key}: static=${s.get(key) ?? '(missing)'} exact=${e.get(key) ?? '(missing)'}`);
  }
  return { total: keys.size, agreed, disagreements };
}
