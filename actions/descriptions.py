"""A type picked by what describes it: "the one that affects babies", "the legs one", "the spinal one",
matched against what the documents state of each type (data/facts/conditions.yml) or a word of its own
name; and a name with a description beside it that says another type ("PLS, the spinal muscle one")."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from actions.conversation import State
from actions.targets import Targets
from actions.understanding import Question
from bot.facts import across, names, queries
from bot.facts.across_values import Found
from bot.facts.text import normalise
from bot.facts.words import TYPES_ASKED, question_part

# "The one that affects babies", "the legs one", "the type you said starts in the hands" (not "that
# one", which is the focus, nor "the upper ones", which are motor neurons).
DESCRIBED = re.compile(
    r"\b(?:the|that) (?:one|ones|1|type|kind|condition|disease) "
    r"(?:that|thats|which|where|who|whos|with|you|u|i|for|affecting|from|in|on|about|of|linked|where|connected|"
    r"associated|related|tied|caused|called|out of (?:those|them|these|the \w+) (?:that|which|with|where))\b"
    r"|\bthe (?!other\b|first\b|second\b|third\b|last\b|same\b|right\b|main\b|next\b|only\b|different\b)"
    r"\w+(?: \w+)? (?:one|type)\b"
    # "the one polio survivors get", "the kind babies have"
    r"|\bthe (?:one|type|kind) (?:\w+ ){1,3}?(?:get|gets|got|have|has|had)\b"
)
_RELATIVE_CLAUSE = re.compile(r"\s*(?:that|thats|which|who|whos|where)\b")
# A description by what a type is not: "the ones that aren't inherited", "the kind that doesn't run in families".
_NOT_CLAUSE = re.compile(
    r"\s*(?:arent|are not|isnt|is not|dont|do not|doesnt|does not|never|cant|cannot|wont|havent|hasnt)\b"
)
_CLOSES = re.compile(r"[,;:]| - ")  # what may close a description: "the one that affects babies, what…"


def disagreeing(session: Session, question: Question, types: list[str]) -> tuple[str, str] | None:
    """The named type and another one that a description beside it names instead, or None.

    The description names the other one by a word of its name ("the spinal muscle one": SMA), or by what
    the documents state of it where they state something else of the named one ("the baby one" beside
    Kennedy's disease, which they say affects men)."""
    plain = normalise(question.text or "")
    match = DESCRIBED.search(plain)
    if match is None:
        return None
    start, end = len(plain[: match.start()].split()), len(plain[: match.end()].split())
    inside = {n.slug for n in names.named_conditions(session, plain) if start <= n.start < end}
    outside = [c for c in types if c not in inside]
    if len(outside) != 1:
        return None
    named = outside[0]
    ends = [n.start + len(n.matched.split()) for n in names.named_conditions(session, plain) if n.slug == named]
    if start not in ends:
        # Only a description right after the name is said of it ("PLS, the spinal muscle one"); "PBP, that's
        # the one that starts in the hands, isn't it?" asks whether it is, which its answer tells.
        return None
    owners = {names.name_words(session).get(w) for w in match.group(0).split()} - {None}
    if len(types) == 2 or owners:
        other = (set(types) - {named}) | owners
        return (named, other.pop()) if len(other) == 1 and named not in other else None
    asked = across.attribute_question(session, match.group(0), require_across=False, specific_first=True)
    own = across.values_of(session, named).get(asked.attribute, set()) if asked is not None else set()
    if asked is None or not own or own & set(asked.values):
        return None  # nothing said of it there, or the description fits it
    fitting = [f.condition for f in across.conditions_with(session, asked)]
    return (named, fitting[0]) if len(fitting) == 1 and fitting[0] != named else None


def describing(text: str) -> str:
    """``text`` without the phrase that describes a condition ("the brainstem one, is it inherited?")."""
    return " ".join(DESCRIBED.sub(" ", normalise(text)).split())


def aside_to_the_types(text: str, description: str) -> bool:
    """Whether a description is said beside a question about which types there are, not asked about ("her husband
    has the bulbar kind and his brother the one that starts in the hands. What kinds are there?")."""
    asking = normalise(question_part(text))
    return bool(TYPES_ASKED.search(asking)) and description not in asking


def describes(text: str | None) -> bool:
    """Whether ``text`` describes a condition ("the one from polio, what is it", "the brainstem one")."""
    return bool(text) and describing(text) != normalise(text)  # type: ignore[arg-type]


# "The progressive one" may mean PBP or PMA: offered as choices when no more than this many names share it.
MAX_NAME_CHOICES = 3


def described(session: Session, question: Question, state: State, listed: list[str]) -> Targets | None:
    """ "the one that affects babies", "the legs one": a type picked by what the documents say of it.

    Only the words of the description count ("the legs one, does it reach the arms?" is about the
    legs); the most telling kind of description is tried first, among the listed types, then the
    ones talked about, then all of them.
    """
    if not question.text:
        return None
    match = DESCRIBED.search(normalise(question.text))
    if not match:
        return None
    description = match.group(0)
    if aside_to_the_types(question.text, description):
        return None
    after = normalise(question.text)[match.end() :]
    if description.endswith(("that", "which", "who", "thats")) and _NOT_CLAUSE.match(after):
        return None  # "what causes the ones that aren't inherited": not a type picked by what it is
    pointing = ("the one", "the 1 ", "that one", "the type", "the kind", "the condition", "the disease")
    if match.group(0).startswith(pointing) or (
        _RELATIVE_CLAUSE.match(after)  # "the slow one that only affects the upper neurones"
    ):
        description = normalise(question.text)[match.start() :]
    asked = across.attribute_question(session, description, require_across=False, specific_first=True)
    if asked is None:
        # "The spinal one", "back to the bulbar one": a word of one type's own name.
        owners = {names.name_words(session).get(w) for w in match.group(0).split()} - {None}
        if len(owners) == 1:
            return Targets([str(owners.pop())], via="described", asked=describing(question.text))
        # "The muscular atrophy one": words that two types' names share (PMA and SMA): ask which.
        table = names.name_word_owners(session)
        shared = [table[w] for w in match.group(0).split() if w in table]
        both = frozenset.intersection(*shared) if shared and not owners else frozenset()
        if 2 <= len(both) <= MAX_NAME_CHOICES:
            # ("where does the lateral sclerosis one start" after talking about PLS and PMA: PLS, not ALS)
            talked = [c for c in both if c in state.history]
            if len(talked) == 1:
                return Targets(talked, via="described", asked=describing(question.text))
            order = [c.slug for c in queries.conditions(session)]
            return Targets(choices=sorted(both, key=order.index), via="described")
        return None
    # What is asked besides the description: after the comma that closes it ("the one that affects
    # babies, what causes it"), else the message without the pointing words.
    rest = describing(question.text)
    if match.group(0).startswith(("the one", "that one", "the type", "the kind")):
        text = question.text
        closing = (c for c in _CLOSES.finditer(text) if match.group(0) in normalise(text[: c.start()]))
        after = next((normalise(text[c.end() :]) for c in closing), "")
        rest = after or rest
    everywhere = across.conditions_with(session, asked)
    defined_by = [f.condition for f in everywhere if _defines(f)]
    for pool in (listed or None, state.history or None, None):
        found = across.conditions_with(session, asked, among=pool)
        if pool and len(defined_by) == 1 and found and not any(map(_defines, found)):
            # ("which one starts in the legs?" (PLS), then "the one that messes up swallowing and talking": PBP,
            # which is defined by it, though PLS gets there last of all)
            return Targets(defined_by, via="described", topic=asked.topic, asked=rest)
        # "The one that mostly hits younger men": one type has every value the description names.
        every = [f.condition for f in found if set(asked.values) <= set(f.values)]
        matches = every if len(asked.values) > 1 and len(every) == 1 else [f.condition for f in found]
        if len(matches) == 1:
            return Targets(matches, via="described", topic=asked.topic, asked=rest)
        # (the same among the types asked about: the one defined by what describes it)
        defining = [f.condition for f in found if f.condition in matches and _defines(f)]
        if len(matches) > 1 and len(defining) == 1:
            return Targets(defining, via="described", topic=asked.topic, asked=rest)
        if len(matches) > 1:
            return Targets(choices=matches, via="described", topic=asked.topic, asked=rest)
    return None


def _defines(found: Found) -> bool:
    """Whether the fact that states the value is the type's definition (what the type is known for)."""
    return found.fact.id.split(".")[1] == "definition"


# "not spinal": a word of a name said not to be the one meant.
_NOT_WORD = re.compile(r"\bnot (?:the )?(\w+)")


def choice_by_name_words(session: Session, text: str, choices: list[str]) -> str | None:
    """The one of the choices just offered that a reply names by words of its names only ("progressive i
    think, not spinal" between PMA and SMA: PMA), or None."""
    plain = normalise(text)
    refused = set(_NOT_WORD.findall(plain))
    said = set(plain.split()) - refused
    words: dict[str, set[str]] = {}
    for slug in choices:
        cond = queries.condition(session, slug)
        if cond is None:
            return None
        spelled = [cond.name, cond.short_name, *(a.normal for a in cond.aliases)]
        words[slug] = {w for name in spelled for w in normalise(name).split() if len(w) > 2}
    picked = []
    for slug in choices:
        own = words[slug] - set().union(*(words[c] for c in choices if c != slug))
        if own & refused:
            continue
        if own & said:
            picked.append(slug)
    return picked[0] if len(picked) == 1 else None
