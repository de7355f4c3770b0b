from app.core.logging import get_logger

from app.clients import billing

log = get_logger(__name__)


async def sync_invoices(customer_ids: list[int]) -> int:
    synced = 0
    for customer_id in customer_ids:
        try:
            await billing.sync(customer_id)
            synced += 1
        # ruleid: broad-exception
        except Exception:
            log.exception("sync_invoices failed")
            raise
    return synced
