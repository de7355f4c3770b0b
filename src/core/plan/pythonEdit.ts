// Several syntax-aware edits to one Python module, planned one after the
// other: each step sees the text (and a fresh tree) the previous steps left,
// so two imports from the same module merge instead of colliding. The result
// is turned back into minimal edits of the original text by a line diff, so
// the plan still only touches the lines that change (one WorkspaceEdit,
// markers and unsaved text elsewhere in the file untouched).
import { diffLines } from 'diff';
import { parsePython, firstSyntaxError, reparsePython, type SyntaxTree } from '../parse/python';
import { compareImportNames } from '../emit/python';
import { applyEdits, type FileChange, type TextEdit } from './editPlan';
import { hasFromImport, planFromImport } from './pythonInsert';
import type { SyntaxNode } from '../parse/python';

/**
 * One edit of the current text. A step may append follow-up steps to `queue`
 * (e.g. the imports a handler turned out to need); they run after it.
 */
export type Step = (source: string, tree: SyntaxTree, queue: Step[]) => TextEdit | readonly TextEdit[] | undefined;

/** Minimal edits that turn `before` into `after`, as offsets into `before`. */
export function diffToEdits(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; text: string } | undefined;
  for (const part of diffLines(before, after)) {
    if (part.removed) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.end += part.value.length;
      offset += part.value.length;
    } else if (part.added) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += part.value;
    } else {
      if (pending) edits.push(pending);
      pending = undefined;
      offset += part.value.length;
    }
  }
  if (pending) edits.push(pending);
  return edits;
}

/**
 * Run `steps` against a module's text. A UTF-8 byte-order mark is kept out of
 * the parse and put back; inserted lines follow the file's own line endings.
 * `onSyntaxError` builds the error for a module that does not parse.
 */
export async function editPython(
  path: string,
  original: string,
  steps: readonly Step[],
  onSyntaxError: (message: string) => Error,
): Promise<{ change: FileChange | undefined; result: string }> {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  let source = original.slice(bom.length);
  const crlf = source.includes('\r\n');
  let tree = await parsePython(source);
  try {
    const error = firstSyntaxError(tree);
    if (error) throw onSyntaxError(`${path} has a syntax error at line ${error.line}, column ${error.column}; fix it first, then run again`);
    const queue = [...steps];
    for (let i = 0; i < queue.length; i++) {
      const planned = queue[i]!(source, tree, queue);
      const edits = (planned === undefined ? [] : Array.isArray(planned) ? planned : [planned as TextEdit]).map((e) => ({
        ...e,
        text: crlf ? e.text.replace(/\r?\n/g, '\r\n') : e.text,
      }));
      if (edits.length === 0) continue;
      const before = source;
      source = applyEdits(source, edits);
      // From the previous tree: the steps add a few lines to what may be a module of thousands.
      const next = await reparsePython(tree, before, source);
      tree.delete();
      tree = next;
    }
  } finally {
    tree.delete();
  }
  const result = bom + source;
  if (result === original) return { change: undefined, result };
  return { change: { kind: 'modify', path, original, edits: diffToEdits(original, result) }, result };
}

/** The project's own top-level packages when nothing else is known (the `init` layout). */
export const DEFAULT_LOCAL_ROOTS: readonly string[] = ['app', 'tests'];

/**
 * Which isort section a module belongs to: standard library, third party, or
 * this project (`local`: the project's top-level packages, e.g. `src`).
 */
export function importSection(module: string, local: readonly string[] = DEFAULT_LOCAL_ROOTS): 0 | 1 | 2 {
  const STDLIB = new Set(['collections', 'collections.abc', 'datetime', 'decimal', 'typing', 'uuid', 'enum', 'contextlib', 'os', 'json', 're', 'logging']);
  if (STDLIB.has(module) || STDLIB.has(module.split('.')[0]!)) return 0;
  return local.includes(module.split('.')[0]!) ? 2 : 1;
}

const moduleOf = (n: SyntaxNode): string => n.childForFieldName('module_name')?.text ?? '';

/**
 * `from module import name` placed the way ruff's isort wants it: merged into
 * an import of the same module, else in sorted position within its section
 * (stdlib, third party, project), else as a new section separated by a blank
 * line. Undefined when the name is already imported.
 */
export function planSortedFromImport(source: string, tree: SyntaxTree, module: string, name: string, local: readonly string[] = DEFAULT_LOCAL_ROOTS): TextEdit | undefined {
  if (hasFromImport(tree, module, name)) return undefined;
  const top = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => n !== null);
  const fromImports = top.filter((n) => n.type === 'import_from_statement');
  const same = fromImports.find((n) => moduleOf(n) === module);
  // Same module, or nothing to sort against: the general planner does it well.
  if (same || fromImports.length === 0) return planFromImport(source, tree, module, name);
  const section = importSection(module, local);
  const peers = fromImports.filter((n) => importSection(moduleOf(n), local) === section);
  const line = `from ${module} import ${name}`;
  const lineStart = (n: SyntaxNode) => source.lastIndexOf('\n', n.startIndex - 1) + 1;
  const lineAfter = (n: SyntaxNode) => {
    const nl = source.indexOf('\n', n.endIndex);
    return nl < 0 ? source.length : nl + 1;
  };
  if (peers.length > 0) {
    const next = peers.find((n) => moduleOf(n) > module);
    if (next) return { start: lineStart(next), end: lineStart(next), text: `${line}\n` };
    const at = lineAfter(peers[peers.length - 1]!);
    return { start: at, end: at, text: `${at > 0 && source[at - 1] !== '\n' ? '\n' : ''}${line}\n` };
  }
  // Plain `import x` lines of the same section come first in it (isort): join them.
  const plainPeers = top.filter((n) => n.type === 'import_statement' && importSection(n.childForFieldName('name')?.text ?? '', local) === section);
  if (plainPeers.length > 0) {
    const at = lineAfter(plainPeers[plainPeers.length - 1]!);
    return { start: at, end: at, text: `${at > 0 && source[at - 1] !== '\n' ? '\n' : ''}${line}\n` };
  }
  // A new section: before the first import of a later section, else after the last import.
  const later = fromImports.find((n) => importSection(moduleOf(n), local) > section);
  if (later) return { start: lineStart(later), end: lineStart(later), text: `${line}\n\n` };
  const at = lineAfter(fromImports[fromImports.length - 1]!);
  return { start: at, end: at, text: `${at > 0 && source[at - 1] !== '\n' ? '\n' : ''}\n${line}\n` };
}

/** One step per imported name, in a stable order (modules sorted, names isort-ordered). */
export function importSteps(imports: ReadonlyMap<string, ReadonlySet<string>>, local: readonly string[] = DEFAULT_LOCAL_ROOTS): Step[] {
  const steps: Step[] = [];
  for (const module of [...imports.keys()].sort()) {
    for (const name of [...imports.get(module)!].sort(compareImportNames)) {
      steps.push((source, tree) => planSortedFromImport(source, tree, module, name, local));
    }
  }
  return steps;
}
