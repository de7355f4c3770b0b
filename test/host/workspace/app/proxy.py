"""The client address behind trusted proxies only (settings.trusted_proxies).

uvicorn is started with --forwarded-allow-ips '' (see the README) so that it never
rewrites the client from X-Forwarded-For itself; this middleware does, and only when
the connecting peer is a listed proxy. Everyone else's X-Forwarded-For is ignored, so
a client cannot choose the address the login rate limit counts it under.
"""

import ipaddress
from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Sequence[str]) -> list[Network]:
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()]


def _is_trusted(host: str, networks: Sequence[Network]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def client_address(peer: str, forwarded_for: str | None, networks: Sequence[Network]) -> str:
    """The peer, unless it is a trusted proxy: then the rightmost X-Forwarded-For hop that is not one."""
    if not forwarded_for or not _is_trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


class TrustedProxyMiddleware:
    def __init__(self, app: ASGIApp, trusted: Sequence[str]) -> None:
        self.app = app
        self.networks = parse_networks(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] in ("http", "websocket") and self.networks and client:
            values = [value.decode("latin-1") for name, value in scope["headers"] if name == b"x-forwarded-for"]
            host = client_address(client[0], ", ".join(values), self.networks)
            if host != client[0]:
                scope = {**scope, "client": (host, 0)}
        await self.app(scope, receive, send)
