// The static contract follows routers through aggregator modules and resolves
// prefixes written as expressions (`settings.API_V1_STR`, `get_settings()`,
// module constants) to the value the app starts with; a prefix it cannot pin
// to one string leaves the route out and lists it, never silently.
import * as assert from 'node:assert/strict';
import { buildOpenApi, type OpenApiDocument, type SourceFile } from '../../src/core/contract/openapi';

const project = (files: Record<string, string>): SourceFile[] => Object.entries(files).map(([path, source]) => ({ path, source }));

const ITEMS = `from fastapi import APIRouter

router = APIRouter(prefix="/items", tags=["items"])


@router.get("/")
def read_items() -> list[str]:
    return []


@router.get("/{item_id}")
def read_item(item_id: int) -> str:
    return ""
`;

const operations = (doc: OpenApiDocument): string[] =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe('static contract: router aggregators and expression prefixes', () => {
  it('an api_router aggregator included with a settings attribute prefix (instance of a BaseSettings class)', async () => {
    const doc = await buildOpenApi(
      project({
        'app/core/config.py': 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    API_V1_STR: str = "/api/v1"\n    PROJECT_NAME: str = "x"\n\n\nsettings = Settings()\n',
        'app/api/routes/items.py': ITEMS,
        'app/api/main.py': 'from fastapi import APIRouter\n\nfrom app.api.routes import items\n\napi_router = APIRouter()\napi_router.include_router(items.router)\n',
        'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api.main import api_router\nfrom app.core.config import settings\n\napp = FastAPI()\napp.include_router(api_router, prefix=settings.API_V1_STR)\n',
      }),
    );
    assert.deepEqual(operations(doc), ['GET /api/v1/items/', 'GET /api/v1/items/{item_id}']);
    assert.equal(doc['x-unresolved-routes'], undefined);
  });

  it('two levels of includes, relative imports, a factory with a return annotation and an inherited default', async () => {
    const doc = await buildOpenApi(
      project({
        'app/core/config.py':
          'from functools import lru_cache\n\nfrom pydantic_settings import BaseSettings\n\n\nclass Common(BaseSettings):\n    api_prefix: str = "/api"\n\n\nclass Settings(Common):\n    debug: bool = False\n\n\n@lru_cache\ndef get_settings() -> Settings:\n    return Settings()\n',
        'app/api/v1/endpoints/items.py': ITEMS,
        'app/api/v1/router.py': 'from fastapi import APIRouter\n\nfrom .endpoints import items\n\nrouter = APIRouter(prefix="/v1")\nrouter.include_router(items.router)\n',
        'app/api/router.py': 'from fastapi import APIRouter\n\nfrom app.api.v1.router import router as v1\n\napi_router = APIRouter()\napi_router.include_router(v1)\n',
        'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api.router import api_router\nfrom app.core.config import get_settings\n\nsettings = get_settings()\napp = FastAPI()\napp.include_router(api_router, prefix=settings.api_prefix)\n',
      }),
    );
    assert.deepEqual(operations(doc), ['GET /api/v1/items/', 'GET /api/v1/items/{item_id}']);
  });

  it('a module constant, bare or through its module', async () => {
    for (const [imports, prefix] of [
      ['from app.constants import API_PREFIX', 'API_PREFIX'],
      ['from app import constants', 'constants.API_PREFIX'],
    ] as const) {
      const doc = await buildOpenApi(
        project({
          'app/constants.py': 'API_PREFIX = "/v2"\n',
          'app/items.py': ITEMS,
          'app/main.py': `from fastapi import FastAPI\n\n${imports}\nfrom app import items\n\napp = FastAPI()\napp.include_router(items.router, prefix=${prefix})\n`,
        }),
      );
      assert.deepEqual(operations(doc), ['GET /v2/items/', 'GET /v2/items/{item_id}'], prefix);
    }
  });

  it('a prefix it cannot pin to one string leaves the routes out and lists them', async () => {
    const files = {
      'app/items.py': ITEMS,
      // Read from the environment at startup: no default in the sources.
      'app/main.py': 'import os\n\nfrom fastapi import FastAPI\n\nfrom app import items\n\napp = FastAPI()\napp.include_router(items.router, prefix=os.environ["PREFIX"])\n',
    };
    const doc = await buildOpenApi(project(files));
    assert.deepEqual(operations(doc), []);
    assert.deepEqual(doc['x-unresolved-routes'], ['GET <os.environ["PREFIX"]>/items/ (app/items.py:7)', 'GET <os.environ["PREFIX"]>/items/{item_id} (app/items.py:12)']);
  });

  it('a name bound to two different strings is ambiguous and is not guessed', async () => {
    const doc = await buildOpenApi(
      project({
        'app/a.py': 'PREFIX = "/a"\n',
        'app/b.py': 'PREFIX = "/b"\n',
        'app/items.py': ITEMS,
        'app/main.py': 'from fastapi import FastAPI\n\nfrom app.a import PREFIX\nfrom app import items\n\napp = FastAPI()\napp.include_router(items.router, prefix=PREFIX)\n',
      }),
    );
    assert.deepEqual(operations(doc), []);
    assert.equal(doc['x-unresolved-routes']?.length, 2);
  });
});
