from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.testclient import TestClient


def test_preflight_echoes_origin() -> None:
    app = FastAPI()
    # ok: permissive-cors
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
    client = TestClient(app)
    response = client.options("/", headers={"Origin": "https://a.example", "Access-Control-Request-Method": "GET"})
    assert response.status_code in (200, 400)
