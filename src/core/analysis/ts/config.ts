// Configuration-shaped code in TypeScript/JavaScript, shared by the
// hardcoded-secret, permissive-cors and debug-enabled rules: environment
// lookups (`process.env.X`, `process.env['X']`, with `||`/`??` fallbacks),
// test files, conditions that depend on the environment, and the edit that
// removes one property from an object literal.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { literalString, named, unwrap } from './tsfile';

/** Test code: `*.test.ts`, `*.spec.js`, `__tests__/`, `test/`, `tests/`, `e2e/`. */
export function isTsTestPath(path: string): boolean {
  return /(^|\/)(__tests__|__mocks__|tests?|e2e|spec|fixtures?)\//.test(path) || /\.(test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/.test(path);
}

/** The variable name of `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Bun.env.X`, `Deno.env.get('X')`; undefined otherwise. */
export function envLookupName(node: SyntaxNode): string | undefined {
  const n = unwrap(node);
  if (n.type === 'member_expression') {
    const object = n.childForFieldName('object');
    if (object && /^(process\.env|import\.meta\.env|Bun\.env)$/.test(unwrap(object).text)) return n.childForFieldName('property')?.text;
  }
  if (n.type === 'subscript_expression') {
    const object = n.childForFieldName('object');
    const index = n.childForFieldName('index');
    if (object && index && /^(process\.env|import\.meta\.env|Bun\.env)$/.test(unwrap(object).text)) return literalString(index);
  }
  if (n.type === 'call_expression' && /^Deno\.env\.get$/.test(n.childForFieldName('function')?.text ?? '')) {
    const arg = named(n.childForFieldName('arguments'))[0];
    return arg ? literalString(arg) : undefined;
  }
  return undefined;
}

/** `process.env.X || 'v'`, `process.env.X ?? 'v'`: the lookup, its name and the fallback. */
export function envFallback(node: SyntaxNode): { lookup: SyntaxNode; name: string; fallback: SyntaxNode } | undefined {
  const n = unwrap(node);
  if (n.type !== 'binary_expression') return undefined;
  const op = n.childForFieldName('operator')?.text;
  if (op !== '||' && op !== '??') return undefined;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return undefined;
  const name = envLookupName(left);
  if (name) return { lookup: left, name, fallback: right };
  // `process.env.A || process.env.B || 'v'`
  const inner = envFallback(left);
  return inner ? { lookup: inner.lookup, name: inner.name, fallback: right } : undefined;
}

/** Does a condition read the deployment environment (`process.env.NODE_ENV !== 'production'`, `app.get('env')`, `config.isDev`)? */
export function environmentCondition(text: string): boolean {
  return /NODE_ENV|process\.env|import\.meta\.env|get\(\s*['"]env['"]\s*\)|\b(isDev|isDevelopment|isProd|isProduction|isTest|debug|DEBUG|development|production)\b|\benv\b/.test(text);
}

/** Is `node` inside a branch chosen by the environment (`if (process.env.NODE_ENV !== 'production')`, `dev ? a : b`, `isDev && x`)? */
export function gatedByEnvironment(node: SyntaxNode, stop?: SyntaxNode): boolean {
  let child = node;
  for (let p = node.parent; p && p.id !== stop?.id; child = p, p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'ternary_expression') {
      const condition = p.childForFieldName('condition');
      if (condition && condition.id !== child.id && environmentCondition(condition.text)) return true;
    }
    if (p.type === 'binary_expression' && p.childForFieldName('operator')?.text === '&&') {
      const left = p.childForFieldName('left');
      if (left && left.id !== child.id && environmentCondition(left.text)) return true;
    }
    if (p.type === 'program') return false;
  }
  // An early return guards the rest of the block: `if (process.env.NODE_ENV === 'production') return next(err);`
  for (let p = node.parent; p && p.id !== stop?.id; p = p.parent) {
    if (p.type !== 'statement_block') continue;
    for (const stmt of named(p)) {
      if (stmt.startIndex >= node.startIndex) break;
      if (stmt.type !== 'if_statement') continue;
      const condition = stmt.childForFieldName('condition');
      const consequence = stmt.childForFieldName('consequence');
      if (condition && consequence && environmentCondition(condition.text) && /\b(return|throw)\b/.test(consequence.text)) return true;
    }
  }
  return false;
}

/** Remove one `pair` (or shorthand property) from its object literal, with its comma. */
export function removeProperty(source: string, property: SyntaxNode): TextEdit | undefined {
  const object = property.parent;
  if (!object) return undefined;
  const items = named(object);
  const i = items.findIndex((c) => c.id === property.id);
  if (i < 0) return undefined;
  if (i < items.length - 1) return { start: property.startIndex, end: items[i + 1]!.startIndex, text: '' };
  if (i > 0) {
    // The last property: from the end of the previous one, keeping a trailing comma's layout.
    const after = source.slice(property.endIndex).match(/^\s*,/);
    return after ? { start: items[i - 1]!.endIndex + source.slice(items[i - 1]!.endIndex, property.startIndex).indexOf(',') + 1, end: property.endIndex + after[0].length, text: '' } : { start: items[i - 1]!.endIndex, end: property.endIndex, text: '' };
  }
  return { start: object.startIndex + 1, end: object.endIndex - 1, text: '' };
}

