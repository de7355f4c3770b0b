# Environment probes and best-effort use of another library's internals:
# the fallback is the design. Their look-alikes that swallow real work stay flagged.
import json
import os
import typing
import subprocess
import uuid
from datetime import timezone
from urllib.parse import urlparse
from subprocess import check_output

from app.deps import get_current_user

try:
    from importlib.metadata import version

    VERSION = version("orders-service")
# ok: broad-exception
except Exception:
    VERSION = "unknown"

try:
    import pkg_resources

    DIST = pkg_resources.get_distribution("orders-service").version
# ok: broad-exception
except Exception:
    DIST = None

try:
    from app.settings import load_settings

    SETTINGS = load_settings()
# ruleid: broad-exception
except Exception:
    SETTINGS = {}


def git_revision(path: str) -> str | None:
    if not os.path.exists(os.path.join(path, ".git")):
        return None
    try:
        revision = check_output(["git", "rev-parse", "HEAD"], cwd=path)
    # ok: broad-exception
    except Exception:
        return None
    return revision.decode("utf-8").strip()


def short_revision() -> str:
    try:
        return subprocess.check_output(("git", "describe", "--always")).decode().strip()
    # ok: broad-exception
    except Exception:
        return "dev"


def convert(upload: str) -> str | None:
    try:
        return subprocess.check_output(["convert", upload, "out.png"]).decode()
    # ruleid: broad-exception
    except Exception:
        return None


def joined_models(query, models: list) -> list:
    if hasattr(query, "_compile_state"):
        try:
            state = query._compile_state()
            for mapper in state._join_entities:
                models.append(mapper.class_)
        # ok: broad-exception
        except Exception:
            pass
    return models


def joined_models_unguarded(query, models: list) -> list:
    try:
        state = query._compile_state()
        models.extend(state.entities)
    # ruleid: broad-exception
    except Exception:
        pass
    return models


class Cache:
    def warm(self) -> None:
        if hasattr(self, "_store"):
            try:
                self._store.load()
            # ruleid: broad-exception
            except Exception:
                pass

    def refresh(self, client) -> None:
        if hasattr(client, "_session"):
            try:
                client.fetch_all()
            # ruleid: broad-exception
            except Exception:
                pass


def parse_id(value: str):
    try:
        return uuid.UUID(value)
    # ok: broad-exception
    except Exception:
        return None


def opengraph(data: dict):
    try:
        properties = data["opengraph"][0]["properties"]
    # ok: broad-exception
    except Exception:
        return None
    return properties


def to_utc(value):
    try:
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None)
    # ok: broad-exception
    except Exception:
        return value


def cached_profile(cache, key: str):
    try:
        return json.loads(cache.get(key))
    # ruleid: broad-exception
    except Exception:
        return None


def remove_quietly(path: str) -> None:
    try:
        os.remove(path.strip())
    # ruleid: broad-exception
    except Exception:
        pass


async def parse_remote(client, url: str):
    try:
        return int((await client.get(url)).text.strip())
    # ruleid: broad-exception
    except Exception:
        return None


async def try_get_current_user(request, token: str | None = None):
    try:
        return await get_current_user(request, token)
    # ok: broad-exception
    except Exception:
        return None


def maybe_charge(gateway, amount: int) -> None:
    try:
        gateway.charge(amount)
    # ruleid: broad-exception
    except Exception:
        pass


DOMAIN_TO_PLATFORM = {"github.com": "github", "gitlab.com": "gitlab"}


def platform_of(url: str) -> str | None:
    try:
        hostname = (urlparse(url.lower()).hostname or "").removeprefix("www.")
        return DOMAIN_TO_PLATFORM.get(hostname)
    # ok: broad-exception
    except Exception:
        return None


def dependency_hints(dependency) -> dict:
    try:
        return typing.get_type_hints(dependency, include_extras=True)
    # ok: broad-exception
    except Exception:
        return {}


def cached_platform(cache, url: str) -> str | None:
    try:
        return cache.get(url.lower())
    # ruleid: broad-exception
    except Exception:
        return None
