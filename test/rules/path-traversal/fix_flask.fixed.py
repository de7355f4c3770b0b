import os

from flask import Flask, abort, request, send_file
from pathlib import Path

app = Flask(__name__)


@app.route("/reports")
def report():
    name = request.args["name"]
    path = os.path.join(app.config["REPORT_DIR"], name)
    safe_path = Path(path).resolve()
    if not safe_path.is_relative_to(Path(app.config["REPORT_DIR"]).resolve()):
        abort(400)
    # ruleid: path-traversal
    return send_file(safe_path)
