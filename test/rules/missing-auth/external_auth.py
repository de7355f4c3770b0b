# Auth dependencies imported from a module outside the analysed tree (an
# installed package, a sibling service's folder) cannot be read: a name that
# says it authenticates (`get_current_agent`, `CurrentAgentDep`,
# `require_api_key`) is taken at its word, on the route, through an
# `Annotated` alias, on `APIRouter(dependencies=...)` and on `include_router`.
# A non-auth dependency from outside guards nothing, and a project function
# with an auth-like name is judged by its body (external_auth_in_tree.py).
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI

from agent_platform.auth import CurrentAgentDep, get_current_agent, require_api_key
from agent_platform.storage import get_agent_store

AgentDep = Annotated[dict, Depends(get_current_agent)]
StoreDep = Annotated[object, Depends(get_agent_store)]

router = APIRouter(prefix="/agents")
secured = APIRouter(prefix="/secure", dependencies=[Depends(get_current_agent)])
admin = APIRouter(prefix="/admin")
app = FastAPI()


# ok: missing-auth
@router.post("/runs")
def start_run(agent: AgentDep, store: StoreDep):
    return store.start(agent)


# ok: missing-auth
@router.post("/notes")
def add_note(agent: CurrentAgentDep, store: StoreDep):
    return store.note(agent)


# ok: missing-auth
@router.delete("/runs/{run_id}")
def cancel_run(run_id: int, agent=Depends(get_current_agent)):
    return {"cancelled": run_id}


# ok: missing-auth
@router.put("/keys/{key_id}", dependencies=[Depends(require_api_key)])
def rotate_key(key_id: int):
    return {"rotated": key_id}


# ok: missing-auth
@secured.post("/jobs")
def create_job(store: StoreDep):
    return store.job()


# ok: missing-auth
@admin.post("/purge")
def purge(store: StoreDep):
    return store.purge()


app.include_router(admin, dependencies=[Depends(require_api_key)])


# ruleid: missing-auth
@router.post("/imports")
def import_runs(store: StoreDep):
    return store.bulk_import()


# ruleid: missing-auth
@router.patch("/runs/{run_id}")
def rename_run(run_id: int, store=Depends(get_agent_store)):
    return store.rename(run_id)
