"""Trigger senses (schema/events.yaml ``senses``, kg/extract/trigger_sense.py): a polysemous or
phrasal trigger announces its event only in the construction that gives it that sense. For each
trigger, a sentence in the sense and one in another sense. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.event_lexicon import trigger_lexicon
from tests.extract.test_events import one, rels


@pytest.mark.parametrize("text,rtype,src,dst", [
    ("Gunmen fired on Kurdish soldiers near Raqqa.", "ATTACKS", "gunmen", "Kurdish soldiers"),
    ("Kurdish soldiers were fired upon by gunmen near Raqqa.", "ATTACKS", "gunmen", "Kurdish soldiers"),
    ("Hezbollah fired rockets at Israel overnight.", "ATTACKS", "Hezbollah", "Israel"),
    ("Masked gunmen opened fire on Iraqi policemen in Mosul.", "ATTACKS", "gunmen", "Iraqi policemen"),
    ("Afghan soldiers came under fire from Taliban fighters near Kunduz.", "ATTACKS", "Taliban", "Afghan soldiers"),
    ("Protesters threw stones at French police in Marseille.", "ATTACKS", "protesters", "French police"),
    ("Beijing cracked down on Uighur activists last year.", "COERCES", "Beijing", "Uighur activists"),
    ("French police fired tear gas at protesters in Paris.", "COERCES", "French police", "protesters"),
    ("Riot police sprayed water cannon at the protesters.", "COERCES", "police", "protesters"),
    ("Syrian troops sprayed bullets into the crowd of protesters.", "ATTACKS", "Syrian troops", "protesters"),
    ("Iraq annexed Kuwait in 1990.", "COERCES", "Iraq", "Kuwait"),
    ("Moscow's annexation of Crimea alarmed Poland.", "COERCES", "Moscow", "Crimea"),
    ("Germany called on Russia to withdraw its troops.", "REQUESTS", "Germany", "Russia"),
    ("Macron encouraged Italy to raise its defence budget.", "REQUESTS", "Macron", "Italy"),
    ("Beijing warned Seoul to halt the joint drills.", "REQUESTS", "Beijing", "Seoul"),
    ("Beijing warned Seoul against any new deployment.", "REQUESTS", "Beijing", "Seoul"),
    ("Angela Merkel reached out to Emmanuel Macron on the budget.", "MEETS_WITH", "Merkel", "Macron"),
    ("Justin Trudeau had lunch with Joe Biden in Ottawa.", "MEETS_WITH", "Trudeau", "Biden"),
    ("Canada will work with Mexico on border security.", "COOPERATES_WITH", "Canada", "Mexico"),
    ("Japan will work with NATO members on new export rules.", "COOPERATES_WITH", "Japan",
     "NATO members"),
    ("Canadian troops are working alongside Latvian soldiers.", "COOPERATES_WITH", "Canadian troops",
     "Latvian soldiers"),
    ("Estonia branded Russia a terrorist state.", "CONDEMNS", "Estonia", "Russia"),
    ("Boris Johnson dismissed Jeremy Corbyn as a fantasist.", "CONDEMNS", "Johnson", "Corbyn"),
    ("Vladimir Putin lashed out at NATO on Friday.", "CONDEMNS", "Putin", "North Atlantic Treaty Organization"),
    ("Viktor Orban openly admires Vladimir Putin.", "SUPPORTS", "Orban", "Putin"),
    ("Senator Ann Dale hailed Volodymyr Zelensky as a hero.", "SUPPORTS", "Dale", "Zelensky"),
    ("Washington lifted sanctions on Venezuela in May.", "CONCEDES_TO", "Washington", "Venezuela"),
    ("Syrian soldiers shot three Kurdish fighters near Afrin.", "ATTACKS", "Syrian soldiers", "Kurdish fighters"),
    ("Vladimir Putin scoffed at NATO on Friday.", "REJECTS", "Putin", "North Atlantic Treaty Organization"),
    ("The Kremlin brushed aside Lithuania.", "REJECTS", "Kremlin", "Lithuania"),
    ("Germany rebuked Hungary over the veto.", "CONDEMNS", "Germany", "Hungary"),
    ("The European Union eased its embargo on Belarus.", "CONCEDES_TO", "European Union", "Belarus"),
])
def test_a_trigger_in_its_sense_starts_its_event(extract, text: str, rtype: str, src: str, dst: str) -> None:
    one(extract(text), rtype, src, dst)


@pytest.mark.parametrize("text,rtype", [
    ("Donald Trump fired James Comey on Tuesday.", "ATTACKS"),  # dismissal, a date after "on"
    ("James Comey was fired on Tuesday by Donald Trump.", "ATTACKS"),
    ("Nissan fired Carlos Ghosn at a board meeting in Tokyo.", "ATTACKS"),
    ("Turkish soldiers fired back at Kurdish critics in Ankara.", "ATTACKS"),  # a retort
    ("Boris Johnson came under fire from the Labour Party over his remarks.", "ATTACKS"),  # criticism
    ("Protesters threw flowers at Emmanuel Macron in Marseille.", "ATTACKS"),  # no wound
    ("French police fired tear gas at protesters in Paris.", "ATTACKS"),  # crowd control: COERCES
    ("Dutch police cracked Ennetcom.", "COERCES"),
    ("Germany called Russia a threat to Europe.", "REQUESTS"),
    ("Joe Biden called on Justin Trudeau in Ottawa.", "REQUESTS"),  # a visit, no infinitive
    ("Angela Merkel encouraged Ukraine with her words.", "REQUESTS"),
    ("Beijing warned Seoul of consequences.", "REQUESTS"),
    ("Justin Trudeau made breakfast with Joe Biden.", "MEETS_WITH"),
    ("Justin Trudeau reached out to Canadian voters in Quebec.", "MEETS_WITH"),  # campaigning
    ("Jane Smith worked with Microsoft for ten years.", "COOPERATES_WITH"),  # a job
    ("Donald Trump dismissed James Comey as FBI director.", "CONDEMNS"),  # a firing
    ("Donald Trump dismissed James Comey.", "CONDEMNS"),
    ("Washington lifted its threats against Huawei.", "CONCEDES_TO"),  # no sanction eased
    ("Russian jets shot flares at Swedish warplanes over the Baltic.", "ATTACKS"),  # harassment
    ("Reuters shot a video of Vladimir Putin in Sochi.", "ATTACKS"),  # filming
    ("The Kremlin brushed Lithuania's emblem with gold paint.", "REJECTS"),  # a brush stroke
])
def test_a_trigger_in_another_sense_starts_nothing(extract, text: str, rtype: str) -> None:
    x = extract(text)
    assert not rels(x, rtype), rels(x)


def test_easing_one_s_own_sanctions_is_a_concession_not_a_sanction(extract) -> None:
    """Sanctions lifted or eased belong to CONCEDES_TO: "eased his sanctions" once made the easer
    their imposer (the possessor of the sanctions), the opposite of what happened."""
    x = extract("Joe Biden eased his sanctions on Cuba.")
    one(x, "CONCEDES_TO", "Biden", "Cuba")
    assert not rels(x, "SANCTIONS"), rels(x)


def test_every_sense_says_why_and_names_a_trigger_of_its_type() -> None:
    lex = trigger_lexicon()
    for (lemma, rtype), sense in lex.senses.items():
        assert any(c.type == rtype for c in lex.classes_of.get(lemma, ())), (lemma, rtype)
        assert sense.verb or sense.noun, (lemma, rtype)


def test_hails_from_names_no_one_supported(extract) -> None:
    one(extract("Viktor Orban hailed Recep Tayyip Erdogan as a partner."), "SUPPORTS", "Orban", "Erdogan")
    x = extract("Senator Maria Lopez, who hails from Mexico, spoke.")
    assert not rels(x, "SUPPORTS"), rels(x)


def test_a_visit_to_a_building_is_no_meeting(extract) -> None:
    assert not rels(extract("Detectives visited the Zizzi restaurant in Salisbury."), "MEETS_WITH")
    one(extract("Emmanuel Macron visited Xi Jinping in April."), "MEETS_WITH", "Macron", "Xi Jinping")
