// command-injection (TypeScript/JavaScript): a shell command line assembled
// from values that may come from a user and run through a shell:
// child_process `exec`/`execSync` (also promisified), `spawn`/`spawnSync`/
// `execFile`/`execFileSync` with `{ shell: true }` or an explicit `sh -c`,
// execa with `shell: true` / `execaCommand`, shelljs `exec`. As for Python,
// any value not proven harmless counts (constants, numbers, allow-list picks,
// shell-quoted values), whoever passed it. Argument lists without a shell and
// constant commands are not flagged. The fix runs the program with
// `execFile`/`execFileSync` and an argument list when every word of the
// command can be told apart without the shell's help.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { tsFileFix } from '../ts/fixes';
import { describeValues, templateOf, unsafeParts, type DynPart, type Part, type Template } from '../ts/taint';
import { callArgs, objectProperty, unwrap, type TsFile } from '../ts/tsfile';
import type { Fix, TsRule, TsRuleContext } from '../types';
import { DEVELOPER_TOOLING } from '../paths';
import { shellWords } from '../shellWords';

const ALWAYS_SHELL = new Set(['child_process.exec', 'child_process.execSync', 'shelljs.exec', 'execa.execaCommand', 'execa.execaCommandSync', 'execa.command', 'execa.commandSync', 'execa.shell', 'execa.shellSync']);
const PROGRAM_ARGS = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'execa', 'execa.execa', 'execa.execaSync', 'execa.sync', 'cross-spawn', 'cross-spawn.sync']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', '/bin/sh', '/bin/bash', '/usr/bin/bash', 'cmd', 'cmd.exe', 'powershell', 'pwsh']);
const QUICK = /exec|spawn|shell|command|\$/i;

interface Sink {
  readonly call: SyntaxNode;
  /** `exec`, `spawn`… as written. */
  readonly name: string;
  readonly callee: string;
  /** The node reported. */
  readonly node: SyntaxNode;
  readonly template: Template;
  readonly via: 'always' | 'shell-option' | 'dash-c' | 'execa-shell';
}

/** `const run = promisify(exec)` / `util.promisify(cp.exec)`: the wrapped function's name. */
function promisified(file: TsFile, call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return undefined;
  const v = file.singleBinding(fn);
  const value = v ? unwrap(v) : undefined;
  if (value?.type !== 'call_expression' || !/^(util\.)?promisify$/.test(file.callee(value) ?? '')) return undefined;
  const inner = callArgs(value)[0];
  return inner ? file.qualify(inner) : undefined;
}

function shellOption(file: TsFile, args: SyntaxNode[]): boolean {
  const options = args.map(unwrap).filter((a) => a.type === 'object').at(-1);
  const shell = options ? objectProperty(options, 'shell') : undefined;
  if (!shell) return false;
  const s = unwrap(shell);
  if (s.type === 'false' || s.type === 'undefined' || s.type === 'null') return false;
  return s.type === 'true' || file.constantString(s) !== undefined;
}

function arrayItems(file: TsFile, node: SyntaxNode | undefined): SyntaxNode[] | undefined {
  if (!node) return [];
  let n = unwrap(node);
  if (n.type === 'identifier') {
    const v = file.singleBinding(n);
    if (!v) return undefined;
    n = unwrap(v);
  }
  return n.type === 'array' ? n.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : undefined;
}

function sinkOf(call: SyntaxNode, ctx: TsRuleContext): Sink | undefined {
  const file = ctx.ts;
  const callee = promisified(file, call) ?? file.callee(call) ?? '';
  const args = callArgs(call);
  const name = file.methodName(call) ?? callee;
  const first = args[0];
  if (!first || first.type === 'spread_element') return undefined;
  if (ALWAYS_SHELL.has(callee)) {
    const t = templateOf(file, first);
    return t && { call, name, callee, node: first, template: t, via: 'always' };
  }
  if (!PROGRAM_ARGS.has(callee)) return undefined;
  const program = file.constantString(first);
  const list = args[1] && unwrap(args[1]).type !== 'object' ? args[1] : undefined;
  const items = arrayItems(file, list);
  // `spawn('sh', ['-c', cmd])`: the item after `-c` is a command line.
  if (program !== undefined && SHELLS.has(program) && items) {
    const at = items.findIndex((i) => /^(-c|\/c|-Command|-lc)$/.test(file.constantString(i) ?? ''));
    const command = at >= 0 ? items[at + 1] : undefined;
    const t = command ? templateOf(file, command) : undefined;
    return command && t ? { call, name, callee, node: command, template: t, via: 'dash-c' } : undefined;
  }
  if (!shellOption(file, args)) return undefined;
  // With a shell, the program and its arguments are joined by spaces into one command line.
  const head = templateOf(file, first);
  if (!head) return undefined;
  const parts: Part[] = [...head.parts];
  if (list && !items) parts.push({ kind: 'const', text: ' ', raw: ' ' }, { kind: 'dyn', node: list, safe: false });
  for (const item of items ?? []) {
    const t = templateOf(file, item);
    parts.push({ kind: 'const', text: ' ', raw: ' ' }, ...(t ? t.parts : [{ kind: 'dyn' as const, node: item, safe: false }]));
  }
  const firstUnsafe = parts.find((p): p is DynPart => p.kind === 'dyn' && !p.safe);
  const node = firstUnsafe && head.parts.includes(firstUnsafe) ? first : (list ?? first);
  return { call, name, callee, node, template: { parts, segments: [], linear: false }, via: callee.startsWith('execa') ? 'execa-shell' : 'shell-option' };
}

