// Insertions into existing TypeScript modules, located with ts-morph and
// written as plain text edits: the user's formatting, comments, quotes,
// semicolons and line endings stay as they are; nothing is ever duplicated.
import type * as TsMorph from 'ts-morph';
import { parseTypeScript, tsMorph } from '../parse/tsMorph';
import type { TextEdit } from './editPlan';
import { PlanError } from './fastapi';

interface Style {
  readonly eol: string;
  readonly quote: string;
  readonly semi: string;
}

function styleOf(text: string, sf: TsMorph.SourceFile): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lastImport = sf.getImportDeclarations().at(-1);
  const quote = lastImport?.getModuleSpecifier().getText().startsWith('"') ? '"' : "'";
  const semi = lastImport && !lastImport.getText().trimEnd().endsWith(';') ? '' : ';';
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

/** Syntax errors the TypeScript parser reports for a text (none means it parses). */
export function syntaxErrors(path: string, text: string): string[] {
  const sf = parseTypeScript(path, text);
  const diagnostics = (sf.compilerNode as unknown as { parseDiagnostics?: { start?: number; messageText: unknown }[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => {
    const at = sf.getLineAndColumnAtPos(d.start ?? 0);
    return `line ${at.line}, column ${at.column}: ${typeof d.messageText === 'string' ? d.messageText : 'syntax error'}`;
  });
}

function stringValue(node: TsMorph.Node | undefined): string | undefined {
  const { Node } = tsMorph();
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return node.getLiteralText();
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

/**
 * Add `import { booksRouter } from './routes/books';` after the last import
 * and `app.use('/books', booksRouter(deps));` after the last router mount
 * (or before `app.use(notFound)` / `app.use(errorHandler)`). Refuses when
 * the router or the path is already there.
 */
export function planMountRouter(path: string, text: string, r: RouterMount): TextEdit[] {
  const { Node, SyntaxKind } = tsMorph();
  const sf = parseTypeScript(path, text);
  const style = styleOf(text, sf);
  for (const decl of sf.getImportDeclarations()) {
    if (decl.getModuleSpecifierValue() === r.importPath || decl.getNamedImports().some((i) => (i.getAliasNode() ?? i.getNameNode()).getText() === r.routerName)) {
      throw new PlanError(`${path} already imports ${r.routerName} or ${r.importPath}; remove it first or choose another resource name`);
    }
  }
  const uses: { stmt: TsMorph.ExpressionStatement; call: TsMorph.CallExpression }[] = [];
  for (const stmt of sf.getDescendantsOfKind(SyntaxKind.ExpressionStatement)) {
    const call = stmt.getExpression();
    if (!Node.isCallExpression(call)) continue;
    const callee = call.getExpression();
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'use') uses.push({ stmt, call });
  }
  const mounts = uses.filter((u) => stringValue(u.call.getArguments()[0])?.startsWith('/'));
  const taken = mounts.find((u) => stringValue(u.call.getArguments()[0]) === r.mount);
  if (taken) {
    throw new PlanError(`${path} already mounts a router at ${r.mount} (line ${taken.stmt.getStartLineNumber()}); remove it first or choose another resource name`);
  }
  const anchor = uses.find((u) => u.call.getArguments().some((a) => Node.isIdentifier(a) && (a.getText() === 'notFound' || a.getText() === 'errorHandler')));
  const before = anchor ? mounts.filter((m) => m.stmt.getStart() < anchor.stmt.getStart()) : mounts;
  const after = before.at(-1);
  if (!after && !anchor) {
    throw new PlanError(`${path} has no router mounts (app.use('/path', router)) and no app.use(notFound) or app.use(errorHandler) to place the new router before; add \`app.use('${r.mount}', ${r.routerName}(deps));\` by hand`);
  }
  const ref = (after ?? anchor)!;
  const callee = ref.call.getExpression() as TsMorph.PropertyAccessExpression;
  const appName = callee.getExpression().getText();
  // The deps argument the other routers get, else the enclosing function's first parameter.
  let deps: string | undefined;
  const routerCall = after?.call.getArguments()[1];
  if (routerCall && Node.isCallExpression(routerCall) && routerCall.getArguments().length === 1) deps = routerCall.getArguments()[0]!.getText();
  if (!deps) {
    const fn = ref.stmt.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a));
    const param = fn && (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) ? fn.getParameters()[0] : undefined;
    if (param && Node.isIdentifier(param.getNameNode())) deps = param.getName();
  }
  if (!deps) throw new PlanError(`${path}: cannot tell which value to pass to ${r.routerName}(...) (no router mount with an argument, no function parameter); add the router by hand`);
  const q = style.quote;
  const useLine = `${appName}.use(${q}${r.mount}${q}, ${r.routerName}(${deps}))${style.semi}`;
  const edits: TextEdit[] = [];
  if (after) {
    const at = lineEndAfter(text, after.stmt.getEnd());
    edits.push({ start: at, end: at, text: `${style.eol}${indentAt(text, after.stmt.getStart())}${useLine}` });
  } else {
    // Before the anchor and the comments above it.
    const comments = anchor!.stmt.getLeadingCommentRanges();
    const start = comments[0]?.getPos() ?? anchor!.stmt.getStart();
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    edits.push({ start: lineStart, end: lineStart, text: `${indentAt(text, anchor!.stmt.getStart())}${useLine}${style.eol}` });
  }
  const importLine = `import { ${r.routerName} } from ${q}${r.importPath}${q}${style.semi}`;
  const lastImport = sf.getImportDeclarations().at(-1);
  if (lastImport) {
    const at = lineEndAfter(text, lastImport.getEnd());
    edits.push({ start: at, end: at, text: `${style.eol}${importLine}` });
  } else {
    const first = sf.getStatements()[0];
    const at = first ? first.getStart() : text.length;
    edits.push({ start: at, end: at, text: `${importLine}${style.eol}${first ? '' : ''}` });
  }
  return edits;
}

