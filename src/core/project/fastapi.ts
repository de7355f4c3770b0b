// Reads a FastAPI project laid out as `init fastapi` creates it (an `app`
// package with models/, schemas/, repositories/, routers/): which files
// exist, which model classes it has, and the text of its app module.
import type { FileView } from '../files';
import { scanModelClasses } from './pythonScan';

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
