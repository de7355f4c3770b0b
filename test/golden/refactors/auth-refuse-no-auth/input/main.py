from fastapi import FastAPI

app = FastAPI()


@app.post("/ping")
def ping() -> dict[str, str]:
    return {"ok": "yes"}
