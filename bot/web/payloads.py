"""Which messages pass as button payloads ("/intent{"entity": "value"}"): those naming an intent of
domain.yml and, optionally, its entities with string values; any other message starting with "/" is
read as words (see "Button payloads" in bot/web/validation.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"

# Entities only the NLU pipeline sets: a typed "/report_emergency{"emergency": ...}" or a "mention"
# must not steer the dialogue; the bot's buttons never send them.
PIPELINE_ONLY_ENTITIES = frozenset({"mention", "emergency"})


@dataclass(frozen=True)
class Payloads:
    """The intents and entities a "/intent{...}" message may name (those of domain.yml)."""

    intents: Collection[str] = field(default_factory=frozenset)
    entities: Collection[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def domain_payloads(path: Path = DOMAIN) -> Payloads:
    """The intents and entities of the bot's domain, read once."""
    domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def names(key: str) -> frozenset[str]:
        return frozenset(next(iter(item)) if isinstance(item, dict) else str(item) for item in domain.get(key) or [])

    return Payloads(names("intents"), names("entities") - PIPELINE_ONLY_ENTITIES)


# Rasa's own pattern for such messages (YAMLStoryReader._regex_message_pattern), without what it ignores.
_PAYLOAD = re.compile(r"/(?P<intent>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>\{.+\})?")


def _readable_payload(text: str, payloads: Payloads) -> bool:
    match = _PAYLOAD.fullmatch(text)
    if not match or match["confidence"] or match["intent"].strip() not in payloads.intents:
        return False
    if match["entities"] is None:
        return True
    try:
        entities = json.loads(match["entities"])
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(entities, dict)
        and set(entities) <= set(payloads.entities)
        and all(isinstance(value, str) for value in entities.values())
    )


def as_words_unless_payload(text: str, payloads: Payloads) -> str:
    """``text`` unchanged, unless it starts with "/" without being a payload Rasa can read: then without
    its leading slashes, so that Rasa reads it as words (and does not log it)."""
    if not text.startswith("/") or _readable_payload(text, payloads):
        return text
    return text.lstrip("/").strip()
