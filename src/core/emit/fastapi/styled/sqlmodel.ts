// New Resource for a SQLModel project laid out like the full-stack template:
// the model family appended to one models module, CRUD functions appended to
// the crud module, a routes module beside the others, an Alembic revision and
// a pytest module on the project's own fixtures. Every choice that differs
// between projects (dependency spellings, naming, paths, prefixes, auth)
// comes from the ProjectStyle; only the SQLModel idioms are fixed here.
import type { FieldSpec } from '../../../request/fields';
import type { ResourceSpec } from '../../../request/resource';
import { resourceNames } from '../../../request/names';
import type { ExistingModel, ProjectStyle, RouteDependency } from '../../../style/types';
import { compareKind, invalidValue, sampleValue } from '../../samples';
import { Imports, pyLiteral, pyStr } from '../../python';
import { DEFAULT_STR_LENGTH } from '../../../request/fields';
import { constraintArgs, dtoDefault, fieldBaseType, DECIMAL_DIGITS, DECIMAL_PLACES, type TypeFlavor } from '../resource';

/** What the styled emitters need beyond the style: facts read once by the planner. */
export interface StyledContext {
  readonly style: ProjectStyle;
  readonly spec: ResourceSpec;
  /** Dotted module of the models (`app.models`). */
  readonly modelsModule: string;
  /** The table the owner reference points to (`user`), when resources are owned. */
  readonly ownerTable?: string;
  /** How the API prefix is reached in tests: expression + its import, or a literal path. */
  readonly apiPrefix?: { readonly expr: string; readonly module?: string; readonly name?: string };
  /** Token-header fixture for a regular user and, if any, for a superuser. */
  readonly userHeaders?: string;
  readonly superuserHeaders?: string;
  /** A second regular user's headers (`other_headers`), for ownership tests where there is no superuser fixture. */
  readonly otherHeaders?: string;
  /** The project's formatter line length (ruff / black), 100 when unset. */
  readonly lineLength?: number;
  /** The project's own top-level packages (isort's first-party section). */
  readonly localRoots?: readonly string[];
  /** List routes answer a bare JSON array (else `{data, count}`). */
  readonly listIsArray?: boolean;
  /** PUT takes the full Create body (a replacement), so tests send every field. */
  readonly putReplaces?: boolean;
  /** The collection route is declared as `""` (no trailing slash), as routers included with a prefix often are. */
  readonly bareCollection?: boolean;
  /** Generate CRUD slice: the table class the user wrote; its model is not emitted, its table and key are taken as they are. */
  readonly existing?: ExistingModel;
}

/** A block of code to append to a module plus the imports it needs there. */
export interface Appended {
  readonly imports: Imports;
  /** Plain `import x` statements (`uuid`). */
  readonly plainImports: readonly string[];
  readonly code: string;
}

/**
 * A call or signature within the project's line length: flat, else its
 * arguments on one indented line, else one per line with a trailing comma
 * (the order ruff format and black try).
 */
export function wrapped(indent: string, open: string, args: readonly string[], close: string, width = 100): string {
  const flat = `${indent}${open}${args.join(', ')}${close}`;
  if (flat.length <= width) return flat;
  const inner = `${indent}    ${args.join(', ')}`;
  if (inner.length <= width) return `${indent}${open}\n${inner}\n${indent}${close.trimStart()}`;
  return `${indent}${open}\n${args.map((a) => `${indent}    ${a},`).join('\n')}\n${indent}${close.trimStart()}`;
}

/** `wrapped` at the context's line length. */
export const wrap = (ctx: { readonly lineLength?: number }) => (indent: string, open: string, args: readonly string[], close: string): string =>
  wrapped(indent, open, args, close, ctx.lineLength);

