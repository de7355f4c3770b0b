// The analysis vocabulary shared by the engine, every rule and the adapters:
// a rule visits syntax nodes of one file and reports findings; a finding may
// carry fixes, which are ordinary EditPlans (same plan/validate/apply path as
// generation, so a fix is one undo step in the editor).
import type { EditPlan } from '../plan/editPlan';
import type { SyntaxNode, SyntaxTree } from '../parse/python';
import type { ProjectFacts } from './project';
import type { PyFile } from './python/pyfile';
import type { TsFile } from './ts/tsfile';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export interface Fix {
  readonly title: string;
  /** The change; the analysed file is one of its `modify` changes (original = the analysed text). */
  readonly plan: EditPlan;
  /** The fix an editor should offer first (VS Code `isPreferred`). */
  readonly preferred?: boolean;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** 0-based UTF-16 offsets of the smallest offending expression. */
  readonly start: number;
  readonly end: number;
  readonly fixes: readonly Fix[];
}

/** What a rule hands to `report`: a node (or an explicit range) and its message. */
export interface Report {
  readonly node?: SyntaxNode;
  readonly start?: number;
  readonly end?: number;
  readonly message: string;
  /** Computed only when fixes are requested (the editor's code actions, tests), never by `check`. */
  readonly fixes?: () => readonly Fix[];
}

/** What every rule context has, whatever the language. */
export interface BaseContext {
  readonly path: string;
  readonly source: string;
  readonly tree: SyntaxTree;
  /** Facts about the rest of the project (settings module, auth dependency, hasher, `.env.example`…). */
  readonly project: ProjectFacts;
  report(report: Report): void;
}

/** The context of a Python rule. */
export interface RuleContext extends BaseContext {
  /** Import-aware helpers over this file (callee names, constants, routes, bindings). */
  readonly py: PyFile;
}

/** The context of a TypeScript/JavaScript rule. */
export interface TsRuleContext extends BaseContext {
  /** Import-aware helpers over this file (callee names, constants, bindings, Express/Fastify/NestJS routes). */
  readonly ts: TsFile;
}

export type VisitorOf<C> = (node: SyntaxNode, ctx: C) => void;
export type Visitor = VisitorOf<RuleContext>;

export interface RuleOf<C> {
  /** Stable id: used in settings, suppression comments, CLI output and the docs file name. */
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /**
   * A cheap text test (usually one regex) that must hold for the rule to find
   * anything in a file (its path may rule a file out too: migrations).
   * Files no active rule applies to are not even parsed.
   */
  readonly applies?: (source: string, path: string) => boolean;
  /** Called for each node of the listed tree-sitter types, in document order, in one shared walk. */
  readonly visit?: Readonly<Record<string, VisitorOf<C>>>;
  /** Called once after the walk (file-level rules). */
  readonly finish?: (ctx: C) => void;
}

/** A Python rule. */
export type Rule = RuleOf<RuleContext>;
/** A TypeScript/JavaScript rule (same ids as the Python rules where the hazard is the same). */
export type TsRule = RuleOf<TsRuleContext>;
