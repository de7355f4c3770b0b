// The rule engine: parse once, collect the nodes of every subscribed type in
// one pass, and hand each to the rules that subscribed to its type. Nodes are
// only materialised for subscribed types, which keeps the walk cheap. A rule that
// throws is reported as a rule error, never as a crash of the analysis.
import { pythonParser, type SyntaxNode } from '../parse/python';
import type { Edit, Parser, Point, Tree } from 'web-tree-sitter';
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
  /**
   * Keep this document's parse tree and reuse it on the next call with the
   * same key (the editor path): the change from the previous text is turned
   * into one tree-sitter edit and only the edited region is re-parsed. The
   * CLI leaves this off (no cache). Call `forget` when the document closes.
   */
  readonly incremental?: boolean;
  /** The key of the incremental tree cache (default: the path), e.g. the document URI. */
  readonly documentKey?: string;
}

/** How many documents' trees the incremental cache keeps (least recently used dropped first). */
export const INCREMENTAL_CACHE_SIZE = 20;

interface CachedDocument {
  source: string;
  tree: Tree;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Why the file was not analysed (binary, too large), if it was not. */
  readonly skipped?: string;
  /** Rules that threw on this file; their findings are missing, the others are complete. */
  readonly ruleErrors: readonly { rule: string; error: string }[];
}

export class PythonAnalyzer {
  /** Incremental tree cache, in least-recently-used order (a Map iterates in insertion order). */
  private readonly documents = new Map<string, CachedDocument>();

  private constructor(
    private readonly parser: Parser,
    readonly rules: readonly Rule[],
  ) {}

  /** Drop a document's cached tree (the editor closed it). */
  forget(key: string): void {
    const cached = this.documents.get(key);
    if (!cached) return;
    this.documents.delete(key);
    cached.tree.delete();
  }

  /** Drop every cached tree. */
  forgetAll(): void {
    for (const key of [...this.documents.keys()]) this.forget(key);
  }

  /** Keys of the documents whose trees are cached, least recently used first (tests). */
  cachedDocuments(): string[] {
    return [...this.documents.keys()];
  }

  static async create(rules: readonly Rule[] = PYTHON_RULES): Promise<PythonAnalyzer> {
    return new PythonAnalyzer(await pythonParser(), rules);
  }

  analyze(path: string, source: string, options: AnalyzeOptions = {}): AnalysisResult {
    const key = options.documentKey ?? path;
    if (source.length > MAX_ANALYZED_CHARS) {
      if (options.incremental) this.forget(key);
      return { findings: [], skipped: `larger than ${MAX_ANALYZED_CHARS} characters`, ruleErrors: [] };
    }
    if (source.slice(0, 8192).includes('\0')) {
      if (options.incremental) this.forget(key);
      return { findings: [], skipped: 'binary content', ruleErrors: [] };
    }
    const active = this.activeRules(options).filter(({ rule }) => !rule.applies || rule.applies(source));
    if (active.length === 0 || source.trim() === '') return { findings: [], ruleErrors: [] };
    if (options.incremental) {
      const tree = this.incrementalTree(key, source);
      if (!tree) return { findings: [], skipped: 'the parser returned no tree', ruleErrors: [] };
      return this.run(path, source, tree, active, options);
    }
    const tree = this.parser.parse(source);
    if (!tree) return { findings: [], skipped: 'the parser returned no tree', ruleErrors: [] };
    try {
      return this.run(path, source, tree, active, options);
    } finally {
      tree.delete();
    }
  }

  /** The tree of `source` for a cached document: reused, re-parsed incrementally from the previous tree, or parsed afresh. */
  private incrementalTree(key: string, source: string): Tree | undefined {
    const cached = this.documents.get(key);
    if (cached) {
      this.documents.delete(key); // re-inserted below: most recently used
      if (cached.source === source) {
        this.documents.set(key, cached);
        return cached.tree;
      }
      cached.tree.edit(editBetween(cached.source, source));
      const tree = this.parser.parse(source, cached.tree);
      cached.tree.delete();
      if (!tree) return undefined;
      this.documents.set(key, { source, tree });
      return tree;
    }
    const tree = this.parser.parse(source);
    if (!tree) return undefined;
    this.documents.set(key, { source, tree });
    while (this.documents.size > INCREMENTAL_CACHE_SIZE) this.forget(this.documents.keys().next().value!);
    return tree;
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
    // The same pass collects imports and decorated definitions for PyFile
    // (which would otherwise walk the whole tree once for each), so it
    // completes before any visitor runs.
    const types = new Set([...visitors.keys(), 'comment', ...COLLECTED_FOR_PYFILE]);
    const nodes = tree.rootNode.descendantsOfType([...types]);
    const imports: SyntaxNode[] = [];
    const decorated: SyntaxNode[] = [];
    // A node's type is a call into WASM: asked once per node.
    const typesOf: string[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const type = (typesOf[i] = node.type);
      if (type === 'import_statement' || type === 'import_from_statement') imports.push(node);
      else if (type === 'decorated_definition') decorated.push(node);
    }
    py.useCollected(imports, decorated);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const type = typesOf[i]!;
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

/**
 * The single edit turning `before` into `after`: the span between their common
 * prefix and common suffix. Offsets and columns are UTF-16 code units, as
 * web-tree-sitter counts them for JavaScript strings; rows count '\n' (so a
 * CRLF line ends at its '\n' and '\r' is an ordinary column). The prefix never
 * ends between the two halves of a surrogate pair.
 */
export function editBetween(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair: back up onto its high half.
  if (start > 0 && start < limit && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = 0;
  const maxSuffix = limit - start;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Likewise at the end of the changed span: do not start the suffix on a low half.
  if (suffix > 0 && suffix < maxSuffix && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAfter(before, start, oldEnd, startPosition),
    newEndPosition: pointAfter(after, start, newEnd, startPosition),
  };
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point of `offset` in `text`, given the point of an earlier offset `from`. */
function pointAfter(text: string, from: number, offset: number, at: Point): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

const COLLECTED_FOR_PYFILE = ['import_statement', 'import_from_statement', 'decorated_definition'];

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
