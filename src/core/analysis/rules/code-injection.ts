// code-injection: request input run as code or turned into objects by a
// deserialiser that runs code — `eval`/`exec`/`compile`, `pickle.loads` (and
// `dill`, `marshal`, `shelve`-style `pickle.load`), `yaml.load` with an unsafe
// or missing loader, `yaml.unsafe_load`. Whoever controls the text runs code
// with the server's rights. Request input is followed inside one function,
// as for the other taint rules. Fixes where a safe form exists:
// `yaml.safe_load`, `ast.literal_eval` for `eval` of a literal, `json.loads`
// for `pickle.loads`.
import type { SyntaxNode } from '../../parse/python';
import { fileFix, replaceNode, type FixImport } from '../fixes';
import { enclosingFunction, keywordArg, positionalArgs } from '../python/pyfile';
import { taintOf } from '../python/taint';
import type { Fix, Rule, RuleContext } from '../types';

const CODE = new Set(['eval', 'exec', 'compile']);
const DESERIALISERS = new Set(['pickle.loads', 'pickle.load', 'cPickle.loads', '_pickle.loads', 'dill.loads', 'marshal.loads', 'jsonpickle.decode', 'yaml.unsafe_load', 'yaml.load', 'yaml.load_all', 'yaml.full_load']);
const SAFE_LOADER = /^(yaml\.)?(C?SafeLoader|BaseLoader)$/;

function check(call: SyntaxNode, ctx: RuleContext): void {
  const fnNode = call.childForFieldName('function');
  if (!fnNode) return;
  const name = fnNode.type === 'identifier' && CODE.has(fnNode.text) && !ctx.py.imports.has(fnNode.text) ? fnNode.text : ctx.py.callee(call);
  if (!name || (!CODE.has(name) && !DESERIALISERS.has(name))) return;
  if (name.startsWith('yaml.load')) {
    const loader = keywordArg(call, 'Loader') ?? positionalArgs(call)[1];
    if (loader && SAFE_LOADER.test(loader.text)) return;
  }
  const data = positionalArgs(call)[0];
  const fn = enclosingFunction(call);
  if (!data || !fn) return;
  if (!taintOf(ctx.py, fn).tainted(data, 'path')) return;
  const what = `${name}()`;
  ctx.report({
    node: data,
    message: CODE.has(name)
      ? `The code run by ${what} comes from request input, so a caller can run Python of their own on the server (code injection: read files and secrets, start processes); parse data with json.loads() or ast.literal_eval() instead.`
      : `${what} turns request input into objects and can run code while doing so, so a caller can run Python of their own on the server (code injection); ${name.startsWith('yaml') ? 'use yaml.safe_load()' : 'accept JSON and use json.loads()'} instead.`,
    fixes: () => fixes(ctx, call, name, data),
  });
}

function fixes(ctx: RuleContext, call: SyntaxNode, name: string, data: SyntaxNode): Fix[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  const replace = (callee: string, title: string, imports: FixImport[]): Fix[] => [
    fileFix(ctx, title, [replaceNode(call, `${callee}(${data.text})`)], { imports, preferred: true }),
  ];
  if (name === 'yaml.load' || name === 'yaml.unsafe_load' || name === 'yaml.full_load') return replace(`${call.childForFieldName('function')!.text.replace(/\.\w+$/, '')}.safe_load`, 'Use yaml.safe_load()', []);
  if (name === 'eval') return replace('ast.literal_eval', 'Evaluate only a literal with ast.literal_eval()', [{ module: 'ast' }]);
  if (name === 'pickle.loads') return replace('json.loads', 'Accept JSON: json.loads()', [{ module: 'json' }]);
  return [];
}

export const rule: Rule = {
  id: 'code-injection',
  title: 'Request input run as code',
  defaultSeverity: 'error',
  applies: (source) => /\b(eval|exec|compile|pickle|dill|marshal|yaml|jsonpickle)\b/.test(source),
  visit: { call: check },
};
