// Insertions into existing TypeScript modules, located on the syntax tree
// (the TypeScript compiler that ts-morph brings, loaded lazily) and written as
// plain text edits: the user's formatting, comments, quotes, semicolons and
// line endings stay as they are; nothing is ever duplicated.
import type { ts as TS } from 'ts-morph';
import { parseTypeScript, tsMorph } from '../parse/tsMorph';
import type { TextEdit } from './editPlan';
import { PlanError } from './fastapi';

interface Style {
  readonly eol: string;
  readonly quote: string;
  readonly semi: string;
}

function imports(sf: TS.SourceFile): TS.ImportDeclaration[] {
  const { ts } = tsMorph();
  return sf.statements.filter((s): s is TS.ImportDeclaration => ts.isImportDeclaration(s));
}

function styleOf(text: string, sf: TS.SourceFile): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lastImport = imports(sf).at(-1);
  const quote = lastImport?.moduleSpecifier.getText(sf).startsWith('"') ? '"' : "'";
  const semi = lastImport && !lastImport.getText(sf).trimEnd().endsWith(';') ? '' : ';';
  return { eol, quote, semi };
}

/** Leading whitespace of the line holding `pos`. */
function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Where to insert a new line after the line holding `pos` (before its line break). */
function lineEndAfter(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function lineOf(sf: TS.SourceFile, node: TS.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** Syntax errors the TypeScript parser reports for a text (none means it parses). */
export function syntaxErrors(path: string, text: string): string[] {
  const sf = parseTypeScript(path, text);
  const diagnostics = (sf as unknown as { parseDiagnostics?: { start?: number; messageText: unknown }[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => {
    const at = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    return `line ${at.line + 1}, column ${at.character + 1}: ${typeof d.messageText === 'string' ? d.messageText : 'syntax error'}`;
  });
}

function stringValue(node: TS.Node | undefined): string | undefined {
  const { ts } = tsMorph();
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

export interface RouterMount {
  /** `booksRouter` */
  readonly routerName: string;
  /** `./routes/books` */
  readonly importPath: string;
  /** `/books` */
  readonly mount: string;
}

interface UseCall {
  readonly stmt: TS.ExpressionStatement;
  readonly call: TS.CallExpression;
  readonly callee: TS.PropertyAccessExpression;
}

/** Every `x.use(...);` statement in the file, in document order. */
function useStatements(sf: TS.SourceFile): UseCall[] {
  const { ts } = tsMorph();
  const out: UseCall[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression)) {
      const callee = node.expression.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'use') out.push({ stmt: node, call: node.expression, callee });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * Add `import { booksRouter } from './routes/books';` after the last import
 * and `app.use('/books', booksRouter(deps));` after the last router mount
 * (or before `app.use(notFound)` / `app.use(errorHandler)`). Refuses when
 * the router or the path is already there.
 */
export function planMountRouter(path: string, text: string, r: RouterMount): TextEdit[] {
  const { ts } = tsMorph();
  const sf = parseTypeScript(path, text);
  const style = styleOf(text, sf);
  for (const decl of imports(sf)) {
    const named = decl.importClause?.namedBindings;
    const names = named && ts.isNamedImports(named) ? named.elements.map((e) => e.name.text) : [];
    if (stringValue(decl.moduleSpecifier) === r.importPath || names.includes(r.routerName) || decl.importClause?.name?.text === r.routerName) {
      throw new PlanError(`${path} already imports ${r.routerName} or ${r.importPath}; remove it first or choose another resource name`);
    }
  }
  const uses = useStatements(sf);
  const mounts = uses.filter((u) => stringValue(u.call.arguments[0])?.startsWith('/'));
  const taken = mounts.find((u) => stringValue(u.call.arguments[0]) === r.mount);
  if (taken) {
    throw new PlanError(`${path} already mounts a router at ${r.mount} (line ${lineOf(sf, taken.stmt)}); remove it first or choose another resource name`);
  }
  const anchor = uses.find((u) => u.call.arguments.some((a) => ts.isIdentifier(a) && (a.text === 'notFound' || a.text === 'errorHandler')));
  const before = anchor ? mounts.filter((m) => m.stmt.getStart(sf) < anchor.stmt.getStart(sf)) : mounts;
  const after = before.at(-1);
  const ref = after ?? anchor;
  if (!ref) {
    throw new PlanError(`${path} has no router mounts (app.use('/path', router)) and no app.use(notFound) or app.use(errorHandler) to place the new router before; add \`app.use('${r.mount}', ${r.routerName}(deps));\` by hand`);
  }
  const appName = ref.callee.expression.getText(sf);
  // The argument the other routers get, else the enclosing function's first parameter.
  let deps: string | undefined;
  const routerCall = after?.call.arguments[1];
  if (routerCall && ts.isCallExpression(routerCall) && routerCall.arguments.length === 1) deps = routerCall.arguments[0]!.getText(sf);
  if (!deps) {
    let fn: TS.Node | undefined = ref.stmt.parent;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
    const param = fn && ts.isFunctionLike(fn) ? fn.parameters[0] : undefined;
    if (param && ts.isIdentifier(param.name)) deps = param.name.text;
  }
  if (!deps) throw new PlanError(`${path}: cannot tell which value to pass to ${r.routerName}(...) (no router mount with an argument, no function parameter); add the router by hand`);
  const q = style.quote;
  const useLine = `${appName}.use(${q}${r.mount}${q}, ${r.routerName}(${deps}))${style.semi}`;
  const edits: TextEdit[] = [];
  if (after) {
    const at = lineEndAfter(text, after.stmt.getEnd());
    edits.push({ start: at, end: at, text: `${style.eol}${indentAt(text, after.stmt.getStart(sf))}${useLine}` });
  } else {
    // Before the anchor and the comments above it.
    const start = anchor!.stmt.getStart(sf);
    const comments = ts.getLeadingCommentRanges(text, anchor!.stmt.getFullStart()) ?? [];
    const lineStart = text.lastIndexOf('\n', (comments[0]?.pos ?? start) - 1) + 1;
    edits.push({ start: lineStart, end: lineStart, text: `${indentAt(text, start)}${useLine}${style.eol}` });
  }
  const importLine = `import { ${r.routerName} } from ${q}${r.importPath}${q}${style.semi}`;
  const lastImport = imports(sf).at(-1);
  if (lastImport) {
    const at = lineEndAfter(text, lastImport.getEnd());
    edits.push({ start: at, end: at, text: `${style.eol}${importLine}` });
  } else {
    const first = sf.statements[0];
    const at = first ? first.getStart(sf) : text.length;
    edits.push({ start: at, end: at, text: `${importLine}${style.eol}` });
  }
  return edits;
}

/** The `migrations` variable's array literal (top level, `export`ed or not, through `as`/`satisfies`). */
function migrationsArray(sf: TS.SourceFile): { decl: TS.VariableStatement; array: TS.ArrayLiteralExpression } | undefined {
  const { ts } = tsMorph();
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== 'migrations') continue;
      let init = d.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      if (init && ts.isArrayLiteralExpression(init)) return { decl: stmt, array: init };
    }
  }
  return undefined;
}

/**
 * Append an entry (an object literal's text, unindented) to the array
 * `const migrations = [...]`, keeping its trailing-comma style. Refuses when
 * an entry for the same resource or table exists.
 */
export function planAppendMigration(path: string, text: string, entry: { resource: string; table: string; text: string }): TextEdit[] {
  const { ts } = tsMorph();
  const sf = parseTypeScript(path, text);
  const style = styleOf(text, sf);
  const found = migrationsArray(sf);
  if (!found) {
    throw new PlanError(`${path} has no \`const migrations = [...]\` array to add the ${entry.table} table to; restore it (see a fresh \`backend-skill init express\`)`);
  }
  const elements = found.array.elements;
  for (const element of elements) {
    if (!ts.isObjectLiteralExpression(element)) continue;
    const value = (name: string) => {
      const prop = element.properties.find((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
      return prop && ts.isPropertyAssignment(prop) ? stringValue(prop.initializer) : undefined;
    };
    if (value('resource') === entry.resource || value('table') === entry.table) {
      throw new PlanError(`${path} already has a migration for ${entry.resource} (table ${entry.table}, line ${lineOf(sf, element)}); remove it first or choose another resource name`);
    }
  }
  // The entry is written with two-space indents and single quotes: follow the file's.
  const unit = /^( +|\t)\S/m.exec(text.slice(found.array.getStart(sf)))?.[1] ?? '  ';
  const body = entry.text
    .split('\n')
    .map((line) => line.replace(/^((?: {2})+)/, (lead) => unit.repeat(lead.length / 2)))
    .map((line) => (style.quote === '"' ? line.replace(/^(\s*(?:resource|table): )'([^'"\\]*)'/, '$1"$2"') : line));
  const indented = (indent: string) => body.map((line) => (line ? indent + line : line)).join(style.eol);
  const last = elements.at(-1);
  if (!last) {
    const indent = indentAt(text, found.decl.getStart(sf));
    const open = found.array.getStart(sf) + 1;
    const close = found.array.getEnd() - 1;
    if (text.slice(open, close).trim() !== '') throw new PlanError(`${path}: the empty migrations array holds comments; add the ${entry.table} entry by hand`);
    return [{ start: open, end: close, text: `${style.eol}${indented(indent + unit)},${style.eol}${indent}` }];
  }
  const indent = indentAt(text, last.getStart(sf));
  const close = found.array.getEnd() - 1;
  // After the last element's line (and a comment ending it), unless the array closes on that line.
  const afterLine = (pos: number) => {
    const end = lineEndAfter(text, pos);
    return end <= close ? end : pos;
  };
  if (elements.hasTrailingComma) {
    const comma = text.indexOf(',', last.getEnd()) + 1;
    const at = afterLine(comma);
    return [{ start: at, end: at, text: `${style.eol}${indented(indent)},` }];
  }
  const at = afterLine(last.getEnd());
  return [
    { start: last.getEnd(), end: last.getEnd(), text: ',' },
    { start: at, end: at, text: `${style.eol}${indented(indent)}` },
  ];
}
