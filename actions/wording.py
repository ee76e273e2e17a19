"""User-facing wording comes from domain.yml responses; actions only fill in variables."""

from __future__ import annotations

import string
from typing import Any

from rasa_sdk.types import DomainDict

from bot.safety import settings


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        raise KeyError(f"no value for {{{key}}}")


def say(domain: DomainDict, response: str, **values: Any) -> str:
    """The first text of ``response`` in the domain, with ``{name}`` placeholders filled.

    The deployment's emergency settings ({emergency_call}, {crisis_line}) are always available.
    """
    values = {**settings.current().values(), **values}
    try:
        template = domain["responses"][response][0]["text"]
    except (KeyError, IndexError, TypeError) as exc:
        raise KeyError(f"domain.yml has no text for response {response!r}") from exc
    return string.Formatter().vformat(template, (), _Blank(values))
