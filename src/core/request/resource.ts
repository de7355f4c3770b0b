// What a user asks for, validated with zod: the CLI flags and the VS Code
// input boxes run the same schemas, so errors read the same everywhere.
import { z } from 'zod';
import { parseFieldSpec, SpecError, type FieldSpec } from './fields';
import { PYTHON_KEYWORDS, resourceNames, TYPESCRIPT_RESERVED_WORDS, type ResourceNames, type Target } from './names';

export const AUTH_MODES = ['writes', 'all', 'none'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
export const AuthModeSchema = z.enum(AUTH_MODES, { error: () => 'auth must be one of writes, all, none' });
/**
 * A resource may also be `admin`: reads as with `writes`, every write for superusers only.
 * Routes (`add route --auth`) and the editor's default stay with the three above.
 */
export const RESOURCE_AUTH_MODES = [...AUTH_MODES, 'admin'] as const;
export type ResourceAuthMode = (typeof RESOURCE_AUTH_MODES)[number];
export const ResourceAuthModeSchema = z.enum(RESOURCE_AUTH_MODES, { error: () => 'auth must be one of writes, all, none, admin' });
/** The column that ties an owned row to its user: set from the token, never from the body. */
export const OWNER_FIELD = 'owner_id';

/** Class names the generated modules already import or define. */
const RESERVED_CLASS_NAMES = new Set([
  'Base', 'Settings', 'Session', 'AsyncSession', 'Annotated', 'Any', 'Literal', 'Depends', 'HTTPException', 'Query',
  'Path', 'Response', 'Request', 'APIRouter', 'FastAPI', 'Field', 'BaseModel', 'ConfigDict', 'Mapped', 'Decimal',
  'Repository', 'Token', 'Health', 'Auth', 'App', 'Model', 'Status', 'Date', 'Datetime', 'Uuid', 'Json', 'Text',
  'String', 'Integer', 'Boolean', 'Float', 'Numeric', 'ForeignKey', 'List', 'Dict', 'Type', 'Error', 'ErrorMessage',
]);

/** Module names the skeleton uses under app/ (models, schemas, repositories, routers). */
const RESERVED_MODULES = new Set(['common', 'base', 'auth', 'main', 'settings', 'db', 'deps', 'errors', 'security', 'middleware', 'rate_limit']);

/** Validate a resource name; returns its derived names or throws SpecError. */
export function checkResourceName(raw: string, target: Target = 'fastapi'): ResourceNames {
  const trimmed = raw.trim();
  if (trimmed === '') throw new SpecError('missing resource name, e.g. Book or OrderLine', raw, 0);
  // Messages echo the name; a pasted paragraph is cut so the message stays one readable line.
  const name = trimmed.length > 60 ? `${trimmed.slice(0, 40)}…` : trimmed;
  if (trimmed.length > 200) throw new SpecError(`resource name "${name}" is too long (${trimmed.length} characters; 50 at most)`, name, 0);
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(trimmed)) {
    throw new SpecError(`invalid resource name "${name}"; use letters and digits, e.g. Book or OrderLine`, name, 0);
  }
  const names = resourceNames(trimmed);
  if (names.snake.length > 50) throw new SpecError(`resource name "${name}" is too long (50 characters at most)`, name, 0);
  // None/True/False are not keywords in snake_case but are as a class name.
  if (PYTHON_KEYWORDS.has(names.className)) throw new SpecError(`resource name "${name}" becomes the Python constant ${names.className} as a class name; pick another name`, raw, 0);
  // Files are found again from the class name (e.g. "a-b" → class AB → module ab, not a_b): the two must agree.
  const again = resourceNames(names.className);
  if (again.snake !== names.snake) {
    throw new SpecError(`resource name "${name}" becomes the class ${names.className}, whose module would be ${again.snake}.py, not ${names.snake}.py; write it as ${names.className} or use longer words`, raw, 0);
  }
  const keyword = [names.snake, names.snakePlural].find((n) => PYTHON_KEYWORDS.has(n));
  if (keyword) {
    const how = keyword === names.snake ? '' : ' (as its plural)';
    throw new SpecError(`resource name "${name}" becomes the Python keyword "${keyword}"${how}; pick another name`, raw, 0);
  }
  const word = target === 'express' ? [names.snake, names.snakePlural].find((n) => TYPESCRIPT_RESERVED_WORDS.has(n)) : undefined;
  if (word) throw new SpecError(`resource name "${name}" becomes the TypeScript reserved word "${word}"; pick another name`, raw, 0);
  if (RESERVED_CLASS_NAMES.has(names.className)) {
    throw new SpecError(`resource name "${names.className}" clashes with a name the generated code uses; pick another`, raw, 0);
  }
  if (RESERVED_MODULES.has(names.snake) || RESERVED_MODULES.has(names.snakePlural)) {
    const where = target === 'express' ? `src/*/${names.snake.replace(/_/g, '-')}.ts` : `app/*/${names.snake}.py`;
    throw new SpecError(`resource name "${name}" would reuse the module name "${names.snake}" that the project skeleton owns (${where}); pick another name`, raw, 0);
  }
  if (names.snake === names.snakePlural) {
    throw new SpecError(`resource name "${name}" has the same singular and plural; use a countable noun (e.g. DataPoint)`, raw, 0);
  }
  return names;
}

