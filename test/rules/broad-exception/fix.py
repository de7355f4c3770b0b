import logging

import httpx

log = logging.getLogger("payments")


def refund(client: httpx.Client, payment_id: str) -> bool:
    try:
        client.post(f"/payments/{payment_id}/refund").raise_for_status()
        return True
    # ruleid: broad-exception
    except Exception as exc:
        return False


def ping(client: httpx.Client) -> None:
    try:
        client.get("/ping")
    # ruleid: broad-exception
    except Exception: pass


class Poller:
    def poll(self, client: httpx.Client, urls: list[str]) -> None:
        for url in urls:
            try:
                client.get(url)
            # ruleid: broad-exception
            except:
                # the next round retries
                continue


def heartbeat(client: httpx.Client) -> None:
    try:
        client.post("/heartbeat")
    # ruleid: broad-exception
    except (httpx.HTTPError, Exception) as e:  # keep polling
        pass
