"""Later mentions of a person that NER left untagged (kg.extract.name_sweep): the stage's input is
NER's mentions, its output the Person mentions it adds. Real spaCy parses, sentences written here."""

from __future__ import annotations

from bisect import bisect_right

from kg.extract.entities import Mention
from kg.extract.name_junk import lower_words
from kg.extract.name_sweep import surname_mentions


def _sweep(extractor, text: str, named: list[str]) -> list[str]:
    doc = extractor.nlp(text)
    starts = [s.start for s in doc.sents]
    given = [Mention(text.index(n), text.index(n) + len(n), n, "Person", 0) for n in named]
    found = surname_mentions(doc, text, given, lower_words(text), lambda i: bisect_right(starts, i) - 1)
    return [f"{m.start}:{m.text}" for m in found]


def test_every_untagged_surname_of_a_named_person_becomes_a_mention(extractor) -> None:
    text = ("The chef Ramon Quaid opened a bistro in Leeds. Quaid has sold cookbooks for years. "
            "Critics called Quaid a fraud, and Quaid's publishers defended him.")
    found = _sweep(extractor, text, ["Ramon Quaid"])
    assert [f.split(":")[1] for f in found] == ["Quaid", "Quaid", "Quaid"]


def test_a_surname_inside_another_name_or_after_another_given_name_is_not_taken(extractor) -> None:
    text = ("Walter Brandt spoke in Ohio. The Brandt Foundation paid for the rally, the Brandt campaign "
            "filmed it, and Greta Brandt introduced him. Brandt said the crowd was huge.")
    found = _sweep(extractor, text, ["Walter Brandt"])
    assert found == [f"{text.rindex('Brandt said')}:Brandt"]


def test_a_surname_the_article_also_writes_in_lower_case_stays_a_word(extractor) -> None:
    text = "Condoleezza Rice visited the farms. Rice exports fell, and the rice harvest was poor."
    assert _sweep(extractor, text, ["Condoleezza Rice"]) == []
