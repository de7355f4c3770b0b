// Style inference on small in-memory projects, one per real-world style
// (SQLModel single module + crud.py, sync feature folders, async SQLAlchemy 2
// with repositories under api/v1/endpoints, our own init layout) and the
// tricky cases: aliases declared in another module, inline Annotated
// dependencies, mixed sync/async, a project with no routes at all.
import assert from 'node:assert/strict';
import { inferStyle, memoryFileView, planInit, planNewResource, resultingText, styleSummary, type EditPlan } from '../../src/core/index';

type Files = Map<string, string>;
const view = (files: Record<string, string>) => memoryFileView(new Map(Object.entries(files)));

/** SQLModel in one app/models.py, crud functions, routes in app/api/routes collected by app/api/main.py, Alembic, uuid ids. */
const SQLMODEL_PROJECT: Record<string, string> = {
  'alembic.ini': '[alembic]\nscript_location = app/alembic\n',
  'app/__init__.py': '',
  'app/main.py': `from fastapi import FastAPI\n\nfrom app.api.main import api_router\nfrom app.core.config import settings\n\napp = FastAPI(title=settings.PROJECT_NAME)\napp.include_router(api_router, prefix=settings.API_V1_STR)\n`,
  'app/api/main.py': `from fastapi import APIRouter\n\nfrom app.api.routes import items, users\n\napi_router = APIRouter()\napi_router.include_router(items.router)\napi_router.include_router(users.router)\n`,
  'app/api/deps.py': `from collections.abc import Generator\nfrom typing import Annotated\n\nfrom fastapi import Depends, HTTPException\nfrom sqlmodel import Session\n\nfrom app.core.db import engine\nfrom app.models import User\n\n\ndef get_db() -> Generator[Session, None, None]:\n    with Session(engine) as session:\n        yield session\n\n\nSessionDep = Annotated[Session, Depends(get_db)]\n\n\ndef get_current_user(session: SessionDep) -> User:\n    raise HTTPException(status_code=403)\n\n\nCurrentUser = Annotated[User, Depends(get_current_user)]\n\n\ndef get_current_active_superuser(current_user: CurrentUser) -> User:\n    return current_user\n`,
  'app/models.py': `import uuid\n\nfrom sqlmodel import Field, SQLModel\n\n\nclass UserBase(SQLModel):\n    email: str = Field(unique=True, max_length=255)\n\n\nclass User(UserBase, table=True):\n    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)\n\n\nclass ItemBase(SQLModel):\n    title: str = Field(min_length=1, max_length=255)\n\n\nclass ItemCreate(ItemBase):\n    pass\n\n\nclass ItemUpdate(ItemBase):\n    title: str | None = Field(default=None, max_length=255)  # type: ignore\n\n\nclass Item(ItemBase, table=True):\n    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)\n    owner_id: uuid.UUID = Field(foreign_key="user.id", nullable=False)\n\n\nclass ItemPublic(ItemBase):\n    id: uuid.UUID\n    owner_id: uuid.UUID\n`,
  'app/crud.py': `import uuid\n\nfrom sqlmodel import Session, select\n\nfrom app.models import Item, ItemCreate, User\n\n\ndef create_user(*, session: Session, email: str) -> User:\n    user = User(email=email)\n    session.add(user)\n    return user\n\n\ndef get_user_by_email(*, session: Session, email: str) -> User | None:\n    return session.exec(select(User).where(User.email == email)).first()\n\n\ndef create_item(*, session: Session, item_in: ItemCreate, owner_id: uuid.UUID) -> Item:\n    db_item = Item.model_validate(item_in, update={"owner_id": owner_id})\n    session.add(db_item)\n    return db_item\n`,
  'app/api/routes/__init__.py': '',
  'app/api/routes/items.py': `import uuid\nfrom typing import Any\n\nfrom fastapi import APIRouter, HTTPException\n\nfrom app import crud\nfrom app.api.deps import CurrentUser, SessionDep\nfrom app.models import Item, ItemCreate, ItemPublic, ItemUpdate\n\nrouter = APIRouter(prefix="/items", tags=["items"])\n\n\n@router.get("/{id}", response_model=ItemPublic)\ndef read_item(session: SessionDep, current_user: CurrentUser, id: uuid.UUID) -> Any:\n    item = session.get(Item, id)\n    if not item:\n        raise HTTPException(status_code=404, detail="Item not found")\n    return item\n\n\n@router.post("/", response_model=ItemPublic)\ndef create_item(*, session: SessionDep, current_user: CurrentUser, item_in: ItemCreate) -> Any:\n    return crud.create_item(session=session, item_in=item_in, owner_id=current_user.id)\n\n\n@router.put("/{id}", response_model=ItemPublic)\ndef update_item(*, session: SessionDep, current_user: CurrentUser, id: uuid.UUID, item_in: ItemUpdate) -> Any:\n    item = session.get(Item, id)\n    return item\n`,
  'app/api/routes/users.py': `from typing import Any\n\nfrom fastapi import APIRouter, Depends\n\nfrom app import crud\nfrom app.api.deps import SessionDep, get_current_active_superuser\n\nrouter = APIRouter(prefix="/users", tags=["users"])\n\n\n@router.post("/", dependencies=[Depends(get_current_active_superuser)])\ndef create_user(*, session: SessionDep, email: str) -> Any:\n    return crud.create_user(session=session, email=email)\n`,
  'app/alembic/env.py': 'from alembic import context\n',
  'app/alembic/versions/e2412789c190_initialize_models.py': `"""Initialize models"""\nrevision = "e2412789c190"\ndown_revision = None\n\n\ndef upgrade():\n    pass\n`,
  'app/alembic/versions/1a31ce608336_add_cascade.py': `"""Add cascade"""\nrevision = '1a31ce608336'\ndown_revision = 'e2412789c190'\n\n\ndef upgrade():\n    pass\n`,
  'app/tests/conftest.py': `from collections.abc import Generator\n\nimport pytest\nfrom fastapi.testclient import TestClient\n\nfrom app.main import app\n\n\n@pytest.fixture(scope="session", autouse=True)\ndef db() -> Generator[None, None, None]:\n    yield\n\n\n@pytest.fixture(scope="module")\ndef client() -> Generator[TestClient, None, None]:\n    with TestClient(app) as c:\n        yield c\n\n\n@pytest.fixture(scope="module")\ndef superuser_token_headers(client: TestClient) -> dict[str, str]:\n    return {}\n`,
  'app/tests/api/test_items.py': `from fastapi.testclient import TestClient\n\n\ndef test_create_item(client: TestClient, superuser_token_headers: dict[str, str]) -> None:\n    assert client\n`,
};

