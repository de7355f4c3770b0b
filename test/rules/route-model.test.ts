// The route model behind missing-auth (and the route explorer): project facts
// about auth dependencies and guarded routers, `routeAuth` per route, and the
// rule's silence in a project that has no authentication at all.
import assert from 'node:assert/strict';
import { collectProjectFacts, EMPTY_FACTS, PythonAnalyzer } from '../../src/core/index';
import { parsePython } from '../../src/core/parse/python';
import { PyFile } from '../../src/core/analysis/python/pyfile';
import { routeAuth } from '../../src/core/analysis/python/routes';

const DEPS = `from typing import Annotated
from fastapi import Depends, HTTPException
from fastapi.security import HTTPBearer

bearer = HTTPBearer()


def load_account(creds=Depends(bearer)):
    return creds


AccountDep = Annotated[dict, Depends(load_account)]


def require_owner(account: AccountDep):
    return account
`;
const MAIN = `from fastapi import Depends, FastAPI
from app.api import v1
from app.deps import require_owner

app = FastAPI()
app.include_router(v1.api, prefix="/v1", dependencies=[Depends(require_owner)])
`;
const V1 = `from fastapi import APIRouter
from app.routers import notes
from app.routers.files import router as files_router

api = APIRouter()
api.include_router(notes.router, prefix="/notes")
api.include_router(files_router)
`;
const NOTES = `from fastapi import APIRouter

router = APIRouter()


@router.post("")
def create_note(text: str):
    return text


@router.post("/login")
def login(email: str):
    return email
`;

describe('route model', () => {
  it('collects auth dependencies, aliases and derived guards', () => {
    const facts = collectProjectFacts([{ path: 'app/deps.py', source: DEPS }]);
    const byName = new Map(facts.authDependencies.map((d) => [d.name, d]));
    assert.equal(byName.get('load_account')?.kind, 'function');
    assert.equal(byName.get('AccountDep')?.kind, 'alias');
    assert.equal(byName.get('require_owner')?.via, 'AccountDep');
  });

  it('follows include_router guards through nested routers', () => {
    const facts = collectProjectFacts([
      { path: 'app/deps.py', source: DEPS },
      { path: 'app/main.py', source: MAIN },
      { path: 'app/api/v1.py', source: V1 },
      { path: 'app/routers/notes.py', source: NOTES },
    ]);
    const guarded = (facts.protectedRouters ?? []).map((r) => `${r.module}:${r.variable}`).sort();
    assert.deepEqual(guarded, ['app.api.v1:api', 'app.routers.files:router', 'app.routers.notes:router']);
    assert.ok(facts.routerIncludes?.some((i) => i.module === 'app.routers.notes' && i.prefix === '/notes'));
  });

  it('routeAuth says protected, exempt or open, with a reason', async () => {
    const facts = collectProjectFacts([
      { path: 'app/deps.py', source: DEPS },
      { path: 'app/main.py', source: MAIN },
      { path: 'app/api/v1.py', source: V1 },
    ]);
    const tree = await parsePython(NOTES);
    const py = new PyFile(NOTES, tree);
    const [create, login] = py.routes;
    const file = { py, path: 'app/routers/notes.py', project: facts };
    assert.equal(routeAuth(create!, file).status, 'protected');
    assert.match(routeAuth(create!, file).reason, /require_owner/);
    // Mounted without the guard: the write is open, the login route exempt.
    const unguarded = { py, path: 'app/routers/notes.py', project: collectProjectFacts([{ path: 'app/deps.py', source: DEPS }]) };
    assert.equal(routeAuth(create!, unguarded).status, 'open');
    assert.equal(routeAuth(login!, unguarded).status, 'exempt');
    const alone = { py, path: 'app/routers/notes.py', project: EMPTY_FACTS };
    assert.match(routeAuth(create!, alone).reason, /no auth dependency/);
  });

  it('missing-auth is silent in a project without authentication', async () => {
    const analyzer = await PythonAnalyzer.create();
    const project = collectProjectFacts([{ path: 'app/main.py', source: 'from fastapi import FastAPI\napp = FastAPI()\n' }]);
    const result = analyzer.analyze('app/routers/notes.py', NOTES, { only: ['missing-auth'], project });
    assert.deepEqual(result.findings, []);
    const guarded = analyzer.analyze('app/routers/notes.py', NOTES, { only: ['missing-auth'], project: collectProjectFacts([{ path: 'app/deps.py', source: DEPS }]) });
    assert.equal(guarded.findings.length, 1);
    const inTests = analyzer.analyze('tests/test_notes.py', NOTES, { only: ['missing-auth'], project: collectProjectFacts([{ path: 'app/deps.py', source: DEPS }]) });
    assert.deepEqual(inTests.findings, [], 'throwaway apps in tests are not flagged');
  });
});
