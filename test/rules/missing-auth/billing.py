"""Billing: mounted in main.py behind require_admin."""

from fastapi import APIRouter

from app.schemas.invoice import InvoiceCreate

router = APIRouter(tags=["billing"])


# ok: missing-auth
@router.post("/invoices")
def create_invoice(payload: InvoiceCreate) -> dict[str, int]:
    return {"id": 1}


# ok: missing-auth
@router.put("/invoices/{invoice_id}")
def replace_invoice(invoice_id: int, payload: InvoiceCreate) -> dict[str, int]:
    return {"id": invoice_id}
