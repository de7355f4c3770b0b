// Syntax-tree-aware insertion into existing Python modules: add an import
// after the module's imports, add `app.include_router(...)` next to the
// other routers, extend `__all__`. Each step is skipped when already done,
// so planning twice never duplicates anything.
import { parsePython, type SyntaxNode, type SyntaxTree } from '../parse/python';
import { compareImportNames } from '../emit/python';
import type { TextEdit } from './editPlan';

const isImport = (n: SyntaxNode): boolean => n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement';

/** Offset just after the line that ends at `index` (past its newline). */
function lineEnd(source: string, index: number): number {
  const nl = source.indexOf('\n', index);
  return nl < 0 ? source.length : nl + 1;
}

/** The text to insert at `at` so that `line` stands on its own line. */
function asLine(source: string, at: number, line: string): string {
  const needsNewline = at > 0 && source[at - 1] !== '\n';
  return `${needsNewline ? '\n' : ''}${line}\n`;
}

/** Does the module already import `name` from `module` (at top level)? */
export function hasFromImport(tree: SyntaxTree, module: string, name: string): boolean {
  for (const node of tree.rootNode.namedChildren) {
    if (node?.type !== 'import_from_statement') continue;
    if (node.childForFieldName('module_name')?.text !== module) continue;
    for (const child of node.childrenForFieldName('name')) {
      const imported = child?.type === 'aliased_import' ? child.childForFieldName('name')?.text : child?.text;
      if (imported === name) return true;
    }
  }
  return false;
}

const moduleOf = (n: SyntaxNode): string => n.childForFieldName('module_name')?.text ?? '';

/**
 * Add `name` to an existing `from module import ...` statement, keeping the
 * names sorted and the statement's layout (one line, or one name per line).
 * Undefined when the merged line would grow past 100 columns.
 */
function mergeIntoImport(source: string, statement: SyntaxNode, name: string): TextEdit | undefined {
  const names = statement.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
  const last = names[names.length - 1];
  if (!last) return undefined;
  const key = (n: SyntaxNode) => (n.type === 'aliased_import' ? n.childForFieldName('name')?.text ?? n.text : n.text);
  const before = names.find((n) => compareImportNames(key(n), name) > 0);
  if (statement.text.includes('\n')) {
    // Parenthesised, one name per line: a line of its own, same indentation.
    const anchor = before ?? last;
    const lineStart = source.lastIndexOf('\n', anchor.startIndex) + 1;
    const indent = source.slice(lineStart, anchor.startIndex);
    if (before) return { start: lineStart, end: lineStart, text: `${indent}${name},\n` };
    const comma = source[last.endIndex] === ',';
    const at = comma ? last.endIndex + 1 : last.endIndex;
    return { start: at, end: at, text: `${comma ? '' : ','}\n${indent}${name}${comma ? ',' : ''}` };
  }
  const lineEndAt = source.indexOf('\n', statement.startIndex);
  const lineLength = (lineEndAt < 0 ? source.length : lineEndAt) - statement.startIndex;
  if (lineLength + name.length + 2 > 100) return undefined;
  return before
    ? { start: before.startIndex, end: before.startIndex, text: `${name}, ` }
    : { start: last.endIndex, end: last.endIndex, text: `, ${name}` };
}

/**
 * Plan `from module import name`, isort-style: merged into an existing import
 * from the same module; else a new line in sorted position among imports from
 * the same package; else after the last top-level import (or the docstring).
 * Undefined when the name is already imported.
 */
export function planFromImport(source: string, tree: SyntaxTree, module: string, name: string): TextEdit | undefined {
  if (hasFromImport(tree, module, name)) return undefined;
  const top = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => n !== null);
  const imports = top.filter(isImport);
  const fromImports = imports.filter((n) => n.type === 'import_from_statement');
  const same = fromImports.find((n) => moduleOf(n) === module && !n.descendantsOfType('wildcard_import').length);
  const merged = same && mergeIntoImport(source, same, name);
  if (merged) return merged;
  const line = `from ${module} import ${name}`;
  const pkg = module.includes('.') ? module.slice(0, module.lastIndexOf('.')) : module;
  const siblings = fromImports.filter((n) => moduleOf(n) === pkg || moduleOf(n).startsWith(`${pkg}.`));
  const next = siblings.find((n) => moduleOf(n) > module);
  if (next && !same) return { start: next.startIndex, end: next.startIndex, text: `${line}\n` };
  const anchor = same ?? siblings[siblings.length - 1] ?? imports[imports.length - 1];
  if (anchor) {
    const at = lineEnd(source, anchor.endIndex);
    return { start: at, end: at, text: asLine(source, at, line) };
  }
  const first = top[0];
  const docstring = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string' ? first : undefined;
  const at = docstring ? lineEnd(source, docstring.endIndex) : 0;
  return { start: at, end: at, text: docstring ? `\n${line}\n` : `${line}\n` };
}

/**
 * Plan `import module` (a plain import): undefined when the module is already
 * imported at top level; else after the last plain import, before the first
 * `from` import, or after the docstring.
 */
