// The route explorer's core: full paths resolved across files (router and
// include prefixes, nested includes, a router included twice), auth from the
// same code as missing-auth (router, include_router, app dependencies), and
// incremental updates that re-parse only the changed file.
import assert from 'node:assert/strict';
import { PythonAnalyzer, RouteIndex, type AppNode, type RouteFile } from '../../src/core/index';
import { UNMOUNTED_LABEL } from '../../src/core/routes/model';

const DEPS = `from typing import Annotated
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    if not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED)
    return token


CurrentUserDep = Annotated[str, Depends(get_current_user)]
`;

const ITEMS = `from fastapi import APIRouter

router = APIRouter(prefix="/items", tags=["items"])


@router.get("")
async def list_items() -> list[str]:
    return []


@router.post("/{item_id}")
async def create_item(item_id: int) -> str:
    return "x"
`;

const USERS = `from fastapi import APIRouter, Depends

from app.deps import CurrentUserDep, get_current_user

router = APIRouter(prefix="/users", dependencies=[Depends(get_current_user)])


@router.delete("/{user_id}")
async def delete_user(user_id: int) -> None:
    return None
`;

const ADMIN = `from fastapi import APIRouter

router = APIRouter()


@router.put("/settings")
async def put_settings() -> None:
    return None
`;

const API = `from fastapi import APIRouter

from app.routers import users, admin

api_router = APIRouter()
api_router.include_router(users.router)
api_router.include_router(admin.router, prefix="/admin")
`;

const AUTH = `from fastapi import APIRouter

from app.deps import CurrentUserDep

router = APIRouter(prefix="/auth")


@router.post("/token")
async def login() -> str:
    return "t"


@router.get("/me")
async def me(user: CurrentUserDep) -> str:
    return user
`;

const MAIN = `from fastapi import FastAPI

from app.api import api_router
from app.routers import auth, items
from app.settings import settings

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(auth.router)
app.include_router(items.router, prefix="/v1")
app.include_router(items.router, prefix="/v2")
app.include_router(api_router, prefix=settings.API_V1_STR)
`;

const LOOSE = `from fastapi import APIRouter

router = APIRouter(prefix="/drafts")


@router.patch("/{draft_id}")
async def edit_draft(draft_id: int) -> None:
    return None
`;

function project(overrides: Record<string, string> = {}): RouteFile[] {
  const files: Record<string, string> = {
    'app/__init__.py': '',
    'app/deps.py': DEPS,
    'app/main.py': MAIN,
    'app/api.py': API,
    'app/routers/__init__.py': '',
    'app/routers/items.py': ITEMS,
    'app/routers/users.py': USERS,
    'app/routers/admin.py': ADMIN,
    'app/routers/auth.py': AUTH,
    'app/routers/drafts.py': LOOSE,
    'tests/test_items.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post("/t")\ndef t() -> None:\n    pass\n',
    ...overrides,
  };
  return Object.entries(files).map(([path, source]) => ({ key: `file:///ws/${path}`, path, source }));
}

/** `METHOD full-path auth` lines per group, for readable assertions. */
function lines(apps: readonly AppNode[]): string[] {
  return apps.flatMap((a) => a.groups.flatMap((g) => g.routes.map((r) => `${a.label} | ${g.module}:${g.variable} | ${r.methods.join(',')} ${r.fullPath} ${r.auth.status}${r.auth.flagged ? '!' : ''}`)));
}

