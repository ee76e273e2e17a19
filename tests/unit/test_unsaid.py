"""Details the material never gives are told from questions it answers: the words that ask how a medicine is
given, about machines and devices, how long a diagnosis takes, and a thing never named asked about."""

from __future__ import annotations

import pytest

from actions.gaps import unknown_thing
from actions.not_given import unsaid_asked


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("does riluzole come as a pill or an injection", "utter_unsaid_how_given"),
        ("how is edaravone given", "utter_unsaid_how_given"),
        ("would a ventilator help his breathing at night", "utter_unsaid_devices"),
        ("can she get a talking computer when her speech goes", "utter_unsaid_devices"),
        ("how long did it take you lot to diagnose it usually", "utter_unsaid_diagnosis_time"),
        ("how long until you get a diagnosis normally", "utter_unsaid_diagnosis_time"),
        ("and how long does an emg take, will she be there all day", "utter_unsaid_test_time"),
        ("roughly what would a private physio session set us back cost wise", "utter_unsaid_costs"),
        ("do we have to pay for the wheelchair or is it free on the nhs", "utter_unsaid_costs"),
        ("is there a helpline for carers i could phone at night", "utter_unsaid_contacts"),
        ("any good websites you would recommend for families", "utter_unsaid_contacts"),
        ("once the nerve cells are gone do they ever regrow", "utter_unsaid_regrowth"),
        ("is there any way damaged motor neurones can be repaired", "utter_unsaid_regrowth"),
        ("do motor neurons keep your heart going too", "utter_unsaid_heart"),
        ("roughly how long before it gets to the arms usually", "utter_unsaid_spread_time"),
    ],
)
def test_a_detail_never_given(text: str, response: str) -> None:
    detail = unsaid_asked(text)
    assert detail is not None and detail.response == response


@pytest.mark.parametrize(
    "text",
    [
        "what medicines help with als",
        "how is mnd diagnosed",
        "what is a feeding tube",
        "what helps breathing",
        "what are the benefits of physio for him",
        "how long does als take to get worse",
        "will his muscles grow stronger with physio",
        "it broke my heart when she was diagnosed, how do people cope",
        "how long after polio can it start",
    ],
)
def test_questions_the_material_answers(text: str) -> None:
    assert unsaid_asked(text) is None


def test_the_thing_asked_about() -> None:
    assert unknown_thing("does pls affect your eyesight at all", ["eyesight"]) == "eyesight"
    assert unknown_thing("could vaping cause motor neurone disease", ["vaping"]) == "vaping"
    # a word the material never uses that is not what is asked
    assert unknown_thing("my son the plumber wants to know, is pls inherited", ["plumber"]) == ""
    # what it is said to come from: "it was the jabs"
    assert unknown_thing("his nan says it was the jabs. is that true", ["nan", "jabs"]) == "jabs"
    assert unknown_thing("could it be from all the pesticides she sprayed", ["pesticides"]) == "pesticides"
    # what a yes/no question is about, just after its verb
    assert unknown_thing("is depression common with it", ["depression"]) == "depression"
    assert unknown_thing("are the cramps normal with pls", ["cramps"]) == "cramps"
    assert unknown_thing("what does the bladder do", ["bladder"]) == ""
