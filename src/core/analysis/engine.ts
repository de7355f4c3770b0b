// The rule engine: parse once, collect the nodes of every subscribed type in
// one pass, and hand each to the rules that subscribed to its type. Nodes are
// only materialised for subscribed types, which keeps the walk cheap. A rule that
// throws is reported as a rule error, never as a crash of the analysis.
import { pythonParser, type SyntaxNode } from '../parse/python';
import type { Parser } from 'web-tree-sitter';
import { EMPTY_FACTS, type ProjectFacts } from './project';
import { PyFile } from './python/pyfile';
import { PYTHON_RULES } from './rules/index';
import { addComment, emptySuppressions, ignoreFix, isSuppressed } from './suppress';
import type { Finding, Fix, Report, Rule, RuleContext, Severity, SeveritySetting, Visitor } from './types';

/** Files larger than this are skipped (generated or vendored code, not hand-written backends). */
export const MAX_ANALYZED_CHARS = 2_000_000;

export interface AnalyzeOptions {
  /** Per-rule severity or 'off'; unlisted rules use their default. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** When set, only these rule ids run. */
  readonly only?: readonly string[];
  /** Compute fixes (code actions, tests); the CLI and live diagnostics leave this off. */
  readonly fixes?: boolean;
  /** With `fixes`: compute them only for findings overlapping this offset range (the editor's lightbulb range). */
  readonly fixesIn?: { readonly start: number; readonly end: number };
  readonly project?: ProjectFacts;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Why the file was not analysed (binary, too large), if it was not. */
  readonly skipped?: string;
  /** Rules that threw on this file; their findings are missing, the others are complete. */
  readonly ruleErrors: readonly { rule: string; error: string }[];
}

export class PythonAnalyzer {
  private constructor(
    private readonly parser: Parser,
    readonly rules: readonly Rule[],
  ) {}

  static async create(rules: readonly Rule[] = PYTHON_RULES): Promise<PythonAnalyzer> {
    return new PythonAnalyzer(await pythonParser(), rules);
  }

  analyze(path: string, source: string, options: AnalyzeOptions = {}): AnalysisResult {
    if (source.length > MAX_ANALYZED_CHARS) return { findings: [], skipped: `larger than ${MAX_ANALYZED_CHARS} characters`, ruleErrors: [] };
    if (source.slice(0, 8192).includes('\0')) return { findings: [], skipped: 'binary content', ruleErrors: [] };
    const active = this.activeRules(options).filter(({ rule }) => !rule.applies || rule.applies(source));
    if (active.length === 0 || source.trim() === '') return { findings: [], ruleErrors: [] };
    const tree = this.parser.parse(source);
    if (!tree) return { findings: [], skipped: 'the parser returned no tree', ruleErrors: [] };
    try {
      return this.run(path, source, tree, active, options);
    } finally {
      tree.delete();
    }
  }

  private activeRules(options: AnalyzeOptions): { rule: Rule; severity: Severity }[] {
    const out: { rule: Rule; severity: Severity }[] = [];
    for (const rule of this.rules) {
      if (options.only && !options.only.includes(rule.id)) continue;
      const setting = options.rules?.[rule.id] ?? rule.defaultSeverity;
      if (setting !== 'off') out.push({ rule, severity: setting });
    }
    return out;
  }

  private run(path: string, source: string, tree: NonNullable<ReturnType<Parser['parse']>>, active: { rule: Rule; severity: Severity }[], options: AnalyzeOptions): AnalysisResult {
    const py = new PyFile(source, tree);
    const suppressions = emptySuppressions();
    const findings: Finding[] = [];
    const ruleErrors: { rule: string; error: string }[] = [];
    const failed = new Set<string>();
    const contexts = new Map<Rule, RuleContext>();
    const visitors = new Map<string, { rule: Rule; visit: Visitor }[]>();
    const pending: { rule: Rule; severity: Severity; report: Report; start: number; end: number; row: number }[] = [];

    for (const { rule, severity } of active) {
      const ctx: RuleContext = {
        path,
        source,
        tree,
        py,
        project: options.project ?? EMPTY_FACTS,
        report(report) {
          const start = report.node?.startIndex ?? report.start ?? 0;
          const end = report.node?.endIndex ?? report.end ?? start;
          const row = report.node ? report.node.startPosition.row : rowOf(source, start);
          pending.push({ rule, severity, report, start, end, row });
        },
      };
      contexts.set(rule, ctx);
      for (const [type, visit] of Object.entries(rule.visit ?? {})) {
        const list = visitors.get(type) ?? [];
        list.push({ rule, visit });
        visitors.set(type, list);
      }
    }

    const call = (rule: Rule, body: () => void): void => {
      if (failed.has(rule.id)) return;
      try {
        body();
      } catch (error) {
        failed.add(rule.id);
        ruleErrors.push({ rule: rule.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    };

    // One pass inside the WASM module collects every subscribed node type (and
    // comments, for suppressions) in document order; only those nodes are
    // materialised in JavaScript, which is far cheaper than a cursor walk.
    const types = [...visitors.keys(), 'comment'];
    for (const node of tree.rootNode.descendantsOfType(types)) {
      if (!node) continue;
      const type = node.type;
      if (type === 'comment') addComment(suppressions, source, node);
      const list = visitors.get(type);
      if (list) for (const { rule, visit } of list) call(rule, () => visit(node, contexts.get(rule)!));
    }
    for (const { rule } of active) if (rule.finish) call(rule, () => rule.finish!(contexts.get(rule)!));

    const seen = new Set<string>();
    for (const p of pending) {
      if (failed.has(p.rule.id) || isSuppressed(suppressions, p.rule.id, p.row)) continue;
      const key = `${p.rule.id}:${p.start}:${p.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let fixes: Fix[] = [];
      if (options.fixes && (!options.fixesIn || (p.start <= options.fixesIn.end && p.end >= options.fixesIn.start))) {
        try {
          fixes = [...(p.report.fixes?.() ?? [])];
        } catch (error) {
          ruleErrors.push({ rule: p.rule.id, error: `fix: ${error instanceof Error ? error.message : String(error)}` });
        }
        fixes.push(ignoreFix(path, source, suppressions, p.rule.id, p.start));
      }
      findings.push({ rule: p.rule.id, severity: p.severity, message: p.report.message, start: p.start, end: p.end, fixes });
    }
    findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
    return { findings, ruleErrors };
  }
}

function rowOf(source: string, offset: number): number {
  let row = 0;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) row++;
  return row;
}

let shared: Promise<PythonAnalyzer> | undefined;

/** Analyse one Python file with every registered rule (the analyzer is created once and reused). */
export async function analyzePython(path: string, source: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  shared ??= PythonAnalyzer.create();
  return (await shared).analyze(path, source, options);
}
