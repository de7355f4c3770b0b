// The rule engine: parse once, collect the nodes of every subscribed type in
// one pass, and hand each to the rules that subscribed to its type. Nodes are
// only materialised for subscribed types, which keeps the walk cheap. A rule that
// throws is reported as a rule error, never as a crash of the analysis.
import { pythonParser, type SyntaxNode } from '../parse/python';
import type { Parser, Tree } from 'web-tree-sitter';
import { editBetween } from '../parse/textEdit';

export { editBetween };
import { EMPTY_FACTS, type ProjectFacts } from './project';
import { PyFile } from './python/pyfile';
import { PYTHON_RULES } from './rules/index';
import { addComment, emptySuppressions, ignoreFix, isSuppressed, type CommentSyntax } from './suppress';
import type { BaseContext, Finding, Fix, Report, Rule, RuleContext, RuleOf, Severity, SeveritySetting, VisitorOf } from './types';

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
  /**
   * When set, each rule's CPU time (ms, visitors and finish together) is added
   * here by rule id: the bench's per-rule scaling table reads it. Off by
   * default so the hot path pays nothing.
   */
  readonly timings?: Map<string, number>;
}

/** How many documents' trees the incremental cache keeps (least recently used dropped first). */
export const INCREMENTAL_CACHE_SIZE = 20;

interface CachedDocument {
  source: string;
  tree: Tree;
  parser: Parser;
}

/** A file helper the engine's single walk hands the nodes it asked for (imports, decorated definitions…). */
export interface FileHelper {
  useCollected(byType: ReadonlyMap<string, SyntaxNode[]>): void;
}

/** What the engine needs to know about a language. */
export interface Dialect<C extends BaseContext, H extends FileHelper> {
  readonly comment: CommentSyntax;
  /** The parser for a file (a language may have several grammars, e.g. TS and TSX). */
  parser(path: string): Parser;
  /** Node types the walk collects for the file helper, besides the rules' own. */
  readonly collect: readonly string[];
  helper(source: string, tree: Tree): H;
  context(base: BaseContext, helper: H): C;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Why the file was not analysed (binary, too large), if it was not. */
  readonly skipped?: string;
  /** Rules that threw on this file; their findings are missing, the others are complete. */
  readonly ruleErrors: readonly { rule: string; error: string }[];
}

/** The engine over one language; `PythonAnalyzer` and `TsAnalyzer` are its two instances. */
export class Analyzer<C extends BaseContext, H extends FileHelper> {
  /** Incremental tree cache, in least-recently-used order (a Map iterates in insertion order). */
  private readonly documents = new Map<string, CachedDocument>();

  protected constructor(
    private readonly dialect: Dialect<C, H>,
    readonly rules: readonly RuleOf<C>[],
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
    const active = this.activeRules(options).filter(({ rule }) => !rule.applies || rule.applies(source, path));
    if (active.length === 0 || source.trim() === '') return { findings: [], ruleErrors: [] };
    const parser = this.dialect.parser(path);
    if (options.incremental) {
      const tree = this.incrementalTree(key, source, parser);
      if (!tree) return { findings: [], skipped: 'the parser returned no tree', ruleErrors: [] };
      return this.run(path, source, tree, active, options);
    }
    const tree = parser.parse(source);
    if (!tree) return { findings: [], skipped: 'the parser returned no tree', ruleErrors: [] };
    try {
      return this.run(path, source, tree, active, options);
    } finally {
      tree.delete();
    }
  }

  /** The tree of `source` for a cached document: reused, re-parsed incrementally from the previous tree, or parsed afresh. */
  private incrementalTree(key: string, source: string, parser: Parser): Tree | undefined {
    let cached = this.documents.get(key);
    if (cached && cached.parser !== parser) {
      // The document now needs another grammar (renamed .ts -> .tsx): start afresh.
      this.forget(key);
      cached = undefined;
    }
    if (cached) {
      this.documents.delete(key); // re-inserted below: most recently used
      if (cached.source === source) {
        this.documents.set(key, cached);
        return cached.tree;
      }
      cached.tree.edit(editBetween(cached.source, source));
      let tree = parser.parse(source, cached.tree);
      cached.tree.delete();
      // Error recovery may settle differently when re-parsing from an old tree;
      // text with a syntax error is parsed afresh so its findings are a fresh parse's.
      if (tree?.rootNode.hasError) {
        tree.delete();
        tree = parser.parse(source);
      }
      if (!tree) return undefined;
      this.documents.set(key, { source, tree, parser });
      return tree;
    }
    const tree = parser.parse(source);
    if (!tree) return undefined;
    this.documents.set(key, { source, tree, parser });
    while (this.documents.size > INCREMENTAL_CACHE_SIZE) this.forget(this.documents.keys().next().value!);
    return tree;
  }

