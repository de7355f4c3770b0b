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
import { diskFileView } from '../../src/cli/nodeFiles';
import { join, resolve } from 'node:path';

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
    assert.equal(styleSummary(style), 'style: sqlmodel · sync · crud functions in app/crud.py · routes in app/api/routes · auth CurrentUser · uuid ids · owned by owner_id · alembic head 1a31ce608336');
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

describe('style inference: ownership and superusers', () => {
  const FIXTURES = resolve(__dirname, '../../../test/fixtures/projects');
  const fixture = (name: string) => inferStyle(diskFileView(join(FIXTURES, name)));

  it('SQLModel template: owner_id set from the current user through crud, a 403 refusal that lets superusers through', async () => {
    const { auth } = await fixture('sqlmodel-crud');
    assert.equal(auth.ownership, true);
    assert.deepEqual(auth.owner, {
      field: 'owner_id', table: 'user', model: 'Item', others: 'forbidden', superuserBypass: true,
      forbidden: { raise: 'HTTPException(status_code=403, detail="Not enough permissions")', imports: [{ module: 'fastapi', names: ['HTTPException'] }], status: 403 },
    });
    assert.deepEqual(auth.superuserCheck, { attribute: 'is_superuser' });
    assert.equal(auth.readsTakeUser, true);
  });

  it('feature folders: the owner in the query (another user\'s row is not found), no superuser bypass', async () => {
    const { auth } = await fixture('feature-folders');
    assert.deepEqual(auth.owner, { field: 'owner_id', table: 'users', model: 'Todo', others: 'not-found', superuserBypass: false });
    assert.equal(auth.superuserCheck, undefined);
  });

  it('async layers: author_id set in a service method, the project\'s own error class and its status_code', async () => {
    const { auth } = await fixture('async-layered');
    assert.equal(auth.owner?.field, 'author_id');
    assert.equal(auth.owner?.table, 'users');
    assert.equal(auth.owner?.others, 'forbidden');
    assert.deepEqual(auth.owner?.forbidden, { raise: 'PermissionDeniedError("Not the author of this post")', imports: [{ module: 'app.core.exceptions', names: ['PermissionDeniedError'] }], status: 403 });
    assert.equal(auth.readsTakeUser, true, 'every read route takes the current user');
  });

  it('async layers: the base repository, its methods by role, commits and the not-found error are style facts, shown in the summary', async () => {
    const style = await fixture('async-layered');
    assert.equal(style.dataAccess.kind, 'service');
    if (style.dataAccess.kind !== 'service') return;
    assert.deepEqual(style.dataAccess.repository, {
      base: { name: 'BaseRepository', module: 'app.repositories.base' }, package: 'app.repositories', modelAttr: 'model',
      methods: { get: 'get', list: 'list', add: 'add', update: 'update', delete: 'delete', page: ['offset', 'limit'] },
    });
    assert.equal(style.dataAccess.commits, true);
    assert.deepEqual(style.notFound, { name: 'NotFoundError', module: 'app.core.exceptions' });
    assert.match(styleSummary(style), /service classes in app\/services over BaseRepository \(get\/list\/add\/update\/delete\) · .* · owned by author_id · not found: NotFoundError/);
  });

  it('a base repository in its own words: roles told by what methods do; one missing role is named', async () => {
    const base = (methods: string) => `from typing import Generic, TypeVar\n\nT = TypeVar("T")\n\n\nclass Store(Generic[T]):\n    def __init__(self, session):\n        self.session = session\n${methods}`;
    const files = (methods: string) => view({
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'app/stores/base.py': base(methods),
      'app/stores/note.py': 'from app.models.note import Note\nfrom app.stores.base import Store\n\n\nclass NoteStore(Store[Note]):\n    pass\n',
      'app/services/note.py': 'from app.stores.note import NoteStore as NoteRepository\n\n\nclass NoteService:\n    def __init__(self, session):\n        self.notes = NoteRepository(session)\n',
    });
    const all = '\n    async def fetch_one(self, id):\n        return await self.session.get(self.model, id)\n\n    async def page(self, *, skip=0, limit=10):\n        return []\n\n    async def put(self, obj):\n        self.session.add(obj)\n\n    async def patch(self, obj, values):\n        for k, v in values.items():\n            setattr(obj, k, v)\n\n    async def drop(self, obj):\n        await self.session.delete(obj)\n';
    const style = await inferStyle(files(all));
    assert.ok(style.dataAccess.kind === 'service');
    assert.deepEqual(style.dataAccess.kind === 'service' && style.dataAccess.repository?.methods, { get: 'fetch_one', list: 'page', add: 'put', update: 'patch', delete: 'drop', page: ['skip', 'limit'] });
    const without = await inferStyle(files(all.replace(/\n    async def drop[\s\S]*$/, '\n')));
    assert.ok(without.dataAccess.kind === 'service');
    assert.match((without.dataAccess.kind === 'service' && without.dataAccess.repository?.missing) || '', /Store has no async delete method/);
  });

  const project = (routes: string, models: string) => view({
    'app/main.py': 'from fastapi import FastAPI\n\nfrom app.routes import router\n\napp = FastAPI()\napp.include_router(router)\n',
    'app/deps.py': 'from typing import Annotated\n\nfrom fastapi import Depends\nfrom sqlalchemy.orm import Session\n\n\ndef get_db():\n    yield None\n\n\ndef get_current_user():\n    return None\n\n\nSessionDep = Annotated[Session, Depends(get_db)]\nCurrentUser = Annotated[object, Depends(get_current_user)]\n',
    'app/models.py': `from sqlalchemy import ForeignKey, Integer\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass Account(Base):\n    __tablename__ = "accounts"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    is_admin: Mapped[bool] = mapped_column(default=False)\n\n\n${models}`,
    'app/routes.py': `from fastapi import APIRouter, HTTPException, status\n\nfrom app.deps import CurrentUser, SessionDep\nfrom app.models import Note\n\nrouter = APIRouter(prefix="/notes")\n\n\n${routes}`,
  });
  const NOTE = 'class Note(Base):\n    __tablename__ = "notes"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    user_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))\n';

  it('a user_id column to an accounts table, set inline, checked with status.HTTP_403_FORBIDDEN and an is_admin bypass', async () => {
    const routes = '@router.post("/")\ndef create_note(session: SessionDep, user: CurrentUser) -> Note:\n    note = Note(user_id=user.id)\n    session.add(note)\n    return note\n\n\n'
      + '@router.get("/{note_id}")\ndef read_note(note_id: int, session: SessionDep, user: CurrentUser) -> Note:\n    note = session.get(Note, note_id)\n    if not user.is_admin and note.user_id != user.id:\n        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not your note")\n    return note\n';
    const { auth } = await inferStyle(project(routes, NOTE));
    assert.deepEqual(auth.owner, {
      field: 'user_id', table: 'accounts', model: 'Note', others: 'forbidden', superuserBypass: true,
      forbidden: { raise: 'HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not your note")', imports: [{ module: 'fastapi', names: ['HTTPException', 'status'] }], status: 403 },
    });
    assert.deepEqual(auth.superuserCheck, { attribute: 'is_admin' });
  });

  it('hard negatives: a user FK never set from a user, a refusal naming a local, an owner-like column to another table', async () => {
    // The column exists but nothing sets it from a user (an import script fills it): not ownership.
    const unset = '@router.get("/{note_id}")\ndef read_note(note_id: int, session: SessionDep, user: CurrentUser) -> Note:\n    return session.get(Note, note_id)\n';
    assert.equal((await inferStyle(project(unset, NOTE))).auth.ownership, false);
    // `author_id` referencing a non-user table (`authors`) is data, not ownership.
    const authors = 'class Author(Base):\n    __tablename__ = "authors"\n    id: Mapped[int] = mapped_column(primary_key=True)\n\n\nclass Note(Base):\n    __tablename__ = "notes"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))\n';
    const setsAuthor = '@router.post("/")\ndef create_note(session: SessionDep, user: CurrentUser, author: int) -> Note:\n    note = Note(author_id=author.id)\n    return note\n';
    assert.equal((await inferStyle(project(setsAuthor, authors))).auth.owner, undefined);
    // A refusal that interpolates the row cannot be copied; the ownership stays, the project's status too is unknown.
    const local = '@router.post("/")\ndef create_note(session: SessionDep, user: CurrentUser) -> Note:\n    return Note(user_id=user.id)\n\n\n'
      + '@router.get("/{note_id}")\ndef read_note(note_id: int, session: SessionDep, user: CurrentUser) -> Note:\n    note = session.get(Note, note_id)\n    if note.user_id != user.id:\n        raise NoteError(note)\n    return note\n';
    const style = await inferStyle(project(local, NOTE));
    assert.equal(style.auth.owner?.field, 'user_id');
    assert.equal(style.auth.owner?.forbidden, undefined);
    assert.equal(style.auth.owner?.superuserBypass, false, 'is_admin is a column here, never checked in code');
  });
});
