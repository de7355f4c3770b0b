// The module's logger, for fixes that add a log call: an existing
// `logger = logging.getLogger(__name__)` (or structlog / loguru logger) is
// reused under its own name; otherwise the fix adds `import logging` and
// that line after the imports, laid out the way isort/black leave a module.
import type { TextEdit } from '../../plan/editPlan';
import { planImport } from '../../plan/pythonInsert';
import type { SyntaxNode } from '../../parse/python';
import { named, type PyFile } from './pyfile';

const LOGGER_FACTORIES = new Set(['logging.getLogger', 'structlog.get_logger', 'structlog.getLogger', 'structlog.stdlib.get_logger']);
const cache = new WeakMap<PyFile, { name: string | undefined }>();

/** Name of the module-level logger (`logger`, `log`, `LOGGER`…), if the module has one. */
export function moduleLogger(py: PyFile): string | undefined {
  const hit = cache.get(py);
  if (hit) return hit.name;
  let name: string | undefined;
  for (const stmt of named(py.tree.rootNode)) {
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    if (assign?.type !== 'assignment') continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    // `logger = logging.getLogger(__name__)`, or a project helper: `log = get_logger(__name__)`.
    if (LOGGER_FACTORIES.has(py.callee(right) ?? '') || /^_?(?:logger|log|LOGGER|LOG)$/.test(left.text)) {
      name = left.text;
      break;
    }
  }
  if (!name) {
    // `from loguru import logger`, `from app.core.logging import logger`
    for (const [local, qualified] of py.imports) {
      if (/^(?:logger|log|LOGGER)$/.test(local) && /(?:^|\.)(?:logger|log|LOGGER)$/.test(qualified)) {
        name = local;
        break;
      }
    }
  }
  cache.set(py, { name });
  return name;
}

/** Offset just past the line holding `index`. */
function lineEnd(source: string, index: number): number {
  const nl = source.indexOf('\n', index);
  return nl < 0 ? source.length : nl + 1;
}

/**
 * The logger to call, and the edits that create it when the module has
 * none: `import logging` (placed by the shared import planner) and
 * `logger = logging.getLogger(__name__)` after the last top-level import.
 * Callers put these edits after their own; same-offset insertions keep
 * this order (import first).
 */
export function ensureLogger(py: PyFile, source: string, tree: PyFile['tree']): { name: string; edits: TextEdit[] } {
  const existing = moduleLogger(py);
  if (existing) return { name: existing, edits: [] };
  const top = named(tree.rootNode);
  const imports = top.filter((n) => n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement');
  const last: SyntaxNode | undefined = imports[imports.length - 1];
  const first = top[0];
  const docstring = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string' ? first : undefined;
  const at = last ? lineEnd(source, last.endIndex) : docstring ? lineEnd(source, docstring.endIndex) : 0;
  const rest = source.slice(at);
  const trailing = rest.startsWith('\n') || rest === '' ? '' : '\n\n';
  const edits: TextEdit[] = [];
  const importEdit = planImport(source, tree, 'logging');
  if (importEdit) edits.push(importEdit);
  edits.push({ start: at, end: at, text: `\nlogger = logging.getLogger(__name__)\n${trailing}` });
  return { name: 'logger', edits };
}
