// Typing a loose `dict` body parameter with a generated Pydantic model: the
// edits the unvalidated-body quick fix and the Extract Pydantic model
// refactor share. In attribute mode every read (`payload["k"]`,
// `payload.get("k")`) becomes `payload.k`; otherwise the parameter is renamed
// `<name>_model` and the handler starts from a dict dumped from it.
import type { TextEdit } from '../../plan/editPlan';
import type { SyntaxNode } from '../../parse/python';
import { replaceNode } from '../fixes';
import { named, type RouteParam } from './pyfile';

export interface BodyRetype {
  readonly param: RouteParam;
  /** The parameter's annotation (`dict`, `dict[str, Any]`), absent for `x=Body()`. */
  readonly typeNode: SyntaxNode | undefined;
  readonly className: string;
  readonly attributeMode: boolean;
  /** Replacement text for each read of the parameter (attribute mode). */
  readonly uses: readonly { readonly node: SyntaxNode; readonly text: string }[];
  /** The handler's first statement, where the dict is rebuilt (dict mode). */
  readonly firstStatement: SyntaxNode | undefined;
  /** How the dict is rebuilt: `model_dump()`, `model_dump(by_alias=True)`… */
  readonly dump: string;
}

/** The edits, or what stops them (`name`: the parameter has no name node; `body`: the handler has no statement). */
export function retypeBodyParam(r: BodyRetype): { edits: TextEdit[]; newName: string } | { problem: 'name' | 'body' } {
  const { param } = r;
  const nameNode = param.node.type === 'identifier' ? param.node : (param.node.childForFieldName('name') ?? named(param.node).find((c) => c.type === 'identifier'));
  if (!nameNode) return { problem: 'name' };
  const newName = r.attributeMode ? param.name : `${param.name}_model`;
  const edits: TextEdit[] = [];
  if (r.typeNode) {
    edits.push(replaceNode(r.typeNode, r.className));
    if (!r.attributeMode) edits.push(replaceNode(nameNode, newName));
  } else {
    // `address=Body(...)` → `address: Model = Body(...)` (PEP 8 spacing once annotated).
    const value = param.node.childForFieldName('value');
    edits.push(value ? { start: nameNode.startIndex, end: value.startIndex, text: `${newName}: ${r.className} = ` } : replaceNode(nameNode, `${newName}: ${r.className}`));
  }
  if (r.attributeMode) {
    for (const use of r.uses) edits.push(replaceNode(use.node, use.text));
  } else {
    const first = r.firstStatement;
    if (!first) return { problem: 'body' };
    const indent = ' '.repeat(first.startPosition.column);
    edits.push({ start: first.startIndex, end: first.startIndex, text: `${param.name} = ${newName}.${r.dump}\n${indent}` });
  }
  return { edits, newName };
}
