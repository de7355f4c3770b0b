from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="Public catalogue")

# A public, cookie-less API: a wildcard alone is fine.
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"])
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_methods=["GET"])

# ok: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
