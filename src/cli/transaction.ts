// Applies an EditPlan to disk as one transaction: the whole plan or nothing.
// Every file is first staged as a temp file beside its target; each target is
// then compared-and-swapped (still byte-identical to what was planned against,
// created files still absent) right before its rename, and anything already
// renamed is restored when a later step fails or a concurrent writer is seen.
// The filesystem is injected (TxFs) so tests can fail every step and race a
// writer without a real broken disk.
import * as fs from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { applyEdits, type EditPlan } from '../core/index';

/** The few synchronous filesystem calls the transaction makes. */
export interface TxFs {
  readFile(path: string): Buffer;
  writeFile(path: string, data: Buffer): void; // must fail when `path` exists
  link(existing: string, newPath: string): void; // must fail when `newPath` exists
  rename(from: string, to: string): void;
  unlink(path: string): void;
  mkdir(path: string): void;
  rmdir(path: string): void;
  lstat(path: string): fs.Stats;
  realpath(path: string): string;
}

export const nodeTxFs: TxFs = {
  readFile: (p) => fs.readFileSync(p),
  writeFile: (p, data) => fs.writeFileSync(p, data, { flag: 'wx', mode: 0o644 }),
  link: (a, b) => fs.linkSync(a, b),
  rename: (a, b) => fs.renameSync(a, b),
  unlink: (p) => fs.unlinkSync(p),
  mkdir: (p) => fs.mkdirSync(p),
  rmdir: (p) => fs.rmdirSync(p),
  lstat: (p) => fs.lstatSync(p),
  realpath: (p) => fs.realpathSync.native(p),
};

/** Why a plan was not applied; one line, naming the path and what to do. Nothing of the plan is on disk. */
export class ApplyError extends Error {}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;
const reason = (error: unknown): string => code(error) ?? (error instanceof Error ? error.message : String(error));

/** What to do about an I/O error, in a few words (shared by every CLI message about a path). */
export function advice(error: unknown): string {
  switch (code(error)) {
    case 'EROFS': return 'the file system is read-only; make it writable and run again';
    case 'EACCES': case 'EPERM': return 'check the permissions and run again';
    case 'ENOSPC': case 'EDQUOT': return 'free some disk space and run again';
    case 'ENOTDIR': return 'a part of the path is a file, not a folder; choose another path';
    case 'ELOOP': return 'a symlink on the path loops; fix or remove it';
    case 'ENAMETOOLONG': return 'the path is too long; choose a shorter name';
    default: return 'run again';
  }
}

interface Step {
  readonly path: string; // as in the plan, for messages
  readonly target: string; // real absolute path
  readonly data: Buffer;
  readonly original?: Buffer; // modify: the bytes planned against
  tmp?: string;
  backup?: string;
  committed: boolean;
}

let counter = 0;
const sideName = (target: string, kind: 'tmp' | 'bak') => join(dirname(target), `.${basename(target)}.backend-skill-${process.pid}-${++counter}.${kind}`);

/**
 * Where `path` really lands: symlinks in every existing ancestor resolved,
 * refused when that is outside the (real) project root.
 */
export function realTarget(txfs: TxFs, root: string, path: string): string {
  const wanted = resolve(root, path);
  if (wanted !== resolve(root) && !wanted.startsWith(resolve(root) + sep)) throw new ApplyError(`${path} is outside the project root ${root}; nothing was written`);
  const realRoot = realOfMaybeMissing(txfs, resolve(root), root);
  const real = realOfMaybeMissing(txfs, wanted, path);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    throw new ApplyError(`${path} resolves to ${real}, outside the project root (a symlink?); nothing was written`);
  }
  return real;
}

