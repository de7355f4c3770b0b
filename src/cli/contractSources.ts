// The files a contract is built from, read from Node: the working tree on
// disk, or a git commit through `git show REF:path` (nothing checked out).
// Shared by the `compat` command and the editor's compatibility diagnostics;
// git is run asynchronously so the extension host is never blocked on it.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isContractSource, type SourceFile } from '../core/index';
import { UsageError } from './usage';

const MAX_FILES = 20_000;
/** `git show` calls in flight at once. */
const PARALLEL = 8;

/** The project's sources on disk (virtualenvs, node_modules, tests skipped). */
export function diskSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= MAX_FILES || (entry.name.startsWith('.') && entry.name !== '.')) continue;
      const full = join(dir, entry.name);
      const rel = relative(root, full).split('\\').join('/');
      if (entry.isDirectory()) {
        if (!/^(node_modules|venv|env|dist|out|build|__pycache__|site-packages)$/.test(entry.name)) walk(full);
      } else if (isContractSource(rel)) out.push({ path: rel, source: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out;
}

export function git(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** The merge base of HEAD with the default branch (origin's HEAD, else main/master). */
export async function defaultBase(root: string): Promise<string> {
  const candidates: string[] = [];
  try {
    candidates.push((await git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])).trim());
  } catch {
    /* no remote HEAD */
  }
  candidates.push('origin/main', 'origin/master', 'main', 'master');
  for (const ref of candidates) {
    try {
      return (await git(root, ['merge-base', 'HEAD', ref])).trim();
    } catch {
      /* try the next */
    }
  }
  throw new UsageError('no default branch to compare with (tried origin/HEAD, main, master); pass --base REF or --base-file openapi.json');
}

/** The commit a ref names (to key caches of a base). */
export async function commitOf(root: string, ref: string): Promise<string> {
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new UsageError(`${ref} is not a commit in the git repository at ${root}`);
  }
}

/** The project's sources at a commit, read from git without touching the work tree. */
export async function gitSources(root: string, ref: string): Promise<SourceFile[]> {
  let top: string;
  try {
    top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new UsageError(`${ref} is not a commit in the git repository at ${root}`);
  }
  await commitOf(root, ref);
  const prefix = relative(top, root).split('\\').join('/');
  const listed = (await git(top, ['ls-tree', '-r', '--name-only', '-z', ref, ...(prefix ? ['--', prefix] : [])])).split('\0').filter(Boolean);
  const wanted = listed.map((path) => ({ path, rel: prefix ? path.slice(prefix.length + 1) : path })).filter((f) => isContractSource(f.rel));
  const out: SourceFile[] = new Array(wanted.length);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      out[i] = { path: wanted[i]!.rel, source: await git(top, ['show', `${ref}:${wanted[i]!.path}`]) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, wanted.length) }, worker));
  return out;
}
