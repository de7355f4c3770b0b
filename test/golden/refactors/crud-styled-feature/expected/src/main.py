from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from src.auth.router import router as auth_router
from src.database import Base, engine
from src.projects.router import router as projects_router
from src.todos.router import router as todos_router


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    # No migrations in this project: the tables are created on start-up.
    Base.metadata.create_all(bind=engine)
    yield


app = FastAPI(title="Todos", lifespan=lifespan)

app.include_router(auth_router)
app.include_router(todos_router)
app.include_router(projects_router)


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
