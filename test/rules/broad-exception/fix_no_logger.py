"""Cleanup helpers."""
import os
from contextlib import suppress


def remove(path: str) -> None:
    # ruleid: broad-exception
    with suppress(Exception):
        os.remove(path)


def size(path: str) -> int:
    try:
        return os.path.getsize(path)
    # ruleid: broad-exception
    except Exception:
        return 0