/** The real path of `wanted`, which may not exist yet (init creates its root): its deepest existing ancestor resolved, plus the rest. */
function realOfMaybeMissing(txfs: TxFs, wanted: string, path: string): string {
  // Walk up to the deepest ancestor that exists; its real path plus the missing tail is where the file lands.
  let existing = wanted;
  const tail: string[] = [];
  for (let i = 0; i < 4096; i++) {
    try {
      txfs.lstat(existing);
      break;
    } catch (error) {
      if (code(error) !== 'ENOENT') throw new ApplyError(`cannot inspect ${path} (${reason(error)}); nothing was written — ${advice(error)}`);
      tail.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  let real: string;
  try {
    real = join(txfs.realpath(existing), ...tail);
  } catch (error) {
    throw new ApplyError(`cannot resolve ${path} (${reason(error)}); nothing was written — ${advice(error)}`);
  }
  return real;
}

/** The current bytes of a target, undefined when absent; only regular files count as present content. */
function readTarget(txfs: TxFs, step: Step): Buffer | undefined {
  let stat: fs.Stats;
  try {
    stat = txfs.lstat(step.target);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw new ApplyError(`cannot inspect ${step.path} (${reason(error)}); nothing was written — ${advice(error)}`);
  }
  if (!stat.isFile()) throw new ApplyError(`${step.path} is not a regular file; nothing was written`);
  try {
    return txfs.readFile(step.target);
  } catch (error) {
    throw new ApplyError(`cannot read ${step.path} (${reason(error)}); nothing was written — ${advice(error)}`);
  }
}

const changed = (path: string) => new ApplyError(`${path} changed while planning; nothing was written — run again`);
const appeared = (path: string) => new ApplyError(`${path} appeared while planning; nothing was written — run again`);

/** Apply `plan` under `root`: all of it, or (on any error, thrown as ApplyError) none of it. Returns the paths written. */
export function applyPlanTransaction(root: string, plan: EditPlan, txfs: TxFs = nodeTxFs): string[] {
  // Validate everything before touching disk.
  const steps: Step[] = plan.changes.map((change) => {
    const target = realTarget(txfs, root, change.path);
    if (change.kind === 'create') return { path: change.path, target, data: Buffer.from(change.content, 'utf8'), committed: false };
    const original = Buffer.from(change.original, 'utf8');
    return { path: change.path, target, original, data: Buffer.from(applyEdits(change.original, change.edits), 'utf8'), committed: false };
  });
  const targets = new Set<string>();
  for (const step of steps) {
    if (targets.has(step.target)) throw new ApplyError(`internal: the plan changes ${step.path} twice; nothing was written`);
    targets.add(step.target);
    const current = readTarget(txfs, step);
    if (step.original === undefined && current !== undefined) throw appeared(step.path);
    if (step.original !== undefined && (current === undefined || !current.equals(step.original))) {
      if (current !== undefined && current.toString('utf8') === step.original.toString('utf8')) {
        throw new ApplyError(`${step.path} is not valid UTF-8, so editing it would change bytes; nothing was written`);
      }
      throw changed(step.path);
    }
  }

  const createdDirs: string[] = [];
  try {
    // Stage: parents and temp files; the targets are untouched.
    for (const step of steps) {
      mkdirs(txfs, dirname(step.target), createdDirs, step.path);
      step.tmp = sideName(step.target, 'tmp');
      writeOrFail(() => txfs.writeFile(step.tmp!, step.data), step.path, 'write');
    }
    // Commit: compare-and-swap each target right before it is replaced.
    for (const step of steps) {
      if (step.original === undefined) {
        // link() refuses an existing name: creation and the absence check are one step.
        try {
          txfs.link(step.tmp!, step.target);
        } catch (error) {
          if (code(error) === 'EEXIST') throw appeared(step.path);
          throw ioError(error, step.path, 'create');
        }
        step.committed = true;
        removeQuietly(txfs, step.tmp!);
        step.tmp = undefined;
        continue;
      }
      // Keep the replaced file under a second name (same inode), so a restore gives back
      // exactly what was there, including bytes another process wrote into it meanwhile.
      step.backup = sideName(step.target, 'bak');
      try {
        txfs.link(step.target, step.backup);
      } catch (error) {
        step.backup = undefined;
        if (code(error) === 'ENOENT') throw changed(step.path);
        throw ioError(error, step.path, 'back up');
      }
      if (!sameBytes(txfs, step.backup, step.original)) throw changed(step.path);
      writeOrFail(() => txfs.rename(step.tmp!, step.target), step.path, 'replace');
      step.tmp = undefined;
      step.committed = true;
    }
    // A writer that appended to a replaced file between our check and the rename wrote into the backup.
    for (const step of steps) if (step.backup !== undefined && !sameBytes(txfs, step.backup, step.original!)) throw changed(step.path);
  } catch (error) {
    const failures = rollback(txfs, steps, createdDirs);
    const message = error instanceof ApplyError ? error.message : ioError(error, steps[0]?.path ?? root, 'write').message;
    if (failures.length > 0) throw new ApplyError(`${message}; but could not restore ${failures.join(', ')}`);
    throw error instanceof ApplyError ? error : new ApplyError(message);
  }
  for (const step of steps) if (step.backup !== undefined) removeQuietly(txfs, step.backup);
  return steps.map((s) => s.path);
}

function ioError(error: unknown, path: string, what: string): ApplyError {
  if (error instanceof ApplyError) return error;
  return new ApplyError(`cannot ${what} ${path} (${reason(error)}); nothing was written — ${advice(error)}`);
}

function writeOrFail(action: () => void, path: string, what: string): void {
  try {
    action();
  } catch (error) {
    throw ioError(error, path, what);
  }
}

function sameBytes(txfs: TxFs, path: string, expected: Buffer): boolean {
  try {
    return txfs.readFile(path).equals(expected);
  } catch {
    return false;
  }
}

/** mkdir -p, recording each folder it made (outermost first) so a rollback can remove them. */
function mkdirs(txfs: TxFs, dir: string, created: string[], path: string): void {
  const missing: string[] = [];
  for (let d = dir; missing.length < 4096; d = dirname(d)) {
    try {
      const stat = txfs.lstat(d);
      if (!stat.isDirectory()) throw new ApplyError(`${relative(dirname(d), d)} in ${path} is not a folder; nothing was written`);
      break;
    } catch (error) {
      if (error instanceof ApplyError) throw error;
      if (code(error) !== 'ENOENT' || dirname(d) === d) throw folderError(error, d, path);
      missing.unshift(d);
    }
  }
  for (const d of missing) {
    try {
      txfs.mkdir(d);
    } catch (error) {
      if (code(error) === 'EEXIST') continue;
      throw folderError(error, d, path);
    }
    created.push(d);
  }
}

const folderError = (error: unknown, dir: string, path: string) =>
  new ApplyError(`cannot create the folder ${dir} for ${path} (${reason(error)}); nothing was written — ${code(error) === 'ENOENT' ? 'choose a --root on a normal writable disk' : advice(error)}`);

function removeQuietly(txfs: TxFs, path: string): void {
  try {
    txfs.unlink(path);
  } catch {
    // a leftover temp file is harmless; the plan's outcome does not depend on it
  }
}

/** Undo committed steps (newest first), drop temp files and made folders; returns the paths that could not be restored. */
function rollback(txfs: TxFs, steps: Step[], createdDirs: string[]): string[] {
  const failures: string[] = [];
  for (const step of [...steps].reverse()) {
    if (step.committed) {
      try {
        if (step.backup !== undefined) {
          txfs.rename(step.backup, step.target);
          step.backup = undefined;
        } else {
          txfs.unlink(step.target);
        }
      } catch {
        failures.push(step.path);
      }
    }
    if (step.tmp !== undefined) removeQuietly(txfs, step.tmp);
    if (step.backup !== undefined) removeQuietly(txfs, step.backup);
  }
  for (const dir of [...createdDirs].reverse()) {
    try {
      txfs.rmdir(dir);
    } catch {
      // not empty (someone else's file) or already gone: leave it
    }
  }
  return failures;
}
