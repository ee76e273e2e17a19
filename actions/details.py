"""A detail about one type that its material does not state: "does PBP spread to the arms and legs?", "can he
pass Kennedy's disease on to our daughters?".

The documents say which parts of the body some types affect and where they start (the attributes in
data/facts/conditions.yml, each with the fact that says so). When a question about one of those types
names a part or symptom that is not among them, the honest answer is that the material does not link
the two, followed by what it does say, rather than the type's symptoms as if they answered it.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.facts import across, queries
from bot.facts.across_values import Found
from bot.facts.models import Fact
from bot.facts.text import normalise


def unstated_detail(session: Session, slug: str, asked: str, said: str = "") -> list[str] | None:
    """The body parts or symptoms asked about that the material never states for ``slug``, when it states
    none of them for a type whose parts and symptoms it lists, or (for a type it lists none for) when the
    facts chosen for the answer (``said``) use none of their words either; None otherwise.

    Where a type starts is not handled here: "does PMA start in the legs?" is answered by the fact that
    says where it does start (the hands).
    """
    if not asked:
        return None
    question = across.attribute_question(session, asked, require_across=False)
    if question is None or question.attribute not in ("affects", "mostly_affects", "signs"):
        return None
    # ("she's a woman though, can women even get it?" of Kennedy's disease, which the material describes in males)
    known = across.values_of(session, slug).get(question.attribute, set())
    missing = [phrase for value, phrase in zip(question.values, question.phrases, strict=True) if value not in known]
    if not missing:
        return None
    if len(missing) < len(question.values):
        # ("can adults get it or only kids?" of SMA, "does it affect speech and the legs?" of PBP: one is stated,
        # the other never is)
        return [_thing(phrase) for phrase in missing]
    # ("is twitching one of them?" of ALS, whose facts never mention twitching: not linked; "how does SMA affect
    # the body?" names no part, only a word that may stand for one)
    named_itself = _said_any(session, question, asked)
    # ("is ALS more common in men?": whom it mostly affects, stated for PMA and Kennedy's disease, never for ALS)
    unlisted = question.attribute not in ("affects", "mostly_affects") or not said or not named_itself
    if not known and (unlisted or _said_any(session, question, said)):
        return None
    if slug == "mnd" and _said_any(session, question, " ".join(f.answer for f in queries.facts_of(session, slug))):
        # ("going back to the swallowing thing…": MND's own facts name the muscles used to swallow, whichever were
        # chosen for this answer)
        return None
    return [_thing(phrase) for phrase in question.phrases]


# Words that would give a reason in a fact ("linked to a gene", "caused by changes in…").
_REASON = re.compile(r"\b(?:because|caused|causes|cause|linked|tied|due|gene|genes|genetic|chromosome|since)\b")


def unstated_reason(session: Session, slug: str, asked: str, said: str) -> bool:
    """Whether ``asked`` asks why the type ``slug`` mostly affects whom it does ("why is it mostly blokes that get
    PMA?") while the facts chosen (``said``) state only that it does, giving no reason."""
    question = across.attribute_question(session, asked, require_across=False)
    if question is None or question.attribute != "mostly_affects":
        return False
    known = across.values_of(session, slug).get("mostly_affects", set())
    return any(value in known for value in question.values) and not _REASON.search(said.lower())


def _said_any(session: Session, question: across.AttributeQuestion, said: str) -> bool:
    """Whether ``said`` names any part or symptom asked about ("twitching", "the legs"), word for word after
    stemming."""
    from bot.facts.words import STOP_WORDS, stem

    words = {stem(w) for w in normalise(said).split()}
    things = [[stem(w) for w in normalise(_thing(p)).split() if w not in STOP_WORDS] for p in question.phrases]
    return any(thing and all(w in words for w in thing) for thing in things)


def _thing(phrase: str) -> str:
    """The part or symptom a value's phrase names: "affect the legs" -> "the legs", "can cause pain" -> "pain"."""
    for verb in ("mostly affect ", "affect ", "can cause ", "make "):
        if phrase.startswith(verb):
            return phrase[len(verb) :].replace(" hard to bear", "")
    return phrase


def joined(things: list[str]) -> str:
    return things[0] if len(things) == 1 else ", ".join(things[:-1]) + " or " + things[-1]


# Inheritance details the material never gives, and the words that would show it does say them: "can he
# pass it on to our daughters?", "is it from the mum's side?", "how can she have it if neither of us does?".
# Each: (response naming the detail, pattern that asks it, words in a fact that would say it).
_INHERITANCE_DETAILS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        "utter_unsaid_healthy_parents",
        re.compile(
            r"\b(?:neither of us|neither parent|both (?:of us|parents) (?:are|were|is) (?:perfectly |completely )?"
            r"(?:healthy|fine|well|ok)|neither (?:me|i) (?:or|nor) (?:her|his|my|the) \w+ (?:has|have|had)|"
            r"(?:we|parents|i) (?:dont|do not|never) (?:have|had) it)\b"
        ),
        ("parents", "carrier"),
    ),
    ("utter_unsaid_carrier", re.compile(r"\bcarriers?\b|\bcarry(?:ing)? (?:it|the gene)\b"), ("carrier", "carry")),
    (
        "utter_unsaid_side",
        re.compile(
            r"\b(?:mums?|mothers?|moms?|mams?|dads?|fathers?) side\b"
            r"|\bfrom (?:the|his|her|my|our) (?:mum|mother|mom|dad|father)\b"
            r"|\bonly (?:from|through) (?:the )?(?:mums?|mothers?|moms?|dads?|fathers?)\b"
        ),
        ("mother", "father", "parent"),
    ),
    ("utter_unsaid_generations", re.compile(r"\bskips? (?:a |the )?generations?\b"), ("generation",)),
    ("utter_unsaid_dominance", re.compile(r"\b(?:dominant|recessive)\b"), ("dominant", "recessive")),
    (
        "utter_unsaid_chances",
        re.compile(
            # ("we want kids. chances they get it?": any chance or odds asked is a figure the material never gives)
            r"\b(?:chances?|odds|how likely|likelihood|probability|percent(?:age)?|50 50|1 in \d)\b"
        ),
        ("chance", "percent", "likely"),
    ),
    (
        "utter_unsaid_children",
        re.compile(
            r"\b(?:pass|passed|passing|give|given|hand|handed)\b(?: \w+){0,3} (?:on )?(?:to|onto) "
            r"(?:my |our |his |her |their |the )?(?:kids|children|child|daughters?|sons?|grandchildren|grandkids|girls|"
            r"boys)\b"
            # "what about my sons?" after whether it is inherited
            r"|^(?:and |so |but )?(?:what about|how about|and) (?:my |our |his |her |their |the )?(?:sons?|daughters?|"
            r"kids|children|boys|girls|grandchildren|grandkids)\b"
            # "could she pass it on to him?", "have kids one day without passing it on"
            r"|\b(?:pass|passing|passes) (?:it|this|that|the gene) on(?: to (?:him|her|them))?\b"
            # "my own kids could get it", "will our children get SMA?", "are the girls at risk of getting it?"
            r"|\b(?:kids|children|child|daughters?|sons?|grandchildren|grandkids|girls|boys|baby|babies)\b(?: \w+)?"
            r" (?:could|would|will|might|may|can|get|gets|getting|at risk|have it|inherit)\b"
            r"|\b(?:could|would|will|might|can|are|is) (?:my |our |his |her |their |the )?(?:own )?"
            r"(?:kids|children|child|daughters?|sons?|grandchildren|grandkids|girls|boys|baby) "
            r"(?:get|have|inherit|develop|be at risk|at risk)\b"
        ),
        ("daughter", "son", "children", "child", "family", "passed down"),
    ),
)


