// `check --cache DIR`: per-file analysis results on disk, keyed by a content
// hash, so a second run over an unchanged tree only reads, hashes and prints.
// A result depends on the file (path and text), the rule settings, the
// project facts and the tool, and the key hashes all of them (the facts as
// JSON, remembered per set of project files so that an unchanged project
// needs no facts built). Any change to one of these gives another key: stale
// entries are never read, only left behind (delete DIR to reclaim the space). An unreadable or malformed entry
// is a miss; entries are written whole (temporary file, then rename) so a
// concurrent run never reads half of one.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisResult, AnalyzeOptions, ProjectFacts, ProjectFile } from '../core/index';

/** Bumped when the entry format changes; the tool version covers everything else. */
const FORMAT = 1;

export class CheckCache {
  /** The part of every key shared by all files: format, tool version, rule settings, project facts. */
  private base: string | undefined;
  private readonly settings: string;
  private readonly inputs: string;

  /**
   * `facts` builds the project facts; it is called only when the project's
   * files changed since a run that stored which facts they gave.
   */
  constructor(
    private readonly dir: string,
    version: string,
    options: Pick<AnalyzeOptions, 'rules' | 'only'>,
    projectFiles: readonly ProjectFile[],
    private readonly facts: () => ProjectFacts,
  ) {
    this.settings = JSON.stringify({ FORMAT, version, rules: sortedEntries(options.rules ?? {}), only: options.only ?? null });
    const h = createHash('sha256').update(this.settings);
    for (const f of [...projectFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      h.update(`\0${f.path}\0${f.source.length}\0`);
      h.update(f.source);
    }
    this.inputs = h.digest('hex');
  }

  /** The entry name of one file's result. */
  key(path: string, source: string): string {
    return createHash('sha256').update(this.baseKey()).update(`\0${path}\0`).update(source).digest('hex');
  }

  /**
   * Keys hash the facts, not the files they come from: editing one file
   * leaves the other files' entries valid unless the facts change. The facts
   * of a set of project files are remembered (`facts-<hash of the files>`),
   * so an unchanged project needs no facts built.
   */
  private baseKey(): string {
    if (this.base) return this.base;
    const link = join(this.dir, `facts-${this.inputs}`);
    let factsHash: string | undefined;
    try {
      factsHash = /^[0-9a-f]{64}$/.exec(readFileSync(link, 'utf8').trim())?.[0];
    } catch {
      factsHash = undefined;
    }
    if (!factsHash) {
      factsHash = createHash('sha256').update(JSON.stringify(this.facts(), plain)).digest('hex');
      this.write(link, factsHash);
    }
    this.base = createHash('sha256').update(this.settings).update(`\0${factsHash}`).digest('hex');
    return this.base;
  }

  get(key: string): AnalysisResult | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as Partial<AnalysisResult>;
      if (!Array.isArray(entry.findings) || !Array.isArray(entry.ruleErrors)) return undefined;
      return entry as AnalysisResult;
    } catch {
      return undefined;
    }
  }

  set(key: string, result: AnalysisResult): void {
    // Fixes are never asked for by check; an entry holds exactly what the report reads.
    this.write(this.file(key), JSON.stringify({ findings: result.findings, skipped: result.skipped, ruleErrors: result.ruleErrors }));
  }

  private write(file: string, text: string): void {
    mkdirSync(this.dir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}

/** JSON for the facts: maps and sets as their entries (in their order, which follows the files'). */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { map: [...value.entries()] };
  if (value instanceof Set) return { set: [...value] };
  return value;
}

function sortedEntries(record: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
