// The syntax-tree way of finding SQLAlchemy model classes: the project reader
// uses a faster lexical scan, and tests hold it to what the tree says.
import { parsePython, type SyntaxNode } from '../../src/core/parse/python';
import type { ModelInfo } from '../../src/core/project/fastapi';

/**
 * Top-level classes that declare `__tablename__ = "..."`, from the syntax tree.
 * The reference the lexical scan (src/core/project/pythonScan.ts) is tested against.
 */
export async function modelClasses(source: string, path: string): Promise<ModelInfo[]> {
  const tree = await parsePython(source);
  const out: ModelInfo[] = [];
  for (const node of tree.rootNode.namedChildren) {
    const cls = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (!cls || cls.type !== 'class_definition') continue;
    const name = cls.childForFieldName('name')?.text;
    const body = cls.childForFieldName('body');
    if (!name || !body) continue;
    const table = tableNameOf(body);
    if (table) out.push({ className: name, tableName: table, path });
  }
  tree.delete();
  return out;
}

function tableNameOf(body: SyntaxNode): string | undefined {
  for (const stmt of body.namedChildren) {
    const assign = stmt?.type === 'expression_statement' ? stmt.namedChild(0) : undefined;
    if (assign?.type !== 'assignment') continue;
    if (assign.childForFieldName('left')?.text !== '__tablename__') continue;
    const right = assign.childForFieldName('right');
    if (right?.type === 'string') return right.text.replace(/^[rbuRBU]*(['"]{1,3})(.*)\1$/s, '$2');
  }
  return undefined;
}
