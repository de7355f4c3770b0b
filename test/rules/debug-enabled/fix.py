from fastapi import FastAPI, HTTPException

# ruleid: debug-enabled
app = FastAPI(debug=True)


@app.post("/orders")
async def create_order(payload: dict):
    try:
        return await place(payload)
    except Exception as e:
        # ruleid: debug-enabled
        raise HTTPException(status_code=500, detail=str(e))


async def place(payload): ...
