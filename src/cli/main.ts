// backend-skill CLI: the same core as the editor, headless.
//   backend-skill init [fastapi|express] --root DIR [--name NAME] [--dry-run]
//   backend-skill new resource NAME --fields "SPEC" --root DIR [--auth writes|all|none|admin] [--owned] [--framework fastapi|express] [--dry-run]
//   backend-skill add route|dto|repository ... (the editor's Add Route/DTO/Repository commands)
//   backend-skill check PATH... [--format text|json|sarif] [--rules id,id=severity] [--config FILE] [--jobs N] [--cache DIR]
// Exit codes: 0 success, 2 bad input or a project that cannot take the change (nothing written), 1 unexpected failure;
// check: 1 when an error or warning is found, 0 when clean.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import {
  detectFramework, FRAMEWORKS, InputError, PlanError, planExpressInit, planExpressResource, planGeneration, planInit,
  planToDiff, projectNameFromFolder, type EditPlan, type Framework, type Generation,
} from '../core/index';
import { check } from './check';
import { compatCommand, openapiCommand } from './contract';
import { applyPlanToDisk, diskFileView, readNamedFile } from './nodeFiles';
import { ApplyError } from './transaction';
import { UsageError } from './usage';
import { version } from '../../package.json';

const USAGE = `Usage:
  backend-skill init fastapi|express [--root DIR] [--name NAME] [--dry-run]     (init alone: fastapi)
  backend-skill new resource NAME --fields "SPEC" [--root DIR] [--auth writes|all|none|admin] [--owned]
                [--framework fastapi|express] [--dry-run]     (the framework is detected from the project)
                --owned: rows belong to the signed-in user (owner_id from the token; others get 404);
                --auth admin: reads as with writes, writes for superusers only (FastAPI)
  backend-skill add route --router app/routers/X.py --method GET --path "/{item_id}/tags/{tag}"
                [--name FUNCTION] [--response-model CLASS] [--auth writes|all|none] [--root DIR] [--dry-run]
  backend-skill add dto NAME (--fields "SPEC" | --json FILE|-) [--module app/schemas/X.py] [--root DIR] [--dry-run]
  backend-skill add repository --model app/models/X.py [--class NAME] [--root DIR] [--dry-run]
  backend-skill check PATH... [--format text|json|sarif] [--rules LIST] [--config FILE] [--jobs N] [--cache DIR]
  backend-skill openapi [PATH] [--exact] [--app MODULE:VAR]     (the API contract as OpenAPI 3.1 JSON)
  backend-skill compat [PATH] [--base REF | --base-file openapi.json] [--format text|json|sarif]
                (exit 1 on breaking changes; base: merge base with the default branch)

Field spec: name:type[?][=default][:modifier...], separated by spaces or commas.
  types: str text int float decimal bool date datetime uuid email url json enum(a|b) list[str] ref(Resource)
  ?: optional (nullable)   modifiers: unique index max=N min=N
  e.g. --fields "title:str:max=200 isbn:str:unique price:decimal:min=0 author:ref(Author) tags:list[str]=[]"

check: flags unsafe patterns in Python, TypeScript and JavaScript files (.py .pyi .ts .tsx .mts .cts .js .jsx .mjs .cjs;
  folders are walked; excludes from the config apply). Files over 4 MB, binary files and non-regular files are skipped and counted.
  --format text|json|sarif   output (default text); lines and columns are 1-based
  --rules LIST               "id,id" runs only those rules; "id=error|warning|info|off" sets a severity
  --config FILE              a pyproject.toml ([tool.backend-skill]) or .backend-skill.json
  --jobs N                   analyse on N threads (default: one per core); same output as --jobs 1
  --cache DIR                keep per-file results in DIR; unchanged files are not analysed again
  exit 1 when an error or warning is found, 0 when clean (info only is clean),
  2 on a usage error or when a file named on the command line could not be checked`;


interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['jobs', 'cache', 'root', 'fields', 'auth', 'framework', 'name', 'router', 'method', 'path', 'response-model', 'json', 'module', 'model', 'class', 'format', 'rules', 'config', 'app', 'base', 'base-file']);
const BOOLEAN_FLAGS = new Set(['dry-run', 'help', 'version', 'exact', 'owned']);

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    if (BOOLEAN_FLAGS.has(key)) {
      // `--owned=false` must not mean yes: a switch takes no value.
      if (eq >= 0) throw new UsageError(`--${key} takes no value; leave it out to turn it off`);
      flags.set(key, true);
    } else if (VALUE_FLAGS.has(key)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${key} needs a value`);
      flags.set(key, value);
    } else {
      throw new UsageError(`unknown option ${arg}; see backend-skill --help`);
    }
  }
  return { positional, flags };
}

/**
 * Run a planner on an existing project; "not a complete project" then names the
 * folder, and --root when it was not given (the usual cause: the wrong working directory).
 */
async function inProject<T>(root: string, flags: Parsed['flags'], plan: () => Promise<T>): Promise<T> {
  try {
    return await plan();
  } catch (error) {
    if (error instanceof PlanError && error.message.startsWith('not a complete')) {
      const hint = flags.has('root') ? '' : '; or pass --root DIR to name the project folder';
      throw new PlanError(`${root}: ${error.message}${hint}`);
    }
    // Any other refusal in a folder that is no project at all (`add repository --model ...` from the wrong place).
    if (error instanceof PlanError && !flags.has('root') && (await detectFramework(diskFileView(root))) === undefined) {
      throw new PlanError(`${error.message} (${root} is not a backend-skill project; cd into one or pass --root DIR)`);
    }
    throw error;
  }
}

/**
 * An error as one readable line: control characters are shown escaped and an
 * echoed run of 200+ non-space characters (a pasted blob) is cut short.
 */
function oneLine(message: string): string {
  const escaped = message.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return escaped.replace(/\S{200,}/g, (run) => `${run.slice(0, 80)}…`);
}

function rootOf(flags: Parsed['flags'], mustExist: boolean): string {
  const raw = flags.get('root');
  const root = resolve(typeof raw === 'string' ? raw : '.');
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`--root ${root} is not a directory`);
  if (mustExist && !existsSync(root)) throw new UsageError(`--root ${root} does not exist; create it or run init there first`);
  return root;
}

async function finish(plan: EditPlan, root: string, dryRun: boolean, out: (s: string) => void, style?: string): Promise<void> {
  if (dryRun) {
    // The inferred style once, as a note line the diff cannot be mistaken for.
    if (style) out(`# ${style}\n`);
    out(planToDiff(plan));
    for (const note of plan.notes) out(`# ${note}\n`);
    out(`# dry run: ${plan.changes.length} file(s) would change under ${root}; nothing written\n`);
    return;
  }
  if (style) out(`  ${style}\n`);
  const written = await applyPlanToDisk(root, plan);
  for (const path of written) out(`  ${plan.changes.find((c) => c.path === path)?.kind === 'create' ? 'created' : 'updated'} ${path}\n`);
  for (const note of plan.notes) out(`  ${note}\n`);
}

/** A string flag, or a usage error naming what to pass. */
function need(flags: Parsed['flags'], key: string, example: string): string {
  const value = flags.get(key);
  if (typeof value !== 'string') throw new UsageError(`missing --${key}, e.g. --${key} ${example}`);
  return value;
}

const optional = (flags: Parsed['flags'], key: string): string | undefined => {
  const value = flags.get(key);
  return typeof value === 'string' ? value : undefined;
};

