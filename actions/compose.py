"""Composing an answer from the ranked facts: lead with what answers the question, keep it short.

A narrow question gets a narrow answer: the best-matching fact, plus the next ones only if they
match almost as well, up to about three sentences; "tell me more" continues with the rest, in
ranked order. When the store holds a lost list the question asks for, or nothing on the detail
asked, the reply says so honestly (``not_covered``) and gives what the material does say nearby.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.details import what_is_unsaid
from actions.gaps import answers_itself, asked_gap, asked_words, remedy_named, unknown_thing
from actions.reply import Reply
from actions.selection import chosen_facts, only_in_detail
from actions.signs import sign_answer
from actions.subject import DISEASE, THEY
from actions.understanding import Question
from actions.worded import says_feelings
from actions.wording import say
from bot.facts import across, names, queries
from bot.facts.models import Gap
from bot.facts.ranking import index_for
from bot.facts.scoring import Scored, choose_topic
from bot.facts.text import normalise
from bot.facts.vocab import DEFAULT_CONDITION_FOR_TOPIC
from bot.facts.words import STOP_WORDS, question_part
from bot.mentions import strip_mentions

# A type asked about as one of the types: "is it a kind of MND?", "is ALS the commonest type?".
_AMONG_TYPES = re.compile(r"\b(?:types?|kinds?|forms?|sorts?|mnds?|motor neurone? diseases?|counted|class\w*)\b")
# Below this share of the question covered, words the material never uses mean it is not covered.
UNKNOWN_LEXICAL = 0.35
# "It" that points at nothing: "will it be sunny…", "is it going to rain" (not "is depression part of it").
_DUMMY_IT = re.compile(r"\b(?:will|is|was|would|isnt) it (?:be|going to|gonna)\b")
# Below this, the classifier's topic is only a guess (for a question mostly of words the material never uses).
UNSURE_TOPIC = 0.6
# The type's own best fact is "about something else" below this match, and the general facts
# answer the detail when they match at least this well.
WEAK_MATCH, STRONG_MATCH = 0.2, 0.45
# A type's own best fact is outmatched when the general fact scores more than this many times as much, on the
# topics whose general facts hold for every type (what helps, living with it, when to see a provider).
OUTMATCHED = 3.0
_CARE = frozenset({"treatment", "coping", "when_to_see_provider"})
_POINTING_BACK = re.compile(r"\b(?:which|what|those|these|them|they) (?:ones?|of them|of those)\b|\bthose\b|\bthem\b")
# Said to be about something else: "unrelated, but…", "off topic".
_ASIDE = re.compile(r"\b(?:unrelated|off topic|random question|nothing to do with (?:mnd|this|that))\b")
# Asking about people ("who gets it?", "what age?"), and facts that speak of them.
_ASKS_WHO = re.compile(r"\b(?:who|whom|what age|which age|how old|which people|what sort of people)\b")
_PEOPLE = re.compile(
    r"\b(?:babies|children|kids|men|women|males|females|people|adults|age|ages|survivors|older|younger)\b"
)


# A question whose only words name a part of the body asks about symptoms, unless the classifier is at
# least this sure of another topic ("what do they do for breathing?" asks what motor neurons do); a word
# or two alone ("eating?") always does.
BODY_OVER_READING = 0.5


def topic_reply(
    session: Session,
    domain: DomainDict,
    question: Question,
    condition: str | None,
    *,
    topic: str | None = None,
    inherited: bool = False,
) -> Reply | None:
    """The answer to ``question`` about ``condition`` (its topic decided here unless given), or None.

    ``condition`` None means the question named none: the topic's default (MND, or motor neurons
    for what they do) is asked about, and an answer that is about one type says so.
    """
    index = index_for(session)
    named = condition is not None
    asked = strip_mentions(question_part(question.text)) if question.text else ""
    slug = condition or DEFAULT_CONDITION_FOR_TOPIC.get(question.intent_topic or "definition", "mnd")
    kwargs: dict[str, Any] = {"leads": question.leads, "carer": question.carer}
    if not named and asked and not question.pronoun_singular:
        # Named none: the default condition, unless another one's fact plainly answers it ("what is
        # riluzole for?"); "is it genetic?" with nothing before it asks about MND, whatever matches best.
        anywhere = index.rank(asked, conditions=None, topic_weights=question.topic_weights, prefer=[slug], **kwargs)
        lead = next((s for s in anywhere if not s.item.is_gap), None)
        if lead is not None and slug not in lead.item.conditions:
            slug = lead.item.condition
    if topic is None:
        if question.is_payload:
            topic = question.intent_topic or "definition"
        else:
            everything = index.rank(
                asked, conditions=pool_of(session, slug), topic_weights=question.topic_weights, **kwargs
            )
            topic = choose_topic(everything, question.topic_weights) or question.intent_topic or "definition"
            reading = max(question.topic_weights.items(), key=lambda kv: kv[1], default=("symptoms", 0.0))
            unsure = reading[0] == "symptoms" or reading[1] < BODY_OVER_READING or len(asked.split()) <= 2
            if unsure and question.worded_topic is None and across.names_the_body(session, asked):
                topic = "symptoms"  # "does it get to her arms?": only a part of the body is asked about
    if slug == "motor_neuron" and topic == "types" and not DISEASE.search(normalise(asked)):
        topic = "upper_lower"  # "are there different kinds of them?" about motor neurons: upper and lower
    elif slug == "motor_neuron" and topic == "types":
        slug = "mnd"  # the diseases that attack motor neurons are the types of MND
    elif topic == "types" and slug not in ("mnd", "motor_neuron") and not _AMONG_TYPES.search(normalise(asked)):
        topic = "definition"  # "the sixth one on that list, what's that?": what it is, not the types
    cond = queries.condition(session, slug)
    if cond is None:
        return None
    sign = sign_answer(session, question.text or "", asked, slug, topic, "why" in question.leads)
    if sign is not None:
        # "Does PLS make your muscles stiff?": the motor neurons it affects, and what losing them does.
        return Reply("answer", slug, sign[1], [f.answer for f in sign[0]], sign[0], answered_for=slug)
    parent = cond.parent_slug
    weights = {**question.topic_weights, topic: max(1.0, question.topic_weights.get(topic, 0.0))}
    scored = index.rank(asked, conditions=pool_of(session, slug), topic_weights=weights, topics=[topic], **kwargs)
    own = [s for s in scored if slug in s.item.conditions and not s.item.is_gap]
    general = [s for s in scored if parent and slug not in s.item.conditions and not s.item.is_gap]
    # In general, the parent's own facts first: "PBP treatment?" is not answered with ALS's medicines.
    general = [s for s in general if s.item.condition == parent] + [s for s in general if s.item.condition != parent]
    gaps = [s for s in scored if s.item.is_gap]
    if question.is_payload and not gaps:
        # A button asks for the whole topic: a lost list on it is admitted (ranking only sees gaps asked for).
        lost_here = [g for c in (slug, parent) if c for g in queries.gaps_for(session, condition=c, topic=topic)]
        gaps = [Scored(index.items[g.id], 0.0, 0.0, 0.0, 0.0, topic) for g in lost_here[:1] if g.id in index.items]
    facts = {f.id: f for f in queries.facts_by_id(session, [s.item.id for s in own + general])}
    if (
        question.text
        and own
        and general
        and _ASKS_WHO.search(normalise(asked))
        and not any(
            s.lexical + s.example > 0 or s.item.topics[0] == topic or _PEOPLE.search(facts[s.item.id].answer)
            for s in own
        )
    ):
        # "Who gets ALS?": its one fact on the topic says only how common it is, matching nothing asked; the
        # general facts say who gets MND.
        own = []
    name, label = cond.short_name, topic_label(session, topic)
    best = own[0] if own else (general[0] if general else None)
    # (words of a remark or a preamble beside the question are not what it asks: "quick one for my anatomy
    # module: where are motor neurons?")
    unknown = index.unknown_words(asked_words(asked), names.words_of_names(session, asked)) if asked else []

    remedy = remedy_named(asked, unknown)
    # Feelings said, asking nothing ("I feel so guilty that I get impatient with her"): about living with it; its
    # other words are not what is asked, so neither outside the material nor missing from it.
    guessed = not (question.text and says_feelings(question.text))
    # The condition came from the conversation, not from "it" or its name (or "it" is a dummy: "will it be sunny…"
    # matches nothing at all): the question may be about no condition.
    matches_nothing = best is None or best.lexical + best.example == 0
    dummy = matches_nothing and bool(_DUMMY_IT.search(normalise(asked)))
    # ("which ones are recruiting near leeds?" after clinical trials points back as much as "it" does)
    pointed = question.pronoun_singular or bool(_POINTING_BACK.search(normalise(asked)))
    pointed = pointed or (slug == "motor_neuron" and bool(THEY.search(normalise(asked))))
    # ("do they overlap at all?" of the two just compared: "they" are the types asked about)
    pointed = pointed or (named and slug not in ("mnd", "motor_neuron") and bool(THEY.search(normalise(asked))))
    # ("so what is actually proven for the second one": a place in the listing points back too)
    pointed = pointed or bool(question.mentions)
    unpointed = not named or (slug not in question.named and (not pointed or dummy))
    if not remedy and unpointed and unknown and (best is None or best.lexical < UNKNOWN_LEXICAL):
        content = [w for w in normalise(asked).split() if w not in STOP_WORDS]
        unsure = max(question.topic_weights.values(), default=0.0) < UNSURE_TOPIC
        # ("unrelated but is statin muscle pain a real thing?": said to be about something else)
        aside = bool(_ASIDE.search(normalise(asked)))
        # ("what are they looking for when they examine you": a topic plain from its wording is no aside)
        mostly_unknown = len(unknown) * 3 >= len(content) and not question.worded_topic
        if aside or ((unsure or matches_nothing) and guessed and mostly_unknown):
            # "Who won the champions league last year?": mostly words the material never uses, about no
            # condition, read as a topic only by a little: outside what it covers, not an MND answer.
            remedy = " ".join(unknown)
    if remedy and (best is None or best.lexical < UNKNOWN_LEXICAL + 0.3):
        # "Does a ketogenic diet stop MND?": a remedy the material never mentions gets the scope statement.
        return Reply(
            "out_of_scope",
            None,
            None,
            [say(domain, "utter_not_in_material", words=remedy), say(domain, "utter_scope_short")],
        )

    lost = asked_gap(index, question, gaps, own + general, unknown)
    if lost is not None and not (
        own and own[0].item.condition != lost.item.condition and answers_itself(index, question, own[0], lost, slug)
    ):
        gap = session.get(Gap, lost.item.id)
        nearby = chosen_facts(own or general, facts)
        reply = Reply("not_covered", slug, topic, [say(domain, "utter_gap", missing=gap.missing)], nearby, [gap])
        if nearby:
            reply.parts.append(say(domain, "utter_material_says"))
            reply.parts.extend(f.answer for f in nearby)
        reply.parts.append(say(domain, "utter_ask_provider"))
        reply.answered_for = nearby[0].condition_slug if nearby else gap.condition_slug
        return reply

    if own:
        lead = own[0]
        # ("who usually gets PMA?" asks whom it affects, however well "usually" fits a general fact)
        # ("what does SMA do to the body?" asks its effects: "body" is no detail its own fact could lack)
        details = set(index.terms(asked)) - index.hedge_terms - index.whole_terms if asked else set()
        strong_general = general and general[0].lexical + general[0].example >= STRONG_MATCH and bool(details)
        # ("what helps keep his joints moving?" of ALS: its medicines fact is a weak match beside the general fact
        # on physical therapy, which answers it)
        general_score = general[0].lexical + general[0].example if general else 0.0
        own_score = lead.lexical + lead.example
        outmatched = topic in _CARE and own_score < STRONG_MATCH and own_score * OUTMATCHED < general_score
        if question.text and (lead.lexical + lead.example < WEAK_MATCH or outmatched) and strong_general:
            chosen = chosen_facts(general, facts)
            parts = [say(domain, "utter_detail_general", name=name, parent_name=short_name(session, parent))]
            return Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=parent)
        chosen = chosen_facts(own, facts)
        said_text = " ".join(f.answer for f in chosen)
        # ("we have two girls. are they at risk of getting it?": who "they" are is said before the question)
        whom = question.text if question.text and _WHO_BEFORE.search(normalise(asked)) else asked
        unsaid = what_is_unsaid(session, slug, topic, asked, whom, said_text, "why" in question.leads)
        if unsaid is not None:
            # "Does PBP spread to the arms?", "why mostly men?", "can he pass it on to our daughters?": the
            # material never says; say so first, then what it does say.
            # ("is twitching a symptom?" of MND: the types whose own facts say it come first)
            response, values, beside = unsaid
            parts = [say(domain, response, name=name, **values), *(f.answer for f in beside)]
            parts.append(say(domain, "utter_what_it_says", topic_label=label, name=name))
            parts += [f.answer for f in chosen]
            return Reply("not_covered", slug, topic, parts, [*beside, *chosen], answered_for=slug)
        thing = unknown_thing(asked, unknown) if unknown else ""
        if unknown and guessed and (lead.lexical < UNKNOWN_LEXICAL or thing):
            # ("does ALS affect the bladder?": the bladder is what is asked, however well "affect" matches)
            parts = [
                say(domain, "utter_not_in_material", words=thing or " ".join(unknown)),
                say(domain, "utter_what_it_says", topic_label=label, name=name),
            ]
            return Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=slug)
        reply = Reply("answer", slug, topic, [f.answer for f in chosen], chosen, answered_for=slug)
        if asked and chosen[0].detail and only_in_detail(index, asked, chosen):
            # "Reflexes too?" after what motor neurons do: the sentence that says so is the lead fact's detail.
            reply.parts.insert(1, chosen[0].detail)
        if not named and chosen[0].condition_slug != slug:
            # "What is riluzole for?" is answered by a fact about ALS: the answer is about ALS.
            lead_cond = queries.condition(session, chosen[0].condition_slug)
            if lead_cond is not None and lead_cond.parent_slug == slug:
                reply.condition = reply.answered_for = lead_cond.slug
        reply.more = [s.item.id for s in own if s.item.id not in {f.id for f in chosen}]
        return reply

    if general:
        chosen = chosen_facts(general, facts)
        thing = unknown_thing(asked, unknown) if unknown else ""
        if unknown and guessed and (general[0].lexical < UNKNOWN_LEXICAL or thing):
            parts = [say(domain, "utter_not_in_material", words=thing or " ".join(unknown))]
            parts.append(
                say(
                    domain,
                    "utter_fallback_to_parent",
                    name=name,
                    parent_name=short_name(session, parent),
                    topic_label=label,
                )
            )
            return Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=parent)
        key = "utter_general_instead" if inherited else "utter_fallback_to_parent"
        parts = [say(domain, key, name=name, parent_name=short_name(session, parent), topic_label=label)]
        # Nothing on it for this type: an honest not_covered, with what the material says in general.
        reply = Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=parent)
        reply.more = [s.item.id for s in general if s.item.id not in {f.id for f in chosen}]
        reply.general_instead = True
        return reply
    return None


# People said only by a pronoun in the question: who they are may be in the sentence before it.
_WHO_BEFORE = re.compile(r"\b(?:they|them|she|her)\b")


def pool_of(session: Session, slug: str) -> list[str]:
    cond = queries.condition(session, slug)
    return [slug, *([cond.parent_slug] if cond is not None and cond.parent_slug else [])]


def short_name(session: Session, slug: str | None) -> str:
    cond = queries.condition(session, slug) if slug else None
    return cond.short_name if cond else "MND"


def topic_label(session: Session, slug: str) -> str:
    top = queries.topic(session, slug)
    return top.label if top else slug.replace("_", " ")
