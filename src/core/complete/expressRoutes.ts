// Route completions for an Express router module (TypeScript): in the
// function that creates `const router = Router()`, after it, at the start of
// a statement, offer one handler per method — the CRUD router's own handler
// text for the resource the module's repository serves, using the module's
// router, repository and `auth` variables, with the mount path from
// src/app.ts in the detail. The schemas the handler needs that the module
// lacks become import edits (merged into an existing import of the same
// module). Never offered inside strings, templates or comments: decided on
// the TypeScript syntax tree (the compiler inside ts-morph, loaded on the
// first request in a module that creates a router).
import type * as TsMorph from 'ts-morph';
import { expressCrudHandler, type ExpressCrudOperation, EXPRESS_HANDLERS } from '../emit/express/snippets';
import { expressNames } from '../emit/express/ts';
import type { FileView } from '../files';
import { tsMorph } from '../parse/tsMorph';
import type { TextEdit } from '../plan/editPlan';
import { resourceNames } from '../spec/names';
import type { RouteCompletion } from './fastapiRoutes';

type Ts = typeof TsMorph.ts;
type Node = TsMorph.ts.Node;

export interface ExpressCompletionFacts {
  /** Names exported by the schema modules: name -> module path (`src/schemas/author.ts`). */
  readonly schemas: ReadonlyMap<string, string>;
  /** Router factory -> the path src/app.ts mounts it at (`authorsRouter` -> `/authors`). */
  readonly mounts: ReadonlyMap<string, string>;
}

const ts = (): Ts => tsMorph().ts;

function sourceFile(path: string, text: string): TsMorph.ts.SourceFile {
  const t = ts();
  return t.createSourceFile(path || 'module.ts', text, t.ScriptTarget.Latest, true, /\.[cm]?js$/.test(path) ? t.ScriptKind.JS : t.ScriptKind.TS);
}

/** Read the schema modules' exports and the router mounts of src/app.ts. */
export async function readExpressCompletionFacts(view: FileView): Promise<ExpressCompletionFacts> {
  const t = ts();
  const files = (await view.listDir('src/schemas')).filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'));
  const schemas = new Map<string, string>();
  for (const path of files.sort()) {
    const text = await view.readFile(path);
    if (text === undefined) continue;
    for (const statement of sourceFile(path, text).statements) {
      const exported = t.canHaveModifiers(statement) && t.getModifiers(statement)?.some((m) => m.kind === t.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (t.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (t.isIdentifier(d.name)) schemas.set(d.name.text, path);
      } else if ((t.isFunctionDeclaration(statement) || t.isTypeAliasDeclaration(statement) || t.isInterfaceDeclaration(statement)) && statement.name) {
        if (!schemas.has(statement.name.text)) schemas.set(statement.name.text, path);
      }
    }
  }
  const mounts = new Map<string, string>();
  const app = await view.readFile('src/app.ts');
  if (app !== undefined) {
    const visit = (node: Node): void => {
      // app.use('/authors', authorsRouter(deps))
      if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'use') {
        const [path, router] = node.arguments;
        if (path && t.isStringLiteral(path) && router && t.isCallExpression(router) && t.isIdentifier(router.expression)) mounts.set(router.expression.text, path.text);
      }
      t.forEachChild(node, visit);
    };
    visit(sourceFile('src/app.ts', app));
  }
  return { schemas, mounts };
}

/** The `const NAME = Router()` (or `express.Router()`) declaration, with the block it is in. */
function findRouter(t: Ts, sf: TsMorph.ts.SourceFile): { name: string; statement: Node; scope: Node } | undefined {
  let found: { name: string; statement: Node; scope: Node } | undefined;
  const visit = (node: Node): void => {
    if (found) return;
    if (t.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) {
        const init = d.initializer;
        if (t.isIdentifier(d.name) && init && t.isCallExpression(init) && /^(?:express\.)?Router$/.test(init.expression.getText(sf))) {
          found = { name: d.name.text, statement: node, scope: node.parent };
          return;
        }
      }
    }
    t.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The innermost token whose full range (leading trivia included) holds `offset`. */
function tokenAt(sf: TsMorph.ts.SourceFile, offset: number): Node {
  let node: Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.pos <= offset && offset < c.end);
    if (!child) return node;
    node = child;
  }
}