/** `add route|dto|repository`: the planners behind the editor commands. */
async function planAdd(what: string | undefined, name: string | undefined, rest: string[], flags: Parsed['flags']): Promise<Generation> {
  const root = rootOf(flags, true);
  const view = diskFileView(root);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (what === 'route') {
    if (name !== undefined) throw new UsageError(`unexpected argument "${name}"; pass the handler name as --name`);
    const method = need(flags, 'method', 'GET').toUpperCase();
    const auth = optional(flags, 'auth') ?? 'writes';
    if (!['writes', 'all', 'none'].includes(auth)) throw new UsageError('--auth must be one of writes, all, none');
    const responseModel = optional(flags, 'response-model');
    const functionName = optional(flags, 'name');
    return planGeneration(view, {
      kind: 'route',
      routerPath: need(flags, 'router', 'app/routers/books.py'),
      method,
      path: need(flags, 'path', '"/{book_id}/tags/{tag}"'),
      auth: auth === 'all' || (auth === 'writes' && method !== 'GET'),
      authMode: auth as 'writes' | 'all' | 'none',
      ...(responseModel ? { responseModel } : {}),
      ...(functionName ? { functionName } : {}),
    });
  }
  if (what === 'dto') {
    if (name === undefined) throw new UsageError('missing DTO name: backend-skill add dto NAME --fields "..." (or --json FILE)');
    const fields = optional(flags, 'fields');
    const jsonFile = optional(flags, 'json');
    if ((fields === undefined) === (jsonFile === undefined)) throw new UsageError('give exactly one of --fields "SPEC" or --json FILE (- for stdin)');
    const json = jsonFile === undefined ? undefined : jsonFile === '-' ? readFileSync(0, 'utf8') : readNamedFile(resolve(jsonFile), `--json ${jsonFile}`);
    const module = optional(flags, 'module');
    return planGeneration(view, { kind: 'dto', name, ...(fields !== undefined ? { fields } : {}), ...(json !== undefined ? { json } : {}), ...(module ? { module } : {}) });
  }
  if (what === 'repository') {
    if (name !== undefined) throw new UsageError(`unexpected argument "${name}"; pass the model module as --model and the class as --class`);
    const className = optional(flags, 'class');
    return planGeneration(view, { kind: 'repository', modelPath: need(flags, 'model', 'app/models/book.py'), ...(className ? { className } : {}) });
  }
  throw new UsageError(`add needs route, dto or repository (got ${what ?? 'nothing'})`);
}

function isFramework(value: string): value is Framework {
  return (FRAMEWORKS as readonly string[]).includes(value);
}

