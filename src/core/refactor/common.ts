// Shared plumbing of the lightbulb refactors: parse a file once into the
// analyzer's PyFile, find the route under the cursor, and pack edits to one
// file (imports merged, isort-style) into a validated EditPlan.
import type { FileView } from '../files';
import { PyFile, named, type Route } from '../analysis/python/pyfile';
import { firstSyntaxError, parsePython, type SyntaxNode, type SyntaxTree } from '../parse/python';
import { PlanError, validated } from '../plan/fastapi';
import type { EditPlan, FileChange, TextEdit } from '../plan/editPlan';
import { editPython, importSteps, type Step } from '../plan/pythonEdit';

export interface ParsedFile {
  readonly path: string;
  /** The text as read (a byte-order mark included). */
  readonly original: string;
  /** The text after a byte-order mark: what offsets in `tree` count in. */
  readonly source: string;
  readonly bom: number;
  readonly tree: SyntaxTree;
  readonly py: PyFile;
}

/** Parse a Python file for a refactor; a syntax error is a clear refusal. Call `tree.delete()` when done. */
export async function parseForRefactor(path: string, original: string): Promise<ParsedFile> {
  const bom = original.startsWith('\uFEFF') ? 1 : 0;
  const source = original.slice(bom);
  const tree = await parsePython(source);
  const error = firstSyntaxError(tree);
  if (error) {
    tree.delete();
    throw new PlanError(`${path} has a syntax error at line ${error.line}, column ${error.column}; fix it first, then run again`);
  }
  return { path, original, source, bom, tree, py: new PyFile(source, tree) };
}

/** The route whose decorators, signature or body hold `cursor` (an offset after the BOM). */
export function routeAt(py: PyFile, cursor: number): Route | undefined {
  return py.routes.find((r) => {
    const outer = r.fn.parent?.type === 'decorated_definition' ? r.fn.parent : r.fn;
    return outer.startIndex <= cursor && cursor <= outer.endIndex;
  });
}

/** Is `name` bound at module level in the file (defined or imported)? */
export function boundAtTop(file: ParsedFile, name: string): boolean {
  if (file.py.imports.has(name)) return true;
  for (const stmt of named(file.tree.rootNode)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if ((def?.type === 'class_definition' || def?.type === 'function_definition') && def.childForFieldName('name')?.text === name) return true;
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : undefined;
    if (assign?.type === 'assignment' && assign.childForFieldName('left')?.text === name) return true;
  }
  return false;
}

export interface ImportNeed {
  readonly module: string;
  readonly name: string;
}

/**
 * One file's edits (all computed on the parsed text) plus the imports they
 * need, placed isort-style and merged with the file's own imports, as one
 * modify change of the original text (a byte-order mark and CRLF kept).
 */
export async function fileChange(file: ParsedFile, edits: readonly TextEdit[], imports: readonly ImportNeed[] = []): Promise<FileChange> {
  const wanted = new Map<string, Set<string>>();
  for (const imp of imports) {
    if (boundAtTop(file, imp.name)) continue;
    const names = wanted.get(imp.module) ?? new Set<string>();
    names.add(imp.name);
    wanted.set(imp.module, names);
  }
  const steps: Step[] = [() => [...edits], ...importSteps(wanted)];
  const { change } = await editPython(file.path, file.original, steps, (message) => new PlanError(message));
  if (!change) throw new PlanError(`internal: the refactor would not change ${file.path}`);
  return change;
}

export { replaceNode } from '../analysis/fixes';

/** Validate a plan over the view (every Python file parses, nothing created twice). */
export async function checkedPlan(plan: EditPlan, view: FileView): Promise<EditPlan> {
  return validated(plan, view);
}

/** `create_order_item` -> `CreateOrderItem`. */
export function pascal(text: string): string {
  return text.split(/[_\W]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
