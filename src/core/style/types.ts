// The style of an existing FastAPI project, as a plain value: where things
// live, how data is accessed, which dependencies routes take, how ids look.
// It is inferred from the project's syntax trees (infer.ts) and read by the
// emitters and planners instead of assuming the layout `init` creates.
// Every field is a fact about the user's code, or our default when the code
// says nothing (then `inferred` lists it as defaulted).

/** A Python module path relative to the project root, e.g. `app/models.py`. */
export type ModulePath = string;

export type Orm = 'sqlalchemy' | 'sqlalchemy-legacy' | 'sqlmodel';

/** Where a kind of code lives: one module for every resource, a package with a module per resource, or a folder per feature. */
export type Placement =
  | { readonly kind: 'module'; readonly path: ModulePath }
  | { readonly kind: 'package'; readonly dir: string }
  | { readonly kind: 'feature'; readonly root: string; readonly file: string };

/** How a project reaches its data. */
export type DataAccess =
  | { readonly kind: 'repository-class'; readonly placement: Placement; readonly base?: { readonly name: string; readonly module: string } }
  | { readonly kind: 'crud-functions'; readonly placement: Placement; readonly naming: CrudNaming }
  | {
    readonly kind: 'service'; readonly placement: Placement; readonly naming: CrudNaming; readonly classBased: boolean;
    /** The repository classes services use, when they use one (`self.posts = PostRepository(session)`). */
    readonly repository?: RepositoryStyle;
    /** Services commit (their repositories only flush). */
    readonly commits?: boolean;
  }
  | { readonly kind: 'inline' };

/** The data-access methods a project's base repository offers, by role. */
export interface RepositoryMethods {
  readonly get: string;
  readonly list: string;
  readonly add: string;
  readonly update: string;
  readonly delete: string;
  /** Paging keywords of the list method (`offset`/`limit`, `skip`/`limit`). */
  readonly page: readonly [string, string];
}

/** The generic base repository sibling repositories subclass (`class PostRepository(BaseRepository[Post])`). */
export interface RepositoryStyle {
  readonly base: { readonly name: string; readonly module: string };
  /** The package the repository subclasses live in (`app.repositories`). */
  readonly package: string;
  /** The class attribute naming the model (`model = Post`), when subclasses set one. */
  readonly modelAttr?: string;
  /** The base's methods by role; undefined when one of them cannot be told (New Resource then refuses with the reason). */
  readonly methods?: RepositoryMethods;
  /** Why `methods` is missing. */
  readonly missing?: string;
}

/** How CRUD functions are named: `create_item`, `get_items`… (`{name}` = snake singular, `{plural}` = snake plural). */
export interface CrudNaming {
  readonly create: string;
  readonly get: string;
  readonly list: string;
  readonly update: string;
  readonly delete: string;
}

/** A dependency a route takes, spelled as the project spells it. */
export interface RouteDependency {
  /** The parameter as written in a signature: `session: SessionDep`, `db: Session = Depends(get_db)`. */
  readonly parameter: string;
  /** The parameter name (`session`, `db`, `current_user`). */
  readonly name: string;
  /** Imports the parameter needs: module → names. */
  readonly imports: ReadonlyArray<{ readonly module: string; readonly names: readonly string[] }>;
}

export interface AuthStyle {
  /** The dependency that yields the current user, if the project has one. */
  readonly currentUser?: RouteDependency;
  /** A superuser/role guard the project uses on writes (a dependency, or a router-level `dependencies=[...]`). */
  readonly superuser?: RouteDependency | { readonly routerDependency: string; readonly imports: RouteDependency['imports'] };
  /** Existing resources set an owner column from the current user (`owner` says which and how). */
  readonly ownership: boolean;
  /** How rows belong to users, when existing resources are owned. */
  readonly owner?: OwnerStyle;
  /**
   * How routes let a superuser past ownership: the user attribute sibling code
   * tests (`current_user.is_superuser` → `is_superuser`).
   */
  readonly superuserCheck?: { readonly attribute: string };
  /** Most existing GET routes take the current user: reads are per user, not only writes. */
  readonly readsTakeUser?: boolean;
}

/** The owner column of existing resources and how sibling code treats another user's row. */
export interface OwnerStyle {
  /** The column holding the owner's id (`owner_id`, `author_id`, `user_id`). */
  readonly field: string;
  /** The table it references (`user`, `users`). */
  readonly table: string;
  /** An owned model (`Item`): messages copied from its code name it, and are renamed for a new resource. */
  readonly model: string;
  /** Another user's row: refused (`forbidden`, a `!=` check that raises) or filtered away (`not-found`, the owner in the query). */
  readonly others: 'forbidden' | 'not-found';
  /** Sibling ownership checks let a superuser through (`not current_user.is_superuser and row.owner_id != ...`). */
  readonly superuserBypass: boolean;
  /** What sibling code raises for another user's row, as written (`HTTPException(status_code=403, detail="Not enough permissions")`). */
  readonly forbidden?: {
    readonly raise: string;
    readonly imports: RouteDependency['imports'];
    /** The HTTP status a client sees, when the code says (a literal status, `status.HTTP_403_FORBIDDEN`, an error class's `status_code`). */
    readonly status?: number;
  };
}

