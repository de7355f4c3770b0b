// The "version it" quick fix for a breaking change to what a FastAPI
// operation returns: existing clients keep the old contract at the old path,
// and the new shape is served beside it under a version segment.
//
// Why this form. Moving the OLD shape to /v1/... would still break every
// existing client (they call the old URL), so the old URL keeps the old
// contract and the NEW handler moves: `"/{book_id}"` becomes `"/v2/{book_id}"`
// in its decorator (inside the router's prefix, so `/books/v2/{book_id}`; a
// second router or an app-level `/v2` mount would mean editing the app
// module, and FastAPI users version per route as often as per router). The
// old handler is copied verbatim from the base as `<name>_v1`, marked
// `deprecated=True` so the docs steer clients to the new route, and the
// models whose shape changed are copied from the base as `<Name>V1` (with
// every model that embeds one of them, so a list wrapper keeps the old item
// shape). Nothing is generated from guesses: what is copied is the code that
// served the old contract. The plan is only offered when it proves itself:
// every changed file re-parses, and the contract of the result, compared with
// the base, shows no breaking change left on the old operations and the new
// versioned ones present. It is not offered when a class other than the
// contract's models changed as well (the ORM model of a new required field):
// then the copied handler would run on storage it was not written for, and
// making the new field optional is the fix that works.
import { parsePython, type SyntaxNode } from '../parse/python';
import { applyEdits, type EditPlan, type TextEdit } from '../plan/editPlan';
import { buildOpenApi, type OpenApiDocument, type SourceFile } from '../contract/openapi';
import { diffContracts } from './diff';

export interface VersionedRouteInput {
  readonly base: readonly SourceFile[];
  readonly head: readonly SourceFile[];
  readonly baseDoc: OpenApiDocument;
  readonly headDoc: OpenApiDocument;
  /** Operations to keep, as compat names them (`GET /books/{book_id}`, the working tree's path). */
  readonly operations: readonly string[];
  /** The change class that breaks them (`response-field-removed`); see VERSIONABLE. */
  readonly kind: string;
  /** The version segment the new shape moves under. */
  readonly version?: string;
}

export interface VersionedRoutePlan {
  readonly title: string;
  readonly plan: EditPlan;
}

/**
 * Changes both shapes can be served for from one storage: how the same data is presented (fields, types,
 * status). Request-side changes are left out on purpose: a kept old route would write values the new
 * models reject (an enum value removed, a minimum raised, a field now required), and every new response
 * would then fail on those rows; the field-level fixes keep one storage valid for both. Auth added is left
 * out too: keeping an anonymous copy of the route would undo it.
 */
export const VERSIONABLE = new Set(['response-field-removed', 'response-field-renamed', 'response-type-changed', 'response-made-nullable', 'success-status-changed']);

export const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);
export const shape = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');
export const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const word = (name: string): RegExp => new RegExp(`\\b${escape(name)}\\b`, 'g');

type Operation = { path: string; method: string; source: string };

/** The document's operation matching `METHOD /path` by method and path shape. */
export function findOperation(doc: OpenApiDocument, label: string): Operation | undefined {
  const [method, path] = label.split(' ') as [string, string];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    const op = (item as Record<string, { 'x-source'?: unknown }>)[method.toLowerCase()];
    if (op && shape(p) === shape(path) && typeof op['x-source'] === 'string') return { path: p, method: method.toLowerCase(), source: op['x-source'] };
  }
  return undefined;
}

/** `GET /users/{id}` labels in path order, GET before POST: a plan's title and notes read the same however the finding listed them. */
export function inPathOrder(operations: readonly string[]): string[] {
  const order = [...METHODS];
  const method = (label: string) => order.indexOf(label.split(' ')[0]!.toLowerCase());
  return [...operations].sort((x, y) => x.split(' ')[1]!.localeCompare(y.split(' ')[1]!) || method(x) - method(y));
}

export const splitSource = (source: string): { path: string; row: number } => {
  const m = /^(.*):(\d+)$/.exec(source)!;
  return { path: m[1]!, row: Number(m[2]) - 1 };
};

/**
 * Is a versioned path shadowed by a same-method route of the same file declared before `row`, whose
 * path parameter would take the version segment (`/{book_id}` matching `/v2`)? Starlette and Express
 * both try routes in declaration order.
 */
