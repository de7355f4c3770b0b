// New Resource for an async SQLAlchemy 2 project in layers: a model module in
// the models package (the project's base class and mixins), a schemas module,
// a repository subclassing the project's base repository, a service class
// that commits as the project's services do, a `XServiceDep` alias beside the
// others, an endpoints router and an Alembic revision. Every name that
// differs between projects (base classes, method names, error classes,
// dependency aliases, paths) comes from the LayeredContext the planner read
// from the project's code; only the async SQLAlchemy idioms are fixed here.
import type { RouteDependency } from '../../../style/types';
import { Imports, pyStr } from '../../python';
import { emitFeatureModel, emitFeatureSchemas, type FeatureContext } from './featureFolders';
import {
  addDependencyImports, capital, forbiddenRaise, idAnnotation, isLocal, owned, ownerField, refTable, superuserBypass, wrap, wrapImportLines,
  type Appended, type StyledContext,
} from './sqlmodel';
import { sqlColumnType } from '../resource';

export type { RepositoryMethods } from '../../../style/types';
import type { RepositoryMethods } from '../../../style/types';

/** What the layered emitters need beyond the style, read once by the planner from the project's code. */
export interface LayeredContext extends StyledContext {
  readonly table: string;
  readonly mixins: ReadonlyArray<{ readonly name: string; readonly module: string }>;
  /** Alembic columns the mixins contribute, rendered (`sa.Column("created_at", ...)`). */
  readonly mixinColumns: readonly string[];
  /** Dotted modules of the new pieces. */
  readonly modelModule: string;
  readonly schemasModule: string;
  readonly repositoryModule: string;
  readonly serviceModule: string;
  /** The schema suffix the project reads resources with (`Read`, `Public`, `Out`). */
  readonly readSuffix: string;
  readonly repository: {
    readonly base: { readonly name: string; readonly module: string };
    /** The class attribute naming the model (`model = Post`), when the siblings set one. */
    readonly modelAttr?: string;
    readonly methods: RepositoryMethods;
  };
  /** The project's not-found error, raised by services (the app maps it to 404); else HTTPException. */
  readonly notFound?: { readonly name: string; readonly module: string };
  /** Services commit (the repositories only flush). */
  readonly commits: boolean;
  /** Where `XServiceDep` aliases live (`app.api.deps`); undefined: the router declares its own. */
  readonly depsModule?: string;
  /** The collection route path: `""` when routers are included with a prefix and siblings use it. */
  readonly collection: '' | '/';
  /** The user model owned rows point to (services take it), when resources are owned. */
  readonly ownerModel?: { readonly name: string; readonly module: string };
}

/** Owned rows in layers: the owner column, the user class services take, the repository's filtered list. */
function ownership(ctx: LayeredContext): { field: string; user: { name: string; module: string }; listBy: string } | undefined {
  if (!owned(ctx) || !ctx.ownerModel) return undefined;
  const field = ownerField(ctx.style);
  return { field, user: ctx.ownerModel, listBy: `list_by_${field.replace(/_id$/, '')}` };
}

const names = (ctx: LayeredContext) => {
  const C = ctx.spec.names.className;
  return { C, s: ctx.spec.names.snake, p: ctx.spec.names.snakePlural, service: `${C}Service`, repo: `${C}Repository`, dep: `${C}ServiceDep`, provider: `get_${ctx.spec.names.snake}_service` };
};

/** The view of the context the shared feature-folder emitters take. */
const featureView = (ctx: LayeredContext): FeatureContext => ({ ...ctx, dir: '', pkg: '', routerFile: '', modelsModule: ctx.modelModule });

/** The ORM model module: the project's mixins and base, SQLAlchemy 2 `Mapped[...]` columns. */
export function emitLayeredModel(ctx: LayeredContext): string {
  return emitFeatureModel(featureView(ctx));
}

/** The schemas module: XBase / XCreate / XUpdate and the read schema under the project's suffix. */
export function emitLayeredSchemas(ctx: LayeredContext): string {
  const { C } = names(ctx);
  return emitFeatureSchemas(featureView(ctx)).replace(new RegExp(`\\b${C}Public\\b`, 'g'), `${C}${ctx.readSuffix}`);
}

