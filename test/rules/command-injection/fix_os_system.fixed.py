"""Nightly maintenance script."""
import os
import subprocess
import sys


def restart(service):
    # ruleid: command-injection
    if subprocess.run(["systemctl", "restart", service], check=False).returncode != 0:
        sys.exit(1)


def main() -> None:
    for name in sys.argv[1:]:
        restart(name)


if __name__ == "__main__":
    main()
