// The "version it" quick fix for Express + zod routers: the same contract as
// the FastAPI one (versionedRoute.ts) — existing clients keep the old shape
// at the old URL, the working tree's route moves under `/v2` — written the
// way Express code can say it.
//
// What the plan writes. The working tree's route registration keeps its place
// and its handler; only its path literal moves under the version segment,
// inside the router (`'/:id'` → `'/v2/:id'`, so a router mounted at `/users`
// in another file serves `/users/v2/{id}`, and `app.ts` is not touched). The
// base's registration is copied verbatim after it, at the old path, with the
// zod schemas whose text changed (and every schema that embeds one of them)
// copied from the base as `<Name>V1`, the types derived from them
// (`type X = z.infer<typeof X>`) copied and renamed alike, and the router's
// import of each schema extended with its copy. Express has no deprecated
// flag, so the copy says it twice: a `// deprecated:` comment above it for
// readers, and `res.set('Deprecation', 'true')` first in its handler for
// clients (the contract builder reads that header as `deprecated: true`, see
// zodSchemas.ts, so the docs and compat see it too).
//
// It is offered only when it proves itself: every changed file re-parses,
// our own rules find nothing in the changed files that they did not find in
// the working tree, and compat on base vs the result finds no breaking
// change left on the old operations, with the versioned ones present. It is
// refused (undefined) when the base route cannot be located as a plain
// `router.method('path', ..., (req, res) => { ... })` statement (a handler
// passed by name, a computed path, a chained `.route()`), or when a copied
// schema cannot be imported where the old handler needs it.
import type { SyntaxNode } from '../parse/python';
import { parseTypeScript, tsDialectOf, isTsPath } from '../parse/typescript';
import { applyEdits, type TextEdit } from '../plan/editPlan';
import { buildOpenApi } from '../contract/openapi';
import { analyzeTypeScript } from '../analysis/ts/analyzer';
import { collectTsProjectFacts } from '../analysis/ts/project';
import { EMPTY_FACTS, type ProjectFacts } from '../analysis/project';
import { diffContracts } from './diff';
import { findOperation, inPathOrder, shape, shadowed, splitSource, VERSIONABLE, word, type VersionedRouteInput, type VersionedRoutePlan } from './versionedRoute';

interface Decl {
  readonly path: string;
  /** The whole top-level statement (`export` included). */
  readonly text: string;
  readonly node: SyntaxNode;
}

/** The statement a declaration sits in: its `export_statement` when exported. */
const statementOf = (node: SyntaxNode): SyntaxNode => (node.parent?.type === 'export_statement' ? node.parent : node);

/** Top-level zod schemas (`const X = z.…`) and type aliases of a module, by name. */
function declarations(root: SyntaxNode, path: string): { schemas: Map<string, Decl>; types: Map<string, Decl> } {
  const schemas = new Map<string, Decl>();
  const types = new Map<string, Decl>();
  for (const child of root.namedChildren) {
    if (!child) continue;
    const inner = child.type === 'export_statement' ? (child.childForFieldName('declaration') ?? child.namedChildren.find((c) => c?.type === 'lexical_declaration' || c?.type === 'type_alias_declaration')) : child;
    if (!inner) continue;
    if (inner.type === 'lexical_declaration') {
      for (const d of inner.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        const name = d.childForFieldName('name');
        const value = d.childForFieldName('value');
        // The same declarations the contract reads as schemas (zodSchemas.ts: `const X = z.…`).
        if (name?.type === 'identifier' && value && /^z\s*\./.test(value.text)) schemas.set(name.text, { path, text: statementOf(inner).text, node: statementOf(inner) });
      }
    } else if (inner.type === 'type_alias_declaration') {
      const name = inner.childForFieldName('name')?.text;
      if (name) types.set(name, { path, text: statementOf(inner).text, node: statementOf(inner) });
    }
  }
  return { schemas, types };
}

/** Names declared at the top of a module (to tell a local schema from an imported one). */
const declaredNames = (root: SyntaxNode): Set<string> => {
  const out = new Set<string>();
  for (const d of root.descendantsOfType(['variable_declarator', 'type_alias_declaration', 'function_declaration', 'class_declaration'])) {
    const name = d?.childForFieldName('name');
    if (name?.type === 'identifier' || name?.type === 'type_identifier') out.add(name.text);
  }
  return out;
};

type RouteStatement = { statement: SyntaxNode; pathArg: SyntaxNode; handler: SyntaxNode; body: SyntaxNode; res: string };

/**
 * The route registration whose `router.method` starts on a row, as a whole expression statement with a
 * constant path and an inline handler with a block body and a response parameter.
 */
