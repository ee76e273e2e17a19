"""What the material lacks, as a question shows it: a list that was lost from the documents ("which tests?",
"the early signs"), a remedy it never names ("does a ketogenic diet stop MND?"), and a thing asked about that it
never names ("does ALS affect the bladder?", "can statins cause MND?")."""

from __future__ import annotations

import re
from typing import Any

from actions.understanding import Question
from bot.facts.scoring import Scored
from bot.facts.text import normalise
from bot.facts.words import IS_IT_TRUE, WHY_IT_HAPPENS, asking_clauses, question_part, sentences

# A type's own fact answers a question about a lost general list ("first signs of PMA?") when one
# of its example questions is at least this close.
OWN_ANSWER = 0.55
# Asking whether something works against the illness ("does X cure / stop / slow MND?").
_EFFICACY = re.compile(
    r"\b(?:cure|cures|cured|reverse|reverses|reversed|stop|stops|slow|slows|help|helps|treat|treats|"
    r"work|works|fix|fixes|beat|heal|heals|improve|improves|prevent|prevents)\b"
)
# What a remedy works against, after "help", "stop"…: "does X help (with) MND?" (not "organise help at home").
_AGAINST = frozenset(
    "it mnd mnds als pls pma pbp sma pps kennedys with against for symptoms symptom the my his her their them "
    "him me us people anyone patients progression slow stop cure weakness pain cramps muscles".split()
)
_ASKING_WHAT = frozenset("what which anything something nothing who".split())
# A question that asks for a list: "which tests", "what medicines", "early signs", "how exactly".
_LIST_CUE = re.compile(
    r"\b(?:what|which|list|any|all|other|kinds? of|types? of|sorts? of|exactly|specific)\b(?:\s+\w+){0,3}?\s+"
    r"(?:tests?|scans?|medicines?|medications?|meds|drugs?|pills?|tablets?|questions?|signs?|symptoms?|ways?)\b"
    r"|\b(?:first|early|earliest|warning) (?:signs?|symptoms?|ones)\b"
    r"|\bwhat (?:will|do|does|did|would|might) (?:they|the doctors?|the neurologist|the consultant|the gp)\s+"
    r"(?:do|ask|check|test)\b"
    r"|\bhow exactly\b|\bexactly how\b"
    # ("how is MND diagnosed?" is answered by what the material says of it; "how do they test for it?" asks the
    # tests, which were lost)
    r"|\bhow (?:is|are|do|does|will|would|can|could|do they|did they) (?:\w+ ){0,3}?"
    r"(?:tested|test for|check for)\b"
    # ("how is it passed on?", "how do these inherited ones get passed down?": the ways, which were lost)
    r"|\bhow (?:is|are|do|does|would|can|could) (?:\w+ ){0,3}?(?:get |be |being )?(?:passed|handed) (?:on|down)\b"
)


def asked_words(asked: str) -> str:
    """The words of ``asked`` that say what it asks: its asking clauses ("quick one for my anatomy module: where
    are motor neurons?"), or all of it when it asks whether a claim is true ("his nan says it was the jabs. is
    that true?": the claim is what is asked)."""
    if not IS_IT_TRUE.search(normalise(asked)):
        return asking_clauses(asked)
    # (who said it is not what is asked: "someone in a facebook group said it's the top genetic reason babies die")
    return _SAID_BY.sub("", asked, count=1)


# Who made a claim: "someone in a facebook group said", "his nan reckons", "i read that".
_SAID_BY = re.compile(
    r"^.*?\b(?:said|says|say|told (?:me|us|him|her)|reckons?|thinks?|claims?|heard|read|saw)\b(?: that)?", re.IGNORECASE
)


def remedy_named(asked: str, unknown: list[str]) -> str:
    """The unknown words just before "cure", "stop", "help"... ("does a ketogenic diet stop MND?"), or ""."""
    words = normalise(asked).split()
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else None
        # "What helps?", "what can help people who struggle to swallow?" ask for remedies, naming none.
        asks_what = any(w in _ASKING_WHAT for w in words[max(0, i - 3) : i])
        before = words[max(0, i - 4) : i]
        if "there" in before:
            continue  # "is there any proper cure for it?": "cure" is the thing asked about, not a verb
        if _EFFICACY.fullmatch(word) and (after is None or after in _AGAINST) and not asks_what:
            near = [w for w in before if w in unknown]
            if near:
                return " ".join(near)
    return ""


