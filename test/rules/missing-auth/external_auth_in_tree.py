# `get_current_agent` here comes from app/agents.py, which the analysis reads:
# it returns a header and refuses no one, so its name vouches for nothing.
from fastapi import APIRouter, Depends

from app.agents import get_current_agent
from app.deps import CurrentUserDep

router = APIRouter(prefix="/handoffs")


# ruleid: missing-auth
@router.post("/")
def hand_off(agent=Depends(get_current_agent)):
    return {"from": agent}


# ok: missing-auth
@router.post("/accept")
def accept(user: CurrentUserDep, agent=Depends(get_current_agent)):
    return {"by": user.id, "from": agent}