export function shadowed(doc: OpenApiDocument, method: string, versioned: string, file: string, row: number): boolean {
  const segments = (p: string) => p.split('/').filter(Boolean);
  const isParam = (s: string) => /^\{.*\}$/.test(s);
  const v = segments(versioned);
  return Object.keys(doc.paths ?? {}).some((p) => {
    const op = (doc.paths as Record<string, Record<string, { 'x-source'?: unknown }>>)[p]![method];
    const src = typeof op?.['x-source'] === 'string' ? splitSource(op['x-source']) : undefined;
    if (!src || src.path !== file || src.row >= row) return false;
    const a = segments(p);
    return a.length === v.length && a.every((s, i) => s === v[i] || isParam(s)) && a.some((s, i) => isParam(s) && !isParam(v[i]!));
  });
}

/** Top-level class definitions of a module: name → full text (decorators included). */
function classes(root: SyntaxNode): Map<string, { node: SyntaxNode; text: string; bases: string[] }> {
  const out = new Map<string, { node: SyntaxNode; text: string; bases: string[] }>();
  for (const child of root.namedChildren) {
    if (!child) continue;
    const def = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (def?.type !== 'class_definition') continue;
    const name = def.childForFieldName('name')?.text;
    const bases = (def.childForFieldName('superclasses')?.namedChildren ?? []).filter((b) => b?.type === 'identifier').map((b) => b!.text);
    if (name) out.set(name, { node: child, text: child.text, bases });
  }
  return out;
}

/** The route handler (decorated function) whose `def` starts on a row, with its route decorator for a method. */
function handlerAt(root: SyntaxNode, row: number, method: string): { node: SyntaxNode; name: string; pathArg: SyntaxNode | undefined; decorator: SyntaxNode } | undefined {
  for (const child of root.namedChildren) {
    if (child?.type !== 'decorated_definition') continue;
    const def = child.childForFieldName('definition');
    if (def?.type !== 'function_definition' || def.startPosition.row !== row) continue;
    for (const decorator of child.namedChildren) {
      if (decorator?.type !== 'decorator') continue;
      const call = decorator.namedChildren[0];
      const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== method || !METHODS.has(method)) continue;
      const first = call!.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
      return { node: child, name: def.childForFieldName('name')!.text, pathArg: first?.type === 'string' ? first : undefined, decorator: call! };
    }
  }
  return undefined;
}

/** `, deprecated=True` after a call's last argument (on its own line when the arguments are one per line). */
function deprecate(call: SyntaxNode, text: string, offset: number): string {
  const args = call.childForFieldName('arguments')!;
  if (args.namedChildren.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'deprecated')) return text;
  const last = args.namedChildren[args.namedChildren.length - 1];
  if (!last) return text;
  const at = last.endIndex - offset;
  const after = text.slice(at, args.endIndex - offset);
  const trailing = /^,\s*\n/.exec(after);
  if (trailing) {
    const lineStart = text.lastIndexOf('\n', last.startIndex - offset) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    return `${text.slice(0, at + 1)}\n${indent}deprecated=True,${text.slice(at + 1)}`;
  }
  return `${text.slice(0, at)}, deprecated=True${text.slice(at)}`;
}

/** Add `New` next to `Name` in the `from … import` statement that imports `Name`. */
function importEdit(root: SyntaxNode, name: string, added: string): TextEdit | undefined {
  for (const child of root.namedChildren) {
    if (child?.type !== 'import_from_statement') continue;
    for (const n of child.childrenForFieldName('name')) {
      const id = n?.type === 'dotted_name' ? n : undefined;
      if (id?.text === name) return { start: id.endIndex, end: id.endIndex, text: `, ${added}` };
    }
  }
  return undefined;
}

/**
 * One EditPlan that keeps the given operations' old contract at their old
 * paths and serves the working tree's handlers under `/<version>`; undefined
 * when the operations are not plain FastAPI handlers or the result would not
 * prove itself (see the header).
 */
