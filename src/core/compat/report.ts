// Compatibility changes as text, JSON and SARIF (for CI annotations).
import type { Change, Verdict } from './diff';

const LABEL: Record<Verdict, string> = { breaking: 'BREAKING', 'potentially-breaking': 'POTENTIALLY BREAKING', compatible: 'compatible' };

export function compatText(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No API changes.\n';
  const lines = changes.map((c) => `${LABEL[c.verdict]}  ${c.operation}  ${c.message}${c.source ? `  (${c.source})` : ''}`);
  const count = (v: Verdict) => changes.filter((c) => c.verdict === v).length;
  lines.push(`${count('breaking')} breaking, ${count('potentially-breaking')} potentially breaking, ${count('compatible')} compatible`);
  return lines.join('\n') + '\n';
}

export function compatJson(changes: readonly Change[]): string {
  return JSON.stringify({ changes }, null, 2) + '\n';
}

/** SARIF 2.1.0: one rule per change kind; breaking → error, potentially breaking → warning, compatible → note. */
export function compatSarif(changes: readonly Change[], version: string): object {
  const kinds = [...new Set(changes.map((c) => c.kind))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'backend-skill compat', version, rules: kinds.map((id) => ({ id, shortDescription: { text: id.replace(/-/g, ' ') } })) } },
      results: changes.map((c) => {
        const m = c.source ? /^(.*):(\d+)$/.exec(c.source) : null;
        return {
          ruleId: c.kind,
          ruleIndex: kinds.indexOf(c.kind),
          level: c.verdict === 'breaking' ? 'error' : c.verdict === 'potentially-breaking' ? 'warning' : 'note',
          message: { text: `${c.operation}: ${c.message}` },
          ...(m ? { locations: [{ physicalLocation: { artifactLocation: { uri: m[1] }, region: { startLine: Number(m[2]) } } }] } : {}),
        };
      }),
    }],
  };
}
