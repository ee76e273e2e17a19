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
    text = _WILL.sub(r"\1 will", text.lower()).replace("%", " percent ")  # "what % of cases…"
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.translate(_APOSTROPHES)
    return " ".join(_join_spelled(_NON_WORD.sub(" ", folded).split()))


# Text-speak, and question words typed in a hurry, that the readers of a message look for as words:
# "the baby 1 u said", "bk 2 the first 1",
# "hw do i help her wen she cant talk". Only forms that are no other word here ("pls" is PLS, "n" alone
# between words is "and").
TEXT_SPEAK = {
    "u": "you",
    "r": "are",
    "ur": "your",
    "wat": "what",
    "wht": "what",
    "whta": "what",
    "wich": "which",
    "whc": "which",
    "wch": "which",
    "whitch": "which",
    "wher": "where",
    "wot": "what",
    "wats": "whats",
    "hw": "how",
    "wen": "when",
    "wil": "will",
    "bk": "back",
    "b4": "before",
    "ppl": "people",
    "abt": "about",
    "bout": "about",
    "cos": "because",
    "coz": "because",
    "cud": "could",
    "shud": "should",
    "wud": "would",
    "yrs": "years",
    "thx": "thanks",
    "upr": "upper",
    "lwr": "lower",
    "gonna": "going to",
    "wanna": "want to",
    # the words that make a comparison, as often misspelt ("wats the diffrence with pma")
    "diffrence": "difference",
    "differnce": "difference",
    "diference": "difference",
    "diffrences": "differences",
    "diffrent": "different",
    "differant": "different",
    "diferent": "different",
}
_SPEAK = re.compile(r"\b(" + "|".join(TEXT_SPEAK) + r")\b", re.IGNORECASE)
# "1" for "one" after a word ("the baby 1", "which 1s", "the 1st 1"), not a count ("1 in 10", "1 year", "1.5").
_ONE = re.compile(r"(?<=[a-z] )1(s?)\b(?![.,]?\d| ?(?:in|out of|of every|%|years?|yrs?|months?|weeks?|days?)\b)", re.I)
# "2" for "to" between words: "bk 2 the baby one", "go 2 the gp".
_TWO = re.compile(r"(?<=[a-z] )2(?= (?:the|a|my|his|her|it|that|this|me|him|them|see|ask|get|go|do|be|help)\b)", re.I)
# "4" for "for" between words: "wat do they do 4 it", "any help 4 carers".
_FOUR = re.compile(r"(?<=[a-z] )4(?= (?:it|him|her|them|me|us|my|his|the|that|this|a|an|carers?|kids|people)\b)", re.I)
# " n " between words: "upper n lower".
_AND = re.compile(r"(?<=[a-z] )n(?= [a-z])", re.I)


# "y" for "why" before a verb that starts a question: "y does mnd happen" (not "the X or the Y chromosome").
_Y = re.compile(
    r"(?:^|(?<=[.?!,;] ))y(?= (?:do|does|did|is|are|was|were|would|can|cant|has|have|dont|doesnt|isnt|arent|am|"
    r"should|will|wont|didnt|hasnt|havent)\b)",
    re.IGNORECASE,
)


# Punctuation said aloud to voice typing: "…with ALS last month comma and… full stop What do they do question mark".
_SPOKEN_MARKS = {"comma": ",", "full stop": ".", "question mark": "?", "exclamation mark": "!", "new line": ".",
                 "new paragraph": ".", "full stops": "."}
_SPOKEN = re.compile(r"\s*\b(" + "|".join(_SPOKEN_MARKS) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=512)
def respell(text: str) -> str:
    """``text`` with text-speak written out ("bk 2 the baby 1" -> "back to the baby one") and punctuation said
    to voice typing put back ("…at night comma and…" -> "…at night, and…"); the rest unchanged."""
    text = _SPOKEN.sub(lambda m: _SPOKEN_MARKS[m.group(1).lower()], text)
    text = _SPEAK.sub(lambda m: TEXT_SPEAK[m.group().lower()], text)
    text = _ONE.sub(lambda m: "ones" if m.group(1) else "one", text)
    text = _Y.sub("why", text)
    return _AND.sub("and", _FOUR.sub("for", _TWO.sub("to", text)))


# How likely what was just asked is: "could any brothers or sisters get it too? what are the odds".
HOW_LIKELY = re.compile(
    r"^(?:so |and |but |ok )?(?:(?:what are|whats|what's|what is) the (?:odds|chances?|risk|likelihood)"
    r"(?: of (?:that|it))?|how likely(?: is (?:that|it|this))?|(?:odds|chances)(?: of (?:that|it))?)\W*$",
    re.IGNORECASE,
)
# Which ones were just spoken of: "there are different types of mnd?? what are they", "other kinds? like what".
WHICH_ARE_THEY = re.compile(
    r"^(?:so |and |but |ok )?(?:(?:what|which) (?:are|r|would be) (?:they|those|these|them|the others)"
    r"|(?:name|list) them|like what|such as what|which ones)\W*$",
    re.IGNORECASE,
)
