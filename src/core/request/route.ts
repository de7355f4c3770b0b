// What `add route` asks for: an HTTP method, a path relative to the router's
// prefix (its `{parameters}` become function parameters) and a function
// name. Validated with zod like the field spec, so the CLI and the input
// boxes explain a bad path the same way: what is wrong, token and column.
import { z } from 'zod';
import { SpecError } from './fields';
import { PYTHON_KEYWORDS } from './names';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const HttpMethodSchema = z.enum(HTTP_METHODS, { error: () => `method must be one of ${HTTP_METHODS.join(', ')}` });

export interface PathParam {
  readonly name: string;
  /** The Python annotation: `int` for `id`/`*_id`, else `str`. */
  readonly type: 'int' | 'str';
}

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** Names the generated handler uses: a path parameter with one of them would shadow it. */
const HANDLER_NAMES: ReadonlyMap<string, string> = new Map([
  ['status', "fastapi's status codes"],
  ['repo', 'the repository parameter'],
  ['router', 'the module\'s router'],
  ['get_current_user', 'the auth dependency'],
]);

/**
 * How one framework writes and names path parameters. FastAPI (the default)
 * writes `{item_id}`; Express writes `:itemId` and also takes `{itemId}` as
 * input (converted), so a path typed either way is checked by the same parser.
 */
export interface PathDialect {
  /** A parameter as this framework writes it, for messages: `{item_id}` / `:itemId`. */
  readonly show: (name: string) => string;
  readonly namePattern: RegExp;
  readonly nameHelp: string;
  readonly keywords: ReadonlySet<string>;
  /** "a Python keyword", "a TypeScript reserved word". */
  readonly keywordLabel: string;
  /** Names the generated handler uses, with what they are. */
  readonly shadowed: ReadonlyMap<string, string>;
  /** Segments written `:name` are parameters too. */
  readonly colonParams: boolean;
  /** `{name:path}` converters are allowed. */
  readonly converters: boolean;
}

export const FASTAPI_PATHS: PathDialect = {
  show: (name) => `{${name}}`,
  namePattern: /^[a-z_][a-z0-9_]*$/,
  nameHelp: 'use a lower snake_case name, e.g. {item_id}',
  keywords: PYTHON_KEYWORDS,
  keywordLabel: 'a Python keyword',
  shadowed: HANDLER_NAMES,
  colonParams: false,
  converters: true,
};

/** Check a route path (`""`, `/`, `/{item_id}/tags/{tag}`); returns its parameters or throws SpecError. */
export function parseRoutePath(path: string, dialect: PathDialect = FASTAPI_PATHS): PathParam[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new SpecError('a route path starts with "/" (or is empty for the router\'s prefix itself)', path, 0);
  const params: PathParam[] = [];
  let offset = 1;
  const segments = path.slice(1).split('/');
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === '' && !(last && i > 0) && path !== '/') throw new SpecError('empty path segment ("//"); remove the extra slash', path.slice(offset - 1, offset + 1), offset - 1);
    if (segment === '') break;
    const param = /^\{(.*)\}$/.exec(segment) ?? (dialect.colonParams ? /^:(.*)$/.exec(segment) : null);
    if (param) {
      const [name, converter] = (param[1] ?? '').split(':');
      if (!name || !dialect.namePattern.test(name)) {
        throw new SpecError(`invalid path parameter "${param[1]}"; ${dialect.nameHelp}`, segment, offset);
      }
      if (dialect.keywords.has(name)) throw new SpecError(`path parameter "${name}" is ${dialect.keywordLabel}; rename it`, segment, offset);
      const shadowed = dialect.shadowed.get(name);
      if (shadowed) throw new SpecError(`path parameter "${name}" would shadow ${shadowed} in the handler; rename it, e.g. ${dialect.show(`${name}_value`)}`, segment, offset);
      if (converter !== undefined && (converter !== 'path' || !dialect.converters)) {
        throw new SpecError(dialect.converters ? `unsupported converter ":${converter}"; only {${name}:path} is supported` : `path parameter "${param[1]}" has a converter; write ${dialect.show(name)}`, segment, offset);
      }
      if (params.some((p) => p.name === name)) throw new SpecError(`path parameter "${name}" appears twice`, segment, offset);
      params.push({ name, type: converter === undefined && (name === 'id' || name.endsWith('_id') || (dialect.colonParams && /[a-z0-9]Id$/.test(name))) ? 'int' : 'str' });
    } else if (segment.includes('{') || segment.includes('}') || (dialect.colonParams && segment.includes(':'))) {
      throw new SpecError(`a path parameter must fill a whole segment, e.g. /${dialect.show('slug')}`, segment, offset);
    } else if (!SEGMENT.test(segment)) {
      throw new SpecError(`path segment "${segment}" may use only letters, digits, and . _ ~ -`, segment, offset);
    }
    offset += segment.length + 1;
  }
  return params;
}

/** A zod schema for a route path, for live validation: the issue carries token and column. */
export const routePathSchema = z.string().transform((path, ctx) => {
  try {
    return parseRoutePath(path.trim());
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.describe(), params: { token: error.token, offset: error.offset } });
    return z.NEVER;
  }
});

/** A Python function name for a handler. */
export const functionNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_]*$/, { message: 'use a lower snake_case Python name, e.g. list_book_tags' })
  .refine((n) => !PYTHON_KEYWORDS.has(n), { message: 'that is a Python keyword; pick another name' });

/** `get` + the path's fixed segments: `GET /{book_id}/tags/{tag}` -> `get_tags`; `fallback` when there are none. */
export function defaultFunctionName(method: HttpMethod, path: string, fallback: string): string {
  const words = path
    .split('/')
    .filter((s) => s !== '' && !s.startsWith('{'))
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter(Boolean);
  return `${method.toLowerCase()}_${words.length ? words.join('_') : fallback}`;
}
