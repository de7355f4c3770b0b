// The route explorer's index: one entry per file, keyed by the caller's key
// (a URI string in the editor). Updating a file re-reads that file only: its
// project-facts contribution (lexical) and, if it can declare routes, one
// parse for its routers and routes. The project facts are then re-combined
// from the per-file pieces in memory, and only when the auth facts changed
// (an auth dependency or a guarded router appeared or went) are the other
// route files' auth statuses recomputed, from the texts the index keeps.
// The tree (apps → router mounts → routes) is resolved lazily from the
// summaries, without parsing.
import type { Parser } from 'web-tree-sitter';
import { pythonParser } from '../parse/python';
import { isTsPath, tsDialectOf, typescriptParser, type TsDialect } from '../parse/typescript';
import { combineFileFacts, EMPTY_FACTS, fileFacts, moduleOfPath, type FileFacts, type ProjectFacts } from '../analysis/project';
import { isTestFile } from '../analysis/rules/missing-auth';
import { MAX_ANALYZED_CHARS } from '../analysis/engine';
import { allRoutes, type AppNode, type ResolvedRoute } from './model';
import { expressRoutes, isTsTestFile, mayDeclareExpressRoutes, NO_EXPRESS, tsModuleOf } from './express';
import { collectTsProjectFacts, EMPTY_TS_FACTS, type TsProjectFacts } from '../analysis/ts/project';
import { mayDeclareRoutes, NO_ROUTES, pythonRoutes, type PythonRouteSummary } from './python';
import { ResolveCache, resolveRoutes, type ResolvableFile } from './resolve';
import { moduleConstants } from './constants';

export interface RouteFile {
  /** Identity of the file for the caller (URI string); tree items point back to it. */
  readonly key: string;
  /** Path relative to the workspace folder, forward slashes (modules are derived from it). */
  readonly path: string;
  readonly source: string;
}

/** What an update cost: files parsed, and route files whose auth was recomputed because the project's auth changed. */
export interface RouteIndexStats {
  readonly parsed: number;
  readonly authRecomputed: number;
  /** False when the text was the same as indexed (nothing done). */
  readonly changed: boolean;
}

interface Entry extends ResolvableFile {
  readonly facts: FileFacts;
  /** Kept for route files only: their auth is recomputed from it when the project's auth changes. */
  readonly source: string | undefined;
  readonly hash: number;
}

const isPython = (path: string): boolean => path.endsWith('.py');
const NO_FACTS = (path: string): FileFacts => ({ path, text: undefined, envExample: false, settings: undefined, hasher: undefined, defs: [], schemeObjects: [], aliases: [], decls: [], includes: [] });

