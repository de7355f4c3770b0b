// missing-auth's message names the route as a client calls it (every
// `include_router` prefix up to the app) and the guard as the project's own
// routes spell it (its `CurrentUser` alias rather than the function behind it);
// where a mount prefix is not a literal or a router is mounted twice, it keeps
// the path the router's file knows instead of a partial chain.
import * as assert from 'node:assert/strict';
import { collectProjectFacts } from '../../src/core/analysis/project';
import { PythonAnalyzer } from '../../src/core/analysis/engine';

const DEPS = `from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token")


def get_current_user(token: Annotated[str, Depends(oauth2)]) -> str:
    if not token:
        raise HTTPException(status_code=401)
    return token


CurrentUser = Annotated[str, Depends(get_current_user)]
`;

const ITEMS = `from fastapi import APIRouter

from app.deps import CurrentUser

router = APIRouter(prefix="/items")


@router.post("/")
def create_item(user: CurrentUser) -> dict:
    return {}


@router.delete("/{item_id}")
def delete_item(item_id: int) -> None:
    return None
`;

async function messages(files: Record<string, string>): Promise<string[]> {
  const list = Object.entries(files).map(([path, source]) => ({ path, source }));
  const project = collectProjectFacts(list);
  const analyzer = await PythonAnalyzer.create();
  return analyzer.analyze('app/routers/items.py', files['app/routers/items.py']!, { project, only: ['missing-auth'] }).findings.map((f) => f.message);
}

describe('missing-auth: the message a user reads', () => {
  it('the full client path through two mounts, and the alias the routes use', async () => {
    const [message, ...rest] = await messages({
      'app/deps.py': DEPS,
      'app/routers/items.py': ITEMS,
      'app/api.py': 'from fastapi import APIRouter\n\nfrom app.routers import items\n\napi_router = APIRouter()\napi_router.include_router(items.router, prefix="/v1")\n',
      'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api import api_router\n\napp = FastAPI()\napp.include_router(api_router, prefix="/api")\n',
    });
    assert.deepEqual(rest, []);
    assert.match(message!, /^DELETE \/api\/v1\/items\/\{item_id\} can be called without authentication although the project authenticates with CurrentUser;/);
  });

  it('a mount under a settings expression keeps the path the router file knows (no partial chain)', async () => {
    const [message] = await messages({
      'app/deps.py': DEPS,
      'app/routers/items.py': ITEMS,
      'app/api.py': 'from fastapi import APIRouter\n\nfrom app.routers import items\n\napi_router = APIRouter()\napi_router.include_router(items.router, prefix="/v1")\n',
      'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api import api_router\nfrom app.config import settings\n\napp = FastAPI()\napp.include_router(api_router, prefix=settings.API_PREFIX)\n',
    });
    assert.match(message!, /^DELETE \/items\/\{item_id\} /);
  });

  it('a router mounted twice keeps its own path', async () => {
    const [message] = await messages({
      'app/deps.py': DEPS,
      'app/routers/items.py': ITEMS,
      'app/main.py': 'from fastapi import FastAPI\n\nfrom app.routers import items\n\napp = FastAPI()\napp.include_router(items.router, prefix="/v1")\napp.include_router(items.router, prefix="/v2")\n',
    });
    assert.match(message!, /^DELETE \/items\/\{item_id\} /);
  });

  it('without an alias, the function is named', async () => {
    const [message] = await messages({
      'app/deps.py': DEPS.replace(/\nCurrentUser = .*\n/, '\n'),
      'app/routers/items.py': ITEMS.replace('from app.deps import CurrentUser', 'from fastapi import Depends\n\nfrom app.deps import get_current_user').replace('user: CurrentUser', 'user: str = Depends(get_current_user)'),
      'app/main.py': 'from fastapi import FastAPI\n\nfrom app.routers import items\n\napp = FastAPI()\napp.include_router(items.router)\n',
    });
    assert.match(message!, /^DELETE \/items\/\{item_id\} .* authenticates with get_current_user;/);
  });
});
