// `backend-skill check PATH... [--format text|json|sarif] [--rules ...] [--config FILE]`:
// find the project root above the first PATH (nearest pyproject.toml, package.json or .git),
// read its config, walk the PATHs for Python and TypeScript/JavaScript files
// (excludes honoured; node_modules is excluded by default), build the
// project facts from every such file under the root plus .env.example,
// analyse, print. Exit 1 when an error or warning is found, 0 when clean
// (info only is clean), 2 on a usage error (thrown as UsageError).
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  collectProjectFacts,
  CONFIG_FILES,
  decodeSource,
  excludeMatcher,
  formatText,
  MAX_FILE_BYTES,
  parseRuleList,
  ALL_RULES,
  analysisLanguageOf,
  Analyzers,
  resolveConfig,
  toJsonFindings,
  toSarif,
  withRules,
  type AnalysisConfig,
  type AnalysisResult,
  type FileReport,
  type ProjectFacts,
  type ProjectFile,
  type RunNote,
} from '../core/index';
import { CheckCache } from './checkCache';
import { readNamedFile } from './nodeFiles';
import { analyzeInWorkers } from './checkWorkers';
import { UsageError } from './usage';
import { version } from '../../package.json';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  readonly format?: string;
  readonly rules?: string;
  readonly config?: string;
  /** Working directory the PATHs and --config are relative to (tests). */
  readonly cwd?: string;
  /**
   * `--jobs N`: analyse on N worker threads (./checkWorkers.ts); 1 (the
   * default here; the CLI defaults to the number of cores) analyses in this
   * thread. The output is the same either way.
   */
  readonly jobs?: number;
  /**
   * `--cache DIR`: reuse per-file results stored in DIR by an earlier run
   * (./checkCache.ts: keyed by the file, the rule settings, the project's
   * files and the tool version) and store the new ones. Off by default.
   */
  readonly cache?: string;
}

const toSlash = (p: string): string => p.split(sep).join('/');

/** Nearest folder at or above `start` holding pyproject.toml, package.json or .git; else `start`'s folder. */
export function findProjectRoot(start: string): string {
  const first = existsSync(start) && statSync(start).isDirectory() ? start : dirname(start);
  for (let dir = first; ; dir = dirname(dir)) {
    if (['pyproject.toml', 'package.json', '.git'].some((marker) => existsSync(join(dir, marker)))) return dir;
    if (dirname(dir) === dir) return first;
  }
}

/** Where the rule docs are: beside the bundle (dist/docs/rules) or in the source tree (tests). */
function docsReader(): (id: string) => string | undefined {
  const candidates = [join(__dirname, 'docs', 'rules'), resolve(__dirname, '../../../src/core/analysis/docs'), resolve(__dirname, '../core/analysis/docs')];
  const dir = candidates.find((d) => existsSync(d));
  return (id) => {
    if (!dir) return undefined;
    try {
      return readFileSync(join(dir, `${id}.md`), 'utf8');
    } catch {
      return undefined;
    }
  };
}

function readConfig(root: string, explicit: string | undefined, cwd: string, problems: string[]): AnalysisConfig {
  if (explicit === undefined) {
    return resolveConfig((name) => {
      const file = join(root, name);
      if (!existsSync(file)) return undefined;
      // A config that is a FIFO or a folder would block or fail: it is reported and the defaults apply.
      try {
        return readNamedFile(file, name);
      } catch (error) {
        problems.push(`${(error as Error).message}; using the defaults`);
        return undefined;
      }
    }, problems);
  }
  const file = resolve(cwd, explicit);
  // Read the explicit file under the name its format is known by.
  const kind = file.endsWith('.toml') ? CONFIG_FILES[0] : CONFIG_FILES[1];
  const text = readNamedFile(file, `--config ${explicit}`);
  return resolveConfig((name) => (name === kind ? text : undefined), problems);
}

