"""The seed article (../shared/seed relative to the repo root): the entities the product card promises."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt
from pathlib import Path

import pytest

from kg.model import Article

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "seed-article.txt"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(radians, (*a, *b))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


@pytest.fixture(scope="module")
def seed(extractor):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return text, extractor.extract(Article("seed", text))


def test_patrushev_is_one_person_with_bare_surname_merged(seed, by_label) -> None:
    text, x = seed
    people = [e for e in by_label(x, "Person") if "Patrushev" in e.name]
    assert len(people) == 1
    patrushev = people[0]
    assert patrushev.name == "Nikolai Patrushev"
    bare = [m for m in patrushev.mentions if m.text == "Patrushev"]
    assert len(bare) >= 2
    assert len(patrushev.mentions) == len(bare) + text.count("Nikolai Patrushev")


def test_sco_is_an_organisation(seed, named) -> None:
    _, x = seed
    sco = named(x, "Organization", "SCO")
    assert sco.name == "Shanghai Cooperation Organisation"
    assert "SCO" in sco.aliases


@pytest.mark.parametrize(("city", "cc", "where"), [("Astana", "KZ", (51.17, 71.45)),
                                                   ("Dushanbe", "TJ", (38.56, 68.77))])
def test_cities_are_geocoded_within_25_km(seed, city, cc, where, named) -> None:
    _, x = seed
    place = named(x, "Place", city)
    assert place.geo is not None and place.geo.country_code == cc
    assert km((place.geo.lat, place.geo.lon), where) < 25


def test_security_council_and_embassy_are_organisations(seed, named) -> None:
    _, x = seed
    council = named(x, "Organization", "Security Council")
    assert council.name == "Security Council of the Russian Federation"
    assert named(x, "Organization", "Ukrainian embassy in Dushanbe").name == "Ukrainian embassy in Dushanbe"


def test_headline_fragments_are_not_organisations(seed, by_label) -> None:
    _, x = seed
    orgs = [e.name for e in by_label(x, "Organization")]
    assert not [o for o in orgs if "Addresses" in o or "Involvement" in o]
