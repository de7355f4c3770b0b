// `backend-skill openapi` and `backend-skill compat`: the API contract from
// source, and the compatibility check of the working tree against a git base
// (files read with `git show REF:path`, nothing checked out) or a saved
// OpenAPI document.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildOpenApi, compatJson, compatSarif, compatText, diffContracts, type OpenApiDocument } from '../core/index';
import { defaultBase, diskSources, gitSources } from './contractSources';
import { UsageError } from './usage';

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
  } else base = await buildOpenApi(await gitSources(root, flags.base ?? (await defaultBase(root))));
  const head = await buildOpenApi(diskSources(root));
  const changes = diffContracts(base, head);
  out(format === 'json' ? compatJson(changes) : format === 'sarif' ? JSON.stringify(compatSarif(changes, version), null, 2) + '\n' : compatText(changes));
  return changes.some((c) => c.verdict === 'breaking') ? 1 : 0;
}
