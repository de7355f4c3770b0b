// bind-all-interfaces (TypeScript/JavaScript): `app.listen(port, '0.0.0.0')`,
// `server.listen({ port, host: '::' })`, `fastify.listen({ host: '0.0.0.0' })`
// listen on every interface of the machine. A host taken from the
// environment or configuration is a deployment decision and is not flagged,
// nor is the same string in comparisons, logs or other calls.
import type { SyntaxNode } from '../../parse/python';
import { replaceNode } from '../fixes';
import { tsFileFix } from '../ts/fixes';
import { callArgs, objectProperty, unwrap } from '../ts/tsfile';
import type { TsRule, TsRuleContext } from '../types';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '*', '0:0:0:0:0:0:0:0']);

/** The host argument of a `listen` call: `listen(port, host, ...)` or `listen({ host })`. */
function hostArgument(call: SyntaxNode): SyntaxNode | undefined {
  const args = callArgs(call);
  const first = args[0] ? unwrap(args[0]) : undefined;
  if (!first) return undefined;
  if (first.type === 'object') return objectProperty(first, 'host');
  // `listen(path)` (a Unix socket) and `listen(port, callback)` have no host.
  return args[1] && !['arrow_function', 'function_expression', 'function'].includes(unwrap(args[1]).type) ? args[1] : undefined;
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  if (ctx.ts.methodName(call) !== 'listen' || !ctx.ts.receiver(call)) return;
  const host = hostArgument(call);
  if (!host) return;
  const value = ctx.ts.constantString(host);
  if (value === undefined || !WILDCARDS.has(value)) return;
  const literal = unwrap(host);
  const isLiteral = literal.type === 'string' || literal.type === 'template_string';
  // `{ host }` shorthand: the literal is the bound value, the fix goes there.
  ctx.report({
    node: host,
    message: `Listening on ${JSON.stringify(value)} exposes the server on every network interface; bind to 127.0.0.1 and let the deployment choose the host.`,
    fixes: () => {
      if (!isLiteral) return [];
      const quote = literal.text.startsWith('"') ? '"' : "'";
      return [
        tsFileFix(ctx, 'Bind to 127.0.0.1', [replaceNode(literal, `${quote}127.0.0.1${quote}`)], { preferred: true }),
        tsFileFix(ctx, 'Take the host from the HOST environment variable', [replaceNode(literal, `process.env.HOST ?? ${quote}127.0.0.1${quote}`)]),
      ];
    },
  });
}

export const rule: TsRule = {
  id: 'bind-all-interfaces',
  title: 'Server bound to every network interface',
  defaultSeverity: 'warning',
  applies: (source) => source.includes('listen') && /0\.0\.0\.0|0:0:0:0|["'`](?:\[?::\]?|\*)["'`]/.test(source),
  visit: { call_expression: check },
};
