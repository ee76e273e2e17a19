"""Secrets kept in files only their owner can read (mode 0600): written, or made once and read again.

Standard library only: the launchers of both profiles (either environment) and the Rasa server use it.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable and writable by its owner only (0600), replacing any old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def read_private(path: Path) -> str:
    """The secret in ``path`` (stripped); refused (ValueError) if others may read it or it is empty."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ValueError(f"{path} may be read by others (mode {mode:04o}); make it 0600")
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        raise ValueError(f"{path} is empty")
    return text


def kept_secret(path: Path) -> Path:
    """``path``, holding a random secret: made (0600) the first time, kept for later runs; returns ``path``."""
    if not path.exists():
        write_private(path, secrets.token_urlsafe(32) + "\n")
    return path