const MAX_WALK_DEPTH = 64;

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Every file under `dir` that `keep` accepts, skipping excluded folders and symlinked folders. */
function walk(dir: string, root: string, excluded: (rel: string) => boolean, keep: (name: string) => boolean, out: string[], depth = 0): void {
  // Symlinked folders are not followed, so the walk is finite; the depth bound guards odd mounts.
  if (depth > MAX_WALK_DEPTH) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const rel = toSlash(relative(root, full));
    if (excluded(rel)) continue;
    if (entry.isDirectory()) walk(full, root, excluded, keep, out, depth + 1);
    else if ((entry.isFile() || (entry.isSymbolicLink() && isFile(full))) && keep(entry.name)) out.push(full);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const isAnalyzed = (name: string): boolean => analysisLanguageOf(name) !== undefined;

export async function check(paths: readonly string[], options: CheckOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const format = (options.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format "${options.format}"; use text, json or sarif`);
  let selection;
  try {
    selection = options.rules === undefined ? undefined : parseRuleList(options.rules);
  } catch (error) {
    throw new UsageError(`--rules: ${(error as Error).message}`);
  }
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) throw new UsageError('--jobs needs a whole number of threads, 1 or more');
  if (paths.length === 0) throw new UsageError('missing PATH: backend-skill check PATH... (a file or folder)');
  const targets = paths.map((p) => resolve(cwd, p));
  for (const [i, target] of targets.entries()) {
    if (existsSync(target)) continue;
    const link = lstatOrUndefined(target)?.isSymbolicLink();
    throw new UsageError(link ? `path ${paths[i]} is a dangling symlink or a symlink loop` : `path ${paths[i]} does not exist`);
  }

  const root = findProjectRoot(targets[0]!);
  const problems: string[] = [];
  let config = readConfig(root, options.config, cwd, problems);
  if (selection) config = withRules(config, selection.rules);
  for (const p of problems) err(`backend-skill: warning: ${p}\n`);
  const excluded = excludeMatcher(config.exclude);
  const notes: RunNote[] = [];
  const rel = (abs: string): string => toSlash(relative(root, abs));

  // Bytes → text once per file; the project facts and the analysis share the cache.
  const texts = new Map<string, string | undefined>();
  // Why a file was not read; reported only for the files being checked, not for the rest of the project.
  const unread = new Map<string, string>();
  const read = (abs: string): string | undefined => {
    if (texts.has(abs)) return texts.get(abs);
    let text: string | undefined;
    try {
      const stat = statSync(abs);
      const size = stat.size;
      // Only regular files are read: a FIFO or a device would block or never end.
      const decoded = !stat.isFile() ? { skipped: 'skipped: not a regular file (a FIFO, socket or device?)', text: undefined } : size > MAX_FILE_BYTES ? { skipped: `skipped: ${(size / 1e6).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1e6} MB limit` } : decodeSource(readFileSync(abs));
      if (decoded.skipped !== undefined) unread.set(abs, decoded.skipped);
      text = decoded.text;
    } catch (error) {
      unread.set(abs, `skipped: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    texts.set(abs, text);
    return text;
  };

  // The files to analyse: named files as given, folders walked.
  const files: string[] = [];
  // Files named on the command line: one that cannot be checked fails the run (exit 2).
  const named = new Set<string>();
  for (const target of targets) {
    if (statSync(target).isDirectory()) {
      const below = rel(target);
      // A folder that is itself excluded (`check venv/`) is still walked when named: only what is below it is matched.
      const named = below !== '' && !below.startsWith('..') && excluded(below);
      walk(target, root, named ? (r) => excluded(r.slice(below.length + 1)) : excluded, isAnalyzed, files);
    } else {
      files.push(target);
      named.add(target);
    }
  }
  const unique = [...new Set(files)];

  // Project facts: every analysed file under the root, plus .env.example.
  const projectPaths: string[] = [];
  walk(root, root, excluded, (name) => isAnalyzed(name) || name === '.env.example', projectPaths);
  const projectFiles: ProjectFile[] = [];
  for (const abs of projectPaths) {
    const source = read(abs);
    if (source !== undefined) projectFiles.push({ path: rel(abs), source });
  }
  // Built only when some file is analysed: with --cache, a run where every file hits needs no facts.
  let facts: ProjectFacts | undefined;
  const project = (): ProjectFacts => (facts ??= collectProjectFacts(projectFiles));

  const analyzeOptions = { rules: config.rules, only: selection?.only };
  const readable = unique.filter((abs) => read(abs) !== undefined);
  // Results known before the loop below (cache hits, then worker results); the loop reads them in file order.
  const known = new Map<string, AnalysisResult | undefined>();
  const cache = options.cache === undefined ? undefined : new CheckCache(resolve(cwd, options.cache), version, analyzeOptions, projectFiles, project);
  const keys = new Map<string, string>();
  const hits = new Set<string>();
  if (cache) {
    for (const abs of readable) {
      if (!analysisLanguageOf(abs)) continue;
      const key = cache.key(rel(abs), read(abs)!);
      keys.set(abs, key);
      const hit = cache.get(key);
      if (hit) {
        known.set(abs, hit);
        hits.add(abs);
      }
    }
  }
  // With --jobs, the files left are analysed up front on worker threads.
  const misses = readable.filter((abs) => !known.has(abs));
  const jobs = options.jobs ?? 1;
  if (jobs > 1 && misses.length > 1) {
    const results = await analyzeInWorkers(
      misses.map((abs) => ({ path: rel(abs), source: read(abs)! })),
      analyzeOptions,
      project(),
      jobs,
    );
    misses.forEach((abs, i) => known.set(abs, results[i]));
  }
  const analyzers = new Analyzers();
  const reports: FileReport[] = [];
  let skipped = 0;
  const namedSkipped: string[] = [];
  const skip = (abs: string, message: string) => {
    notes.push({ path: rel(abs), message, level: 'note' });
    skipped++;
    if (named.has(abs)) namedSkipped.push(toSlash(relative(cwd, abs)) || basename(abs));
  };
  for (const abs of unique) {
    const source = read(abs);
    if (source === undefined) {
      skip(abs, unread.get(abs) ?? 'skipped');
      continue;
    }
    const result = known.has(abs) ? known.get(abs) : await analyzers.analyze(rel(abs), source, { ...analyzeOptions, project: project() });
    const key = keys.get(abs);
    if (cache && key !== undefined && result && !hits.has(abs)) cache.set(key, result);
    if (!result) {
      skip(abs, 'skipped: not a Python, TypeScript or JavaScript file');
      continue;
    }
    if (result.skipped) {
      // Not analysed (e.g. no parse tree): counted as skipped, never as a clean checked file.
      skip(abs, `skipped: ${result.skipped}`);
      continue;
    }
    for (const e of result.ruleErrors) notes.push({ path: rel(abs), message: `rule ${e.rule} failed: ${e.error.split('\n')[0]}`, level: 'error' });
    reports.push({ path: rel(abs), source, findings: result.findings });
  }
  for (const note of notes) err(`backend-skill: ${note.level === 'error' ? 'warning' : 'note'}: ${note.path}: ${note.message}\n`);

  // Text and JSON name files relative to the working directory (clickable in a terminal);
  // SARIF names them relative to the project root, its %SRCROOT%.
  const forPeople = reports.map((r) => ({ ...r, path: toSlash(relative(cwd, join(root, r.path))) || basename(r.path) }));
  if (format === 'text') out(formatText(forPeople, skipped));
  else if (format === 'json') out(JSON.stringify(toJsonFindings(forPeople), null, 2) + '\n');
  else {
    const baseUri = pathToFileURL(root).href.replace(/\/?$/, '/');
    const docs = docsReader();
    out(JSON.stringify(toSarif(reports, ALL_RULES, { toolName: 'backend-skill', version, baseUri, docs, notes }), null, 2) + '\n');
  }
  if (namedSkipped.length > 0) {
    // Padding or renaming a file must not turn "not checked" into a clean run.
    err(`backend-skill: error: ${namedSkipped.length === 1 ? `${namedSkipped[0]} was` : `${namedSkipped.length} named files were`} not checked (see the note above), so this run proves nothing about ${namedSkipped.length === 1 ? 'it' : 'them'}\n`);
    return 2;
  }
  return reports.some((r) => r.findings.some((f) => f.severity !== 'info')) ? 1 : 0;
}
