from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware as StarletteCORS

from app.config import settings

app = FastAPI()

app.add_middleware(
    CORSMiddleware,
    # ruleid: permissive-cors
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

ALL_ORIGINS = ["*"]
# ruleid: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=ALL_ORIGINS, allow_credentials=True)

# ruleid: permissive-cors
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)

# ruleid: permissive-cors
app.add_middleware(CORSMiddleware, allow_origin_regex=r"^https?://.*$", allow_credentials=True)

CREDENTIALS = True
# ruleid: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=("https://app.example.com", "*"), allow_credentials=CREDENTIALS)

# ruleid: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins or ["*"], allow_credentials=True)

middleware = [
    Middleware(
        StarletteCORS,
        # ruleid: permissive-cors
        allow_origins=["*"],
        allow_credentials=True,
    )
]
starlette_app = Starlette(middleware=middleware)


def create_app() -> FastAPI:
    api = FastAPI()
    origins = ["*"]
    # ruleid: permissive-cors
    api.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET"], allow_credentials=True)
    return api


# ruleid: permissive-cors
wrapped = CORSMiddleware(app, allow_origins="*", allow_credentials=True)

# --- not flagged

# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=settings.cors_credentials)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com", allow_credentials=True)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials="*" not in settings.cors_origins)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=settings.debug)
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=[], allow_credentials=True, allow_headers=["*"])
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_methods=["*"], allow_headers=["*"], allow_credentials=True)
# ok: permissive-cors
ALLOWED = {"allow_origins": ["*"], "allow_credentials": True}


def dev_only(debug: bool) -> list[str]:
    # ok: permissive-cors
    return ["*"] if debug else settings.cors_origins


def from_env(api: FastAPI) -> None:
    import os

    api.add_middleware(
        CORSMiddleware,
        # ruleid: permissive-cors
        allow_origins=os.getenv("CORS_ORIGINS", "*").split(","),
        allow_credentials=True,
    )
    api.add_middleware(
        CORSMiddleware,
        # ok: permissive-cors
        allow_origins=os.environ["CORS_ORIGINS"].split(","),
        allow_credentials=True,
    )