def asked_gap(
    index: Any, question: Question, gaps: list[Scored], facts: list[Scored], unknown: list[str]
) -> Scored | None:
    """The lost list a question asks for, if any: it uses one of the list's keys ("tests") and asks for
    a list ("which tests?"), or uses a key no fact here mentions ("blood test"), or words the material
    never uses ("cramps", "drooling")."""
    if not gaps:
        return None
    gap = gaps[0]
    if not question.text:
        return gap if question.is_payload else None  # a button asks for the whole topic, lost list and all
    text = question_part(question.text)
    said_last = sentences(text)[-1]
    if WHY_IT_HAPPENS.match(normalise(said_last)):
        # ("he's started struggling to swallow. why does that happen": why the sign comes, asking for no list)
        text = said_last
    asked = set(index.terms(text))
    keys = asked & set(gap.item.fields.get("key", {}))
    said = set().union(*(set(f.item.fields.get("answer", {})) for f in facts)) if facts else set()
    short = len(normalise(text).split()) <= 2
    if _LIST_CUE.search(normalise(text)) or keys - said or unknown or (keys and short):
        return gap
    return None


def answers_itself(index: Any, question: Question, lead: Scored, lost: Scored, slug: str) -> bool:
    """Whether the type's own best fact answers what the general lost list is about: "are there
    medicines for ALS?" is answered by the ALS fact naming its medicines, whatever MND's list held."""
    if lead.example >= OWN_ANSWER:
        return True
    keys = set(index.terms(question_part(question.text))) & set(lost.item.fields.get("key", {}))
    return lead.item.condition == slug and bool(keys & set(lead.item.fields.get("answer", {})))


# A yes/no question about a thing: "do they control the heart as well?", "does ALS affect the bladder?".
_YES_NO = re.compile(r"^(?:and |so |but |ok )?(?:do|does|did|can|could|will|would|is|are|has|have)\b")
# The thing a yes/no question is about, just after its verb: "is depression common with it?"
_YES_NO_SUBJECT = re.compile(
    r"^(?:and |so |but |ok )?(?:is|are|does|do|can|will|would)"
    r"(?: (?:a|an|the|any|some|his|her|their|my))? (?P<what>\w+)"
)
_ALSO = re.compile(r"(?: (?:as well|too|also|at all|then|though|tho|either))+$")
# What brings it on: "can statins cause MND?", "could his old job have triggered it?"
_CAUSING = frozenset("cause causes caused causing trigger triggers triggered bring brought lead led".split())
# What it is said to come from: "it was the jabs", "because of his job", "due to stress".
_BLAMED = re.compile(
    r"\b(?:(?:it|that|this) (?:was|is|s|came from|comes from)|because of|due to|caused by|down to|from) "
    r"(?:the |a |an |his |her |my |their |all (?:the |that |those )?|too much )?(?P<what>\w+(?: \w+){0,2})"
)


def unknown_thing(asked: str, unknown: list[str]) -> str:
    """The words the material never uses that are the thing a question asks about, or "": the last words of a
    yes/no question ("does ALS affect the bladder?"), or what is said to bring it on ("can statins cause MND?")."""
    plain = _ALSO.sub("", normalise(asked))
    words = plain.split()
    if not words or not unknown:
        return ""
    for i, word in enumerate(words):
        if word in _CAUSING:
            near = [w for w in words[max(0, i - 4) : i] if w in unknown]
            if near:
                return " ".join(near)
    if _YES_NO.match(plain) and words[-1] in unknown:
        return words[-1]
    subject = _YES_NO_SUBJECT.match(plain)
    if subject and subject.group("what") in unknown:
        # "is depression common with it?", "are cramps normal in als": what the question is about
        return subject.group("what")
    for said in _BLAMED.finditer(plain):
        # "his other nan says it was the jabs. is that true", "it was the baby vaccines": what it is said to come from
        blamed = [w for w in said.group("what").split() if w in unknown]
        if blamed:
            return blamed[0]
    return ""
