// What the analysis needs to know about each workspace folder, kept warm:
// its config (pyproject.toml / .backend-skill.json, with the
// `backendSkill.rules` setting on top) and its project facts (every analysed
// file — Python, TypeScript, JavaScript — plus .env.example, read once
// through workspace.fs). A file-system
// watcher updates one file's text at a time; the facts are re-derived from
// the texts in memory, never by rescanning the disk.
import * as vscode from 'vscode';
import {
  analyzedFilesGlob,
  analysisLanguageOf,
  collectProjectFacts,
  CONFIG_FILES,
  decodeSource,
  DEFAULT_CONFIG,
  EMPTY_FACTS,
  excludeGlob,
  excludeMatcher,
  resolveConfig,
  withRules,
  type AnalysisConfig,
  type ExcludeMatcher,
  type ProjectFacts,
} from '../core/index';
import { readSettings } from './settings';

export interface FolderState {
  config: Promise<AnalysisConfig & { excluded: ExcludeMatcher }> | undefined;
  /** Relative path → text of the folder's analysed files and .env.example; undefined until first needed. */
  texts: Promise<Map<string, string>> | undefined;
  facts: ProjectFacts | undefined;
}

/** Where a document sits: its folder (if any) and its path relative to it, forward slashes. */
export interface Placement {
  readonly folder: vscode.WorkspaceFolder | undefined;
  /** Base the finding's paths are relative to: the folder, or the file's own directory. */
  readonly base: vscode.Uri;
  readonly path: string;
}

export function placementOf(uri: vscode.Uri): Placement {
  const folder = uri.scheme === 'untitled' ? undefined : vscode.workspace.getWorkspaceFolder(uri);
  if (folder) {
    const prefix = folder.uri.path.replace(/\/?$/, '/');
    if (uri.path.startsWith(prefix)) return { folder, base: folder.uri, path: uri.path.slice(prefix.length) };
  }
  const name = uri.path.split('/').pop() || 'untitled.py';
  return { folder: undefined, base: vscode.Uri.joinPath(uri, '..'), path: name };
}

const isFactsFile = (path: string): boolean => analysisLanguageOf(path) !== undefined || /(^|\/)\.env\.example$/.test(path);

export interface AnalysisChange {
  /** The file that changed on disk; undefined for config, settings and folder changes. */
  readonly uri: vscode.Uri | undefined;
  /** Whether results of other files may differ now (config, settings or project facts changed). */
  readonly affectsAll: boolean;
}

/** Everything in the facts a rule or fix can see, as one comparable string. */
function factsKey(facts: ProjectFacts): string {
  return JSON.stringify([facts.settings, facts.envExample, facts.hasher, facts.authDependencies, [...facts.files]]);
}

export class AnalysisWorkspace implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<AnalysisChange>();
  /** Fires when a config, the settings or a project file changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(analyzedFilesGlob('.env.example', 'pyproject.toml', '.backend-skill.json'));
    this.disposables.push(
      watcher,
      this.changed,
      watcher.onDidCreate((uri) => void this.fileChanged(uri, false)),
      watcher.onDidChange((uri) => void this.fileChanged(uri, false)),
      watcher.onDidDelete((uri) => void this.fileChanged(uri, true)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.folders.clear();
        this.changed.fire({ uri: undefined, affectsAll: true });
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('backendSkill.rules')) {
          for (const state of this.folders.values()) state.config = undefined;
          this.changed.fire({ uri: undefined, affectsAll: true });
        }
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private state(folder: vscode.WorkspaceFolder): FolderState {
    const key = folder.uri.toString();
    let state = this.folders.get(key);
    if (!state) {
      state = { config: undefined, texts: undefined, facts: undefined };
      this.folders.set(key, state);
    }
    return state;
  }

  /** The folder's effective config: files, then the `backendSkill.rules` setting on top. */
  config(folder: vscode.WorkspaceFolder | undefined): Promise<AnalysisConfig & { excluded: ExcludeMatcher }> {
    const scope = folder?.uri;
    const withSetting = (config: AnalysisConfig) => {
      const merged = withRules(config, readSettings(scope, this.log).rules);
      return { ...merged, excluded: excludeMatcher(merged.exclude) };
    };
    if (!folder) return Promise.resolve(withSetting(DEFAULT_CONFIG));
    const state = this.state(folder);
    state.config ??= (async () => {
      const texts = new Map<string, string>();
      for (const name of CONFIG_FILES) {
        const text = await readText(vscode.Uri.joinPath(folder.uri, name));
        if (text !== undefined) texts.set(name, text);
      }
      const problems: string[] = [];
      const config = resolveConfig((name) => texts.get(name), problems);
      for (const p of problems) this.log.warn(`${folder.name}: ${p}`);
      return withSetting(config);
    })();
    return state.config;
  }

  /** The folder's project facts, built on first use and kept up to date by the watcher. */
  async facts(folder: vscode.WorkspaceFolder | undefined): Promise<ProjectFacts> {
    if (!folder) return EMPTY_FACTS;
    const state = this.state(folder);
    const texts = await this.texts(folder, state);
    state.facts ??= collectProjectFacts([...texts].map(([path, source]) => ({ path, source })));
    return state.facts;
  }

  private texts(folder: vscode.WorkspaceFolder, state: FolderState): Promise<Map<string, string>> {
    state.texts ??= (async () => {
      const started = Date.now();
      const { exclude } = await this.config(folder);
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, analyzedFilesGlob('.env.example')), excludeGlob(exclude));
      const texts = new Map<string, string>();
      await Promise.all(
        uris.map(async (uri) => {
          const text = await readText(uri);
          if (text !== undefined) texts.set(placementOf(uri).path, text);
        }),
      );
      this.log.info(`${folder.name}: project facts from ${texts.size} files in ${Date.now() - started} ms`);
      return texts;
    })();
    return state.texts;
  }

  /** One file changed on disk: update its text (or the folder's config) only. */
  private async fileChanged(uri: vscode.Uri, deleted: boolean): Promise<void> {
    const { folder, path } = placementOf(uri);
    if (!folder) return;
    const state = this.state(folder);
    if ((CONFIG_FILES as readonly string[]).includes(path)) {
      state.config = undefined;
      // Excludes may have changed: the file list is rebuilt on next use.
      state.texts = undefined;
      state.facts = undefined;
      this.changed.fire({ uri, affectsAll: true });
      return;
    }
    if (!isFactsFile(path) || !state.texts) {
      this.changed.fire({ uri, affectsAll: false });
      return;
    }
    const [texts, config] = await Promise.all([state.texts, this.config(folder)]);
    if (config.excluded(path)) return;
    const text = deleted ? undefined : await readText(uri);
    if (text === undefined) texts.delete(path);
    else texts.set(path, text);
    // Re-derive the facts from memory; other documents are re-analysed only if they changed.
    const before = state.facts ? factsKey(state.facts) : undefined;
    state.facts = undefined;
    const after = factsKey(await this.facts(folder));
    this.changed.fire({ uri, affectsAll: before !== after });
  }
}

/** A file's text through workspace.fs, decoded as the CLI does; undefined if absent, binary or huge. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decodeSource(await vscode.workspace.fs.readFile(uri)).text;
  } catch {
    return undefined;
  }
}
