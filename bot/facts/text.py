"""Normalising free text so names match whatever punctuation or case people type."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": ""})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case, drop apostrophes and accents, turn other punctuation into single spaces."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().translate(_APOSTROPHES)
    return _NON_WORD.sub(" ", folded).strip()