/** Task-runner registrations: the task's code runs from a developer's command line (`grunt db-reset:test`), with their arguments and environment. */
const TASK_REGISTRATION = /^(grunt\.(registerTask|registerMultiTask|task\.registerTask)|gulp\.task)$/;

/** Is `call` inside a function registered as a Grunt/Gulp task (never reached by a request)? */
function inBuildTask(call: SyntaxNode, file: TsFile): boolean {
  for (let n: SyntaxNode | null = call.parent; n; n = n.parent) {
    if (n.type !== 'arguments' || n.parent?.type !== 'call_expression') continue;
    const head = n.parent.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    if (TASK_REGISTRATION.test(head) || TASK_REGISTRATION.test(file.callee(n.parent) ?? '')) return true;
  }
  return false;
}

function check(call: SyntaxNode, ctx: TsRuleContext): void {
  const fn = call.childForFieldName('function');
  if (!fn || (!QUICK.test(fn.text) && !(fn.type === 'identifier' && promisified(ctx.ts, call)))) return;
  const sink = sinkOf(call, ctx);
  if (!sink) return;
  const unsafe = unsafeParts(sink.template, 'shell');
  if (unsafe.length === 0 || inBuildTask(call, ctx.ts)) return;
  const { what } = describeValues(unsafe);
  const how = sink.via === 'always' ? `${sink.name}()` : sink.via === 'dash-c' ? `a shell (\`-c\`) started by ${sink.name}()` : `${sink.name}(..., { shell: true })`;
  ctx.report({
    node: sink.node,
    message: `The command line run by ${how} is built from ${what}, so a value containing ; | or $(...) runs commands of its own (command injection); run the program with execFile() and an argument list (no shell) instead.`,
    fixes: () => argvFix(ctx, sink),
  });
}

// ------------------------------------------------------------------ fix

type Word = Part[];

/** Split a command template into shell words; undefined when the shell would do more than split (pipes, globs, $…). */
function words(t: Template): Word[] | undefined {
  return shellWords<Part>(t.parts, (text) => ({ kind: 'const', text, raw: text }));
}

/** The JavaScript expression for one word. */
function wordText(word: Word, quote: string): string | undefined {
  if (word.every((p) => p.kind === 'const')) {
    const text = word.map((p) => p.text).join('');
    return `${quote}${text.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
  }
  if (word.length === 1) {
    const p = word[0] as DynPart;
    const n = unwrap(p.node);
    if (n.text.includes('\n')) return undefined;
    // argv items must be strings.
    if (p.why === 'number') return `String(${n.text})`;
    if (n.type === 'ternary_expression' || n.type === 'binary_expression' || n.type === 'sequence_expression') return `(${n.text})`;
    return n.text;
  }
  let body = '';
  for (const p of word) body += p.kind === 'const' ? p.text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : `\${${p.node.text}}`;
  return `\`${body}\``;
}

function argvFix(ctx: TsRuleContext, sink: Sink): Fix[] {
  if (sink.via !== 'always' || !/^child_process\.(exec|execSync)$/.test(sink.callee) || promisified(ctx.ts, sink.call)) return [];
  const ws = words(sink.template);
  if (!ws || ws.length === 0) return [];
  const program = ws[0]!;
  if (!program.every((p) => p.kind === 'const')) return [];
  const quote = /'/.test(ctx.source) || !/"/.test(ctx.source) ? "'" : '"';
  const texts = ws.map((w) => wordText(w, quote));
  if (texts.some((x) => x === undefined)) return [];
  // The command expression must be written in the call (a variable's other uses would keep the old text).
  const arg = unwrap(sink.node);
  if (arg.type !== 'template_string' && arg.type !== 'string' && arg.type !== 'binary_expression') return [];
  const fnNode = sink.call.childForFieldName('function')!;
  const sync = sink.callee.endsWith('Sync');
  const target = sync ? 'execFileSync' : 'execFile';
  const edits: TextEdit[] = [];
  const imports: { module: string; name: string }[] = [];
  if (fnNode.type === 'member_expression') {
    const property = fnNode.childForFieldName('property')!;
    edits.push({ start: property.startIndex, end: property.endIndex, text: target });
  } else {
    // A named import: `exec` -> `execFile`, added to the same import.
    const spec = [...ctx.ts.imports].find(([local]) => local === fnNode.text);
    if (!spec) return [];
    const module = moduleSpecifier(ctx, fnNode.text) ?? 'child_process';
    const existing = [...ctx.ts.imports].find(([, full]) => full.replace(/^node:/, '') === `child_process.${target}`);
    edits.push({ start: fnNode.startIndex, end: fnNode.endIndex, text: existing ? existing[0] : target });
    if (!existing) imports.push({ module, name: target });
  }
  edits.push({ start: sink.node.startIndex, end: sink.node.endIndex, text: `${texts[0]}, [${texts.slice(1).join(', ')}]` });
  return [tsFileFix(ctx, `Run the program with ${target}() and an argument list (no shell)`, edits, { preferred: true, imports })];
}

/** How the file spells the module a name was imported from (`node:child_process` or `child_process`). */
function moduleSpecifier(ctx: TsRuleContext, local: string): string | undefined {
  const m = new RegExp(`\\b${local}\\b[^;]*?(?:from\\s*|require\\(\\s*)['"]((?:node:)?child_process)['"]`).exec(ctx.source);
  return m?.[1];
}

export const rule: TsRule = {
  id: 'command-injection',
  title: 'Shell command built from non-constant text',
  defaultSeverity: 'error',
  applies: (source, path) => /child_process|execa|shelljs|cross-spawn/.test(source) && !DEVELOPER_TOOLING.test(path),
  visit: { call_expression: check },
};
