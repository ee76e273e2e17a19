"""Words of danger, by kind: which kinds of danger a message's words speak of (not whether there is danger).

The model alone may call an emergency only when words of the kind it found are there (bot/safety/detector.py).
"""

from __future__ import annotations

import re

# Words of danger, by kind, on prepared text. The model alone may call an emergency only when one
# of these is there (or it is very sure): "goodbye" or "what's the weather" must never alarm.
DANGER: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern)
    for kind, pattern in {
        "breathing": r"\b(?:breath\w*|breathe\w*|breth\w*|gasp\w*|air|airway|suffocat\w*|wheez\w*|blue|grey|gray|"
        r"dusky|purple|pale|lips?|nostrils?|grunt\w*|sucking|sinking|ribs|rattl\w*|secretions|bipap|ventilator|"
        r"vent|niv|cpap|trach\w*|mask|oxygen|sats|pant\w*|drowsy|sleepy|floppy|limp|wake|waking)\b",
        "choking": r"\b(?:chok\w*|chock\w*|stuck|lodged|wrong (?:way|pipe)|gag\w*|cough\w*|throat|windpipe)\b",
        "swallowing": r"\b(?:swallow\w*|saliva|spit|drool\w*|dribbl\w*|drink\w*|water|fluids|milk|feeds?)\b",
        "fall": r"\b(?:fell|fall\w*|fallen|collaps\w*|floor|ground|trip\w*|slip\w*|unconscious|unresponsive|"
        r"responding|passed out|blacked out|knocked|head|hip|bleed\w*|blood|broken|broke|fractur\w*|seizure|fit|"
        r"fitting|convuls\w*|get up)\b",
        "stroke": r"\b(?:stroke|droop\w*|dropp\w*|lopsided|side|slurr\w*|garbled|jumbled|muddled|confus\w*|"
        r"vision|see|numb\w*|face|smile|speak|talk|words)\b",
        "chest_pain": r"\b(?:chest|heart|crushing|squeez\w*|pressure|arm|jaw|sweat\w*|clammy|palpitat\w*|"
        r"elephant|vice)\b",
        "weakness": r"\b(?:weak\w*|move|moving|stand|lift|walk|gave way|give way|legs|arms|paralys\w*|jelly|strength|"
        r"power|floppy|limp)\b",
        "self_harm": r"\b(?:die|dying|dead|death|kill\w*|suicid\w*|"
        r"(?<!in the )(?<!at the )(?<!by the )end(?! up\b)|ending|"
        # "I don't want to be here", not someone else beside you: "he's right here"
        r"(?<!hes right )(?<!shes right )(?<!theyre right )(?<!hes still )(?<!shes still )(?<!hes )(?<!shes )here|"
        r"wake|burden|"
        r"better off(?! with\b| having| getting| using| on | doing| in )|goodbye|"
        r"farewell|bye|pills|tablets|meds|morphine|oxycodone|overdose|od|stockpil\w*|saved|saving|hoard\w*|hang\w*|"
        r"jump\w*|bridge|rope|cut\w*|harm\w*|hurt\w*|point|give up|giving up|garage|engine|"
        # ("I think I'm done for today, thanks": leaving the chat; "sorry to go on": to talk at length)
        r"done(?! for (?:today|now|the day|tonight|this evening|the night))|(?<!sorry to )(?<!sorry i )go on|"
        # A letter is news of danger only when written to say goodbye, not the clinic letter someone re-reads.
        r"(?:wrote|written|writing|write|goodbye|farewell|final|last)(?: \w+){0,4} letters?|"
        r"letters? (?:are |were )?(?:written|done)|"
        r"will|affairs|giving away|gone|everything|thank you for everything|plan|way out|easiest way|enough)\b",
        "carer_crisis": r"\b(?:hurt\w*|hit|hitting|shak\w*|shook|smother\w*|pillow|snap\w*|lose it|lost it|"
        r"breaking point|tether|rope|cope|cant take|scared of myself|might|slapped|grabbed|shouted|rough|"
        # ("i should've pushed the doctors sooner", "we pushed for a referral": pressing for care, not a push)
        r"(?<!shouldve )(?<!should have )(?<!couldve )(?<!could have )pushed(?! (?:for|the (?:doctors?|gps?|hospital|"
        r"nurses?|team|neurologist|consultant|specialist)|doctors|harder|sooner|them to|to get)\b)|"
        r"what have i done|take him|take her|do something)\b",
    }.items()
}


def danger_kinds(prepared: str) -> set[str]:
    """The kinds of danger whose words a prepared text uses (not whether there is danger)."""
    return {kind for kind, pattern in DANGER.items() if pattern.search(prepared)}
