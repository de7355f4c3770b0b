// Reading and extending an existing TypeScript module without reprinting it:
// ts-morph parses the text, and every change is an offset edit computed from
// node positions, so the user's formatting, comments and line endings stay as
// they were. Imports are merged into an existing declaration from the same
// module when there is one, else added as new lines after the imports.
// ts-morph itself is loaded on first use (src/core/parse/tsMorph.ts).
import type * as TsMorph from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { TextEdit } from '../plan/editPlan';
import { tsMorph } from '../parse/tsMorph';

export type TsMorphModule = typeof TsMorph;

export interface ParsedTs {
  readonly morph: TsMorphModule;
  readonly file: SourceFile;
  readonly text: string;
}

/** Parse a module's text (BOM and CRLF kept: offsets are offsets into `text`). */
let project: TsMorph.Project | undefined;

export async function parseTs(path: string, text: string): Promise<ParsedTs> {
  const morph = tsMorph();
  // One in-memory project, a file per path (re-parsing a path replaces it): no program, no type checking.
  project ??= new morph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true } });
  const file = project.createSourceFile(path.replace(/^\/*/, '/'), text, { overwrite: true });
  return { morph, file, text };
}

/** The first syntax error of a module's text, 1-based, or undefined. */
export async function firstTsSyntaxError(path: string, text: string): Promise<{ line: number; column: number; message: string } | undefined> {
  const morph = tsMorph();
  const ts = morph.ts;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, path.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly { start?: number; messageText: string | { messageText: string } }[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const at = sf.getLineAndCharacterOfPosition(first.start ?? 0);
  const message = typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText;
  return { line: at.line + 1, column: at.character + 1, message };
}

/** How the module writes code: line ending, quote, semicolons, one indentation level. */
export interface TsStyle {
  readonly eol: '\n' | '\r\n';
  readonly quote: "'" | '"';
  readonly semi: boolean;
  readonly indent: string;
}

/** Read the style from the text (majority votes; defaults: LF, single quotes, semicolons, two spaces). */
export function tsStyle(parsed: ParsedTs): TsStyle {
  const { morph, file, text } = parsed;
  const K = morph.SyntaxKind;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let single = 0;
  let double = 0;
  for (const literal of file.getDescendantsOfKind(K.StringLiteral)) {
    if (literal.getText().startsWith('"')) double++;
    else single++;
  }
  let withSemi = 0;
  let without = 0;
  for (const statement of file.getStatements()) {
    if (!morph.Node.isImportDeclaration(statement) && !morph.Node.isExpressionStatement(statement) && !morph.Node.isVariableStatement(statement)) continue;
    if (statement.getText().trimEnd().endsWith(';')) withSemi++;
    else without++;
  }
  // The smallest indentation of an indented code line is one level.
  let indent: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const lead = /^([ \t]+)\S/.exec(line)?.[1];
    if (!lead || /^\s*(\*|\/\/)/.test(line)) continue;
    if (lead.startsWith('\t')) {
      indent = '\t';
      break;
    }
    if (indent === undefined || lead.length < indent.length) indent = lead;
  }
  return { eol, quote: double > single ? '"' : "'", semi: withSemi >= without, indent: indent ?? '  ' };
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The offset just after the end of the line holding `offset` (after its newline), or the text's end. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** A string literal in the module's quote style. */
export function tsString(value: string, style: TsStyle): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n') + q;
}

/** Names bound at the top level of a module (imports, declarations), for collision checks. */
export function topLevelNames(parsed: ParsedTs): Set<string> {
  const { morph, file } = parsed;
  const names = new Set<string>();
  for (const declaration of file.getImportDeclarations()) {
    const clause = declaration.getImportClause();
    const def = clause?.getDefaultImport();
    if (def) names.add(def.getText());
    const ns = declaration.getNamespaceImport();
    if (ns) names.add(ns.getText());
    for (const named of declaration.getNamedImports()) names.add((named.getAliasNode() ?? named.getNameNode()).getText());
  }
  for (const statement of file.getStatements()) {
    if (morph.Node.isVariableStatement(statement)) {
      for (const d of statement.getDeclarations()) {
        const nameNode = d.getNameNode();
        if (morph.Node.isIdentifier(nameNode)) names.add(nameNode.getText());
        else for (const id of nameNode.getDescendantsOfKind(morph.SyntaxKind.Identifier)) names.add(id.getText());
      }
    } else if (morph.Node.isFunctionDeclaration(statement) || morph.Node.isClassDeclaration(statement) || morph.Node.isEnumDeclaration(statement)) {
      const name = statement.getName();
      if (name) names.add(name);
    } else if (morph.Node.isTypeAliasDeclaration(statement) || morph.Node.isInterfaceDeclaration(statement)) {
      names.add(statement.getName());
    }
  }
  return names;
}

/** `../schemas/book` for a module at `to` imported from `from` (project paths); `.js` appended when the module's imports carry it. */
export function relativeSpecifier(from: string, to: string, withJs: boolean): string {
  const fromDir = from.split('/').slice(0, -1);
  const target = to.replace(/\.(ts|tsx|mts|cts|js)$/, '').split('/');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  const up = fromDir.length - common;
  const rest = target.slice(common).join('/');
  return `${up === 0 ? './' : '../'.repeat(up)}${rest}${withJs ? '.js' : ''}`;
}

/** The project path a relative specifier of module `from` points at (without extension), or undefined for packages. */
export function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.replace(/\.(js|ts|mjs|cjs)$/, '').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Does the module write its relative imports with a `.js` extension (ESM under node16)? */
export function importsUseJs(parsed: ParsedTs): boolean {
  return parsed.file.getImportDeclarations().some((d) => /^\.\.?\/.*\.js$/.test(d.getModuleSpecifierValue()));
}

/** One name a module needs from another, and how the code will refer to it. */
export interface ImportNeed {
  /** A package (`zod`), or with `project` a project path without extension (`src/schemas/book`). */
  readonly module: string;
  readonly project?: boolean;
  readonly name: string;
  /** For zod: `import * as z` / `import z` bind the name itself. */
  readonly namespaceIsName?: boolean;
}

/**
 * Plan the imports a module needs. Returns how each need is referred to in
 * code (`BookCreate`, `schemas.BookCreate`, `zod`) and the edits (merged into
 * existing declarations, or new lines after the last import).
 */
export function planImports(parsed: ParsedTs, path: string, needs: readonly ImportNeed[], style: TsStyle): { refs: Map<string, string>; edits: TextEdit[] } {
  const { file, text } = parsed;
  const refs = new Map<string, string>();
  const edits: TextEdit[] = [];
  const bound = topLevelNames(parsed);
  const declarations = file.getImportDeclarations();
  const withJs = importsUseJs(parsed);
  const sameModule = (specifier: string, module: string) => {
    const resolved = resolveSpecifier(path, specifier);
    return resolved !== undefined ? resolved === module || resolved === `${module}/index` : specifier === module || specifier.replace(/\/v\d+$/, '') === module;
  };
  const newLines = new Map<string, string[]>();
  const appended = new Map<number, string[]>();
  for (const need of needs) {
    const key = `${need.module}#${need.name}`;
    if (refs.has(key)) continue;
    const candidates = declarations.filter((d) => !d.isTypeOnly() && sameModule(d.getModuleSpecifierValue(), need.module));
    let ref: string | undefined;
    for (const d of candidates) {
      const named = d.getNamedImports().find((n) => n.getName() === need.name && !n.isTypeOnly());
      if (named) ref = (named.getAliasNode() ?? named.getNameNode()).getText();
      const ns = d.getNamespaceImport()?.getText();
      if (!ref && ns) ref = need.namespaceIsName ? ns : `${ns}.${need.name}`;
      const def = d.getDefaultImport()?.getText();
      if (!ref && def && need.namespaceIsName) ref = def;
      if (ref) break;
    }
    if (!ref) {
      if (bound.has(need.name)) {
        throw new Error(`${path} already binds ${need.name} to something else; import it under that name by hand, then run again`);
      }
      ref = need.name;
      bound.add(need.name);
      const target = candidates.find((d) => d.getNamedImports().length > 0) ?? candidates.find((d) => d.getDefaultImport() && !d.getNamespaceImport());
      if (target) {
        const named = target.getNamedImports();
        if (named.length > 0) {
          const last = named[named.length - 1]!;
          appended.set(last.getEnd(), [...(appended.get(last.getEnd()) ?? []), need.name]);
        } else {
          const def = target.getDefaultImport()!;
          edits.push({ start: def.getEnd(), end: def.getEnd(), text: `, { ${need.name} }` });
        }
      } else {
        const specifier = need.project ? relativeSpecifier(path, need.module, withJs) : need.module;
        newLines.set(specifier, [...(newLines.get(specifier) ?? []), need.name]);
      }
    }
    refs.set(key, ref);
  }
  for (const [at, names] of appended) {
    // `{ a, b }` -> `{ a, b, c }`; a multi-line list with a trailing comma gets one line per name.
    const after = text.slice(at, text.indexOf('}', at));
    const trailingComma = /^\s*,/.test(after);
    const multiline = after.includes('\n');
    if (trailingComma && multiline) {
      const comma = text.indexOf(',', at) + 1;
      const itemIndent = indentAt(text, at);
      edits.push({ start: comma, end: comma, text: names.map((n) => `${style.eol}${itemIndent}${n},`).join('') });
    } else edits.push({ start: at, end: at, text: names.map((n) => `, ${n}`).join('') });
  }
  // New lines: package imports after the last package import, project imports after the last import.
  const packageLines = [...newLines].filter(([specifier]) => !specifier.startsWith('.'));
  const projectLines = [...newLines].filter(([specifier]) => specifier.startsWith('.'));
  const semi = style.semi ? ';' : '';
  const render = (group: [string, string[]][]) => group.map(([specifier, names]) => `import { ${names.join(', ')} } from ${tsString(specifier, style)}${semi}`);
  const lastOf = (list: typeof declarations) => list[list.length - 1];
  const lastPackage = lastOf(declarations.filter((d) => !d.getModuleSpecifierValue().startsWith('.')));
  const firstProject = declarations.find((d) => d.getModuleSpecifierValue().startsWith('.'));
  const insertions: { at: number; lines: string[] }[] = [];
  if (packageLines.length > 0) {
    if (lastPackage) insertions.push({ at: lineEnd(text, lastPackage.getEnd()), lines: render(packageLines) });
    else if (firstProject) insertions.push({ at: text.lastIndexOf('\n', firstProject.getStart() - 1) + 1, lines: render(packageLines) });
  }
  const rest = [...(packageLines.length > 0 && (lastPackage || firstProject) ? [] : packageLines), ...projectLines];
  const last = lastOf(declarations);
  if (rest.length > 0 && last) insertions.push({ at: lineEnd(text, last.getEnd()), lines: render(rest) });
  for (const { at, lines } of insertions) {
    const needsEol = at === text.length && !text.endsWith('\n');
    edits.push({ start: at, end: at, text: `${needsEol ? style.eol : ''}${lines.join(style.eol)}${style.eol}` });
  }
  if (rest.length > 0 && !last) {
    // Before the first statement (after a header comment, a shebang or directives).
    const first = file.getStatements().find((s) => !(parsed.morph.Node.isExpressionStatement(s) && parsed.morph.Node.isStringLiteral(s.getExpression())));
    const at = first ? first.getStart() : text.length;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    edits.push({ start: lineStart, end: lineStart, text: `${render(rest).join(style.eol)}${style.eol}${first ? style.eol : ''}` });
  }
  return { refs, edits };
}
