"""Nightly maintenance script."""
import os
import sys


def restart(service):
    # ruleid: command-injection
    if os.system(f"systemctl restart {service}") != 0:
        sys.exit(1)


def main() -> None:
    for name in sys.argv[1:]:
        restart(name)


if __name__ == "__main__":
    main()
