// Logging in TypeScript/JavaScript quick fixes: which logger a fix should
// call at a given place (the class's `this.logger`, the file's `logger`/`log`,
// else `console`), how to write an error log line for it, and the line
// layout helpers fixes share (indentation, line starts).
import type { SyntaxNode } from '../../parse/python';
import { named, type TsFile } from './tsfile';

export interface TsLogger {
  /** `this.logger`, `logger`, `log`, `console`. */
  readonly expr: string;
  /** pino/fastify loggers take the error object first: `logger.error({ err }, 'msg')`. */
  readonly errorFirst: boolean;
}

const LOGGER_NAMES = ['logger', 'log', 'LOGGER', 'LOG'];
const LOGGER_MODULES = /^(pino|winston|bunyan|log4js|loglevel|signale|consola|roarr|@nestjs\/common\.Logger|tslog|debug)(\.|$)/;
const ERROR_FIRST = /^(pino|bunyan|fastify)(\.|$)/;

/** A logger bound at the top of the file or imported under a logger-like name. */
function fileLogger(file: TsFile): TsLogger | undefined {
  for (const name of LOGGER_NAMES) {
    const imported = file.imports.get(name);
    if (imported !== undefined) return { expr: name, errorFirst: ERROR_FIRST.test(imported) || /pino/i.test(imported) };
    const bound = file.bindings(file.tree.rootNode, name)[0];
    if (bound && bound.type !== 'function_declaration') {
      const origin = file.origin(bound) ?? '';
      if (origin === '' || LOGGER_MODULES.test(origin) || /log/i.test(origin)) return { expr: name, errorFirst: ERROR_FIRST.test(origin) };
    }
  }
  return undefined;
}

/** The logger a statement at `at` should use: `this.logger` in a class that has one, the file's logger, else `console`. */
export function loggerAt(file: TsFile, at: SyntaxNode): TsLogger {
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === 'class_body') {
      for (const member of named(p)) {
        if (member.type !== 'public_field_definition' && member.type !== 'field_definition') continue;
        const name = member.childForFieldName('name')?.text ?? member.childForFieldName('property')?.text;
        if (name && /^(logger|log|_logger)$/.test(name)) return { expr: `this.${name}`, errorFirst: /pino|bunyan/i.test(member.text) };
      }
      // Constructor-injected loggers: `constructor(private readonly logger: Logger)`.
      const ctor = named(p).find((m) => m.type === 'method_definition' && m.childForFieldName('name')?.text === 'constructor');
      const param = ctor ? /\b(?:private|public|protected|readonly)\s+(?:readonly\s+)?(logger|log)\s*:\s*([\w.]+)/.exec(ctor.childForFieldName('parameters')?.text ?? '') : null;
      if (param) return { expr: `this.${param[1]}`, errorFirst: /pino|bunyan/i.test(param[2]!) };
      break;
    }
  }
  return fileLogger(file) ?? { expr: 'console', errorFirst: false };
}

/** `logger.error('msg', err)` or, for pino-style loggers, `logger.error({ err }, 'msg')`. */
export function errorLog(logger: TsLogger, message: string, err: string | undefined, quote: string): string {
  const msg = `${quote}${message.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
  if (!err) return `${logger.expr}.error(${msg})`;
  if (logger.errorFirst) return `${logger.expr}.error(${err === 'err' ? '{ err }' : `{ err: ${err} }`}, ${msg})`;
  return `${logger.expr}.error(${msg}, ${err})`;
}

/** The quote style of the file: single unless the file prefers double quotes. */
export function quoteOf(source: string): string {
  const single = (source.match(/'/g) ?? []).length;
  const double = (source.match(/"/g) ?? []).length;
  return double > single ? '"' : "'";
}

/** Whether statements end with `;` in this file (most do). */
export function semicolonOf(source: string): string {
  const lines = source.split('\n').map((l) => l.trimEnd()).filter((l) => /^\s*(const|let|return|await|throw)\b/.test(l));
  if (lines.length === 0) return ';';
  const withSemi = lines.filter((l) => l.endsWith(';')).length;
  return withSemi * 2 >= lines.length ? ';' : '';
}

export function lineStartOf(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

/** The indentation of the line holding `index`. */
export function indentAt(source: string, index: number): string {
  return /^[ \t]*/.exec(source.slice(lineStartOf(source, index)))![0];
}

/** One indentation step, guessed from the file. */
export function indentUnitOf(source: string): string {
  if (/^\t/m.test(source)) return '\t';
  const m = /^( +)\S/m.exec(source);
  return m && m[1]!.length === 4 && !/^ {2}\S/m.test(source) ? '    ' : '  ';
}

/** A readable label for log lines: `createUser failed`, else `request failed`. */
export function failureLabel(node: SyntaxNode): string {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_definition' || p.type === 'generator_function_declaration') {
      const name = p.childForFieldName('name')?.text;
      if (name && name !== 'constructor') return `${name} failed`;
    }
    if ((p.type === 'arrow_function' || p.type === 'function_expression') && p.parent?.type === 'variable_declarator') {
      const name = p.parent.childForFieldName('name')?.text;
      if (name && /^\w+$/.test(name)) return `${name} failed`;
    }
    if (p.type === 'pair' && (p.childForFieldName('value')?.type === 'arrow_function' || p.childForFieldName('value')?.type === 'function_expression')) {
      const name = p.childForFieldName('key')?.text;
      if (name && /^\w+$/.test(name)) return `${name} failed`;
    }
  }
  return 'unexpected error';
}
