"""Which facts and glossary terms people's questions can reach, and where the store cites missing sections.

Used by the data check (tests/unit/test_data_check.py). A question "reaches" a fact when the bot's own
answer composer (actions/compose.py) puts the fact in its reply, with the conditions the question
names (read as the bot reads them) and the topic its intent stands for. The questions tried are the
training questions of every topic intent (data/nlu) and every example question of a fact or gap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.compose import topic_reply
from actions.glossary import term_for
from actions.understanding import Question
from bot.facts import names
from bot.facts.models import Example, Fact, GlossaryTerm, Section, TermAlias, fact_term
from bot.facts.text import normalise
from bot.facts.vocab import TOPICS

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"


@dataclass(frozen=True)
class Asked:
    """One question as the data check tries it: its text and the topic its intent (or fact) gives."""

    text: str
    topic: str | None  # None: not a topic intent (e.g. ask_term)
    intent: str


def training_questions(nlu_dir: Path = NLU_DIR) -> list[Asked]:
    """Every training question of data/nlu with its intent (topic intents are ``ask_<topic>``)."""
    found = []
    for path in sorted(nlu_dir.rglob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            intent = block.get("intent")
            if not intent:
                continue
            topic = intent.removeprefix("ask_")
            for line in str(block.get("examples") or "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    found.append(Asked(text, topic if topic in TOPICS else None, intent))
    return found


def example_questions(session: Session) -> list[Asked]:
    """Every example question of a fact or gap in the store, under the topic it was written for."""
    rows = session.execute(select(Example.text, Example.topic_slug).order_by(Example.id))
    return [Asked(text, topic, f"ask_{topic}") for text, topic in rows]


def facts_reached(session: Session, domain: dict[str, Any], asked: Asked) -> set[str]:
    """The ids of the facts the bot's answer to ``asked`` gives (none if it names two conditions)."""
    if asked.topic is None:
        return set()
    named = names.conditions_in(session, entities=[], text=asked.text)
    if len(named) > 1:
        return set()  # a comparison: answered by other means (actions/compare.py)
    question = Question(
        text=asked.text,
        intent=asked.intent,
        topic_weights={asked.topic: 1.0},
        named=named,
        negated=[],
        recognised_only=[],
    )
    reply = topic_reply(session, domain, question, named[0] if named else None)
    return {f.id for f in reply.facts} if reply is not None else set()


def unreached_facts(session: Session, domain: dict[str, Any], questions: Iterable[Asked]) -> list[str]:
    """Ids of the facts that none of ``questions`` reaches, in store order."""
    waiting = set(session.scalars(select(Fact.id)))
    for asked in questions:
        if not waiting:
            break
        waiting -= facts_reached(session, domain, asked)
    return [fid for fid in session.scalars(select(Fact.id).order_by(Fact.position)) if fid in waiting]


def _names_of_terms(session: Session) -> Iterator[tuple[str, re.Pattern[str]]]:
    for term, alias in session.execute(select(TermAlias.term, TermAlias.normal)):
        yield term, re.compile(rf"\b{re.escape(alias)}\b")


def unreachable_terms(session: Session, questions: Iterable[Asked]) -> list[str]:
    """Glossary terms that no fact uses and that no question names or describes ("what's it called when...")."""
    waiting = set(session.scalars(select(GlossaryTerm.term)))
    waiting -= set(session.scalars(select(fact_term.c.term)))
    patterns = list(_names_of_terms(session))
    for asked in questions:
        if not waiting:
            break
        text = normalise(asked.text)
        waiting -= {term for term, pattern in patterns if term in waiting and pattern.search(text)}
        described = term_for(session, asked.text)
        if described is not None:
            waiting.discard(described.term)
    return sorted(waiting)


def missing_sections(session: Session) -> list[str]:
    """Facts (and glossary terms) that cite a section their source does not have."""
    known = set(session.execute(select(Section.source_id, Section.slug)).tuples())
    bad = [
        f"fact {fid}: {source}/{section}"
        for fid, source, section in session.execute(select(Fact.id, Fact.source_id, Fact.section))
        if (source, section) not in known
    ]
    bad += [
        f"glossary term {term}: {source}/{section}"
        for term, source, section in session.execute(
            select(GlossaryTerm.term, GlossaryTerm.source_id, GlossaryTerm.section)
        )
        if (source, section) not in known
    ]
    return bad
