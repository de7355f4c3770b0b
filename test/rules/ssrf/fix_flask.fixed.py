"""Thumbnail service."""
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)

ALLOWED_HOSTS = {"images.example.com"}


@app.post("/thumbnail")
def thumbnail():
    payload = request.get_json()
    target_url = payload["image_url"]
    if urlparse(target_url).hostname not in ALLOWED_HOSTS:
        abort(400)
    # ruleid: ssrf
    image = requests.get(target_url, timeout=5)
    return image.content
