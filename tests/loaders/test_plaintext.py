"""Plain text: title, furniture cut as whole blocks with the body kept exactly, and bad files."""

from __future__ import annotations

import tracemalloc

from loaders import load
from loaders.plaintext import strip_furniture
from tests.loaders.conftest import split


def test_furniture_is_cut_and_body_kept_exactly(data):
    raw = (data / "harbour.txt").read_text(encoding="utf-8")
    articles, failures = split(load([str(data / "harbour.txt")]))
    assert failures == []
    (article,) = articles
    assert article.title == "Harbour Authority Says Ferry Route Will Resume in Spring"
    assert article.origin == str(data / "harbour.txt")
    for chrome in (
        "No time to read?",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "Council Debates New Parking Rules",
        "Local Choir Wins Regional Contest",
    ):
        assert chrome not in article.text
    # every body paragraph survives character for character (odd double spaces included)
    body = raw.split("Get a summary\n\n", 1)[1].split("\n\nNo time to read?", 1)[0]
    assert body in article.text
    assert article.text == "Harbour Authority Says Ferry Route Will Resume in Spring\n\n" + body
    assert article.text.endswith("Fishermen in the town welcomed the news.")


def test_text_without_furniture_is_untouched(data):
    (article,) = split(load([str(data / "plain.txt")]))[0]
    assert article.text == (data / "plain.txt").read_text(encoding="utf-8")
    assert article.title == "Plain headline"


def test_nav_words_inside_the_body_are_not_furniture():
    text = (
        "Title\n\nPrevious Article\n\n"
        + "A long paragraph that goes on. " * 20
        + "\n\n"
        + "More body text here.\n"
    )
    assert strip_furniture(text) == text


def test_nav_block_with_arrows_and_crlf():
    text = "Headline\r\n\r\nBody sentence one.\r\n\r\n« Previous Story\r\nOther headline\r\nNext Story »\r\n"
    assert strip_furniture(text) == "Headline\r\n\r\nBody sentence one."


def test_empty_file_is_one_failure(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_bytes(b"")
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    articles, failures = split(load([str(empty), str(blank)]))
    assert articles == []
    assert [f.origin for f in failures] == [str(empty), str(blank)]
    assert all("empty" in f.message and f.level == "error" for f in failures)


def test_binary_file_renamed_txt_is_one_failure_and_others_still_load(tmp_path, data):
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    articles, failures = split(load([str(png), str(data / "plain.txt")]))
    assert [a.title for a in articles] == ["Plain headline"]
    assert len(failures) == 1
    assert failures[0].origin == str(png) and "binary file" in failures[0].message


def test_latin1_is_detected_and_bad_bytes_of_a_named_encoding_warn_once(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 closes\n\nThe caf\u00e9 owner said it would close.\n".encode("latin-1"))
    articles, failures = split(load([str(path)]))
    assert articles[0].text == "Caf\u00e9 closes\n\nThe caf\u00e9 owner said it would close.\n"
    assert [(f.level, "read as cp1252" in f.message) for f in failures] == [("warning", True)]
    articles, failures = split(load([str(path)], encoding="utf-8"))
    assert len(failures) == 1 and failures[0].level == "warning" and failures[0].origin == str(path)
    assert "UTF-8" in failures[0].message
    (article,) = articles
    assert article.text == "Caf\ufffd closes\n\nThe caf\ufffd owner said it would close.\n"


def test_utf8_bom_dropped_and_utf16_read(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfTitle\n\nBody.\n")
    wide = tmp_path / "wide.txt"
    wide.write_text("Titel\n\nDer K\u00f6nig sprach.\n", encoding="utf-16")
    articles, failures = split(load([str(bom), str(wide)]))
    assert failures == []
    assert [a.text for a in articles] == ["Title\n\nBody.\n", "Titel\n\nDer K\u00f6nig sprach.\n"]


def test_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("Big\n\n" + "word " * 400, encoding="utf-8")
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "1K")
    articles, failures = split(load([str(path)]))
    assert articles == []
    assert len(failures) == 1 and "KG_MAX_ARTICLE_BYTES" in failures[0].message
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "4096")
    assert len(split(load([str(path)]))[0]) == 1


def test_50mb_text_loads_within_about_twice_its_size(tmp_path, monkeypatch):
    """A large article loads in chunks: peak memory stays near the text itself, not bytes+text+lines."""
    path = tmp_path / "huge.txt"
    paragraph = ("The committee said the report would be published next week. " * 16).strip() + "\n\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Huge headline\n\nNo time to read?\nGet a summary\n\n")
        fh.write(paragraph * (50_000_000 // len(paragraph)))
        fh.write("Previous Article\n\nSomething else\n")
    size = path.stat().st_size
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "64MB")
    tracemalloc.start()
    try:
        (article,) = list(load([str(path)]))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert article.title == "Huge headline"
    assert article.text.endswith("published next week.")
    assert "No time to read?" not in article.text[:200]
    assert len(article.text) > 49_000_000
    assert peak < 2.5 * size, (peak, size)
