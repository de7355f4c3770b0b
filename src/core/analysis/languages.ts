// Which analyzer reads which file: Python (.py/.pyi) or TypeScript/JavaScript
// (.ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs, not declaration files). Both
// analyzers are created on first use of their language only, so a Python-only
// project never loads the TypeScript grammars and vice versa.
import { isTsPath } from '../parse/typescript';
import type { AnalysisResult, AnalyzeOptions } from './engine';
import { PythonAnalyzer } from './engine';
import { TsAnalyzer } from './ts/analyzer';
import { PYTHON_RULES } from './rules/index';
import { TS_RULES } from './rules-ts/index';
import type { Rule } from './types';

export type AnalysisLanguage = 'python' | 'typescript';

export const isPythonPath = (path: string): boolean => /\.pyi?$/i.test(path);

export function analysisLanguageOf(path: string): AnalysisLanguage | undefined {
  if (isPythonPath(path)) return 'python';
  if (isTsPath(path)) return 'typescript';
  return undefined;
}

/** VS Code language ids the analysis reads. */
export const ANALYZED_LANGUAGE_IDS: Readonly<Record<string, AnalysisLanguage>> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'typescript',
  javascriptreact: 'typescript',
};

/** File name patterns of every analysed file. */
export const ANALYZED_FILE_PATTERNS: readonly string[] = ['*.py', '*.pyi', '*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];

/** A VS Code glob (findFiles, file watchers) for the analysed files plus `extra` file names; one brace level (globs do not nest). */
export function analyzedFilesGlob(...extra: string[]): string {
  return `**/{${[...ANALYZED_FILE_PATTERNS, ...extra].join(',')}}`;
}

/** Both analyzers behind one `analyze`, each created on its language's first file. */
export class Analyzers {
  private python: Promise<PythonAnalyzer> | undefined;
  private typescript: Promise<TsAnalyzer> | undefined;

  async for(language: AnalysisLanguage): Promise<PythonAnalyzer | TsAnalyzer> {
    if (language === 'python') return (this.python ??= PythonAnalyzer.create());
    return (this.typescript ??= TsAnalyzer.create());
  }

  /** Analyse a file by its path's language; undefined for files no analyzer reads. */
  async analyze(path: string, source: string, options: AnalyzeOptions = {}, language = analysisLanguageOf(path)): Promise<AnalysisResult | undefined> {
    if (!language) return undefined;
    return (await this.for(language)).analyze(path, source, options);
  }

  /** Drop a document's cached tree in whichever analyzer holds it. */
  forget(key: string): void {
    void this.python?.then((a) => a.forget(key));
    void this.typescript?.then((a) => a.forget(key));
  }
}

/** Every rule id once (Python and TypeScript share ids), with the Python title and severity where both exist. */
export const ALL_RULES: readonly Pick<Rule, 'id' | 'title' | 'defaultSeverity'>[] = [...PYTHON_RULES, ...TS_RULES.filter((t) => !PYTHON_RULES.some((p) => p.id === t.id))];
