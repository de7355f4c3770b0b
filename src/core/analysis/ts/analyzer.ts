// The engine over TypeScript and JavaScript files: the same single walk,
// suppressions (`// backend-skill: ignore[...]`), incremental re-parsing and
// fix handling as for Python, with the TypeScript grammars and TsFile.
import { tsDialectOf, typescriptParser } from '../../parse/typescript';
import { Analyzer, type AnalysisResult, type AnalyzeOptions, type Dialect } from '../engine';
import { TS_RULES } from '../rules-ts/index';
import type { TsRule, TsRuleContext } from '../types';
import { TsFile } from './tsfile';

export class TsAnalyzer extends Analyzer<TsRuleContext, TsFile> {
  static async create(rules: readonly TsRule[] = TS_RULES): Promise<TsAnalyzer> {
    const [typescript, tsx] = await Promise.all([typescriptParser('typescript'), typescriptParser('tsx')]);
    const dialect: Dialect<TsRuleContext, TsFile> = {
      comment: '//',
      parser: (path) => (tsDialectOf(path) === 'tsx' ? tsx : typescript),
      collect: ['import_statement'],
      helper: (source, tree) => new TsFile(source, tree),
      context: (base, ts) => ({ ...base, ts }),
    };
    return new TsAnalyzer(dialect, rules);
  }
}

let shared: Promise<TsAnalyzer> | undefined;

/** Analyse one TypeScript/JavaScript file with every registered rule (the analyzer is created once and reused). */
export async function analyzeTypeScript(path: string, source: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  shared ??= TsAnalyzer.create();
  return (await shared).analyze(path, source, options);
}
