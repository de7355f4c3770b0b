"""Small in-process login limits: a sliding window per client address and path, and
a lockout per account after repeated failed logins.

Both are kept in this process's memory (forgotten on restart, one count per worker):
behind several workers use a shared store. The client address is the one
app.proxy.TrustedProxyMiddleware settled on (the peer unless it is a trusted proxy).
"""

import math
import time
from collections import deque

from fastapi import HTTPException, Request, status

from app.settings import settings

_MAX_KEYS = 10_000


def too_many_requests(retry_after: float) -> HTTPException:
    """The one 429 both limits answer with (the error handlers add request_id)."""
    return HTTPException(
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        detail="Too many requests; try again later",
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


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
            raise too_many_requests(hits[0] + self.window - now)
        hits.append(now)
        if len(self._hits) > _MAX_KEYS:
            self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]


class LoginLockout:
    """Failed logins per account (the submitted email, lower-cased, registered or not).

    After max_failures within the window, logins for that account answer 429 from any
    address, before the password is checked, until the oldest failure ages out. A
    successful login clears nothing: failures spread over many addresses are not reset
    by the owner (or anyone else) logging in.
    """

    def __init__(self, max_failures: int, window_seconds: float) -> None:
        self.max_failures = max_failures
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, account: str, now: float) -> deque[float] | None:
        failures = self._failures.get(account)
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def check(self, account: str) -> None:
        now = time.monotonic()
        failures = self._recent(account.lower(), now)
        if failures is not None and len(failures) >= self.max_failures:
            raise too_many_requests(failures[0] + self.window - now)

    def record_failure(self, account: str) -> None:
        now = time.monotonic()
        # maxlen: the last max_failures are all the lock needs, however many got past check().
        self._failures.setdefault(account.lower(), deque(maxlen=self.max_failures)).append(now)
        if len(self._failures) > _MAX_KEYS:
            for key in [k for k, v in self._failures.items() if not v or v[-1] <= now - self.window]:
                del self._failures[key]


auth_rate_limit = RateLimiter(settings.auth_rate_limit)
login_lockout = LoginLockout(settings.login_max_failures, settings.login_failure_window_minutes * 60.0)
