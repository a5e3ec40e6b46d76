"""Who "he" and "she" are when they speak: one resolver (kg.extract.coref) for claims and events,
with salience first (a subject, or a subject's possessor, of the own sentence; then an earlier
subject), gender from honorifics and given names (kg.extract.gender), and never a name inside
somebody's quoted words. Real spaCy, sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.gender import given_name_gender, honorific_gender
from kg.model import Extraction


def _speaker_of(x: Extraction, cue: str) -> list[str]:
    names = {e.id: e.name for e in x.entities}
    found = [c for c in x.claims if c.cue.text == cue]
    assert found, f"no claim cued {cue!r}: {[c.cue.text for c in x.claims]}"
    sp = found[-1].speaker
    assert sp is not None
    return [names[i] for i in sp.entities]


@pytest.mark.parametrize("text,speaker", [
    pytest.param('Peter Hale met Sarah Lind at the state house on Monday. "We will not give up," she said.',
                 ["Sarah Lind"], id="she_skips_the_nearer_man"),
    pytest.param('Dan Ortiz met voters in the square on Monday. "Alan Brooks has no plan for the harbour," he said.',
                 ["Dan Ortiz"], id="a_name_inside_the_quote_is_not_the_narrators_he"),
    pytest.param("Tom Haley criticised the budget on Monday. Mark Ruiz's proposal drew fire from the unions, "
                 "and he said it would pass anyway.",
                 ["Mark Ruiz"], id="the_possessor_of_the_own_sentences_subject_outranks_an_earlier_subject"),
    pytest.param("Carla Mendes spoke first. After meeting Paul Greer, she said the deal was close.",
                 ["Carla Mendes"], id="a_man_in_an_adjunct_of_the_own_sentence_is_the_last_resort"),
    pytest.param('Senator Ines Carvalho toured the port on Monday. "The dredging is late," the Oregon senator said.',
                 ["Ines Carvalho"], id="a_definite_description_is_the_person_not_the_place_in_it"),
    pytest.param("Helga Strand arrived in Oslo on Monday. The official, who would not give her name, "
                 "said the talks had stalled.",
                 [], id="a_bare_role_borrows_no_ones_name"),
])
def test_who_says_it(extract, text: str, speaker: list[str]) -> None:
    assert _speaker_of(extract(text), "said") == speaker


def test_gender_comes_from_honorifics_and_common_given_names() -> None:
    assert honorific_gender("said Mrs.") == "f" and honorific_gender("Mr. ") == "m"
    assert honorific_gender("the ") is None
    assert given_name_gender("Margaret Okafor") == "f" and given_name_gender("Robert Lang") == "m"
    # a name common to both sexes, a bare surname and a given name outside the lists tell nothing
    assert given_name_gender("Casey Ellis") is None and given_name_gender("Taylor Brandt") is None
    assert given_name_gender("Okafor") is None
    assert given_name_gender("Zorvath Brandt") is None


def test_a_body_in_the_description_still_speaks_when_no_holder_is_known(extract) -> None:
    x = extract("Talks resumed in Geneva on Monday. The NATO envoy said the alliance would wait.")
    assert _speaker_of(x, "said") == ["North Atlantic Treaty Organization"]
    x = extract("Talks resumed in Geneva on Monday. The Russian envoy said Moscow would wait.")
    assert _speaker_of(x, "said") == ["Russian"]  # the nationality word, which stands for its state


def test_supporters_of_a_person_are_not_that_person(extract) -> None:
    x = extract("Supporters of Mayor Ilan Weiss praised the council for reopening the library.")
    assert "Ilan Weiss" not in _speaker_of(x, "praised")


def test_a_place_in_the_phrase_speaks_only_as_its_possessor(extract) -> None:
    assert _speaker_of(extract("Police in Chicago said three men were arrested."), "said") == ["police"]
    x = extract("Oregon's health director said the state would appeal the ruling.")
    assert _speaker_of(x, "said") == ["Oregon"]


def test_a_body_noun_takes_the_main_clause_subject_before_it(extract) -> None:
    x = extract("Earlier that year, the ETA had gained recruits after the Guardia Civil raided 20 homes. "
                "A man was arrested in Bilbao. "
                "In the spring the organisation was sure enough of itself to hold secret talks with French ministers.")
    found = [r for r in x.relations if r.type == "MEETS_WITH"]
    names = {e.id: e.name for e in x.entities}
    assert found and all(names[r.source] == "ETA" for r in found), [(names[r.source], names[r.target]) for r in found]
