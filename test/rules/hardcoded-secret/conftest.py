import os

import pytest

# ok: hardcoded-secret
os.environ["SECRET_KEY"] = "test-secret-key-not-for-production"
# ok: hardcoded-secret
TEST_DATABASE_URL = "postgresql://postgres:postgres@localhost:5432/test"
# ok: hardcoded-secret
ADMIN_PASSWORD = "admin123"


@pytest.fixture
def credentials():
    # ok: hardcoded-secret
    return {"username": "alice", "password": "wonderland"}


@pytest.fixture
def aws_env(monkeypatch):
    # A real key leaks just as much from a test file.
    # ruleid: hardcoded-secret
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAZ7Q3N5RLX2WJ4K6M")
