// Workspace configuration for the analysis, shared by the CLI and the editor:
// `[tool.backend-skill]` in pyproject.toml and/or `.backend-skill.json`, each
// holding a `rules` map (rule id → error|warning|info|off) and `exclude` globs.
// Pure: callers hand in the file texts; problems are returned, never thrown,
// so a bad config degrades to the defaults with a message instead of a crash.
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { z } from 'zod';
import { RULE_IDS } from './rules/index';
import { SEVERITIES, type SeveritySetting } from './types';

// smol-toml ships ESM types with a CommonJS build; this project compiles to CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as typeof SmolToml;

/**
 * Never analysed: virtualenvs, dependencies, VCS metadata, build output, and
 * minified bundles (vendored front-end libraries: not the project's code, and
 * every finding in them is noise).
 */
export const DEFAULT_EXCLUDES: readonly string[] = ['.venv', 'venv', 'node_modules', '.git', '__pycache__', 'build', 'dist', 'site-packages', '*.min.js', '*-min.js', '*.min.mjs', '*.min.cjs'];

/** The config file names, in the order they are read (later files win per rule). */
export const CONFIG_FILES = ['pyproject.toml', '.backend-skill.json'] as const;

export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

export interface AnalysisConfig {
  readonly rules: RuleSettings;
  /** Default excludes followed by the configured ones. */
  readonly exclude: readonly string[];
}

export const DEFAULT_CONFIG: AnalysisConfig = { rules: {}, exclude: DEFAULT_EXCLUDES };

const severity = z.enum(SEVERITIES as unknown as [SeveritySetting, ...SeveritySetting[]]);
const fileSchema = z
  .object({
    rules: z.record(z.string(), z.unknown()).optional(),
    exclude: z.array(z.string()).optional(),
  })
  .passthrough();

/**
 * Validate a rules map: unknown ids and bad severities are dropped with a
 * message each. Used for config files and for the editor setting alike.
 */
export function validateRules(raw: Record<string, unknown>, where: string, problems: string[]): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(raw)) {
    if (!RULE_IDS.includes(id)) {
      problems.push(`${where}: unknown rule "${id}" (known: ${RULE_IDS.join(', ')})`);
      continue;
    }
    const parsed = severity.safeParse(value);
    if (parsed.success) out[id] = parsed.data;
    else problems.push(`${where}: rule "${id}" has severity ${JSON.stringify(value)}; use one of ${SEVERITIES.join(', ')}`);
  }
  return out;
}

export interface ConfigSection {
  readonly rules: Record<string, SeveritySetting>;
  readonly exclude: readonly string[];
}

