// Route completions for an Express router module (TypeScript): in the
// function that creates `const router = Router()`, after it, at the start of
// a statement, offer one handler per method — the CRUD router's own handler
// text for the resource the module's repository serves, using the module's
// router, repository and `auth` variables, with the mount path from
// src/app.ts in the detail. The schemas the handler needs that the module
// lacks become import edits (merged into an existing import of the same
// module). Never offered inside strings, templates, comments or nested code:
// decided on the syntax tree (tree-sitter-typescript, the grammar the
// TypeScript analysis already loads; never the TypeScript compiler).
import { expressCrudHandler, EXPRESS_HANDLERS, type ExpressCrudOperation } from '../emit/express/snippets';
import { expressNames } from '../emit/express/ts';
import type { FileView } from '../files';
import type { SyntaxNode } from '../parse/python';
import { parseTypeScript, tsDialectOf } from '../parse/typescript';
import type { TextEdit } from '../plan/editPlan';
import { resourceNames } from '../request/names';
import type { RouteCompletion } from './fastapiRoutes';

export interface ExpressCompletionFacts {
  /** Names exported by the schema modules: name -> module path (`src/schemas/author.ts`). */
  readonly schemas: ReadonlyMap<string, string>;
  /** Router factory -> the path src/app.ts mounts it at (`authorsRouter` -> `/authors`). */
  readonly mounts: ReadonlyMap<string, string>;
}

const named = (node: SyntaxNode): SyntaxNode[] => node.namedChildren.filter((c): c is SyntaxNode => c !== null);

/** The declaration an `export` statement wraps, or the statement itself. */
const declarationOf = (statement: SyntaxNode): SyntaxNode => (statement.type === 'export_statement' ? statement.childForFieldName('declaration') ?? statement : statement);

/** Names a top-level statement declares (variables, functions, classes, types). */
function declaredBy(statement: SyntaxNode): string[] {
  const d = declarationOf(statement);
  if (d.type === 'lexical_declaration' || d.type === 'variable_declaration') {
    return named(d).filter((v) => v.type === 'variable_declarator').map((v) => v.childForFieldName('name')).filter((n): n is SyntaxNode => n?.type === 'identifier').map((n) => n.text);
  }
  const name = ['function_declaration', 'class_declaration', 'type_alias_declaration', 'interface_declaration', 'enum_declaration'].includes(d.type) ? d.childForFieldName('name') : null;
  return name ? [name.text] : [];
}

/** The text of a string literal node. */
const stringText = (node: SyntaxNode | null | undefined): string | undefined =>
  node?.type === 'string' ? named(node).filter((c) => c.type === 'string_fragment').map((c) => c.text).join('') : undefined;

/** Read the schema modules' exports and the router mounts of src/app.ts. */
export async function readExpressCompletionFacts(view: FileView): Promise<ExpressCompletionFacts> {
  const files = (await view.listDir('src/schemas')).filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')).sort();
  const schemas = new Map<string, string>();
  for (const path of files) {
    const text = await view.readFile(path);
    if (text === undefined) continue;
    const tree = await parseTypeScript(text);
    try {
      for (const statement of named(tree.rootNode)) {
        if (statement.type !== 'export_statement') continue;
        for (const name of declaredBy(statement)) if (!schemas.has(name)) schemas.set(name, path);
      }
    } finally {
      tree.delete();
    }
  }
  const mounts = new Map<string, string>();
  const app = await view.readFile('src/app.ts');
  if (app !== undefined) {
    const tree = await parseTypeScript(app);
    try {
      // app.use('/authors', authorsRouter(deps))
      for (const call of tree.rootNode.descendantsOfType('call_expression')) {
        const callee = call?.childForFieldName('function');
        if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'use') continue;
        const [path, router] = named(call!.childForFieldName('arguments')!);
        const factory = router?.type === 'call_expression' ? router.childForFieldName('function') : undefined;
        const mount = stringText(path);
        if (mount !== undefined && factory?.type === 'identifier') mounts.set(factory.text, mount);
      }
    } finally {
      tree.delete();
    }
  }
  return { schemas, mounts };
}

/** The `const NAME = Router()` (or `express.Router()`) declaration, with the block it is in. */
function findRouter(root: SyntaxNode): { name: string; statement: SyntaxNode; scope: SyntaxNode } | undefined {
  for (const declarator of root.descendantsOfType('variable_declarator')) {
    const value = declarator?.childForFieldName('value');
    const name = declarator?.childForFieldName('name');
    const callee = value?.type === 'call_expression' ? value.childForFieldName('function')?.text : undefined;
    const statement = declarator?.parent;
    if (name?.type === 'identifier' && (callee === 'Router' || callee === 'express.Router') && statement?.parent) {
      return { name: name.text, statement, scope: statement.parent };
    }
  }
  return undefined;
}

/**
 * Cheap text checks (no parse): the module creates a router and the line
 * holds only an identifier being typed, or nothing.
 */
