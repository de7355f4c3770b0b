import os

from flask import Flask, request, send_file

app = Flask(__name__)


@app.route("/reports")
def report():
    name = request.args["name"]
    path = os.path.join(app.config["REPORT_DIR"], name)
    # ruleid: path-traversal
    return send_file(path)
