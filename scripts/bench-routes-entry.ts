// Route explorer benchmark entry for `npm run bench`: bundled on the fly by
// scripts/bench.mjs like bench-entry.ts, run in a fresh process, prints one
// JSON line.   node bench-routes.cjs DIR FILES EDITS RUNS
// Writes a FastAPI workspace to DIR: FILES router modules (list, get, create,
// update, delete each; writes behind `Depends(get_current_user)`, like the
// generated slices), all included from app/api.py's `api_router`, itself
// included from app/main.py under `settings.API_V1_STR`, plus deps.py and
// settings.py. Then measures, in process, with the parser WASM already loaded:
//   build:  read every .py file from disk + `RouteIndex.build` + resolving the
//           tree (RUNS runs, fresh index each), and the build alone;
//   update: EDITS edits, each to a different router file (a route appended),
//           `update` then the tree resolved again (what the view shows next);
//   main:   EDITS edits of app/api.py (one include prefix changed);
//   auth:   the auth dependency renamed in deps.py and back (every route
//           file's auth recomputed: the worst case), EDITS / 5 times.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RouteIndex, type RouteFile } from '../src/core/index';
import { pythonParser } from '../src/core/parse/python';

function router(i: number): string {
  const name = `res${String(i).padStart(3, '0')}`;
  return `"""HTTP routes for ${name}: /${name}."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from app.deps import SessionDep, get_current_user
from app.repositories.${name} import ${name.toUpperCase()}Repository
from app.schemas.${name} import Create, Public, Page, Update

router = APIRouter(prefix="/${name}", tags=["${name}"])


def get_repository(session: SessionDep) -> ${name.toUpperCase()}Repository:
    return ${name.toUpperCase()}Repository(session)


RepositoryDep = Annotated[${name.toUpperCase()}Repository, Depends(get_repository)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Public, dependencies=[Depends(get_current_user)])
async def create_${name}(payload: Create, repo: RepositoryDep) -> Public:
    return await repo.create(payload)


@router.get("")
async def list_${name}(repo: RepositoryDep, limit: Annotated[int, Query(ge=1, le=100)] = 50, offset: Annotated[int, Query(ge=0)] = 0) -> Page:
    items, count = await repo.page(limit=limit, offset=offset)
    return Page(data=items, count=count)


@router.get("/{item_id}", response_model=Public)
async def get_${name}(item_id: int, repo: RepositoryDep) -> Public:
    item = await repo.get(item_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Not found")
    return item


@router.patch("/{item_id}", response_model=Public, dependencies=[Depends(get_current_user)])
async def update_${name}(item_id: int, payload: Update, repo: RepositoryDep) -> Public:
    return await repo.update(item_id, payload)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response, dependencies=[Depends(get_current_user)])
async def delete_${name}(item_id: int, repo: RepositoryDep) -> None:
    await repo.delete(item_id)
`;
}

const DEPS = `from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session

SessionDep = Annotated[AsyncSession, Depends(get_session)]
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


async def get_current_user(session: SessionDep, token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    if not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not authenticated")
    return token


CurrentUserDep = Annotated[str, Depends(get_current_user)]
`;

const SETTINGS = `from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    API_V1_STR: str = "/api/v1"


settings = Settings()
`;

function api(n: number, changed = -1): string {
  const names = Array.from({ length: n }, (_, i) => `res${String(i).padStart(3, '0')}`);
  const imports = names.map((m) => `from app.routers import ${m}`).join('\n');
  const includes = names.map((m, i) => `api_router.include_router(${m}.router${i === changed ? ', prefix="/changed"' : ''})`).join('\n');
  return `from fastapi import APIRouter\n\n${imports}\n\napi_router = APIRouter()\n${includes}\n`;
}

const MAIN = `from fastapi import FastAPI

from app.api import api_router
from app.settings import settings

app = FastAPI(title="Bench")


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(api_router, prefix=settings.API_V1_STR)
`;

function writeWorkspace(dir: string, n: number): void {
  mkdirSync(join(dir, 'app', 'routers'), { recursive: true });
  writeFileSync(join(dir, 'app', '__init__.py'), '');
  writeFileSync(join(dir, 'app', 'routers', '__init__.py'), '');
  writeFileSync(join(dir, 'app', 'deps.py'), DEPS);
  writeFileSync(join(dir, 'app', 'settings.py'), SETTINGS);
  writeFileSync(join(dir, 'app', 'api.py'), api(n));
  writeFileSync(join(dir, 'app', 'main.py'), MAIN);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'app', 'routers', `res${String(i).padStart(3, '0')}.py`), router(i));
}

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pythonFiles(join(dir, e.name)) : e.name.endsWith('.py') ? [join(dir, e.name)] : []));
}