describe('route index (route explorer core)', () => {
  let index: RouteIndex;

  beforeEach(async () => {
    index = await RouteIndex.create();
    index.build(project());
  });

  it('resolves full paths across files: router prefix, include prefix, nested includes, a router included twice', () => {
    assert.deepEqual(lines(index.apps()), [
      'app | app.main:app | GET /health exempt',
      'app | app.routers.auth:router | POST /auth/token exempt',
      'app | app.routers.auth:router | GET /auth/me protected',
      'app | app.routers.items:router | GET /v1/items open',
      'app | app.routers.items:router | POST /v1/items/{item_id} open!',
      'app | app.routers.items:router | GET /v2/items open',
      'app | app.routers.items:router | POST /v2/items/{item_id} open!',
      'app | app.routers.users:router | DELETE <settings.API_V1_STR>/users/{user_id} protected',
      'app | app.routers.admin:router | PUT <settings.API_V1_STR>/admin/settings open!',
      `${UNMOUNTED_LABEL} | app.routers.drafts:router | PATCH /drafts/{draft_id} open!`,
    ]);
  });

  it('groups by app then by router mount, with each mount\'s prefix and the handler location', () => {
    const [app, loose] = index.apps();
    assert.equal(app!.label, 'app');
    assert.equal(app!.relativePath, 'app/main.py');
    assert.deepEqual(
      app!.groups.map((g) => `${g.relativePath} ${g.prefix}`),
      ['app/main.py ', 'app/routers/auth.py /auth', 'app/routers/items.py /v1/items', 'app/routers/items.py /v2/items', 'app/routers/users.py <settings.API_V1_STR>/users', 'app/routers/admin.py <settings.API_V1_STR>/admin'],
    );
    assert.equal(new Set(index.routes().map((r) => r.id)).size, index.routes().length, 'ids are unique');
    const create = index.routes().find((r) => r.handler === 'create_item')!;
    assert.deepEqual(create.location, { start: { line: 11, character: 10 }, end: { line: 11, character: 21 } });
    assert.equal(create.file, 'file:///ws/app/routers/items.py');
    assert.equal(loose!.label, UNMOUNTED_LABEL);
    assert.equal(loose!.file, undefined);
  });

  it('test files declare no apps or routes', () => {
    assert.ok(!index.routes().some((r) => r.relativePath.startsWith('tests/')));
  });

  it('auth through include_router(..., dependencies=[...]) and FastAPI(dependencies=[...])', () => {
    const guardedInclude = MAIN.replace('app.include_router(items.router, prefix="/v1")', 'app.include_router(items.router, prefix="/v1", dependencies=[Depends(get_current_user)])')
      .replace('from fastapi import FastAPI', 'from fastapi import Depends, FastAPI\n\nfrom app.deps import get_current_user');
    index.update({ key: 'file:///ws/app/main.py', path: 'app/main.py', source: guardedInclude });
    const items = index.routes().filter((r) => r.relativePath === 'app/routers/items.py');
    assert.ok(items.every((r) => r.auth.status === 'protected'), 'the included router is guarded');
    assert.match(items[0]!.auth.reason, /get_current_user \(include_router in app\/main\.py\)/);

    const guardedApp = MAIN.replace('app = FastAPI()', 'app = FastAPI(dependencies=[Depends(get_current_user)])').replace('from fastapi import FastAPI', 'from fastapi import Depends, FastAPI\n\nfrom app.deps import get_current_user');
    index.update({ key: 'file:///ws/app/main.py', path: 'app/main.py', source: guardedApp });
    const served = index.apps()[0]!.groups.flatMap((g) => g.routes);
    assert.deepEqual(served.filter((r) => r.auth.status === 'open').map((r) => r.handler), [], 'every route of the guarded app is guarded');
    const loose = index.apps()[1]!.groups.flatMap((g) => g.routes);
    assert.deepEqual(loose.map((r) => r.auth.status), ['open'], 'a router outside the app is not');
  });

  it('APIRouter(dependencies=[...]) guards the router\'s routes', () => {
    const del = index.routes().find((r) => r.handler === 'delete_user')!;
    assert.equal(del.auth.status, 'protected');
    assert.equal(del.auth.reason, 'Depends(get_current_user) on router');
    assert.equal(del.auth.flagged, false);
  });

  it('flags exactly the routes the missing-auth rule reports', async () => {
    const analyzer = await PythonAnalyzer.create();
    const facts = index.projectFacts();
    for (const file of project()) {
      const reported = analyzer
        .analyze(file.path, file.source, { only: ['missing-auth'], project: facts })
        .findings.map((f) => file.source.slice(0, f.start).split('\n').length - 1)
        .sort();
      // The finding sits on the decorator; the route's location is the handler name below it.
      const flagged = index
        .routes()
        .filter((r) => r.file === file.key && r.auth.flagged)
        .map((r) => {
          const above = file.source.split('\n').slice(0, r.location.start.line);
          let line = above.length - 1;
          while (line >= 0 && !above[line]!.startsWith('@')) line--;
          return line;
        });
      assert.deepEqual([...new Set(flagged)].sort(), reported, file.path);
    }
  });

  it('re-parses only the edited router file; its routes change, the others stay', () => {
    const before = new Map(index.apps().flatMap((a) => a.groups.map((g) => [g.id, g] as const)));
    const edited = `${ITEMS}\n\n@router.delete("/{item_id}")\nasync def delete_item(item_id: int) -> None:\n    return None\n`;
    const stats = index.update({ key: 'file:///ws/app/routers/items.py', path: 'app/routers/items.py', source: edited });
    assert.deepEqual(stats, { parsed: 1, authRecomputed: 0, changed: true });
    assert.deepEqual(
      index.routes().filter((r) => r.handler === 'delete_item').map((r) => r.fullPath),
      ['/v1/items/{item_id}', '/v2/items/{item_id}'],
    );
    for (const group of index.apps().flatMap((a) => a.groups)) {
      // Resolution reuses every mount the edit cannot affect: same objects, not recomputed.
      if (group.relativePath === 'app/routers/items.py') assert.notEqual(group, before.get(group.id), group.id);
      else assert.equal(group, before.get(group.id), group.id);
    }
    assert.deepEqual(index.update({ key: 'file:///ws/app/routers/items.py', path: 'app/routers/items.py', source: edited }), { parsed: 0, authRecomputed: 0, changed: false });
  });

  it('changing a prefix in one file re-resolves the paths that depend on it without parsing others', () => {
    const stats = index.update({ key: 'file:///ws/app/api.py', path: 'app/api.py', source: API.replace('prefix="/admin"', 'prefix="/staff"') });
    assert.equal(stats.parsed, 1);
    assert.ok(index.routes().some((r) => r.fullPath === '<settings.API_V1_STR>/staff/settings'));
    assert.ok(!index.routes().some((r) => r.fullPath.includes('/admin/')));
  });

  it('an auth dependency appearing recomputes the other route files\' auth', () => {
    // Without deps.py the project has no auth: nothing is protected or flagged.
    index.remove('file:///ws/app/deps.py');
    assert.ok(index.routes().every((r) => r.auth.status !== 'protected' && !r.auth.flagged));
    assert.ok(index.routes().some((r) => r.auth.reason === 'the project has no auth dependency'));
    const stats = index.update({ key: 'file:///ws/app/deps.py', path: 'app/deps.py', source: DEPS });
    assert.equal(stats.parsed, stats.authRecomputed, 'deps.py has no routes: only the route files were re-read');
    assert.ok(stats.authRecomputed >= 5);
    assert.equal(index.routes().find((r) => r.handler === 'me')!.auth.status, 'protected');
  });

  it('deleting a file removes its routes and its mounts', () => {
    index.remove('file:///ws/app/api.py');
    assert.ok(!index.routes().some((r) => r.fullPath.startsWith('<settings')));
    // users and admin are no longer included anywhere: they join the routers outside any app.
    const loose = index.apps().find((a) => a.label === UNMOUNTED_LABEL)!;
    assert.deepEqual(loose.groups.map((g) => `${g.relativePath} ${g.prefix}`), ['app/routers/admin.py ', 'app/routers/drafts.py /drafts', 'app/routers/users.py /users']);
  });

  it('finds an app built in a factory and the routes on it', () => {
    const factory = `from fastapi import FastAPI

from app.routers import items


def create_app() -> FastAPI:
    application = FastAPI()
    application.include_router(items.router, prefix="/api")
    return application
`;
    index.build(project({ 'app/main.py': factory }));
    const app = index.apps().find((a) => a.label === 'application')!;
    assert.deepEqual(app.groups.flatMap((g) => g.routes.map((r) => r.fullPath)), ['/api/items', '/api/items/{item_id}']);
  });

  it('resolves modules when the project sits below the workspace folder, and survives include cycles', () => {
    const files = project().map((f) => ({ ...f, key: `file:///ws/backend/${f.path}`, path: `backend/${f.path}` }));
    const cyclic = `from fastapi import APIRouter\n\nfrom app.routers import items\n\nrouter = APIRouter(prefix="/a")\nrouter.include_router(router)\n\n\n@router.get("/x")\ndef x() -> None:\n    pass\n`;
    files.push({ key: 'file:///ws/backend/app/routers/cyclic.py', path: 'backend/app/routers/cyclic.py', source: cyclic });
    index.build(files);
    assert.ok(index.routes().some((r) => r.fullPath === '/v2/items/{item_id}' && r.relativePath === 'backend/app/routers/items.py'));
    assert.ok(index.routes().some((r) => r.fullPath === '/a/x'));
  });
});
