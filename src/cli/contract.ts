// `backend-skill openapi` and `backend-skill compat`: the API contract from
// source, and the compatibility check of the working tree against a git base
// (files read with `git show REF:path`, nothing checked out) or a saved
// OpenAPI document.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildOpenApi, compatJson, compatSarif, compatText, diffContracts, isContractSource, type OpenApiDocument, type SourceFile } from '../core/index';
import { UsageError } from './usage';

const MAX_FILES = 20_000;

/** The project's sources on disk (virtualenvs, node_modules, tests skipped). */
function diskSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= MAX_FILES || entry.name.startsWith('.') && entry.name !== '.') continue;
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

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The merge base of HEAD with the default branch (origin's HEAD, else main/master). */
function defaultBase(root: string): string {
  const candidates: string[] = [];
  try {
    candidates.push(git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).trim());
  } catch {
    /* no remote HEAD */
  }
  candidates.push('origin/main', 'origin/master', 'main', 'master');
  for (const ref of candidates) {
    try {
      return git(root, ['merge-base', 'HEAD', ref]).trim();
    } catch {
      /* try the next */
    }
  }
  throw new UsageError('no default branch to compare with (tried origin/HEAD, main, master); pass --base REF or --base-file openapi.json');
}

/** The project's sources at a commit, read from git without touching the work tree. */
function gitSources(root: string, ref: string): SourceFile[] {
  let top: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).trim();
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`${ref} is not a commit in the git repository at ${root}`);
  }
  const prefix = relative(top, root).split('\\').join('/');
  const listed = git(top, ['ls-tree', '-r', '--name-only', '-z', ref, ...(prefix ? ['--', prefix] : [])]).split('\0').filter(Boolean);
  const out: SourceFile[] = [];
  for (const path of listed) {
    const rel = prefix ? path.slice(prefix.length + 1) : path;
    if (!isContractSource(rel)) continue;
    out.push({ path: rel, source: git(top, ['show', `${ref}:${path}`]) });
  }
  return out;
}

/** The project's own Python: .venv, venv, then $VIRTUAL_ENV. */
export function projectPython(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const bin = process.platform === 'win32' ? ['Scripts', 'python.exe'] : ['bin', 'python'];
  const dirs = [join(root, '.venv'), join(root, 'venv'), ...(env.VIRTUAL_ENV ? [env.VIRTUAL_ENV] : [])];
  for (const dir of dirs) if (existsSync(join(dir, ...bin))) return join(dir, ...bin);
  return undefined;
}

/** The module:variable of the FastAPI app: `--app`, else the first of app/main.py, main.py, app.py that declares one. */
function appTarget(root: string, given: string | undefined): string {
  if (given) {
    if (!/^[\w.]+:\w+$/.test(given)) throw new UsageError(`--app must look like package.module:variable (got ${given})`);
    return given;
  }
  for (const file of ['app/main.py', 'main.py', 'app.py', 'src/main.py']) {
    const full = join(root, file);
    if (!existsSync(full)) continue;
    const m = /^(\w+)\s*(?::[^=\n]+)?=\s*(?:fastapi\.)?FastAPI\(/m.exec(readFileSync(full, 'utf8'));
    if (m) return `${file.replace(/\.py$/, '').replace(/^src\//, '').split('/').join('.')}:${m[1]}`;
  }
  throw new UsageError('no FastAPI app found in app/main.py, main.py or app.py; pass --app MODULE:VAR');
}

const EXACT_SCRIPT = 'import importlib, json, sys\nsys.path.insert(0, sys.argv[1])\nmod, var = sys.argv[2].split(":")\nprint(json.dumps(getattr(importlib.import_module(mod), var).openapi()))\n';

/** A Python traceback as one line: the exception and what it says (pydantic's detail lines folded in). */
function pythonError(stderr: string): string {
  const lines = stderr.trim().split('\n');
  let at = -1;
  lines.forEach((line, i) => {
    if (/^[\w.]*(Error|Exception|Exit|Interrupt)\b/.test(line)) at = i;
  });
  const tail = at < 0 ? lines.slice(-1) : lines.slice(at, at + 4).filter((l) => !/errors\.pydantic\.dev/.test(l));
  return tail.map((l) => l.trim()).join(' ').slice(0, 300);
}

/** `app.openapi()` run in the project's own Python. */
export function exactOpenApi(root: string, app: string | undefined, python = projectPython(root)): OpenApiDocument {
  if (!python) throw new UsageError(`no Python environment for ${root}: create .venv or venv there, or activate one (VIRTUAL_ENV)`);
  const target = appTarget(root, app);
  const run = spawnSync(python, ['-c', EXACT_SCRIPT, root, target], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new UsageError(`could not import ${target} with ${python}: ${pythonError(run.stderr || run.error?.message || '')}`);
  }
  return JSON.parse(run.stdout) as OpenApiDocument;
}

function projectRoot(positional: readonly string[]): string {
  if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1]}"`);
  const root = resolve(positional[0] ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a directory`);
  return root;
}

export interface ContractFlags {
  readonly app?: string;
  readonly exact?: boolean;
  readonly base?: string;
  readonly baseFile?: string;
  readonly format?: string;
}

export async function openapiCommand(positional: readonly string[], flags: ContractFlags, out: (s: string) => void): Promise<number> {
  const root = projectRoot(positional);
  const doc = flags.exact ? exactOpenApi(root, flags.app) : await buildOpenApi(diskSources(root));
  out(JSON.stringify(doc, null, 2) + '\n');
  return 0;
}

export async function compatCommand(positional: readonly string[], flags: ContractFlags, version: string, out: (s: string) => void): Promise<number> {
  const root = projectRoot(positional);
  const format = flags.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError('--format must be one of text, json, sarif');
  if (flags.base && flags.baseFile) throw new UsageError('give one of --base REF or --base-file openapi.json');
  let base: OpenApiDocument;
  if (flags.baseFile) {
    try {
      base = JSON.parse(readFileSync(resolve(flags.baseFile), 'utf8')) as OpenApiDocument;
    } catch (error) {
      throw new UsageError(`cannot read ${flags.baseFile} as an OpenAPI JSON document: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  } else base = await buildOpenApi(gitSources(root, flags.base ?? defaultBase(root)));
  const head = await buildOpenApi(diskSources(root));
  const changes = diffContracts(base, head);
  out(format === 'json' ? compatJson(changes) : format === 'sarif' ? JSON.stringify(compatSarif(changes, version), null, 2) + '\n' : compatText(changes));
  return changes.some((c) => c.verdict === 'breaking') ? 1 : 0;
}
