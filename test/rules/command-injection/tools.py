"""Media and backup helpers called from FastAPI background tasks."""
import asyncio
import os
import shlex
import subprocess
import subprocess as sp
from pathlib import Path
from subprocess import Popen, check_output
from typing import Literal

from fastapi import APIRouter, BackgroundTasks, HTTPException

router = APIRouter(prefix="/media", tags=["media"])

UPLOAD_DIR = Path("/srv/uploads")
FFMPEG = "/usr/bin/ffmpeg"
FORMATS = {"webp": "webp", "png": "png", "jpeg": "jpg"}


def thumbnail(src: str, dst: str) -> None:
    # ruleid: command-injection
    subprocess.run(f"convert {src} -resize 200x200 {dst}", shell=True, check=True)


def archive(folder: str) -> bytes:
    # ruleid: command-injection
    return check_output("tar czf - " + folder, shell=True)


def ping(host):
    # ruleid: command-injection
    return os.system("ping -c 1 %s" % host)


def disk_usage(path):
    # ruleid: command-injection
    return os.popen("du -sh {}".format(path)).read()


def git_log(repo: str, branch: str) -> str:
    cmd = f"git -C {repo} log --oneline"
    cmd += f" {branch}"
    # ruleid: command-injection
    return sp.check_output(cmd, shell=True, text=True)


def run_user_command(command: str) -> int:
    # ruleid: command-injection
    return subprocess.call(command, shell=True)


def transcode(name: str) -> Popen:
    # ruleid: command-injection
    return Popen(f"{FFMPEG} -i {UPLOAD_DIR / name} out.mp4", shell=True)


def via_bash(pattern: str) -> str:
    # ruleid: command-injection
    return subprocess.run(["bash", "-c", f"grep -r {pattern} /var/log/app"], capture_output=True, text=True).stdout


def via_exec(script: str) -> None:
    # ruleid: command-injection
    os.execl("/bin/sh", "sh", "-c", "exec " + script)


async def resize_async(src: str, width: int) -> None:
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"convert {src} -resize {width} {src}.small")
    await proc.wait()


class Backup:
    def __init__(self, target: str) -> None:
        self.target = target

    def run(self, database: str) -> None:
        # ruleid: command-injection
        subprocess.check_call(f"pg_dump {database} > {self.target}/{database}.sql", shell=True)


def extract(name: str) -> None:
    # ruleid: command-injection
    os.system(f"unzip -o {UPLOAD_DIR}/{name} -d /srv/extracted")


@router.post("/unzip/{name}")
async def unzip(name: str, tasks: BackgroundTasks):
    tasks.add_task(extract, name)
    return {"ok": True}


def constant_path_dir() -> None:
    # ok: command-injection
    os.system(f"rm -rf {UPLOAD_DIR}/tmp")


# ---------------------------------------------------------------- not flagged


def list_uploads() -> str:
    # ok: command-injection
    return subprocess.run("ls -la /srv/uploads | wc -l", shell=True, capture_output=True, text=True).stdout


def git_log_safe(repo: str, branch: str) -> str:
    # ok: command-injection
    return subprocess.run(["git", "-C", repo, "log", "--oneline", branch], capture_output=True, text=True).stdout


def convert_list(src: str, dst: str) -> None:
    # ok: command-injection
    subprocess.run(["convert", src, "-resize", "200x200", dst], check=True)


def quoted(path: str) -> str:
    # ok: command-injection
    return subprocess.check_output(f"du -sh {shlex.quote(path)}", shell=True, text=True)


def quoted_vars(src: str, dst: str) -> None:
    safe_src = shlex.quote(src)
    safe_dst = shlex.quote(dst)
    # ok: command-injection
    os.system(f"cp {safe_src} {safe_dst}")


def joined(args: list[str]) -> None:
    # ok: command-injection
    subprocess.run(shlex.join(["rsync", "-a", *args]), shell=True)


def explicit_no_shell(cmd: str) -> None:
    # ok: command-injection
    subprocess.run(shlex.split(cmd), shell=False)


def constant_var() -> None:
    cmd = "systemctl restart nginx"
    # ok: command-injection
    os.system(cmd)


def constant_parts(level: int) -> None:
    # ok: command-injection
    os.system(f"{FFMPEG} -version")


def numeric(level: int) -> None:
    # ok: command-injection
    subprocess.run(f"renice -n {int(level)} -p 1234", shell=True)


def allow_listed(fmt: str, src: str) -> None:
    ext = FORMATS[fmt]
    # ok: command-injection
    subprocess.run(f"convert in.png out.{ext}", shell=True)


def guarded(service: str) -> None:
    if service not in {"nginx", "redis", "postgres"}:
        raise HTTPException(status_code=400)
    # ok: command-injection
    os.system(f"systemctl restart {service}")


def literal_mode(mode: Literal["fast", "slow"]) -> None:
    # ok: command-injection
    subprocess.run(f"./bench.sh --{mode}", shell=True)


async def exec_async(src: str) -> None:
    # ok: command-injection
    proc = await asyncio.create_subprocess_exec("convert", src, "out.png")
    await proc.wait()


def message(path: str) -> None:
    # ok: command-injection
    print(f"running rm -rf {path} would be bad")


def exec_plain(binary_args: list[str]) -> None:
    # ok: command-injection
    os.execvp("git", ["git", "fetch", *binary_args])


class ConvertProtocol(asyncio.SubprocessProtocol):
    pass


async def loop_shell(src: str) -> None:
    loop = asyncio.get_running_loop()
    # ruleid: command-injection
    await loop.subprocess_shell(ConvertProtocol, f"convert {src} out.png")
