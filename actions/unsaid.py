"""The details the material never gives, whichever type is asked about, and the words that ask them: whether
it is catching, side effects, gene names, which toxins, thinking and memory, prevention, trials in a place,
turning into another type, how long people live, kinds of one type, how a medicine is given, machines and
devices, how long a diagnosis or a test takes, costs and funding, phone numbers and websites, whether damaged
motor neurons grow back, the heart, how long before it reaches a part of the body. Answered in
actions/not_given.py."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unsaid:
    """A detail the material never gives, whichever type is asked about: the words that ask it, the topic
    whose facts are given after saying so, the response that says so, and words in those facts that would
    show the material does say it after all (then the question is answered as usual)."""

    asks: re.Pattern[str]
    topic: str
    response: str
    telling: tuple[str, ...] = ()
    one_type: bool = False  # only about one type ("what kinds of SMA are there?"), not MND or motor neurons
    needs_condition: bool = False  # "which gene is it caused by?" with none named asks which type first


UNSAID = (
    Unsaid(  # "is it catching?", "can my grandkids get it off me?"
        re.compile(
            r"\b(?:catching|contagious|infectious|catchable|transmissible)\b"
            r"|\b(?:catch|caught)\b(?! (?:(?:his|her|my|their|your|our) )?breath)"
            # ("could they get it from me?" asks whether it is inherited)
            r"|\bget (?:it|this|that) off (?:me|him|her|them|us|someone|somebody|other people|others)\b"
            r"|\bspread (?:it )?(?:from (?:one )?person to person|to (?:other people|others|the kids|my kids|family))\b"
        ),
        "causes",
        "utter_unsaid_contagion",
        ("contagious", "infectious", "catch"),
    ),
    Unsaid(  # "side effects of edaravone?"
        re.compile(r"\bside ?effects?\b|\badverse (?:effects?|reactions?)\b"),
        "treatment",
        "utter_unsaid_side_effects",
        ("side effect",),
    ),
    Unsaid(  # "which gene causes the family kind of ALS, is it c9 something"
        re.compile(
            r"\b(?:which|what) genes?\b|\bname of the genes?\b|\bgenes? (?:is it|called|names?)\b|\bc9\w*|\bsod ?1\b"
        ),
        "inheritance",
        "utter_unsaid_gene",
        ("smn1", "androgen receptor"),
        needs_condition=True,
    ),
    Unsaid(  # "what kind of toxic, like chemicals?"
        re.compile(
            r"\b(?:what|which) (?:kinds? |sorts? |types? )?(?:of )?(?:toxic|toxins?|chemicals?|poisons?|virus\w*|viral|"
            r"infections?|environmental)(?: (?:factors?|things?|stuff))?\b"
        ),
        "causes",
        "utter_unsaid_factors",
        ("pesticide", "chemical", "metal"),
    ),
    Unsaid(  # "can MND affect the way someone thinks or their memory?"
        re.compile(
            r"\b(?:affect|affects|change|changes|damage|damages|harm|harms|hurt|hurts)\b.{0,40}"
            r"\b(?:memory|thinking|(?:the way|how) (?:\w+ ){0,2}thinks?|personality|behaviou?r|brain power|mind)\b"
            r"|\b(?:memory|thinking) (?:problems?|loss|issues?|trouble)\b"
        ),
        "symptoms",
        "utter_unsaid_thinking",
        ("memory", "thinking", "behavio"),
    ),
    Unsaid(  # "does vitamin C protect you from MND?", "can you prevent it?"
        re.compile(
            r"\b(?:prevent\w*|protect\w*)\b|\bavoid (?:getting|it)\b"
            r"|\bstop (?:me|you|him|her|myself|us|them) (?:getting|from)\b"
            r"|\b(?:reduce|lower|cut) (?:the|my|your|his|her|our) (?:risk|chances?)\b"
        ),
        "risk_factors",
        "utter_unsaid_prevention",
        ("prevent", "protect"),
    ),
    Unsaid(  # "what trials are running in manchester right now?"
        re.compile(
            r"\b(?:which|what|any) (?:clinical )?(?:trials?|studies)\b.{0,40}\b(?:running|recruiting|open|near|"
            r"available|in (?!the\b|a\b|an\b)\w+)\b|\b(?:trials?|studies) (?:near|around|recruiting)\b"
        ),
        "treatment",
        "utter_unsaid_trials",
        ("recruit",),
    ),
    Unsaid(  # "does PLS turn into ALS eventually?"
        re.compile(
            r"\b(?:(?:turns?|turned|turning|changes?|changing|develops?|developing|progress(?:es)?|evolves?|becomes?|"
            r"morphs?)\s+(?:in)?to|becom(?:e|es|ing))\s+(?:full blown |proper )?(?:als|pls|pma|pbp|sma|mnd|kennedys?|"
            r"amyotrophic|"
            r"lou gehrig|motor neurone? disease|another (?:type|kind|one)|the other (?:one|type|kind))\b"
        ),
        "outlook",
        "utter_unsaid_turning_into",
        ("turn into", "turns into", "become", "develop into", "change into"),
    ),
    Unsaid(  # "how long do babies with SMA usually live?" when its facts give no span of time
        re.compile(
            r"\bhow long (?:do|does|will|would|can|could|might|may) (?:\w+ ){0,5}?(?:live|survive|last|have left)\b"
            r"|\blife expectancy\b|\bhow many (?:more )?years (?:do|does|will|would|can)\b"
            # "what's the average survival in years?", "survival rate after diagnosis"
            r"|\b(?:average|median|typical|usual) (?:survival|lifespan|life span)\b"
            r"|\bsurvival (?:rates?|time|in years)\b"
        ),
        "outlook",
        "utter_unsaid_how_long",
        ("year", "month", "decade", "week"),
    ),
    Unsaid(  # "what are the types of SMA?", "son has SMA type 2"
        # (not "what other kinds are there", "one of the types that affect men", "types of MND")
        re.compile(
            r"(?<!other )\b(?:types|kinds|forms|sorts|subtypes|variants) of "
            # (not "what kinds of symptoms come with PPS?": kinds of something else)
            r"(?!mnd\b|motor\b|the\b|them\b|those\b|symptoms?\b|signs?\b|problems?\b|treatments?\b|therap|"
            r"medicines?\b|meds\b|drugs?\b|tests?\b|help\b|support\b|things\b|people\b|exercises?\b|care\b|"
            r"equipment\b|aids?\b|muscles?\b|nerves?\b|neurone?s\b|doctors?\b|specialists?\b|weakness\b|pain\b)"
            r"|\b(?:is|are) there (?:different |several |many |any )?(?:types|kinds|forms|subtypes)\b"
            # "what does type 1 mean?", "he has SMA type 2"
            r"|\btype (?:1|2|3|4|i|ii|iii|iv|one|two|three|four)\b"
            r"(?! of (?:mnd|motor))"
        ),
        "types",
        "utter_unsaid_subtypes",
        ("type 1", "type 2", "type i"),
        one_type=True,
        needs_condition=True,
    ),
    Unsaid(  # "is it a tablet or a drip?", "how is edaravone given?"
        re.compile(
            r"\b(?:tablets?|pills?|drips?|injections?|infusions?|capsules?|liquid|jabs?)\b.{0,20}\bor\b.{0,20}"
            r"\b(?:tablets?|pills?|drips?|injections?|infusions?|capsules?|liquid|jabs?|iv)\b"
            r"|\bhow (?:is|are|do you take|does he take|does she take) (?:it|they|them|riluzole|edaravone|the \w+) "
            r"(?:given|taken|put in|had)\b"
        ),
        "treatment",
        "utter_unsaid_how_given",
        ("tablet", "drip", "inject", "infusion", "by mouth"),
    ),
    Unsaid(  # "breathing machine at night, is that a thing?", "can they give him a machine to talk with?"
        re.compile(
            r"\b(?:machines?|ventilators?|ventilation|bipap|cpap|niv|breathing masks?|communication aids?|"
            r"(?:voice|speech|talking) (?:computers?|devices?|apps?|aids?)|eye gaze|text to speech)\b"
        ),
        "treatment",
        "utter_unsaid_devices",
        ("machine", "ventilat", "device", "mask"),
    ),
    Unsaid(  # "how long does it take to get a diagnosis?"
        re.compile(
            r"\bhow long (?:does|do|did|will|can|could|might) (?:it|they|the \w+|getting|tests?) (?:\w+ ){0,3}?"
            r"(?:take|takes)\b.{0,30}\bdiagnos\w*"
            r"|\bhow long (?:to|until|till|before) (?:you |they |we )?(?:get |have |reach )?(?:a |the )?diagnos\w*"
        ),
        "diagnosis",
        "utter_unsaid_diagnosis_time",
        ("week", "month", "year"),
    ),
    Unsaid(  # "how long does an EMG take?", "how long is the scan?"
        re.compile(
            r"\bhow long (?:does|do|will|would|is|are) (?:an? |the |each |that |this )?(?:emg|emgs|tests?|scans?|mri|"
            r"nerve (?:conduction )?(?:tests?|studies|study)|lumbar puncture|blood tests?|appointments?|assessments?)"
            r"(?: (?:take|last|go on for))?\b"
        ),
        "diagnosis",
        "utter_unsaid_test_time",
        ("minute", "hour"),
    ),
    Unsaid(  # "is there a support line for partners, like a number i can ring?", "any websites?"
        re.compile(
            r"\b(?:phone ?numbers?|numbers? (?:i|we|you|they) (?:can|could) (?:ring|call|phone)|helplines?|help lines?|"
            r"hotlines?|support lines?|phone lines?|websites?|web sites?|web ?pages?|charit(?:y|ies)|apps?)\b"
        ),
        "coping",
        "utter_unsaid_contacts",
        ("phone", "number", "website", "helpline", "charity"),
    ),
    Unsaid(  # "how long before the speech part usually?", "how many years until it reaches the arms?"
        re.compile(
            r"\bhow (?:long|soon|quickly|many (?:years|months|weeks)) (?:before|until|till|after which) "
            r"(?:it |the |they |that |this )?(?:\w+ ){0,3}?(?:starts?|goes|spreads?|reaches|gets? to|affects?|part|"
            r"kicks? in|comes?|happens?|moves?)\b(?! (?:his|her|my|their|our)\b)"
        ),
        "symptoms",
        "utter_unsaid_spread_time",
        ("year", "month", "week"),
    ),
    Unsaid(  # "can they grow back once they are damaged?", "do motor neurons repair themselves?"
        re.compile(
            r"\b(?:grow|grows|growing|regrow|regrows) back\b|\bregrow\w*|\bregenerat\w*"
            r"|\b(?:repair|repairs|heal|heals|fix|fixes|mend|mends|renew|renews) (?:themselves|itself)\b"
            r"|\b(?:be|get|been) (?:repaired|replaced|regrown|healed)\b|\bnew (?:ones|motor neurone?s) (?:grow|form)\b"
        ),
        "function",
        "utter_unsaid_regrowth",
        ("grow back", "regrow", "regenerat", "repair"),
    ),
    Unsaid(  # "do they control the heart as well?", "does MND affect the heart?" (not "it broke my heart")
        re.compile(
            r"\b(?:control|controls|run|runs|work|works|make|makes|affect|affects|damage|damages|hit|hits|reach|"
            r"reaches|weaken|weakens|involved (?:in|with)|do|does)\b.{0,25}\bheart\b"
            r"(?! ?broken| attack| sank| goes out)"
        ),
        "function",
        "utter_unsaid_heart",
        ("heart",),
    ),
    Unsaid(  # "how much does private physio cost?", "can we afford the equipment?"
        re.compile(
            r"\b(?:costs?|costing|priced?|prices|pricey|expensive|cheap|afford|affordable|fees?|funding|funded|grants?|"
            r"insurance|insurers?)\b|\bhow much (?:\w+ ){0,6}?(?:pay|charge|charges)\b"
            r"|\b(?:pay|paying) for\b|\b(?:free|paid for) (?:on|by) the nhs\b"
        ),
        "treatment",
        "utter_unsaid_costs",
        ("cost", "price", "pay", "fund", "insurance"),
    ),
)
