"""Flask views reading request data."""

import json

import jsonschema
from flask import Blueprint, jsonify, request
from marshmallow import Schema, fields

from app.forms import LoginForm
from dacite import from_dict

from app.models import Post, SiteSettings, User, db

bp = Blueprint("posts", __name__)


class PostSchema(Schema):
    title = fields.Str(required=True)


POST_SCHEMA = {"type": "object", "required": ["title"]}


@bp.route("/posts", methods=["POST"])
def create_post():
    # ruleid: unvalidated-body
    data = request.get_json()
    post = Post(title=data["title"], body=data.get("body"))
    db.session.add(post)
    return jsonify(id=post.id), 201


@bp.route("/posts/<int:post_id>", methods=["PUT"])
def replace_post(post_id):
    # ruleid: unvalidated-body
    Post.query.get(post_id).title = request.json["title"]
    return "", 204


# ok: unvalidated-body
@bp.route("/posts/validated", methods=["POST"])
def create_post_validated():
    data = PostSchema().load(request.get_json())
    return jsonify(data), 201


# ok: unvalidated-body
@bp.route("/posts/schema", methods=["POST"])
def create_post_schema():
    data = request.json
    jsonschema.validate(instance=data, schema=POST_SCHEMA)
    return jsonify(data), 201


@bp.route("/login", methods=["POST"])
def login():
    # ok: unvalidated-body
    form = LoginForm(request.form)
    if not form.validate():
        return "bad", 400
    return "ok"


@bp.route("/comments", methods=["POST"])
def comment():
    # ruleid: unvalidated-body
    text = request.form["text"]
    author = request.form.get("author", "anonymous")
    return jsonify(text=text, author=author)


@bp.route("/import", methods=["POST"])
def import_posts():
    # ruleid: unvalidated-body
    rows = json.loads(request.data)
    return jsonify(count=len(rows))


# ok: unvalidated-body
@bp.route("/search")
def search():
    return jsonify(q=request.args.get("q", ""))


@bp.route("/posts/quick", methods=["POST"])
def quick_post():
    # ruleid: unvalidated-body
    post = Post(**request.get_json())
    db.session.add(post)
    return jsonify(id=post.id), 201


@bp.route("/users", methods=["POST"])
def create_user():
    # ruleid: unvalidated-body
    data = request.get_json()
    user = User()
    user.from_dict(data, new_user=True)
    return jsonify(id=user.id), 201


@bp.route("/settings", methods=["PUT"])
def update_settings():
    # ok: unvalidated-body
    data = request.get_json()
    settings = from_dict(data_class=SiteSettings, data=data)
    return jsonify(theme=settings.theme)
