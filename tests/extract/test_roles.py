"""Titles state roles: "<body> <title> <person>" gives HOLDS_ROLE with the title as ``role``
(kg/extract/roles.py). Sentences written for these tests."""

from __future__ import annotations


def _roles(x):
    names = {e.id: e.name for e in x.entities}
    return {(names[r.source], names[r.target], r.role) for r in x.relations if r.type == "HOLDS_ROLE"}


def test_a_body_before_a_title_gives_the_role(extract):
    x = extract("The Indonesian Health Ministry spokesman Budi Santoso said the clinic would reopen. "
                "Later, UNESCO Director-General Audrey Azoulay visited the site.")
    roles = _roles(x)
    assert any(p == "Budi Santoso" and "Health Ministry" in b and r.lower() == "spokesman" for p, b, r in roles), roles
    assert any(p == "Audrey Azoulay" and r.startswith("Director") for p, _b, r in roles), roles


def test_a_title_without_a_body_or_an_honorific_states_no_role(extract):
    x = extract("Secretary of State Lena Morrow flew to Oslo. Mr. Ivo Brandt of Siemens met her there. "
                "Siemens said Ivo Brandt would stay.")
    assert not any(p in ("Lena Morrow", "Ivo Brandt") for p, _b, _r in _roles(x)), _roles(x)


def test_the_role_reaches_the_graph_and_json(extract):
    x = extract("The Kenyan Foreign Ministry spokeswoman Amina Odhiambo rejected the report on Monday.")
    rel = next(r for r in x.relations if r.type == "HOLDS_ROLE")
    assert rel.role and rel.to_json()["role"] == rel.role
    assert rel.evidence[0] <= x.article.text.index("Amina") < rel.evidence[1]


def test_a_nationality_word_before_a_title_names_the_state(extract):
    x = extract("Officials met in Vienna. Later, the Austrian Chancellor Karl Weber spoke to reporters.")
    roles = _roles(x)
    assert ("Karl Weber", "Austria", "Chancellor") in roles, roles
    assert any(e.name == "Austria" and e.label == "Country" for e in x.entities)


def test_a_possessive_body_names_the_role(extract):
    x = extract("Officials gathered in Kampala. Uganda's Foreign Minister Sam Kutesa told them the talks would go on.")
    assert ("Sam Kutesa", "Uganda", "Foreign Minister") in _roles(x), _roles(x)


def test_a_list_is_no_title(extract):
    x = extract("Talks between Ukraine and President Vladimir Putin ended. Canada sanctioned Iran and "
                "Foreign Minister Leyla Rahimi on Monday.")
    assert not _roles(x), _roles(x)


def test_a_body_named_after_a_nationality_belongs_to_the_state(extract):
    x = extract("Officials at the Peruvian embassy in Quito said the border would reopen.")
    names = {e.id: e.name for e in x.entities}
    affiliated = {(names[r.source], names[r.target]) for r in x.relations if r.type == "AFFILIATED_WITH"}
    assert ("Peruvian embassy in Quito", "Peru") in affiliated and not any(t == "Peruvian" for _s, t in affiliated)
    assert all(r.source in names and r.target in names for r in x.relations)


def test_one_body_beside_another_is_no_affiliation(extract):
    x = extract("The emails were released as part of the WikiLeaks Sony dump last year.")
    names = {e.id: e.name for e in x.entities}
    assert not [(names[r.source], names[r.target]) for r in x.relations if r.type == "AFFILIATED_WITH"]
