"""Where a claim's speaker stands when the parse misleads: a dateline the parser made the subject's
head, a publication's label before a colon, object control ("forced X to admit"), a speech
participle hung on the reported clause, and a newspaper NER calls an event. Real spaCy, sentences
written for these tests."""

from __future__ import annotations

from kg.model import Extraction


def _speakers(x: Extraction, cue: str) -> tuple[str | None, list[str]]:
    names = {e.id: e.name for e in x.entities}
    found = [c for c in x.claims if c.cue.text == cue]
    assert found, f"no claim cued {cue!r}: {[c.cue.text for c in x.claims]}"
    sp = found[0].speaker
    return (sp.text, [names[i] for i in sp.entities]) if sp else (None, [])


def test_a_dateline_is_not_the_head_of_the_speaker(extract) -> None:
    x = extract("NAIROBI -- President Ruto, opening the new port terminal on Friday, said it would bring jobs.")
    text, ents = _speakers(x, "said")
    assert text is not None and text.startswith("President Ruto") and ents == ["Ruto"]
    assert all(e.name != "Nairobi" or e.label == "Place" for e in x.entities)


def test_a_publications_label_before_a_colon_is_no_speaker(extract) -> None:
    x = extract("CORRECTION: A previous version of this report gave the wrong date for the vote.\n\n"
                "CLARIFICATION: The council will meet on Monday, not Tuesday.")
    assert [c for c in x.claims if c.cue.text == ":"] == []


def test_the_object_of_force_or_urge_does_what_its_infinitive_says(extract) -> None:
    x = extract("The committee forced Ilse Brandt to concede that the bridge contract had been rigged.")
    assert _speakers(x, "concede")[0] == "Ilse Brandt"
    x = extract("The minister promised voters to announce a decision by Friday.")
    assert _speakers(x, "announce")[0] == "The minister"
    # after a directive the infinitive is only asked for: the asking is the claim
    x = extract("The coach asked the fans to praise the referee, and urged reporters to say nothing.")
    assert sorted(c.cue.text for c in x.claims) == ["asked", "urged"]


def test_a_speech_participle_after_the_reported_clause_is_the_outer_speaker(extract) -> None:
    x = extract("Mr. Lindqvist said the budget was too small, going on to argue that the ferries would stop.")
    assert _speakers(x, "argue")[1] == ["Lindqvist"]
    x = extract("The general said the militia had shelled the town, killing four people.")
    assert [c.cue.text for c in x.claims] == ["said"]  # killing is no speech


def test_a_newspaper_ner_calls_an_event_is_an_organization(extract) -> None:
    x = extract("Fishermen gathered outside the Portland Evening News after it endorsed the harbour plan.")
    paper = next(e for e in x.entities if e.name == "Portland Evening News")
    assert paper.label == "Organization"
    assert _speakers(x, "endorsed")[1] == ["Portland Evening News"]
    x = extract("Thousands marched during the Winter Olympics in Sochi.")
    assert any(e.label == "Event" and e.name == "Winter Olympics" for e in x.entities)


def test_seeing_something_happen_is_an_experience_not_a_view(extract) -> None:
    x = extract("Small farms would see their costs rise sharply, according to the Grain Council.")
    assert [c.cue.text for c in x.claims] == ["according to"]
    x = extract("Many voters see that the economy is improving.")
    assert [c.cue.text for c in x.claims] == ["see"]


def test_a_quotation_before_the_outer_speech_verb_is_not_the_inner_verbs(extract) -> None:
    x = extract('"That vote was a farce," Hollis said, going on to warn that the council would be sued.')
    contents = {c.cue.text: c.content.text for c in x.claims if c.content}
    assert contents["said"] == '"That vote was a farce,"' and contents["warn"] == "that the council would be sued"
    assert [cue for cue, content in contents.items() if "farce" in content] == ["said"]


def test_an_attribution_the_writer_negates_is_negated_not_asserted(extract) -> None:
    x = extract("The coach did not blame the referee. Officials could not confirm or deny the transfer. "
                "The club declined to confirm the fee. The captain vowed not to lose again. "
                "She denied that she had signed. The agency did not confirm the figure but said the ferry sank. "
                "The mayor did not hesitate to call the vote a fraud.")
    status = [(c.cue.text, c.status) for c in x.claims]
    assert ("blame", "negated") in status and ("deny", "negated") in status and ("confirm", "negated") in status
    assert ("vowed", "asserted") in status  # the "not" belongs to what was vowed
    assert ("denied", "denied") in status
    assert ("said", "asserted") in status  # "but said": the second verb is not negated
    assert ("call", "asserted") in status  # a double negative affirms

def test_an_event_inside_a_negated_attribution_is_no_relation(extract) -> None:
    assert extract("The minister did not say that Russia attacked Georgia.").relations == []
    assert [(r.type, r.status) for r in extract("The minister said that Russia attacked Georgia.").relations] == [
        ("ATTACKS", "asserted")]


def test_a_generic_actor_that_speaks_is_the_claims_speaker(extract) -> None:
    x = extract("Police in Chicago said three men were arrested. Demonstrators said they wanted justice.")
    names = {e.id: (e.label, e.name) for e in x.entities}
    speakers = [names[c.speaker.entity] for c in x.claims if c.speaker and c.speaker.entity]
    assert ("Organization", "police") in speakers and ("Group", "demonstrators") in speakers
    assert all(e.properties.get("agent_type") for e in x.entities if e.name in ("police", "demonstrators"))


def test_a_series_of_posts_is_put_out_by_the_one_who_posts_them(extract) -> None:
    x = extract("Senator Ines Carvalho unleashed a series of tweets attacking the harbour budget.")
    assert _speakers(x, "attacking")[1] == ["Ines Carvalho"]