def unstated_inheritance(asked: str, said: str) -> str | None:
    """The response naming an inheritance detail ``asked`` about that the facts' text ``said`` never gives
    ("can he pass it on to our daughters?" against "linked to a gene on the X chromosome"), or None."""
    plain, told = normalise(asked), said.lower()
    for response, pattern, telling in _INHERITANCE_DETAILS:
        if pattern.search(plain) and not any(word in told for word in telling):
            return response
    return None


def what_is_unsaid(
    session: Session, slug: str, topic: str, asked: str, whom: str, said: str, why: bool
) -> tuple[str, dict[str, str], list[Fact]] | None:
    """The response (its values, and the facts it rests on besides those chosen) saying what the question asks
    that the facts chosen (``said``) never give, or None: a part or symptom not linked to the type, why it
    mostly affects whom it does, an inheritance detail. ``whom``: the question with the sentence before it when
    it says who "they" are."""
    if topic in ("symptoms", "risk_factors"):
        things = unstated_detail(session, slug, whom, said)
        if why and topic == "risk_factors" and unstated_reason(session, slug, asked, said):
            return "utter_not_why", {}, []
        types = _types_stating(session, slug, whom) if things is not None else []
        if things is not None and types:
            # "is twitching a symptom?" of MND: not said of MND in general, but of post-polio syndrome
            names = [queries.condition(session, f.condition) for f in types]
            told = joined([n.short_name for n in names if n is not None]).replace(" or ", " and ")
            return "utter_not_linked_but_types", {"things": joined(things), "types": told}, [f.fact for f in types]
        if things is not None:
            return "utter_not_linked", {"things": joined(things)}, []
    unsaid = unstated_inheritance(asked, said) if topic == "inheritance" else None
    return (unsaid, {}, []) if unsaid is not None else None


def _types_stating(session: Session, slug: str, asked: str) -> list[Found]:
    """For MND in general, the types whose own facts state the part or symptom ``asked`` about."""
    question = across.attribute_question(session, asked, require_across=False) if slug == "mnd" else None
    if question is None or question.attribute not in ("affects", "mostly_affects", "signs"):
        return []
    return [f for f in across.conditions_with(session, question) if f.condition not in ("mnd", "motor_neuron")]