/** `from m import a, b, c` lines past the line length in the parenthesised one-name-per-line form isort writes. */
export function wrapImportLines(text: string, width = 100): string {
  return text.split('\n').map((line) => {
    const m = /^from (\S+) import ([^(]+)$/.exec(line);
    if (!m || line.length <= width) return line;
    return `from ${m[1]} import (\n${m[2]!.split(', ').map((n) => `    ${n},`).join('\n')}\n)`;
  }).join('\n');
}

/** Whether a module is the project's own, for `Imports.render`. */
export const isLocal = (ctx: StyledContext) => (module: string): boolean => (ctx.localRoots ?? ['app', 'tests']).includes(module.split('.')[0]!);

/** Dotted module for a project path: `app/api/deps.py` → `app.api.deps`. */
export const dottedModule = (path: string): string => path.replace(/(\/__init__)?\.py$/, '').replace(/\//g, '.');

/** The CRUD function name for one operation, from the project's naming template. */
export function crudName(template: string, spec: ResourceSpec): string {
  return template.replace(/\{name\}/g, spec.names.snake).replace(/\{plural\}/g, spec.names.snakePlural);
}

/** SQLModel's own table name: the lower-cased class name. */
export const sqlmodelTable = (className: string): string => className.toLowerCase();

export const idAnnotation = (style: ProjectStyle): string => (style.idType === 'uuid' ? 'uuid.UUID' : 'int');

function flavor(ctx: StyledContext): TypeFlavor {
  return {
    helpers: false,
    refType: (target) => {
      const known = ctx.style.models.known.find((m) => m.className === target);
      const type = known ? known.idType : target === ctx.spec.names.className ? ctx.style.idType : ctx.style.idType;
      return type === 'uuid' ? 'uuid.UUID' : 'int';
    },
  };
}

/** The table a reference points to. */
export function refTable(ctx: StyledContext, target: string): string {
  return ctx.style.models.known.find((m) => m.className === target)?.tableName ?? sqlmodelTable(target);
}

/**
 * `Field(...)` arguments. SQLModel types `ge`/`le` as float, so decimal
 * bounds are written as plain numbers (a `Decimal(...)` would fail mypy).
 */
function fieldArgs(f: FieldSpec, ctx: StyledContext, withStorage: boolean): string[] {
  const args = constraintArgs(f).map((a) => a.replace(/Decimal\("([^"]*)"\)/, '$1'));
  if (withStorage) {
    if (f.unique) args.push('unique=True');
    if (f.index) args.push('index=True');
  }
  return args;
}

/** `Field(default=...)` / `default_factory=` for a Create-side field; [] when required. */
function defaultArgs(f: FieldSpec, im: Imports): string[] {
  const d = f.default;
  if (!d) return f.optional ? ['default=None'] : [];
  if (d.kind === 'factory') {
    if (d.factory === 'now') {
      im.add('datetime', 'UTC', 'datetime');
      return ['default_factory=lambda: datetime.now(UTC)'];
    }
    if (d.factory === 'today') {
      im.add('datetime', 'date');
      return ['default_factory=date.today'];
    }
    return ['default_factory=uuid.uuid4'];
  }
  // dtoDefault spells literal values (` = Decimal("1.5")`); reuse it without the ` = `.
  const scratch = new Imports();
  const text = dtoDefault(f, scratch);
  for (const [m, names] of scratch.entries()) im.add(m, ...names);
  return [`default=${text.replace(/^ = /, '')}`];
}

/** One annotated field line of a SQLModel class. */
function fieldLine(name: string, type: string, args: readonly string[]): string {
  if (args.length === 0) return `    ${name}: ${type}`;
  const line = `    ${name}: ${type} = Field(${args.join(', ')})`;
  if (line.length <= 100) return line;
  return `    ${name}: ${type} = Field(\n        ${args.join(', ')}\n    )`;
}

/** The storage column for JSON-like values: SQLModel needs it spelled out. */
function storageArgs(f: FieldSpec, im: Imports): string[] {
  if (f.type.kind === 'json' || f.type.kind === 'list') {
    im.add('sqlalchemy', 'JSON');
    return ['sa_type=JSON'];
  }
  if (f.type.kind === 'text') {
    im.add('sqlalchemy', 'Text');
    return ['sa_type=Text'];
  }
  // SQLModel cannot map a Literal annotation to a column: the values are stored as a string.
  if (f.type.kind === 'enum') {
    im.add('sqlalchemy', 'String');
    return [`sa_type=String(${enumLength(f.type.values)})`];
  }
  return [];
}

/** The column width for an enum's values (as the init models size it). */
const enumLength = (values: readonly string[]): number => Math.max(32, ...values.map((v) => v.length));

/** The owner column's name: the one existing resources use (`owner_id`, `author_id`), else `owner_id`. */
export const ownerField = (style: ProjectStyle): string => style.auth.owner?.field ?? 'owner_id';

/** The owner column, when existing resources are owned by a user. */
export const owned = (ctx: StyledContext): boolean => ctx.existing ? ctx.existing.owned : ctx.style.auth.ownership && ctx.ownerTable !== undefined && ctx.spec.auth !== 'none' && !ctx.spec.fields.some((f) => f.name === ownerField(ctx.style));

/**
 * The user attribute that lets a superuser past the owner check, when sibling
 * checks do that (`not current_user.is_superuser and ...`); a style written
 * without inferred ownership keeps `is_superuser` beside a superuser dependency.
 */
export function superuserBypass(style: ProjectStyle): string | undefined {
  const owner = style.auth.owner;
  if (owner) return owner.superuserBypass ? style.auth.superuserCheck?.attribute : undefined;
  return superuserDependency(style) ? 'is_superuser' : undefined;
}

/** A message copied from a sibling, with the sibling resource's words replaced by the new one's (`this post` → `this project`). */
export function renamedFor(text: string, fromModel: string, spec: ResourceSpec): string {
  const from = resourceNames(fromModel);
  const to = spec.names;
  const pairs: [string, string][] = [[from.wordsPlural, to.wordsPlural], [from.words, to.words], [capital(from.wordsPlural), capital(to.wordsPlural)], [capital(from.words), capital(to.words)]];
  let out = text;
  for (const [a, b] of pairs) out = out.replace(new RegExp(`(?<![\\w])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g'), b);
  return out;
}

/**
 * What an owned resource raises for another user's row: the project's own
 * statement (renamed for this resource) and its imports, else a 403
 * HTTPException; `status` is what a client sees.
 */
export function forbiddenRaise(ctx: StyledContext, im: Imports): { readonly text: string; readonly status: number } {
  const owner = ctx.style.auth.owner;
  const theirs = owner?.forbidden;
  if (owner && theirs) {
    for (const i of theirs.imports) im.add(i.module, ...i.names);
    return { text: renamedFor(theirs.raise, owner.model, ctx.spec), status: theirs.status ?? 403 };
  }
  im.add('fastapi', 'HTTPException');
  return { text: 'HTTPException(status_code=403, detail="Not enough permissions")', status: 403 };
}

/** The status a client gets for another user's row: the project's refusal, or 404 where siblings filter by owner. */
export function othersStatus(ctx: StyledContext): number {
  if (ctx.style.auth.owner?.others === 'not-found') return 404;
  return ctx.style.auth.owner?.forbidden?.status ?? 403;
}

/** XBase/XCreate/XUpdate/X(table=True)/XPublic/XsPublic, for the end of the models module. */
export function emitSqlModelClasses(ctx: StyledContext): Appended {
  const { spec, style } = ctx;
  const C = spec.names.className;
  const im = new Imports().add('sqlmodel', 'Field', 'SQLModel');
  const plain = new Set<string>();
  const fl = flavor(ctx);
  const typeOf = (f: FieldSpec) => {
    const t = fieldBaseType(f, im, fl);
    if (t.includes('uuid.')) plain.add('uuid');
    return t;
  };
  if (style.idType === 'uuid') plain.add('uuid');
  // Beside a table the user wrote, the family is DTOs only: the columns' storage stays on the table.
  const table = !ctx.existing;
  const base = spec.fields.map((f) => {
    const args = [...defaultArgs(f, im), ...fieldArgs(f, ctx, table), ...(table ? storageArgs(f, im) : [])];
    if (f.type.kind === 'ref' && table) {
      args.push(`foreign_key=${pyStr(`${refTable(ctx, f.type.target)}.id`)}`, 'ondelete="RESTRICT"');
      if (!f.index) args.push('index=True');
    }
    if (f.default?.kind === 'factory' && f.default.factory === 'uuid4') plain.add('uuid');
    return fieldLine(f.name, `${typeOf(f)}${f.optional ? ' | None' : ''}`, args);
  });
  const update = spec.fields.map((f) => fieldLine(f.name, `${typeOf(f)} | None`, ['default=None', ...fieldArgs(f, ctx, false), ...(table ? storageArgs(f, im) : [])]));
  const id = style.idType === 'uuid'
    ? '    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)'
    : '    id: int | None = Field(default=None, primary_key=True)';
  const ownerType = idAnnotation(style);
  const of = ownerField(style);
  const ownerLine = owned(ctx) ? `\n    ${of}: ${ownerType} = Field(foreign_key=${pyStr(`${ctx.ownerTable}.id`)}, nullable=False, ondelete="CASCADE")` : '';
  const publicOwner = owned(ctx) ? `\n    ${of}: ${ownerType}` : '';
  // A table built on the user's own XBase: that class is the family's base, and the table's own columns are added where they are sent and returned.
  const dtoBase = ctx.existing?.dtoBase;
  const B = dtoBase?.name ?? `${C}Base`;
  const own = dtoBase ? base.filter((_, i) => !dtoBase.fields.includes(spec.fields[i]!.name)) : [];
  const ownLines = own.length ? `\n${own.join('\n')}` : '';
  const code = `${dtoBase ? '' : `class ${C}Base(SQLModel):
${base.length ? base.join('\n') : '    pass'}


`}class ${C}Create(${B}):
${own.length ? own.join('\n') : '    pass'}


class ${C}Update(SQLModel):
${update.length ? update.join('\n') : '    pass'}
${table ? `

class ${C}(${C}Base, table=True):
${id}${ownerLine}
` : ''}

class ${C}Public(${B}):
    id: ${idAnnotation(style)}${publicOwner}${ownLines}


class ${spec.names.classPlural}Public(SQLModel):
    data: list[${C}Public]
    count: int
`;
  return { imports: im, plainImports: [...plain], code };
}

/** CRUD functions in the project's naming, for the end of the crud module. */
export function emitSqlModelCrud(ctx: StyledContext): Appended {
  const { spec, style } = ctx;
  if (style.dataAccess.kind !== 'crud-functions') throw new Error('internal: SQLModel crud emitter needs crud-functions');
  const naming = style.dataAccess.naming;
  const C = spec.names.className;
  const s = spec.names.snake;
  const id = idAnnotation(style);
  const im = new Imports()
    .add('sqlmodel', 'Session', 'func', 'select')
    .add(ctx.modelsModule, C, `${C}Create`, `${C}Update`);
  const plain = style.idType === 'uuid' ? ['uuid'] : [];
  const own = owned(ctx);
  const of = ownerField(style);
  const createSig = own ? `*, session: Session, ${s}_in: ${C}Create, ${of}: ${id}` : `*, session: Session, ${s}_in: ${C}Create`;
  const validate = own ? `${C}.model_validate(${s}_in, update={${pyStr(of)}: ${of}})` : `${C}.model_validate(${s}_in)`;
  const listSig = own
    ? `*, session: Session, skip: int = 0, limit: int = 100, ${of}: ${id} | None = None`
    : '*, session: Session, skip: int = 0, limit: int = 100';
  const ownerFilter = own ? `
    if ${of} is not None:
        count_statement = count_statement.where(${C}.${of} == ${of})
        statement = statement.where(${C}.${of} == ${of})` : '';
  const code = `${wrap(ctx)('', `def ${crudName(naming.create, spec)}(`, createSig.split(', '), `) -> ${C}:`)}
    db_${s} = ${validate}
    session.add(db_${s})
    session.commit()
    session.refresh(db_${s})
    return db_${s}


${wrap(ctx)('', `def ${crudName(naming.get, spec)}(`, ['*', 'session: Session', `${s}_id: ${id}`], `) -> ${C} | None:`)}
    return session.get(${C}, ${s}_id)


${wrap(ctx)('', `def ${crudName(naming.list, spec)}(`, listSig.split(', '), `) -> tuple[list[${C}], int]:`)}
    count_statement = select(func.count()).select_from(${C})
    statement = select(${C})${ownerFilter}
    count = session.exec(count_statement).one()
    ${spec.names.snakePlural} = session.exec(statement.offset(skip).limit(limit)).all()
    return list(${spec.names.snakePlural}), count


${wrap(ctx)('', `def ${crudName(naming.update, spec)}(`, ['*', 'session: Session', `db_${s}: ${C}`, `${s}_in: ${C}Update`], `) -> ${C}:`)}
    db_${s}.sqlmodel_update(${s}_in.model_dump(exclude_unset=True))
    session.add(db_${s})
    session.commit()
    session.refresh(db_${s})
    return db_${s}


def ${crudName(naming.delete, spec)}(*, session: Session, db_${s}: ${C}) -> None:
    session.delete(db_${s})
    session.commit()
`;
  return { imports: im, plainImports: plain, code };
}

export function addDependencyImports(im: Imports, dep: RouteDependency): void {
  for (const i of dep.imports) im.add(i.module, ...i.names);
}

/** The superuser dependency, when the project has one as a route dependency. */
export function superuserDependency(style: ProjectStyle): RouteDependency | undefined {
  const su = style.auth.superuser;
  return su && 'parameter' in su ? su : undefined;
}

/** The routes module: list, get, create, update (PUT/PATCH as the project does), delete. */
export function emitSqlModelRoutes(ctx: StyledContext): string {
  const { spec, style } = ctx;
  if (style.dataAccess.kind !== 'crud-functions') throw new Error('internal: SQLModel routes emitter needs crud-functions');
  const naming = style.dataAccess.naming;
  const crudPath = style.dataAccess.placement.kind === 'module' ? style.dataAccess.placement.path : `${style.packageRoot}/crud.py`;
  const crudDotted = dottedModule(crudPath);
  const crudPkg = crudDotted.includes('.') ? crudDotted.slice(0, crudDotted.lastIndexOf('.')) : '';
  const crudMod = crudDotted.slice(crudDotted.lastIndexOf('.') + 1);
  const C = spec.names.className;
  const s = spec.names.snake;
  const idName = `${s}_id`;
  const id = idAnnotation(style);
  const im = new Imports()
    .add('fastapi', 'APIRouter', 'HTTPException', 'status')
    .add(ctx.modelsModule, C, `${C}Create`, `${C}Public`, `${spec.names.classPlural}Public`, `${C}Update`);
  if (crudPkg) im.add(crudPkg, crudMod);
  addDependencyImports(im, style.session);
  const user = spec.auth !== 'none' ? style.auth.currentUser : undefined;
  const own = owned(ctx) && user !== undefined;
  const su = superuserDependency(style);
  // Reads need the user when resources are owned (to filter) or when auth is `all`.
  const readUser = user && (own || spec.auth === 'all' || style.auth.readsTakeUser === true);
  if (user) addDependencyImports(im, user);
  const sess = style.session.parameter;
  const uParam = user?.parameter;
  const uName = user?.name ?? 'current_user';
  const readParams = [sess, ...(readUser && uParam ? [uParam] : [])];
  const writeParams = [sess, ...(uParam ? [uParam] : [])];
  // Without ownership, writes are for superusers when the project has such a guard.
  const writeGuard = !own && su && spec.auth !== 'none' ? su : undefined;
  if (writeGuard) {
    addDependencyImports(im, writeGuard);
    im.add('fastapi', 'Depends');
  }
  const of = ownerField(style);
  const bypass = own ? superuserBypass(style) : undefined;
  const superuserCheck = bypass ? `not ${uName}.${bypass} and ` : '';
  const canSeeAll = bypass !== undefined;
  const notFound = `HTTPException(status_code=404, detail=${pyStr(`${capital(spec.names.words)} not found`)})`;
  // Another user's row: refused as the sibling routes refuse it, or not found where they filter by owner.
  const refusal = own && style.auth.owner?.others !== 'not-found' ? forbiddenRaise(ctx, im).text : notFound;
  const dependencyName = writeGuard ? /Depends\(([^)]+)\)/.exec(writeGuard.parameter)?.[1] ?? writeGuard.name : undefined;
  const guard = dependencyName ? `, dependencies=[Depends(${dependencyName})]` : '';
  const call = (name: string, args: string) => `${crudPkg ? `${crudMod}.` : ''}${crudName(name, spec)}(${args})`;
  const sessionName = style.session.name;
  const fetchHelper = own
    ? `${wrap(ctx)('', `def get_${s}_or_404(`, [`${sessionName}: ${typeOfParam(sess)}`, `${uName}: ${typeOfParam(uParam!)}`, `${idName}: ${id}`], `) -> ${C}:`)}
    ${s} = ${call(naming.get, `session=${sessionName}, ${idName}=${idName}`)}
    if ${s} is None:
        raise ${notFound}
    if ${superuserCheck}${s}.${of} != ${uName}.id:
        raise ${refusal}
    return ${s}`
    : `${wrap(ctx)('', `def get_${s}_or_404(`, [`${sessionName}: ${typeOfParam(sess)}`, `${idName}: ${id}`], `) -> ${C}:`)}
    ${s} = ${call(naming.get, `session=${sessionName}, ${idName}=${idName}`)}
    if ${s} is None:
        raise HTTPException(status_code=404, detail=${pyStr(`${capital(spec.names.words)} not found`)})
    return ${s}`;
  const fetch = (withUser: boolean) => `get_${s}_or_404(${sessionName}, ${withUser && own ? `${uName}, ` : ''}${idName})`;
  const listOwner = own ? (canSeeAll ? `, ${of}=None if ${uName}.${bypass} else ${uName}.id` : `, ${of}=${uName}.id`) : '';
  const updateMethods = style.routers.updateMethod === 'both' ? ['put', 'patch'] : [style.routers.updateMethod.toLowerCase()];
  const routes: string[] = [];
  routes.push(`@router.get("/", response_model=${spec.names.classPlural}Public)
${wrap(ctx)('', `def ${crudName(naming.list, spec).replace(/^get_/, 'read_')}(`, [...readParams, 'skip: int = 0', 'limit: int = 100'], `) -> ${spec.names.classPlural}Public:`)}
${wrap(ctx)('    ', `${spec.names.snakePlural}, count = ${call(naming.list, '').slice(0, -1)}`, [`session=${sessionName}`, 'skip=skip', 'limit=limit', ...(listOwner ? [listOwner.slice(2)] : [])], ')')}
${wrap(ctx)('    ', `return ${spec.names.classPlural}Public(`, [`data=[${C}Public.model_validate(${s}) for ${s} in ${spec.names.snakePlural}]`, 'count=count'], ')')}`);
  routes.push(`@router.get("/{${idName}}", response_model=${C}Public)
${wrap(ctx)('', `def read_${s}(`, [...readParams, `${idName}: ${id}`], `) -> ${C}:`)}
    return ${fetch(Boolean(readUser))}`);
  const createArgs = `session=${sessionName}, ${s}_in=${s}_in${own ? `, ${of}=${uName}.id` : ''}`;
  routes.push(`@router.post("/", response_model=${C}Public, status_code=status.HTTP_201_CREATED${guard})
${wrap(ctx)('', `def ${crudName(naming.create, spec)}(`, ['*', ...writeParams, `${s}_in: ${C}Create`], `) -> ${C}:`)}
${wrap(ctx)('    ', `return ${call(naming.create, '').slice(0, -1)}`, createArgs.split(', '), ')')}`);
  for (const m of updateMethods) {
    const fn = updateMethods.length > 1 && m === 'patch' ? `patch_${s}` : crudName(naming.update, spec);
    routes.push(`@router.${m}("/{${idName}}", response_model=${C}Public${guard})
${wrap(ctx)('', `def ${fn}(`, ['*', ...writeParams, `${idName}: ${id}`, `${s}_in: ${C}Update`], `) -> ${C}:`)}
    db_${s} = ${fetch(true)}
${wrap(ctx)('    ', `return ${call(naming.update, '').slice(0, -1)}`, [`session=${sessionName}`, `db_${s}=db_${s}`, `${s}_in=${s}_in`], ')')}`);
  }
  routes.push(`@router.delete("/{${idName}}", status_code=status.HTTP_204_NO_CONTENT${guard})
${wrap(ctx)('', `def ${crudName(naming.delete, spec)}(`, [...writeParams, `${idName}: ${id}`], ') -> None:')}
    db_${s} = ${fetch(true)}
    ${call(naming.delete, `session=${sessionName}, db_${s}=db_${s}`)}`);
  const header = spec.auth === 'none' ? '# Public by choice (--auth none): no route here requires a login.\n# backend-skill: ignore[missing-auth]\n' : '';
  const needsUuid = style.idType === 'uuid';
  const path = style.routers.pathCase === 'snake' ? spec.names.snakePlural : spec.names.kebabPlural;
  const prefix = style.routers.prefixOn === 'router' ? `prefix=${pyStr('/' + path)}, ` : '';
  const tags = style.routers.tags ? `tags=[${pyStr(path)}]` : '';
  return `"""HTTP routes for ${spec.names.wordsPlural}."""

${needsUuid ? 'import uuid\n\n' : ''}${im.render()}

${header}router = APIRouter(${`${prefix}${tags}`.replace(/, $/, '')})


${fetchHelper}


${routes.join('\n\n\n')}
`;
}

export const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** The annotation of a parameter as written (`session: SessionDep` → `SessionDep`). */
export function typeOfParam(parameter: string): string {
  const colon = parameter.indexOf(':');
  const eq = parameter.indexOf('=');
  return parameter.slice(colon + 1, eq < 0 ? undefined : eq).trim();
}

/** The Alembic column type of a field, as autogenerate would write it for SQLModel. */
export function alembicType(f: FieldSpec, ctx: StyledContext): string {
  switch (f.type.kind) {
    case 'str': return `sqlmodel.sql.sqltypes.AutoString(length=${f.max ?? DEFAULT_STR_LENGTH})`;
    case 'email': case 'url': return f.max !== undefined ? `sqlmodel.sql.sqltypes.AutoString(length=${f.max})` : 'sqlmodel.sql.sqltypes.AutoString()';
    case 'enum': return `sa.String(length=${enumLength(f.type.values)})`;
    case 'text': return 'sa.Text()';
    case 'int': return 'sa.Integer()';
    case 'float': return 'sa.Float()';
    case 'decimal': return `sa.Numeric(precision=${f.digits ?? DECIMAL_DIGITS}, scale=${f.places ?? DECIMAL_PLACES})`;
    case 'bool': return 'sa.Boolean()';
    case 'date': return 'sa.Date()';
    case 'datetime': return 'sa.DateTime()';
    case 'uuid': return 'sa.Uuid()';
    case 'json': case 'list': return 'sa.JSON()';
    case 'ref': return flavor(ctx).refType(f.type.target, new Imports()) === 'uuid.UUID' ? 'sa.Uuid()' : 'sa.Integer()';
  }
}

/** A deterministic 12-hex revision id: the same request on the same head gives the same file. */
export function revisionId(seed: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, 12);
}

/** The revision module: create the table (FKs, indexes), and drop it again. */
export function emitSqlModelRevision(ctx: StyledContext, revision: string, head: string | undefined): string {
  const { spec, style } = ctx;
  const table = ctx.existing?.tableName ?? sqlmodelTable(spec.names.className);
  const cols: string[] = [];
  const fks: string[] = [];
  const indexes: { column: string; unique: boolean }[] = [];
  for (const f of spec.fields) {
    // A table the user wrote: the type its ORM creates (a bare `str` is an AutoString), so `alembic check` finds no drift.
    const type = ctx.existing?.columnTypes?.[f.name] ?? alembicType(f, ctx);
    cols.push(`sa.Column(${pyStr(f.name)}, ${type}, nullable=${f.optional ? 'True' : 'False'})`);
    if (f.type.kind === 'ref') {
      fks.push(`sa.ForeignKeyConstraint([${pyStr(f.name)}], [${pyStr(`${refTable(ctx, f.type.target)}.id`)}], ondelete="RESTRICT")`);
    }
    if (f.index || f.type.kind === 'ref') indexes.push({ column: f.name, unique: f.unique });
    else if (f.unique) fks.push(`sa.UniqueConstraint(${pyStr(f.name)})`);
  }
  cols.push(`sa.Column("id", ${style.idType === 'uuid' ? 'sa.Uuid()' : 'sa.Integer()'}, nullable=False)`);
  // A key the user's table indexes (`Field(primary_key=True, index=True)`) gets its index, as autogenerate would write it.
  if (ctx.existing?.key.indexed) indexes.unshift({ column: 'id', unique: false });
  if (owned(ctx)) {
    const of = ownerField(style);
    cols.push(`sa.Column(${pyStr(of)}, ${style.idType === 'uuid' ? 'sa.Uuid()' : 'sa.Integer()'}, nullable=False)`);
    fks.push(`sa.ForeignKeyConstraint([${pyStr(of)}], [${pyStr(`${ctx.ownerTable}.id`)}], ondelete="CASCADE")`);
  }
  const body = [...cols, ...fks, 'sa.PrimaryKeyConstraint("id")'].map((c) => `        ${c},`).join('\n');
  const createIndexes = indexes.map((i) => wrap(ctx)('    ', 'op.create_index(', [`op.f(${pyStr(`ix_${table}_${i.column}`)})`, pyStr(table), `[${pyStr(i.column)}]`, `unique=${i.unique ? 'True' : 'False'}`], ')'));
  const dropIndexes = indexes.map((i) => wrap(ctx)('    ', 'op.drop_index(', [`op.f(${pyStr(`ix_${table}_${i.column}`)})`, `table_name=${pyStr(table)}`], ')'));
  const usesSqlmodel = body.includes('sqlmodel.');
  return `"""Add ${spec.names.wordsPlural}

Revision ID: ${revision}
Revises: ${head ?? ''}

"""

import sqlalchemy as sa
${usesSqlmodel ? 'import sqlmodel.sql.sqltypes\n' : ''}from alembic import op

# revision identifiers, used by Alembic.
revision = ${pyStr(revision)}
down_revision = ${head ? pyStr(head) : 'None'}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        ${pyStr(table)},
${body}
    )
${createIndexes.join('\n')}${createIndexes.length ? '\n' : ''}

def downgrade() -> None:
${[...dropIndexes, `    op.drop_table(${pyStr(table)})`].join('\n')}
`;
}

/** A pytest module on the project's fixtures: a CRUD round trip, 404, 422 and (when guarded) 401. */
export function emitSqlModelTests(ctx: StyledContext): string {
  const { spec, style } = ctx;
  const s = spec.names.snake;
  const path = style.routers.pathCase === 'snake' ? spec.names.snakePlural : spec.names.kebabPlural;
  const im = new Imports().add('fastapi.testclient', 'TestClient');
  const prefix = ctx.apiPrefix;
  if (prefix?.module && prefix.name) im.add(prefix.module, prefix.name);
  const base = prefix ? `{${prefix.expr}}` : '';
  // One module constant for the collection URL keeps every request line short.
  const url = ctx.bareCollection ? 'URL' : 'f"{URL}/"';
  const item = (idExpr: string) => `f"{URL}/{${idExpr}}"`;
  const headers = ctx.userHeaders ?? ctx.superuserHeaders;
  // Writes need the superuser's headers when the project guards them that way.
  const writeHeaders = !owned(ctx) && superuserDependency(style) && spec.auth !== 'none' ? ctx.superuserHeaders ?? headers : headers;
  const fixtures = [...new Set([headers, writeHeaders].filter((h): h is string => h !== undefined))];
  const params = ['client: TestClient', ...fixtures.map((h) => `${h}: dict[str, str]`)];
  const def = (name: string, ps: readonly string[] = params) => wrap(ctx)('', `def ${name}(`, ps, ') -> None:');
  const req = (lhs: string, method: string, args: readonly string[]) => wrap(ctx)('    ', `${lhs}client.${method}(`, args, ')');
  const H = headers ? [`headers=${headers}`] : [];
  const W = writeHeaders ? [`headers=${writeHeaders}`] : [];
  const source = { suffix: 'x', seq: 0, uuid: '00000000-0000-4000-8000-000000000000' };
  const sendable = spec.fields.filter((f) => f.type.kind !== 'ref' || !f.optional);
  if (sendable.some((f) => f.type.kind === 'ref')) {
    throw new Error('internal: required references are not supported in styled tests');
  }
  const sampleSource = { ...source, suffix: '0-' };
  // Unique fields get a fresh value per call so the suite can be rerun on one database.
  const payloadLines = sendable.map((f) => `        ${pyStr(f.name)}: ${f.unique ? freshValue(f) : pyLiteral(sampleValue(f, 0, sampleSource))},`);
  const exact = sendable.filter((f) => compareKind(f.type) === 'exact' && !f.unique);
  const checked = exact[0];
  const invalid = sendable.find((f) => invalidValue(f) !== undefined && f.type.kind !== 'json');
  const updated = exact.find((f) => f.type.kind !== 'bool') ?? checked;
  const unique = spec.fields.some((f) => f.unique);
  const idCheck = style.idType === 'uuid' ? '\n    uuid.UUID(created["id"])' : '\n    assert isinstance(created["id"], int)';
  const tests: string[] = [];
  tests.push(`${def(`test_${s}_round_trip`)}
    payload = ${s}_payload()
${req('r = ', 'post', [url, ...W, 'json=payload'])}
    assert r.status_code == 201, r.text
    created = r.json()${idCheck}${checked ? `\n    assert created[${pyStr(checked.name)}] == payload[${pyStr(checked.name)}]` : ''}

${req('r = ', 'get', [item("created['id']"), ...H])}
    assert r.status_code == 200, r.text
    assert r.json()["id"] == created["id"]

${req('r = ', 'get', [url, ...H])}
    assert r.status_code == 200, r.text
    assert created["id"] in [row["id"] for row in r.json()${ctx.listIsArray ? '' : '["data"]'}]
${updated ? `
    change = {${ctx.putReplaces && style.routers.updateMethod === 'PUT' ? '**payload, ' : ''}${pyStr(updated.name)}: ${pyLiteral(sampleValue(updated, 1, { ...source, suffix: '1-' }))}}
${req('r = ', style.routers.updateMethod === 'PUT' ? 'put' : 'patch', [item("created['id']"), ...W, 'json=change'])}
    assert r.status_code == 200, r.text
    assert r.json()[${pyStr(updated.name)}] == change[${pyStr(updated.name)}]
` : ''}
${req('r = ', 'delete', [item("created['id']"), ...W])}
    assert r.status_code == 204, r.text
${req('r = ', 'get', [item("created['id']"), ...H])}
    assert r.status_code == 404`);
  const missingId = style.idType === 'uuid' ? 'uuid.uuid4()' : '2147483000';
  tests.push(`${def(`test_missing_${s}_is_404`)}
${req('r = ', 'get', [item(missingId), ...H])}
    assert r.status_code == 404`);
  if (invalid) {
    tests.push(`${def(`test_invalid_${s}_is_422`)}
    payload = {**${s}_payload(), ${pyStr(invalid.name)}: ${pyLiteral(invalidValue(invalid))}}
${req('r = ', 'post', [url, ...W, 'json=payload'])}
    assert r.status_code == 422`);
  }
  // Owned rows: another user's is out of reach, and a superuser reaches everyone's where the routes let one through.
  const other = ctx.superuserHeaders ?? ctx.otherHeaders;
  if (owned(ctx) && ctx.userHeaders && other && other !== ctx.userHeaders) {
    const pair = ['client: TestClient', `${ctx.userHeaders}: dict[str, str]`, `${other}: dict[str, str]`];
    const U = [`headers=${ctx.userHeaders}`];
    const O = [`headers=${other}`];
    const refused = othersStatus(ctx);
    const update = style.routers.updateMethod === 'PUT' ? 'put' : 'patch';
    const change = updated ? `{${ctx.putReplaces && update === 'put' ? `**${s}_payload(), ` : ''}${pyStr(updated.name)}: ${pyLiteral(sampleValue(updated, 1, { ...source, suffix: '1-' }))}}` : `${s}_payload()`;
    const rows = `[row["id"] for row in r.json()${ctx.listIsArray ? '' : '["data"]'}]`;
    tests.push(`${def(`test_${s}_of_another_user_is_out_of_reach`, pair)}
${req('r = ', 'post', [url, ...O, `json=${s}_payload()`])}
    assert r.status_code == 201, r.text
    theirs = r.json()
${req('r = ', 'get', [item("theirs['id']"), ...U])}
    assert r.status_code == ${refused}, r.text
${req('r = ', update, [item("theirs['id']"), ...U, `json=${change}`])}
    assert r.status_code == ${refused}, r.text
${req('r = ', 'delete', [item("theirs['id']"), ...U])}
    assert r.status_code == ${refused}, r.text
${req('r = ', 'get', [url, ...U])}
    assert r.status_code == 200, r.text
    assert theirs["id"] not in ${rows}
${req('r = ', 'delete', [item("theirs['id']"), ...O])}
    assert r.status_code == 204, r.text`);
    if (superuserBypass(style) && other === ctx.superuserHeaders) {
      tests.push(`${def(`test_superuser_reaches_every_${s}`, pair)}
${req('r = ', 'post', [url, ...U, `json=${s}_payload()`])}
    assert r.status_code == 201, r.text
    mine = r.json()
${req('r = ', 'get', [item("mine['id']"), ...O])}
    assert r.status_code == 200, r.text
${req('r = ', 'get', [url, ...O])}
    assert r.status_code == 200, r.text
    assert mine["id"] in ${rows}
${req('r = ', update, [item("mine['id']"), ...O, `json=${change}`])}
    assert r.status_code == 200, r.text
${req('r = ', 'delete', [item("mine['id']"), ...O])}
    assert r.status_code == 204, r.text`);
    }
  }
  if (spec.auth !== 'none' && style.auth.currentUser) {
    tests.push(`${def(`test_${s}_writes_need_auth`, ['client: TestClient'])}
${req('r = ', 'post', [url, `json=${s}_payload()`])}
    assert r.status_code == 401`);
  }
  const needsUuid = style.idType === 'uuid' || unique;
  im.add('typing', 'Any');
  return `"""Tests for ${spec.names.wordsPlural} (generated by backend-skill; extend freely)."""

${needsUuid ? 'import uuid\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}

URL = ${base ? 'f' : ''}"${base}/${path}"


def ${s}_payload() -> dict[str, Any]:
    """A valid ${spec.names.className}Create body."""
    return {
${payloadLines.join('\n')}
    }


${tests.join('\n\n\n')}
`;
}
/** A value for a unique field that differs on every run. */
export function freshValue(f: FieldSpec): string {
  switch (f.type.kind) {
    case 'email': return 'f"{uuid.uuid4().hex}@example.com"';
    case 'url': return 'f"https://example.com/{uuid.uuid4().hex}"';
    case 'uuid': return 'str(uuid.uuid4())';
    case 'int': return 'uuid.uuid4().int % 1_000_000';
    default: return `uuid.uuid4().hex[:${Math.min(f.max ?? 32, 32)}]`;
  }
}

export { resourceNames };