  private activeRules(options: AnalyzeOptions): { rule: RuleOf<C>; severity: Severity }[] {
    const out: { rule: RuleOf<C>; severity: Severity }[] = [];
    for (const rule of this.rules) {
      if (options.only && !options.only.includes(rule.id)) continue;
      const setting = options.rules?.[rule.id] ?? rule.defaultSeverity;
      if (setting !== 'off') out.push({ rule, severity: setting });
    }
    return out;
  }

  private run(path: string, source: string, tree: Tree, active: { rule: RuleOf<C>; severity: Severity }[], options: AnalyzeOptions): AnalysisResult {
    const helper = this.dialect.helper(source, tree);
    const suppressions = emptySuppressions();
    const findings: Finding[] = [];
    const ruleErrors: { rule: string; error: string }[] = [];
    const failed = new Set<string>();
    const contexts = new Map<RuleOf<C>, C>();
    const visitors = new Map<string, { rule: RuleOf<C>; visit: VisitorOf<C> }[]>();
    const pending: { rule: RuleOf<C>; severity: Severity; report: Report; start: number; end: number; row: number }[] = [];

    for (const { rule, severity } of active) {
      const ctx = this.dialect.context(
        {
          path,
          source,
          tree,
          project: options.project ?? EMPTY_FACTS,
          report(report) {
            const start = report.node?.startIndex ?? report.start ?? 0;
            const end = report.node?.endIndex ?? report.end ?? start;
            const row = report.node ? report.node.startPosition.row : rowOf(source, start);
            pending.push({ rule, severity, report, start, end, row });
          },
        },
        helper,
      );
      contexts.set(rule, ctx);
      for (const [type, visit] of Object.entries(rule.visit ?? {})) {
        const list = visitors.get(type) ?? [];
        list.push({ rule, visit });
        visitors.set(type, list);
      }
    }

    const timings = options.timings;
    const call = (rule: RuleOf<C>, body: () => void): void => {
      if (failed.has(rule.id)) return;
      const t0 = timings ? performance.now() : 0;
      try {
        body();
      } catch (error) {
        failed.add(rule.id);
        ruleErrors.push({ rule: rule.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
      if (timings) timings.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - t0);
    };

    // One pass inside the WASM module collects every subscribed node type (and
    // comments, for suppressions) in document order; only those nodes are
    // materialised in JavaScript, which is far cheaper than a cursor walk.
    // The same pass collects what the file helper needs (imports, decorated
    // definitions…, which it would otherwise walk the whole tree for), so it
    // completes before any visitor runs.
    const types = new Set([...visitors.keys(), 'comment', ...this.dialect.collect]);
    const nodes = tree.rootNode.descendantsOfType([...types]);
    const collected = new Map<string, SyntaxNode[]>(this.dialect.collect.map((t) => [t, []]));
    // A node's type is a call into WASM: asked once per node.
    const typesOf: string[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const type = (typesOf[i] = node.type);
      collected.get(type)?.push(node);
    }
    helper.useCollected(collected);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const type = typesOf[i]!;
      if (type === 'comment') addComment(suppressions, source, node, this.dialect.comment);
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
        fixes.push(ignoreFix(path, source, suppressions, p.rule.id, p.start, this.dialect.comment));
      }
      findings.push({ rule: p.rule.id, severity: p.severity, message: p.report.message, start: p.start, end: p.end, fixes });
    }
    findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
    return { findings, ruleErrors };
  }
}

const PYTHON_DIALECT = (parser: Parser): Dialect<RuleContext, PyFile> => ({
  comment: '#',
  parser: () => parser,
  collect: ['import_statement', 'import_from_statement', 'decorated_definition'],
  helper: (source, tree) => new PyFile(source, tree),
  context: (base, py) => {
    if (base.project.enumClasses?.length) py.projectEnums = projectEnums(base.project);
    return { ...base, py };
  },
});

/** The project's Enum class names as a set, built once per project facts (not once per keystroke). */
const enumSets = new WeakMap<ProjectFacts, ReadonlySet<string>>();
function projectEnums(project: ProjectFacts): ReadonlySet<string> {
  let set = enumSets.get(project);
  if (!set) enumSets.set(project, (set = new Set(project.enumClasses)));
  return set;
}

/** The engine over Python files. */
export class PythonAnalyzer extends Analyzer<RuleContext, PyFile> {
  static async create(rules: readonly Rule[] = PYTHON_RULES): Promise<PythonAnalyzer> {
    return new PythonAnalyzer(PYTHON_DIALECT(await pythonParser()), rules);
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
