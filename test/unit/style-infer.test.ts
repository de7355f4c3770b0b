// Style inference on small in-memory projects, one per real-world style
// (SQLModel single module + crud.py, sync feature folders, async SQLAlchemy 2
// with repositories under api/v1/endpoints, our own init layout) and the
// tricky cases: aliases declared in another module, inline Annotated
// dependencies, mixed sync/async, a project with no routes at all.
import assert from 'node:assert/strict';
import { inferStyle, planInit, planNewResource, type EditPlan } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';
import { styleSummary } from '../../src/core/style/infer';

import { ASYNC_PROJECT, FEATURE_PROJECT, SQLMODEL_PROJECT } from '../support/styleProjects';

type Files = Map<string, string>;
const view = (files: Record<string, string>) => memoryFileView(new Map(Object.entries(files)));

function apply(files: Files, plan: EditPlan): Files {
  for (const change of plan.changes) files.set(change.path, resultingText(change));
  return files;
}

describe('style inference', () => {
  it('reads the SQLModel single-module style: crud.py, api/routes, aggregator, uuid, Alembic head, superuser guard', async () => {
    const style = await inferStyle(view(SQLMODEL_PROJECT));
    assert.equal(style.orm, 'sqlmodel');
    assert.equal(style.async, false);
    assert.equal(style.idType, 'uuid');
    assert.equal(style.appModule, 'app/main.py');
    assert.deepEqual(style.models.placement, { kind: 'module', path: 'app/models.py' });
    assert.deepEqual(style.schemas, { kind: 'beside-models' });
    assert.equal(style.dataAccess.kind, 'crud-functions');
    if (style.dataAccess.kind === 'crud-functions') {
      assert.deepEqual(style.dataAccess.placement, { kind: 'module', path: 'app/crud.py' });
      assert.equal(style.dataAccess.naming.create, 'create_{name}');
    }
    assert.deepEqual(style.routers.placement, { kind: 'package', dir: 'app/api/routes' });
    assert.deepEqual(style.routers.collector, { path: 'app/api/main.py', variable: 'api_router', importStyle: 'module', prefix: 'settings.API_V1_STR' });
    assert.equal(style.routers.prefixOn, 'router');
    assert.equal(style.routers.updateMethod, 'PUT');
    assert.equal(style.routers.response, 'response_model');
    assert.equal(style.session.parameter, 'session: SessionDep');
    assert.deepEqual(style.session.imports, [{ module: 'app.api.deps', names: ['SessionDep'] }]);
    assert.equal(style.auth.currentUser?.parameter, 'current_user: CurrentUser');
    assert.deepEqual(style.auth.superuser, { routerDependency: 'Depends(get_current_active_superuser)', imports: [{ module: 'app.api.deps', names: ['get_current_active_superuser'] }, { module: 'fastapi', names: ['Depends'] }] });
    assert.equal(style.auth.ownership, true);
    assert.equal(style.pydantic, 2);
    assert.deepEqual(style.migrations, { tool: 'alembic', versionsDir: 'app/alembic/versions', fileTemplate: '%(rev)s_%(slug)s', head: '1a31ce608336' });
    assert.deepEqual(style.tests, { dir: 'app/tests', fixtures: ['db', 'client', 'superuser_token_headers'], async: false });
    assert.equal(style.initLayout, false);
    assert.deepEqual(style.models.known.map((k) => `${k.className}:${k.tableName}:${k.idType}`), ['User:user:uuid', 'Item:item:uuid']);
    assert.equal(styleSummary(style), 'style: sqlmodel · sync · crud functions in app/crud.py · routes in app/api/routes · auth CurrentUser · uuid ids · alembic head 1a31ce608336');
  });

  it('reads sync feature folders: legacy Column models, service.py per domain, Depends(get_db), prefixes on include_router', async () => {
    const style = await inferStyle(view(FEATURE_PROJECT));
    assert.equal(style.orm, 'sqlalchemy-legacy');
    assert.equal(style.async, false);
    assert.equal(style.idType, 'int');
    assert.deepEqual(style.models.placement, { kind: 'feature', root: 'src', file: 'models.py' });
    assert.deepEqual(style.models.base, { name: 'Base', module: 'src.database' });
    assert.deepEqual(style.routers.placement, { kind: 'feature', root: 'src', file: 'views.py' });
    assert.deepEqual(style.routers.collector, { path: 'src/main.py', variable: 'app', importStyle: 'router-name' });
    assert.equal(style.routers.prefixOn, 'include');
    assert.equal(style.dataAccess.kind, 'service');
    if (style.dataAccess.kind === 'service') {
      assert.equal(style.dataAccess.classBased, false);
      assert.deepEqual(style.dataAccess.placement, { kind: 'feature', root: 'src', file: 'service.py' });
      assert.equal(style.dataAccess.naming.list, 'get_{plural}');
    }
    assert.equal(style.session.parameter, 'db: Session = Depends(get_db)');
    assert.deepEqual(style.session.imports, [{ module: 'fastapi', names: ['Depends'] }, { module: 'sqlalchemy.orm', names: ['Session'] }, { module: 'src.database', names: ['get_db'] }]);
    assert.equal(style.auth.currentUser?.parameter, 'user=Depends(get_current_active_user)');
    assert.equal(style.pydantic, 1);
    assert.deepEqual(style.schemas, { kind: 'feature', root: 'src', file: 'schemas.py' });
    assert.equal(style.migrations, undefined);
    assert.match(styleSummary(style), /^style: sqlalchemy \(Column\) · sync · service functions in src\/<feature>\/service\.py · routes in src\/<feature>\/views\.py · auth get_current_active_user · int ids$/);
  });

  it('reads async SQLAlchemy 2 with repositories under api/v1/endpoints; an alias re-exported through another module; the majority wins over one sync route', async () => {
    const style = await inferStyle(view(ASYNC_PROJECT));
    assert.equal(style.orm, 'sqlalchemy');
    assert.equal(style.async, true, 'three async routes outvote one sync health check');
    assert.deepEqual(style.routers.placement, { kind: 'package', dir: 'app/api/v1/endpoints' });
    assert.deepEqual(style.routers.collector, { path: 'app/api/v1/router.py', variable: 'api_router', importStyle: 'module', prefix: '"/api/v1"' });
    assert.equal(style.routers.prefixOn, 'include');
    assert.equal(style.routers.updateMethod, 'PATCH');
    assert.equal(style.routers.response, 'annotation');
    assert.equal(style.session.parameter, 'session: DbSession', 'DbSession is declared in app/core/deps.py and imported via app/api/deps.py');
    assert.deepEqual(style.session.imports, [{ module: 'app.api.deps', names: ['DbSession'] }]);
    assert.equal(style.auth.currentUser?.parameter, 'user: Annotated[dict, Security(get_current_user, scopes=["orders"])]');
    assert.equal(style.dataAccess.kind, 'repository-class');
    if (style.dataAccess.kind === 'repository-class') {
      assert.deepEqual(style.dataAccess.base, { name: 'BaseRepository', module: 'app.repositories.base' });
      assert.deepEqual(style.dataAccess.placement, { kind: 'package', dir: 'app/repositories' });
    }
    assert.deepEqual(style.models.placement, { kind: 'package', dir: 'app/models' });
    assert.deepEqual(style.models.base, { name: 'Base', module: 'app.db.base' });
    assert.deepEqual(style.models.mixins, ['TimestampMixin']);
    assert.deepEqual(style.schemas, { kind: 'package', dir: 'app/schemas' }, 'one module in a schemas folder is a package');
    assert.deepEqual(style.tests, { dir: 'tests', fixtures: ['client'], async: true });
    assert.equal(style.pydantic, 2);
  });

  it('recognises our own init layout (and keeps its defaults)', async () => {
    const files: Files = new Map();
    apply(files, await planInit(memoryFileView(files), { projectName: 'shop' }));
    apply(files, (await planNewResource(memoryFileView(files), { name: 'Book', fields: 'title:str:max=200', auth: 'writes' })).plan);
    const style = await inferStyle(memoryFileView(files));
    assert.equal(style.initLayout, true);
    assert.equal(style.orm, 'sqlalchemy');
    assert.equal(style.async, true);
    assert.equal(style.session.parameter, 'session: SessionDep');
    assert.deepEqual(style.routers.placement, { kind: 'package', dir: 'app/routers' });
    assert.deepEqual(style.routers.collector.path, 'app/main.py');
    assert.equal(style.dataAccess.kind, 'repository-class');
    assert.equal(style.idType, 'int');
    assert.match(styleSummary(style), /^style: backend-skill layout · async · repository classes in app\/repositories · routes in app\/routers/);
  });

  it('falls back to the defaults when there are no routes, models or tests, and says so', async () => {
    const style = await inferStyle(view({ 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' }));
    assert.equal(style.appModule, 'main.py');
    assert.equal(style.async, true);
    assert.equal(style.orm, 'sqlalchemy');
    assert.equal(style.session.parameter, 'session: SessionDep');
    assert.equal(style.auth.currentUser, undefined);
    assert.equal(style.tests, undefined);
    assert.ok(!style.inferred.has('orm') && style.inferred.has('app'));
    assert.match(styleSummary(style), /\(defaults: orm, async, routers, session, ids\)$/);
  });

  it('does not take look-alikes for facts: a docstring mentioning Depends, a non-route decorator, a Session in a comment', async () => {
    const style = await inferStyle(view({
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'app/util.py': '"""Use db: Session = Depends(get_db) in routes; @router.get("/x")."""\nimport functools\n\n\n@functools.lru_cache\ndef get(path: str) -> str:  # Session\n    return path\n',
    }));
    assert.equal(style.session.parameter, 'session: SessionDep', 'default, not the docstring');
    assert.equal(style.routers.modules.length, 0);
    assert.ok(!style.inferred.has('session'));
  });

  it('reports no single Alembic head when the history has two heads, and skips virtualenvs', async () => {
    const style = await inferStyle(view({
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'alembic.ini': '[alembic]\nscript_location = migrations\nfile_template = %%(year)d_%%(rev)s_%%(slug)s\n',
      'migrations/env.py': '',
      'migrations/versions/a_one.py': 'revision = "a"\ndown_revision = None\n',
      'migrations/versions/b_two.py': 'revision = "b"\ndown_revision = "a"\n',
      'migrations/versions/c_three.py': 'revision = "c"\ndown_revision = "a"\n',
      '.venv/lib/site.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    }));
    assert.equal(style.migrations?.versionsDir, 'migrations/versions');
    assert.equal(style.migrations?.head, undefined);
    assert.equal(style.appModule, 'app/main.py');
    assert.match(styleSummary(style), /alembic \(no single head\)/);
  });
});
