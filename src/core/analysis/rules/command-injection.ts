// command-injection: a shell command line assembled from values that may
// come from a user, run through a shell (`shell=True`, `os.system`,
// `os.popen`, `asyncio.create_subprocess_shell`, `sh -c`). A value holding
// `;`, `|` or `$(...)` then runs commands of its own. Argument lists without
// a shell, constant commands and `shlex.quote()`d values are not flagged.
// The fix turns the command line into an argument list run without a shell,
// when every word of it can be told apart without the shell's help.
import type { SyntaxNode } from '../../parse/python';
import type { TextEdit } from '../../plan/editPlan';
import { fileFix } from '../fixes';
import { keywordArg, literalString, named, positionalArgs, unparen } from '../python/pyfile';
import { countReferences, describeValues, onlyBinding, templateOf, unsafeParts, type DynPart, type Part, type Template } from '../python/strings';
import type { Fix, Rule, RuleContext } from '../types';
import { DEVELOPER_TOOLING } from '../paths';
import { shellWords } from '../shellWords';

const SUBPROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
/** Functions that always hand their command to a shell. */
const ALWAYS_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'commands.getoutput']);
/** Functions taking a program and its arguments; a shell only when that program is `sh -c`. */
const EXEC_LIKE = /^os\.(exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)$|^asyncio\.create_subprocess_exec$/;
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'cmd', 'cmd.exe', 'powershell', 'pwsh']);
/** Last name of every sink callee: anything else is skipped before imports are consulted. */
const QUICK = /(^|\.)(run|call|check_call|check_output|Popen|system|popen|getoutput|getstatusoutput|create_subprocess_shell|create_subprocess_exec|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|subprocess_shell)$/;

interface Sink {
  readonly call: SyntaxNode;
  readonly name: string;
  /** The command-line expression run by the shell. */
  readonly command: SyntaxNode;
  /** How the shell comes in: `shell=True`, an always-shell function, or `sh -c`. */
  readonly via: 'shell-kw' | 'always' | 'dash-c';
}

function sinkOf(call: SyntaxNode, ctx: RuleContext): Sink | undefined {
  const callee = ctx.py.callee(call);
  if (!callee) return undefined;
  if (SUBPROCESS.has(callee)) {
    const arg = positionalArgs(call)[0] ?? keywordArg(call, 'args');
    if (!arg) return undefined;
    const shell = keywordArg(call, 'shell');
    if (shell && isTrue(shell, ctx)) {
      const a = unparen(arg);
      // With a list and shell=True, the shell runs the first item as the command line.
      const command = a.type === 'list' || a.type === 'tuple' ? named(a)[0] : arg;
      return command && { call, name: callee, command, via: 'shell-kw' };
    }
    const dashC = shellDashC(listItems(arg, ctx));
    return dashC && { call, name: callee, command: dashC, via: 'dash-c' };
  }
  if (ALWAYS_SHELL.has(callee)) {
    const arg = positionalArgs(call)[0] ?? keywordArg(call, 'command') ?? keywordArg(call, 'cmd');
    return arg && { call, name: callee, command: arg, via: 'always' };
  }
  if (callee.endsWith('.subprocess_shell')) {
    // asyncio `loop.subprocess_shell(protocol_factory, cmd, ...)`
    const arg = positionalArgs(call)[1] ?? keywordArg(call, 'cmd');
    return arg && { call, name: 'loop.subprocess_shell', command: arg, via: 'always' };
  }
  if (EXEC_LIKE.test(callee)) {
    const items: SyntaxNode[] = [];
    for (const a of positionalArgs(call)) items.push(...listItems(a, ctx));
    const dashC = shellDashC(items);
    return dashC && { call, name: callee, command: dashC, via: 'dash-c' };
  }
  return undefined;
}

function isTrue(node: SyntaxNode, ctx: RuleContext): boolean {
  const n = unparen(node);
  if (n.type === 'true') return true;
  if (n.type === 'identifier') {
    const value = onlyBinding(n, ctx.py);
    return !!value && unparen(value).type === 'true';
  }
  return false;
}

/** Items of a list/tuple literal (or a name bound once to one); else the node itself. */
function listItems(node: SyntaxNode, ctx: RuleContext): SyntaxNode[] {
  let n = unparen(node);
  if (n.type === 'identifier') {
    const value = onlyBinding(n, ctx.py);
    if (value && (unparen(value).type === 'list' || unparen(value).type === 'tuple')) n = unparen(value);
  }
  return n.type === 'list' || n.type === 'tuple' ? named(n) : [n];
}

