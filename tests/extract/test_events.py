"""Events between actors through the real Extractor: the PLOVER-aligned typology, generic actors
(schema/agents.yaml), actor coreference, place and date. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.events import trigger_lexicon
from kg.model import Extraction, Relation
from kg.schema import load_schema


def rels(x: Extraction, rtype: str | None = None) -> list[tuple[str, str, str]]:
    n = {e.id: e.name for e in x.entities}
    return [(r.type, n[r.source], n[r.target]) for r in x.relations if rtype in (None, r.type)]


def one(x: Extraction, rtype: str, src: str, dst: str) -> Relation:
    n = {e.id: e.name for e in x.entities}
    found = [r for r in x.relations if r.type == rtype and src in n[r.source] and dst in n[r.target]]
    assert found, f"no {rtype} {src} -> {dst} in {rels(x)}"
    return found[0]


def test_every_domain_type_names_its_plover_category_and_has_triggers() -> None:
    schema = load_schema()
    lex = {c.type for c in trigger_lexicon().classes}
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    for rtype in schema.domain_types:
        assert schema.relationships[rtype].plover in plover, rtype
        assert rtype in lex, rtype
    assert lex <= set(schema.domain_types)
    assert {"RECRUITS_FOR", "TRAINS"} <= set(schema.domain_types)
    assert plover == {schema.relationships[t].plover for t in schema.domain_types}


def test_generic_actors_with_agent_type_place_and_date(extract) -> None:
    x = extract("Unknown gunmen attacked Afghan soldiers in Kandahar on Monday.")
    r = one(x, "ATTACKS", "gunmen", "Afghan soldiers")
    assert r.event_type == "ASSAULT" and r.status == "asserted" and r.mode is None
    ents = {e.id: e for e in x.entities}
    assert ents[r.place].name == "Kandahar" and r.date == "Monday"
    assert ents[r.source].label == "Group" and ents[r.source].properties["agent_type"] == "rebels"
    soldiers = ents[r.target]
    assert soldiers.properties["agent_type"] == "military" and soldiers.properties.get("country")


def test_qualifiers_keep_actors_apart_and_merge_what_agrees(extract) -> None:
    swedish = extract("Swedish mercenaries fought Russian soldiers in Kharkiv.", "a1")
    wagner = extract("Wagner mercenaries attacked Ukrainian troops near Bakhmut.", "a2")
    from_sweden = extract("Mercenaries from Sweden attacked a Russian convoy, Stockholm said.", "a3")
    ids = {a: next(e.id for e in x.entities if e.label == "Group" and "ercenaries" in e.name)
           for a, x in (("swedish", swedish), ("wagner", wagner), ("from", from_sweden))}
    assert ids["swedish"] != ids["wagner"]
    assert ids["swedish"] == ids["from"]  # the same qualifier (Sweden), written two ways
    assert next(e.name for e in from_sweden.entities if e.id == ids["from"]) == "Swedish mercenaries"
    one(wagner, "AFFILIATED_WITH", "Wagner mercenaries", "Wagner")


def test_unqualified_actors_belong_to_their_article(extract) -> None:
    a = extract("Protesters attacked the police in Minsk.", "p1")
    b = extract("Protesters attacked the police in Tbilisi.", "p2")
    assert rels(a, "ATTACKS") and rels(b, "ATTACKS")
    assert a.relations[0].source != b.relations[0].source


def test_vague_heads_alone_are_no_actors(extract) -> None:
    x = extract("The group attacked the organization.")
    assert rels(x, "ATTACKS") == []


@pytest.mark.parametrize(("text", "rtype", "src", "dst"), [
    # "the embassy" is the Polish embassy named before
    ("The Polish embassy in Vilnius issued a statement on Monday. The embassy is recruiting volunteers "
     "for the Kalinouski Regiment.", "RECRUITS_FOR", "Polish embassy", "Kalinouski"),
    # "They": the nearest body of people, not a state
    ("Taliban gunmen stormed a checkpoint in Helmand. They killed twelve Afghan soldiers.", "ATTACKS",
     "Taliban gunmen", "Afghan soldiers"),
    # "He": the nearest person
    ("Vladimir Putin arrived in Minsk on Friday. He met Alexander Lukashenko.", "MEETS_WITH", "Putin",
     "Lukashenko"),
])
def test_actor_coreference(extract, text: str, rtype: str, src: str, dst: str) -> None:
    x = extract(text)
    r = one(x, rtype, src, dst)
    src_ent = next(e for e in x.entities if e.id == r.source)
    pronoun = text.split(". ")[1].split()[0]
    if pronoun in ("They", "He"):  # the pronoun is now a mention of its antecedent
        assert any(m.text == pronoun for m in src_ent.mentions)


@pytest.mark.parametrize(("text", "rtype", "src", "dst", "event_type"), [
    ("Turkey backs Syrian militias.", "SUPPORTS", "Turkey", "Syrian militias", "SUPPORT"),
    ("Germany funds the Ukrainian army.", "AIDS", "Germany", "Ukrainian army", "AID"),
    ("Police arrested dozens of protesters in Minsk.", "COERCES", "police", "protesters", "COERCE"),
    ("Hezbollah fighters were killed by Israeli troops.", "ATTACKS", "Israeli troops", "Hezbollah fighters",
     "ASSAULT"),
    ("The rebels launched an offensive against government troops.", "ATTACKS", "rebels", "government troops",
     "ASSAULT"),
    ("Hungary held talks with Serbia on energy.", "MEETS_WITH", "Hungary", "Serbia", "CONSULT"),
    ("The European Union imposed sanctions on Iran in March.", "SANCTIONS", "European Union", "Iran", "SANCTION"),
    ("Poland expelled three Russian diplomats.", "COERCES", "Poland", "Russian diplomats", "COERCE"),
    # between two named people an "attack" is words (PLOVER ACCUSE), not force
    ("Donald Trump attacked Hillary Clinton in a speech on Monday.", "CONDEMNS", "Trump", "Hillary Clinton",
     "ACCUSE"),
])
def test_typology(extract, text: str, rtype: str, src: str, dst: str, event_type: str) -> None:
    assert one(extract(text), rtype, src, dst).event_type == event_type


@pytest.mark.parametrize("text", [
    "Slovenia endorsed the invasion of Iraq.",  # endorsing an event is not attacking (nor supporting Iraq)
    "Trump had instructed the Office of the USTR to draft new tariffs.",  # "instruct" = order, not train
    "The Obama administration proposed changes but has been met with opposition.",  # idiom, no meeting
    "The campaign wants to sign up five million voters.",  # signing people up is no agreement
])
def test_no_domain_relation_where_the_words_only_look_like_one(extract, text: str) -> None:
    x = extract(text)
    domain = set(load_schema().domain_types)
    assert [r for r in rels(x) if r[0] in domain] == []


def test_it_is_never_a_plural_actor(extract) -> None:
    x = extract("About a dozen protesters gathered outside the Dallas Tribune after it backed Senator Jane Moore.")
    assert not [r for r in rels(x, "SUPPORTS") if "protesters" in r[1]]


def test_backs_is_support_not_affiliation(extract) -> None:
    x = extract("Turkey backs Syrian militias.")
    assert not [r for r in rels(x, "AFFILIATED_WITH") if r[1] == "Turkey"]


def test_received_support_runs_from_the_giver(extract) -> None:
    x = extract("Senator Smith had the backing of the National Rifle Association in the primary.")
    one(x, "SUPPORTS", "National Rifle Association", "Smith")
    assert not [r for r in rels(x, "SUPPORTS") if "Smith" in r[1]]
    x = extract("Rebels received aid from Iran.")
    one(x, "AIDS", "Iran", "rebels")
    x = extract("Russia's backing of the Syrian government angered Washington.")
    one(x, "SUPPORTS", "Russia", "Syrian government")  # a possessor gives, the of-object receives


def test_verbal_attacks_by_people_or_with_a_reason(extract) -> None:
    x = extract("Clinton attacked her opponent over his tax returns.")
    assert rels(x, "ATTACKS") == []
    one(x, "CONDEMNS", "Clinton", "opponent")
    x = extract("Unknown gunmen attacked a police station in Kabul.")
    one(x, "ATTACKS", "gunmen", "police")


def test_headline_lines_give_no_relations(extract) -> None:
    x = extract("Iran's Supreme Leader Threatens Israel\n\nThe leader spoke in Tehran on Monday.")
    assert rels(x, "THREATENS") == []
    x = extract("Iran Threatens Israel Over Nuclear Deal\n\nIran threatened Israel on Monday.")
    one(x, "THREATENS", "Iran", "Israel")  # the body still counts


def test_the_one_charged_or_arrested_for_an_event_is_its_alleged_actor(extract) -> None:
    x = extract("Police arrested John Miller for the killing of Tom Reed.")
    r = one(x, "ATTACKS", "John Miller", "Tom Reed")
    assert r.status == "alleged"
    one(x, "COERCES", "police", "John Miller")
    x = extract("Officer John Miller was charged with murder in the fatal shooting of Tom Reed.")
    assert one(x, "ATTACKS", "John Miller", "Tom Reed").status == "alleged"


def test_an_infinitive_on_a_noun_acts_through_its_holder_and_has_not_happened(extract) -> None:
    x = extract("Senator Smith said he has the right to attack Iran.")
    assert one(x, "ATTACKS", "Smith", "Iran").mode == "possible"
    x = extract("Germany is the latest country to be threatened by Hezbollah.")
    one(x, "THREATENS", "Hezbollah", "Germany")


def test_they_continues_a_plural_subject(extract) -> None:
    x = extract("Taliban gunmen stormed a market in Helmand. They killed 23 Afghan soldiers.")
    one(x, "ATTACKS", "Taliban gunmen", "Afghan soldiers")
    # two named people: "they" is them, never an earlier group
    x = extract("Hamas gunmen fled north. Eva Forest and Maria Lopez stayed home, and they attacked the mayor.")
    assert not [r for r in rels(x, "ATTACKS") if "Hamas" in r[1]]


def test_they_prefers_the_subject_of_its_own_sentence(extract) -> None:
    x = extract("Investigators believe the files were deleted. Hamas gunmen said they would attack Israel again.")
    one(x, "ATTACKS", "Hamas gunmen", "Israel")


def test_first_person_in_a_quote_is_its_speaker(extract) -> None:
    x = extract('General John Nicholson said: "I ordered the strikes on the Taliban."')
    one(x, "ATTACKS", "John Nicholson", "Taliban")
    # the speaker's "they" at the start of a quote names nobody the writer mentioned before
    x = extract('Hamas gunmen fled north. President Abbas survived. "They tried to kill me today," Abbas said.')
    assert rels(x, "ATTACKS") == []


def test_complicity_in_an_attack_is_not_the_attack(extract) -> None:
    x = extract("Police arrested John Miller for complicity in the killing of Tom Reed.")
    assert rels(x, "ATTACKS") == []


def test_shared_objects_only_between_adjacent_verbs_and_we_is_not_the_speaker(extract) -> None:
    x = extract("Government troops were shelling and starving the villagers of Madaya.")
    one(x, "ATTACKS", "government troops", "villagers")
    x = extract("Senator Rendell said he battled through pneumonia in Ohio and called it a common ailment.")
    assert rels(x, "ATTACKS") == []
    x = extract('"We fight against the Taliban every day," General John Nicholson said.')
    assert not [r for r in rels(x, "ATTACKS") if "Nicholson" in r[1]]
    x = extract("RT America is the network financed by the Russian government.")
    assert rels(x, "AIDS") == []


def test_attacks_made_in_tweets_or_as_a_characterisation_are_verbal(extract) -> None:
    x = extract("Senator Ruth Albers attacked Governor Tomas Keel in late-night posts on social media.")
    one(x, "CONDEMNS", "Albers", "Keel")
    x = extract("The Liberal candidate sharply attacked his rival as a liar.")
    assert rels(x, "ATTACKS") == []


def test_the_regime_is_the_named_regime_before_the_nearest_state(extract) -> None:
    x = extract("The Assad regime lost ground near Turkey and Iraq. The regime attacked the rebels on Monday.")
    one(x, "ATTACKS", "Assad regime", "rebels")
    assert not [r for r in rels(x, "ATTACKS") if r[1] in ("Iraq", "Turkey")]
