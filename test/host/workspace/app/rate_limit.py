"""A small in-process rate limiter (sliding window per client and path).

It protects a single process; behind several workers use a shared store.
"""

import math
import time
from collections import deque

from fastapi import HTTPException, Request, status

from app.settings import settings


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[tuple[str, str], deque[float]] = {}

    async def __call__(self, request: Request) -> None:
        now = time.monotonic()
        client = request.client.host if request.client else "unknown"
        key = (client, request.url.path)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            retry_after = max(1, math.ceil(hits[0] + self.window - now))
            raise HTTPException(
                status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                detail="Too many requests; retry later",
                headers={"Retry-After": str(retry_after)},
            )
        hits.append(now)
        if len(self._hits) > 10_000:
            self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]


auth_rate_limit = RateLimiter(settings.auth_rate_limit)