/** The repository: a subclass of the project's base repository, nothing else to add. */
export function emitLayeredRepository(ctx: LayeredContext): string {
  const { C, repo } = names(ctx);
  const { base, modelAttr } = ctx.repository;
  const im = new Imports().add(ctx.modelModule, C).add(base.module, base.name);
  const own = ownership(ctx);
  let extra = '';
  if (own) {
    // The owner's rows, paged as the base repository pages (siblings add the same kind of method).
    const [offset, limit] = ctx.repository.methods.page;
    im.add('collections.abc', 'Sequence').add('sqlalchemy', 'select');
    const w = wrap(ctx);
    extra = `

${w('    ', `async def ${own.listBy}(`, ['self', `${own.field}: ${idAnnotation(ctx.style)}`, '*', `${offset}: int = 0`, `${limit}: int = 100`], `) -> Sequence[${C}]:`)}
        stmt = (
            select(${C})
            .where(${C}.${own.field} == ${own.field})
            .order_by(${C}.id)
            .offset(${offset})
            .limit(${limit})
        )
        result = await self.session.scalars(stmt)
        return result.all()`;
  }
  return `${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}


class ${repo}(${base.name}[${C}]):
    ${modelAttr ? `${modelAttr} = ${C}` : extra ? '' : 'pass'}${extra}
`.replace(/\n {4}\n\n/, '\n');
}

/** The service class: the session, a repository, and the use cases the routes call. */
export function emitLayeredService(ctx: LayeredContext): string {
  const { C, s, p, service, repo } = names(ctx);
  const m = ctx.repository.methods;
  const id = idAnnotation(ctx.style);
  const w = wrap(ctx);
  const im = new Imports()
    .add('collections.abc', 'Sequence')
    .add('sqlalchemy.ext.asyncio', 'AsyncSession')
    .add(ctx.modelModule, C)
    .add(ctx.repositoryModule, repo)
    .add(ctx.schemasModule, `${C}Create`, `${C}Update`);
  // The project's own error when it has one (its app turns it into a 404), else FastAPI's.
  const notFound = ctx.notFound ?? { name: 'HTTPException', module: 'fastapi' };
  im.add(notFound.module, notFound.name);
  const message = pyStr(`${capital(ctx.spec.names.words)} not found`);
  const raise = ctx.notFound ? `raise ${notFound.name}(${message})` : `raise HTTPException(status_code=404, detail=${message})`;
  const commit = ctx.commits ? '\n        await self.session.commit()' : '';
  const [offset, limit] = m.page;
  const replace = ctx.style.routers.updateMethod === 'PUT';
  const own = ownership(ctx);
  if (own) {
    im.add(own.user.module, own.user.name);
    // Another user's row, as sibling services answer it: the project's refusal, or not found.
    const bypass = superuserBypass(ctx.style);
    const others = ctx.style.auth.owner?.others === 'not-found' ? raise : `raise ${forbiddenRaise(ctx, im).text}`;
    const check = `${bypass ? `not user.${bypass} and ` : ''}${s}.${own.field} != user.id`;
    const U = own.user.name;
    const listed = bypass
      ? `if user.${bypass}:
            return await self.${p}.${m.list}(${offset}=${offset}, ${limit}=${limit})
        return await self.${p}.${own.listBy}(user.id, ${offset}=${offset}, ${limit}=${limit})`
      : `return await self.${p}.${own.listBy}(user.id, ${offset}=${offset}, ${limit}=${limit})`;
    const ownedBody = `
class ${service}:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.${p} = ${repo}(session)

${w('    ', 'async def list(', ['self', `user: ${U}`, '*', `${offset}: int`, `${limit}: int`], `) -> Sequence[${C}]:`)}
        ${listed}

    async def get(self, ${s}_id: ${id}, user: ${U}) -> ${C}:
        ${s} = await self.${p}.${m.get}(${s}_id)
        if ${s} is None:
            ${raise}
        if ${check}:
            ${others}
        return ${s}

    async def create(self, data: ${C}Create, user: ${U}) -> ${C}:
${w('        ', `${s} = await self.${p}.${m.add}(`, [`${C}(**data.model_dump(), ${own.field}=user.id)`], ')')}${commit}
        return ${s}

${w('    ', 'async def update(', ['self', `${s}_id: ${id}`, `data: ${C}Update`, `user: ${U}`], `) -> ${C}:`)}
        ${s} = await self.get(${s}_id, user)
        # ${replace ? 'PUT replaces every field' : 'PATCH: only the fields the client sent'}.
        await self.${p}.${m.update}(${s}, data.model_dump(${replace ? '' : 'exclude_unset=True'}))${commit}
        return ${s}

    async def delete(self, ${s}_id: ${id}, user: ${U}) -> None:
        ${s} = await self.get(${s}_id, user)
        await self.${p}.${m.delete}(${s})${commit}
`;
    return `${ctx.style.idType === 'uuid' ? 'import uuid\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}

${ownedBody}`;
  }
  const body = `
class ${service}:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.${p} = ${repo}(session)

${w('    ', 'async def list(', ['self', '*', `${offset}: int`, `${limit}: int`], `) -> Sequence[${C}]:`)}
        return await self.${p}.${m.list}(${offset}=${offset}, ${limit}=${limit})

    async def get(self, ${s}_id: ${id}) -> ${C}:
        ${s} = await self.${p}.${m.get}(${s}_id)
        if ${s} is None:
            ${raise}
        return ${s}

    async def create(self, data: ${C}Create) -> ${C}:
        ${s} = await self.${p}.${m.add}(${C}(**data.model_dump()))${commit}
        return ${s}

    async def update(self, ${s}_id: ${id}, data: ${C}Update) -> ${C}:
        ${s} = await self.get(${s}_id)
        # ${replace ? 'PUT replaces every field' : 'PATCH: only the fields the client sent'}.
        await self.${p}.${m.update}(${s}, data.model_dump(${replace ? '' : 'exclude_unset=True'}))${commit}
        return ${s}

    async def delete(self, ${s}_id: ${id}) -> None:
        ${s} = await self.get(${s}_id)
        await self.${p}.${m.delete}(${s})${commit}
`;
  return `${ctx.style.idType === 'uuid' ? 'import uuid\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}

${body}`;
}

