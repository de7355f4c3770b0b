import asyncio
import contextlib
import json
import logging
import sys
import traceback
from contextlib import suppress
from pathlib import Path

import httpx
import sentry_sdk
from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.utils import suppress as suppress_and_log

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/orders", tags=["orders"])


async def notify_shipping(client: httpx.AsyncClient, order_id: int) -> None:
    try:
        await client.post("/shipments", json={"order_id": order_id})
    # ruleid: broad-exception
    except Exception:
        pass


def parse_payload(raw: str) -> dict | None:
    try:
        return json.loads(raw)
    # Only parses or looks up: the failure is the malformed input.
    # ok: broad-exception
    except Exception as e:
        return None


def sync_all(items: list[dict]) -> int:
    synced = 0
    for item in items:
        try:
            push(item)
            synced += 1
        # ruleid: broad-exception
        except (ValueError, Exception):
            continue
    return synced


def load_config(path: Path) -> dict:
    config = {}
    try:
        config = json.loads(path.read_text())
    # ruleid: broad-exception
    except:
        config = {}
    return config


class PaymentGateway:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.last_status = None

    def charge(self, amount: int) -> bool:
        try:
            self.client.post("/charge", json={"amount": amount}).raise_for_status()
            return True
        # ruleid: broad-exception
        except BaseException:
            return False

    def refresh(self) -> None:
        try:
            self.last_status = self.client.get("/status").json()["status"]
        # ruleid: broad-exception
        except Exception:
            self.last_status = None


@router.post("/{order_id}/cancel")
async def cancel_order(order_id: int, session: AsyncSession):
    try:
        await cancel(session, order_id)
    # ruleid: broad-exception
    except Exception:
        return JSONResponse(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR, content={"detail": "could not cancel"})
    return {"ok": True}


def remove_temp(path: Path) -> None:
    # ruleid: broad-exception
    with suppress(Exception):
        path.unlink()


def remove_temp_qualified(path: Path) -> None:
    # ruleid: broad-exception
    with contextlib.suppress(BaseException):
        path.unlink()


async def poll_forever(client: httpx.AsyncClient) -> None:
    while True:
        try:
            await client.get("/health")
        # ruleid: broad-exception
        except Exception:
            ...
        await asyncio.sleep(5)


def first_or_default(values: list[str], default: str = "") -> str:
    try:
        return values[0].strip()
    # Only parses or looks up: the failure is the malformed input.
    # ok: broad-exception
    except Exception:
        return default


# --- hard negatives ---------------------------------------------------------


def narrow(raw: str) -> dict | None:
    try:
        return json.loads(raw)
    # ok: broad-exception
    except ValueError:
        return None


def narrow_tuple(data: dict, key: str) -> str | None:
    try:
        return data[key][0]
    # ok: broad-exception
    except (KeyError, IndexError):
        pass
    return None


def logged(raw: str) -> dict | None:
    try:
        return json.loads(raw)
    # ok: broad-exception
    except Exception:
        logger.exception("could not parse payload")
        return None


def logged_warning(client: httpx.Client) -> None:
    try:
        client.post("/ping")
    # ok: broad-exception
    except Exception as exc:
        logger.warning("ping failed: %s", exc, exc_info=True)


def logged_module(client: httpx.Client) -> None:
    try:
        client.post("/ping")
    # ok: broad-exception
    except Exception as e:
        logging.error(e)


def reraised(session) -> None:
    try:
        session.commit()
    # ok: broad-exception
    except Exception:
        session.rollback()
        raise


def bare_reraise(session) -> None:
    try:
        session.commit()
    # ok: broad-exception
    except Exception:
        raise


@router.get("/{order_id}")
async def get_order(order_id: int, session: AsyncSession):
    try:
        return await load(session, order_id)
    # ok: broad-exception
    except Exception as exc:
        raise HTTPException(status_code=500, detail="could not load the order") from exc


@router.get("/{order_id}/invoice")
async def invoice(order_id: int):
    try:
        return await render_invoice(order_id)
    # ok: broad-exception
    except Exception:
        logger.exception("invoice %s failed", order_id)
        return JSONResponse(status_code=500, content={"detail": "could not render the invoice"})


def collect_errors(rows: list[dict]) -> list[dict]:
    errors = []
    for i, row in enumerate(rows):
        try:
            push(row)
        # ok: broad-exception
        except Exception as e:
            errors.append({"row": i, "error": str(e)})
    return errors


def reported(client: httpx.Client) -> None:
    try:
        client.post("/webhook")
    # ok: broad-exception
    except Exception:
        sentry_sdk.capture_exception()


def printed(client: httpx.Client) -> None:
    try:
        client.post("/webhook")
    # ok: broad-exception
    except Exception:
        traceback.print_exc()


def printed_stderr(client: httpx.Client) -> None:
    try:
        client.post("/webhook")
    # ok: broad-exception
    except Exception as exc:
        print(f"webhook failed: {exc}", file=sys.stderr)


async def cancelled(task: asyncio.Task) -> None:
    task.cancel()
    # ok: broad-exception
    with suppress(asyncio.CancelledError):
        await task


def missing_ok(path: Path) -> None:
    # ok: broad-exception
    with suppress(FileNotFoundError):
        path.unlink()


def own_suppress(path: Path) -> None:
    # ok: broad-exception
    with suppress_and_log(Exception):
        path.unlink()


async def wait_cancelled(task: asyncio.Task) -> None:
    try:
        await task
    # ok: broad-exception
    except asyncio.CancelledError:
        pass


def returns_error(raw: str) -> dict:
    try:
        return {"value": json.loads(raw)}
    # ok: broad-exception
    except Exception as exc:
        return {"error": str(exc)}


def counted(items: list[dict]) -> int:
    failures = 0
    for item in items:
        try:
            push(item)
        # ok: broad-exception
        except Exception:
            failures += 1
    return failures


class Connection:
    def __del__(self) -> None:
        try:
            self.close()
        # ok: broad-exception
        except Exception:
            pass


try:
    import orjson as fast_json
# ok: broad-exception
except Exception:
    fast_json = None


def push(item: dict) -> None: ...
async def cancel(session: AsyncSession, order_id: int) -> None: ...
async def load(session: AsyncSession, order_id: int) -> dict: ...
async def render_invoice(order_id: int) -> bytes: ...


def suppressed(client: httpx.Client) -> None:
    try:
        client.post("/ping")
    except Exception:  # backend-skill: ignore[broad-exception]
        pass


def in_string() -> str:
    # ok: broad-exception
    return "try:\n    work()\nexcept Exception:\n    pass\n"


async def fan_out(tasks: list) -> None:
    try:
        async with asyncio.TaskGroup() as group:
            for task in tasks:
                group.create_task(task)
    # ruleid: broad-exception
    except* Exception:
        pass


def flask_style(raw: str):
    from flask import jsonify

    try:
        return jsonify(json.loads(raw))
    # ruleid: broad-exception
    except Exception:
        return jsonify(error="invalid payload"), 400


def scan(values: list[str]) -> int:
    total = 0
    for value in values:
        try:
            total += int(value)
        # Only parses or looks up: the failure is the malformed input.
        # ok: broad-exception
        except Exception:
            break
    return total


def error_detail(raw: str):
    try:
        return json.loads(raw)
    # ok: broad-exception
    except Exception as exc:
        return JSONResponse(status_code=400, content={"detail": str(exc)})


def debug_logged(client: httpx.Client) -> None:
    try:
        client.post("/metrics")
    # ok: broad-exception
    except Exception:
        log_failure("metrics")


def log_failure(what: str) -> None: ...
