// bind-all-interfaces: a server started on a hard-coded wildcard address
// (0.0.0.0, ::, *) listens on every interface of the machine, including ones
// the developer never meant to expose. A host taken from settings or the
// environment is a deployment decision and is not flagged, nor is the same
// string in comparisons, lists or messages.
import type { SyntaxNode } from '../../parse/python';
import { fileFix, replaceNode } from '../fixes';
import { keywordArg, positionalArgs, unparen } from '../python/pyfile';
import type { Rule, RuleContext } from '../types';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '*', '0:0:0:0:0:0:0:0']);

/** `0.0.0.0`, `0.0.0.0:8000`, `[::]:8000`, `*:8000` → true. */
function isWildcard(value: string): boolean {
  if (WILDCARDS.has(value)) return true;
  const colon = value.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(value.slice(colon + 1)) && WILDCARDS.has(value.slice(0, colon));
}

/** Server entry points and where their host argument is. */
const SERVER_CALLS: Record<string, { keyword: string; position?: number }> = {
  'uvicorn.run': { keyword: 'host' },
  'uvicorn.Config': { keyword: 'host' },
  'hypercorn.Config': { keyword: 'bind' },
  'aiohttp.web.run_app': { keyword: 'host' },
  'werkzeug.serving.run_simple': { keyword: 'hostname', position: 0 },
  'wsgiref.simple_server.make_server': { keyword: 'host', position: 0 },
};

function check(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.py.callee(call);
  if (!callee) return;
  let hostArg: SyntaxNode | undefined;
  const known = SERVER_CALLS[callee];
  if (known) {
    hostArg = keywordArg(call, known.keyword) ?? (known.position !== undefined ? positionalArgs(call)[known.position] : undefined);
  } else if (ctx.py.methodName(call) === 'run' && callee.includes('.')) {
    // Flask / Sanic / Quart `app.run(host=...)`; the receiver is an app object, not a module.
    hostArg = keywordArg(call, 'host');
  }
  if (hostArg) report(hostArg, ctx);
}

function report(hostArg: SyntaxNode, ctx: RuleContext): void {
  const value = ctx.py.constantString(hostArg);
  if (value === undefined || !isWildcard(value)) return;
  const literal = unparen(hostArg);
  const isLiteral = literal.type === 'string';
  const port = value.lastIndexOf(':') > 0 && /:\d+$/.test(value) ? value.slice(value.lastIndexOf(':')) : '';
  ctx.report({
    node: hostArg,
    message: `Listening on ${JSON.stringify(value)} exposes the server on every network interface; bind to 127.0.0.1 and let the deployment choose the host.`,
    fixes: () => {
      if (!isLiteral) return [];
      const quote = literal.text.startsWith("'") ? "'" : '"';
      return [
        fileFix(ctx, 'Bind to 127.0.0.1', [replaceNode(literal, `${quote}127.0.0.1${port}${quote}`)], { preferred: true }),
        fileFix(ctx, 'Take the host from the HOST environment variable', [replaceNode(literal, `os.environ.get(${quote}HOST${quote}, ${quote}127.0.0.1${port}${quote})`)], {
          imports: [{ module: 'os' }],
        }),
      ];
    },
  });
}

/** gunicorn configuration files: a module-level `bind = "0.0.0.0:8000"`. */
function gunicornBind(assign: SyntaxNode, ctx: RuleContext): void {
  if (!/(^|\/)gunicorn[\w.-]*\.py$/.test(ctx.path) || assign.parent?.parent?.type !== 'module') return;
  if (assign.childForFieldName('left')?.text !== 'bind') return;
  const right = assign.childForFieldName('right');
  if (!right) return;
  const items = right.type === 'list' ? right.namedChildren.filter((n): n is SyntaxNode => n !== null) : [right];
  for (const item of items) report(item, ctx);
}

export const rule: Rule = {
  id: 'bind-all-interfaces',
  title: 'Server bound to every network interface',
  defaultSeverity: 'warning',
  applies: (source) => /0\.0\.0\.0|0:0:0:0|["'](?:\[?::\]?|\*)/.test(source),
  visit: { call: check, assignment: gunicornBind },
};