/** Sync SQLAlchemy (legacy Column) in feature folders: <domain>/models.py, service.py, views.py; Depends(get_db). */
const FEATURE_PROJECT: Record<string, string> = {
  'src/__init__.py': '',
  'src/main.py': `from fastapi import FastAPI\n\nfrom src.posts.views import router as posts_router\nfrom src.authors.views import router as authors_router\n\napp = FastAPI()\napp.include_router(posts_router, prefix="/posts", tags=["posts"])\napp.include_router(authors_router, prefix="/authors", tags=["authors"])\n`,
  'src/database.py': `from sqlalchemy import create_engine\nfrom sqlalchemy.orm import declarative_base, sessionmaker\n\nengine = create_engine("sqlite://")\nSessionLocal = sessionmaker(bind=engine)\nBase = declarative_base()\n\n\ndef get_db():\n    db = SessionLocal()\n    try:\n        yield db\n    finally:\n        db.close()\n`,
  'src/auth/dependencies.py': `from fastapi import Depends\nfrom fastapi.security import OAuth2PasswordBearer\n\noauth2 = OAuth2PasswordBearer(tokenUrl="token")\n\n\ndef get_current_active_user(token: str = Depends(oauth2)):\n    return token\n`,
  'src/posts/models.py': `from sqlalchemy import Column, ForeignKey, Integer, String\n\nfrom src.database import Base\n\n\nclass Post(Base):\n    __tablename__ = "posts"\n    id = Column(Integer, primary_key=True, index=True)\n    title = Column(String(200))\n    author_id = Column(Integer, ForeignKey("authors.id"))\n`,
  'src/posts/schemas.py': `from pydantic import BaseModel\n\n\nclass PostCreate(BaseModel):\n    title: str\n\n\nclass PostOut(PostCreate):\n    id: int\n\n    class Config:\n        orm_mode = True\n`,
  'src/posts/service.py': `from sqlalchemy.orm import Session\n\nfrom src.posts.models import Post\n\n\ndef get_post(db: Session, post_id: int):\n    return db.query(Post).get(post_id)\n\n\ndef get_posts(db: Session):\n    return db.query(Post).all()\n\n\ndef create_post(db: Session, title: str):\n    post = Post(title=title)\n    db.add(post)\n    return post\n`,
  'src/posts/views.py': `from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\n\nfrom src.auth.dependencies import get_current_active_user\nfrom src.database import get_db\nfrom src.posts import service\nfrom src.posts.schemas import PostCreate, PostOut\n\nrouter = APIRouter()\n\n\n@router.get("/{post_id}", response_model=PostOut)\ndef read_post(post_id: int, db: Session = Depends(get_db)):\n    return service.get_post(db, post_id)\n\n\n@router.post("/", response_model=PostOut)\ndef create_post(payload: PostCreate, db: Session = Depends(get_db), user=Depends(get_current_active_user)):\n    return service.create_post(db, payload.title)\n\n\n@router.put("/{post_id}", response_model=PostOut)\ndef update_post(post_id: int, payload: PostCreate, db: Session = Depends(get_db), user=Depends(get_current_active_user)):\n    return service.get_post(db, post_id)\n`,
  'src/authors/models.py': `from sqlalchemy import Column, Integer, String\n\nfrom src.database import Base\n\n\nclass Author(Base):\n    __tablename__ = "authors"\n    id = Column(Integer, primary_key=True)\n    name = Column(String(100))\n`,
  'src/authors/service.py': `from src.authors.models import Author\n\n\ndef get_author(db, author_id: int):\n    return db.get(Author, author_id)\n`,
  'src/authors/views.py': `from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\n\nfrom src.authors import service\nfrom src.database import get_db\n\nrouter = APIRouter()\n\n\n@router.get("/{author_id}")\ndef read_author(author_id: int, db: Session = Depends(get_db)):\n    return service.get_author(db, author_id)\n`,
};

