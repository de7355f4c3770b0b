"""An agent lookup that only reads a header: named like auth, checks nothing."""
from fastapi import Header


def get_current_agent(x_agent: str | None = Header(default=None)) -> str | None:
    return x_agent
