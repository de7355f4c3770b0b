"""Flask views: variables in the rule are passed as keyword arguments."""

from flask import Blueprint, Flask, jsonify

app = Flask(__name__)
bp = Blueprint("orders", __name__, url_prefix="/orders")


# ok: path-param-mismatch
@bp.route("/<int:order_id>")
def show_order(order_id):
    return jsonify(id=order_id)


# ruleid: path-param-mismatch
@bp.route("/<int:order_id>/lines/<int:line_id>", methods=["DELETE"])
def delete_line(order_id):
    return "", 204


# ok: path-param-mismatch
@app.route("/users/<username>/posts/<path:slug>")
def show_post(username, slug):
    return jsonify(user=username, slug=slug)


# ruleid: path-param-mismatch
@app.route("/users/<username>")
def profile(user):
    return jsonify(user=user)
