from fastapi import Depends, FastAPI

from app.deps import fetch_user_from_bearer, require_admin
from app.routers import orders, public
from app.routers.billing import router as billing_router

app = FastAPI(title="shop")

app.include_router(public.router)
app.include_router(
    orders.router,
    prefix="/orders",
    dependencies=[Depends(fetch_user_from_bearer)],
)
app.include_router(billing_router, prefix="/billing", dependencies=[Depends(require_admin)])
