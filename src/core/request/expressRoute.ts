// What `add route` asks for in an Express router: the same path checks as
// FastAPI (src/core/request/route.ts, one parser) with Express's own dialect:
// parameters are written `:id`, but `{id}` is accepted and converted, names
// are JavaScript identifiers and must not be TypeScript reserved words or the
// names the generated handler binds.
import { z } from 'zod';
import { SpecError } from './fields';
import { TYPESCRIPT_RESERVED_WORDS } from './names';
import { parseRoutePath, type PathDialect, type PathParam } from './route';

/** Names an added Express handler binds or reads: a path parameter with one of them would shadow it. */
const EXPRESS_HANDLER_NAMES: ReadonlyMap<string, string> = new Map([
  ['req', 'the request'],
  ['res', 'the response'],
  ['next', 'the next function'],
  ['body', 'the parsed body'],
  ['router', "the module's router"],
  ['auth', 'the auth middleware'],
  ['z', "zod's z"],
]);

export const EXPRESS_PATHS: PathDialect = {
  show: (name) => `:${name}`,
  namePattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  nameHelp: 'use a JavaScript identifier, e.g. :bookId or :slug',
  keywords: TYPESCRIPT_RESERVED_WORDS,
  keywordLabel: 'a TypeScript reserved word',
  shadowed: EXPRESS_HANDLER_NAMES,
  colonParams: true,
  converters: false,
};

export interface ExpressPath {
  /** The path as Express writes it: `/:bookId/tags/:tag` (`/` for the router's root). */
  readonly path: string;
  /** Parameters in order; `int` for `id`, `*_id` and `*Id` (coerced to a number), else `str`. */
  readonly params: readonly PathParam[];
}

/** Check an Express route path written with `:param` or `{param}`; throws SpecError. */
export function parseExpressPath(raw: string): ExpressPath {
  const trimmed = raw.trim();
  const params = parseRoutePath(trimmed, EXPRESS_PATHS);
  const path = trimmed === '' ? '/' : trimmed.replace(/\{([^}/]*)\}/g, ':$1');
  return { path, params };
}

/** A zod schema for an Express route path, for live validation (the issue carries token and column). */
export const expressPathSchema = z.string().transform((path, ctx) => {
  try {
    return parseExpressPath(path);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.describe(), params: { token: error.token, offset: error.offset } });
    return z.NEVER;
  }
});
