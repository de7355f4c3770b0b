// Building blocks for TypeScript quick fixes: edits to the analysed file
// plus the imports they need (merged into an existing import from the same
// module, else a new import after the last one; `require` style in CommonJS
// files), packed into one EditPlan so a fix is one undo step.
import type { EditPlan, FileChange, TextEdit } from '../../plan/editPlan';
import { mergeSamePoint } from '../fixes';
import type { Fix, TsRuleContext } from '../types';
import { literalString, named, normalizeModule } from './tsfile';

export interface TsFixImport {
  readonly module: string;
  /** A named import (`import { name } from 'module'`); omitted with `default`/`namespace` for the module itself. */
  readonly name?: string;
  /** The local name for a default or namespace import (`import crypto from 'node:crypto'`). */
  readonly local?: string;
  readonly namespace?: boolean;
}

/** A fix editing the analysed file, adding any imports it needs; extra changes may edit other files. */
export function tsFileFix(ctx: TsRuleContext, title: string, edits: readonly TextEdit[], options: { imports?: readonly TsFixImport[]; preferred?: boolean; extra?: readonly FileChange[] } = {}): Fix {
  const plan: EditPlan = {
    changes: [{ kind: 'modify', path: ctx.path, original: ctx.source, edits: mergeSamePoint([...edits, ...tsImportEdits(ctx, options.imports ?? [])]) }, ...(options.extra ?? [])],
    notes: [],
  };
  return { title, plan, preferred: options.preferred };
}

/** The import edits alone, each once; nothing for names the file already binds. */
export function tsImportEdits(ctx: TsRuleContext, imports: readonly TsFixImport[]): TextEdit[] {
  const out: TextEdit[] = [];
  const eol = ctx.source.includes('\r\n') ? '\r\n' : '\n';
  const quote = /from\s+"/.test(ctx.source) && !/from\s+'/.test(ctx.source) ? '"' : "'";
  const commonJs = !/^\s*import\s/m.test(ctx.source) && /\brequire\s*\(/.test(ctx.source);
  const statements = named(ctx.tree.rootNode).filter((n) => n.type === 'import_statement');
  const pendingNames = new Map<string, string[]>();
  const newLines: string[] = [];
  for (const imp of imports) {
    const module = imp.module;
    const local = imp.local ?? imp.name ?? module;
    const bound = ctx.ts.imports.get(local);
    if (bound !== undefined && normalizeModule(bound) === normalizeModule(imp.name ? `${module}.${imp.name}` : module)) continue;
    if (imp.name) {
      const existing = statements.find((s) => normalizeModule(literalString(s.childForFieldName('source')!) ?? '') === normalizeModule(module) && named(named(s).find((c) => c.type === 'import_clause')).some((c) => c.type === 'named_imports'));
      if (existing) {
        const list = pendingNames.get(String(existing.id)) ?? [];
        if (!list.includes(imp.name)) list.push(imp.name);
        pendingNames.set(String(existing.id), list);
        continue;
      }
      const line = commonJs ? `const { ${imp.name} } = require(${quote}${module}${quote});` : `import { ${imp.name} } from ${quote}${module}${quote};`;
      if (!newLines.includes(line)) newLines.push(line);
    } else {
      const line = commonJs
        ? `const ${local} = require(${quote}${module}${quote});`
        : imp.namespace
          ? `import * as ${local} from ${quote}${module}${quote};`
          : `import ${local} from ${quote}${module}${quote};`;
      if (!newLines.includes(line)) newLines.push(line);
    }
  }
  for (const [id, names] of pendingNames) {
    const statement = statements.find((s) => String(s.id) === id)!;
    const specs = named(named(statement).find((c) => c.type === 'import_clause')).find((c) => c.type === 'named_imports')!;
    const last = named(specs).filter((c) => c.type === 'import_specifier').at(-1);
    if (last) out.push({ start: last.endIndex, end: last.endIndex, text: names.map((n) => `, ${n}`).join('') });
    else out.push({ start: specs.startIndex + 1, end: specs.startIndex + 1, text: ` ${names.join(', ')} ` });
  }
  if (newLines.length > 0) {
    const anchor = statements.at(-1) ?? lastRequire(ctx);
    if (anchor) {
      const lineEnd = ctx.source.indexOf('\n', anchor.endIndex);
      const at = lineEnd < 0 ? ctx.source.length : lineEnd + 1;
      const lead = lineEnd < 0 ? eol : '';
      out.push({ start: at, end: at, text: lead + newLines.map((l) => l + eol).join('') });
    } else {
      // After a leading comment block / shebang / 'use strict', else at the top.
      const header = /^(#![^\n]*\n)?((\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*\n)?(\s*['"]use strict['"];?[^\n]*\n)?/.exec(ctx.source)?.[0] ?? '';
      out.push({ start: header.length, end: header.length, text: newLines.map((l) => l + eol).join('') + (header.length > 0 ? '' : eol) });
    }
  }
  return out;
}

/** The last top-level `const x = require('m')` statement. */
function lastRequire(ctx: TsRuleContext) {
  return named(ctx.tree.rootNode)
    .filter((n) => (n.type === 'lexical_declaration' || n.type === 'variable_declaration') && /^\s*(const|let|var)\s[^=]*=\s*require\s*\(/.test(n.text))
    .at(-1);
}
