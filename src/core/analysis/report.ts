// Reporters for `check`: text for people, JSON for scripts, SARIF 2.1.0 for
// code-scanning dashboards. All take findings with 0-based UTF-16 offsets and
// print 1-based lines and columns; an end position points just past the last
// character (exclusive), as SARIF's `endColumn` does. Columns count UTF-16
// code units (SARIF `columnKind: utf16CodeUnits`), so `é` is one column and
// an emoji two.
import { lineIndex } from './lines';
import type { Finding, Rule, Severity } from './types';

export interface FileReport {
  /** Path relative to the report's base folder, forward slashes. */
  readonly path: string;
  readonly source: string;
  readonly findings: readonly Finding[];
}

/** A note about the run: a skipped file, a rule that failed on a file. */
export interface RunNote {
  readonly path: string;
  readonly message: string;
  readonly level: 'note' | 'error';
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** One record per finding, in file order then position order. */
export function toJsonFindings(files: readonly FileReport[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const file of files) {
    if (file.findings.length === 0) continue;
    const index = lineIndex(file.source);
    for (const f of file.findings) {
      const start = index.position(f.start);
      const end = index.position(f.end);
      out.push({ file: file.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, rule: f.rule, severity: f.severity, message: f.message });
    }
  }
  return out;
}

export interface Summary {
  readonly files: number;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export function summarize(files: readonly FileReport[]): Summary {
  const s = { files: files.length, error: 0, warning: 0, info: 0 };
  for (const file of files) for (const f of file.findings) s[f.severity]++;
  return s;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `path:line:col: severity [rule] message` lines and a summary line. */
export function formatText(files: readonly FileReport[], skipped = 0): string {
  const lines = toJsonFindings(files).map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.rule}] ${f.message}`);
  const s = summarize(files);
  const total = s.error + s.warning + s.info;
  // Skipped files are counted, so a lint that read nothing never looks clean.
  const checked = `${plural(s.files, 'file')} checked${skipped > 0 ? `, ${skipped} skipped` : ''}`;
  lines.push(total === 0 ? `No problems found (${checked}).` : `${plural(total, 'problem')} (${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info) in ${checked}.`);
  return lines.join('\n') + '\n';
}

// ---- SARIF -----------------------------------------------------------------

export interface SarifOptions {
  readonly toolName: string;
  readonly version: string;
  /** Absolute `file:` URI of the folder that `FileReport.path`s are relative to, ending in `/`. */
  readonly baseUri: string;
  /** The project's home page (tool.driver.informationUri), if it has one. */
  readonly informationUri?: string;
  /** Where a rule's docs page is on the web (reportingDescriptor.helpUri), if anywhere. */
  readonly helpUri?: (id: string) => string | undefined;
  /** A rule's docs markdown, if shipped. */
  readonly docs: (id: string) => string | undefined;
  readonly notes?: readonly RunNote[];
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The first prose paragraph of a docs page (after the title and the severity line). */
export function docsSummary(markdown: string): string | undefined {
  const paragraphs = markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const p of paragraphs) {
    const text = p.trim();
    if (!text || text.startsWith('#') || text.startsWith('**') || text.startsWith('```') || text.startsWith('-')) continue;
    return text.replace(/\s*\n\s*/g, ' ');
  }
  return undefined;
}

/** Percent-encode each segment of a relative path for a URI reference. */
function uriOfPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A SARIF 2.1.0 log with one run: every registered rule described, one result per finding. */
export function toSarif(files: readonly FileReport[], rules: readonly Pick<Rule, 'id' | 'title' | 'defaultSeverity'>[], options: SarifOptions): object {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors = rules.map((rule) => {
    const markdown = options.docs(rule.id);
    const summary = markdown ? docsSummary(markdown) : undefined;
    const helpUri = options.helpUri?.(rule.id);
    return {
      id: rule.id,
      name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.title },
      fullDescription: { text: summary ?? rule.title },
      ...(markdown ? { help: { text: markdown, markdown } } : {}),
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
      properties: { tags: ['security'] },
    };
  });
  // The same 1-based positions as the JSON format: one conversion for both.
  const results = toJsonFindings(files).map((f) => ({
    ruleId: f.rule,
    ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOfPath(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  }));
  const notes = options.notes ?? [];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.version,
            semanticVersion: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: options.baseUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !notes.some((n) => n.level === 'error'),
            toolExecutionNotifications: notes.map((n) => ({
              level: n.level,
              message: { text: n.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: uriOfPath(n.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
}
