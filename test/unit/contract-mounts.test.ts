// The static contract and the route index on router trees the way larger
// FastAPI projects lay them out: an aggregator module (`api_router`) that
// includes route modules, nested include chains, and prefixes written as
// module constants, settings attributes or f-strings, resolved to the string
// the running app would use. A prefix that cannot be followed keeps its
// routes, under the expression as written and marked `x-unresolved`.
import * as assert from 'node:assert/strict';
import { buildOpenApi, type OpenApiDocument } from '../../src/core/index';
import { RouteIndex } from '../../src/core/routes/routeIndex';
import { ConstantResolver, moduleConstants } from '../../src/core/routes/constants';
import { moduleOfPath } from '../../src/core/analysis/project';

const files = (tree: Record<string, string>) => Object.entries(tree).map(([path, source]) => ({ path, source }));
const operations = (doc: OpenApiDocument): string[] => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();

const ROUTE = (prefix: string, name: string) => `from fastapi import APIRouter

router = APIRouter(prefix="${prefix}", tags=["${name}"])


@router.get("/")
def list_${name}() -> list[str]:
    return []


@router.get("/{id}")
def read_${name}(id: int) -> str:
    return ""
`;

const CONFIG = `from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    PROJECT_NAME: str = "demo"
    API_V1_STR: str = "/api/v1"


settings = Settings()
`;

