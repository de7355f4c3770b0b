import logging

import httpx

log = logging.getLogger("payments")


def refund(client: httpx.Client, payment_id: str) -> bool:
    try:
        client.post(f"/payments/{payment_id}/refund").raise_for_status()
        return True
    # ruleid: broad-exception
    except Exception:
        log.exception("refund failed")
        raise


def ping(client: httpx.Client) -> None:
    try:
        client.get("/ping")
    # ruleid: broad-exception
    except Exception:
        log.exception("ping failed")
        raise


class Poller:
    def poll(self, client: httpx.Client, urls: list[str]) -> None:
        for url in urls:
            try:
                client.get(url)
            # ruleid: broad-exception
            except:
                # the next round retries
                log.exception("poll failed")
                raise


def heartbeat(client: httpx.Client) -> None:
    try:
        client.post("/heartbeat")
    # ruleid: broad-exception
    except (httpx.HTTPError, Exception):  # keep polling
        log.exception("heartbeat failed")
        raise
