// code-injection (TypeScript/JavaScript): request input run as code — `eval`,
// `new Function`/`Function`, `setTimeout`/`setInterval` with a string, the
// `vm` module (`runInContext`, `runInNewContext`, `runInThisContext`,
// `new vm.Script`, `compileFunction`), also a constant `vm` script that
// evaluates (`safeEval(data)`, `eval(data)`) a sandbox value carrying request
// input. Whoever controls the text runs code with the server's rights. Request
// input is followed inside one function, as for the other taint rules. The
// fix for `eval` of data is `JSON.parse`.
import type { SyntaxNode } from '../../parse/python';
import { tsFileFix } from '../ts/fixes';
import { taintOf, type FunctionTaint } from '../ts/taint';
import { callArgs, enclosingFunction, literalString, unwrap } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';

/** Callees (qualified) whose first argument is code. */
const CODE_FIRST = new Set(['eval', 'vm.runInContext', 'vm.runInNewContext', 'vm.runInThisContext', 'vm.compileFunction', 'vm.Script']);
/** Functions whose *last* argument is the body (`new Function('a', 'b', body)`). */
const CODE_LAST = new Set(['Function']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);
/** Inside a vm script: a call that evaluates one of the sandbox's values. */
const EVALUATES = /\b(?:safeEval|eval|Function|evaluate)\s*\(\s*(\w+)/g;
const QUICK = /\beval\b|Function\s*\(|\bvm\b|runIn|setTimeout|setInterval|Script/;

function callee(call: SyntaxNode, ctx: TsRuleContext): string {
  // `import vm from 'node:vm'` and `require('vm')` name the same module.
  return (ctx.ts.callee(call) ?? '').replace(/^node:vm\./, 'vm.').replace(/\.default\./, '.');
}

/** The sandbox object a vm call runs in: `{ … }` literally, or the name bound to one. */
function sandboxObject(node: SyntaxNode | undefined, ctx: TsRuleContext): SyntaxNode | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'object') return n;
  if (n.type === 'call_expression' && /createContext$/.test(n.childForFieldName('function')?.text ?? '')) return sandboxObject(callArgs(n)[0], ctx);
  if (n.type === 'identifier') {
    const v = ctx.ts.singleBinding(n);
    return v ? sandboxObject(v, ctx) : undefined;
  }
  return undefined;
}

/** A constant vm script evaluating a sandbox member that carries request input: `runInContext('safeEval(data)', { data })`. */
function evaluatedSandboxValue(code: SyntaxNode, sandbox: SyntaxNode | undefined, t: FunctionTaint, ctx: TsRuleContext): boolean {
  const text = literalString(code);
  const box = sandboxObject(sandbox, ctx);
  if (text === undefined || !box) return false;
  for (const m of text.matchAll(EVALUATES)) {
    const key = m[1]!;
    for (const p of box.namedChildren) {
      if (!p) continue;
      if (p.type === 'shorthand_property_identifier' && p.text === key && t.tainted(p, 'any')) return true;
      if (p.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === key && t.tainted(p.childForFieldName('value')!, 'any')) return true;
    }
  }
  return false;
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  const name = callee(call, ctx);
  const args = callArgs(call);
  let code: SyntaxNode | undefined;
  if (CODE_FIRST.has(name)) code = args[0];
  else if (CODE_LAST.has(name)) code = args.at(-1);
  else if (TIMERS.has(name) && args[0] && unwrap(args[0]).type !== 'arrow_function' && unwrap(args[0]).type !== 'function_expression' && unwrap(args[0]).type !== 'identifier') code = args[0];
  if (!code) return;
  // A method of the same name on some object (`redis.eval(script)`, `page.eval`) is not JavaScript's eval.
  if (name === 'eval' && call.childForFieldName('function')?.type !== 'identifier') return;
  const fn = enclosingFunction(call);
  if (!fn) return;
  const t = taintOf(ctx.ts, fn);
  const direct = t.tainted(code, 'any');
  if (!direct && !(/^vm\.run/.test(name) && evaluatedSandboxValue(code, args[1], t, ctx))) return;
  const shown = name === 'Function' ? 'new Function()' : `${name}()`;
  ctx.report({
    node: code,
    message: direct
      ? `The code run by ${shown} comes from request input, so a caller can run JavaScript of their own on the server (code injection: read files and secrets, start processes); parse data with JSON.parse() or look the operation up in a table instead of evaluating it.`
      : `This ${shown} script evaluates a sandbox value that comes from request input; the vm module is not a security boundary, so a caller can escape it and run code on the server (code injection); parse the data with JSON.parse() instead of evaluating it.`,
    fixes: () => (name === 'eval' && direct ? jsonFix(ctx, call) : []),
  });
}

function jsonFix(ctx: TsRuleContext, call: SyntaxNode): Fix[] {
  const fn = call.childForFieldName('function')!;
  return [tsFileFix(ctx, 'Parse the value with JSON.parse() instead of eval()', [{ start: fn.startIndex, end: fn.endIndex, text: 'JSON.parse' }], { preferred: true })];
}

export const rule: TsRule = {
  id: 'code-injection',
  title: 'Request input run as code',
  defaultSeverity: 'error',
  applies: (source) => QUICK.test(source),
  visit: { call_expression: check, new_expression: check },
};
