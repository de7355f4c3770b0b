// The CLI's FileView over a directory on disk, and the writer that applies
// an EditPlan to it after re-checking that nothing changed since planning.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { applyEdits, type EditPlan, type FileView } from '../core/index';

/**
 * A FileView over a directory. Reads are synchronous inside the async API:
 * a one-shot CLI has nothing else to do meanwhile, and it is several times
 * faster than the thread-pool round trips of fs/promises for many small files.
 */
export function diskFileView(root: string): FileView {
  const abs = (path: string) => {
    const full = resolve(root, path);
    if (full !== resolve(root) && !full.startsWith(resolve(root) + sep)) throw new Error(`path escapes the project root: ${path}`);
    return full;
  };
  return {
    async readFile(path) {
      try {
        return readFileSync(abs(path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw error;
      }
    },
    async listDir(dir) {
      try {
        const entries = readdirSync(abs(dir), { withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => relative(resolve(root), join(abs(dir), e.name)).split(sep).join('/'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
        throw error;
      }
    },
    async listDirs(dir) {
      try {
        const entries = readdirSync(abs(dir), { withFileTypes: true });
        return entries.filter((e) => e.isDirectory()).map((e) => relative(resolve(root), join(abs(dir), e.name)).split(sep).join('/'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
        throw error;
      }
    },
  };
}

/**
 * Write a plan to disk. Every precondition is checked before the first
 * write: created files must still be absent, modified files unchanged.
 */
export async function applyPlanToDisk(root: string, plan: EditPlan): Promise<string[]> {
  const view = diskFileView(root);
  for (const change of plan.changes) {
    const current = await view.readFile(change.path);
    if (change.kind === 'create' && current !== undefined) throw new Error(`${change.path} appeared while planning; nothing was written`);
    if (change.kind === 'modify' && current !== change.original) throw new Error(`${change.path} changed while planning; nothing was written`);
  }
  const written: string[] = [];
  for (const change of plan.changes) {
    const target = resolve(root, change.path);
    await mkdir(dirname(target), { recursive: true });
    if (change.kind === 'create') await writeFile(target, change.content, { encoding: 'utf8', flag: 'wx' });
    else await writeFile(target, applyEdits(change.original, change.edits), 'utf8');
    written.push(change.path);
  }
  return written;
}
