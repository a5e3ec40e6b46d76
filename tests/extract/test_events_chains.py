"""Event arguments found beyond the trigger's own phrase: the act (or its instrument) as the subject
of a verb of harm, a definite event noun that refers back to a recent event, the parties of
"fighting between X and Y", a verb with two subjects in the parse, "hundreds of X", and generic
actors qualified only by a kind word. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.test_events import one, rels


@pytest.mark.parametrize("text,src,dst", [
    ("Airstrikes by Turkey killed eleven Kurdish fighters near the border on Sunday.", "Turkey", "Kurdish fighters"),
    ("Israeli missiles wounded several Palestinian civilians in the camp.", "Israel", "Palestinian civilians"),
])
def test_the_act_as_subject_of_a_verb_of_harm_gives_its_actor(extract, text: str, src: str, dst: str) -> None:
    one(extract(text), "ATTACKS", src, dst)


def test_a_definite_event_noun_takes_the_actor_of_a_recent_event(extract) -> None:
    x = extract("Ethiopian jets bombed rebel positions in Tigray on Monday. "
                "The strikes killed fourteen villagers, a local official said.")
    one(x, "ATTACKS", "Ethiopia", "villagers")


def test_the_back_reference_is_short_and_needs_a_definite_noun(extract) -> None:
    far = extract("Ethiopian jets bombed rebel positions in Tigray on Monday. The weather was cold. "
                  "Aid trucks waited at the border. Food ran short in the camps. "
                  "The strikes killed fourteen villagers, a local official said.")
    assert not [r for r in rels(far, "ATTACKS") if r[2] == "villagers"]
    indefinite = extract("Ethiopian jets bombed rebel positions in Tigray on Monday. "
                         "Strikes killed fourteen villagers elsewhere, a local official said.")
    assert not [r for r in rels(indefinite, "ATTACKS") if r[2] == "villagers"]


def test_an_unrelated_subject_gives_no_actor(extract) -> None:
    x = extract("Ethiopian jets bombed rebel positions in Tigray on Monday. The floods killed fourteen villagers.")
    assert not [r for r in rels(x, "ATTACKS") if r[2] == "villagers"]


def test_fighting_between_two_parties(extract) -> None:
    one(extract("Two soldiers died in fighting between the army and Maoist rebels in the hills."),
        "ATTACKS", "army", "Maoist rebels")
    one(extract("The agreement between Chile and Peru ended the dispute."), "AGREES_WITH", "Chile", "Peru")


def test_a_verb_with_two_subjects_in_the_parse_takes_the_one_that_names_a_party(extract) -> None:
    x = extract("The worst day of the war, in which Serbian gunmen murdered twenty refugees, is remembered.")
    one(x, "ATTACKS", "Serbian gunmen", "refugees")


def test_hundreds_of_people_are_those_people(extract) -> None:
    one(extract("Government soldiers executed hundreds of dissidents."), "ATTACKS", "soldiers", "dissidents")
    one(extract("The guards shot 300 of the prisoners."), "ATTACKS", "guards", "prisoners")


@pytest.mark.parametrize("text,src,dst", [
    ("Two journalists were detained by intelligence officers on Friday.", "intelligence officers", "journalists"),
    ("Opposition forces ambushed a convoy of Wagner mercenaries.", "Opposition forces", "Wagner mercenaries"),
])
def test_a_kind_word_qualifies_a_vague_actor_head(extract, text: str, src: str, dst: str) -> None:
    x = extract(text)
    n = {e.id: e.name for e in x.entities}
    assert [r for r in x.relations if src.lower() in n[r.source].lower() and dst.split()[-1] in n[r.target]], rels(x)


def test_a_kind_word_away_from_the_head_does_not_qualify_it(extract) -> None:
    x = extract("Special interest groups attacked the senator in a long statement.")
    assert not [e for e in x.entities if "groups" in e.name]


@pytest.mark.parametrize("text,rtype,src,dst", [
    ("Narendra Modi and Nawaz Sharif met in Lahore on Friday.", "MEETS_WITH", "Modi", "Sharif"),
    ("Colombia and the FARC negotiated for four years in Havana.", "MEETS_WITH", "Colombia", "FARC"),
    ("Police officers and protesters clashed outside the parliament.", "ATTACKS", "police", "protesters"),
    ("Ethiopia and Eritrea fought a border war.", "ATTACKS", "Ethiopia", "Eritrea"),
])
def test_coordinated_actors_of_a_mutual_act_do_it_to_each_other(extract, text: str, rtype: str, src: str,
                                                               dst: str) -> None:
    one(extract(text), rtype, src, dst)


def test_a_one_sided_act_of_coordinated_actors_needs_its_target(extract) -> None:
    assert rels(extract("Kenya and Uganda attacked at dawn."), "ATTACKS") == []


def test_paying_a_visit_is_meeting(extract) -> None:
    one(extract("Jacinda Ardern paid a visit to Scott Morrison in Sydney."), "MEETS_WITH", "Ardern", "Morrison")


def test_the_verb_over_an_event_noun_sets_its_modality(extract) -> None:
    assert rels(extract("Boris Johnson cancelled his meeting with Leo Varadkar."), "MEETS_WITH") == []
    planned = one(extract("Hezbollah planned an attack on Israel."), "ATTACKS", "Hezbollah", "Israel")
    assert planned.mode == "planned"
    named = one(extract("Amnesty called the Serbian shootings of Albanian villagers a crime."),
                "ATTACKS", "Serbia", "Albanian villagers")  # a nationality word that acts is its state
    assert named.mode is None  # "called X a crime" names the shootings, it asks for nothing


def test_a_threat_of_an_act_threatens_its_target(extract) -> None:
    x = extract("Hamas threatened rocket attacks against Israel.")
    one(x, "THREATENS", "Hamas", "Israel")
    assert one(x, "ATTACKS", "Hamas", "Israel").mode == "threatened"


def test_a_negated_refusal_affirms_the_act(extract) -> None:
    rel = one(extract("Turkey will not stop shelling Kurdish rebels."), "ATTACKS", "Turkey", "Kurdish rebels")
    assert rel.mode == "future"
    assert rels(extract("Turkey stopped shelling Kurdish rebels."), "ATTACKS") == []


def test_a_physical_manner_keeps_an_assault_physical(extract) -> None:
    one(extract("Jim Harris sexually assaulted Anna Kovac in 2015."), "ATTACKS", "Jim Harris", "Anna Kovac")
    one(extract("Jim Harris attacked Anna Kovac in a long statement."), "CONDEMNS", "Jim Harris", "Anna Kovac")


def test_a_candidate_is_helped_through_her_campaign(extract) -> None:
    x = extract("Maria Lopez announced her run for mayor on Monday. Wealthy donors funded her campaign.")
    one(x, "AIDS", "donors", "Maria Lopez")


def test_whoever_is_moved_to_act_acts(extract) -> None:
    one(extract("The massacre prompted NATO to strike Serbian troops."), "ATTACKS", "North Atlantic", "Serbian")


def test_what_is_deployed_is_not_the_target(extract) -> None:
    x = extract("Moscow ordered the deployment of paratroopers to the Georgian border.")
    assert not [r for r in rels(x, "MOBILIZES_AGAINST") if r[2] == "paratroopers"]


def test_an_invitation_to_meet_is_a_request(extract) -> None:
    assert one(extract("Angela Merkel invited Justin Trudeau to visit her in Berlin."),
               "MEETS_WITH", "Trudeau", "Merkel").mode == "requested"


def test_a_definite_event_noun_with_its_own_parties_refers_to_no_earlier_event(extract) -> None:
    x = extract("Olaf Scholz held talks with Emmanuel Macron on Monday. "
                "The meeting between Giorgia Meloni and Pedro Sanchez followed on Tuesday.")
    one(x, "MEETS_WITH", "Meloni", "Sanchez")
    assert not [r for r in rels(x, "MEETS_WITH") if r[1] == "Olaf Scholz" and r[2] != "Emmanuel Macron"]


def test_ordering_a_raid_reports_who_was_behind_it(extract) -> None:
    rel = one(extract("Karl Brenner ordered the raid on the offices of the Daily Courier."), "ATTACKS", "Brenner", "Courier")
    assert rel.mode is None


def test_charges_against_a_party_accuse_it(extract) -> None:
    one(extract("Federal prosecutors filed charges against Paul Manafort on Monday."),
        "ACCUSES", "prosecutors", "Paul Manafort")
    assert rels(extract("The hotel added service charges of $20 to the bill."), "ACCUSES") == []


def test_deploying_to_a_country_is_not_mobilising_against_it(extract) -> None:
    x = extract("NATO deployed four battalions to Estonia and Latvia last year.")
    assert rels(x, "MOBILIZES_AGAINST") == []
    one(extract("Russia massed troops against Ukraine."), "MOBILIZES_AGAINST", "Russia", "Ukraine")


@pytest.mark.parametrize("text,src,dst", [
    ("The journalists were beaten and robbed by police officers.", "police officers", "journalists"),
    ("A Kurdish fighter captured and tortured by Turkish troops has died.", "Turkish troops", "Kurdish fighter"),
])
def test_coordinated_participles_share_their_agent(extract, text: str, src: str, dst: str) -> None:
    one(extract(text), "ATTACKS", src, dst)


def test_a_perfect_tense_does_not_share_a_later_agent(extract) -> None:
    x = extract("The gunman has attacked two pilgrims and been arrested by police.")
    assert not [r for r in rels(x, "ATTACKS") if r[1] == "police"]


def test_the_heads_of_two_states_stand_for_both(extract) -> None:
    one(extract("The prime ministers of Norway and Finland met in Oslo on Monday."), "MEETS_WITH", "Norway", "Finland")
    one(extract("The governments of Chad and Sudan signed an agreement."), "AGREES_WITH", "Chad", "Sudan")


def test_a_figurative_war_or_a_shared_purpose_is_no_attack(extract) -> None:
    assert rels(extract("The tariff war between Canada and Mexico hurt dairy farmers."), "ATTACKS") == []
    assert rels(extract("The court battle between Siemens and Alstom ended in March."), "ATTACKS") == []
    assert rels(extract("Greenpeace and the Sierra Club fought for years to save the forest."), "ATTACKS") == []
    one(extract("Armenia and Azerbaijan fought a war over the enclave."), "ATTACKS", "Armenia", "Azerbaijan")


def test_taking_charge_is_no_accusation_and_a_failed_assault_still_happened(extract) -> None:
    assert rels(extract("General Ivo Marek took charge of Serbian forces in Kosovo."), "ACCUSES") == []
    one(extract("Prosecutors brought charges against Daniel Moretti."), "ACCUSES", "prosecutors", "Daniel Moretti")
    one(extract("The army failed in its assault on Hezbollah near Tyre."), "ATTACKS", "army", "Hezbollah")
