"""Deployment helpers behind an admin API (Flask)."""
import shlex
from os import system
from subprocess import PIPE, Popen, getoutput, run

from flask import Blueprint, abort, request

bp = Blueprint("deploy", __name__)

SERVICES = ("web", "worker", "scheduler")
USE_SHELL = True


@bp.post("/restart")
def restart():
    service = request.form["service"]
    # ruleid: command-injection
    system("docker compose restart " + service)
    return "", 204


@bp.get("/logs")
def logs():
    lines = request.args.get("lines", "100")
    # ruleid: command-injection
    return getoutput(f"tail -n {lines} /var/log/app.log")


@bp.post("/tag")
def tag():
    name = request.json["tag"]
    # ruleid: command-injection
    proc = Popen("git tag %s && git push origin %s" % (name, name), shell=USE_SHELL, stdout=PIPE)
    return proc.communicate()[0]


class Deployer:
    def __init__(self, host: str) -> None:
        self.host = host

    def sync(self, path: str) -> None:
        # ruleid: command-injection
        run(f"rsync -az {path} deploy@{self.host}:/srv/app", shell=True, check=True)

    def sync_quoted(self, path: str) -> None:
        # ok: command-injection
        run(f"rsync -az {shlex.quote(path)} deploy@{shlex.quote(self.host)}:/srv/app", shell=True, check=True)

    def sync_args(self, path: str) -> None:
        # ok: command-injection
        run(["rsync", "-az", path, f"deploy@{self.host}:/srv/app"], check=True)


@bp.post("/scale")
def scale():
    service = request.form["service"]
    if service not in SERVICES:
        abort(400)
    replicas = int(request.form["replicas"])
    # ok: command-injection
    system(f"docker compose up -d --scale {service}={replicas}")
    return "", 204


@bp.post("/exec")
def exec_many():
    args = request.json["args"]
    command = " ".join(shlex.quote(a) for a in args)
    # ok: command-injection
    run(command, shell=True)
    # ok: command-injection
    run(args, shell=False)


@bp.post("/backup")
def backup():
    target = request.form["target"]
    # ok: command-injection
    run(f"pg_dump app > {target}", shell=False)