function routeAt(root: SyntaxNode, row: number, method: string): RouteStatement | undefined {
  for (const call of root.descendantsOfType('call_expression')) {
    const fn = call?.childForFieldName('function');
    if (!call || fn?.type !== 'member_expression' || fn.startPosition.row !== row || fn.childForFieldName('property')?.text !== method) continue;
    if (call.parent?.type !== 'expression_statement') return undefined;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => !!a && a.type !== 'comment') ?? [];
    const pathArg = args[0];
    const handler = args[args.length - 1];
    if (pathArg?.type !== 'string' || !handler || args.length < 2 || (handler.type !== 'arrow_function' && handler.type !== 'function_expression')) return undefined;
    const body = handler.childForFieldName('body');
    const params = handler.childForFieldName('parameters')?.namedChildren.filter((p) => p?.type === 'required_parameter' || p?.type === 'optional_parameter') ?? [];
    const res = params[1]?.childForFieldName('pattern');
    if (body?.type !== 'statement_block' || res?.type !== 'identifier') return undefined;
    return { statement: call.parent, pathArg, handler, body, res: res.text };
  }
  return undefined;
}

/** `/users/:id?` as OpenAPI writes it (`/users/{id}`); a lone `/` is the mount itself. */
const openApiLocal = (local: string): string => (local === '/' ? '' : local.replace(/:(\w+)\??/g, '{$1}').replace(/(.)\/$/, '$1'));

/** The old statement, deprecated: a header set first thing in its handler, and a comment above it. */
function deprecatedCopy(route: RouteStatement, source: string, label: string, versioned: string): string {
  const start = route.statement.startIndex;
  const text = route.statement.text;
  const indent = /^[ \t]*/.exec(source.slice(source.lastIndexOf('\n', start - 1) + 1))![0];
  const first = route.body.namedChildren.find((c) => c && c.type !== 'comment');
  const firstIndent = first ? /[ \t]*$/.exec(source.slice(0, first.startIndex))![0] : `${indent}  `;
  const at = route.body.startIndex + 1 - start;
  // A route deprecated already keeps its own header; it is not set twice.
  const header = /['"`]Deprecation['"`]/i.test(route.body.text) ? '' : `\n${firstIndent}${route.res}.set('Deprecation', 'true');`;
  return `// deprecated: ${label} as it was, for existing clients; the new shape is at ${versioned}.\n${indent}${text.slice(0, at)}${header}${text.slice(at)}`;
}

/** Findings of our TypeScript rules, counted by rule and message (positions move with the edit). */
async function findingCounts(path: string, source: string, project: ProjectFacts): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of (await analyzeTypeScript(path, source, { project })).findings) out.set(`${f.rule}: ${f.message}`, (out.get(`${f.rule}: ${f.message}`) ?? 0) + 1);
  return out;
}

/**
 * One EditPlan that keeps the given Express operations' old contract at their old paths and serves the
 * working tree's routes under `/<version>`; undefined when it cannot be written or would not prove
 * itself (see the header).
 */
