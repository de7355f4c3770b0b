// Reads an Express project laid out as `init express` creates it: which
// files exist, the resources it has (from src/migrations.ts and the
// src/schemas modules), and which framework a folder uses at all.
import type { FileView } from '../files';
import { resourceNames } from '../request/names';

export interface ExpressResourceInfo {
  readonly className: string;
  readonly table: string;
}

export interface ExpressProject {
  readonly appPath: string;
  readonly appSource: string | undefined;
  readonly migrationsPath: string;
  readonly migrationsSource: string | undefined;
  /** Resources with a table (User included), in migration order. */
  readonly resources: readonly ExpressResourceInfo[];
  /** Files of the project that exist, relative to the root. */
  readonly existing: ReadonlySet<string>;
}

export type Framework = 'fastapi' | 'express';
export const FRAMEWORKS: readonly Framework[] = ['fastapi', 'express'];

const SCANNED_DIRS = ['', 'src', 'src/routes', 'src/schemas', 'src/repositories', 'src/middleware'];

/** `{ resource: 'Book', table: 'books' ... }` entries of src/migrations.ts. */
const MIGRATION_ENTRY = /\bresource\s*:\s*(['"])([A-Za-z][A-Za-z0-9]*)\1\s*,\s*table\s*:\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\3/g;

export async function readExpressProject(view: FileView): Promise<ExpressProject> {
  const listings = await Promise.all(SCANNED_DIRS.map((dir) => view.listDir(dir)));
  const existing = new Set(listings.flat());
  const appPath = 'src/app.ts';
  const migrationsPath = 'src/migrations.ts';
  const [appSource, migrationsSource] = await Promise.all([
    existing.has(appPath) ? view.readFile(appPath) : undefined,
    existing.has(migrationsPath) ? view.readFile(migrationsPath) : undefined,
  ]);
  const resources: ExpressResourceInfo[] = [];
  for (const m of (migrationsSource ?? '').matchAll(MIGRATION_ENTRY)) resources.push({ className: m[2]!, table: m[4]! });
  // Schemas of resources whose table is not listed (written by hand, or an entry removed) still count as taken names.
  for (const path of existing) {
    const schema = /^src\/schemas\/([a-z][a-z0-9-]*)\.ts$/.exec(path);
    if (!schema || schema[1] === 'common') continue;
    const names = resourceNames(schema[1]!);
    if (!resources.some((r) => r.className === names.className)) resources.push({ className: names.className, table: names.snakePlural });
  }
  return { appPath, appSource, migrationsPath, migrationsSource, resources, existing };
}

function hasExpressDependency(packageJson: string | undefined): boolean {
  if (!packageJson) return false;
  try {
    const pkg = JSON.parse(packageJson.replace(/^\uFEFF/, '')) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
    return typeof pkg === 'object' && pkg !== null && (Boolean(pkg.dependencies?.['express']) || Boolean(pkg.devDependencies?.['express']));
  } catch {
    return false;
  }
}

/**
 * Which framework the project in `view` uses: Express when package.json
 * depends on express and src/app.ts exists; FastAPI when app/main.py exists or
 * the Python requirements name fastapi; undefined when neither fits.
 */
export async function detectFramework(view: FileView): Promise<Framework | undefined> {
  const [root, src, app] = await Promise.all([view.listDir(''), view.listDir('src'), view.listDir('app')]);
  if (root.includes('package.json') && src.includes('src/app.ts') && hasExpressDependency(await view.readFile('package.json'))) return 'express';
  if (app.includes('app/main.py')) return 'fastapi';
  for (const file of ['requirements.txt', 'pyproject.toml']) {
    if (root.includes(file) && /\bfastapi\b/i.test((await view.readFile(file)) ?? '')) return 'fastapi';
  }
  return undefined;
}
