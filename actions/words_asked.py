"""A word of the glossary asked about as such: "what is muscle wasting?", "riluzole. what", "the 2nd drug,
what is it?"; and why a word just explained happens ("why has he got that?"). The rest of a message's
reading is in actions/first.py."""

from __future__ import annotations

import re
from dataclasses import replace

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import topic_reply
from actions.conversation import State
from actions.pointing import mentions_in
from actions.replies import send_reply
from actions.understanding import Question
from bot.facts import names, queries
from bot.facts.models import GlossaryTerm
from bot.facts.text import normalise
from bot.facts.vocab import TOPICS
from bot.facts.words import question_part, stem

# Words that may trail "what's that": "exactly", "when it's at home".
_TRAILING = r"(?: (?:exactly|actually|then|again|please|anyway|when its at home))*"
MEANING = re.compile(
    # ("what does that mean for my muscles?" asks what follows, not what a word means)
    r"\b(?:mean|means)\b(?! for (?:my|his|her|their|our|me|him|us|them|you|the)\b)"
    r"|\b(?:meaning|define|definition|stand for|stands for)\b"
    rf"|\bwhat(?:s| is| are)? (?:that|this|it|they|those){_TRAILING}\s*\??\s*$"
    rf"|\bwhat(?:s| is) (?:a|an|the) \w+{_TRAILING}\s*\??\s*$"
    r"|['\"‘“]\w[\w ]*['\"’”]"
)
# What a thing is for, or whether it works: "what's it actually meant to do", "what is riluzole used for",
# "does it help?" (of a medicine: its treatment facts, not the word's gloss).
WHAT_FOR = re.compile(
    r"\b(?:meant to|supposed to) do\b|\bused for\b|\bwhat (?:is|s|are) (?:it|that|this|they|\w+) for\b"
    r"|\bwhat (?:does|do|will|would|did) (?:it|that|this|they|\w+)(?: \w+)? do\b"
    r"|\b(?:does|do|will|would) (?:it|that|this|they|\w+) (?:actually |really |even )?(?:work|help)\b"
)


def for_what_it_does(session: Session, asked: str, term: str | None) -> bool:
    """Whether ``asked`` (normalised) asks what a treatment ``term`` is for or whether it works, which its treatment
    facts answer better than the word's gloss ("what's riluzole meant to do", "does edaravone help?")."""
    return term is not None and bool(WHAT_FOR.search(asked)) and term in queries.terms_in_section(session, "treatment")


# "... I meant PMA. What is it?": "it" is the condition just named.
WHAT_IS_IT = re.compile(rf"\bwhat(?:s| is) (?:it|that|this){_TRAILING}\s*\??\s*$")


# "What is X?", "what does X mean?" with nothing else: X may be a glossary word.
_WHAT_IS = re.compile(
    r"^(?:so |and |ok |but )?(?:what is|whats|what are|what does|what do|define|meaning of) "
    r"(?:a |an |the )?(?P<rest>.+?)(?: mean| means| exactly)?$"
)
_CLAUSE = re.compile(r"[.?!,;:\n]+")

# "Why has he got that?", "what causes it?" right after a word was explained: why that happens.
WHY_THAT = re.compile(
    r"\b(?:why|how come|what causes|what makes|whats causing|what is causing|cause of)\b.{0,30}"
    r"\b(?:that|it|this|those|them|these)\b"
)


def why_the_word(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State
) -> list[EventType] | None:
    """The answer, on the explained word's own topic, ranked with the word as part of the question."""
    entry = session.get(GlossaryTerm, state.defined)
    if entry is None or entry.section not in TOPICS:
        return None
    with_word = replace(question, text=f"{entry.term} {question.text}", pronoun_singular=False)
    focus = question.named[0] if question.named else state.focus if state.focus != "motor_neuron" else None
    reply = topic_reply(session, domain, with_word, focus, topic=entry.section)
    if reply is None or not reply.facts or reply.kind != "answer":
        return None
    return send_reply(session, dispatcher, domain, reply, state)


# Words that say an ordinal points at a word of the last answer, not a listed type: "the 2nd drug".
_TERM_KIND = re.compile(r"\b(?:drugs?|medicines?|medications?|meds|words?|terms?|names?|tablets?|pills?)\b")


def term_pointed_at(session: Session, question: Question, state: State) -> str | None:
    """ "The 2nd drug, what is it?", "first one?" after "riluzole and edaravone…": that word of the
    last answer, when the ordinal points at its words rather than at listed types."""

    places = [int(m) for m in mentions_in(question) if m.lstrip("-").isdigit()]
    if not places or len(state.terms) < 2 or question.named:
        return None
    if not _TERM_KIND.search(normalise(question.text)) and (state.listed or len(normalise(question.text).split()) > 3):
        return None  # "the first one - does he need help with eating?" asks about a type
    # In the order the last answer says them ("riluzole and edaravone"), not the slot's order.
    said = " ".join(f.answer for f in queries.facts_by_id(session, state.last_facts)).lower()
    terms = sorted(state.terms, key=lambda t: (said.find(t.lower()) if t.lower() in said else len(said), t))
    index = places[0]
    return terms[index] if -len(terms) <= index < len(terms) else None


