"""Attributed claims through the real Extractor (spaCy en_core_web_sm, gazetteers): cue, speaker,
content, status, ids. Sentences are written for these tests."""

from __future__ import annotations

from functools import lru_cache

import pytest

from kg.extract import Extractor
from kg.ids import make_id
from kg.model import Article, Claim, Extraction


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    return Extractor()


def extract(text: str, article_id: str = "a1") -> Extraction:
    return _extractor().extract(Article(article_id, text))


def claim_with_cue(x: Extraction, cue: str) -> Claim:
    found = [c for c in x.claims if c.cue.text.lower().startswith(cue)]
    assert found, f"no claim with cue {cue!r}: {[c.cue.text for c in x.claims]}"
    return found[0]


def entity_named(x: Extraction, fragment: str) -> str:
    ids = [e.id for e in x.entities if fragment in e.name or any(fragment in a for a in e.aliases)]
    assert ids, f"no entity {fragment!r}: {[e.name for e in x.entities]}"
    return ids[0]


def test_reporting_verb_with_that_clause() -> None:
    text = "Foreign Minister Sergei Lavrov said on Tuesday that NATO was preparing drills near Belarus."
    x = extract(text)
    c = claim_with_cue(x, "said")
    assert c.speaker is not None and "Lavrov" in c.speaker.text
    assert c.speaker.entity == entity_named(x, "Lavrov")
    assert c.content is not None and c.content.text.startswith("that NATO")
    assert c.content.text == text[c.content.start:c.content.end]
    assert entity_named(x, "Belarus") in c.about
    assert c.status == "asserted"
    assert c.sentence == (0, len(text))
    assert c.id == make_id("Claim", "a1", c.cue.start, c.cue.end)


def test_claim_ids_are_deterministic() -> None:
    text = "The ministry said that the talks had failed."
    assert [c.id for c in extract(text).claims] == [c.id for c in extract(text).claims]


def test_quotation_before_cue_and_its_continuation() -> None:
    text = ("\u201cWe will not accept these terms,\u201d Angela Merkel said in Berlin. "
            "\u201cThe door remains open for talks.\u201d\n\nThe session ended early.")
    x = extract(text)
    c = claim_with_cue(x, "said")
    assert c.speaker is not None and c.speaker.entity == entity_named(x, "Merkel")
    assert c.content is not None
    assert c.content.text.startswith("\u201cWe will not")
    assert c.content.text.endswith("open for talks.\u201d")  # runs over the next quotation sentence
    assert "session" not in c.content.text


def test_cue_inside_a_quotation_is_part_of_the_quote() -> None:
    x = extract("\u201cI think we will win this vote easily,\u201d Joe Biden said on Monday.")
    assert [c.cue.text for c in x.claims] == ["said"]


def test_according_to() -> None:
    x = extract("According to the Pentagon, the exercises ended on Friday near the border.")
    c = claim_with_cue(x, "according to")
    assert c.speaker is not None and "Pentagon" in c.speaker.text
    assert c.content is not None and "exercises ended" in c.content.text
    assert "According" not in c.content.text


def test_pronoun_speaker_resolves_to_previous_person() -> None:
    x = extract("Emmanuel Macron arrived in Warsaw on Monday. He said that France would send more aid.")
    c = claim_with_cue(x, "said")
    assert c.speaker is not None and c.speaker.text == "He"
    assert c.speaker.entity == entity_named(x, "Macron")


@pytest.mark.parametrize(("text", "cue", "status"), [
    ("The company denied that it had paid bribes to officials.", "denied", "denied"),
    ("The ministry confirmed that two ships had left the port.", "confirmed", "confirmed"),
    ("The governor reportedly said that the bridge would reopen.", "said", "alleged"),
    ("Prosecutors alleged that the mayor took money from contractors.", "alleged", "alleged"),
    ("The mayor said that the bridge would reopen in May.", "said", "asserted"),
])
def test_status(text: str, cue: str, status: str) -> None:
    assert claim_with_cue(extract(text), cue).status == status


def test_impersonal_passive_has_no_speaker() -> None:
    x = extract("It was alleged that the shipments were sent through a third country.")
    c = claim_with_cue(x, "alleged")
    assert c.speaker is None and c.status == "alleged"
    assert c.content is not None and "shipments" in c.content.text


def test_nested_attribution() -> None:
    x = extract("Reuters reported that the minister said that the negotiations had collapsed.")
    outer, inner = claim_with_cue(x, "reported"), claim_with_cue(x, "said")
    assert outer.content is not None and inner.content is not None
    assert outer.content.start <= inner.cue.start < outer.content.end
    assert "negotiations had collapsed" in inner.content.text


def test_discourse_noun_speaks_for_the_last_speaker() -> None:
    text = ("Sergei Shoigu addressed defence officials in Minsk on Monday. He said that Western states "
            "were arming militants. The statement also asserted that the Polish embassy in Vilnius "
            "recruits fighters for a foreign battalion.")
    x = extract(text)
    c = claim_with_cue(x, "asserted")
    assert c.speaker is not None and c.speaker.text == "The statement"
    assert c.speaker.entity == entity_named(x, "Shoigu")
    # a named party telling of an adversary's recruiting is an allegation (claims module docstring)
    assert c.status == "alleged"


def test_article_voice_wrongdoing_is_not_an_allegation() -> None:
    x = extract("Officials said that the new bridge over the river will open in May.")
    assert claim_with_cue(x, "said").status == "asserted"
