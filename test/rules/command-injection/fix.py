import asyncio
import os
import shlex
import subprocess


def thumbnail(src: str, dst: str) -> None:
    # ruleid: command-injection
    subprocess.run(f"convert {src} -resize 200x200 {dst}", shell=True, check=True)


def checksum(path: str) -> str:
    # ruleid: command-injection
    return subprocess.check_output("sha256sum '%s'" % path, shell=True, text=True)


def backup(database: str, out_dir: str) -> None:
    # ruleid: command-injection
    os.system(f"pg_dump --format=custom --file={out_dir}/{database}.dump {database}")


def clone(url: str, dest: str) -> int:
    # ruleid: command-injection
    status = os.system("git clone --depth 1 " + url + " " + shlex.quote(dest))
    return status


async def probe(media: str, seconds: int) -> bytes:
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f'ffprobe -v error -read_intervals {seconds} "{media}"', stdout=asyncio.subprocess.PIPE)
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
        f"docker pull {tag}",
        shell=True,
        check=True,
    )


def compress(path: str, level: int) -> None:
    cmd = f"gzip -{level} --keep {path}"
    # ruleid: command-injection
    subprocess.run(cmd, shell=True, check=True)


async def render(doc: str) -> None:
    command = "pandoc " + doc + " -o out.pdf"
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(command)
    await proc.wait()


def convert_logged(src: str) -> None:
    cmd = f"convert {src} out.png"
    print("running", cmd)
    # the variable is used twice: no rewrite
    # ruleid: command-injection
    os.system(cmd)
