from urllib.parse import urljoin, urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
session = requests.Session()

TRUSTED = frozenset({"cdn.example.com"})
API_BASE = "https://api.example.com/"


@app.route("/fetch")
def fetch():
    # ruleid: ssrf
    return requests.get(request.args["url"]).content


@app.post("/import")
def import_feed():
    feed_url = request.get_json()["feed"]
    # ruleid: ssrf
    return jsonify(session.get(feed_url, timeout=5).json())


@app.route("/image", methods=["POST"])
def image():
    src = request.form.get("src", "")
    # ruleid: ssrf
    data = requests.get(urljoin(API_BASE, src)).content
    return data


@app.route("/ping/<host>")
def ping(host):
    # ruleid: ssrf
    return requests.head("http://" + host).reason


# --- hard negatives -------------------------------------------------------


@app.route("/cdn")
def cdn():
    url = request.args.get("url", "")
    if urlparse(url).hostname not in TRUSTED:
        abort(400)
    # ok: ssrf
    return requests.get(url).content


@app.route("/api/<int:item_id>")
def api_item(item_id):
    # ok: ssrf
    return requests.get(urljoin(API_BASE, f"items/{item_id}")).json()


@app.route("/lookup")
def lookup():
    term = request.args.get("q", "")
    # ok: ssrf
    return requests.get(API_BASE + "search?q=" + term).json()