/** Parse one config file's text; `undefined` when it has no backend-skill section. */
export function parseConfigFile(name: string, text: string, problems: string[]): ConfigSection | undefined {
  let data: unknown;
  try {
    if (name.endsWith('.toml')) {
      const toml = parseToml(text) as { tool?: Record<string, unknown> };
      data = toml.tool?.['backend-skill'];
    } else {
      data = JSON.parse(text);
    }
  } catch (error) {
    problems.push(`${name}: cannot be parsed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); ignoring it`);
    return undefined;
  }
  if (data === undefined) return undefined;
  const where = name.endsWith('.toml') ? `${name} [tool.backend-skill]` : name;
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(`${where}: expected { rules: { id: severity }, exclude: [glob, ...] }; ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
    return undefined;
  }
  for (const key of Object.keys(parsed.data)) if (key !== 'rules' && key !== 'exclude') problems.push(`${where}: unknown key "${key}" ignored`);
  return { rules: validateRules(parsed.data.rules ?? {}, where, problems), exclude: parsed.data.exclude ?? [] };
}

/**
 * The effective config from the config files' texts (by name, `undefined` when
 * absent). Rules: pyproject.toml, then .backend-skill.json on top. Excludes:
 * the defaults plus every file's `exclude`.
 */
export function resolveConfig(read: (name: string) => string | undefined, problems: string[] = []): AnalysisConfig {
  const rules: Record<string, SeveritySetting> = {};
  const exclude = [...DEFAULT_EXCLUDES];
  for (const name of CONFIG_FILES) {
    const text = read(name);
    if (text === undefined) continue;
    const section = parseConfigFile(name, text, problems);
    if (!section) continue;
    Object.assign(rules, section.rules);
    for (const glob of section.exclude) if (!exclude.includes(glob)) exclude.push(glob);
  }
  return { rules, exclude };
}

/** An override (CLI `--rules`, the editor setting) on top of the file's rules. */
export function withRules(config: AnalysisConfig, override: Readonly<Record<string, SeveritySetting | undefined>>): AnalysisConfig {
  const rules: Record<string, SeveritySetting> = { ...config.rules };
  for (const [id, level] of Object.entries(override)) if (level !== undefined) rules[id] = level;
  return { ...config, rules };
}

export interface RuleSelection {
  readonly rules: Record<string, SeveritySetting>;
  /** Rules named without a severity: when any, only the named rules run. */
  readonly only: readonly string[] | undefined;
}

/**
 * `--rules sql-injection,ssrf` (only these) or `--rules ssrf=off,debug-enabled=error`
 * (severities) or both. Throws on an unknown id or severity: it is a usage error.
 */
export function parseRuleList(text: string): RuleSelection {
  const rules: Record<string, SeveritySetting> = {};
  const named: string[] = [];
  let bare = false;
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, level, extra] = item.split('=').map((s) => s.trim());
    if (!RULE_IDS.includes(id!)) throw new Error(`unknown rule "${id}"; known rules: ${RULE_IDS.join(', ')}`);
    if (extra !== undefined) throw new Error(`bad rule setting "${item}"; use id=severity`);
    if (level === undefined) bare = true;
    else if (!(SEVERITIES as readonly string[]).includes(level)) throw new Error(`rule "${id}": unknown severity "${level}"; use one of ${SEVERITIES.join(', ')}`);
    else rules[id!] = level as SeveritySetting;
    named.push(id!);
  }
  if (named.length === 0) throw new Error('--rules needs at least one rule id');
  return { rules, only: bare ? named : undefined };
}

// ---- exclude globs ---------------------------------------------------------

/** `*` within a segment, `**` across segments, `?` one character. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * `./a/b/**` and `a/b/` → `a/b` (excluding a folder excludes everything under
 * it); `legacy/**` keeps a leading `/` so it stays anchored at the root, as in .gitignore.
 */
function normalizeGlob(raw: string): string {
  const p = raw.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  const folder = p.replace(/(\/\*\*)+$/, '');
  return folder !== p && !folder.includes('/') && folder !== '' ? `/${folder}` : folder;
}

export interface ExcludeMatcher {
  /** True when a relative path (forward slashes) or any folder above it is excluded. */
  (relativePath: string): boolean;
}

/**
 * gitignore-like matching: a pattern without `/` matches a file or folder
 * name anywhere (`venv`, `*_pb2.py`); a pattern with `/` matches a path from
 * the root (`app/legacy/**`, `migrations/*.py`). A match on a folder excludes
 * everything under it.
 */
export function excludeMatcher(patterns: readonly string[]): ExcludeMatcher {
  const byName: RegExp[] = [];
  const byPath: RegExp[] = [];
  for (const raw of patterns) {
    const p = normalizeGlob(raw);
    if (!p) continue;
    if (p.includes('/')) byPath.push(globToRegExp(p.replace(/^\//, '')));
    else byName.push(globToRegExp(p));
  }
  return (relativePath) => {
    const parts = relativePath.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      if (byName.some((re) => re.test(parts[i]!))) return true;
      const prefix = parts.slice(0, i + 1).join('/');
      if (byPath.some((re) => re.test(prefix))) return true;
    }
    return false;
  };
}

/** The same excludes as one VS Code `findFiles` exclude glob. */
export function excludeGlob(patterns: readonly string[]): string {
  const globs: string[] = [];
  for (const raw of patterns) {
    const p = normalizeGlob(raw);
    if (!p) continue;
    if (p.includes('/')) globs.push(p.replace(/^\//, ''), `${p.replace(/^\//, '')}/**`);
    else globs.push(`**/${p}`, `**/${p}/**`);
  }
  return `{${globs.join(',')}}`;
}
