"""Styled and compatibility forms of letters reach the bot as plain text, through both channels.

Full-width letters, mathematical bold and script letters, ligatures, no-break spaces and combining
marks are folded by bot/web/cleaning.py (NFKC, then styled letters and stray marks) before the NLU
sees the text. An emergency typed that way still gets the emergency reply first; a condition name
typed that way is still recognised.
"""

from __future__ import annotations

import uuid

import pytest

from tests.reliability.conftest import CHANNELS, Server


def _math_bold(text: str) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr(0x1D41A + ord(ch) - ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr(0x1D400 + ord(ch) - ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else "\u3000" if ch == " " else ch for ch in text)


def _script(text: str) -> str:
    # Mathematical script capitals and small letters (some code points are in the letterlike block).
    special = {"B": "\u212c", "E": "\u2130", "F": "\u2131", "H": "\u210b", "I": "\u2110", "L": "\u2112",
               "M": "\u2133", "R": "\u211b", "e": "\u212f", "g": "\u210a", "o": "\u2134"}  # fmt: skip
    out = []
    for ch in text:
        if ch in special:
            out.append(special[ch])
        elif "a" <= ch <= "z":
            out.append(chr(0x1D4B6 + ord(ch) - ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr(0x1D49C + ord(ch) - ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def _nbsp(text: str) -> str:
    return text.replace(" ", "\u00a0")


def _combining(text: str) -> str:
    # Strike-through, underline and a stack of marks ("zalgo") on letters; a typed accent stays.
    marks = ["\u0336", "\u0332", "\u0300\u0316\u0317"]
    return "".join(ch + marks[i % 3] if ch.isalpha() else ch for i, ch in enumerate(text))


FORMS = {
    "full-width": _full_width,
    "math-bold": _math_bold,
    "script": _script,
    "no-break spaces": _nbsp,
    "combining marks": _combining,
}

EMERGENCIES = [
    ("I cannot breathe", "breathing"),
    ("my husband is choking right now", "choking"),
    ("I want to end my life", "self_harm"),
]
CONDITIONS = [("what is primary lateral sclerosis", "pls"), ("is spinal muscular atrophy inherited", "sma")]


def _replies(server: Server, channel: str, text: str) -> list[dict]:
    sender = f"styled-{channel}-{uuid.uuid4().hex[:10]}"
    return [m for m in server.ask(channel, sender, text) if m.get("custom", {}).get("kind") != "disclaimer"]


@pytest.mark.parametrize("channel", list(CHANNELS))
@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize(("text", "kind"), EMERGENCIES, ids=[k for _, k in EMERGENCIES])
def test_styled_emergencies_get_the_emergency_reply_first(
    server: Server, channel: str, form: str, text: str, kind: str
) -> None:
    replies = _replies(server, channel, FORMS[form](text))
    assert replies[0]["custom"]["kind"] == "emergency", replies
    assert replies[0]["custom"]["emergency"] == kind


def test_ligatures_fold_to_plain_letters(server: Server) -> None:
    # "ﬁ" and "ﬂ" ligatures: "the ﬁrst signs" must read as "the first signs".
    replies = _replies(server, "rest", "what are the ﬁrst signs of PMA")
    assert replies[0]["custom"]["condition"] == "pma", replies


@pytest.mark.parametrize("channel", list(CHANNELS))
@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize(("text", "slug"), CONDITIONS, ids=[s for _, s in CONDITIONS])
def test_styled_condition_names_are_recognised(server: Server, channel: str, form: str, text: str, slug: str) -> None:
    replies = _replies(server, channel, FORMS[form](text))
    assert replies[0]["custom"]["kind"] in {"answer", "not_covered"}, replies
    assert replies[0]["custom"]["condition"] == slug, replies