/** Async SQLAlchemy 2 with repository classes, api/v1/endpoints, deps re-exported from a package and a mixed sync/async router. */
const ASYNC_PROJECT: Record<string, string> = {
  'app/main.py': `from fastapi import FastAPI\n\nfrom app.api.v1.router import api_router\n\napp = FastAPI()\napp.include_router(api_router, prefix="/api/v1")\n`,
  'app/api/v1/router.py': `from fastapi import APIRouter\n\nfrom app.api.v1.endpoints import orders, health\n\napi_router = APIRouter()\napi_router.include_router(orders.router, prefix="/orders", tags=["orders"])\napi_router.include_router(health.router, prefix="/health", tags=["health"])\n`,
  'app/core/deps.py': `from typing import Annotated\n\nfrom fastapi import Depends, Security\nfrom sqlalchemy.ext.asyncio import AsyncSession\n\nfrom app.db.session import get_async_session\n\nDbSession = Annotated[AsyncSession, Depends(get_async_session)]\n\n\nasync def get_current_user(token: str = "") -> dict:\n    return {}\n`,
  'app/api/deps.py': `from app.core.deps import DbSession, get_current_user\n\n__all__ = ["DbSession", "get_current_user"]\n`,
  'app/db/session.py': `from collections.abc import AsyncIterator\n\nfrom sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine\n\nengine = create_async_engine("sqlite+aiosqlite://")\nfactory = async_sessionmaker(engine)\n\n\nasync def get_async_session() -> AsyncIterator[AsyncSession]:\n    async with factory() as session:\n        yield session\n`,
  'app/db/base.py': `from datetime import datetime\n\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass TimestampMixin:\n    created_at: Mapped[datetime] = mapped_column(default=datetime.utcnow)\n`,
  'app/models/order.py': `from sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.db.base import Base, TimestampMixin\n\n\nclass Order(Base, TimestampMixin):\n    __tablename__ = "orders"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    total: Mapped[int]\n`,
  'app/models/customer.py': `from sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.db.base import Base, TimestampMixin\n\n\nclass Customer(Base, TimestampMixin):\n    __tablename__ = "customers"\n    id: Mapped[int] = mapped_column(primary_key=True)\n`,
  'app/schemas/order.py': `from pydantic import BaseModel, ConfigDict\n\n\nclass OrderCreate(BaseModel):\n    total: int\n\n\nclass OrderRead(OrderCreate):\n    model_config = ConfigDict(from_attributes=True)\n    id: int\n`,
  'app/repositories/base.py': `from typing import Generic, TypeVar\n\nT = TypeVar("T")\n\n\nclass BaseRepository(Generic[T]):\n    async def get(self, id: int) -> T | None:\n        return None\n`,
  'app/repositories/order.py': `from app.models.order import Order\nfrom app.repositories.base import BaseRepository\n\n\nclass OrderRepository(BaseRepository[Order]):\n    pass\n`,
  'app/api/v1/endpoints/orders.py': `from typing import Annotated\n\nfrom fastapi import APIRouter, Depends, Security\n\nfrom app.api.deps import DbSession, get_current_user\nfrom app.repositories.order import OrderRepository\nfrom app.schemas.order import OrderCreate, OrderRead\n\nrouter = APIRouter()\n\n\n@router.get("/{order_id}")\nasync def read_order(order_id: int, session: DbSession, user: Annotated[dict, Security(get_current_user, scopes=["orders"])]) -> OrderRead:\n    repo = OrderRepository(session)\n    return await repo.get(order_id)\n\n\n@router.post("/")\nasync def create_order(payload: OrderCreate, session: DbSession, user: Annotated[dict, Security(get_current_user, scopes=["orders"])]) -> OrderRead:\n    repo = OrderRepository(session)\n    return await repo.get(1)\n\n\n@router.patch("/{order_id}")\nasync def patch_order(order_id: int, session: DbSession) -> OrderRead:\n    repo = OrderRepository(session)\n    return await repo.get(order_id)\n`,
  'app/api/v1/endpoints/health.py': `from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/")\ndef health() -> dict:\n    return {"ok": True}\n`,
  'tests/conftest.py': `import pytest\n\n\n@pytest.fixture\nasync def client():\n    yield None\n`,
  'tests/test_orders.py': `import pytest\n\n\n@pytest.mark.anyio\nasync def test_order(client) -> None:\n    assert client is None\n`,
};

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