export function planImport(source: string, tree: SyntaxTree, module: string): TextEdit | undefined {
  const top = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => n !== null);
  const plain = top.filter((n) => n.type === 'import_statement');
  if (plain.some((n) => n.childrenForFieldName('name').some((c) => c?.type === 'dotted_name' && c.text === module))) return undefined;
  const line = `import ${module}`;
  const after = plain.filter((n) => (n.childForFieldName('name')?.text ?? '') < module).pop();
  if (after) {
    const at = lineEnd(source, after.endIndex);
    return { start: at, end: at, text: asLine(source, at, line) };
  }
  const first = top.find(isImport);
  if (first) return { start: first.startIndex, end: first.startIndex, text: `${line}\n` };
  const head = top[0];
  const docstring = head?.type === 'expression_statement' && head.namedChild(0)?.type === 'string' ? head : undefined;
  const at = docstring ? lineEnd(source, docstring.endIndex) : 0;
  return { start: at, end: at, text: docstring ? `\n${line}\n` : `${line}\n` };
}

/** Where the FastAPI app lives: its variable, and the block whose statements configure it. */
export interface FastApiApp {
  readonly name: string;
  readonly statement: SyntaxNode;
  /** The module, or the body of an app factory function (`def create_app(): app = FastAPI(); ...; return app`). */
  readonly scope: SyntaxNode;
}

function fastApiAssignment(node: SyntaxNode | null): string | undefined {
  const assign = node?.type === 'expression_statement' ? node.namedChild(0) : undefined;
  if (assign?.type !== 'assignment') return undefined;
  const right = assign.childForFieldName('right');
  const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
  const left = assign.childForFieldName('left');
  return (callee === 'FastAPI' || callee === 'fastapi.FastAPI') && left?.type === 'identifier' ? left.text : undefined;
}

/** The `X = FastAPI(...)` app: at module level first, else inside a top-level factory function. */
export function findFastApiApp(tree: SyntaxTree): FastApiApp | undefined {
  const top = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => n !== null);
  for (const node of top) {
    const name = fastApiAssignment(node);
    if (name) return { name, statement: node, scope: tree.rootNode };
  }
  for (const node of top) {
    const fn = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (fn?.type !== 'function_definition') continue;
    const body = fn.childForFieldName('body');
    for (const stmt of body?.namedChildren ?? []) {
      const name = fastApiAssignment(stmt);
      if (name && stmt && body) return { name, statement: stmt, scope: body };
    }
  }
  return undefined;
}

/** `APP.include_router(...)` statements directly in the app's scope. */
function includeRouterCalls(app: FastApiApp): SyntaxNode[] {
  return app.scope.namedChildren.filter((node): node is SyntaxNode => {
    const call = node?.type === 'expression_statement' ? node.namedChild(0) : undefined;
    return call?.type === 'call' && call.childForFieldName('function')?.text === `${app.name}.include_router`;
  });
}

/** The whitespace before a statement on its line. */
function indentOf(source: string, node: SyntaxNode): string {
  return source.slice(source.lastIndexOf('\n', node.startIndex - 1) + 1, node.startIndex);
}

/**
 * Insert `APP.include_router(EXPR)` after the last include_router in the app's
 * scope; else, in a factory, before its `return APP`; else before a trailing
 * `if __name__ == "__main__":` block, else at the end of the scope.
 * Undefined when an include of the same router expression exists.
 */
export function planIncludeRouter(source: string, app: FastApiApp, routerExpr: string): TextEdit | undefined {
  const calls = includeRouterCalls(app);
  const already = calls.some((stmt) => stmt.namedChild(0)?.childForFieldName('arguments')?.namedChild(0)?.text === routerExpr);
  if (already) return undefined;
  const line = `${app.name}.include_router(${routerExpr})`;
  const last = calls[calls.length - 1];
  if (last) {
    const at = lineEnd(source, last.endIndex);
    return { start: at, end: at, text: asLine(source, at, `${indentOf(source, last)}${line}`) };
  }
  const statements = app.scope.namedChildren.filter((n): n is SyntaxNode => n !== null);
  if (app.scope.type === 'block') {
    const ret = statements.find((n) => n.type === 'return_statement');
    const anchor = ret ?? statements[statements.length - 1]!;
    const indent = indentOf(source, anchor);
    if (ret) {
      const at = ret.startIndex - indent.length;
      return { start: at, end: at, text: `${indent}${line}\n` };
    }
    const at = lineEnd(source, anchor.endIndex);
    return { start: at, end: at, text: asLine(source, at, `${indent}${line}`) };
  }
  const mainGuard = statements.find(
    (n) => n.type === 'if_statement' && /__name__\s*==\s*["']__main__["']/.test(n.childForFieldName('condition')?.text ?? ''),
  );
  if (mainGuard) return { start: mainGuard.startIndex, end: mainGuard.startIndex, text: `${line}\n\n\n` };
  const at = source.replace(/\s+$/, '').length;
  return { start: at, end: source.length, text: `\n\n${line}\n` };
}

/** Add `"Name"` to a top-level `__all__ = [...]` list, if there is one and it lacks it. */
export function planAllEntry(tree: SyntaxTree, name: string): TextEdit | undefined {
  for (const node of tree.rootNode.namedChildren) {
    const assign = node?.type === 'expression_statement' ? node.namedChild(0) : undefined;
    if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.text !== '__all__') continue;
    const list = assign.childForFieldName('right');
    if (list?.type !== 'list' && list?.type !== 'tuple') return undefined;
    const items = list.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type === 'string');
    if (items.some((s) => s.text.slice(1, -1) === name)) return undefined;
    const last = items[items.length - 1];
    if (!last) return { start: list.startIndex + 1, end: list.startIndex + 1, text: `"${name}"` };
    return { start: last.endIndex, end: last.endIndex, text: `, "${name}"` };
  }
  return undefined;
}

export { parsePython };