export async function planExpressVersionedRoute(input: VersionedRouteInput): Promise<VersionedRoutePlan | undefined> {
  if (!VERSIONABLE.has(input.kind)) return undefined;
  const version = input.version ?? 'v2';
  const baseText = new Map(input.base.map((f) => [f.path, f.source]));
  const headText = new Map(input.head.map((f) => [f.path, f.source]));
  const trees: { delete(): void }[] = [];
  const roots = new Map<string, SyntaxNode>();
  const parse = async (path: string, source: string, key?: string) => {
    const cached = key ? roots.get(key) : undefined;
    if (cached) return cached;
    const tree = await parseTypeScript(source, tsDialectOf(path));
    trees.push(tree);
    if (key) roots.set(key, tree.rootNode);
    return tree.rootNode;
  };
  try {
    // Only operations the working tree breaks are worth keeping.
    const breaking = diffContracts(input.baseDoc, input.headDoc).filter((c) => c.verdict === 'breaking');
    if (!input.operations.every((label) => breaking.some((c) => c.operation === label))) return undefined;

    // Every zod schema and type alias of both trees, to tell which schemas changed and to copy their old text.
    const baseSchemas = new Map<string, Decl>();
    const headSchemas = new Map<string, Decl>();
    const baseTypes = new Map<string, Decl>();
    const headNames = new Set<string>();
    for (const [files, schemas, types, which] of [[input.base, baseSchemas, baseTypes, 'base'], [input.head, headSchemas, new Map<string, Decl>(), 'head']] as const) {
      for (const f of files) {
        if (!isTsPath(f.path) || !f.source.includes('z.')) continue;
        const root = await parse(f.path, f.source, `${which}:${f.path}`);
        const found = declarations(root, f.path);
        for (const [n, d] of found.schemas) schemas.set(n, d);
        for (const [n, d] of found.types) types.set(n, d);
        if (which === 'head') for (const n of declaredNames(root)) headNames.add(n);
      }
    }
    // A schema is affected when its text changed (or it is gone), or it names an affected schema.
    const affected = new Set([...baseSchemas].filter(([name, d]) => headSchemas.get(name)?.text !== d.text).map(([name]) => name));
    for (let grew = true; grew;) {
      grew = false;
      for (const [name, d] of baseSchemas) {
        if (!affected.has(name) && [...affected].some((a) => word(a).test(d.text.slice(d.text.indexOf('=') + 1)))) {
          affected.add(name);
          grew = true;
        }
      }
    }

    const edits = new Map<string, TextEdit[]>();
    const push = (path: string, edit: TextEdit) => edits.set(path, [...(edits.get(path) ?? []), edit]);
    const handlers: { oldText: string; routerPath: string }[] = [];
    const moved: string[] = [];
    const keptLabels: string[] = [];
    const labels = inPathOrder(input.operations);
    for (const label of labels) {
      const b = findOperation(input.baseDoc, label);
      const h = findOperation(input.headDoc, label);
      if (!b || !h) return undefined;
      const bs = splitSource(b.source);
      const hs = splitSource(h.source);
      const bText = baseText.get(bs.path);
      const hText = headText.get(hs.path);
      if (bText === undefined || hText === undefined || !isTsPath(bs.path) || !isTsPath(hs.path)) return undefined;
      const oldRoute = routeAt(await parse(bs.path, bText, `base:${bs.path}`), bs.row, b.method);
      const newRoute = routeAt(await parse(hs.path, hText, `head:${hs.path}`), hs.row, h.method);
      if (!oldRoute || !newRoute) return undefined;
      // The new route's path, moved under the version segment inside its router (the mount prefix stays
      // where it is written, in whichever file mounts the router).
      const literal = /^(["'])(.*)\1$/.exec(newRoute.pathArg.text);
      if (!literal || !literal[2]!.startsWith('/')) return undefined;
      const local = literal[2]!;
      const localOa = openApiLocal(local);
      if (!h.path.endsWith(localOa)) return undefined;
      const prefix = h.path === '/' && local === '/' ? '' : h.path.slice(0, h.path.length - localOa.length);
      const versioned = `${prefix}/${version}${localOa}`;
      if (shadowed(input.headDoc, h.method, versioned, hs.path, hs.row)) return undefined;
      push(hs.path, { start: newRoute.pathArg.startIndex + 1, end: newRoute.pathArg.endIndex - 1, text: local === '/' ? `/${version}` : `/${version}${local}` });
      const keptLabel = `${b.method.toUpperCase()} ${b.path}`;
      handlers.push({ oldText: deprecatedCopy(oldRoute, bText, keptLabel, versioned), routerPath: hs.path });
      const lineStart = hText.lastIndexOf('\n', newRoute.statement.startIndex - 1) + 1;
      const indent = /^[ \t]*/.exec(hText.slice(lineStart))![0];
      // Right after the moved route: the old path keeps its place among the router's routes.
      push(hs.path, { start: newRoute.statement.endIndex, end: newRoute.statement.endIndex, text: `\n\n${indent}__OLD_${handlers.length - 1}__` });
      moved.push(`${h.method.toUpperCase()} ${versioned}`);
      keptLabels.push(keptLabel);
    }

    // The old schemas the old handlers name, with the old schemas those embed, and the types derived from them.
    const copies = new Set<string>();
    const pending = handlers.map((x) => x.oldText);
    while (pending.length) {
      const text = pending.pop()!;
      for (const name of affected) {
        if (copies.has(name) || !word(name).test(text)) continue;
        copies.add(name);
        pending.push(baseSchemas.get(name)!.text);
      }
    }
    const derived = new Map<string, string[]>();
    for (const [typeName, t] of baseTypes) {
      const of = [...copies].find((c) => new RegExp(`typeof\\s+${c}\\b`).test(t.text));
      if (of) derived.set(of, [...(derived.get(of) ?? []), typeName]);
    }
    const renamed = new Set([...copies, ...[...derived.values()].flat()]);
    const rename = (text: string) => [...renamed].reduce((t, name) => t.replace(word(name), `${name}V1`), text);
    for (const name of renamed) if (headNames.has(`${name}V1`)) return undefined;
    // Copies go into the module the schema lived in, after the last of their working-tree namesakes (in base order).
    const byFile = new Map<string, string[]>();
    for (const [name, d] of baseSchemas) if (copies.has(name)) byFile.set(d.path, [...(byFile.get(d.path) ?? []), name]);
    for (const [path, names] of byFile) {
      const text = headText.get(path);
      if (text === undefined) return undefined;
      const here = declarations(await parse(path, text, `head:${path}`), path);
      const ends = names.flatMap((n) => [n, ...(derived.get(n) ?? [])]).flatMap((n) => [here.schemas.get(n), here.types.get(n)]).map((d) => d?.node.endIndex ?? -1).filter((e) => e >= 0);
      const at = ends.length ? Math.max(...ends) : text.replace(/\s*$/, '').length;
      const block = names
        .map((n) => [`// ${n} as clients of the deprecated route still read it.`, rename(baseSchemas.get(n)!.text), ...(derived.get(n) ?? []).map((t) => rename(baseTypes.get(t)!.text))].join('\n'))
        .join('\n\n');
      push(path, { start: at, end: at, text: `\n\n${block}` });
    }
    // Router modules that import a copied schema or type by name import its old copy too.
    const imported = new Set<string>();
    for (const { routerPath, oldText } of handlers) {
      const root = await parse(routerPath, headText.get(routerPath)!, `head:${routerPath}`);
      for (const name of renamed) {
        if (!word(name).test(oldText) || imported.has(`${routerPath}:${name}`)) continue;
        imported.add(`${routerPath}:${name}`);
        if (byFile.get(routerPath)?.includes(name) || [...(byFile.get(routerPath) ?? [])].some((s) => derived.get(s)?.includes(name))) continue;
        const spec = root.descendantsOfType('import_specifier').find((s) => s?.childForFieldName('name')?.text === name && !s.childForFieldName('alias'));
        // Without an import to extend, the copy would not be in scope: refuse rather than guess a module.
        if (!spec) return undefined;
        push(routerPath, { start: spec.endIndex, end: spec.endIndex, text: `, ${name}V1` });
      }
    }

    const changes = [...edits].map(([path, list]) => ({
      kind: 'modify' as const,
      path,
      original: headText.get(path)!,
      edits: list.map((e) => ({ ...e, text: e.text.replace(/__OLD_(\d+)__/g, (_, i: string) => rename(handlers[Number(i)]!.oldText)) })),
    }));
    // The proof: every changed file parses, our rules find nothing new there, and the old operations no longer break.
    const result = input.head.map((f) => {
      const change = changes.find((c) => c.path === f.path);
      return change ? { path: f.path, source: applyEdits(change.original, change.edits) } : f;
    });
    for (const change of changes) if ((await parse(change.path, result.find((f) => f.path === change.path)!.source)).hasError) return undefined;
    const tsFiles = (files: readonly { path: string; source: string }[]) => files.filter((f) => isTsPath(f.path));
    const headFacts: ProjectFacts = { ...EMPTY_FACTS, ts: collectTsProjectFacts(tsFiles(input.head)) };
    const resultFacts: ProjectFacts = { ...EMPTY_FACTS, ts: collectTsProjectFacts(tsFiles(result)) };
    for (const change of changes) {
      const before = await findingCounts(change.path, change.original, headFacts);
      const after = await findingCounts(change.path, result.find((f) => f.path === change.path)!.source, resultFacts);
      if ([...after].some(([key, n]) => n > (before.get(key) ?? 0))) return undefined;
    }
    const resultDoc = await buildOpenApi(result);
    const still = diffContracts(input.baseDoc, resultDoc).filter((c) => c.verdict === 'breaking' && keptLabels.some((k) => shape(k) === shape(c.operation)));
    if (still.length > 0) return undefined;
    if (!moved.every((m) => findOperation(resultDoc, m))) return undefined;
    const focus = changes.find((c) => c.path === splitSource(findOperation(input.headDoc, input.operations[0]!)!.source).path) ?? changes[0]!;
    const first = [...focus.edits].sort((x, y) => x.start - y.start).find((e) => e.end > e.start) ?? focus.edits[0]!;
    const title = keptLabels.length === 1
      ? `Keep ${keptLabels[0]} as it was (deprecated) and serve the new shape at ${moved[0]!.split(' ')[1]}`
      : `Keep ${keptLabels.join(', ')} as they were (deprecated) and serve the new shapes under /${version}`;
    return {
      title,
      plan: {
        changes,
        notes: [`kept ${keptLabels.join(', ')} as they were${renamed.size ? `, with the old schemas as ${[...renamed].map((c) => `${c}V1`).join(', ')}` : ''}`, ...moved.map((m) => `new shape at ${m}`)],
        // The first moved route path, as an offset into the resulting text (edits before it shift it).
        focus: { path: focus.path, offset: first.start + focus.edits.filter((e) => e.start < first.start).reduce((n, e) => n + e.text.length - (e.end - e.start), 0) },
      },
    };
  } finally {
    for (const tree of trees) tree.delete();
  }
}
