"""The gazetteer's on-disk index answers exactly what the built index answers, without loading it.

A small index is built by hand (invented places), saved with ``kg.geo.gazetteer.save`` and opened
as a ``StoredGazetteer``; the process-wide ``gazetteer()`` is checked on real names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.extract.extractor import PlaceNames
from kg.geo.gazetteer import GeoRecord, MemoryGazetteer, StoredGazetteer, gazetteer, save
from kg.geo.reference import reference
from kg.ids import normalise


def _small() -> MemoryGazetteer:
    records = [
        GeoRecord(1, "Brellin", 10.0, 20.0, "AA", "PPL", 1200, "01"),
        GeoRecord(2, "Brellin", 11.5, 21.25, "BB", "PPLC", 350_000),
        GeoRecord(3, "Upper Vosk", -3.0, 40.0, "BB", "ADM1", 0, "07"),
        GeoRecord(4, "Kettering Falls", 1.0, 2.0, "AA", "PPL", 800, "02"),
    ]
    names = {"brellin": (0, 1), "upper vosk": (2,), "kettering falls": (3,)}
    # "brellin" is also an alternate name of Upper Vosk; "vosk" is only an alternate
    alternates = {"brellin": (2,), "vosk": (2, 3)}
    return MemoryGazetteer(records, names, alternates)


@pytest.fixture()
def stored(tmp_path: Path) -> StoredGazetteer:
    path = tmp_path / "gz.sqlite"
    save(_small(), path)
    return StoredGazetteer(path)


def test_stored_index_answers_like_the_built_one(stored: StoredGazetteer) -> None:
    mem = _small()
    for query in ("Brellin", "BRELLIN", "Upper Vosk", "Vosk", "Kettering Falls", "Nowhere", ""):
        assert stored.lookup(query) == mem.lookup(query), query
    primary, alt = stored.lookup("brellin")
    assert [r.country_code for r in primary] == ["AA", "BB"]  # index order kept
    assert [r.name for r in alt] == ["Upper Vosk"]
    assert stored.lookup("Vosk") == ([], [mem.records[2], mem.records[3]])
    assert len(stored) == len(mem) == 4


def test_records_come_back_whole_and_by_feature(stored: StoredGazetteer) -> None:
    assert stored.lookup("Upper Vosk")[0] == [GeoRecord(3, "Upper Vosk", -3.0, 40.0, "BB", "ADM1", 0, "07")]
    assert stored.with_features("PPLC") == [_small().records[1]]
    assert stored.with_features("PPL", "ADM1") == _small().with_features("PPL", "ADM1")
    assert stored.with_features("CONT") == []


def test_a_file_that_is_no_complete_index_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all, just bytes" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        StoredGazetteer(garbage)
    half = tmp_path / "half.sqlite"  # a build that stopped before its last step
    db = sqlite3.connect(half)
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    db.commit()
    db.close()
    with pytest.raises(sqlite3.DatabaseError):
        StoredGazetteer(half)
    with pytest.raises(sqlite3.Error):
        StoredGazetteer(tmp_path / "missing.sqlite")


def test_process_gazetteer_finds_real_places() -> None:
    gz = gazetteer()
    assert len(gz) > 100_000
    assert any(r.country_code == "TJ" and r.feature_code == "PPLC" for r in gz.lookup("Dushanbe")[0])
    assert {r.admin1 for r in gz.with_features("ADM1") if r.country_code == "US"} >= {"TX", "CA", "NY"}
    assert len({r.country_code for r in gz.with_features("PCLI")}) > 190


def test_place_names_an_org_must_not_be() -> None:
    names = PlaceNames(gazetteer(), reference())
    assert normalise("Dushanbe") in names  # a capital
    assert normalise("Houston") in names  # a city of 200k+
    assert normalise("Texas") in names  # a state
    assert normalise("Qqxzv Holdings") not in names
    org = next(iter(reference().org_by_name))
    assert org not in names  # a known organisation stays one
    assert 42 not in names
