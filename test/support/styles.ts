// ProjectStyle values written by hand, as style inference yields them for the
// fixture projects: the emitter tests pin generation without depending on
// inference (which has its own unit tests).
import type { ProjectStyle } from '../../src/core/style/types';

/** SQLModel single module + crud.py + api/routes + Alembic + sync + uuid + superuser/owner checks. */
export const sqlmodelTemplateStyle: ProjectStyle = {
  packageRoot: 'app',
  appModule: 'app/main.py',
  orm: 'sqlmodel',
  async: false,
  pydantic: 2,
  idType: 'uuid',
  models: {
    placement: { kind: 'module', path: 'app/models.py' },
    base: { name: 'SQLModel', module: 'sqlmodel' },
    mixins: [],
    known: [
      { className: 'User', tableName: 'user', path: 'app/models.py', idType: 'uuid' },
      { className: 'Item', tableName: 'item', path: 'app/models.py', idType: 'uuid' },
    ],
  },
  schemas: { kind: 'beside-models' },
  dataAccess: {
    kind: 'crud-functions',
    placement: { kind: 'module', path: 'app/crud.py' },
    naming: { create: 'create_{name}', get: 'get_{name}', list: 'get_{plural}', update: 'update_{name}', delete: 'delete_{name}' },
  },
  session: { parameter: 'session: SessionDep', name: 'session', imports: [{ module: 'app.api.deps', names: ['SessionDep'] }] },
  auth: {
    currentUser: { parameter: 'current_user: CurrentUser', name: 'current_user', imports: [{ module: 'app.api.deps', names: ['CurrentUser'] }] },
    superuser: { parameter: 'Depends(get_current_active_superuser)', name: 'get_current_active_superuser', imports: [{ module: 'app.api.deps', names: ['get_current_active_superuser'] }] },
    ownership: true,
  },
  routers: {
    placement: { kind: 'package', dir: 'app/api/routes' },
    collector: { path: 'app/api/main.py', variable: 'api_router', importStyle: 'module', prefix: 'settings.API_V1_STR' },
    modules: ['app/api/routes/items.py', 'app/api/routes/login.py', 'app/api/routes/users.py'],
    prefixOn: 'router',
    updateMethod: 'PUT',
    response: 'response_model',
    pathCase: 'kebab',
    tags: true,
  },
  migrations: { tool: 'alembic', versionsDir: 'app/alembic/versions', head: 'e2412789c190', fileTemplate: '%(rev)s_%(slug)s' },
  tests: { dir: 'tests', fixtures: ['client', 'db', 'normal_user', 'normal_user_token_headers', 'superuser_token_headers'], async: false },
  initLayout: false,
  inferred: new Set(['layout', 'orm', 'session', 'auth', 'ids', 'migrations', 'tests']),
};