/** `["bash", "-c", CMD]` → CMD. */
function shellDashC(items: SyntaxNode[]): SyntaxNode | undefined {
  for (let i = 0; i + 2 < items.length; i++) {
    const program = literalString(items[i]!);
    const flag = literalString(items[i + 1]!);
    if (program === undefined || flag === undefined) continue;
    const base = program.split(/[\\/]/).pop()!.toLowerCase();
    if (SHELLS.has(base) && (/^-[a-z]*c$/.test(flag) || flag.toLowerCase() === '/c' || flag.toLowerCase() === '-command')) return items[i + 2];
  }
  return undefined;
}

function check(call: SyntaxNode, ctx: RuleContext): void {
  const fn = ctx.py.fnOf(call);
  if (!fn || !QUICK.test(fn.text)) return;
  const sink = sinkOf(call, ctx);
  if (!sink) return;
  const t = templateOf(sink.command, ctx.py);
  if (!t) return;
  const unsafe = unsafeParts(t);
  if (unsafe.length === 0) return;
  const { what } = describeValues(unsafe);
  const how = sink.via === 'shell-kw' ? `${sink.name}(..., shell=True)` : sink.via === 'dash-c' ? `a shell (\`-c\`) started by ${sink.name}()` : `${sink.name}()`;
  ctx.report({
    node: sink.command,
    message: `The command line run by ${how} is built from ${what}, so a value containing ; | or $(...) runs commands of its own (command injection); pass an argument list without a shell, or shlex.quote() each value.`,
    fixes: () => argvFix(ctx, sink, t),
  });
}

// ------------------------------------------------------------------ fix

type Word = Part[];

/** Split a command template into shell words; undefined when the shell would do more than split (pipes, globs, $…). */
function words(t: Template): Word[] | undefined {
  return shellWords<Part>(t.parts, (text) => ({ kind: 'const', text }));
}

