// The files `new resource` creates for one CRUD slice: SQLAlchemy model,
// Pydantic DTO family, repository, router and a pytest module. Inputs are a
// validated ResourceSpec plus the project's existing models (for refs).
import { DEFAULT_STR_LENGTH, type FieldSpec } from '../../request/fields';
import { OWNER_FIELD, type ResourceSpec } from '../../request/resource';
import { resourceNames, type ResourceNames } from '../../request/names';
import type { ModelInfo } from '../../project/fastapi';
import { compareKind, invalidValue, sampleValue, type UniqueSource } from '../samples';
import { Imports, pyLiteral, pyStr } from '../python';
import { emitRoute, getOr404Lines, notFoundRaise, successStatus, type RouteTemplate } from './route';

export interface ResourceFiles {
  readonly model: { path: string; content: string };
  readonly schemas: { path: string; content: string };
  readonly repository: { path: string; content: string };
  readonly router: { path: string; content: string };
  readonly test: { path: string; content: string };
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Paths of a resource's files, also used to detect a resource that already exists. */
export function resourcePaths(className: string) {
  const n = resourceNames(className);
  return {
    model: `app/models/${n.snake}.py`,
    schemas: `app/schemas/${n.snake}.py`,
    repository: `app/repositories/${n.snake}.py`,
    router: `app/routers/${n.snakePlural}.py`,
    test: `tests/test_${n.snakePlural}.py`,
  };
}

export const DECIMAL_DIGITS = 12;
export const DECIMAL_PLACES = 2;

/** A tuple literal of Python expressions, wrapped one per line when it would pass 100 columns. */
function pyTuple(items: readonly string[], indent: number): string {
  const flat = `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  if (indent + flat.length <= 100) return flat;
  const pad = ' '.repeat(indent + 4);
  return `(\n${items.map((i) => `${pad}${i},`).join('\n')}\n${' '.repeat(indent)})`;
}

/** A list literal after `prefix` columns on a line at `indent`, wrapped like pyTuple. */
function pyList(items: readonly string[], indent: number, prefix: number): string {
  const flat = `[${items.join(', ')}]`;
  if (prefix + flat.length <= 100) return flat;
  const pad = ' '.repeat(indent + 4);
  return `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${' '.repeat(indent)}]`;
}

/** Field(...) keyword arguments for a field's constraints. */
export function constraintArgs(f: FieldSpec): string[] {
  const args: string[] = [];
  const t = f.type.kind;
  if (t === 'str' || t === 'text' || t === 'email' || t === 'url' || t === 'list') {
    if (f.min !== undefined) args.push(`min_length=${f.min}`);
    if (f.max !== undefined) args.push(`max_length=${f.max}`);
    else if (t === 'str') args.push(`max_length=${DEFAULT_STR_LENGTH}`);
  } else if (t === 'int' || t === 'float' || t === 'decimal') {
    if (f.min !== undefined) args.push(`ge=${t === 'decimal' ? `Decimal(${pyStr(String(f.min))})` : f.min}`);
    if (f.max !== undefined) args.push(`le=${t === 'decimal' ? `Decimal(${pyStr(String(f.max))})` : f.max}`);
    if (t === 'decimal') args.unshift(`max_digits=${f.digits ?? DECIMAL_DIGITS}`, `decimal_places=${f.places ?? DECIMAL_PLACES}`);
  }
  return args;
}

/**
 * How scalar types are spelled: `init` projects have helper types in
 * app.schemas.common; any other project gets plain Python types, and a
 * reference is typed like the id of the table it points to.
 */
export interface TypeFlavor {
  readonly helpers: boolean;
  /** Text and JSON through SafeStr/JsonData (false: a common.py written before they existed). */
  readonly storable?: boolean;
  readonly refType: (target: string, im: Imports) => string;
}

// A reference is an id: at least 1 and within the BIGINT key (MAX_ID), or 422 before any query.
const INIT_FLAVOR: TypeFlavor = { helpers: true, refType: (_target, im) => (im.add('app.schemas.common', 'RecordId'), 'RecordId') };
// An `init` project from before the input guards: only the helpers its common.py has.
const UNGUARDED_INIT_FLAVOR: TypeFlavor = { helpers: true, storable: false, refType: () => 'int' };

/**
 * The type spelling for an `init` project: `guarded` when its app/schemas/common.py
 * has the hostile-input helpers (MAX_ID, RecordId, SafeStr, JsonData).
 */
export const initFlavor = (guarded: boolean): TypeFlavor => (guarded ? INIT_FLAVOR : UNGUARDED_INIT_FLAVOR);

/** The bare Python type of a field (no constraints, no `| None`). */
export function fieldBaseType(f: FieldSpec, im: Imports, flavor: TypeFlavor = INIT_FLAVOR): string {
  const t = f.type;
  switch (t.kind) {
    case 'int': if (!flavor.helpers) return 'int'; break;
    case 'url': if (!flavor.helpers) return 'str'; break;
    case 'str': case 'text': if (!flavor.helpers || flavor.storable === false) return 'str'; break;
    case 'list': if (!flavor.helpers || flavor.storable === false) return 'list[str]'; break;
    case 'json': if (!flavor.helpers || flavor.storable === false) { im.add('pydantic', 'JsonValue'); return 'JsonValue'; } break;
    case 'ref': return flavor.refType(t.target, im);
    default: break;
  }
  return dtoBase(f, im);
}

function dtoBase(f: FieldSpec, im: Imports): string {
  const t = f.type;
  let base: string;
  switch (t.kind) {
    // Text and JSON go through the project's storable types: no NUL, no lone surrogate, no NaN.
    case 'str': case 'text': base = 'SafeStr'; im.add('app.schemas.common', 'SafeStr'); break;
    case 'int': base = 'Int64'; im.add('app.schemas.common', 'Int64'); break;
    case 'float': base = 'FiniteFloat'; im.add('pydantic', 'FiniteFloat'); break;
    case 'decimal': base = 'Decimal'; im.add('decimal', 'Decimal'); break;
    case 'bool': base = 'bool'; break;
    case 'date': base = 'date'; im.add('datetime', 'date'); break;
    case 'datetime': base = 'datetime'; im.add('datetime', 'datetime'); break;
    case 'uuid': base = 'UUID'; im.add('uuid', 'UUID'); break;
    case 'email': base = 'EmailStr'; im.add('pydantic', 'EmailStr'); break;
    case 'url': base = 'HttpUrlStr'; im.add('app.schemas.common', 'HttpUrlStr'); break;
    case 'json': base = 'JsonData'; im.add('app.schemas.common', 'JsonData'); break;
    case 'enum': base = `Literal[${t.values.map(pyStr).join(', ')}]`; im.add('typing', 'Literal'); break;
    case 'list': base = 'list[SafeStr]'; im.add('app.schemas.common', 'SafeStr'); break;
    case 'ref': base = 'RecordId'; im.add('app.schemas.common', 'RecordId'); break;
  }
  return base;
}

/** The pydantic annotation of a field (without `| None`). */
function dtoType(f: FieldSpec, im: Imports, flavor: TypeFlavor): string {
  const base = fieldBaseType(f, im, flavor);
  const args = constraintArgs(f);
  // Pydantic refuses NaN and infinities for Decimal by default; said here so no edit loses it.
  if (f.type.kind === 'decimal' && flavor.helpers && flavor.storable !== false) args.push('allow_inf_nan=False');
  if (args.length === 0) return base;
  im.add('typing', 'Annotated').add('pydantic', 'Field');
  return `Annotated[${base}, Field(${args.join(', ')})]`;
}

/** The default clause of a Create field (`= x` or `= Field(default_factory=...)`), or ''. */
export function dtoDefault(f: FieldSpec, im: Imports): string {
  const d = f.default;
  if (!d) return f.optional ? ' = None' : '';
  if (d.kind === 'factory') {
    im.add('pydantic', 'Field');
    if (d.factory === 'now') {
      im.add('datetime', 'UTC', 'datetime');
      return ' = Field(default_factory=lambda: datetime.now(UTC))';
    }
    if (d.factory === 'today') {
      im.add('datetime', 'date');
      return ' = Field(default_factory=date.today)';
    }
    im.add('uuid', 'uuid4');
    return ' = Field(default_factory=uuid4)';
  }
  const v = d.value;
  if (v === null) return ' = None';
  switch (f.type.kind) {
    case 'decimal': im.add('decimal', 'Decimal'); return ` = Decimal(${pyStr(String(v))})`;
    case 'date': im.add('datetime', 'date'); return ` = date.fromisoformat(${pyStr(String(v))})`;
    case 'datetime': im.add('datetime', 'datetime'); return ` = datetime.fromisoformat(${pyStr(String(v))})`;
    case 'uuid': im.add('uuid', 'UUID'); return ` = UUID(${pyStr(String(v))})`;
    default: return ` = ${pyLiteral(v)}`;
  }
}

/** How a DTO family is emitted: a table-backed resource, or a stand-alone DTO. */
export interface DtoFamilyOptions {
  /** `XPublic` carries the database `id` (true for resources and for DTOs named after a model). */
  readonly withId: boolean;
  /** Also emit the paginated list model `XsPublic`. */
  readonly withList: boolean;
  /** The formatter's line length (unset: the `init` layout's 120). */
  readonly lineLength?: number;
  /** How scalars are spelled; default: the `init` helpers of app.schemas.common. */
  readonly flavor?: TypeFlavor;
  /** `XPublic` also carries the owner's id (an owned resource); Create and Update never do. */
  readonly ownerField?: string;
}

/**
 * The Pydantic v2 family for a set of fields — `XBase`, `XCreate`, `XUpdate`
 * (every field optional, for PATCH), `XPublic` — with the module-level
 * aliases and imports it needs, for a new module or one that exists.
 */
export function emitDtoFamily(
  spec: Pick<ResourceSpec, 'names' | 'fields'>,
  options: DtoFamilyOptions,
): { imports: Imports; aliases: string; classes: string; definedNames: string[] } {
  const { names, fields } = spec;
  const im = new Imports().add('pydantic', 'BaseModel', 'ConfigDict');
  // Constrained types get a module-level alias, shared by Base and Update and
  // short enough for one line each: `BookTitle = Annotated[str, Field(max_length=200)]`.
  const classNames = ['Base', 'Create', 'Update', 'Public'].map((s) => names.className + s);
  if (options.withList) classNames.push(`${names.classPlural}Public`);
  const taken = new Set(classNames);
  const aliases: string[] = [];
  const typeOf = new Map<FieldSpec, string>();
  for (const f of fields) {
    const type = dtoType(f, im, options.flavor ?? INIT_FLAVOR);
    if (!type.startsWith('Annotated[')) {
      typeOf.set(f, type);
      continue;
    }
    let alias = names.className + f.name.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    if (taken.has(alias)) alias += 'Value';
    taken.add(alias);
    const flat = `${alias} = ${type}`;
    // Too long for the project's formatter: the bracket split ruff format and black write
    // (the init layout's pyproject.toml sets 120).
    aliases.push(flat.length <= (options.lineLength ?? 120) ? flat : `${alias} = Annotated[\n    ${type.slice('Annotated['.length, -1)}\n]`);
    typeOf.set(f, alias);
  }
  const base = fields.map((f) => `    ${f.name}: ${typeOf.get(f)}${f.optional ? ' | None' : ''}${dtoDefault(f, im)}`);
  const update = fields.map((f) => `    ${f.name}: ${typeOf.get(f)} | None = None`);
  const required = fields.filter((f) => !f.optional).map((f) => pyStr(f.name));
  let nullGuard = '';
  if (required.length > 0) {
    im.add('pydantic', 'model_validator').add('typing', 'Self');
    nullGuard = `

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        ${(options.lineLength ?? 100) >= 94 ? '# Omitting a field leaves it unchanged; sending null for a required field is an error.' : '# An omitted field stays unchanged; null for a required field is an error.'}
        for name in ${pyTuple(required, 8)}:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self`;
  }
  const C = names.className;
  const owner = options.ownerField ? `\n    ${options.ownerField}: int` : '';
  const publicBody = options.withId ? `    model_config = ConfigDict(from_attributes=True)