export async function planVersionedRoute(input: VersionedRouteInput): Promise<VersionedRoutePlan | undefined> {
  if (!VERSIONABLE.has(input.kind)) return undefined;
  const version = input.version ?? 'v2';
  const baseText = new Map(input.base.map((f) => [f.path, f.source]));
  const headText = new Map(input.head.map((f) => [f.path, f.source]));
  const trees: { delete(): void }[] = [];
  const parse = async (source: string) => {
    const tree = await parsePython(source);
    trees.push(tree);
    return tree.rootNode;
  };
  try {
    // Every class of both trees, to tell which models changed and to copy their old text.
    const baseClasses = new Map<string, { path: string; text: string; bases: string[] }>();
    const headClasses = new Map<string, { path: string; text: string; bases: string[] }>();
    for (const [files, into] of [[input.base, baseClasses], [input.head, headClasses]] as const) {
      for (const f of files) {
        if (!f.path.endsWith('.py') || !/^\s*class\s/m.test(f.source)) continue;
        for (const [name, c] of classes(await parse(f.source))) into.set(name, { path: f.path, text: c.text, bases: c.bases });
      }
    }
    // Only request/response models are copied (an ORM class copied would map its table twice): the base
    // contract's schemas and the classes they inherit from.
    // (FastAPI names a model used both ways `BookPublic-Input` / `-Output`.)
    const models = new Set(Object.keys(input.baseDoc.components?.schemas ?? {}).map((n) => n.replace(/-(Input|Output)$/, '')).filter((n) => baseClasses.has(n)));
    for (let grew = true; grew;) {
      grew = false;
      for (const name of [...models]) {
        for (const parent of baseClasses.get(name)!.bases) {
          if (!baseClasses.has(parent) || models.has(parent)) continue;
          models.add(parent);
          grew = true;
        }
      }
    }
    // The old handler runs on today's code beneath it: when another class changed too (an ORM model with a
    // new NOT NULL column, a repository), nothing shows it still serves old clients, so nothing is offered.
    if ([...baseClasses].some(([name, c]) => !models.has(name) && headClasses.get(name)?.text !== c.text)) return undefined;
    // A model is affected when its text changed (or it is gone), or it names an affected model.
    const affected = new Set([...baseClasses].filter(([name, c]) => models.has(name) && headClasses.get(name)?.text !== c.text).map(([name]) => name));
    for (let grew = true; grew;) {
      grew = false;
      for (const [name, c] of baseClasses) {
        if (affected.has(name) || !models.has(name)) continue;
        if ([...affected].some((a) => word(a).test(c.text))) {
          affected.add(name);
          grew = true;
        }
      }
    }

    // Only operations the working tree breaks are worth keeping.
    const breaking = diffContracts(input.baseDoc, input.headDoc).filter((c) => c.verdict === 'breaking');
    if (!input.operations.every((label) => breaking.some((c) => c.operation === label))) return undefined;
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
      if (bText === undefined || hText === undefined || !hs.path.endsWith('.py')) return undefined;
      const oldHandler = handlerAt(await parse(bText), bs.row, b.method);
      const hRoot = await parse(hText);
      const newHandler = handlerAt(hRoot, hs.row, h.method);
      if (!oldHandler || !newHandler?.pathArg) return undefined;
      // The new handler's route path, moved under the version segment (a plain string literal only).
      const literal = /^(["'])(.*)\1$/.exec(newHandler.pathArg.text);
      if (!literal) return undefined;
      const local = literal[2]!;
      if (!h.path.endsWith(local)) return undefined;
      const versioned = `${h.path.slice(0, h.path.length - local.length)}/${version}${local}`;
      // Starlette tries routes in order: a same-method route of this router declared earlier whose path
      // parameter would take the version segment (`/{book_id}` for `/v2`) shadows the versioned route.
      const clash = shadowed(input.headDoc, h.method, versioned, hs.path, hs.row);
      if (clash) return undefined;
      push(hs.path, { start: newHandler.pathArg.startIndex + 1, end: newHandler.pathArg.endIndex - 1, text: `/${version}${local}` });
      const oldName = `${oldHandler.name}_v1`;
      if (word(oldName).test(hText)) return undefined;
      // The old handler, verbatim, renamed and deprecated; inserted after the working tree's handler.
      let oldText = deprecate(oldHandler.decorator, oldHandler.node.text, oldHandler.node.startIndex);
      oldText = oldText.replace(new RegExp(`\\bdef\\s+${escape(oldHandler.name)}\\b`), `def ${oldName}`);
      handlers.push({ oldText, routerPath: hs.path });
      push(hs.path, { start: newHandler.node.endIndex, end: newHandler.node.endIndex, text: `\n\n\n__OLD_${handlers.length - 1}__` });
      moved.push(`${h.method.toUpperCase()} ${versioned}`);
      keptLabels.push(`${b.method.toUpperCase()} ${b.path}`);
    }

    // The old models the old handlers name, with the old models those embed.
    const copies = new Set<string>();
    const pending = handlers.map((x) => x.oldText);
    while (pending.length) {
      const text = pending.pop()!;
      for (const name of affected) {
        if (copies.has(name) || !baseClasses.has(name) || !word(name).test(text)) continue;
        copies.add(name);
        pending.push(baseClasses.get(name)!.text);
      }
    }
    const rename = (text: string) => [...copies].reduce((t, name) => t.replace(word(name), `${name}V1`), text);
    for (const name of copies) if (headClasses.has(`${name}V1`)) return undefined;
    // Copies go into the module the model lived in, after the last of their working-tree namesakes (in base order).
    const byFile = new Map<string, string[]>();
    for (const [name, c] of baseClasses) if (copies.has(name)) byFile.set(c.path, [...(byFile.get(c.path) ?? []), name]);
    for (const [path, names] of byFile) {
      const text = headText.get(path);
      if (text === undefined) return undefined;
      const root = await parse(text);
      const here = classes(root);
      const ends = names.map((n) => here.get(n)?.node.endIndex ?? -1).filter((e) => e >= 0);
      const at = ends.length ? Math.max(...ends) : text.replace(/\s*$/, '').length;
      const block = names.map((n) => `# ${n} as clients of the deprecated route still read it.\n${rename(baseClasses.get(n)!.text)}`).join('\n\n\n');
      push(path, { start: at, end: at, text: `\n\n\n${block}` });
    }
    // Router modules that import a copied model by name import its old copy too.
    for (const routerPath of new Set(handlers.map((x) => x.routerPath))) {
      const root = await parse(headText.get(routerPath)!);
      for (const name of copies) {
        if (byFile.has(routerPath) && byFile.get(routerPath)!.includes(name)) continue;
        if (!handlers.some((x) => x.routerPath === routerPath && word(name).test(x.oldText))) continue;
        const edit = importEdit(root, name, `${name}V1`);
        if (edit) push(routerPath, edit);
      }
    }

    const changes = [...edits].map(([path, list]) => ({
      kind: 'modify' as const,
      path,
      original: headText.get(path)!,
      edits: list.map((e) => ({ ...e, text: e.text.replace(/__OLD_(\d+)__/g, (_, i: string) => rename(handlers[Number(i)]!.oldText)) })),
    }));
    // The proof: every changed file parses, and the old operations no longer break.
    const result = input.head.map((f) => {
      const change = changes.find((c) => c.path === f.path);
      return change ? { path: f.path, source: applyEdits(change.original, change.edits) } : f;
    });
    for (const change of changes) if ((await parse(result.find((f) => f.path === change.path)!.source)).hasError) return undefined;
    const resultDoc = await buildOpenApi(result);
    const still = diffContracts(input.baseDoc, resultDoc).filter((c) => c.verdict === 'breaking' && keptLabels.some((k) => shape(k) === shape(c.operation)));
    if (still.length > 0) return undefined;
    if (!moved.every((m) => findOperation(resultDoc, m))) return undefined;
    const focus = changes.find((c) => c.path === splitSource(findOperation(input.headDoc, input.operations[0]!)!.source).path) ?? changes[0]!;
    const title = keptLabels.length === 1
      ? `Keep ${keptLabels[0]} as it was (deprecated) and serve the new shape at ${moved[0]!.split(' ')[1]}`
      : `Keep ${keptLabels.join(', ')} as they were (deprecated) and serve the new shapes under /${version}`;
    return {
      title,
      plan: {
        changes,
        notes: [`kept ${keptLabels.join(', ')} as they were${copies.size ? `, with the old models as ${[...copies].map((c) => `${c}V1`).join(', ')}` : ''}`, ...moved.map((m) => `new shape at ${m}`)],
        // The first moved route path, as an offset into the resulting text (edits before it shift it).
        focus: { path: focus.path, offset: focus.edits[0]!.start + focus.edits.filter((e) => e.start < focus.edits[0]!.start).reduce((n, e) => n + e.text.length - (e.end - e.start), 0) },
      },
    };
  } finally {
    for (const tree of trees) tree.delete();
  }
}
