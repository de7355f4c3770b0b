import uvicorn

if __name__ == "__main__":
    # ruleid: bind-all-interfaces
    uvicorn.run("app.main:app", host="0.0.0.0", port=8000, reload=True)
