"""Normalising free text so names match whatever punctuation or case people type."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": ""})
_WILL = re.compile(r"\b(i|you|he|she|it|we|they|that|there|who)['’`]ll\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# The short names, spelled out letter by letter ("P M A", "p.l.s.") or as voice typing hears them
# ("A L S", "a LS", "pee M A"): pieces that are letters, letters' spoken names, or two letters
# that are no English word, joined when together they make one of the short names.
SHORT_NAMES = frozenset("als pls pma pbp sma mnd pps".split())
_LETTER_NAMES = {"pee": "p", "em": "m", "el": "l", "ell": "l", "ess": "s", "bee": "b", "dee": "d", "en": "n"}
_LETTER_PAIRS = frozenset("ls mn nd bp pb pp ps sm pm pl".split())


def _letters(word: str) -> str | None:
    if len(word) == 1 and word.isalpha():
        return word
    if word in _LETTER_NAMES:
        return _LETTER_NAMES[word]
    return word if word in _LETTER_PAIRS else None


def _join_spelled(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2):
            pieces = [_letters(w) for w in words[i : i + size]]
            if len(pieces) == size and all(pieces) and "".join(pieces) in SHORT_NAMES:  # type: ignore[arg-type]
                out.append("".join(pieces))  # type: ignore[arg-type]
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


# A turn normalises the same message (and the same names) a few dozen times, from every module that
# reads it: the last few hundred results are kept (in memory only, like the rest of a turn's state).
@lru_cache(maxsize=512)
def normalise(text: str) -> str:
    """Lower-case, drop apostrophes and accents, turn other punctuation into single spaces."""
    # "he'll" and "I'll" are "he will" and "I will", not "hell" and "ill".
    text = _WILL.sub(r"\1 will", text.lower())
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.translate(_APOSTROPHES)
    return " ".join(_join_spelled(_NON_WORD.sub(" ", folded).split()))
