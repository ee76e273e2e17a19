"""Which types have which attribute values, and the fact that says so, as the documents state them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts import queries
from bot.facts.builds import per_build
from bot.facts.models import ConditionAttribute, Fact

if TYPE_CHECKING:
    from bot.facts.across import AttributeQuestion


@dataclass(frozen=True)
class Found:
    """A type that has a value asked about, and the fact that says so."""

    condition: str
    values: tuple[str, ...]
    fact: Fact
    # The general facts that tie the values to what ``fact`` states (PLS affects the upper motor neurons; losing
    # their signals can make muscles stiff), in the order stated; none when ``fact`` says it itself.
    via: tuple[Fact, ...] = ()


def having(session: Session, attribute: str, values: list[str], among: list[str]) -> set[str]:
    """Which of ``among`` have any of ``values`` for ``attribute``."""
    return {slug for a, value, slug, _ in _stated(session) if a == attribute and value in values and slug in among}


def _stated(session: Session) -> tuple[tuple[str, str, str, str], ...]:
    """Every (attribute, value, condition, fact id) the documents state, in document order: read once
    per store build, so a question across types runs no SQL."""
    return per_build(session, "attribute rows", _read_stated)


def _read_stated(session: Session) -> tuple[tuple[str, str, str, str], ...]:
    stmt = select(
        ConditionAttribute.attribute,
        ConditionAttribute.value,
        ConditionAttribute.condition_slug,
        ConditionAttribute.fact_id,
    ).order_by(ConditionAttribute.position)
    return tuple((a, v, c, f) for a, v, c, f in session.execute(stmt))


def _via(session: Session) -> dict[tuple[str, str, str], str]:
    """The general fact each (attribute, value, condition) holds through, where it does: read once per build."""
    return per_build(session, "attribute via", _read_via)


def _read_via(session: Session) -> dict[tuple[str, str, str], str]:
    stmt = select(
        ConditionAttribute.attribute,
        ConditionAttribute.value,
        ConditionAttribute.condition_slug,
        ConditionAttribute.via_fact_id,
    ).where(ConditionAttribute.via_fact_id.is_not(None))
    return {(a, v, c): str(f) for a, v, c, f in session.execute(stmt)}


def conditions_with(session: Session, question: AttributeQuestion, among: list[str] | None = None) -> list[Found]:
    """The types with any of the values asked (only those ``among``, if given), in document order.

    For which motor neurons a type affects, "lower" without "only" also finds the types that
    affect both kinds.
    """
    values = set(question.values)
    if question.attribute == "neurons" and not question.only and values & {"upper", "lower"}:
        values.add("both")
    by_condition: dict[str, list[str]] = {}
    fact_ids: dict[str, str] = {}
    for attribute, value, slug, fact_id in _stated(session):
        if attribute != question.attribute or (values and value not in values):
            continue  # no values: every type the attribute names anything for
        if among is not None and slug not in among:
            continue
        by_condition.setdefault(slug, []).append(value)
        fact_ids.setdefault(slug, fact_id)
    via = _via(session)
    via_ids = {
        slug: list(dict.fromkeys(via[key] for v in vals if (key := (question.attribute, v, slug)) in via))
        for slug, vals in by_condition.items()
    }
    wanted = [*fact_ids.values(), *(i for ids in via_ids.values() for i in ids)]
    facts = {f.id: f for f in queries.facts_by_id(session, wanted)}
    return [
        Found(slug, tuple(vals), facts[fact_ids[slug]], tuple(facts[i] for i in via_ids[slug]))
        for slug, vals in by_condition.items()
    ]


def values_of(session: Session, condition: str) -> dict[str, set[str]]:
    """Every attribute value the documents state for one condition."""
    found: dict[str, set[str]] = {}
    for attribute, value, slug, _ in _stated(session):
        if slug == condition:
            found.setdefault(attribute, set()).add(value)
    return found
