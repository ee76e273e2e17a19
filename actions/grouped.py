"""One reply for a question about several types at once: "both of them, what's the gene?".

Each type's own answer comes in the order the types were named; the types that have nothing on the
topic share one line saying so, followed once by what the material says in general. The reply is
about the group (condition ``mnd``) and lists the types it covers (payload ``conditions``).
"""

from __future__ import annotations

from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import Reply, short_name, topic_label
from actions.listing import naming
from actions.wording import say
from bot.facts.models import Fact


def grouped_reply(session: Session, domain: DomainDict, replies: list[Reply], group: str = "mnd") -> Reply:
    """``replies`` (one per type, same question) as one message about ``group``."""
    parts: list[str] = []
    facts: list[Fact] = []
    seen: set[str] = set()

    def add(reply_parts: list[str], reply_facts: list[Fact]) -> None:
        repeated = {f.answer for f in reply_facts if f.id in seen}
        parts.extend(p for p in reply_parts if p not in repeated)
        for fact in reply_facts:
            if fact.id not in seen:
                seen.add(fact.id)
                facts.append(fact)

    own = [r for r in replies if not r.general_instead]
    general = [r for r in replies if r.general_instead]
    for reply in own:
        reply_parts = list(reply.parts)
        if reply.condition and reply_parts and reply.kind == "answer":
            # "Their hands and feet may hurt": in a group, a fact that does not name its type is led by it.
            named = naming(session, reply.condition, " ".join(reply_parts))
            if named != " ".join(reply_parts):
                reply_parts[0] = naming(session, reply.condition, reply_parts[0])
        add(reply_parts, reply.facts)
    if general:
        first = general[0]
        lead = say(
            domain,
            "utter_fallback_to_parent",
            name=" or ".join(short_name(session, r.condition) for r in general),
            parent_name=short_name(session, first.answered_for or group),
            topic_label=topic_label(session, first.topic or "definition"),
        )
        add([lead] + [f.answer for f in first.facts], first.facts)
    kind = "answer" if any(r.kind == "answer" for r in replies) else "not_covered"
    conditions = [r.condition for r in replies if r.condition]
    merged = Reply(kind, group, replies[0].topic, parts, facts, conditions=conditions, listed=conditions)
    merged.gaps = [g for r in replies for g in r.gaps]
    merged.more = [m for r in own for m in r.more]
    return merged

