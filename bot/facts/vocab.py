"""The fixed vocabularies shared by the store, the slots, the metadata and the tests."""

from __future__ import annotations

CONDITIONS: tuple[str, ...] = (
    "motor_neuron",
    "mnd",
    "als",
    "pbp",
    "pls",
    "pma",
    "sma",
    "kennedy",
    "pps",
)

TOPICS: tuple[str, ...] = (
    "definition",
    "function",
    "upper_lower",
    "types",
    "symptoms",
    "causes",
    "inheritance",
    "risk_factors",
    "diagnosis",
    "treatment",
    "outlook",
    "when_to_see_provider",
    "coping",
)

# Which motor neurons a condition affects; None means the sources do not say.
AFFECTS: tuple[str, ...] = ("upper", "lower", "both")

# Who a fact is worded for: the person with the condition, or a family member or carer.
AUDIENCES: tuple[str, ...] = ("patient", "carer")

# Kinds of question a fact leads the answer to: "whose fault is it?", "why does it happen?" and "is Lou
# Gehrig's disease ALS?" (a fact that gives another name).
LEADS: tuple[str, ...] = ("blame", "why", "names")

# With no condition named, a question about a topic is answered for this one.
DEFAULT_CONDITION_FOR_TOPIC: dict[str, str] = {
    topic: ("motor_neuron" if topic == "function" else "mnd") for topic in TOPICS
}

# What kind of message the bot sends (the reply contract's ``kind``; README "The reply contract").
REPLY_KINDS: tuple[str, ...] = (
    "answer",
    "definition",
    "compare",
    "not_covered",
    "clarify",
    "emergency",
    "no_diagnosis",
    "out_of_scope",
    "smalltalk",
    "disclaimer",
    "error",
)