export interface RouterStyle {
  /** Where router modules live. */
  readonly placement: Placement;
  /** The module that collects routers (`app/main.py`, `app/api/main.py`) and the variable it includes them into. */
  readonly collector: {
    readonly path: ModulePath;
    readonly variable: string;
    readonly importStyle: 'module' | 'router-name';
    /** The prefix expression the collector itself is mounted or included with, as written (`settings.API_V1_STR`, `"/api/v1"`). */
    readonly prefix?: string;
  };
  /** Router modules found (those declaring `X = APIRouter(...)`), sorted. */
  readonly modules: readonly ModulePath[];
  /** Prefix written on each new router: `/items` or the collector's style (prefix in include_router). */
  readonly prefixOn: 'router' | 'include';
  /** Update method the project uses. */
  readonly updateMethod: 'PATCH' | 'PUT' | 'both';
  /** Response style: `response_model=` or a return annotation. */
  readonly response: 'response_model' | 'annotation';
  /** Path words: plural kebab (`/blog-posts`) or plural snake. */
  readonly pathCase: 'kebab' | 'snake';
  /** Tags: list of plural words, or none. */
  readonly tags: boolean;
}

export interface MigrationStyle {
  readonly tool: 'alembic';
  /** Folder holding revision files, e.g. `app/alembic/versions`. */
  readonly versionsDir: string;
  /** Current head revision id, undefined when there is no revision yet. */
  readonly head?: string;
  /** Revision file naming: `{rev}_{slug}.py` or a date-prefixed template. */
  readonly fileTemplate: string;
}

export interface TestStyle {
  readonly dir: string;
  /** Fixture names the existing tests use (`client`, `db`, `superuser_token_headers`…). */
  readonly fixtures: readonly string[];
  readonly async: boolean;
}

/** An ORM table class found in the project. */
export interface ModelClass {
  readonly className: string;
  /** `__tablename__`, or SQLModel's default (the lower-cased class name) for `table=True`. */
  readonly tableName: string;
  readonly path: ModulePath;
  readonly idType: 'int' | 'uuid' | 'other';
}

export interface ProjectStyle {
  /** The package root of the app, e.g. `app` or `src`. */
  readonly packageRoot: string;
  /** Module holding `app = FastAPI(...)`. */
  readonly appModule: ModulePath;
  readonly orm: Orm;
  readonly async: boolean;
  readonly pydantic: 1 | 2;
  readonly idType: 'int' | 'uuid';
  /** Where ORM models live, and the project's base class for them (`Base`, `SQLModel`, `ORMBase`, plus mixins). */
  readonly models: {
    readonly placement: Placement;
    readonly base: { readonly name: string; readonly module: string };
    readonly mixins: readonly string[];
    /** Table classes the project already has (for references and name clashes). */
    readonly known: readonly ModelClass[];
  };
  /** Where DTOs live (`beside-models` for SQLModel XBase/XCreate/XPublic in the models module). */
  readonly schemas: Placement | { readonly kind: 'beside-models' };
  readonly dataAccess: DataAccess;
  readonly session: RouteDependency;
  readonly auth: AuthStyle;
  readonly routers: RouterStyle;
  readonly migrations?: MigrationStyle;
  readonly tests?: TestStyle;
  /** The project's own error for a missing row (`NotFoundError`, which its app maps to 404), when lookups raise one. */
  readonly notFound?: { readonly name: string; readonly module: string };
  /** The project is the layout `init fastapi` creates (app/models/, app/schemas/, app/repositories/base.py, app/routers/). */
  readonly initLayout: boolean;
  /** Which facts came from the code and which are defaults, for the one-line summary. */
  readonly inferred: ReadonlySet<string>;
}

/**
 * Generate CRUD slice: the table class the user already wrote. The styled
 * planners take its fields from the parsed class (the ResourceSpec) and this
 * value instead of emitting a model; the class itself is never rewritten.
 */
export interface ExistingModel {
  readonly className: string;
  /** The module that defines it. */
  readonly path: ModulePath;
  /** Its table, as written (`__tablename__`) or SQLModel's default. */
  readonly tableName: string;
  /** Its primary key `id`: type, and whether the column is indexed (the revision creates the same index). */
  readonly key: { readonly type: 'int' | 'uuid'; readonly indexed: boolean };
  /** It has the project's owner column (taken out of the request fields; routes set it from the current user). */
  readonly owned: boolean;
  /** Its base classes as written (`TimestampMixin`, `Base`), for the mixin columns of a revision. */
  readonly bases: readonly string[];
  /**
   * SQLModel: the class of its module it takes columns from (`HeroBase`),
   * reused as the DTO family's base instead of a second one; `fields` are the
   * request fields declared there (or in its own bases), the others are the
   * table's own and are written into XCreate / XPublic.
   */
  readonly dtoBase?: { readonly name: string; readonly fields: readonly string[] };
  /** Field name -> the Alembic type the ORM creates for it, where the field's spec would say another (a bare `str` is VARCHAR, not TEXT). */
  readonly columnTypes?: Readonly<Record<string, string>>;
}

/**
 * New Resource for a project not laid out by `init`: the `generate` stage.
 * The one generation entry (generate/index.ts) infers the style once and
 * calls this with it; `spec` is the validated resource request.
 */
export type StyledResourcePlanner = (
  view: import('../files').FileView,
  style: ProjectStyle,
  spec: import('../request/resource').ResourceSpec,
  /** Generate CRUD slice for a model the user wrote: skip emitting the model, take its table from here. */
  existing?: ExistingModel,
) => Promise<import('../plan/editPlan').EditPlan>;
