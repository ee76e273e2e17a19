"""SQLAlchemy models of the fact store (built from data/facts, never edited by hand)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base for every table of the store."""


class Source(Base):
    """A document the facts come from."""

    __tablename__ = "source"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    publisher: Mapped[str] = mapped_column(String(200))
    reviewed: Mapped[str | None] = mapped_column(String(32))
    citation: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)  # the reviewer's note
    sections: Mapped[list[Section]] = relationship(back_populates="source", order_by="Section.position")


class Section(Base):
    """A part of a source that facts are drawn from."""

    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("source_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    slug: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    source: Mapped[Source] = relationship(back_populates="sections")


class Topic(Base):
    """One of the fixed topics, with the wording used to offer it."""

    __tablename__ = "topic"

    slug: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    question: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]


class Condition(Base):
    """A condition (or motor neurons in general) from the fixed vocabulary."""

    __tablename__ = "condition"

    slug: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(64))
    affects: Mapped[str | None] = mapped_column(String(8))
    parent_slug: Mapped[str | None] = mapped_column(ForeignKey("condition.slug"))
    position: Mapped[int]
    parent: Mapped[Condition | None] = relationship(remote_side=[slug])
    aliases: Mapped[list[ConditionAlias]] = relationship(back_populates="condition")


class ConditionAlias(Base):
    """Another way people name a condition; ``normal`` is the matching key."""

    __tablename__ = "condition_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_slug: Mapped[str] = mapped_column(ForeignKey("condition.slug"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    normal: Mapped[str] = mapped_column(String(200), unique=True)
    # A standard name the documents do not use: it finds the condition but is never stated.
    recognition_only: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    condition: Mapped[Condition] = relationship(back_populates="aliases")


fact_term = Table(
    "fact_term",
    Base.metadata,
    Column("fact_id", ForeignKey("fact.id"), primary_key=True),
    Column("term", ForeignKey("glossary_term.term"), primary_key=True),
)


class Fact(Base):
    """One plain-language statement, traced to a source section."""

    __tablename__ = "fact"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    condition_slug: Mapped[str] = mapped_column(ForeignKey("condition.slug"), index=True)
    topic_slug: Mapped[str] = mapped_column(ForeignKey("topic.slug"), index=True)
    answer: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    section: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    # "carer" for facts worded for family and carers, "patient" for the person with MND, else None.
    audience: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)  # the reviewer's note
    source: Mapped[Source] = relationship()
    condition: Mapped[Condition] = relationship()
    terms: Mapped[list[GlossaryTerm]] = relationship(secondary=fact_term)


class GlossaryTerm(Base):
    """A medical word and its plain one-sentence definition."""

    __tablename__ = "glossary_term"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    definition: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    section: Mapped[str] = mapped_column(String(64))
    source: Mapped[Source] = relationship()
    aliases: Mapped[list[TermAlias]] = relationship(back_populates="glossary_term")


class TermAlias(Base):
    """Another spelling or wording of a glossary term."""

    __tablename__ = "term_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(ForeignKey("glossary_term.term"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    normal: Mapped[str] = mapped_column(String(200), unique=True)
    glossary_term: Mapped[GlossaryTerm] = relationship(back_populates="aliases")


class Gap(Base):
    """Information a source announces but does not give (a list lost from the page)."""

    __tablename__ = "gap"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    condition_slug: Mapped[str] = mapped_column(ForeignKey("condition.slug"), index=True)
    topic_slug: Mapped[str] = mapped_column(ForeignKey("topic.slug"), index=True)
    missing: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    section: Mapped[str] = mapped_column(String(64))
    source: Mapped[Source] = relationship()


class FactTopic(Base):
    """A topic a fact answers; every fact has its own (``primary``) and may answer others."""

    __tablename__ = "fact_topic"

    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), primary_key=True)
    topic_slug: Mapped[str] = mapped_column(ForeignKey("topic.slug"), primary_key=True, index=True)
    primary: Mapped[bool]


class FactCondition(Base):
    """Another condition a fact applies to as written (e.g. an MND fact about motor neurons)."""

    __tablename__ = "fact_condition"

    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), primary_key=True)
    condition_slug: Mapped[str] = mapped_column(ForeignKey("condition.slug"), primary_key=True, index=True)