export function expressCompletionMayApply(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = source.indexOf('\n', offset);
  return /^\s*(?:[A-Za-z_$][\w$.]*)?$/.test(source.slice(lineStart, offset)) && source.slice(offset, lineEnd < 0 ? source.length : lineEnd).trim() === '' && /\bRouter\(/.test(source);
}

/**
 * Can a statement start at `at` (in the module without the typed word)?
 * Only directly in the router's block, after the router, between two of its
 * children — so never inside a statement, a string, a template or a comment
 * (comments are children of the block too) — and not after a syntax error in
 * the block (what an unclosed comment or template leaves).
 */
function betweenStatements(router: { statement: SyntaxNode; scope: SyntaxNode }, at: number): boolean {
  const { scope } = router;
  const inside = scope.type === 'program' ? true : scope.startIndex < at && at < scope.endIndex;
  if (!inside || at < router.statement.endIndex) return false;
  for (let i = 0; i < scope.childCount; i++) {
    const child = scope.child(i);
    if (child && child.startIndex < at && at < child.endIndex) return false;
  }
  // An unclosed comment or template above leaves only an error behind (the rest reads as code): no guess then.
  return !scope.hasError || !errorBefore(scope, at);
}

function errorBefore(node: SyntaxNode, at: number): boolean {
  if (node.startIndex >= at) return false;
  if (node.isError || node.isMissing) return true;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && (child.hasError || child.isMissing) && errorBefore(child, at)) return true;
  }
  return false;
}

/** `../schemas/author` from `src/routes/authors.ts` to `src/schemas/author.ts`. */
function relativeModule(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.replace(/\.ts$/, '').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return `${up === 0 ? './' : '../'.repeat(up)}${b.slice(i).join('/')}`;
}

/** Names a handler reads: as values (`identifier`) and as types only (`type_identifier`). */
async function namesIn(code: string): Promise<{ values: Set<string>; types: Set<string> }> {
  const tree = await parseTypeScript(code);
  try {
    const values = new Set(tree.rootNode.descendantsOfType('identifier').map((n) => n!.text));
    const types = new Set(tree.rootNode.descendantsOfType('type_identifier').map((n) => n!.text).filter((n) => !values.has(n)));
    return { values, types };
  } finally {
    tree.delete();
  }
}

/** Names imported or declared at the module's top level. */
function moduleNames(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const statement of named(root)) {
    if (statement.type === 'import_statement') {
      for (const spec of statement.descendantsOfType(['import_specifier', 'namespace_import'])) {
        const id = spec?.childForFieldName('alias') ?? spec?.childForFieldName('name') ?? (spec ? named(spec).find((c) => c.type === 'identifier') : undefined);
        if (id) out.add(id.text);
      }
      const clause = named(statement).find((c) => c.type === 'import_clause');
      const def = clause ? named(clause).find((c) => c.type === 'identifier') : undefined;
      if (def) out.add(def.text);
    } else {
      for (const name of declaredBy(statement)) out.add(name);
    }
  }
  return out;
}

/** One edit adding `specs` (`Name`, `type Name`) to the imports of `module`: merged into an existing `import { … }`, else a new line after the last import. */
function importEdit(source: string, root: SyntaxNode, module: string, specs: readonly string[]): TextEdit {
  const imports = named(root).filter((s) => s.type === 'import_statement');
  const same = imports.find((s) => stringText(s.childForFieldName('source')) === module && !s.children.some((c) => c?.type === 'type'));
  const list = same?.descendantsOfType('named_imports')[0];
  const elements = list ? named(list).filter((c) => c.type === 'import_specifier') : [];
  const last = elements[elements.length - 1];
  if (list && last) {
    if (list.text.includes('\n')) {
      // One name per line: the same indentation, the trailing comma kept as it was.
      const indent = /[ \t]*$/.exec(source.slice(0, last.startIndex))![0];
      const comma = source[last.endIndex] === ',';
      const at = comma ? last.endIndex + 1 : last.endIndex;
      return { start: at, end: at, text: `${comma ? '' : ','}${specs.map((x) => `\n${indent}${x}`).join(',')}${comma ? ',' : ''}` };
    }
    return { start: last.endIndex, end: last.endIndex, text: specs.map((x) => `, ${x}`).join('') };
  }
  const anchor = imports[imports.length - 1];
  const line = `import { ${specs.join(', ')} } from '${module}';\n`;
  if (!anchor) return { start: 0, end: 0, text: line };
  const nl = source.indexOf('\n', anchor.endIndex);
  const at = nl < 0 ? source.length : nl + 1;
  return { start: at, end: at, text: nl < 0 ? `\n${line}` : line };
}

const OPS: readonly { op: ExpressCrudOperation; label: string }[] = [
  { op: 'create', label: 'create' },
  { op: 'list', label: 'list' },
  { op: 'get', label: 'get one' },
  { op: 'replace', label: 'replace' },
  { op: 'update', label: 'update some fields' },
  { op: 'delete', label: 'delete' },
];