/** 32-bit FNV-1a of a text and its length, to tell "saved without changes" from an edit. */
function hashOf(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The project's auth facts, as one comparable string: what `routeAuth` reads from the project. */
function authKeyOf(facts: ProjectFacts): string {
  return JSON.stringify([facts.authDependencies, facts.protectedRouters ?? []]);
}

export class RouteIndex {
  private readonly entries = new Map<string, Entry>();
  private facts: ProjectFacts = EMPTY_FACTS;
  private authKey = authKeyOf(EMPTY_FACTS);
  private resolved: AppNode[] | undefined;
  private readonly resolveCache = new ResolveCache();

  private readonly tsParsers = new Map<TsDialect, Parser>();
  /** Every TypeScript/JavaScript file's text: the missing-auth rule's project facts are read from them. */
  private readonly tsTexts = new Map<string, { path: string; source: string }>();
  /** The files with Express routes or mounts, kept to re-judge their auth when the TypeScript facts change. */
  private readonly scripts = new Map<string, RouteFile>();
  private tsFacts: TsProjectFacts = EMPTY_TS_FACTS;
  private tsFactsKey = JSON.stringify(EMPTY_TS_FACTS);

  private constructor(private readonly parser: Parser) {}

  static async create(): Promise<RouteIndex> {
    return new RouteIndex(await pythonParser());
  }

  /**
   * Load what these paths need beyond Python (the TypeScript grammars, only
   * when a TS/JS file is among them). TS/JS files given to `build`/`update`
   * before their grammar is loaded are skipped.
   */
  async prepare(paths: Iterable<string>): Promise<void> {
    for (const path of paths) {
      if (!isTsPath(path)) continue;
      const dialect = tsDialectOf(path);
      if (!this.tsParsers.has(dialect)) this.tsParsers.set(dialect, await typescriptParser(dialect));
    }
  }

  /** Number of indexed files. */
  get size(): number {
    return this.entries.size;
  }

  /** Keys of the indexed files. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The combined project facts (what the missing-auth rule would see for these files). */
  projectFacts(): ProjectFacts {
    return this.facts;
  }

  /** Replace the whole index (first build, or a folder/config change): facts first, then one parse per route file. */
  build(files: readonly RouteFile[]): RouteIndexStats {
    this.entries.clear();
    this.tsTexts.clear();
    this.scripts.clear();
    const pending: RouteFile[] = [];
    const scripts: RouteFile[] = [];
    for (const file of files) {
      if (isTsPath(file.path)) this.tsTexts.set(file.key, { path: file.path, source: file.source });
      if (this.isScript(file)) scripts.push(file);
      if (!isPython(file.path)) continue;
      const facts = fileFacts({ path: file.path, source: file.source });
      const routeFile = this.isRouteFile(file);
      this.entries.set(file.key, this.entry(file, facts, NO_ROUTES, routeFile));
      if (routeFile) pending.push(file);
    }
    this.recombine();
    this.recombineTs();
    for (const file of pending) this.entries.set(file.key, this.entry(file, this.entries.get(file.key)!.facts, this.summarize(file), true));
    for (const file of scripts) this.entries.set(file.key, this.scriptEntry(file));
    this.resolved = undefined;
    return { parsed: pending.length + scripts.length, authRecomputed: 0, changed: true };
  }

  /** A file was created or changed (on disk, or in an editor). */
  update(file: RouteFile): RouteIndexStats {
    const before = this.entries.get(file.key);
    const hash = hashOf(file.source);
    if (before && before.hash === hash && before.path === file.path) return { parsed: 0, authRecomputed: 0, changed: false };
    if (!isPython(file.path)) {
      // TypeScript/JavaScript: the file's own routes and mounts, and the project facts its text feeds.
      if (isTsPath(file.path)) this.tsTexts.set(file.key, { path: file.path, source: file.source });
      const authRecomputed = this.recombineTs() ? this.rejudgeScripts(file.key) : 0;
      if (!this.isScript(file)) {
        this.scripts.delete(file.key);
        const removed = this.entries.delete(file.key);
        if (removed || authRecomputed > 0) this.resolved = undefined;
        return { parsed: authRecomputed, authRecomputed, changed: removed || authRecomputed > 0 };
      }
      this.entries.set(file.key, this.scriptEntry(file));
      this.resolved = undefined;
      return { parsed: 1 + authRecomputed, authRecomputed, changed: true };
    }
    const facts = fileFacts({ path: file.path, source: file.source });
    const routeFile = this.isRouteFile(file);
    this.entries.set(file.key, this.entry(file, facts, NO_ROUTES, routeFile));
    const authChanged = this.recombine();
    // With the new facts in place: this file's routes, then (if auth changed) every other route file's.
    let parsed = 0;
    if (routeFile) {
      this.entries.set(file.key, this.entry(file, facts, this.summarize(file), true));
      parsed++;
    }
    const authRecomputed = authChanged ? this.recomputeAuth(file.key) : 0;
    this.resolved = undefined;
    return { parsed: parsed + authRecomputed, authRecomputed, changed: true };
  }

  /** A file was deleted (or left the index's scope). */
  remove(key: string): RouteIndexStats {
    this.scripts.delete(key);
    if (this.tsTexts.delete(key) && this.recombineTs()) {
      const authRecomputed = this.rejudgeScripts(undefined);
      this.entries.delete(key);
      this.resolved = undefined;
      return { parsed: authRecomputed, authRecomputed, changed: true };
    }
    if (!this.entries.delete(key)) return { parsed: 0, authRecomputed: 0, changed: false };
    const authRecomputed = this.recombine() ? this.recomputeAuth(undefined) : 0;
    this.resolved = undefined;
    return { parsed: authRecomputed, authRecomputed, changed: true };
  }

  /** Apps → router mounts → routes, resolved from the summaries (cached until the next change). */
  apps(): readonly AppNode[] {
    this.resolved ??= resolveRoutes(this.entries.values(), this.resolveCache);
    return this.resolved;
  }

  /** Every route in display order. */
  routes(): ResolvedRoute[] {
    return allRoutes(this.apps());
  }

  /** A TS/JS file the explorer reads (its grammar loaded, not a test, may use Express). */
  private isScript(file: RouteFile): boolean {
    return isTsPath(file.path) && this.tsParsers.has(tsDialectOf(file.path)) && file.source.length <= MAX_ANALYZED_CHARS && !isTsTestFile(file.path) && mayDeclareExpressRoutes(file.source);
  }

  private scriptEntry(file: RouteFile): Entry {
    this.scripts.set(file.key, file);
    const tree = this.tsParsers.get(tsDialectOf(file.path))!.parse(file.source);
    let summary = NO_EXPRESS;
    if (tree) {
      try {
        summary = expressRoutes(file.path, file.source, tree, this.tsFacts);
      } finally {
        tree.delete();
      }
    }
    return { key: file.key, path: file.path, module: tsModuleOf(file.path), framework: 'express', routers: summary.routers, routes: summary.routes, includes: summary.includes, facts: NO_FACTS(file.path), source: undefined, hash: hashOf(file.source) };
  }

  private isRouteFile(file: RouteFile): boolean {
    return file.source.length <= MAX_ANALYZED_CHARS && !isTestFile(file.path) && mayDeclareRoutes(file.source);
  }

  private entry(file: RouteFile, facts: FileFacts, summary: PythonRouteSummary, routeFile: boolean): Entry {
    return {
      key: file.key,
      path: file.path,
      module: moduleOfPath(file.path),
      framework: 'fastapi',
      routers: summary.routers,
      routes: summary.routes,
      includes: facts.includes,
      // Read lexically from every Python file: a prefix may name a constant of any module (settings, a constants file).
      constants: moduleConstants(file.path, file.source, moduleOfPath(file.path)),
      facts,
      source: routeFile ? file.source : undefined,
      hash: hashOf(file.source),
    };
  }

  /** Parse one route file and read its routers and routes against the current facts. */
  private summarize(file: RouteFile): PythonRouteSummary {
    const tree = this.parser.parse(file.source);
    if (!tree) return NO_ROUTES;
    try {
      return pythonRoutes(file.path, file.source, tree, this.facts);
    } finally {
      tree.delete();
    }
  }

  /** Re-read the TypeScript project facts (a text pass over every TS/JS file); true when they changed. */
  private recombineTs(): boolean {
    this.tsFacts = collectTsProjectFacts([...this.tsTexts.values()]);
    const key = JSON.stringify(this.tsFacts);
    const changed = key !== this.tsFactsKey;
    this.tsFactsKey = key;
    return changed;
  }

  /** Re-judge the auth of every Express file but `except`: the TypeScript project facts changed. */
  private rejudgeScripts(except: string | undefined): number {
    let n = 0;
    for (const file of [...this.scripts.values()]) {
      if (file.key === except) continue;
      this.entries.set(file.key, this.scriptEntry(file));
      n++;
    }
    return n;
  }

  /** Re-derive the project facts from the pieces; true when what `routeAuth` reads changed. */
  private recombine(): boolean {
    this.facts = combineFileFacts([...this.entries.values()].filter((e) => e.framework === 'fastapi').map((e) => e.facts));
    const key = authKeyOf(this.facts);
    const changed = key !== this.authKey;
    this.authKey = key;
    return changed;
  }

  /** Recompute the auth of every route file but `except` (already done): the project's auth facts changed. */
  private recomputeAuth(except: string | undefined): number {
    let n = 0;
    for (const e of [...this.entries.values()]) {
      if (e.key === except || e.source === undefined || (e.routes.length === 0 && !e.source.includes('@'))) continue;
      const file = { key: e.key, path: e.path, source: e.source };
      this.entries.set(e.key, this.entry(file, e.facts, this.summarize(file), true));
      n++;
    }
    return n;
  }
}