export interface ResourceSpec {
  readonly names: ResourceNames;
  readonly fields: readonly FieldSpec[];
  readonly auth: ResourceAuthMode;
  /** Rows belong to the user who created them (`--owned`): an `owner_id` column, every route scoped to it. */
  readonly owned?: boolean;
}

export interface ResourceContext {
  /** Class names of the resources the project already has (User included). */
  readonly existing: ReadonlySet<string>;
  /** The framework the code is generated for (default fastapi): adds its language's reserved words. */
  readonly target?: Target;
}

/** The raw request: strings as typed on the command line or in an input box. */
export const NewResourceInputSchema = z.object({
  name: z.string({ error: 'missing resource name' }),
  fields: z.string({ error: 'missing --fields' }),
  auth: ResourceAuthModeSchema.default('writes'),
  owned: z.boolean().default(false),
});
export type NewResourceInput = z.input<typeof NewResourceInputSchema>;

/** Which part of the input an error is about, for the CLI flag or the input box. */
export type InputPart = 'name' | 'fields' | 'auth' | 'owned' | 'json' | 'method' | 'path' | 'function' | 'module' | 'response-model' | 'model' | 'router' | 'body';

export class InputError extends Error {
  constructor(
    readonly part: InputPart,
    readonly detail: string,
    readonly token?: string,
    readonly offset?: number,
  ) {
    super(detail);
    this.name = 'InputError';
  }
}

function fromSpecError(part: InputPart, error: unknown): never {
  // A name is one token: its column says nothing, so only field-spec errors carry one.
  if (error instanceof SpecError) throw new InputError(part, part === 'fields' ? error.describe() : error.message, error.token, error.offset);
  throw error;
}

/** Validate a whole request against the project; throws InputError. */
export function resolveResourceSpec(input: NewResourceInput, context: ResourceContext): ResourceSpec {
  const parsed = NewResourceInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError((issue.path[0] as InputPart | undefined) ?? 'name', issue.message);
  }
  let names: ResourceNames;
  try {
    names = checkResourceName(parsed.data.name, context.target);
  } catch (error) {
    fromSpecError('name', error);
  }
  if (context.existing.has(names.className)) {
    throw new InputError('name', `resource ${names.className} already exists in this project; choose another name`);
  }
  let fields: FieldSpec[];
  try {
    fields = parseFieldSpec(parsed.data.fields, new Set([...context.existing, names.className]), context.target, names.className);
  } catch (error) {
    fromSpecError('fields', error);
  }
  const selfRef = fields.find((f) => f.type.kind === 'ref' && f.type.target === names.className && !f.optional);
  if (selfRef) {
    const token = parsed.data.fields.slice(selfRef.start, selfRef.end);
    throw new InputError('fields', `a reference to ${names.className} itself must be optional (add ?), or no first row could be created (token "${token}" at column ${selfRef.start + 1})`, token, selfRef.start);
  }
  const { auth, owned } = parsed.data;
  if (owned) {
    // Owned rows are scoped to the signed-in user on every route, reads included.
    if (auth === 'none') throw new InputError('owned', 'rows are scoped to the signed-in user on every route, so a login is needed; use --auth writes or all (both then guard reads too), not none');
    if (auth === 'admin') throw new InputError('owned', 'does not combine with --auth admin (admin resources are shared rows that only superusers write); pick one');
    if (!context.existing.has('User')) throw new InputError('owned', 'needs the User model that `init` creates (app/models/user.py); none was found');
    const clash = fields.find((f) => f.name === OWNER_FIELD);
    if (clash) {
      const token = parsed.data.fields.slice(clash.start, clash.end);
      throw new InputError('fields', `--owned adds ${OWNER_FIELD} itself (set from the token, never from the body); drop the field "${token}" (column ${clash.start + 1})`, token, clash.start);
    }
  }
  return { names, fields, auth, owned };
}

/**
 * A zod schema for the field spec alone, for live validation (VS Code's
 * validateInput): the issue message carries token and column.
 */
export function fieldSpecSchema(existing: ReadonlySet<string>, target: Target = 'fastapi') {
  return z.string().transform((spec, ctx) => {
    try {
      return parseFieldSpec(spec, existing, target);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.describe(), params: { token: error.token, offset: error.offset } });
      return z.NEVER;
    }
  });
}