export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    const { positional, flags } = parseArgs(argv);
    if (flags.has('version')) {
      out(`${version}\n`);
      return 0;
    }
    if (flags.has('help') || positional.length === 0) {
      out(USAGE + '\n');
      return positional.length === 0 && !flags.has('help') ? 2 : 0;
    }
    if (positional[0] === 'openapi' || positional[0] === 'compat') {
      const str = (key: string) => (typeof flags.get(key) === 'string' ? (flags.get(key) as string) : undefined);
      const contractFlags = { app: str('app'), exact: flags.has('exact'), base: str('base'), baseFile: str('base-file'), format: str('format') };
      return positional[0] === 'openapi' ? await openapiCommand(positional.slice(1), contractFlags, out) : await compatCommand(positional.slice(1), contractFlags, version, out);
    }
    if (positional[0] === 'check') {
      const value = (key: string) => {
        const v = flags.get(key);
        return typeof v === 'string' ? v : undefined;
      };
      for (const key of flags.keys()) if (!['format', 'rules', 'config', 'jobs', 'cache'].includes(key)) throw new UsageError(`--${key} does not apply to check`);
      const jobsFlag = flags.get('jobs');
      if (flags.has('jobs') && (typeof jobsFlag !== 'string' || !/^\d+$/.test(jobsFlag))) throw new UsageError('--jobs needs a whole number of threads, 1 or more');
      // Default: one thread per core (check falls back to this thread for a single file).
      const jobs = typeof jobsFlag === 'string' ? Number(jobsFlag) : availableParallelism();
      return await check(positional.slice(1), { format: value('format'), rules: value('rules'), config: value('config'), jobs, cache: value('cache') }, out, err);
    }
    const dryRun = flags.has('dry-run');
    const [command, target, name, ...rest] = positional;
    if (command === 'init') {
      const framework = target ?? 'fastapi';
      if (!isFramework(framework)) throw new UsageError(`init needs a target: backend-skill init fastapi or backend-skill init express (got ${framework})`);
      if (positional[2] !== undefined) throw new UsageError(`unexpected argument "${positional[2]}"`);
      if (flags.has('framework')) throw new UsageError('--framework does not apply to init; name the target: backend-skill init express');
      const root = rootOf(flags, false);
      const name = flags.get('name');
      const projectName = typeof name === 'string' ? name : projectNameFromFolder(basename(root));
      const plan = framework === 'express' ? await planExpressInit(diskFileView(root), { projectName }) : await planInit(diskFileView(root), { projectName });
      await finish(plan, root, dryRun, out);
      return 0;
    }
    if (command === 'new' && target === 'resource') {
      if (name === undefined) throw new UsageError('missing resource name: backend-skill new resource NAME --fields "..."');
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"; quote the field spec: --fields "a:str b:int"`);
      const fields = flags.get('fields');
      if (typeof fields !== 'string') throw new UsageError('missing --fields "SPEC", e.g. --fields "title:str:max=200 price:decimal"');
      const auth = flags.get('auth');
      const root = rootOf(flags, true);
      const view = diskFileView(root);
      const forced = flags.get('framework');
      if (forced !== undefined && (typeof forced !== 'string' || !isFramework(forced))) throw new UsageError(`--framework must be one of ${FRAMEWORKS.join(', ')}`);
      // Detected from the project; a folder that is neither gets the FastAPI planner's "run init" message.
      const framework = forced ?? (await detectFramework(view)) ?? 'fastapi';
      const owned = flags.get('owned') === true;
      const input = { name, fields, auth: typeof auth === 'string' ? (auth as 'writes') : 'writes', owned };
      if (framework === 'express') {
        await finish((await inProject(root, flags, () => planExpressResource(view, input))).plan, root, dryRun, out);
        return 0;
      }
      const generation = await inProject(root, flags, () => planGeneration(view, { kind: 'resource', ...input }));
      await finish(generation.plan, root, dryRun, out, generation.summary);
      return 0;
    }
    if (command === 'add') {
      const generation = await inProject(rootOf(flags, true), flags, () => planAdd(target, name, rest, flags));
      await finish(generation.plan, rootOf(flags, true), dryRun, out, generation.summary);
      return 0;
    }
    throw new UsageError(`unknown command "${positional.join(' ')}"; see backend-skill --help`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof PlanError || error instanceof ApplyError) {
      err(`backend-skill: error: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      // Name errors already start with "resource name ..."; flag errors name their flag.
      const prefix = error.part === 'name' ? '' : `--${error.part}: `;
      err(`backend-skill: error: ${oneLine(prefix + error.detail)}\n`);
      return 2;
    }
    // One line for the user; the trace only when asked for (BACKEND_SKILL_DEBUG=1), for a bug report.
    const detail = error instanceof Error ? (process.env.BACKEND_SKILL_DEBUG ? (error.stack ?? error.message) : error.message.split('\n')[0]) : String(error);
    err(`backend-skill: unexpected failure: ${process.env.BACKEND_SKILL_DEBUG ? detail : oneLine(detail ?? '')}; rerun with BACKEND_SKILL_DEBUG=1 for the trace and report it\n`);
    return 1;
  }
}

// Not in a `check --jobs` worker thread, which loads this same bundle to serve analyses (./checkWorkers.ts).
if (require.main === module && isMainThread) {
  void run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => {
    process.exitCode = code;
  });
}
