// Reads a FastAPI project laid out as `init fastapi` creates it (an `app`
// package with models/, schemas/, repositories/, routers/): which files
// exist, which model classes it has, and the text of its app module.
import type { FileView } from '../files';
import { scanClasses, scanModelClasses } from './pythonScan';

export interface ModelInfo {
  readonly className: string;
  readonly tableName: string;
  /** Module path, e.g. `app/models/book.py`. */
  readonly path: string;
}

export interface FastApiProject {
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
  return { mainPath, mainSource, models, existing };
}

export interface SchemaClassInfo {
  readonly className: string;
  /** Module path, e.g. `app/schemas/book.py`. */
  readonly path: string;
}

/**
 * Classes defined at the top level of the schema modules (candidates for a
 * route's response model). Read only on demand: `new resource` never needs it.
 */
export async function readSchemaClasses(view: FileView, project: FastApiProject): Promise<SchemaClassInfo[]> {
  const files = [...project.existing].filter((p) => p.startsWith('app/schemas/') && p.endsWith('.py') && !p.endsWith('/__init__.py')).sort();
  const sources = await Promise.all(files.map((path) => view.readFile(path)));
  const out: SchemaClassInfo[] = [];
  for (const [i, source] of sources.entries()) {
    for (const c of scanClasses(source ?? '')) if (!c.className.startsWith('_')) out.push({ className: c.className, path: files[i]! });
  }
  return out;
}

/** Router modules of the project (`app/routers/*.py`, except the package's __init__). */
export function routerModules(project: FastApiProject): string[] {
  return [...project.existing].filter((p) => p.startsWith('app/routers/') && p.endsWith('.py') && !p.endsWith('/__init__.py')).sort();
}
