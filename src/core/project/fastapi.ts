// Reads a FastAPI project laid out as `init fastapi` creates it (an `app`
// package with models/, schemas/, repositories/, routers/): which files
// exist, which model classes and routers it has, and where its app lives.
import type { FileView } from '../files';
import { parsePython, type SyntaxNode } from '../parse/python';
import { scanModelClasses } from './pythonScan';

export interface ModelInfo {
  readonly className: string;
  readonly tableName: string;
  /** Module path, e.g. `app/models/book.py`. */
  readonly path: string;
}

export interface FastApiProject {
  /** Relative path of the application package (`app`). */
  readonly pkg: string;
  readonly mainPath: string;
  readonly mainSource: string | undefined;
  readonly models: readonly ModelInfo[];
  /** Files of the package and tests that exist, relative to the root. */
  readonly existing: ReadonlySet<string>;
}

const SCANNED_DIRS = ['', 'app', 'app/models', 'app/schemas', 'app/repositories', 'app/routers', 'tests'];

export async function readFastApiProject(view: FileView): Promise<FastApiProject> {
  const listings = await Promise.all(SCANNED_DIRS.map((dir) => view.listDir(dir)));
  const existing = new Set(listings.flat());
  const mainPath = 'app/main.py';
  const mainSource = existing.has(mainPath) ? await view.readFile(mainPath) : undefined;
  const modelFiles = [...existing].filter((p) => p.startsWith('app/models/') && p.endsWith('.py')).sort();
  // Read in parallel (file I/O dominates); only files that mention __tablename__ are parsed.
  const sources = await Promise.all(modelFiles.map((path) => view.readFile(path)));
  const models: ModelInfo[] = [];
  for (const [i, source] of sources.entries()) {
    if (source?.includes('__tablename__')) {
      for (const m of scanModelClasses(source)) models.push({ ...m, path: modelFiles[i]! });
    }
  }
  return { pkg: 'app', mainPath, mainSource, models, existing };
}

/**
 * Top-level classes that declare `__tablename__ = "..."`, from the syntax tree.
 * The project reader uses the faster lexical scan (pythonScan.ts); this is
 * the reference it is tested against.
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
