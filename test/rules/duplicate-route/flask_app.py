"""Flask routes: methods default to GET."""

from flask import Blueprint, Flask, jsonify

app = Flask(__name__)
bp = Blueprint("posts", __name__, url_prefix="/posts")


# ok: duplicate-route
@bp.route("/<int:post_id>")
def show(post_id):
    return jsonify(id=post_id)


# ok: duplicate-route
@bp.route("/<int:post_id>", methods=["DELETE"])
def delete(post_id):
    return "", 204


# ok: duplicate-route
@bp.route("/<slug>")
def show_by_slug(slug):
    return jsonify(slug=slug)


# ruleid: duplicate-route
@bp.route("/<int:id>", methods=["GET"])
def show_again(id):
    return jsonify(id=id)


# ruleid: duplicate-route
@bp.route("/<int:post_id>", methods=["delete"])
def delete_again(post_id):
    return "", 204


# ok: duplicate-route
@app.route("/posts/<int:post_id>")
def app_show(post_id):
    return jsonify(id=post_id)


# ok: duplicate-route
@app.route("/about")
# ruleid: duplicate-route
@app.route("/about")
def about():
    return "about"


def export_posts():
    return jsonify([])


# ok: duplicate-route
app.add_url_rule("/export", view_func=export_posts)
# ruleid: duplicate-route
app.add_url_rule("/export", "export_again", export_posts)