describe('contract: aggregator routers and expression prefixes', () => {
  it('follows app.include_router(api_router, prefix=settings.API_V1_STR) into an aggregator module', async () => {
    const doc = await buildOpenApi(
      files({
        'app/__init__.py': '',
        'app/core/config.py': CONFIG,
        'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api.main import api_router\nfrom app.core.config import settings\n\napp = FastAPI(title=settings.PROJECT_NAME)\napp.include_router(api_router, prefix=settings.API_V1_STR)\n',
        'app/api/main.py': 'from fastapi import APIRouter\n\nfrom app.api.routes import items, users\n\napi_router = APIRouter()\napi_router.include_router(items.router)\napi_router.include_router(users.router)\n',
        'app/api/routes/items.py': ROUTE('/items', 'items'),
        'app/api/routes/users.py': ROUTE('/users', 'users'),
      }),
    );
    assert.deepEqual(operations(doc), ['GET /api/v1/items/', 'GET /api/v1/items/{id}', 'GET /api/v1/users/', 'GET /api/v1/users/{id}']);
    assert.equal(doc.paths['/api/v1/items/{id}']!.get!['x-unresolved'], undefined);
  });

  it('nested two-level includes with relative imports, an imported module constant and an f-string prefix', async () => {
    const doc = await buildOpenApi(
      files({
        'app/__init__.py': '',
        'app/constants.py': 'API_PREFIX = "/api"\nVERSION = "v2"\n',
        'app/main.py': 'from fastapi import FastAPI\n\nfrom app.constants import API_PREFIX\nfrom app.api import api_router\n\napp = FastAPI()\napp.include_router(api_router, prefix=API_PREFIX)\n',
        'app/api/__init__.py': 'from fastapi import APIRouter\n\nfrom . import constants_free\nfrom .v2 import router as v2_router\nfrom app import constants\n\napi_router = APIRouter()\napi_router.include_router(v2_router, prefix=f"/{constants.VERSION}")\n',
        'app/api/constants_free.py': '',
        'app/api/v2/__init__.py': 'from fastapi import APIRouter\n\nfrom .routes import items\n\nrouter = APIRouter(prefix="/shop")\nrouter.include_router(items.router, prefix="/catalogue" + "/x")\n',
        'app/api/v2/routes/__init__.py': '',
        'app/api/v2/routes/items.py': ROUTE('/items', 'items'),
      }),
    );
    assert.deepEqual(operations(doc), ['GET /api/v2/shop/catalogue/x/items/', 'GET /api/v2/shop/catalogue/x/items/{id}']);
  });

  it('settings attributes: an instance from get_settings(), a Field(default=...), a settings module imported whole', async () => {
    const config = `from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings


class Base(BaseSettings):
    admin_prefix: str = Field(default="/admin", description="where admin lives")


class Settings(Base):
    api_v1_prefix: str = "/api/v1"


@lru_cache
def get_settings() -> Settings:
    return Settings()
`;
    const doc = await buildOpenApi(
      files({
        'app/__init__.py': '',
        'app/core/__init__.py': '',
        'app/core/config.py': config,
        'app/main.py': 'from fastapi import FastAPI\n\nfrom app.core import config\nfrom app.core.config import get_settings\nfrom app.routers import admin, posts\n\nsettings = get_settings()\napp = FastAPI()\napp.include_router(posts.router, prefix=settings.api_v1_prefix)\napp.include_router(admin.router, prefix=config.get_settings().admin_prefix)\n',
        'app/routers/__init__.py': '',
        'app/routers/posts.py': ROUTE('/posts', 'posts'),
        'app/routers/admin.py': ROUTE('', 'admin'),
      }),
    );
    assert.deepEqual(operations(doc), ['GET /admin/', 'GET /admin/{id}', 'GET /api/v1/posts/', 'GET /api/v1/posts/{id}']);
  });

  it('a prefix it cannot resolve keeps the routes, under the expression as written, marked x-unresolved', async () => {
    // No default: the value only exists in the environment of the running app.
    const config = 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    API_PREFIX: str\n\n\nsettings = Settings()\n';
    const doc = await buildOpenApi(
      files({
        'app/__init__.py': '',
        'app/config.py': config,
        'app/main.py': 'import os\n\nfrom fastapi import FastAPI\n\nfrom app.config import settings\nfrom app.routers import items, users\n\napp = FastAPI()\napp.include_router(items.router, prefix=settings.API_PREFIX)\napp.include_router(users.router, prefix=os.environ["USERS"])\n',
        'app/routers/__init__.py': '',
        'app/routers/items.py': ROUTE('/items', 'items'),
        'app/routers/users.py': ROUTE('/users', 'users'),
      }),
    );
    assert.deepEqual(operations(doc), ['GET <os.environ["USERS"]>/users/', 'GET <os.environ["USERS"]>/users/{id}', 'GET <settings.API_PREFIX>/items/', 'GET <settings.API_PREFIX>/items/{id}']);
    const op = doc.paths['<settings.API_PREFIX>/items/{id}']!.get!;
    assert.deepEqual(op['x-unresolved'], ['settings.API_PREFIX']);
    assert.deepEqual((op.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`), ['path:id'], 'the handler is still read');
  });

  it('the route explorer shows the same resolved paths (one resolver for both)', async () => {
    const index = await RouteIndex.create();
    const tree: Record<string, string> = {
      'app/core/config.py': CONFIG,
      'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api.main import api_router\nfrom app.core.config import settings\n\napp = FastAPI()\napp.include_router(api_router, prefix=settings.API_V1_STR)\n',
      'app/api/main.py': 'from fastapi import APIRouter\n\nfrom app.api.routes import items\n\napi_router = APIRouter()\napi_router.include_router(items.router)\n',
      'app/api/routes/items.py': ROUTE('/items', 'items'),
    };
    index.build(Object.entries(tree).map(([path, source]) => ({ key: path, path, source })));
    assert.deepEqual(index.routes().map((r) => r.fullPath), ['/api/v1/items/', '/api/v1/items/{id}']);
    // Editing the settings default re-resolves the mount on the next read.
    index.update({ key: 'app/core/config.py', path: 'app/core/config.py', source: CONFIG.replace('/api/v1', '/v9') });
    assert.deepEqual(index.routes().map((r) => r.fullPath), ['/v9/items/', '/v9/items/{id}']);
  });

  it('constant resolver: what it follows and what it refuses', () => {
    const sources: Record<string, string> = {
      'pkg/a.py': 'from pkg.b import B, make\nX = "/x"\nY = X + "/y"\nTWICE = "/1"\nTWICE = "/2"\nINST = make()\nimport pkg.b\n',
      'pkg/b.py': 'class B:\n    P = "/p"\n    Q: str\n\n\ndef make():\n    return B(1)\n',
    };
    const table = new Map(Object.entries(sources).map(([path, source]) => [moduleOfPath(path), { module: moduleOfPath(path), constants: moduleConstants(path, source, moduleOfPath(path)) }]));
    const r = new ConstantResolver((m) => table.get(m));
    assert.equal(r.string('pkg.a', 'Y'), '/x/y');
    assert.equal(r.string('pkg.a', 'B.P'), '/p');
    assert.equal(r.string('pkg.a', 'INST.P'), '/p', 'an unannotated factory returning one class');
    assert.equal(r.string('pkg.a', 'pkg.b.B.P'), '/p', 'import pkg.b');
    assert.equal(r.string('pkg.a', "f'{X}{{literal}}'"), '/x{literal}');
    assert.equal(r.string('pkg.a', 'TWICE'), undefined, 'bound twice: not trusted');
    assert.equal(r.string('pkg.a', 'B.Q'), undefined, 'a field without default');
    assert.equal(r.string('pkg.a', 'f"{X:>10}"'), undefined, 'format specs are not evaluated');
    assert.equal(r.string('pkg.a', 'unknown.attr'), undefined);
  });
});
