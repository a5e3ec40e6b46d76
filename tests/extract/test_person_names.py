"""What NER calls a person that is not one, or not only one: a company named for its trade, a
headline's or title's words, a word glued before a name, a body's short form. Real spaCy,
sentences written for these tests."""

from __future__ import annotations

from kg.extract.entities import Mention
from kg.extract.name_junk import common_noun_name, lower_words
from kg.extract.name_sweep import trim_name_openers
from kg.extract.resolve import assign_keys
from kg.model import Extraction


def _people(x: Extraction) -> list[str]:
    return sorted(e.name for e in x.entities if e.label == "Person")


def test_a_company_named_for_its_trade_is_an_organization_and_its_short_form_joins_it(extract) -> None:
    x = extract("Hallam Coal filed for bankruptcy in May. Regulators said Hallam owed the state $40 million, "
                "and Hallam later agreed to pay.")
    firm = [e for e in x.entities if e.name == "Hallam Coal"]
    assert firm and firm[0].label == "Organization"
    assert len(firm[0].mentions) >= 2
    assert "Hallam" not in _people(x)


def test_a_title_cased_phrase_that_ends_in_a_lower_case_word_is_no_person() -> None:
    text = "The board spoke of water reform and modest gains. Modest Gains For Water Reform was the title."
    assert common_noun_name(["Water", "Reform"], text)
    assert not common_noun_name(["Margaret", "Reform"], text)
    assert not common_noun_name(["Senator", "Reform"], text)
    assert not common_noun_name(["Condoleezza", "Rice"], "Condoleezza Rice spoke of rice exports.")
    assert not common_noun_name(["Kim", "Soo-moon"], "Kim Soo-moon spoke of the moon.")


def test_hyphenated_name_parts_are_not_lower_case_words() -> None:
    assert "moon" not in lower_words("Kim Soo-moon spoke.")
    assert "moon" in lower_words("He spoke of the moon.")


def test_a_word_glued_before_a_given_name_is_cut_off() -> None:
    text = "Miss World Teresa Ocampo spoke. Reckless Ocampo Quits, said one headline; reckless or not, she left."
    glued = Mention(0, 25, "Miss World Teresa Ocampo", "Person", 0)
    headline = Mention(32, 47, "Reckless Ocampo", "Person", 1)
    korean = Mention(0, 11, "Kim Soo-moon", "Person", 0)
    trim_name_openers([glued, headline, korean], lower_words(text))
    assert glued.text == "Teresa Ocampo" and glued.start == 11
    assert headline.text == "Ocampo" and headline.start == 41  # "reckless" is a word; Ocampo is named in full
    assert korean.text == "Kim Soo-moon"

def test_a_lone_capitalised_common_noun_is_no_person(extract) -> None:
    x = extract("Coal is cheap in the valley, and the coal trucks run all night. Deborah Lutz said coal jobs matter.")
    assert _people(x) == ["Deborah Lutz"]


def test_a_lone_name_read_once_as_a_body_and_once_as_a_person_is_one_person() -> None:
    text = "Hollis said the plan was flawed. Hollis said the vote was a farce."
    mentions = [Mention(0, 6, "Hollis", "Organization", 0), Mention(33, 39, "Hollis", "Person", 1)]
    clusters = assign_keys(text, mentions)
    assert [(c.label, len(c.mentions)) for c in clusters] == [("Person", 2)]

def test_the_tail_of_one_longer_bodys_name_is_that_body(extract) -> None:
    x = extract("The United Nations Security Council met on Monday. The Security Council said it would vote.")
    assert [(e.label, e.name) for e in x.entities] == [("Organization", "United Nations Security Council")]
    x = extract("The House Intelligence Committee and the Senate Intelligence Committee met. "
                "The Intelligence Committee said it would report.")
    assert len([e for e in x.entities if e.label == "Organization"]) == 3  # which one is not known


def test_no_persons_name_has_a_digit(extract) -> None:
    x = extract("MI6 said it had no comment, and Laura Binns said the same.")
    assert _people(x) == ["Laura Binns"]
    assert all(e.label == "Organization" for e in x.entities if e.name == "MI6")


def test_an_article_opening_the_sentence_is_not_part_of_the_name(extract) -> None:
    x = extract("An Associated Press review of the records found gaps.")
    assert [e.name for e in x.entities if e.label == "Organization"] == ["Associated Press"]


def test_the_opening_words_of_a_heading_before_a_colon_name_nobody(extract) -> None:
    x = extract("Modest Means to Fight Smuggling: The coast guard has few boats and fewer crews.")
    assert [e.name for e in x.entities if e.label in ("Person", "Organization")] == []


def test_a_saints_building_does_not_swallow_the_body_named_in_its_tail() -> None:
    text = "Saint Mark Coptic Church was damaged. The Coptic Church condemned the attack."
    mentions = [Mention(0, 23, "Saint Mark Coptic Church", "Organization", 0),
                Mention(42, 55, "Coptic Church", "Organization", 1)]
    assert len(assign_keys(text, mentions)) == 2
    text = "The United Nations Security Council met. The Security Council voted."
    mentions = [Mention(4, 38, "United Nations Security Council", "Organization", 0),
                Mention(44, 60, "Security Council", "Organization", 1)]
    assert len(assign_keys(text, mentions)) == 1
