"""The questions the widget suggests while a person types, built once from the fact store.

Two kinds, both worded by people and both answered by the store (nothing new is said):

* each topic's question (topics.yml, ``question``) for each condition that has facts of its own on
  that topic ("What are the symptoms of ALS?"), with the condition's names as extra words to match
  ("lou gehrig" finds the ALS questions);
* the facts' example questions (``asks``) that are worded as questions, written out as a person
  would see them: first letter capitalised, names as the store writes them ("als" -> "ALS"), a
  question mark.

The list is written as JSON (``python -m bot.facts export-suggestions``, part of ``make facts``) and
served with the widget, which filters it in the browser: no server work per keystroke.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.models import Condition, ConditionAlias, Example, Fact, Topic

# How an example question must start to be offered (statements such as "mnd explained simply" are not).
QUESTION_START = re.compile(
    r"^(what|what's|how|is|are|can|could|does|do|did|will|would|should|which|who|whose|why|when|where|at what)\b"
)


def _capitals(session: Session) -> dict[str, str]:
    """Words the store writes with capitals in names, lower-cased -> as written ("als" -> "ALS").

    Kept: abbreviations ("ALS"), possessives of names ("Kennedy's") and capitalised words of names
    that are proper nouns ("Lou Gehrig's disease"); not the first word of a name merely written in
    sentence case ("Progressive bulbar palsy").
    """
    names = [n for (n,) in session.execute(select(Condition.short_name))]
    names += [n for (n,) in session.execute(select(Condition.name))]
    aliases = session.execute(select(ConditionAlias.text).where(ConditionAlias.recognition_only.is_(False)))
    names += [t for (t,) in aliases]
    found: dict[str, str] = {}
    for name in names:
        words = re.findall(r"[\w']+", name)
        capitalised = [i for i, w in enumerate(words) if w[:1].isupper()]
        for i in capitalised:
            word = words[i]
            if (len(word) > 1 and word.isupper()) or "'" in word or i > 0 or len(capitalised) > 1:
                found.setdefault(word.lower(), word)
    return found


def _written_out(question: str, capitals: dict[str, str]) -> str | None:
    """An example question as a person would see it, or None if it is not worded as a question."""
    text = " ".join(question.split()).rstrip(" ?.")
    if not QUESTION_START.match(text.lower()):
        return None
    text = re.sub(r"[\w']+", lambda m: capitals.get(m.group(0).lower(), m.group(0)), text)
    text = re.sub(r"\bi(?=\b|')", "I", text)
    return text[0].upper() + text[1:] + "?"


def suggestions(session: Session) -> list[dict[str, Any]]:
    """The list served to the widget, topic questions first.

    Each entry: ``q`` the question, ``k`` extra words to match; topic questions also have ``c`` and
    ``t``, the condition and topic slugs (the widget's "Other topics" offers a condition's others).
    """
    conditions = list(session.scalars(select(Condition).order_by(Condition.position)))
    topics = list(session.scalars(select(Topic).order_by(Topic.position)))
    covered = set(session.execute(select(Fact.condition_slug, Fact.topic_slug).distinct()).tuples())
    aliases: dict[str, set[str]] = {}
    for slug, text, recognition_only in session.execute(
        select(ConditionAlias.condition_slug, ConditionAlias.text, ConditionAlias.recognition_only)
    ):
        if not recognition_only:
            aliases.setdefault(slug, set()).add(text.lower())
    found: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(question: str, keywords: set[str], **about: str) -> None:
        key = question.lower()
        if key not in seen:
            seen.add(key)
            found.append({"q": question, "k": " ".join(sorted(keywords - {""})), **about})

    for topic in topics:
        for cond in conditions:
            if (cond.slug, topic.slug) in covered:
                names = {cond.name.lower(), cond.short_name.lower(), *aliases.get(cond.slug, set())}
                question = topic.question.replace("{name}", cond.short_name)
                add(question, names | {topic.label.lower()}, c=cond.slug, t=topic.slug)
    capitals = _capitals(session)
    for (text,) in session.execute(select(Example.text).order_by(Example.id)):
        question = _written_out(text, capitals)
        if question:
            add(question, set())
    return found
