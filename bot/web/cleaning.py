"""Cleaning a message before Rasa sees it: one place, used by both channels (bot/web/validation.py).

Everything downstream (the emergency detector, the intent classifier, the condition names and
glossary terms) reads the cleaned text, so a sentence typed in styled letters is understood like
the same sentence typed plainly:

- line breaks, tabs and other whitespace become single spaces; other control characters
  (U+0000-U+001F, U+007F-U+009F), invisible format characters (zero-width space and joiners,
  byte-order marks, bidirectional overrides, soft hyphens) and unpaired surrogates are removed;
- the text is NFKC-normalised: full-width letters (Ｉ ｃａｎｎｏｔ), mathematical bold, italic,
  script and double-struck letters, circled letters, ligatures (ﬁ), superscripts and
  no-break spaces become their plain forms, and accents typed as combining marks are composed;
- letters NFKC leaves alone but people use as "fonts" are folded too: squared and negative
  squared letters (🅸 🅲🅰🅽) and small capitals (ɪ ᴄᴀɴ);
- combining marks left on plain Latin letters and digits after that (strike-through, underline
  and "zalgo" decorations such as b̶r̶e̶a̶t̶h̶e̶) are removed;
- the text is trimmed.

Letters of every script (Arabic and Hebrew included), precomposed accents and emoji (with their
variation selectors) are kept.
"""

from __future__ import annotations

import re
import sys
import unicodedata

# Whitespace that is also a control or separator character: becomes a space, not nothing.
_SPACE_LIKE = {"\t", "\n", "\v", "\f", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029"}
# Cc: control, Cf: format (zero-width, bidi, BOM, soft hyphen), Cs: unpaired surrogate.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs"}
_MARKS = {"Mn", "Me"}
_SPACES = re.compile(r"\s+")
# Unicode names of letters used as decorative "fonts" that NFKC does not fold.
_STYLED = re.compile(
    r"(?:NEGATIVE )?(?:SQUARED|CIRCLED) LATIN CAPITAL LETTER ([A-Z])|LATIN LETTER SMALL CAPITAL ([A-Z])"
)


def _styled_letters() -> dict[int, str]:
    table: dict[int, str] = {}
    # IPA extensions, phonetic extensions, Latin extended-D and the enclosed alphanumerics.
    for code in [*range(0x0250, 0x02B0), *range(0x1D00, 0x1D80), *range(0xA720, 0xA800), *range(0x1F100, 0x1F200)]:
        match = _STYLED.fullmatch(unicodedata.name(chr(code), ""))
        if match:
            table[code] = (match[1] or match[2]).lower() if match[2] else match[1]
    return table


_FOLD = _styled_letters()


def _is_plain(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == " ")


def clean_text(text: str) -> str:
    """The message as Rasa should see it (see the module docstring); "" when nothing is left."""
    kept = []
    for char in text:
        if char in _SPACE_LIKE:
            kept.append(" ")
        elif unicodedata.category(char) not in _DROPPED_CATEGORIES:
            kept.append(char)
    folded = unicodedata.normalize("NFKC", "".join(kept)).translate(_FOLD)
    out: list[str] = []
    base_plain = False
    for char in folded:
        if unicodedata.category(char) in _MARKS:
            if base_plain:
                continue  # a decoration on a plain letter: drop it
        else:
            base_plain = _is_plain(char)
        out.append(char)
    return _SPACES.sub(" ", "".join(out)).strip()


if __name__ == "__main__":  # pragma: no cover - a quick look: python -m bot.web.cleaning "text"
    print(clean_text(" ".join(sys.argv[1:])))
