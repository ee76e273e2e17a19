"""Comparing two conditions, and "is X the same as Y?" when X and Y are names of one condition."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, term_buttons
from actions.compose import Reply, short_name, topic_label, topic_reply
from actions.contract import payload
from actions.conversation import State, answered
from actions.pairs import COMPARE, GROUPS, IN_COMMON, SAME, WHICH_OF_TWO, listed_pair, pair, weighs_listed_pair
from actions.replies import send_reply
from actions.understanding import Question, read
from actions.wording import say
from bot.facts import names, queries
from bot.facts.models import Condition, Fact, Gap
from bot.facts.text import normalise

# The topics of a fact about both that says how the two relate (not "medicines help ALS and MND").
_WHAT_IT_IS = frozenset({"definition", "types", "upper_lower"})


def _affects(domain: DomainDict, cond: Condition) -> str:
    return say(domain, f"utter_affects_{cond.affects or 'unknown'}", name=cond.short_name)


def compare_if_asked(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State
) -> list[EventType] | None:
    """A comparison, when a message classified as something else compares two conditions."""
    if not question.text:
        return None
    text = normalise(question.text)
    # (the replies' own types: "the one you described first" may have been corrected away since)
    talked = [c for c in [state.focus, *state.replied_about] if c and c not in GROUPS]
    if weighs_listed_pair(question, state):
        slugs = listed_pair(state)
    elif WHICH_OF_TWO.search(text) and not question.named and len(dict.fromkeys(talked)) >= 2 and not state.listed:
        # "Which one is worse, the one you described first or this one?" with nothing listed: the two talked about.
        slugs = list(dict.fromkeys(talked))[:2][::-1]
    elif COMPARE.search(text):
        slugs = pair(session, question, state)
    else:
        return None
    if len(slugs) < 2 or slugs[0] == slugs[1]:
        # "Is it the same as polio coming back?", "is it the same as MND?": what the material says it is.
        return _same_name(session, dispatcher, domain, question, state) if SAME.search(text) else None
    # ("do they overlap at all?", "what do they have in common?": how they compare as a whole, not on one topic)
    whole = SAME.search(normalise(question.text)) or IN_COMMON.search(normalise(question.text))
    if question.intent_topic not in (None, "definition", "types") and not whole:
        # "PLS vs PMA, which neurons does each hit?": the comparison on that topic.
        reply = compare_reply(session, domain, question, slugs[:2], None)
        if reply is not None:
            return send_reply(session, dispatcher, domain, reply, state)
    return compare(session, dispatcher, domain, state, slugs, named=set(slugs[:2]) <= set(question.named))


def compare(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    state: State,
    slugs: list[str],
    named: bool = False,
) -> list[EventType] | None:
    """Send the comparison of two different conditions (``named``: both by name); None when it cannot be made."""
    comparison = queries.compare(session, slugs[0], slugs[1])
    if comparison is None:
        return None
    a, b = comparison.first, comparison.second
    # Facts about both ("many providers use ALS and MND for the same thing") lead; then what each one
    # is, in one fact, with which motor neurons it affects when that fact does not say. A type set
    # beside its own group ("is ALS the same as MND?") needs only the type's side.
    shared = [f for f in queries.facts_about_both(session, a.slug, b.slug) if f.topic_slug in _WHAT_IT_IS]
    parts = [say(domain, "utter_compare_intro", first=a.short_name, second=b.short_name)]
    parts += [f.answer for f in shared]
    facts, rest = list(shared), []
    if comparison.same_neurons:
        parts.append(say(domain, "utter_compare_same_neurons", first=a.short_name, second=b.short_name))
    for cond, other in ((a, b), (b, a)):
        if other.parent_slug == cond.slug and shared:
            continue
        own = [f for f in comparison.facts[cond.slug] if f not in facts]
        if own:
            facts.append(own[0])
            parts.append(own[0].answer)
            rest += [f.id for f in own[1:]]
        said = " ".join(f.answer for f in own[:1]).lower()
        if not comparison.same_neurons and "motor neuron" not in said:
            parts.append(_affects(domain, cond))
    text = " ".join(parts)
    terms, buttons = term_buttons(domain, facts)
    message = payload("compare", condition=a.slug, topic="definition", facts=facts, conditions=[a.slug, b.slug])
    message["terms"] = terms
    dispatcher.utter_message(text=text, buttons=buttons, json_message=message)
    # Both are now "the two": "the other one", "both", "which of them…" refer to them; the first
    # named stays in focus ("and where does it start?" after "how is PLS different from ALS?").
    # Two of a longer listing compared ("how is the first one different from the second?"): the listing
    # stays what "the last one" points at; two named ("ok so pls vs pma") are "the first" and "the other" now.
    of_listing = not named and len(state.listed) > 2 and {a.slug, b.slug} <= set(state.listed)
    events = answered(
        condition=a.slug,
        topic="definition",
        facts=[f.id for f in facts],
        terms=terms,
        more=rest,
        listed=None if of_listing else [a.slug, b.slug],
        history=[*state.history, b.slug],
        listed_kind=None if of_listing else "pair",
    )
    return events


class ActionCompareConditions(StoreAction):
    """ "How is PLS different from ALS?", "how is that different from ALS?", "is Lou Gehrig's disease ALS?"."""

    def name(self) -> str:
        return "action_compare_conditions"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        state = State.of(tracker)
        from actions.answer import ActionAnswerTopic, ActionAnswerWhatAbout, names_disagree
        from actions.follow_ups import only_a_name, opens_with_a_name, picks_a_choice

        if question.personal:
            # "Should she go on the other one as well?": a treatment decision for one person.
            from actions.safety import ActionDeclinePersonalAdvice

            return ActionDeclinePersonalAdvice().decline(session, dispatcher, tracker, domain, question)
        if picks_a_choice(question, state):
            # "Which one do you mean? (ALS or PMA)", then "pma": the question asked, about PMA.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        unsure = names_disagree(session, dispatcher, domain, question, state)
        if unsure is not None:
            return unsure  # "my grandson has PLS, the spinal muscle one": which is it, not a comparison

        if opens_with_a_name(session, question, state):
            return ActionAnswerTopic().answer(session, dispatcher, tracker, domain)  # "ALS" alone: what it is
        if state.topic and question.named and only_a_name(session, question.text):
            # "Does PLS do the same?", "is PMA the same?": the last question, about PLS.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if question.text and SAME.search(normalise(question.text)):
            same = _same_name(session, dispatcher, domain, question, state)
            if same is not None:
                return same
        slugs = pair(session, question, state)
        if len(slugs) >= 2:
            done = compare(session, dispatcher, domain, state, slugs, named=set(slugs[:2]) <= set(question.named))
            if done is not None:
                return done
        found = names.named_conditions(session, question.text) if question.text else []
        if len({n.slug for n in found}) == 1 and len({normalise(n.matched) for n in found}) >= 2:
            # "What's the difference between ALS and Lou Gehrig's disease?": two names of one condition.
            same = _definition(session, dispatcher, domain, question, state, found[0].slug)
            if same is not None:
                return same
        return self._ask_other(session, dispatcher, domain, slugs[0] if slugs else state.focus)

    def _ask_other(
        self, session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, named: str | None
    ) -> list[EventType]:
        others = [c for c in queries.conditions(session) if c.slug not in (named, "motor_neuron")]
        first = queries.condition(session, named) if named else None
        first_name = first.short_name if first else "MND"
        buttons = [
            {
                "title": say(domain, "utter_button_compare", first=first_name, second=c.short_name),
                "payload": f'/ask_compare{{"condition": "{c.slug}"}}',
            }
            for c in others
        ]
        dispatcher.utter_message(
            text=say(domain, "utter_ask_compare_with", name=first_name),
            buttons=buttons,
            json_message=payload("clarify", condition=named, topic="types"),
        )
        return [SlotSet("condition", named)] if named else []


def _same_name(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State
) -> list[EventType] | None:
    """ "Is X the same as Y?" answered from what the material says about the names."""
    found = names.named_conditions(session, question.text)
    slugs = list(dict.fromkeys(n.slug for n in found))
    unknown = [n.matched for n in found if n.recognition_only]
    focus = queries.condition(session, state.focus) if state.focus else None
    if question.pronoun_singular and focus is not None and slugs == [focus.parent_slug]:
        # "Is it the same as motor neurone disease?" with ALS in focus: what ALS is says how it relates.
        return _definition(session, dispatcher, domain, question, state, focus.slug)
    if question.pronoun_singular and state.focus and slugs and state.focus not in slugs:
        return None  # "is it the same as ALS?" with PMA in focus: a comparison
    if len(slugs) == 1 and question.pronoun and state.focus not in (None, "mnd", "motor_neuron", slugs[0]):
        return None  # "my husband has ALS... his brother has PLS, is that the same thing?": a comparison
    if not slugs and state.focus and question.pronoun_singular:
        # "Is it the same as polio coming back?": what the material says the condition in focus is.
        return _definition(session, dispatcher, domain, question, state, state.focus)
    if len(slugs) == 1 and unknown:
        # A name the documents do not use: say so, and what they say about the condition it names.
        reply = topic_reply(session, domain, question, slugs[0], topic="definition")
        if reply is None:
            return None
        reply.kind = "not_covered"
        name = queries.condition(session, slugs[0])
        reply.parts.insert(
            0, say(domain, "utter_name_not_in_material", alias=unknown[0], name=name.short_name if name else "")
        )
        return send_reply(session, dispatcher, domain, reply, state)
    if len(slugs) == 1:
        # Two names of one condition ("Lou Gehrig's disease" and "ALS"), or one condition and
        # something else ("is PPS the same as polio coming back?"): its definition says what it is.
        return _definition(session, dispatcher, domain, question, state, slugs[0])
    return None


def _definition(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State, slug: str
) -> list[EventType] | None:
    reply: Reply | None = topic_reply(session, domain, question, slug, topic="definition")
    return send_reply(session, dispatcher, domain, reply, state) if reply else None


def compare_reply(
    session: Session, domain: DomainDict, question: Question, conditions: list[str], topic: str | None
) -> Reply | None:
    """Two or more named conditions and one topic ("PLS and PMA, where does each start?"): each
    condition's answer on that topic, in one comparison message."""
    parts: list[str] = []
    facts: list[Fact] = []
    gaps: list[Gap] = []
    chosen_topic = topic
    for slug in conditions:
        reply = topic_reply(session, domain, question, slug, topic=chosen_topic)
        if reply is None or reply.kind == "out_of_scope":
            continue
        chosen_topic = reply.topic
        lead = say(domain, "utter_compare_part", name=short_name(session, slug))
        parts.append(f"{lead} {reply.text}")
        facts += [f for f in reply.facts if f not in facts]
        gaps += [g for g in reply.gaps if g not in gaps]
    if not parts:
        return None
    first, second = short_name(session, conditions[0]), short_name(session, conditions[1])
    intro = say(
        domain,
        "utter_compare_topic",
        first=first,
        second=second,
        topic_label=topic_label(session, chosen_topic or "definition"),
    )
    reply = Reply("compare", conditions[0], chosen_topic, [intro, *parts], facts, gaps, conditions=list(conditions))
    reply.listed = list(conditions)
    return reply
