// New Resource for a sync SQLAlchemy project laid out in feature folders:
// `<root>/<plural>/{models,schemas,service,<router file>}.py`, each a new
// module, routes taking the session and user dependencies as the project
// spells them (`db: Session = Depends(get_db)`), service functions in the
// project's naming. Column style (legacy `Column(...)`) or SQLAlchemy 2
// `Mapped[...]` follows the project's models. The test module is the
// styled one shared with the SQLModel emitter.
import type { FieldSpec } from '../../../request/fields';
import type { ProjectStyle } from '../../../style/types';
import { Imports, pyStr } from '../../python';
import { emitDtoFamily, sqlColumnType, type TypeFlavor } from '../resource';
import {
  addDependencyImports, capital, crudName, isLocal, ownerField, wrapImportLines, owned, refTable, wrap, type StyledContext,
} from './sqlmodel';

/** Where the new feature's modules go, and how they import each other. */
export interface FeatureContext extends StyledContext {
  /** `src/projects` */
  readonly dir: string;
  /** `src.projects` */
  readonly pkg: string;
  /** `router.py` / `views.py` */
  readonly routerFile: string;
  /** The new table's name, in the project's convention (plural or singular). */
  readonly table: string;
  /** Mixins the project's models list before the base class (`TimestampMixin`), with their modules. */
  readonly mixins?: ReadonlyArray<{ readonly name: string; readonly module: string }>;
}

/** Whether the table a reference points to has uuid keys. */
const refKeyIsUuid = (ctx: StyledContext, target: string): boolean =>
  (ctx.style.models.known.find((m) => m.className === target)?.idType ?? ctx.style.idType) === 'uuid';

const idType = (style: ProjectStyle) => (style.idType === 'uuid' ? 'uuid.UUID' : 'int');

/** The ORM model module. */
export function emitFeatureModel(ctx: FeatureContext): string {
  const { spec, style } = ctx;
  const legacy = style.orm === 'sqlalchemy-legacy';
  const im = new Imports().add(style.models.base.module, style.models.base.name);
  for (const m of ctx.mixins ?? []) im.add(m.module, m.name);
  const bases = [...(ctx.mixins ?? []).map((m) => m.name), style.models.base.name].join(', ');
  const lines: string[] = [];
  const column = (name: string, py: string, args: readonly string[], nullable: boolean) => {
    if (legacy) return wrap(ctx)('    ', `${name} = Column(`, args, ')');
    return wrap(ctx)('    ', `${name}: Mapped[${py}${nullable ? ' | None' : ''}] = mapped_column(`, args, ')');
  };
  if (legacy) im.add('sqlalchemy', 'Column');
  else im.add('sqlalchemy.orm', 'Mapped', 'mapped_column');
  if (style.idType === 'uuid') {
    im.add('sqlalchemy', 'Uuid');
    lines.push(legacy ? '    id = Column(Uuid, primary_key=True, default=uuid.uuid4)' : '    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)');
  } else {
    im.add('sqlalchemy', 'Integer');
    lines.push(legacy ? '    id = Column(Integer, primary_key=True, index=True)' : '    id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)');
  }
  for (const f of spec.fields) {
    // Column-style models need only the SQLAlchemy names, not the Python types.
    const types = new Imports();
    const { py, args } = sqlColumnType(f, legacy ? types : im, (t) => refTable(ctx, t), idType(style));
    for (const [m, names] of types.entries()) if (m === 'sqlalchemy') im.add(m, ...names);
    // A legacy Column has no annotation to take its type from: a reference states the key's type.
    if (legacy && f.type.kind === 'ref') {
      const keyType = refKeyIsUuid(ctx, f.type.target) ? 'Uuid' : 'Integer';
      im.add('sqlalchemy', keyType);
      args.unshift(keyType);
    }
    if (legacy || f.type.kind === 'json') args.push(`nullable=${f.optional ? 'True' : 'False'}`);
    if (f.unique) args.push('unique=True');
    if (f.index || f.type.kind === 'ref') args.push('index=True');
    const d = columnDefault(f);
    if (d) args.push(`default=${d}`);
    lines.push(column(f.name, py, args, f.optional && f.type.kind !== 'json'));
  }
  if (owned(ctx)) {
    im.add('sqlalchemy', 'ForeignKey', style.idType === 'uuid' ? 'Uuid' : 'Integer');
    const args = [style.idType === 'uuid' ? 'Uuid' : 'Integer', `ForeignKey(${pyStr(`${ctx.ownerTable}.id`)}, ondelete="CASCADE")`, 'nullable=False', 'index=True'];
    lines.push(column(ownerField(style), idType(style), args, false));
  }
  const needsUuid = style.idType === 'uuid' || lines.some((l) => l.includes('uuid.'));
  return `${needsUuid ? 'import uuid\n\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}


class ${spec.names.className}(${bases}):
    __tablename__ = ${pyStr(ctx.table)}

${lines.join('\n')}
`;
}

