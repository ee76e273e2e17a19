"""The Debian packages the scaled-out profile runs (PostgreSQL, Redis, nginx): where their programs are,
which are missing, and installing those.

Standard library only: tests in either environment use it (see the package docstring).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_PACKAGES = ("postgresql", "redis-server", "nginx")


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin directory (Debian keeps them per version)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name or 0)
    )
    return found[-1].parent if found else None


def find_program(name: str) -> str | None:
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )


def missing_packages() -> list[str]:
    """The Debian packages of the profile that are not installed."""
    present = {
        "postgresql": postgres_bin() is not None,
        "redis-server": find_program("redis-server") is not None,
        "nginx": find_program("nginx") is not None,
    }
    return [name for name in DEBIAN_PACKAGES if not present[name]]


def install_packages() -> int:
    """Install the missing Debian packages (as root, with apt-get); 0 when everything is there."""
    missing = missing_packages()
    if not missing:
        return 0
    if os.geteuid() != 0:
        print(f"error: missing Debian packages; run: sudo apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return 2
    print(f"Installing {', '.join(missing)} (Debian packages)...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    return 0
