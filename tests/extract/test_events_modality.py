"""Modality of events through the real Extractor: the writer's negation gives no relation, a
speaker's denial a denied one, plans, threats, futures and conditions a mode, questions nothing.
Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from kg.model import Extraction


def domain(x: Extraction, rtype: str = "ATTACKS") -> list[tuple[str, str, str, str | None, str | None]]:
    n = {e.id: e.name for e in x.entities}
    return [(n[r.source], n[r.target], r.status, r.mode, n.get(r.asserted_by or ""))
            for r in x.relations if r.type == rtype]


@pytest.mark.parametrize("text", [
    "The U.S. is not engaged in the Saudis' bombing campaign against Yemen.",
    "Iran never attacked Iraq.",
    "Iran did not attack Iraq.",
    "Iran refused to attack Iraq.",
    "Iran has made no attacks on Iraq.",
    "Did Russia attack Ukraine?",
])
def test_writer_negation_and_questions_give_nothing(extract, text: str) -> None:
    assert domain(extract(text)) == []


def test_speaker_denial_is_denied_and_attributed(extract) -> None:
    x = extract("Russia denied attacking Ukraine.")
    assert domain(x) == [("Russia", "Ukraine", "denied", None, "Russia")]


def test_negation_inside_a_claim_is_denied(extract) -> None:
    x = extract("Sergei Lavrov said that Russia did not attack Ukraine.")
    assert domain(x) == [("Russia", "Ukraine", "denied", None, "Sergei Lavrov")]


@pytest.mark.parametrize(("text", "mode"), [
    ("Israel will strike Iran.", "future"),
    ("Israel might strike Iran.", "possible"),
    ("Israel plans to strike Iran.", "planned"),
    ("Iran threatened to attack Israel.", "threatened"),
    ("If Russia attacks Lithuania, NATO will respond.", "conditional"),
    ("Russia attacked Ukraine in 2022.", None),
])
def test_mode(extract, text: str, mode: str | None) -> None:
    found = domain(extract(text))
    assert found and {f[3] for f in found} == {mode}, found


def test_threat_is_a_relation_of_its_own(extract) -> None:
    x = extract("Iran threatened to attack Israel.")
    assert [(s, t) for s, t, *_ in domain(x, "THREATENS")] == [("Iran", "Israel")]


def test_a_planned_event_is_not_merged_with_one_that_happened(extract) -> None:
    planned = extract("Israel plans to strike Iran.").relations
    done = extract("Israel struck Iran.").relations
    assert planned[0].id != done[0].id


def test_a_purpose_clause_shares_its_verbs_fate(extract) -> None:
    from tests.extract.test_events import one, rels

    planned = one(extract("Macron vowed to form a task force to crack down on militants from Libya."),
                  "COERCES", "Macron", "militants")
    assert planned.mode == "planned"
    assert not rels(extract("Egypt did not send troops to attack Libya."), "ATTACKS")
