"""Cleanup helpers."""
import logging
import os

logger = logging.getLogger(__name__)


def remove(path: str) -> None:
    # ruleid: broad-exception
    try:
        os.remove(path)
    except Exception:
        logger.exception("remove failed")


def size(path: str) -> int:
    try:
        return os.path.getsize(path)
    # ruleid: broad-exception
    except Exception:
        logger.exception("size failed")
        raise