/** The dependency provider and its `Annotated` alias, as the deps module declares the others. */
export function emitLayeredDependency(ctx: LayeredContext): Appended {
  const { service } = names(ctx);
  const im = new Imports().add('typing', 'Annotated').add('fastapi', 'Depends').add(ctx.serviceModule, service);
  addDependencyImports(im, { ...ctx.style.session, imports: ctx.style.session.imports.filter((i) => i.module !== ctx.depsModule) });
  return { imports: im, plainImports: [], code: dependencyCode(ctx) };
}

function dependencyCode(ctx: LayeredContext): string {
  const { service, dep, provider } = names(ctx);
  return `def ${provider}(${ctx.style.session.parameter}) -> ${service}:
    return ${service}(${ctx.style.session.name})


${dep} = Annotated[${service}, Depends(${provider})]
`;
}

/** The endpoints router: thin async routes calling the service, included with the prefix by the aggregator. */
export function emitLayeredRouter(ctx: LayeredContext): string {
  const { C, s, p, service, dep } = names(ctx);
  const { spec, style } = ctx;
  const w = wrap(ctx);
  const id = idAnnotation(style);
  const read = `${C}${ctx.readSuffix}`;
  const im = new Imports()
    .add('collections.abc', 'Sequence')
    .add('fastapi', 'APIRouter', 'status')
    .add(ctx.modelModule, C)
    .add(ctx.schemasModule, `${C}Create`, read, `${C}Update`);
  const user: RouteDependency | undefined = spec.auth !== 'none' ? style.auth.currentUser : undefined;
  if (user) addDependencyImports(im, user);
  let local = '';
  if (ctx.depsModule) im.add(ctx.depsModule, dep);
  else {
    // No alias module to join: the router declares the provider itself.
    im.add('typing', 'Annotated').add('fastapi', 'Depends').add(ctx.serviceModule, service);
    addDependencyImports(im, style.session);
    local = `\n\n${dependencyCode(ctx)}`;
  }
  const svc = `${p}: ${dep}`;
  const deps = (withUser: boolean) => [...(withUser && user ? [user.parameter] : []), svc];
  const own = ownership(ctx) !== undefined && user !== undefined;
  // Reads take the current user when rows are owned, when asked, or when the project's reads all do.
  const reads = own || spec.auth === 'all' || style.auth.readsTakeUser === true;
  const by = own ? `, ${user.name}` : '';
  const [offset, limit] = ctx.repository.methods.page;
  const col = pyStr(ctx.collection);
  const item = pyStr(`/{${s}_id}`);
  const sig = (fn: string, params: readonly string[], ret: string) => w('', `async def ${fn}(`, params, `) -> ${ret}:`);
  const methods = style.routers.updateMethod === 'both' ? ['patch'] : [style.routers.updateMethod.toLowerCase()];
  const routes = [
    `@router.get(${col}, response_model=list[${read}])
${sig(`list_${p}`, [...deps(reads), `${offset}: int = 0`, `${limit}: int = 100`], `Sequence[${C}]`)}
    return await ${p}.list(${own ? `${user.name}, ` : ''}${offset}=${offset}, ${limit}=${limit})`,
    `@router.post(${col}, response_model=${read}, status_code=status.HTTP_201_CREATED)
${sig(`create_${s}`, [`data: ${C}Create`, ...deps(true)], C)}
    return await ${p}.create(data${by})`,
    `@router.get(${item}, response_model=${read})
${sig(`read_${s}`, [`${s}_id: ${id}`, ...deps(reads)], C)}
    return await ${p}.get(${s}_id${by})`,
    ...methods.map((m) => `@router.${m}(${item}, response_model=${read})
${sig(`update_${s}`, [`${s}_id: ${id}`, `data: ${C}Update`, ...deps(true)], C)}
    return await ${p}.update(${s}_id, data${by})`),
    `@router.delete(${item}, status_code=status.HTTP_204_NO_CONTENT)
${sig(`delete_${s}`, [`${s}_id: ${id}`, ...deps(true)], 'None')}
    await ${p}.delete(${s}_id${by})`,
  ];
  const header = spec.auth === 'none' ? '# Public by choice (--auth none): no route here requires a login.\n# backend-skill: ignore[missing-auth]\n' : '';
  return `${header}${style.idType === 'uuid' ? 'import uuid\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}

router = APIRouter()
${local}

${routes.join('\n\n\n')}
`;
}