# Who says the word, after it: "…they keep on about", "…the nurse mentioned", "…that was on his letter".
_SAID_BY = re.compile(
    r" (?:that |which )?(?:they|he|she|you|we|people|everyone|the (?:doctors?|nurses?|hospital|consultant|"
    r"specialist|gp|neuro\w*|team|physio)|(?:was|is) (?:on|in) (?:the|his|her|my) \w+)\b.*$"
)
# A word said as a thing ("the SMN1 thing", "the androgen stuff"): the word.
_FILLER = re.compile(r"(?<=\w) (?:thing|things|stuff|business|bit|word|term)(?= |$)")
# A word, then only asking what it is: "riluzole. what", "fasciculations?? meaning", "SMN protein - what's that".
_THEN_WHAT = re.compile(
    r"^(?P<word>[a-z0-9 ]+?) (?:what|what is (?:it|that)|whats (?:it|that)|what does (?:it|that) mean|meaning|means)$"
)
# A message that opens with a word and a dash or colon: "gastrostomy tube - …", "Riluzole: …".
_LEADS_WITH_WORD = re.compile(r"^[\w' ]{3,40}(?: - |: )")
_LEADING_WORD = re.compile(r"^[a-z0-9 ]+$")


# "Whats this protein they keep going on about?": a word of the glossary named by its last word alone.
_THIS_WORD = re.compile(r"^(?:this|that|the|these|those) (?P<word>[a-z0-9]+)$")


def term_by_its_head(session: Session, text: str, focus: str | None) -> str | None:
    """The one glossary word of the condition in focus that ends in the word asked about ("this protein"
    with SMA in focus: SMN protein), or None."""
    if not focus:
        return None
    for clause in _CLAUSE.split(text):
        exact = _WHAT_IS.match(normalise(clause))
        if exact is None:
            continue
        rest = _FILLER.sub("", exact.group("rest"))
        said = _SAID_BY.search(rest)
        head = _THIS_WORD.match((rest[: said.start()] if said else rest).strip())
        if head is None:
            continue
        word = stem(head.group("word"))
        ending = [t for t in queries.terms_of_condition(session, focus) if stem(t.lower().split()[-1]) == word]
        if len(ending) == 1:
            return ending[0]
    return None


# How it should be said, after the word: "again", "in simple words", "in plain english please".
_PLAINLY = re.compile(
    r"(?: again| once more| in (?:simple|plain|easy|normal|layman s|laymans|everyday) (?:words|terms|english|language)"
    r"| simply| please| pls| for me| for a beginner| for a kid)+$"
)
# A glossary word alone after a word was explained: "and fasciculations?", "what about atrophy then".
_AND_THE_WORD = re.compile(
    r"^(?:ok |okay |so |and |also |what about |how about |now )*(?P<word>[a-z0-9 ]+?)(?: then| too| as well)?$"
)


def next_word(session: Session, text: str, state: State) -> str | None:
    """The glossary word a message names alone right after a word was explained ("and fasciculations?" after
    atrophy), or None."""
    if not state.defined:
        return None
    alone = _AND_THE_WORD.match(normalise(text))
    return names.whole_term(session, alone.group("word")) if alone else None


def word_asked(session: Session, text: str) -> str | None:
    """The glossary word a clause asks about as such ("what is muscle wasting?", "quick one, whats
    hyperreflexia, it's in the notes", "what is front oh temporal dementia"), when that clause names no
    condition: the whole of what is asked must be the word (or one of its other names, typos allowed)."""
    for clause in _CLAUSE.split(text):
        plain = normalise(clause)
        exact = _WHAT_IS.match(plain)
        if exact is None or set(names.find_conditions(session, plain)) - {"motor_neuron"}:
            continue
        rest = _FILLER.sub("", exact.group("rest"))  # "whats the SMN1 thing the doctor keeps saying"
        rest = _PLAINLY.sub("", rest)  # "whats a lower motor neuron again in simple words"
        said = _SAID_BY.search(rest)  # "whats the SMN protein they keep on about": the word, not who says it
        key = names.whole_term(session, rest) or (names.whole_term(session, rest[: said.start()]) if said else None)
        if key is not None:
            return key
    # "riluzole. what", "hyperreflexia - meaning?": a word, then only asking what it is.
    asked_alone = _THEN_WHAT.match(normalise(text))
    if asked_alone and names.whole_term(session, asked_alone.group("word")):
        return names.whole_term(session, asked_alone.group("word"))
    # "gastrostomy tube - the PBP lady may need one. what is it": a word first, then what "it" is.
    head = _LEADING_WORD.match(normalise(text.split(" - ")[0].split(":")[0])) if _LEADS_WITH_WORD.search(text) else None
    if head and WHAT_IS_IT.search(normalise(question_part(text))):
        return names.whole_term(session, head.group(0))
    return None
