import asyncio
import os
import shlex
import subprocess


def thumbnail(src: str, dst: str) -> None:
    # ruleid: command-injection
    subprocess.run(["convert", src, "-resize", "200x200", dst], check=True)


def checksum(path: str) -> str:
    # ruleid: command-injection
    return subprocess.check_output(["sha256sum", path], text=True)


def backup(database: str, out_dir: str) -> None:
    # ruleid: command-injection
    subprocess.run(["pg_dump", "--format=custom", f"--file={out_dir}/{database}.dump", database], check=False)


def clone(url: str, dest: str) -> int:
    # ruleid: command-injection
    status = subprocess.run(["git", "clone", "--depth", "1", url, dest], check=False).returncode
    return status


async def probe(media: str, seconds: int) -> bytes:
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_exec("ffprobe", "-v", "error", "-read_intervals", str(seconds), media, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out


def logs(unit: str) -> str:
    # a pipe needs the shell: no rewrite is offered
    # ruleid: command-injection
    return subprocess.run(f"journalctl -u {unit} | tail -n 50", shell=True, capture_output=True, text=True).stdout


def shell_first(
    tag: str,
) -> None:
    subprocess.run(
        # ruleid: command-injection
        ["docker", "pull", tag],
        check=True,
    )


def compress(path: str, level: int) -> None:
    cmd = ["gzip", f"-{level}", "--keep", path]
    # ruleid: command-injection
    subprocess.run(cmd, check=True)


async def render(doc: str) -> None:
    command = ["pandoc", doc, "-o", "out.pdf"]
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_exec(*command)
    await proc.wait()


def convert_logged(src: str) -> None:
    cmd = f"convert {src} out.png"
    print("running", cmd)
    # the variable is used twice: no rewrite
    # ruleid: command-injection
    os.system(cmd)
