"""A yes/no detail about one type that its material does not state: "does PBP spread to the arms and legs?".

The documents say which parts of the body some types affect and where they start (the attributes in
data/facts/conditions.yml, each with the fact that says so). When a question about one of those types
names a part or symptom that is not among them, the honest answer is that the material does not link
the two, followed by what it does say, rather than the type's symptoms as if they answered it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.facts import across


def unstated_detail(session: Session, slug: str, asked: str) -> list[str] | None:
    """The body parts or symptoms asked about that the material never states for ``slug``, when it states
    none of them for a type whose parts and symptoms it lists; None otherwise (nothing named, something
    named is stated, or the material lists none for this type).

    Where a type starts is not handled here: "does PMA start in the legs?" is answered by the fact that
    says where it does start (the hands).
    """
    if not asked:
        return None
    question = across.attribute_question(session, asked, require_across=False)
    if question is None or question.attribute != "affects":
        return None
    known = across.values_of(session, slug).get("affects", set())
    if not known or any(value in known for value in question.values):
        return None
    return [_thing(phrase) for phrase in question.phrases]


def _thing(phrase: str) -> str:
    """The part or symptom a value's phrase names: "affect the legs" -> "the legs", "can cause pain" -> "pain"."""
    for verb in ("affect ", "can cause ", "make "):
        if phrase.startswith(verb):
            return phrase[len(verb) :].replace(" hard to bear", "")
    return phrase


def joined(things: list[str]) -> str:
    return things[0] if len(things) == 1 else ", ".join(things[:-1]) + " or " + things[-1]