/** Is `offset` inside a comment, a string, a template or a regular expression? */
function inLiteralOrComment(t: Ts, sf: TsMorph.ts.SourceFile, offset: number): boolean {
  const token = tokenAt(sf, offset);
  const text = sf.text;
  if (offset < token.getStart(sf)) {
    // In the token's leading trivia: comments there (a line comment runs to its line's end).
    for (const c of t.getLeadingCommentRanges(text, token.pos) ?? []) {
      if (c.pos < offset && (offset < c.end || (c.kind === t.SyntaxKind.SingleLineCommentTrivia && offset === c.end))) return true;
    }
    return false;
  }
  const literal = [
    t.SyntaxKind.StringLiteral, t.SyntaxKind.NoSubstitutionTemplateLiteral, t.SyntaxKind.TemplateHead,
    t.SyntaxKind.TemplateMiddle, t.SyntaxKind.TemplateTail, t.SyntaxKind.RegularExpressionLiteral, t.SyntaxKind.JsxText,
  ];
  return literal.includes(token.kind);
}

/**
 * Where a handler can start: the line holds only an identifier being typed
 * (`get`, `router.p`) or nothing, the cursor is directly in the router's block
 * after its declaration, outside literals and comments. Returns the start of
 * the typed text.
 */
function insertionStart(t: Ts, sf: TsMorph.ts.SourceFile, router: { statement: Node; scope: Node }, offset: number): number | undefined {
  const source = sf.text;
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = source.indexOf('\n', offset);
  const typed = source.slice(lineStart, offset);
  const m = /^(\s*)([A-Za-z_$][\w$.]*)?$/.exec(typed);
  if (!m || source.slice(offset, lineEnd < 0 ? source.length : lineEnd).trim() !== '') return undefined;
  if (offset <= router.statement.end || offset >= router.scope.end) return undefined;
  if (inLiteralOrComment(t, sf, offset)) return undefined;
  const wordStart = lineStart + m[1]!.length;
  // The statement the cursor is in (the typed word's), or the one that follows it: a direct child of the router's block.
  let node: Node | undefined = m[2] ? tokenAt(sf, wordStart) : tokenAt(sf, offset);
  if (m[2]) {
    while (node && node.parent !== router.scope) {
      if (!t.isIdentifier(node) && !t.isPropertyAccessExpression(node) && !t.isExpressionStatement(node)) return undefined;
      node = node.parent;
    }
    if (!node || !t.isExpressionStatement(node)) return undefined;
  } else {
    // Nothing typed: the next token must start a statement of the block, or close it.
    if (node.kind === t.SyntaxKind.CloseBraceToken && node.parent === router.scope) return wordStart;
    const first = node.getStart(sf);
    while (node && node.parent !== router.scope && node.parent && node.parent.getStart(sf) === first) node = node.parent;
    if (node?.parent !== router.scope) return undefined;
  }
  return wordStart;
}

/** `import { a, type B } from '../schemas/x';` path between two project modules. */
function relativeModule(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.replace(/\.ts$/, '').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return `${up === 0 ? './' : '../'.repeat(up)}${b.slice(i).join('/')}`;
}

/** Names the handler reads (identifiers not after a dot, not property names). */
function identifiersIn(t: Ts, code: string): Set<string> {
  const sf = sourceFile('handler.ts', code);
  const out = new Set<string>();
  const visit = (node: Node): void => {
    if (t.isIdentifier(node)) {
      const p = node.parent;
      const member = (t.isPropertyAccessExpression(p) && p.name === node) || (t.isPropertyAssignment(p) && p.name === node) || t.isBindingElement(p) || t.isParameter(p) || t.isVariableDeclaration(p);
      if (!member) out.add(node.text);
    }
    t.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Names declared or imported at the module's top level. */
function moduleNames(t: Ts, sf: TsMorph.ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const s of sf.statements) {
    if (t.isImportDeclaration(s)) {
      const clause = s.importClause;
      if (clause?.name) out.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && t.isNamedImports(bindings)) for (const e of bindings.elements) out.add(e.name.text);
      else if (bindings && t.isNamespaceImport(bindings)) out.add(bindings.name.text);
    } else if (t.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (t.isIdentifier(d.name)) out.add(d.name.text);
    } else if ((t.isFunctionDeclaration(s) || t.isClassDeclaration(s) || t.isTypeAliasDeclaration(s) || t.isInterfaceDeclaration(s)) && s.name) {
      out.add(s.name.text);
    }
  }
  return out;
}

