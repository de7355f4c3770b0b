// Writing guard statements for taint fixes (path-traversal, ssrf): where a
// guard goes (the line before the statement holding the sink), how it leaves
// the handler in this framework (`raise HTTPException(400)`, Flask
// `abort(400)`, else `ValueError`), and fresh local names.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import type { FixImport } from '../fixes';
import { named, type PyFile } from './pyfile';

/** The statement holding `node`, when it starts its own line (a guard can go on the line above). */
export function statementOf(node: SyntaxNode, source: string): { stmt: SyntaxNode; indent: string; lineStart: number } | undefined {
  let stmt: SyntaxNode | null = node;
  while (stmt && stmt.parent && stmt.parent.type !== 'block' && stmt.parent.type !== 'module') stmt = stmt.parent;
  if (!stmt?.parent) return undefined;
  // Inside a comprehension or lambda the guard could not see the loop variable.
  for (let p = node.parent; p && p.id !== stmt.id; p = p.parent) {
    if (p.type === 'lambda' || p.type === 'list_comprehension' || p.type === 'generator_expression' || p.type === 'set_comprehension' || p.type === 'dictionary_comprehension') return undefined;
  }
  const lineStart = source.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const indent = source.slice(lineStart, stmt.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  // Comments right above the statement describe it: the guard goes above them.
  let start = lineStart;
  while (start > 0) {
    const prev = source.lastIndexOf('\n', start - 2) + 1;
    const line = source.slice(prev, start - 1).replace(/\r$/, '');
    if (!line.startsWith(`${indent}#`) || /^[ \t]/.test(line.slice(indent.length))) break;
    start = prev;
  }
  return { stmt, indent, lineStart: start };
}

/** One indentation step as the file writes it. */
export function indentUnit(source: string): string {
  const m = /\n([ \t]+)\S/.exec(source);
  return m?.[1]?.startsWith('\t') ? '\t' : '    ';
}

/** How a guard rejects the request here, with the imports that needs. */
export function rejection(py: PyFile, fn: SyntaxNode | undefined, detail: string): { text: string; imports: FixImport[] } {
  const usesGlobalRequest = !!fn && /^(flask|quart)\.request$/.test(py.imports.get('request') ?? '') && /\brequest\./.test(fn.text);
  const isRoute = !!fn && (!!py.routeOf(fn) || py.params(fn).some((p) => p.name === 'request') || usesGlobalRequest);
  const modules = [...py.imports.values()];
  if (isRoute && modules.some((m) => m === 'flask' || m.startsWith('flask.') || m.startsWith('quart'))) {
    const bound = py.imports.get('abort');
    return { text: 'abort(400)', imports: bound ? [] : [{ module: 'flask', name: 'abort' }] };
  }
  if (isRoute && modules.some((m) => m.startsWith('fastapi') || m.startsWith('starlette'))) {
    const bound = py.imports.get('HTTPException');
    const status = py.imports.get('status') === 'fastapi.status' ? 'status.HTTP_400_BAD_REQUEST' : '400';
    return { text: `raise HTTPException(status_code=${status}, detail=${JSON.stringify(detail)})`, imports: bound ? [] : [{ module: 'fastapi', name: 'HTTPException' }] };
  }
  if (isRoute && modules.some((m) => m.startsWith('django.'))) {
    // Django answers SuspiciousOperation with 400 Bad Request.
    const bound = py.imports.get('SuspiciousOperation');
    return { text: `raise SuspiciousOperation(${JSON.stringify(detail)})`, imports: bound ? [] : [{ module: 'django.core.exceptions', name: 'SuspiciousOperation' }] };
  }
  return { text: `raise ValueError(${JSON.stringify(detail)})`, imports: [] };
}

/** A local name not yet used in the function (`safe_path`, `safe_path_2`…). */
export function freshName(fn: SyntaxNode | undefined, base: string): string {
  const text = fn?.text ?? '';
  if (!new RegExp(`\\b${base}\\b`).test(text)) return base;
  for (let i = 2; ; i++) if (!new RegExp(`\\b${base}_${i}\\b`).test(text)) return `${base}_${i}`;
}

/** An insertion of whole lines before `lineStart`. */
export function linesBefore(lineStart: number, lines: readonly string[], eol: string): TextEdit {
  return { start: lineStart, end: lineStart, text: lines.map((l) => l + eol).join('') };
}

export const eolOf = (source: string): string => (source.includes('\r\n') ? '\r\n' : '\n');

/** Offset just after the last top-level import (or the docstring), where a module constant can go. */
export function afterImports(py: PyFile): number {
  const top = named(py.tree.rootNode);
  let at = -1;
  for (const n of top) {
    if (n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement') at = n.endIndex;
    else if (at < 0 && n.type === 'expression_statement' && named(n)[0]?.type === 'string' && n === top[0]) at = n.endIndex;
    else if (at >= 0 && n.type !== 'comment') break;
  }
  if (at < 0) return 0;
  const nl = py.source.indexOf('\n', at);
  return nl < 0 ? py.source.length : nl + 1;
}
