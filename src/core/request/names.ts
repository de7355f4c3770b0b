// Naming for a resource: one user-facing name (e.g. "OrderLine") becomes the
// Python class, module, table, URL path and test names used by every emitter.

/** Python keywords and soft keywords that cannot be used as identifiers. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  'match', 'case', 'type', '_',
]);

/**
 * JavaScript/TypeScript reserved words (and the strict-mode ones): the
 * Express target refuses them as field names, as FastAPI refuses Python keywords.
 */
export const TYPESCRIPT_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  'arguments', 'eval', 'undefined', 'constructor', 'prototype',
]);

/** The framework generated code targets; some names are reserved in one language only. */
export type Target = 'fastapi' | 'express';

export interface ResourceNames {
  /** PascalCase class name: `OrderLine`. */
  readonly className: string;
  /** snake_case singular, module and variable name: `order_line`. */
  readonly snake: string;
  /** snake_case plural, table and router module name: `order_lines`. */
  readonly snakePlural: string;
  /** kebab-case plural URL segment: `order-lines`. */
  readonly kebabPlural: string;
  /** PascalCase plural, list DTO stem: `OrderLines`. */
  readonly classPlural: string;
  /** Human words for summaries: `order line` / `order lines`. */
  readonly words: string;
  readonly wordsPlural: string;
}

/** Split `OrderLine`, `order_line`, `order-line`, `orderLine` into lower-case words. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const IRREGULAR: Record<string, string> = {
  person: 'people', child: 'children', man: 'men', woman: 'women', mouse: 'mice', goose: 'geese',
  foot: 'feet', tooth: 'teeth', criterion: 'criteria', datum: 'data', index: 'indexes', status: 'statuses',
  quiz: 'quizzes', ox: 'oxen', leaf: 'leaves', life: 'lives', knife: 'knives', wife: 'wives', half: 'halves',
};
const UNCOUNTABLE = new Set(['equipment', 'information', 'news', 'series', 'species', 'sheep', 'fish', 'data', 'metadata', 'feedback', 'software', 'media']);

/** English plural of one lower-case word (good enough for resource names). */
export function pluralize(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/.test(word)) return word + 'es';
  if (/[^aeiou]o$/.test(word) && !/(photo|piano|memo|logo|video|radio|studio|demo|zero)$/.test(word)) return word + 'es';
  return word + 's';
}

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export function resourceNames(name: string): ResourceNames {
  const words = splitWords(name);
  const pluralWords = [...words.slice(0, -1), pluralize(words[words.length - 1] ?? '')];
  return {
    className: words.map(capitalize).join(''),
    snake: words.join('_'),
    snakePlural: pluralWords.join('_'),
    kebabPlural: pluralWords.join('-'),
    classPlural: pluralWords.map(capitalize).join(''),
    words: words.join(' '),
    wordsPlural: pluralWords.join(' '),
  };
}

export function toSnake(name: string): string {
  return splitWords(name).join('_');
}
