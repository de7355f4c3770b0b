"""Thumbnail service."""
from urllib.parse import urlparse

import requests
from flask import Flask, request

app = Flask(__name__)

ALLOWED_HOSTS = {"images.example.com"}


@app.post("/thumbnail")
def thumbnail():
    payload = request.get_json()
    # ruleid: ssrf
    image = requests.get(payload["image_url"], timeout=5)
    return image.content