const NUMERIC = /^(int|float|len|round|abs)\(/;

/** The Python expression for one interpolated word. */
function valueText(part: DynPart, ctx: RuleContext): string | undefined {
  let node = unparen(part.node);
  if (node.type === 'call' && /^(shlex|pipes)\.quote$/.test(ctx.py.callee(node) ?? '')) {
    const inner = positionalArgs(node)[0];
    if (!inner) return undefined;
    node = inner;
  }
  const expr = node.text;
  if (part.conversion === 'a') return undefined;
  if (part.node.type === 'list_splat' || part.node.type === 'dictionary_splat' || expr.includes('\n')) return undefined;
  if (part.spec) return /["\\]/.test(expr) ? undefined : `f"{${expr}:${part.spec}}"`;
  if (part.conversion || NUMERIC.test(expr) || node.type === 'integer' || node.type === 'float' || numericParam(node, ctx)) return `str(${expr})`;
  return node.type === 'conditional_expression' || node.type === 'lambda' ? `(${expr})` : expr;
}

/** A parameter annotated `int`/`float` (argv items must be strings). */
function numericParam(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.type !== 'identifier') return false;
  let fn: SyntaxNode | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const param = fn ? ctx.py.params(fn).find((p) => p.name === node.text) : undefined;
  return !!param?.annotation && /^(int|float)(\s*\|\s*None)?$|^Optional\[(int|float)\]$/.test(param.annotation.text);
}

function renderWord(word: Word, ctx: RuleContext): string | undefined {
  if (word.length === 1 && word[0]!.kind === 'dyn') return valueText(word[0]!, ctx);
  const interpolates = word.some((p) => p.kind === 'dyn');
  let body = '';
  for (const p of word) {
    if (p.kind === 'const') {
      if (p.text.includes('\\')) return undefined;
      body += (interpolates ? p.text.replace(/\{/g, '{{').replace(/\}/g, '}}') : p.text).replace(/"/g, '\\"');
    } else {
      // Inside an f-string the value is formatted as the shell would have seen it.
      const inner = valueText({ ...p, conversion: undefined, spec: undefined }, ctx);
      if (!inner || /["\\]/.test(inner)) return undefined;
      body += `{${inner.replace(/^str\((.*)\)$/s, '$1')}${p.conversion ? `!${p.conversion}` : ''}${p.spec ? `:${p.spec}` : ''}}`;
    }
  }
  return `${interpolates ? 'f' : ''}"${body}"`;
}

function argvFix(ctx: RuleContext, sink: Sink, t: Template): Fix[] {
  if (sink.via === 'dash-c') return [];
  // The command is written right here, or assigned once to a variable used only by this call.
  const direct = unparen(sink.command);
  if (t.segments.length !== 1 || !t.linear) return [];
  const segment = t.segments[0]!;
  const viaVariable = direct.type === 'identifier' && countReferences(direct) === 2;
  if (segment.id !== direct.id && !viaVariable) return [];
  const inside = (n: SyntaxNode | undefined): boolean => !!n && segment.startIndex <= n.startIndex && n.endIndex <= segment.endIndex;
  if (!t.parts.every((p) => (p.kind === 'dyn' ? inside(p.node) : true))) return [];
  const ws = words(t);
  if (!ws) return [];
  const items: string[] = [];
  for (const w of ws) {
    const text = renderWord(w, ctx);
    if (!text) return [];
    items.push(text);
  }
  const edits: TextEdit[] = [];
  let list = `[${items.join(', ')}]`;
  let spread = items.join(', ');
  if (viaVariable) {
    edits.push({ start: segment.startIndex, end: segment.endIndex, text: list });
    list = direct.text;
    spread = `*${direct.text}`;
  }
  if (sink.via === 'shell-kw') {
    const shell = keywordArg(sink.call, 'shell')?.parent;
    if (!shell || sink.command.id !== (positionalArgs(sink.call)[0] ?? keywordArg(sink.call, 'args'))?.id) return [];
    if (!viaVariable) edits.push({ start: sink.command.startIndex, end: sink.command.endIndex, text: list });
    edits.push(removeArgument(shell));
    return [fileFix(ctx, 'Run an argument list without a shell', edits, { preferred: true })];
  }
  if (sink.name === 'os.system') {
    const args = named(sink.call.childForFieldName('arguments')).filter((a) => a.type !== 'comment');
    if (args.length !== 1) return [];
    const used = sink.call.parent?.type !== 'expression_statement';
    edits.push({ start: sink.call.startIndex, end: sink.call.endIndex, text: `subprocess.run(${list}, check=False)${used ? '.returncode' : ''}` });
    return [fileFix(ctx, 'Run an argument list with subprocess.run, without a shell', edits, { preferred: true, imports: [{ module: 'subprocess' }] })];
  }
  if (sink.name === 'asyncio.create_subprocess_shell') {
    const fn = sink.call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'create_subprocess_shell') return [];
    if (positionalArgs(sink.call)[0]?.id !== sink.command.id) return [];
    const attr = fn.childForFieldName('attribute')!;
    edits.push({ start: attr.startIndex, end: attr.endIndex, text: 'create_subprocess_exec' });
    edits.push({ start: sink.command.startIndex, end: sink.command.endIndex, text: spread });
    return [fileFix(ctx, 'Start the program with create_subprocess_exec, without a shell', edits, { preferred: true })];
  }
  return [];
}

/** Delete one argument with the comma that separates it from its neighbour. */
function removeArgument(arg: SyntaxNode): TextEdit {
  const list = arg.parent!;
  const children = list.children.filter((c): c is SyntaxNode => c !== null);
  const i = children.findIndex((c) => c.id === arg.id);
  const prev = children[i - 1];
  const next = children[i + 1];
  if (prev?.type === ',') {
    const before = children[i - 2];
    return { start: before ? before.endIndex : prev.startIndex, end: arg.endIndex, text: '' };
  }
  if (next?.type === ',') {
    const after = children[i + 2];
    return { start: arg.startIndex, end: after && after.type !== ')' ? after.startIndex : next.endIndex, text: '' };
  }
  return { start: arg.startIndex, end: arg.endIndex, text: '' };
}

export const rule: Rule = {
  id: 'command-injection',
  title: 'Shell command built from non-constant text',
  defaultSeverity: 'error',
  // Every sink's qualified name starts with one of these modules (or ends in `.subprocess_shell`).
  applies: (source, path) => /\b(?:os|subprocess|asyncio|commands)\b|subprocess_shell/.test(source) && !DEVELOPER_TOOLING.test(path),
  visit: { call: check },
};
