// The CLI's FileView over a directory on disk, and the writer that applies
// an EditPlan to it after re-checking that nothing changed since planning.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { MAX_FILE_BYTES, type EditPlan, type FileView } from '../core/index';
import { advice, applyPlanTransaction, nodeTxFs, type TxFs } from './transaction';
import { UsageError } from './usage';

/**
 * A FileView over a directory. Reads are synchronous inside the async API:
 * a one-shot CLI has nothing else to do meanwhile, and it is several times
 * faster than the thread-pool round trips of fs/promises for many small files.
 */
export function diskFileView(root: string): FileView {
  const abs = (path: string) => {
    const full = resolve(root, path);
    if (full !== resolve(root) && !full.startsWith(resolve(root) + sep)) throw new UsageError(`${path} is outside the project root ${root}; name a path inside it`);
    return full;
  };
  return {
    async readFile(path) {
      const full = abs(path);
      try {
        // Only regular files are read: a FIFO or device would block or never end.
        const stat = statSync(full);
        if (stat.isDirectory()) return undefined;
        if (!stat.isFile()) throw new UsageError(`${path} is not a regular file (a FIFO, socket or device?); name a regular file`);
        // Planners read whole modules; a giant or sparse file is no source to edit, and reading it could exhaust memory.
        if (stat.size > MAX_FILE_BYTES) throw new UsageError(`${path} is ${(stat.size / 1e6).toFixed(1)} MB, larger than the ${MAX_FILE_BYTES / 1e6} MB a source file may be; move it out of the project's folders`);
        return readFileSync(full, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
        if (error instanceof UsageError) throw error;
        throw new UsageError(`cannot read ${path} (${code ?? (error as Error).message}); ${advice(error)}`);
      }
    },
    async listDir(dir) {
      try {
        const entries = readdirSync(abs(dir), { withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => relative(resolve(root), join(abs(dir), e.name)).split(sep).join('/'));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return [];
        throw new UsageError(`cannot list ${dir || root} (${code ?? (error as Error).message}); ${advice(error)}`);
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
 * The text of a file named by a flag (`--json FILE`, `--config FILE`), as one
 * line naming `shown` when it is missing or not a regular file: a FIFO or a
 * device would block or never end (stdin is `-` where a flag allows it).
 */
export function readNamedFile(abs: string, shown: string): string {
  let stat;
  try {
    stat = statSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${shown} does not exist`);
    throw new UsageError(`cannot read ${shown} (${code ?? (error as Error).message}); ${advice(error)}`);
  }
  if (stat.isDirectory()) throw new UsageError(`${shown} is a folder; name a file`);
  if (!stat.isFile()) throw new UsageError(`${shown} is not a regular file (a FIFO, socket or device?); name a regular file`);
  if (stat.size > MAX_FILE_BYTES) throw new UsageError(`${shown} is ${(stat.size / 1e6).toFixed(1)} MB, larger than the ${MAX_FILE_BYTES / 1e6} MB limit`);
  try {
    return readFileSync(abs, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ${advice(error)}`);
  }
}

/**
 * Write a plan to disk as one transaction (see transaction.ts): the whole
 * plan or, with an ApplyError naming the path, nothing.
 */
export async function applyPlanToDisk(root: string, plan: EditPlan, txfs: TxFs = nodeTxFs): Promise<string[]> {
  return applyPlanTransaction(root, plan, txfs);
}
