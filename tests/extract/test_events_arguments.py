"""Event arguments the parse gives beyond a verb's subject and object: the target as the subject of
a verb of suffering, the body through which a possessor acts, "engaged in <gerund>", event nouns
inside a container ("a wave of bombings"). Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.test_events import one, rels


@pytest.mark.parametrize("text,src,dst", [
    ("Turkey has suffered a wave of bombings by Kurdish militants this year.", "Kurdish militants", "Turkey"),
    ("The port city of Mariupol came under heavy shelling by government troops on Monday.",
     "government troops", "Mariupol"),
    ("Israel repelled an assault by Hamas fighters near the border.", "Hamas", "Israel"),
])
def test_the_subject_of_a_verb_of_suffering_is_the_target(extract, text: str, src: str, dst: str) -> None:
    one(extract(text), "ATTACKS", src, dst)


def test_suffering_without_an_inflicter_gives_nothing(extract) -> None:
    assert rels(extract("Turkey has suffered a wave of bombings this year."), "ATTACKS") == []


@pytest.mark.parametrize("text,src,dst", [
    ("Germany declared war on France in 1914.", "Germany", "France"),
    ("The Kremlin is waging a brutal assault on Chechen rebels.", "Kremlin", "Chechen rebels"),
    ("Canada is engaged in torturing prisoners, the report said.", "Canada", "prisoners"),
    ("The farmers were shot dead in their house by Russian special forces.", "Russian special forces", "farmers"),
    ("Police arrested Omar Haddad for the poisoning of Ivan Petrov.", "Omar Haddad", "Ivan Petrov"),
])
def test_more_ways_to_say_an_attack(extract, text: str, src: str, dst: str) -> None:
    one(extract(text), "ATTACKS", src, dst)


def test_a_possessive_pronoun_on_a_force_names_who_acts_through_it(extract) -> None:
    x = extract("Saddam Hussein ruled Iraq for decades. His regime tortured thousands of dissidents.")
    one(x, "ATTACKS", "Saddam Hussein", "dissidents")
    # not for any noun: "his wife" is not the man
    x = extract("Mark Olsen arrived in Paris on Monday. His wife attacked the reporters.")
    assert not [r for r in rels(x, "ATTACKS") if r[1] == "Mark Olsen"]


def test_an_actor_is_never_its_own_event_s_target(extract) -> None:
    x = extract("Norway and Denmark support the government.")
    assert rels(x, "SUPPORTS") == []


def test_people_from_a_place_are_not_the_place(extract) -> None:
    x = extract("Federal prosecutors charged two Vermont developers with fraud.")
    assert not [r for r in rels(x) if r[2] == "Vermont"]


def test_a_sufferer_is_the_verb_s_own_subject(extract) -> None:
    x = extract("Federal troops were sent to repel raids by Kurdish militants in the north.")
    assert rels(x, "ATTACKS") == []


def test_a_sunk_ship_stands_for_its_side(extract) -> None:
    one(extract("The British Navy, which sank two German destroyers, won the battle."),
        "ATTACKS", "British Navy", "German")


@pytest.mark.parametrize("text", [
    "The Kremlin backed the Minsk Agreement.",
    "Senator Ames endorsed the Iran Nuclear Agreement in July.",
    "Senator Hale supported the North American Free Trade Agreement.",
    "Governor Tom Hale strongly supports the Cuba policy of the administration.",
])
def test_laws_agreements_and_policies_are_no_parties(extract, text: str) -> None:
    assert rels(extract(text), "SUPPORTS") == []


def test_a_body_named_like_a_programme_still_acts(extract) -> None:
    one(extract("The World Food Programme sent aid to refugees in Chad."), "AIDS", "World Food Programme", "refugees")


@pytest.mark.parametrize("text,src,dst", [
    ("Three Afghan soldiers were killed in an attack by Taliban fighters on Sunday.", "Taliban", "Afghan soldiers"),
    ("Four policemen were wounded during a raid by Hamas militants.", "Hamas militants", "policemen"),
    ("Two civilians died in a Russian air strike on Monday.", "Russia", "civilians"),
])
def test_those_harmed_in_an_event_are_its_target(extract, text: str, src: str, dst: str) -> None:
    one(extract(text), "ATTACKS", src, dst)


def test_harm_in_an_event_without_an_actor_gives_nothing(extract) -> None:
    assert rels(extract("Three Afghan soldiers were killed in an attack on Sunday."), "ATTACKS") == []


def test_we_is_the_speaking_body_but_not_a_speaking_person(extract) -> None:
    x = extract('"We will strike the Hamas bases in Gaza," the Israeli army said on Monday.')
    r = one(x, "ATTACKS", "Israel", "Hamas")
    assert r.mode == "future"
    x = extract('"We fight against the Taliban every day," General John Nicholson said.')
    assert rels(x, "ATTACKS") == []


@pytest.mark.parametrize("text,src,dst", [
    ("Three Chechen rebels were responsible for attacking a Russian convoy near Grozny.", "Chechen rebels", "Russia"),
    ("The Taliban claimed responsibility for killing six Afghan policemen.", "Taliban", "Afghan policemen"),
])
def test_the_one_answerable_for_an_act_is_its_actor(extract, text: str, src: str, dst: str) -> None:
    one(extract(text), "ATTACKS", src, dst)


@pytest.mark.parametrize("text,src,dst", [
    ("Prosecutors accused Omar Haddad of the bombing of the Jordanian embassy.", "Omar Haddad", "Jordanian embassy"),
    ("Colonel Ivan Petrov was charged with killing two Chechen journalists.", "Ivan Petrov", "Chechen journalists"),
])
def test_the_one_accused_of_an_act_is_its_alleged_actor(extract, text: str, src: str, dst: str) -> None:
    r = one(extract(text), "ATTACKS", src, dst)
    assert r.status == "alleged"


def test_a_decision_is_its_holder_s_not_its_praiser_s(extract) -> None:
    one(extract("Senator Hale praised Governor Ames's decision to sanction Iran."), "SANCTIONS", "Ames", "Iran")
    assert rels(extract("Senator Hale praised the decision to sanction Iran."), "SANCTIONS") == []
    one(extract("Iran made a decision to attack the Saudi tankers."), "ATTACKS", "Iran", "Saudi")


def test_mobilising_for_someone_is_not_against_them(extract) -> None:
    x = extract("The Green Party is trying to mobilize students to turn out on election day for Senator Ames.")
    assert rels(x, "MOBILIZES_AGAINST") == []


def test_what_befalls_a_party_is_not_the_party(extract) -> None:
    assert rels(extract("Hundreds of students joined a protest of Omar Haddad's death in Cairo."), "PROTESTS") == []


def test_she_skips_a_man_the_article_calls_mister(extract) -> None:
    x = extract("Mrs. Ames met voters in Ohio on Monday. Mr. Hale said she attacked the police union unfairly.")
    assert [r[1] for r in rels(x, "CONDEMNS")] == ["Ames"]


@pytest.mark.parametrize("text,a,b", [
    ("Talks between Russia and Turkey ended in Sochi.", "Russia", "Turkey"),
    ("The debate between Senator Hale and Governor Ames was tense.", "Hale", "Ames"),
    ("US-China talks resumed in Geneva on Monday.", "United States", "China"),
])
def test_a_meeting_names_both_parties_after_between_or_before_the_noun(extract, text: str, a: str, b: str) -> None:
    one(extract(text), "MEETS_WITH", a, b)


def test_a_compound_participle_names_who_backs_funds_or_trains(extract) -> None:
    one(extract("Kremlin-backed separatists shelled the town of Avdiivka."), "SUPPORTS", "Kremlin", "separatists")
    one(extract("Iranian-funded militias control the border crossing."), "AIDS", "Iran", "militias")
    assert rels(extract("The wounded soldiers were evacuated from Kandahar."), "ATTACKS") == []


def test_an_event_noun_as_a_setting_is_not_carried_by_the_verb(extract) -> None:
    x = extract("Tom Hale gave some frank tips to Mary Ames on Tuesday in the televised mayoral debates.")
    assert rels(x, "MEETS_WITH") == []
    one(extract("Turkey participated in the raid on Afrin."), "ATTACKS", "Turkey", "Afrin")


def test_a_person_named_like_a_document_is_still_a_party(extract) -> None:
    one(extract("China sanctioned Nathan Law on Friday."), "SANCTIONS", "China", "Nathan Law")