/** A scalar default as a Python literal for the column (`False`, `0`), else undefined. */
function columnDefault(f: FieldSpec): string | undefined {
  const d = f.default;
  if (!d || d.kind !== 'literal') return undefined;
  if (typeof d.value === 'boolean') return d.value ? 'True' : 'False';
  if (typeof d.value === 'number') return String(d.value);
  if (typeof d.value === 'string' && (f.type.kind === 'enum' || f.type.kind === 'str')) return pyStr(d.value);
  return undefined;
}

/** Plain Python types: a feature-folder project has no app.schemas.common helpers to import. */
const PLAIN_TYPES: TypeFlavor = { helpers: false, refType: () => 'int' };

/** The Pydantic DTO module: XBase / XCreate / XUpdate / XPublic. */
export function emitFeatureSchemas(ctx: FeatureContext): string {
  const { spec, style } = ctx;
  const { imports, aliases, classes } = emitDtoFamily(spec, { withId: true, withList: false, lineLength: ctx.lineLength ?? 100, flavor: PLAIN_TYPES });
  let body = classes;
  if (style.idType === 'uuid') body = body.replace(/\n {4}id: int$/m, '\n    id: uuid.UUID');
  if (owned(ctx)) body = body.replace(/(\n {4}id: [\w.]+)$/m, `$1\n    ${ownerField(style)}: ${idType(style)}`);
  return `${style.idType === 'uuid' ? 'import uuid\n\n' : ''}${wrapImportLines(imports.render(isLocal(ctx)), ctx.lineLength)}
${aliases ? `\n${aliases}\n` : ''}

${body}`;
}

