// Live diagnostics for Python, TypeScript and JavaScript documents: analysed on open, on change
// (debounced per document), and again when the config, the settings or a
// project file changes; cleared on close. One DiagnosticCollection,
// `backend-skill`, shared with the workspace scan. Each diagnostic's code
// links to the rule's docs page shipped in dist/docs/rules.
import * as vscode from 'vscode';
import { ANALYZED_LANGUAGE_IDS, analysisLanguageOf, Analyzers, type AnalysisLanguage, type DocumentAnalyzers, type AnalysisResult, type Finding, type Severity } from '../core/index';
import { findingRange } from './analysisEdits';
import { placementOf, type AnalysisWorkspace, type Placement } from './analysisWorkspace';

export const SOURCE = 'backend-skill';
export const DEBOUNCE_MS = 300;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The analyser language of an editor document, if the analysis reads it (by language id, e.g. an untitled Python buffer). */
export const documentLanguage = (document: vscode.TextDocument): AnalysisLanguage | undefined => ANALYZED_LANGUAGE_IDS[document.languageId];

export const isAnalyzedDocument = (document: vscode.TextDocument): boolean => documentLanguage(document) !== undefined;

export interface AnalyzeTextOptions {
  readonly fixes?: boolean;
  readonly fixesIn?: { readonly start: number; readonly end: number };
  readonly only?: readonly string[];
  /**
   * The open document this text is (its URI): its parse tree is kept and
   * re-parsed incrementally on the next analysis; `forget` it on close.
   */
  readonly document?: string;
  /** The language, when the path alone does not tell (untitled documents); default: by the path's extension. */
  readonly language?: AnalysisLanguage;
}

/** Analysis of editor text with the folder's config and facts; shared by diagnostics, quick fixes and the scan. */
export class EditorAnalyzer implements vscode.Disposable {
  /**
   * @param analyzers where the rules run: the analysis worker thread in the
   *   extension (ThreadAnalyzers), or in-process (each language's analyzer is
   *   created on its first document).
   */
  constructor(
    readonly workspace: AnalysisWorkspace,
    private readonly docsBase: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly analyzers: DocumentAnalyzers = new Analyzers(),
  ) {}

  dispose(): void {
    this.analyzers.dispose?.();
  }

  /** Undefined when the file is excluded by the config. */
  async analyze(placement: Placement, text: string, options: AnalyzeTextOptions = {}): Promise<AnalysisResult | undefined> {
    const config = await this.workspace.config(placement.folder);
    if (placement.folder && config.excluded(placement.path)) return undefined;
    const project = await this.workspace.facts(placement.folder);
    const language = options.language ?? analysisLanguageOf(placement.path);
    if (!language) return undefined;
    const result = await this.analyzers.analyze(placement.path, text, { rules: config.rules, project, fixes: options.fixes, fixesIn: options.fixesIn, only: options.only, incremental: options.document !== undefined, documentKey: options.document }, language);
    // Undefined also for a live request the worker dropped because the document was closed.
    if (!result) return undefined;
    for (const e of result.ruleErrors) this.log.error(`${placement.path}: rule ${e.rule} failed: ${e.error}`);
    if (result.skipped) this.log.info(`${placement.path}: ${result.skipped}`);
    return result;
  }

  /** Drop the cached parse tree of a closed document. */
  forget(document: string): void {
    this.analyzers.forget(document);
  }

  toDiagnostic(positions: { positionAt(offset: number): vscode.Position }, finding: Finding): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(findingRange(positions, finding), finding.message, SEVERITY[finding.severity]);
    diagnostic.source = SOURCE;
    diagnostic.code = { value: finding.rule, target: vscode.Uri.joinPath(this.docsBase, `${finding.rule}.md`) };
    return diagnostic;
  }
}

export class LiveDiagnostics implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly analysis: EditorAnalyzer,
    readonly collection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
    private readonly delayMs = DEBOUNCE_MS,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, this.delayMs)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d)),
      analysis.workspace.onDidChange((change) => change.affectsAll && this.refreshAll()),
    );
    this.refreshAll();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** Re-analyse every open analysed document (config, settings or project changed). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isAnalyzedDocument(document)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, delay),
    );
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.collection.delete(document.uri);
    this.analysis.forget(key);
  }

  /** Analyse one document now; results for an outdated version are dropped. */
  async update(document: vscode.TextDocument): Promise<void> {
    const language = documentLanguage(document);
    if (document.isClosed || !language) return;
    const version = document.version;
    try {
      const result = await this.analysis.analyze(placementOf(document.uri), document.getText(), { document: document.uri.toString(), language });
      if (document.isClosed || document.version !== version) return;
      this.collection.set(document.uri, (result?.findings ?? []).map((f) => this.analysis.toDiagnostic(document, f)));
    } catch (error) {
      this.log.error(`analysing ${document.uri.toString(true)} failed`, error instanceof Error ? error : new Error(String(error)));
    }
  }
}