/** A SQLAlchemy column argument (`String(120)`, `Numeric(12, 2)`) as Alembic writes its type. */
function alembicTypeOf(arg: string): string {
  const m = /^(\w+)(?:\((.*)\))?$/.exec(arg);
  if (!m) return 'sa.Integer()';
  const [, name, inner] = m;
  if (name === 'String') return `sa.String(length=${inner})`;
  if (name === 'Numeric') {
    const [precision, scale] = inner!.split(',').map((x) => x.trim());
    return `sa.Numeric(precision=${precision}, scale=${scale})`;
  }
  return `sa.${name}(${inner ?? ''})`;
}

/** The revision module: create the table (mixin columns, FKs, indexes), and drop it again. */
export function emitLayeredRevision(ctx: LayeredContext, revision: string, head: string | undefined): string {
  const { spec, style } = ctx;
  const table = ctx.table;
  const key = style.idType === 'uuid' ? 'sa.Uuid()' : 'sa.Integer()';
  const cols = [`sa.Column("id", ${key}, nullable=False)`];
  const constraints: string[] = [];
  // The model indexes an int id (as emitFeatureModel writes it); autogenerate would too.
  // A table the user wrote says itself whether its key is indexed.
  const idIndexed = ctx.existing ? ctx.existing.key.indexed : style.idType !== 'uuid';
  const indexes: { column: string; unique: boolean }[] = idIndexed ? [{ column: 'id', unique: false }] : [];
  for (const f of spec.fields) {
    const { args } = sqlColumnType(f, new Imports(), (t) => refTable(ctx, t), idAnnotation(style));
    // A table the user wrote: the type its ORM creates (a bare `Mapped[str]` is a VARCHAR), so `alembic check` finds no drift.
    let type = ctx.existing?.columnTypes?.[f.name] ?? alembicTypeOf(args[0]!);
    if (f.type.kind === 'ref') {
      type = (ctx.style.models.known.find((k) => k.className === (f.type as { target: string }).target)?.idType ?? style.idType) === 'uuid' ? 'sa.Uuid()' : 'sa.Integer()';
      constraints.push(`sa.ForeignKeyConstraint([${pyStr(f.name)}], [${pyStr(`${refTable(ctx, f.type.target)}.id`)}], ondelete="RESTRICT")`);
    }
    cols.push(`sa.Column(${pyStr(f.name)}, ${type}, nullable=${f.optional ? 'True' : 'False'})`);
    if (f.index || f.type.kind === 'ref') indexes.push({ column: f.name, unique: f.unique });
    else if (f.unique) constraints.push(`sa.UniqueConstraint(${pyStr(f.name)})`);
  }
  if (owned(ctx)) {
    const of = ownerField(style);
    cols.push(`sa.Column(${pyStr(of)}, ${key}, nullable=False)`);
    constraints.push(`sa.ForeignKeyConstraint([${pyStr(of)}], [${pyStr(`${ctx.ownerTable}.id`)}], ondelete="CASCADE")`);
    indexes.push({ column: of, unique: false });
  }
  cols.push(...ctx.mixinColumns);
  const body = [...cols, ...constraints, 'sa.PrimaryKeyConstraint("id")'].map((c) => `        ${c},`).join('\n');
  const createIndexes = indexes.map((i) => `    op.create_index(op.f(${pyStr(`ix_${table}_${i.column}`)}), ${pyStr(table)}, [${pyStr(i.column)}], unique=${i.unique ? 'True' : 'False'})`);
  const dropIndexes = indexes.map((i) => `    op.drop_index(op.f(${pyStr(`ix_${table}_${i.column}`)}), table_name=${pyStr(table)})`);
  return `"""Add ${spec.names.wordsPlural}

Revision ID: ${revision}
Revises: ${head ?? ''}

"""

import sqlalchemy as sa
from alembic import op

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

/**
 * A mixin's `name: Mapped[T] = mapped_column(...)` lines as Alembic columns:
 * the type argument gains `sa.`, `func.` becomes `sa.func.`, Python-side
 * defaults are dropped (they never reach the table), nullability from `| None`.
 */
export function mixinColumns(classSource: string): string[] {
  const cols: string[] = [];
  const text = classSource.replace(/\(\s*\n\s*/g, '(').replace(/,?\s*\n\s*\)/g, ')');
  for (const m of text.matchAll(/^\s+(\w+): Mapped\[([^\]]+)\] = mapped_column\((.*)\)\s*$/gm)) {
    const [, name, py, argText] = m;
    const args = splitArgs(argText!);
    const positional = args.filter((a) => !/^\w+=/.test(a) && !/^ForeignKey\(/.test(a));
    const fallback: Record<string, string> = { datetime: 'DateTime', bool: 'Boolean', int: 'Integer', str: 'String', float: 'Float', date: 'Date' };
    const typeArg = positional[0] ?? `${fallback[py!.replace(/\s*\|\s*None/, '').trim()] ?? 'String'}()`;
    const type = typeArg.replace(/^(\w+)(\(|$)/, 'sa.$1$2').replace(/^sa\.(\w+)$/, 'sa.$1()');
    const server = args.find((a) => a.startsWith('server_default='))?.replace(/\bfunc\./g, 'sa.func.');
    const nullable = /\|\s*None|Optional\[/.test(py!);
    cols.push(`sa.Column(${pyStr(name!)}, ${type}${server ? `, ${server}` : ''}, nullable=${nullable ? 'True' : 'False'})`);
  }
  return cols;
}

/** Top-level comma-separated arguments of a call's argument text. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