/**
 * Handler completions at `offset` of an Express router module (`path`
 * relative to the project root), or [] when none belong there.
 */
export async function expressRouteCompletions(source: string, offset: number, facts: ExpressCompletionFacts, path = 'src/routes/module.ts'): Promise<RouteCompletion[]> {
  if (!expressCompletionMayApply(source, offset) || facts.schemas.size === 0 || tsDialectOf(path) !== 'typescript') return [];
  // Checked and planned on the module without the typed word (the handler replaces it; a word opens no string or comment).
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const start = lineStart + /^\s*/.exec(source.slice(lineStart, offset))![0].length;
  const base = source.slice(0, start) + source.slice(offset);
  const tree = await parseTypeScript(base);
  try {
    const root = tree.rootNode;
    const router = findRouter(root);
    if (!router || !betweenStatements(router, start)) return [];
    // The resource: the repository the router's block creates (`const authors = new AuthorRepository(...)`).
    let repoVar: string | undefined;
    let className: string | undefined;
    let authVar: string | undefined;
    let routerAuth = false;
    for (const s of named(router.scope)) {
      if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
        for (const d of named(s).filter((c) => c.type === 'variable_declarator')) {
          const name = d.childForFieldName('name');
          const value = d.childForFieldName('value');
          if (name?.type !== 'identifier' || !value) continue;
          const ctor = value.type === 'new_expression' ? value.childForFieldName('constructor') : undefined;
          if (ctor?.type === 'identifier' && /Repository$/.test(ctor.text)) {
            repoVar = name.text;
            className = ctor.text.replace(/Repository$/, '');
          }
          if (value.type === 'call_expression' && value.childForFieldName('function')?.text === 'requireAuth') authVar = name.text;
        }
      } else if (s.type === 'expression_statement' && /^\w+\.use\(\s*requireAuth\(/.test(s.text)) routerAuth = true;
    }
    if (!className || !repoVar || !facts.schemas.has(`${className}Create`)) return [];
    const names = expressNames(resourceNames(className));
    const declared = moduleNames(root);
    const factory = named(root).map(declarationOf).find((d) => d.type === 'function_declaration' && d.startIndex <= router.statement.startIndex && router.statement.endIndex <= d.endIndex);
    const factoryName = factory?.childForFieldName('name')?.text;
    const mount = factoryName ? facts.mounts.get(factoryName) ?? '' : '';
    const out: RouteCompletion[] = [];
    for (const [i, { op, label }] of OPS.entries()) {
      let code = expressCrudHandler({ names, auth: authVar ? 'writes' : routerAuth ? 'all' : 'none' }, op);
      const { values, types } = await namesIn(code);
      // found()/missing() are the router module's helpers: without them, the handlers that use them are not offered.
      if ((values.has('found') && !declared.has('found')) || (values.has('missing') && !declared.has('missing'))) continue;
      code = code.replace(/^router\./, `${router.name}.`).replace(new RegExp(`\\b${names.camelPlural}\\.`, 'g'), `${repoVar}.`);
      if (authVar && authVar !== 'auth') code = code.replace(/, auth, async/, `, ${authVar}, async`);
      // The schemas it reads that the module lacks, one edit per module (type-only names imported as types).
      const pending = new Map<string, string[]>();
      for (const name of [...values, ...types].sort()) {
        const modulePath = facts.schemas.get(name);
        if (declared.has(name) || !modulePath) continue;
        const module = relativeModule(path, modulePath);
        pending.set(module, [...(pending.get(module) ?? []), `${types.has(name) ? 'type ' : ''}${name}`]);
      }
      const shift = offset - start;
      const additionalEdits = [...pending].map(([module, specs]) => importEdit(base, root, module, specs)).map((e) => (e.start >= start ? { ...e, start: e.start + shift, end: e.end + shift } : e));
      const { verb, path: handlerPath } = EXPRESS_HANDLERS[op];
      const escaped = code.replace(/\\/g, '\\\\').replace(/\$/g, '\\$').replace(/\n$/, '');
      const body = escaped.replace(`${router.name}.${verb}('${handlerPath}'`, `${router.name}.${verb}('\${1:${handlerPath}}'`);
      out.push({
        label: `${router.name}.${verb} '${handlerPath}'`,
        filterText: `${router.name}.${verb} ${label}`,
        sortText: `0${i}`,
        detail: `${verb.toUpperCase()} ${mount}${handlerPath === '/' && mount ? '' : handlerPath}: ${label}${authVar && /, \w+, async/.test(code) ? ` (${authVar})` : ''}`,
        preview: code,
        // The editor indents the snippet's lines like the line it starts on.
        snippet: `${body}\n$0`,
        replace: { start, end: offset },
        additionalEdits,
      });
    }
    return out;
  } finally {
    tree.delete();
  }
}