/** One edit adding `specs` (`Name`, `type Name`) to the imports of `module`: merged into an existing `import { … }`, else a new line after the last import. */
function importEdit(t: Ts, sf: TsMorph.ts.SourceFile, module: string, specs: readonly string[]): TextEdit {
  const imports = sf.statements.filter(t.isImportDeclaration);
  const same = imports.find((s) => t.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === module && !s.importClause?.isTypeOnly && s.importClause?.namedBindings !== undefined && t.isNamedImports(s.importClause.namedBindings));
  const named = same?.importClause?.namedBindings as TsMorph.ts.NamedImports | undefined;
  const last = named?.elements[named.elements.length - 1];
  const text = sf.text;
  if (named && last) {
    if (text.slice(named.getStart(sf), named.end).includes('\n')) {
      // One name per line: the same indentation, the trailing comma kept as it was.
      const indent = /[ \t]*$/.exec(text.slice(0, last.getStart(sf)))![0];
      const comma = text[last.end] === ',';
      const at = comma ? last.end + 1 : last.end;
      return { start: at, end: at, text: `${comma ? '' : ','}${specs.map((x) => `\n${indent}${x}`).join(',')}${comma ? ',' : ''}` };
    }
    return { start: last.end, end: last.end, text: specs.map((x) => `, ${x}`).join('') };
  }
  const anchor = imports[imports.length - 1];
  const line = `import { ${specs.join(', ')} } from '${module}';\n`;
  if (!anchor) return { start: 0, end: 0, text: line };
  const nl = text.indexOf('\n', anchor.end);
  const at = nl < 0 ? text.length : nl + 1;
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
 * Cheap text checks (no compiler): the module creates a router and the line
 * holds only an identifier being typed, or nothing. The TypeScript compiler
 * is loaded only when this holds.
 */
export function expressCompletionMayApply(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = source.indexOf('\n', offset);
  return /^\s*(?:[A-Za-z_$][\w$.]*)?$/.test(source.slice(lineStart, offset)) && source.slice(offset, lineEnd < 0 ? source.length : lineEnd).trim() === '' && /\bRouter\(/.test(source);
}

/**
 * Handler completions at `offset` of an Express router module (`path`
 * relative to the project root), or [] when none belong there.
 */
export function expressRouteCompletions(source: string, offset: number, facts: ExpressCompletionFacts, path = 'src/routes/module.ts'): RouteCompletion[] {
  if (!expressCompletionMayApply(source, offset) || facts.schemas.size === 0) return [];
  const t = ts();
  const sf = sourceFile(path, source);
  const router = findRouter(t, sf);
  if (!router) return [];
  const start = insertionStart(t, sf, router, offset);
  if (start === undefined) return [];
  // The resource: the repository the router's block creates (`const authors = new AuthorRepository(...)`).
  let repoVar: string | undefined;
  let className: string | undefined;
  let authVar: string | undefined;
  let routerAuth = false;
  for (const s of (router.scope as TsMorph.ts.Block).statements ?? []) {
    if (t.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        if (!t.isIdentifier(d.name) || !init) continue;
        if (t.isNewExpression(init) && t.isIdentifier(init.expression) && /Repository$/.test(init.expression.text)) {
          repoVar = d.name.text;
          className = init.expression.text.replace(/Repository$/, '');
        }
        if (t.isCallExpression(init) && init.expression.getText(sf) === 'requireAuth') authVar = d.name.text;
      }
    } else if (t.isExpressionStatement(s) && /^\w+\.use\(\s*requireAuth\(/.test(s.expression.getText(sf))) routerAuth = true;
  }
  if (!className || !repoVar || !facts.schemas.has(`${className}Create`)) return [];
  const names = expressNames(resourceNames(className));
  const declared = moduleNames(t, sf);
  const factory = sf.statements.find((s): s is TsMorph.ts.FunctionDeclaration => t.isFunctionDeclaration(s) && s.getStart(sf) <= router.statement.getStart(sf) && router.statement.end <= s.end);
  const mount = factory?.name ? facts.mounts.get(factory.name.text) ?? '' : '';
  const out: RouteCompletion[] = [];
  for (const [i, { op, label }] of OPS.entries()) {
    let code = expressCrudHandler({ names, auth: authVar ? 'writes' : routerAuth ? 'all' : 'none' }, op);
    const reads = identifiersIn(t, code);
    // found()/missing() are the router module's helpers: without them, the handlers that use them are not offered.
    if ((reads.has('found') && !declared.has('found')) || (reads.has('missing') && !declared.has('missing'))) continue;
    code = code.replace(/^router\./, `${router.name}.`).replace(new RegExp(`\\b${names.camelPlural}\\.`, 'g'), `${repoVar}.`);
    if (authVar && authVar !== 'auth') code = code.replace(/, auth, async/, `, ${authVar}, async`);
    // Imports for the schemas it reads that the module lacks, all merged into the one edit per module.
    const edits: TextEdit[] = [];
    const pending = new Map<string, string[]>();
    for (const name of [...reads].sort()) {
      if (declared.has(name)) continue;
      const modulePath = facts.schemas.get(name);
      if (!modulePath) continue;
      const typeOnly = new RegExp(`:\\s*${name}\\b`).test(code) && !new RegExp(`\\b${name}\\.`).test(code);
      const module = relativeModule(path, modulePath);
      pending.set(module, [...(pending.get(module) ?? []), `${typeOnly ? 'type ' : ''}${name}`]);
    }
    for (const [module, specs] of pending) edits.push(importEdit(t, sf, module, specs));
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
      additionalEdits: edits,
    });
  }
  return out;
}
