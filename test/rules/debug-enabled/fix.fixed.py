import logging
from fastapi import FastAPI, HTTPException
from app.settings import settings

# ruleid: debug-enabled
app = FastAPI(debug=settings.debug)


@app.post("/orders")
async def create_order(payload: dict):
    try:
        return await place(payload)
    except Exception as e:
        logging.getLogger(__name__).exception("Unhandled error")
        # ruleid: debug-enabled
        raise HTTPException(status_code=500, detail="Internal server error")


async def place(payload): ...