function readWorkspace(dir: string): RouteFile[] {
  return pythonFiles(dir).map((file) => {
    const path = relative(dir, file).split('\\').join('/');
    return { key: `file://${file}`, path, source: readFileSync(file, 'utf8') };
  });
}

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

async function main(): Promise<unknown> {
  const [dir, filesArg, editsArg, runsArg] = process.argv.slice(2);
  if (!dir) throw new Error('usage: bench-routes.cjs DIR [FILES] [EDITS] [RUNS]');
  const n = Number(filesArg ?? 500);
  const edits = Number(editsArg ?? 50);
  const runs = Number(runsArg ?? 5);
  writeWorkspace(dir, n);
  const t0 = performance.now();
  await pythonParser();
  const parserLoadMs = performance.now() - t0;

  const buildWithRead: number[] = [];
  const buildOnly: number[] = [];
  let index = await RouteIndex.create();
  let files: RouteFile[] = [];
  let counts = { files: 0, parsed: 0, routes: 0, groups: 0 };
  for (let r = 0; r < runs; r++) {
    index = await RouteIndex.create();
    const started = performance.now();
    files = readWorkspace(dir);
    const read = performance.now();
    const stats = index.build(files);
    const apps = index.apps();
    const done = performance.now();
    buildWithRead.push(done - started);
    buildOnly.push(done - read);
    counts = { files: files.length, parsed: stats.parsed, routes: index.routes().length, groups: apps.reduce((s, a) => s + a.groups.length, 0) };
  }
  if (counts.routes !== n * 5 + 1) throw new Error(`expected ${n * 5 + 1} routes, indexed ${counts.routes}`);
  const byPath = new Map(files.map((f) => [f.path, f]));

  // Single router file edits: a route appended to a different file each time.
  const update: number[] = [];
  const updateResolve: number[] = [];
  for (let e = 0; e < edits; e++) {
    const i = (e * 37) % n;
    const file = byPath.get(`app/routers/res${String(i).padStart(3, '0')}.py`)!;
    const source = `${file.source}\n\n@router.get("/{item_id}/extra${e}")\nasync def extra_${e}(item_id: int) -> None:\n    return None\n`;
    let stats;
    const u = time(() => (stats = index.update({ ...file, source })));
    const r = time(() => index.apps());
    if (stats!.parsed !== 1 || stats!.authRecomputed !== 0) throw new Error(`router edit re-parsed ${JSON.stringify(stats)}`);
    update.push(u);
    updateResolve.push(u + r);
  }
  if (!index.routes().some((r) => r.fullPath === '/api/v1/res000/{item_id}/extra0')) throw new Error('edit not visible in the tree');

  // Edits of the file that mounts every router.
  const apiFile = byPath.get('app/api.py')!;
  const mainEdits: number[] = [];
  for (let e = 0; e < edits; e++) {
    const source = api(n, e % n);
    mainEdits.push(time(() => index.update({ ...apiFile, source })) + time(() => index.apps()));
  }

  // Worst case: the auth dependency's name changes, every route file's auth is recomputed.
  const depsFile = byPath.get('app/deps.py')!;
  const authEdits: number[] = [];
  let recomputed = 0;
  for (let e = 0; e < Math.max(2, Math.floor(edits / 5)); e++) {
    const source = e % 2 === 0 ? DEPS.replace(/get_current_user/g, 'get_current_account') : DEPS;
    let stats;
    authEdits.push(time(() => (stats = index.update({ ...depsFile, source }))) + time(() => index.apps()));
    recomputed = stats!.authRecomputed;
  }
  const heap = process.memoryUsage();
  return {
    files: counts.files,
    routeFiles: n,
    parsed: counts.parsed,
    routes: counts.routes,
    groups: counts.groups,
    parserLoadMs,
    buildWithReadMs: buildWithRead,
    buildMs: buildOnly,
    updateMs: update,
    updateResolveMs: updateResolve,
    mountEditMs: mainEdits,
    authEditMs: authEdits,
    authRecomputed: recomputed,
    heapMb: heap.heapUsed / (1024 * 1024),
    rssMb: heap.rss / (1024 * 1024),
  };
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
