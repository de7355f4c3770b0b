from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()


@app.get("/open")
def open_named(filename: str):
    # ruleid: path-traversal
    return FileResponse(filename)
