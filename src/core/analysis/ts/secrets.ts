// Secrets in TypeScript/JavaScript quick fixes: the `requiredEnv('NAME')`
// helper a fix reads a secret with (a missing variable stops the program at
// start-up instead of running with a default), added once per file unless
// the file already has or imports one.
import type { TextEdit } from '../../plan/editPlan';
import type { TsRuleContext } from '../types';
import { quoteOf, semicolonOf } from './logging';

/** Helper names a project may already use for a required variable. */
const HELPERS = ['requiredEnv', 'requireEnv', 'mustEnv', 'getEnvOrThrow', 'getRequiredEnv', 'envOrThrow', 'mustGetEnv'];

/** The expression reading NAME from the environment, failing when it is unset, and the edits adding the helper if needed. */
export function requiredEnvRead(ctx: TsRuleContext, name: string): { expr: string; edits: TextEdit[] } {
  const q = quoteOf(ctx.source);
  for (const helper of HELPERS) {
    const declared = new RegExp(`\\bfunction\\s+${helper}\\s*\\(|\\b(const|let|var)\\s+${helper}\\s*=`).test(ctx.source);
    if (declared || ctx.ts.imports.has(helper)) return { expr: `${helper}(${q}${name}${q})`, edits: [] };
  }
  const ts = /\.(ts|tsx|mts|cts)$/.test(ctx.path);
  const semi = semicolonOf(ctx.source);
  const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
  const lines = [
    '',
    '/** The value of a required environment variable; stops the program when it is missing. */',
    `function requiredEnv(name${ts ? ': string' : ''})${ts ? ': string' : ''} {`,
    `  const value = process.env[name]${semi}`,
    `  if (!value) throw new Error(\`\${name} is not set\`)${semi}`,
    `  return value${semi}`,
    '}',
  ];
  const end = ctx.source.length;
  const lead = ctx.source.endsWith('\n') ? '' : eol;
  return { expr: `requiredEnv(${q}${name}${q})`, edits: [{ start: end, end, text: lead + lines.join(eol) + eol }] };
}
