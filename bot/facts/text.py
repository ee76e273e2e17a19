"""Normalising free text so names match whatever punctuation or case people type."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": ""})
_NON_WORD = re.compile(r"[^a-z0-9]+")
# The short names spelled out letter by letter ("P M A", "p.l.s.", voice typing's "A L S").
_SPELLED = re.compile(r"\b(?:a l s|p l s|p m a|p b p|s m a|m n d|p p s)\b")


def normalise(text: str) -> str:
    """Lower-case, drop apostrophes and accents, turn other punctuation into single spaces."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().translate(_APOSTROPHES)
    spaced = _NON_WORD.sub(" ", folded).strip()
    return _SPELLED.sub(lambda m: m.group(0).replace(" ", ""), spaced)