/** The service module: plain functions taking the session first, in the project's naming. */
export function emitFeatureService(ctx: FeatureContext): string {
  const { spec, style } = ctx;
  if (style.dataAccess.kind !== 'service' && style.dataAccess.kind !== 'crud-functions') throw new Error('internal: feature service emitter needs service functions');
  const naming = style.dataAccess.naming;
  const C = spec.names.className;
  const s = spec.names.snake;
  const w = wrap(ctx);
  const db = style.session.name;
  const own = owned(ctx);
  const id = idType(style);
  const im = new Imports()
    .add('collections.abc', 'Sequence')
    .add('sqlalchemy', 'select')
    .add('sqlalchemy.orm', 'Session')
    .add(ctx.modelsModule, C)
    .add(`${ctx.pkg}.schemas`, `${C}Create`);
  const of = ownerField(style);
  const ownerParam = own ? [`${of}: ${id}`] : [];
  const replace = style.routers.updateMethod === 'PUT';
  const updateBody = replace ? `${C}Create` : `${C}Update`;
  im.add(`${ctx.pkg}.schemas`, updateBody);
  const where = (conds: readonly string[]) => w('    ', `stmt = select(${C}).where(`, conds, ')');
  const ownerCond = own ? [`${C}.${of} == ${of}`] : [];
  const dump = replace ? `${s}_in.model_dump()` : `${s}_in.model_dump(exclude_unset=True)`;
  const fns = [
    `${w('', `def ${crudName(naming.list, spec)}(`, [`${db}: Session`, ...ownerParam, 'skip: int = 0', 'limit: int = 100'], `) -> Sequence[${C}]:`)}
${own ? where(ownerCond) : `    stmt = select(${C})`}
    stmt = stmt.order_by(${C}.id).offset(skip).limit(limit)
    return ${db}.scalars(stmt).all()`,
    `${w('', `def ${crudName(naming.get, spec)}(`, [`${db}: Session`, `${s}_id: ${id}`, ...ownerParam], `) -> ${C} | None:`)}
    """The ${spec.names.words}${own ? ` when it belongs to ${of}; anyone else's is not found` : ''}."""
${where([`${C}.id == ${s}_id`, ...ownerCond])}
    return ${db}.scalars(stmt).first()`,
    `${w('', `def ${crudName(naming.create, spec)}(`, [`${db}: Session`, `${s}_in: ${C}Create`, ...ownerParam], `) -> ${C}:`)}
    db_${s} = ${C}(**${s}_in.model_dump()${own ? `, ${of}=${of}` : ''})
    ${db}.add(db_${s})
    ${db}.commit()
    ${db}.refresh(db_${s})
    return db_${s}`,
    `${w('', `def ${crudName(naming.update, spec)}(`, [`${db}: Session`, `db_${s}: ${C}`, `${s}_in: ${updateBody}`], `) -> ${C}:`)}
    for key, value in ${dump}.items():
        setattr(db_${s}, key, value)
    ${db}.commit()
    ${db}.refresh(db_${s})
    return db_${s}`,
    `${w('', `def ${crudName(naming.delete, spec)}(`, [`${db}: Session`, `db_${s}: ${C}`], ') -> None:')}
    ${db}.delete(db_${s})
    ${db}.commit()`,
  ];
  return `${style.idType === 'uuid' ? 'import uuid\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}


${fns.join('\n\n\n')}
`;
}

/** The router module, included by the app like its siblings. */
export function emitFeatureRouter(ctx: FeatureContext): string {
  const { spec, style } = ctx;
  if (style.dataAccess.kind !== 'service' && style.dataAccess.kind !== 'crud-functions') throw new Error('internal: feature router emitter needs service functions');
  const naming = style.dataAccess.naming;
  const C = spec.names.className;
  const s = spec.names.snake;
  const w = wrap(ctx);
  const id = idType(style);
  const idName = `${s}_id`;
  const db = style.session.name;
  const im = new Imports()
    .add('collections.abc', 'Sequence')
    .add('fastapi', 'APIRouter', 'HTTPException', 'Response', 'status')
    .add(ctx.pkg, 'service')
    .add(ctx.modelsModule, C)
    .add(`${ctx.pkg}.schemas`, `${C}Create`, `${C}Public`);
  addDependencyImports(im, style.session);
  const user = spec.auth !== 'none' ? style.auth.currentUser : undefined;
  if (user) addDependencyImports(im, user);
  const own = owned(ctx) && user !== undefined;
  const readUser = user && (own || spec.auth === 'all' || style.auth.readsTakeUser === true);
  // A legacy Column model types `user.id` as a Column; the project's own routes convert it.
  const ownerExpr = user ? (style.orm === 'sqlalchemy-legacy' && style.idType === 'int' ? `int(${user.name}.id)` : `${user.name}.id`) : '';
  // Parameters with a default (`= Depends(...)`) must follow those without.
  const order = (params: string[]) => [...params.filter((p) => !p.includes('=')), ...params.filter((p) => p.includes('='))];
  const deps = (withUser: boolean) => [style.session.parameter, ...(withUser && user ? [user.parameter] : [])];
  const args = (...xs: string[]) => xs.filter((x) => x !== '').join(', ');
  const ownerArg = own ? ownerExpr : '';
  const fetch = `db_${s} = service.${crudName(naming.get, spec)}(${args(db, idName, ownerArg)})
    if db_${s} is None:
        raise HTTPException(status_code=404, detail=${pyStr(`${capital(spec.names.words)} not found`)})`;
  const replace = style.routers.updateMethod === 'PUT';
  const methods = style.routers.updateMethod === 'both' ? ['put', 'patch'] : [style.routers.updateMethod.toLowerCase()];
  const routes: string[] = [];
  routes.push(`@router.get("/", response_model=list[${C}Public])
${w('', `def read_${spec.names.snakePlural}(`, order([...deps(Boolean(readUser)), 'skip: int = 0', 'limit: int = 100']), `) -> Sequence[${C}]:`)}
${w('    ', `return service.${crudName(naming.list, spec)}(`, [db, ...(own ? [ownerExpr] : []), 'skip=skip', 'limit=limit'], ')')}`);
  routes.push(`@router.post("/", response_model=${C}Public, status_code=status.HTTP_201_CREATED)
${w('', `def ${crudName(naming.create, spec)}(`, order([`${s}_in: ${C}Create`, ...deps(true)]), `) -> ${C}:`)}
    return service.${crudName(naming.create, spec)}(${args(db, `${s}_in`, ownerArg)})`);
  routes.push(`@router.get("/{${idName}}", response_model=${C}Public)
${w('', `def read_${s}(`, order([`${idName}: ${id}`, ...deps(Boolean(readUser))]), `) -> ${C}:`)}
    ${fetch}
    return db_${s}`);
  for (const m of methods) {
    const body = m === 'put' && (replace || methods.length > 1) ? `${C}Create` : `${C}Update`;
    const fn = methods.length > 1 && m === 'patch' ? `patch_${s}` : crudName(naming.update, spec);
    im.add(`${ctx.pkg}.schemas`, body);
    routes.push(`@router.${m}("/{${idName}}", response_model=${C}Public)
${w('', `def ${fn}(`, order([`${idName}: ${id}`, `${s}_in: ${body}`, ...deps(true)]), `) -> ${C}:`)}
    ${fetch}
    return service.${crudName(naming.update, spec)}(${db}, db_${s}, ${s}_in)`);
  }
  routes.push(`@router.delete("/{${idName}}", status_code=status.HTTP_204_NO_CONTENT)
${w('', `def ${crudName(naming.delete, spec)}(`, order([`${idName}: ${id}`, ...deps(true)]), ') -> Response:')}
    ${fetch}
    service.${crudName(naming.delete, spec)}(${db}, db_${s})
    return Response(status_code=status.HTTP_204_NO_CONTENT)`);
  const path = style.routers.pathCase === 'snake' ? spec.names.snakePlural : spec.names.kebabPlural;
  const header = spec.auth === 'none' ? '# Public by choice (--auth none): no route here requires a login.\n# backend-skill: ignore[missing-auth]\n' : '';
  const tags = style.routers.tags ? `, tags=[${pyStr(path)}]` : '';
  return `${header}${style.idType === 'uuid' ? 'import uuid\n' : ''}${wrapImportLines(im.render(isLocal(ctx)), ctx.lineLength)}

router = APIRouter(prefix=${pyStr(`/${path}`)}${tags})


${routes.join('\n\n\n')}
`;
}