class FactLead(Base):
    """A kind of question a fact should lead the answer to: "blame" (whose fault) or "why"."""

    __tablename__ = "fact_lead"

    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), primary_key=True)
    lead: Mapped[str] = mapped_column(String(32), primary_key=True)


class Example(Base):
    """A question a fact (or a gap) answers, written by people: for finding it, and suggested while typing."""

    __tablename__ = "example"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), index=True)  # a fact id or a gap id
    topic_slug: Mapped[str] = mapped_column(ForeignKey("topic.slug"))
    text: Mapped[str] = mapped_column(Text)


class SearchTerm(Base):
    """A precomputed search term of a fact or gap (bot/facts/words.py), by the field it comes from."""

    __tablename__ = "search_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(16))  # answer, detail, term, ask
    example_id: Mapped[int | None]
    term: Mapped[str] = mapped_column(String(64))
    count: Mapped[int]


class WordGroup(Base):
    """One word of a group of words that mean the same for finding facts (data/facts/words.yml)."""

    __tablename__ = "word_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int]
    word: Mapped[str] = mapped_column(String(100))


class Attribute(Base):
    """Something people ask across types ("which types start in the hands?"), from attributes.yml."""

    __tablename__ = "attribute"

    slug: Mapped[str] = mapped_column(String(32), primary_key=True)
    topic_slug: Mapped[str] = mapped_column(ForeignKey("topic.slug"))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]


class AttributeValue(Base):
    """One answer an attribute can have, with the phrase replies use ("Types of MND that <phrase>")."""

    __tablename__ = "attribute_value"

    id: Mapped[int] = mapped_column(primary_key=True)
    attribute: Mapped[str] = mapped_column(ForeignKey("attribute.slug"), index=True)
    slug: Mapped[str] = mapped_column(String(32))
    phrase: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    # What a question about this value is about, when not its attribute's topic ("linked to the X
    # chromosome" is about inheritance though "what it is known for" is a definition).
    topic_slug: Mapped[str | None] = mapped_column(ForeignKey("topic.slug"))


class AttributeWord(Base):
    """A word that names a value ("hands") or, with no value, cues the attribute ("starts")."""

    __tablename__ = "attribute_word"

    id: Mapped[int] = mapped_column(primary_key=True)
    attribute: Mapped[str] = mapped_column(ForeignKey("attribute.slug"), index=True)
    value: Mapped[str | None] = mapped_column(String(32))
    word: Mapped[str] = mapped_column(String(100))


class ConditionAttribute(Base):
    """What the documents state about a condition for an attribute, and the fact that states it."""

    __tablename__ = "condition_attribute"

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_slug: Mapped[str] = mapped_column(ForeignKey("condition.slug"), index=True)
    attribute: Mapped[str] = mapped_column(ForeignKey("attribute.slug"), index=True)
    value: Mapped[str] = mapped_column(String(32))
    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"))
    # The general fact that ties the value to what ``fact`` states, when ``fact`` does not say the value itself:
    # PLS "affects only upper motor neurons", and losing their signals "can make muscles stiff".
    via_fact_id: Mapped[str | None] = mapped_column(ForeignKey("fact.id"))
    position: Mapped[int]


class ReviewNote(Base):
    """The clinician reviewer's note on a whole file of data/facts (its ``review_note``)."""

    __tablename__ = "review_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text)


class BuildRecord(Base):
    """Which build the store holds: one row, written by the loader with the content.

    ``build_id`` is new for every build (a server notices a new build on a server database by it);
    ``checksum`` is that of the content tables (bot/facts/checksum.py), so that a store edited by
    hand, or damaged, is told from the build the loader wrote.
    """

    __tablename__ = "build_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    build_id: Mapped[str] = mapped_column(String(32))
    checksum: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[str] = mapped_column(String(32))


class OutsideName(Base):
    """The name of an illness, or of a remedy, the material does not cover (data/facts/scope.yml)."""

    __tablename__ = "outside_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    normal: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="illness")  # "illness" or "remedy"


class EverydayWord(Base):
    """A word people use in questions of every kind (the bot's training questions), with how often.

    A word of a question that no fact uses is a detail the material does not cover, unless it is an
    everyday word like these ("son", "yesterday", "worried").
    """

    __tablename__ = "everyday_word"

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int]