    id: int${owner}` : `    model_config = ConfigDict(from_attributes=True)${owner ? `\n${owner}` : ''}`;
  const list = options.withList ? `


class ${names.classPlural}Public(BaseModel):
    data: list[${C}Public]
    count: int` : '';
  const classes = `class ${C}Base(BaseModel):
${base.join('\n')}


class ${C}Create(${C}Base):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class ${C}Update(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

${update.join('\n')}${nullGuard}


class ${C}Public(${C}Base):
${publicBody}${list}
`;
  return { imports: im, aliases: aliases.join('\n'), classes, definedNames: [...classNames, ...aliases.map((a) => a.slice(0, a.indexOf(' ')))] };
}

/** `guarded`: the project has the input-guard helpers (see initFlavor). */
export function emitSchemas(spec: ResourceSpec, guarded = true): string {
  const { imports, aliases, classes } = emitDtoFamily(spec, {
    withId: true, withList: true, flavor: initFlavor(guarded), ...(spec.owned ? { ownerField: OWNER_FIELD } : {}),
  });
  return `"""Request and response models for ${spec.names.wordsPlural}."""

${imports.render()}
${aliases ? `\n${aliases}\n` : ''}

${classes}`;
}

/**
 * The SQLAlchemy column type of a field and its Python type: `String(200)` /
 * `str`. `tableOf` names the table a reference points to. Shared by the init
 * model emitter and the styled ones (Mapped and legacy Column alike).
 */
export function sqlColumnType(f: FieldSpec, im: Imports, tableOf: (target: string) => string, refPy = 'int'): { py: string; args: string[] } {
  const t = f.type;
  const args: string[] = [];
  let py: string;
  switch (t.kind) {
    case 'str': py = 'str'; args.push(`String(${f.max ?? DEFAULT_STR_LENGTH})`); im.add('sqlalchemy', 'String'); break;
    case 'text': py = 'str'; args.push('Text'); im.add('sqlalchemy', 'Text'); break;
    case 'email': py = 'str'; args.push(`String(${f.max ?? 320})`); im.add('sqlalchemy', 'String'); break;
    case 'url': py = 'str'; args.push(`String(${f.max ?? 2083})`); im.add('sqlalchemy', 'String'); break;
    case 'int': py = 'int'; args.push('BigInteger'); im.add('sqlalchemy', 'BigInteger'); break;
    case 'float': py = 'float'; args.push('Float'); im.add('sqlalchemy', 'Float'); break;
    case 'decimal': py = 'Decimal'; args.push(`Numeric(${DECIMAL_DIGITS}, ${DECIMAL_PLACES})`); im.add('sqlalchemy', 'Numeric').add('decimal', 'Decimal'); break;
    case 'bool': py = 'bool'; args.push('Boolean'); im.add('sqlalchemy', 'Boolean'); break;
    case 'date': py = 'date'; args.push('Date'); im.add('sqlalchemy', 'Date').add('datetime', 'date'); break;
    case 'datetime': py = 'datetime'; args.push('DateTime(timezone=True)'); im.add('sqlalchemy', 'DateTime').add('datetime', 'datetime'); break;
    case 'uuid': py = 'UUID'; args.push('Uuid'); im.add('sqlalchemy', 'Uuid').add('uuid', 'UUID'); break;
    case 'json': py = 'Any'; args.push('JSON'); im.add('sqlalchemy', 'JSON').add('typing', 'Any'); break;
    case 'list': py = 'list[str]'; args.push('JSON'); im.add('sqlalchemy', 'JSON'); break;
    case 'enum': {
      py = 'str';
      const longest = Math.max(...t.values.map((v) => v.length));
      args.push(`String(${Math.max(32, longest)})`);
      im.add('sqlalchemy', 'String');
      break;
    }
    case 'ref': {
      py = refPy;
      args.push(`ForeignKey(${pyStr(`${tableOf(t.target)}.id`)}, ondelete="RESTRICT")`);
      im.add('sqlalchemy', 'ForeignKey');
      break;
    }
  }
  return { py, args };
}

/** `guarded`: app/db.py has IdType, the BIGINT key type. */
export function emitModel(spec: ResourceSpec, models: readonly ModelInfo[], guarded = true): string {
  const { names, fields } = spec;
  const im = new Imports().add('sqlalchemy.orm', 'Mapped', 'mapped_column').add('app.db', 'Base');
  if (guarded) im.add('app.db', 'IdType');
  const tableOf = (target: string) => (target === names.className ? names.snakePlural : (models.find((m) => m.className === target)?.tableName ?? resourceNames(target).snakePlural));
  const lines = fields.map((f) => {
    const t = f.type;
    const { py, args } = sqlColumnType(f, im, tableOf);
    // JSON columns are typed Any, so nullability cannot be inferred from Mapped[].
    if (t.kind === 'json') args.push(`nullable=${f.optional ? 'True' : 'False'}`);
    if (f.unique) args.push('unique=True');
    if (f.index || t.kind === 'ref') args.push('index=True');
    const mapped = f.optional && t.kind !== 'json' ? `${py} | None` : py;
    return `    ${f.name}: Mapped[${mapped}] = mapped_column(${args.join(', ')})`;
  });
  if (spec.owned) {
    // The owner comes from the token on create and is never changed through the API;
    // a user's rows go with the user.
    im.add('sqlalchemy', 'ForeignKey');
    lines.push(`    ${OWNER_FIELD}: Mapped[int] = mapped_column(ForeignKey(${pyStr(`${tableOf('User')}.id`)}, ondelete="CASCADE"), index=True)`);
  }
  return `"""The ${names.snakePlural} table."""

${im.render()}


class ${names.className}(Base):
    __tablename__ = ${pyStr(names.snakePlural)}

    id: Mapped[int] = mapped_column(${guarded ? 'IdType, ' : ''}primary_key=True)
${lines.join('\n')}
`;
}

function refTargets(spec: ResourceSpec): { field: string; target: string }[] {
  return spec.fields.flatMap((f) => (f.type.kind === 'ref' ? [{ field: f.name, target: f.type.target }] : []));
}

function modelModuleOf(className: string, models: readonly ModelInfo[]): string {
  const found = models.find((m) => m.className === className);
  return (found?.path ?? resourcePaths(className).model).replace(/\.py$/, '').replace(/\//g, '.');
}

export function emitRepository(spec: ResourceSpec, models: readonly ModelInfo[]): string {
  const text = emitRepositoryFor(spec.names.className, `app.models.${spec.names.snake}`, refTargets(spec), models);
  return spec.owned ? ownedRepository(text, spec.names.className) : text;
}

/** A `def` line at `indent`, one parameter per line (magic trailing comma) past 120 columns, as ruff format keeps it. */
function pyDef(head: string, params: readonly string[], returns: string, indent: number): string {
  const flat = `${head}(${params.join(', ')}) -> ${returns}:`;
  if (indent + flat.length <= 120) return flat;
  const pad = ' '.repeat(indent);
  return `${head}(\n${params.map((p) => `${pad}    ${p},\n`).join('')}${pad}) -> ${returns}:`;
}

/**
 * The owner-scoped methods of an owned resource's repository, on the generic base's
 * own helpers (`_check_references`, `_commit`), so a project `init` made earlier takes them too.
 */
function ownedRepository(base: string, C: string): string {
  const head = base.indexOf('\n\n');
  const imports = 'from pydantic import BaseModel\nfrom sqlalchemy import func, select\n\n';
  const methods = `

    async def create_for_owner(self, data: BaseModel, owner_id: int) -> ${C}:
        """A new row owned by owner_id (taken from the token, never from the body)."""
        values = {**data.model_dump(), "${OWNER_FIELD}": owner_id}
        await self._check_references(values)
        item = ${C}(**values)
        self.session.add(item)
        await self._commit()
        return item

    async def get_for_owner(self, item_id: int, owner_id: int | None) -> ${C} | None:
        """The row when it exists and belongs to owner_id; None (every row) for a superuser."""
        item = await self.get(item_id)
        if item is None or (owner_id is not None and item.${OWNER_FIELD} != owner_id):
            return None
        return item

    ${pyDef('async def page_for_owner', ['self', '*', 'owner_id: int | None', 'limit: int', 'offset: int'], `tuple[list[${C}], int]`, 4)}
        """One page of owner_id's rows (every row for None) in id order, and their count."""
        query = select(${C})
        if owner_id is not None:
            query = query.where(${C}.${OWNER_FIELD} == owner_id)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(query.order_by(${C}.id).limit(limit).offset(offset))
        return list(rows), total or 0
`;
  return `${base.slice(0, head + 2)}${imports}${base.slice(head + 2).trimEnd()}${methods}`;
}

/**
 * A repository class on the project's generic base for one model;
 * `refs` are its foreign-key fields, checked before every write.
 */
export function emitRepositoryFor(
  className: string,
  modelModule: string,
  refs: readonly { field: string; target: string }[],
  models: readonly ModelInfo[],
): string {
  const names = resourceNames(className);
  const im = new Imports().add('app.repositories.base', 'Repository').add(modelModule, className);
  for (const r of refs) if (r.target !== className) im.add(modelModuleOf(r.target, models), r.target);
  const references = refs.length === 0 ? '' : `
    references = {${refs.map((r) => `${pyStr(r.field)}: ${r.target}`).join(', ')}}`;
  return `"""Data access for ${names.wordsPlural}."""

${im.render()}


class ${className}Repository(Repository[${className}]):
    model = ${className}${references}
`;
}

/**
 * `modelModule`: where the model class is imported from (a hand-written model may live elsewhere);
 * `guarded`: app/schemas/common.py has MAX_ID, which bounds the path ids and offset.
 */
export function emitRouter(spec: ResourceSpec, modelModule = `app.models.${spec.names.snake}`, guarded = true, access: RouterAccess = {}): string {
  const { names, auth } = spec;
  const owned = spec.owned === true;
  const C = names.className;
  const idName = `${names.snake}_id`;
  const im = new Imports()
    .add('typing', 'Annotated')
    .add('fastapi', 'APIRouter', 'Depends', 'HTTPException', 'Query', 'Response', 'status')
    .add('app.deps', 'SessionDep')
    .add('app.errors', 'repository_errors')
    .add(modelModule, C)
    .add(`app.repositories.${names.snake}`, `${C}Repository`)
    .add('app.schemas.common', 'error_responses')
    .add(`app.schemas.${names.snake}`, `${C}Create`, `${C}Public`, `${C}Update`, `${names.classPlural}Public`);
  if (owned) im.add('app.deps', 'CurrentUserDep').add(access.userModule ?? 'app.models.user', 'User');
  else if (auth === 'admin') im.add('app.deps', 'get_current_superuser');
  else if (auth !== 'none') im.add('app.deps', 'get_current_user');
  if (guarded) im.add('fastapi', 'Path').add('app.schemas.common', 'MAX_ID');
  // A router left open on request says so once, where the rule missing-auth reads it.
  const publicNote = auth === 'none' ? '# Public by choice (--auth none): no route here requires a login.\n# backend-skill: ignore[missing-auth]\n' : '';
  const routerAuth = auth === 'all' && !owned;
  const routes = CRUD_OPERATIONS.map((op) => emitRoute(crudRoute(op, spec, { router: 'router', inline404: false, routerAuth, owned, ...(guarded ? { maxId: 'MAX_ID' } : {}) })));
  const lookup = owned ? ownedLookup(names, idName, access.superuser === true) : `async def get_or_404(repo: ${C}Repository, ${idName}: int) -> ${C}:
${getOr404Lines(idName, notFoundDetail(names)).map((l) => `    ${l}`).join('\n')}
    return item`;
  return `${routerDocstring(names)}

${im.render()}

${publicNote}${routerDeclaration(names, routerAuth)}


${repositoryDependency(C)}

${lookup}


${routes.join('\n\n')}`;
}

/** What an owned or admin router needs to know of the project. */
export interface RouterAccess {
  /** The project has the superuser role (User.is_superuser): superusers see every owned row. */
  readonly superuser?: boolean;
  /** The module of the User model (default app.models.user). */
  readonly userModule?: string;
}

/**
 * The owner scope and the 404 of an owned router: another user's row answers exactly
 * like a missing one, so ids of other users' rows cannot be probed.
 */
function ownedLookup(names: ResourceNames, idName: string, superuser: boolean): string {
  const C = names.className;
  const scope = superuser
    ? `def owner_scope(user: User) -> int | None:
    """Whose rows the user may see and change: their own, or every row (None) for a superuser."""
    return None if user.is_superuser else user.id`
    : `def owner_scope(user: User) -> int | None:
    """Whose rows the user may see and change: their own (this project has no superuser role)."""
    return user.id`;
  return `${scope}


${pyDef('async def get_or_404', [`repo: ${C}Repository`, `${idName}: int`, 'user: User'], C, 0)}
    item = await repo.get_for_owner(${idName}, owner_scope(user))
    if item is None:
        ${notFoundRaise(notFoundDetail(names))}
    return item`;
}

/** The six routes of a CRUD router, in the order the router declares them. */
export const CRUD_OPERATIONS = ['create', 'list', 'get', 'replace', 'update', 'delete'] as const;
export type CrudOperation = (typeof CRUD_OPERATIONS)[number];

export interface CrudRouteOptions {
  /** The router variable. */
  readonly router: string;
  /**
   * Fetch the item and raise the 404 in the handler itself (a route that stands
   * alone: snippets, completions) instead of calling the module's `get_or_404`.
   */
  readonly inline404: boolean;
  /** How write routes (and, with auth `all`, reads) require the user: a route dependency (default) or a parameter. */
  readonly authParam?: string;
  /** The router itself requires the user (`APIRouter(dependencies=...)`): no route-level guard. */
  readonly routerAuth?: boolean;
  /**
   * The largest id the table holds (`MAX_ID`): path ids and `offset` are bounded by it, so
   * a number the database cannot take is a 422, not a driver overflow (500). Unset: plain `int`.
   */
  readonly maxId?: string;
  /**
   * Rows belong to their user (`--owned`): every route takes `current_user: CurrentUserDep`,
   * creates stamp the owner, and reads and writes go through the module's owner-scoped `get_or_404`.
   */
  readonly owned?: boolean;
}

/** "an order line", "a book": good enough for summaries. */
const withArticle = (words: string) => `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;

/** "Order line not found". */
export const notFoundDetail = (names: ResourceNames) => `${capitalize(names.words)} not found`;

/** One route of a resource's CRUD router, as a template for `emitRoute`. */
export function crudRoute(op: CrudOperation, spec: Pick<ResourceSpec, 'names' | 'auth'>, options: CrudRouteOptions): RouteTemplate {
  const { names, auth } = spec;
  const C = names.className;
  const idName = `${names.snake}_id`;
  const aw = withArticle(names.words);
  const write = op !== 'list' && op !== 'get';
  const owned = options.owned === true;
  const admin = auth === 'admin' && write;
  // Auth on writes (auth writes|all|admin) or on every route (all), unless the router already
  // requires it; an owned route takes the user as a parameter instead.
  const guarded = !options.routerAuth && !owned && (auth === 'all' || ((auth === 'writes' || auth === 'admin') && write));
  const errors = [
    ...(guarded || owned || (auth === 'all' && options.routerAuth) ? [401] : []), ...(admin ? [403] : []),
    ...(op === 'create' ? [409] : op === 'list' ? [] : op === 'get' ? [404] : [404, 409]),
  ];
  const guard = guarded && !options.authParam ? { dependencies: [admin ? 'Depends(get_current_superuser)' : 'Depends(get_current_user)'] } : {};
  const authParams = owned ? ['current_user: CurrentUserDep'] : guarded && options.authParam ? [options.authParam] : [];
  const user = owned ? ', current_user' : '';
  const fetch = options.inline404 ? getOr404Lines(idName, notFoundDetail(names)) : [`item = await get_or_404(repo, ${idName}${user})`];
  const common = { router: options.router, errorResponses: errors, ...guard };
  const idParam = `${idName}: ${options.maxId ? `Annotated[int, Path(ge=1, le=${options.maxId})]` : 'int'}`;
  // The bounded id is long: such signatures wrap past 120 columns, as ruff format would.
  const signature = options.maxId ? ('auto' as const) : ('single' as const);
  const offset = `offset: Annotated[int, Query(ge=0${options.maxId ? `, le=${options.maxId}` : ''})] = 0`;
  switch (op) {
    case 'create':
      return { ...common, method: 'POST', path: '', name: `create_${names.snake}`, params: [`payload: ${C}Create`, 'repo: RepositoryDep', ...authParams], statusCode: successStatus('POST'), responseModel: `${C}Public`, summary: `Create ${aw}`, returns: C, signature, body: ['with repository_errors():', owned ? '    return await repo.create_for_owner(payload, current_user.id)' : '    return await repo.create(payload)'] };
    case 'list':
      return {
        ...common, method: 'GET', path: '', name: `list_${names.snakePlural}`,
        params: ['repo: RepositoryDep', ...authParams, 'limit: Annotated[int, Query(ge=1, le=100)] = 50', offset],
        summary: `List ${names.wordsPlural}, oldest first`, returns: `${names.classPlural}Public`, signature: 'wrapped',
        body: [owned ? 'items, count = await repo.page_for_owner(owner_id=owner_scope(current_user), limit=limit, offset=offset)' : 'items, count = await repo.page(limit=limit, offset=offset)', `return ${names.classPlural}Public(data=[${C}Public.model_validate(item) for item in items], count=count)`],
      };
    case 'get':
      return { ...common, method: 'GET', path: `/{${idName}}`, name: `get_${names.snake}`, params: [idParam, 'repo: RepositoryDep', ...authParams], responseModel: `${C}Public`, summary: `Get ${aw}`, returns: C, signature, body: options.inline404 ? [...fetch, 'return item'] : [`return await get_or_404(repo, ${idName}${user})`] };
    case 'replace':
    case 'update':
      return {
        ...common, method: op === 'replace' ? 'PUT' : 'PATCH', path: `/{${idName}}`, name: `${op}_${names.snake}`,
        params: [idParam, `payload: ${C}${op === 'replace' ? 'Create' : 'Update'}`, 'repo: RepositoryDep', ...authParams], responseModel: `${C}Public`,
        summary: op === 'replace' ? `Replace ${aw}` : `Update some fields of ${aw}`, returns: C, signature,
        body: [...fetch, 'with repository_errors():', `    return await repo.${op}(item, payload)`],
      };
    case 'delete':
      return { ...common, method: 'DELETE', path: `/{${idName}}`, name: `delete_${names.snake}`, params: [idParam, 'repo: RepositoryDep', ...authParams], statusCode: successStatus('DELETE'), responseClass: 'Response', summary: `Delete ${aw}`, returns: 'None', signature, body: [...fetch, 'with repository_errors():', '    await repo.delete(item)'] };
  }
}

/** The module docstring of a resource's router. */
export const routerDocstring = (names: ResourceNames) => `"""HTTP routes for ${names.wordsPlural}: /${names.kebabPlural}."""`;

/** `router = APIRouter(prefix="/books", tags=["books"])`, optionally guarded as a whole. */
export function routerDeclaration(names: ResourceNames, guarded: boolean): string {
  return `router = APIRouter(prefix=${pyStr('/' + names.kebabPlural)}, tags=[${pyStr(names.kebabPlural)}]${guarded ? ', dependencies=[Depends(get_current_user)]' : ''})`;
}

/** The repository as an `Annotated` dependency: a provider taking the session, and its alias. */
export function repositoryDependency(className: string, provider = 'get_repository', alias = 'RepositoryDep'): string {
  return `def ${provider}(session: SessionDep) -> ${className}Repository:
    return ${className}Repository(session)


${alias} = Annotated[${className}Repository, Depends(${provider})]
`;
}

/** A Python expression for a sample value of a field (uses `variant`, `suffix`, `n` from the payload function). */
function pySample(f: FieldSpec, spec: ResourceSpec): string {
  const t = f.type;
  if (t.kind === 'ref') {
    if (t.target === spec.names.className) return 'None';
    if (t.target === 'User') return 'current_user_id(client, headers)';
    return `create_${resourceNames(t.target).snake}(client, headers)["id"]`;
  }
  if (f.unique) {
    const fit = (expr: string) => {
      let out = expr;
      if (f.max !== undefined || t.kind === 'str') out = `${out}[:${f.max ?? DEFAULT_STR_LENGTH}]`;
      if (f.min !== undefined) out = `${out}.ljust(${f.min}, "x")`;
      return out;
    };
    const clamp = (expr: string) => {
      let out = expr;
      if (f.min !== undefined) out = `max(${out}, ${f.min})`;
      if (f.max !== undefined) out = `min(${out}, ${f.max})`;
      return out;
    };
    switch (t.kind) {
      case 'str': case 'text': return fit(`f"{suffix}{variant}-${f.name}"`);
      case 'email': return `f"${f.name.replace(/_/g, '-')}-{suffix}{variant}@example.com"`;
      case 'url': return `f"https://example.com/${f.name}/{suffix}{variant}"`;
      case 'int': return clamp('1000 + n * 2 + variant');
      case 'float': return clamp('1000 + n * 2 + variant + 0.25');
      case 'decimal': return `f"{${clamp('1000 + n * 2 + variant + 0.25')}:.2f}"`;
      case 'date': return '(date(2000, 1, 1) + timedelta(days=1000 + n * 2 + variant)).isoformat()';
      case 'datetime': return '(datetime(2000, 1, 1) + timedelta(minutes=1000 + n * 2 + variant)).isoformat() + "Z"';
      case 'uuid': return 'str(uuid4())';
      default: break;
    }
  }
  const source: UniqueSource = { suffix: '', seq: 0, uuid: '' };
  const a = pyLiteral(sampleValue(f, 0, source));
  const b = pyLiteral(sampleValue(f, 1, source));
  return a === b ? a : `(${a}, ${b})[variant]`;
}

/**
 * The probes that once answered 500: ids and offsets past BIGINT, NaN and
 * Infinity (JSON literals Python's parser accepts), NUL in text, and a body
 * over the size limit, declared and chunked. Each must be a 4xx.
 */
function hostileInputTest(spec: ResourceSpec, bigKeys: boolean): string {
  const { names, fields } = spec;
  const s = names.snake;
  const path = `/${names.kebabPlural}`;
  const P = pyStr(path);
  const H = 'headers=auth_headers';
  const lines: string[] = [
    `    missing = f"${path}/{MAX_ID}"`,
    ...(bigKeys ? [
      '    # The largest id fits the key column: looked up, not found.',
      `    assert client.get(missing, ${H}).status_code == 404`,
    ] : [
      '    # Looked up (404), or refused by a key column narrower than BIGINT (422).',
      `    assert client.get(missing, ${H}).status_code in (404, 422)`,
    ]),
    `    for bad_id in ("0", str(MAX_ID + 1), "99999999999999999999"):`,
    `        assert client.get(f"${path}/{bad_id}", ${H}).status_code == 422, bad_id`,
    `        assert client.delete(f"${path}/{bad_id}", ${H}).status_code == 422, bad_id`,
    `    assert client.get(${P}, params={"offset": MAX_ID}, ${H}).status_code == 200`,
    `    assert client.get(${P}, params={"offset": MAX_ID + 1}, ${H}).status_code == 422`,
    `    payload = ${s}_payload(client, auth_headers)`,
    '    json_headers = {**auth_headers, "Content-Type": "application/json"}',
  ];
  const ref = fields.find((f) => f.type.kind === 'ref');
  if (ref) {
    lines.push(
      `    for bad_ref in (0, MAX_ID, MAX_ID + 1):`,
      `        response = client.post(${P}, json={**payload, ${pyStr(ref.name)}: bad_ref}, ${H})`,
      `        assert response.status_code == 422, response.text`,
    );
  }
  // NaN and Infinity where a number is expected (else into any typed field): the 422 must still render.
  const numeric = fields.filter((f) => f.type.kind === 'float' || f.type.kind === 'decimal');
  const targets = numeric.length > 0 ? numeric : fields.filter((f) => f.type.kind !== 'json').slice(0, 1);
  const json = fields.filter((f) => f.type.kind === 'json');
  const nanCases = [
    ...targets.flatMap((f) => [`(${pyStr(f.name)}, float("nan"))`, `(${pyStr(f.name)}, float("inf"))`]),
    ...json.map((f) => `(${pyStr(f.name)}, {"x": [float("-inf")]})`),
  ];
  if (nanCases.length > 0) {
    lines.push(
      `    numbers: list[tuple[str, Any]] = ${pyList(nanCases, 4, 36)}`,
      '    for name, value in numbers:',
      '        # dumps writes NaN and Infinity literals, as a hostile client would.',
      `        response = client.post(${P}, content=dumps({**payload, name: value}), headers=json_headers)`,
      '        assert response.status_code == 422, response.text',
    );
  }
  const texts = fields.filter((f) => f.type.kind === 'str' || f.type.kind === 'text' || f.type.kind === 'list');
  if (texts.length > 0) {
    const cases = texts.map((f) => `(${pyStr(f.name)}, ${f.type.kind === 'list' ? '["a\\x00b"]' : '"a\\x00b"'})`);
    lines.push(
      `    texts: list[tuple[str, Any]] = ${pyList(cases, 4, 34)}`,
      '    for name, value in texts:',
      `        response = client.post(${P}, json={**payload, name: value}, ${H})`,
      '        assert response.status_code == 422, response.text',
      '        assert name in response.text',
    );
  }
  lines.push(
    '    too_big = b"x" * (settings.max_body_bytes + 1)',
    `    assert client.post(${P}, content=too_big, headers=json_headers).status_code == 413`,
    '    # Without Content-Length (chunked), the limit is counted as the body arrives.',
    '    chunks = iter([too_big[:1024], too_big[1024:]])',
    `    assert client.post(${P}, content=chunks, headers=json_headers).status_code == 413`,
  );
  return `def test_hostile_${s}_input_is_4xx(client: TestClient, auth_headers: dict[str, str]) -> None:
${lines.join('\n')}`;
}

/** A create whose body is not declared as JSON is a 415 (app/content_type.py), JSON with a charset is read. */
function jsonBodyTest(spec: ResourceSpec): string {
  const s = spec.names.snake;
  const P = pyStr(`/${spec.names.kebabPlural}`);
  return `def test_${s}_body_must_be_json(client: TestClient, auth_headers: dict[str, str]) -> None:
    body = dumps(${s}_payload(client, auth_headers)).encode()
    # Another media type, or none declared: 415 with the usual error body, before any validation.
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        headers = auth_headers if content_type is None else {**auth_headers, "Content-Type": content_type}
        response = client.post(${P}, content=body, headers=headers)
        assert response.status_code == 415, (content_type, response.text)
        assert response.json()["request_id"] == response.headers["x-request-id"]
    json_utf8 = {**auth_headers, "Content-Type": "application/json; charset=utf-8"}
    created = client.post(${P}, content=body, headers=json_utf8)
    assert created.status_code == 201, created.text`;
}

export function emitTests(
  spec: ResourceSpec,
  /**
   * bigKeys: the table's id column is the generated BIGINT key (false for a hand-written model);
   * hostile: the project has the input guards, so their test is written (default true);
   * jsonBodies: the project answers non-JSON bodies 415 (app/content_type.py), so that is tested.
   */
  options: { readonly bigKeys?: boolean; readonly hostile?: boolean; readonly jsonBodies?: boolean; readonly access?: TestAccess } = {},
): string {
  const { names, fields, auth } = spec;
  const owned = spec.owned === true;
  const access = options.access ?? { superuser: true, userFixtures: true };
  const C = names.className;
  const path = `/${names.kebabPlural}`;
  const s = names.snake;
  const im = new Imports()
    .add('typing', 'Any')
    .add('json', 'dumps')
    .add('fastapi.testclient', 'TestClient')
    .add('app.schemas.common', 'MAX_ID')
    .add('app.settings', 'settings')
    .add('tests.conftest', 'assert_fields_equal', 'unique_number', 'unique_suffix');
  for (const f of fields) {
    if (f.type.kind === 'ref' && f.type.target === 'User') im.add('tests.conftest', 'current_user_id');
    else if (f.type.kind === 'ref' && f.type.target !== C) {
      const t = resourceNames(f.type.target);
      im.add(`tests.test_${t.snakePlural}`, `create_${t.snake}`);
    }
    if (f.unique && (f.type.kind === 'date' || f.type.kind === 'datetime')) im.add('datetime', 'date', 'datetime', 'timedelta');
    if (f.unique && f.type.kind === 'uuid') im.add('uuid', 'uuid4');
  }
  const kinds = fields.filter((f) => compareKind(f.type) !== 'exact').map((f) => `${pyStr(f.name)}: ${pyStr(compareKind(f.type))}`);
  const payload = fields.map((f) => `        ${pyStr(f.name)}: ${pySample(f, spec)},`);
  // Only the helpers the payload uses: unused locals would be lint findings.
  const usesSuffix = payload.some((l) => l.includes('{suffix}'));
  const usesNumber = payload.some((l) => /\bn \*/.test(l));
  const preamble = `${usesSuffix ? '    suffix = unique_suffix()\n' : ''}${usesNumber ? '    n = unique_number()\n' : ''}`;
  if (!usesSuffix) im.remove('tests.conftest', 'unique_suffix');
  if (!usesNumber) im.remove('tests.conftest', 'unique_number');
  // A field PATCH can change on its own: a plain, non-reference field.
  const patchable = fields.find((f) => f.type.kind !== 'ref' && !f.unique) ?? fields.find((f) => f.type.kind !== 'ref');
  const unique = fields.find((f) => f.unique);
  const invalid = fields.find((f) => f.type.kind !== 'json');
  const required = fields.filter((f) => !f.optional && !f.default);
  const H = 'headers=auth_headers';

  const tests: string[] = [];
  tests.push(`def test_create_and_read_${s}(client: TestClient, auth_headers: dict[str, str]) -> None:
    payload = ${s}_payload(client, auth_headers)
    created = client.post(${pyStr(path)}, json=payload, ${H})
    assert created.status_code == 201, created.text
    body = created.json()
    assert isinstance(body["id"], int)
    assert_fields_equal(body, payload, KINDS)
    fetched = client.get(f"${path}/{body['id']}", ${H})
    assert fetched.status_code == 200, fetched.text
    assert_fields_equal(fetched.json(), payload, KINDS)`);
  tests.push(`def test_list_${names.snakePlural}_paginates(client: TestClient, auth_headers: dict[str, str]) -> None:
    for _ in range(3):
        response = client.post(${pyStr(path)}, json=${s}_payload(client, auth_headers), ${H})
        assert response.status_code == 201, response.text
    first = client.get(${pyStr(path)}, params={"limit": 2, "offset": 0}, ${H})
    assert first.status_code == 200, first.text
    page = first.json()
    assert len(page["data"]) == 2
    assert page["count"] >= 3
    second = client.get(${pyStr(path)}, params={"limit": 2, "offset": 2}, ${H}).json()
    assert {item["id"] for item in page["data"]}.isdisjoint(item["id"] for item in second["data"])
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}):
        assert client.get(${pyStr(path)}, params=bad, ${H}).status_code == 422`);
  tests.push(`def test_replace_and_patch_${s}(client: TestClient, auth_headers: dict[str, str]) -> None:
    created = client.post(${pyStr(path)}, json=${s}_payload(client, auth_headers), ${H}).json()
    replacement = ${s}_payload(client, auth_headers, variant=1)
    replaced = client.put(f"${path}/{created['id']}", json=replacement, ${H})
    assert replaced.status_code == 200, replaced.text
    assert_fields_equal(replaced.json(), replacement, KINDS)${patchable ? `
    change = {${pyStr(patchable.name)}: ${s}_payload(client, auth_headers)[${pyStr(patchable.name)}]}
    patched = client.patch(f"${path}/{created['id']}", json=change, ${H})
    assert patched.status_code == 200, patched.text
    assert_fields_equal(patched.json(), {**replacement, **change}, KINDS)` : ''}`);
  tests.push(`def test_missing_${s}_is_404(client: TestClient, auth_headers: dict[str, str]) -> None:
    missing = "${path}/2147483000"
    assert client.get(missing, ${H}).status_code == 404
    assert client.put(missing, json=${s}_payload(client, auth_headers), ${H}).status_code == 404
    assert client.patch(missing, json={}, ${H}).status_code == 404
    assert client.delete(missing, ${H}).status_code == 404`);
  tests.push(`def test_delete_${s}(client: TestClient, auth_headers: dict[str, str]) -> None:
    created = client.post(${pyStr(path)}, json=${s}_payload(client, auth_headers), ${H}).json()
    deleted = client.delete(f"${path}/{created['id']}", ${H})
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.get(f"${path}/{created['id']}", ${H}).status_code == 404`);
  tests.push(`def test_invalid_${s}_is_422(client: TestClient, auth_headers: dict[str, str]) -> None:${required.length ? `
    assert client.post(${pyStr(path)}, json={}, ${H}).status_code == 422` : ''}
    payload = ${s}_payload(client, auth_headers)
    assert client.post(${pyStr(path)}, json={**payload, "not_a_field": 1}, ${H}).status_code == 422${invalid ? `
    wrong = {**payload, ${pyStr(invalid.name)}: ${pyLiteral(invalidValue(invalid))}}
    assert client.post(${pyStr(path)}, json=wrong, ${H}).status_code == 422` : ''}`);
  if (auth !== 'none') {
    tests.push(`def test_${s}_writes_require_auth(client: TestClient, auth_headers: dict[str, str]) -> None:
    response = client.post(${pyStr(path)}, json=${s}_payload(client, auth_headers))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    forged_headers = {"Authorization": "Bearer forged"}
    forged = client.post(${pyStr(path)}, json=${s}_payload(client, auth_headers), headers=forged_headers)
    assert forged.status_code == 401${auth === 'all' || owned ? `
    assert client.get(${pyStr(path)}).status_code == 401` : ''}`);
  }
  const hostile = options.hostile ?? true;
  if (hostile) tests.push(hostileInputTest(spec, options.bigKeys ?? true));
  else im.remove('app.schemas.common', 'MAX_ID').remove('app.settings', 'settings');
  if (options.jsonBodies) tests.push(jsonBodyTest(spec));
  else if (!hostile) im.remove('json', 'dumps');
  if (unique) {
    tests.push(`def test_duplicate_${unique.name}_is_409(client: TestClient, auth_headers: dict[str, str]) -> None:
    first = ${s}_payload(client, auth_headers)
    assert client.post(${pyStr(path)}, json=first, ${H}).status_code == 201
    second = {**${s}_payload(client, auth_headers), ${pyStr(unique.name)}: first[${pyStr(unique.name)}]}
    response = client.post(${pyStr(path)}, json=second, ${H})
    assert response.status_code == 409, response.text`);
  }
  // Only superusers write an admin resource: the CRUD tests above write as one, and one test
  // shows a signed-in user without the role is refused.
  let helpers = '';
  if (auth === 'admin') {
    im.add('pytest', 'fixture');
    helpers = `

@fixture(scope="module")
def auth_headers(superuser_headers: dict[str, str]) -> dict[str, str]:
    """Writes need a superuser here: the CRUD tests of this module run as the run's superuser."""
    return superuser_headers
`;
    tests.push(adminTest(spec));
  }
  if (owned) {
    im.add('tests.conftest', 'current_user_id');
    if (access.userFixtures) {
      tests.push(...ownedTests(spec, access.superuser));
    } else {
      // A conftest from an older init has one user only: a second one is made here.
      im.add('pytest', 'fixture').add('secrets', 'token_urlsafe').add('uuid', 'uuid4');
      helpers += OTHER_USER_FIXTURE;
      tests.push(...ownedTests(spec, false));
    }
  }
  if (auth === 'admin') im.add('tests.conftest', 'superuser_headers_for');

  return `"""Tests for ${path} (generated by backend-skill; extend freely)."""

${im.render()}

# How response values are compared with what was sent (databases format these differently).
KINDS: dict[str, str] = {${kinds.join(', ')}}


def ${s}_payload(client: TestClient, headers: dict[str, str], variant: int = 0) -> dict[str, Any]:
    """A valid ${C}Create body; unique fields differ on every call."""
${preamble}    return {
${payload.join('\n')}
    }


def create_${s}(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:${auth === 'admin' ? `
    """Written by the run's superuser whoever asks: only superusers write ${names.wordsPlural}."""
    body = ${s}_payload(client, headers)
    response = client.post(${pyStr(path)}, json=body, headers=superuser_headers_for(client))` : `
    response = client.post(${pyStr(path)}, json=${s}_payload(client, headers), headers=headers)`}
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]
${helpers}

${tests.join('\n\n\n')}
`;
}

/** What the generated tests of an owned or admin resource can rely on. */
export interface TestAccess {
  /** The project has the superuser role (User.is_superuser, app.manage.set_superuser). */
  readonly superuser: boolean;
  /** tests/conftest.py has other_headers, superuser_headers and superuser_headers_for. */
  readonly userFixtures: boolean;
}

/** A second user for a test module whose conftest (from an older init) has only one. */
const OTHER_USER_FIXTURE = `

@fixture(scope="module")
def other_headers(client: TestClient) -> dict[str, str]:
    """A second, unrelated user: must not see or change the first one's rows."""
    email = f"other-{uuid4().hex[:12]}@example.com"
    password = token_urlsafe(16)
    registered = client.post("/auth/register", json={"email": email, "password": password})
    assert registered.status_code == 201, registered.text
    token = client.post("/auth/token", data={"username": email, "password": password})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}
`;

/** A test function's `def` line as ruff format writes it within 120 columns (fixtures after `client`). */
function testDef(name: string, fixtures: readonly string[]): string {
  const params = ['client: TestClient', ...fixtures.map((f) => `${f}: dict[str, str]`)];
  const flat = `def ${name}(${params.join(', ')}) -> None:`;
  if (flat.length <= 120) return flat;
  const hugged = `    ${params.join(', ')}`;
  if (hugged.length <= 120) return `def ${name}(\n${hugged}\n) -> None:`;
  return `def ${name}(\n${params.map((p) => `    ${p},\n`).join('')}) -> None:`;
}

/** Another user's row is a 404 everywhere; the owner comes from the token; superusers see all. */
function ownedTests(spec: ResourceSpec, superuser: boolean): string[] {
  const s = spec.names.snake;
  const path = `/${spec.names.kebabPlural}`;
  const P = pyStr(path);
  const O = OWNER_FIELD;
  const tests = [`${testDef(`test_other_users_${s}_is_404`, ['auth_headers', 'other_headers'])}
    payload = ${s}_payload(client, auth_headers)
    created = client.post(${P}, json=payload, headers=auth_headers).json()
    url = f"${path}/{created['id']}"
    # Another user's row answers exactly like a missing one: 404, never 403.
    assert client.get(url, headers=other_headers).status_code == 404
    replacement = ${s}_payload(client, other_headers)
    assert client.put(url, json=replacement, headers=other_headers).status_code == 404
    assert client.patch(url, json={}, headers=other_headers).status_code == 404
    assert client.delete(url, headers=other_headers).status_code == 404
    listed = client.get(${P}, params={"limit": 100}, headers=other_headers).json()
    assert created["id"] not in {item["id"] for item in listed["data"]}
    other_id = current_user_id(client, other_headers)
    assert all(item["${O}"] == other_id for item in listed["data"])
    # Untouched: the owner still reads it as created.
    fetched = client.get(url, headers=auth_headers)
    assert fetched.status_code == 200, fetched.text
    assert_fields_equal(fetched.json(), payload, KINDS)`,
  `${testDef(`test_${s}_owner_comes_from_the_token`, ['auth_headers', 'other_headers'])}
    payload = ${s}_payload(client, auth_headers)
    other_id = current_user_id(client, other_headers)
    # ${O} is not part of any body: sending it is refused (422) like any unknown field.
    refused = client.post(${P}, json={**payload, "${O}": other_id}, headers=auth_headers)
    assert refused.status_code == 422, refused.text
    created = client.post(${P}, json=payload, headers=auth_headers)
    assert created.status_code == 201, created.text
    owner_id = current_user_id(client, auth_headers)
    assert created.json()["${O}"] == owner_id
    url = f"${path}/{created.json()['id']}"
    assert client.put(url, json={**payload, "${O}": other_id}, headers=auth_headers).status_code == 422
    assert client.patch(url, json={"${O}": other_id}, headers=auth_headers).status_code == 422
    assert client.get(url, headers=auth_headers).json()["${O}"] == owner_id`];
  if (superuser) {
    tests.push(`${testDef(`test_superuser_sees_and_changes_every_${s}`, ['auth_headers', 'superuser_headers'])}
    created = create_${s}(client, auth_headers)
    url = f"${path}/{created['id']}"
    assert client.get(url, headers=superuser_headers).status_code == 200
    # Rows are listed in id order: the newest is on the last page.
    count = client.get(${P}, params={"limit": 1}, headers=superuser_headers).json()["count"]
    offset = max(0, count - 100)
    last = client.get(${P}, params={"limit": 100, "offset": offset}, headers=superuser_headers).json()
    assert created["id"] in {item["id"] for item in last["data"]}
    replacement = ${s}_payload(client, auth_headers, variant=1)
    replaced = client.put(url, json=replacement, headers=superuser_headers)
    assert replaced.status_code == 200, replaced.text
    assert_fields_equal(replaced.json(), replacement, KINDS)
    assert replaced.json()["${O}"] == created["${O}"], "the row keeps its owner"
    assert client.delete(url, headers=superuser_headers).status_code == 204
    assert client.get(url, headers=auth_headers).status_code == 404`);
  }
  return tests;
}

/** A signed-in user without the superuser role reads an admin resource but may not write it. */
function adminTest(spec: ResourceSpec): string {
  const s = spec.names.snake;
  const path = `/${spec.names.kebabPlural}`;
  const P = pyStr(path);
  return `${testDef(`test_${s}_writes_need_the_superuser_role`, ['other_headers', 'superuser_headers'])}
    created = create_${s}(client, superuser_headers)
    url = f"${path}/{created['id']}"
    # other_headers: a signed-in user without the role. Reading is fine, writing is 403.
    refused = [
        client.post(${P}, json=${s}_payload(client, other_headers), headers=other_headers),
        client.put(url, json=${s}_payload(client, other_headers), headers=other_headers),
        client.patch(url, json={}, headers=other_headers),
        client.delete(url, headers=other_headers),
    ]
    assert [response.status_code for response in refused] == [403] * 4, [response.text for response in refused]
    # Reads are open, as with --auth writes.
    assert client.get(url, headers=other_headers).status_code == 200
    assert client.get(${P}).status_code == 200
    assert client.delete(url, headers=superuser_headers).status_code == 204`;
}

/**
 * `guarded`: the project has the input guards `init` writes (see hasInputGuards);
 * `jsonBodies`: it answers non-JSON bodies 415 (see hasJsonBodyGuard).
 */
export function emitResource(
  spec: ResourceSpec,
  models: readonly ModelInfo[],
  guarded = true,
  access: TestAccess = { superuser: true, userFixtures: true },
  jsonBodies = guarded,
): ResourceFiles {
  const paths = resourcePaths(spec.names.className);
  const userModule = modelModuleOf('User', models);
  return {
    model: { path: paths.model, content: emitModel(spec, models, guarded) },
    schemas: { path: paths.schemas, content: emitSchemas(spec, guarded) },
    repository: { path: paths.repository, content: emitRepository(spec, models) },
    router: { path: paths.router, content: emitRouter(spec, undefined, guarded, { superuser: access.superuser, userModule }) },
    test: { path: paths.test, content: emitTests(spec, { hostile: guarded, jsonBodies, access }) },
  };
}
