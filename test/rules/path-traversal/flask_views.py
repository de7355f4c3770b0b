import os
import shutil

from flask import Blueprint, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

from app.config import Config

bp = Blueprint("files", __name__)

UPLOAD_FOLDER = "/var/app/uploads"


@bp.route("/download")
def download():
    name = request.args.get("file", "")
    # ruleid: path-traversal
    return send_file(os.path.join(UPLOAD_FOLDER, name))


@bp.route("/upload", methods=["POST"])
def upload():
    uploaded = request.files["document"]
    # ruleid: path-traversal
    uploaded.save(os.path.join(UPLOAD_FOLDER, uploaded.filename))
    return "", 204


@bp.route("/files/<path:subpath>")
def serve_subpath(subpath):
    # ruleid: path-traversal
    return send_file(f"{UPLOAD_FOLDER}/{subpath}")


@bp.route("/api/templates", methods=["POST"])
def save_template():
    payload = request.get_json()
    target = os.path.join(Config.TEMPLATE_DIR, payload["name"] + ".html")
    # ruleid: path-traversal
    with open(target, "w") as fh:
        fh.write(payload["body"])
    return {"saved": payload["name"]}


@bp.route("/purge", methods=["POST"])
def purge():
    folder = request.form["folder"]
    # ruleid: path-traversal
    shutil.rmtree(os.path.join(UPLOAD_FOLDER, folder))
    return "", 204


@bp.route("/values")
def values():
    # ruleid: path-traversal
    return open("exports/" + request.values["name"]).read()


# --- hard negatives -------------------------------------------------------


@bp.route("/safe-upload", methods=["POST"])
def safe_upload():
    uploaded = request.files["document"]
    filename = secure_filename(uploaded.filename)
    # ok: path-traversal
    uploaded.save(os.path.join(UPLOAD_FOLDER, filename))
    return {"stored": filename}


@bp.route("/static-like/<path:filename>")
def static_like(filename):
    # send_from_directory joins safely (werkzeug.security.safe_join).
    # ok: path-traversal
    return send_from_directory(UPLOAD_FOLDER, filename)


@bp.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    # ok: path-traversal
    return send_file(f"{UPLOAD_FOLDER}/invoices/{invoice_id}.pdf")


@bp.route("/checked")
def checked():
    name = request.args["name"]
    full = os.path.realpath(os.path.join(UPLOAD_FOLDER, name))
    if os.path.commonpath([full, UPLOAD_FOLDER]) != UPLOAD_FOLDER:
        abort(404)
    # ok: path-traversal
    return send_file(full)


@bp.route("/renamed", methods=["POST"])
def renamed():
    name = request.form["name"]
    name = secure_filename(name)
    # ok: path-traversal
    return send_file(os.path.join(UPLOAD_FOLDER, name))


@bp.route("/logo")
def logo():
    variant = "dark" if request.args.get("dark") else "light"
    # ok: path-traversal
    return send_file(f"static/logo-{variant}.svg")


@bp.route("/pages")
def page_export():
    page = request.args.get("page", 1, type=int)
    # ok: path-traversal
    return send_file(f"exports/page-{page}.csv")


@bp.route("/bulk-delete", methods=["POST"])
def bulk_delete():
    for name in request.get_json()["files"]:
        # ruleid: path-traversal
        os.remove(os.path.join(UPLOAD_FOLDER, name))
    return "", 204