/**
 * Append an entry (an object literal's text, unindented) to the array
 * `const migrations = [...]`, keeping its trailing-comma style. Refuses when
 * an entry for the same resource or table exists.
 */
export function planAppendMigration(path: string, text: string, entry: { resource: string; table: string; text: string }): TextEdit[] {
  const { Node, SyntaxKind } = tsMorph();
  const sf = parseTypeScript(path, text);
  const style = styleOf(text, sf);
  const decl = sf.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((d) => d.getName() === 'migrations');
  let init = decl?.getInitializer();
  while (init && (Node.isAsExpression(init) || Node.isSatisfiesExpression(init) || Node.isParenthesizedExpression(init))) init = init.getExpression();
  if (!decl || !init || !Node.isArrayLiteralExpression(init)) {
    throw new PlanError(`${path} has no \`const migrations = [...]\` array to add the ${entry.table} table to; restore it (see a fresh \`backend-skill init express\`)`);
  }
  const elements = init.getElements();
  for (const element of elements) {
    if (!Node.isObjectLiteralExpression(element)) continue;
    const value = (name: string) => {
      const prop = element.getProperty(name);
      return prop && Node.isPropertyAssignment(prop) ? stringValue(prop.getInitializer()) : undefined;
    };
    if (value('resource') === entry.resource || value('table') === entry.table) {
      throw new PlanError(`${path} already has a migration for ${entry.resource} (table ${entry.table}, line ${element.getStartLineNumber()}); remove it first or choose another resource name`);
    }
  }
  const indented = (indent: string) => entry.text.split('\n').map((line) => (line ? indent + line : line)).join(style.eol);
  const last = elements.at(-1);
  if (!last) {
    const indent = indentAt(text, decl.getStart());
    const open = init.getStart() + 1;
    const close = init.getEnd() - 1;
    return [{ start: open, end: close, text: `${style.eol}${indented(indent + '  ')},${style.eol}${indent}` }];
  }
  const indent = indentAt(text, last.getStart());
  const trailing = /^\s*,/.exec(text.slice(last.getEnd()));
  if (trailing) {
    const at = last.getEnd() + trailing[0].length;
    return [{ start: at, end: at, text: `${style.eol}${indented(indent)},` }];
  }
  return [{ start: last.getEnd(), end: last.getEnd(), text: `,${style.eol}${indented(indent)}` }];
}
