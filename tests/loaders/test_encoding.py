"""Encodings: legacy text and HTML files are decoded right (detected or named with --encoding)."""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ConfigError
from loaders import load
from loaders.encoding import detect_encoding
from tests.loaders.conftest import split

SAO_PAULO = (
    "São Paulo mayor meets ministers\n\n"
    "The mayor of São Paulo, Ricardo Nunes, said on Tuesday that the city would extend its metro "
    "to the eastern districts before the end of next year.\n"
)
QUOTES = "Minister rejects report\n\n“We will not back down,” the minister said. It’s over – for now…\n"


def _one(path, **kw) -> str:
    articles, failures = split(load([str(path)], **kw))
    assert [f for f in failures if f.level == "error"] == []
    (article,) = articles
    return article.text


@pytest.mark.parametrize(
    ("name", "raw", "expected", "guessed"),
    [
        ("latin1.txt", SAO_PAULO.encode("latin-1"), SAO_PAULO, True),
        ("cp1252.txt", QUOTES.encode("cp1252"), QUOTES, True),
        ("bom8.txt", codecs.BOM_UTF8 + SAO_PAULO.encode("utf-8"), SAO_PAULO, False),
        ("bom16le.txt", SAO_PAULO.encode("utf-16"), SAO_PAULO, False),
        ("bom16be.txt", codecs.BOM_UTF16_BE + SAO_PAULO.encode("utf-16-be"), SAO_PAULO, False),
        ("plain.txt", SAO_PAULO.encode("utf-8"), SAO_PAULO, False),
    ],
)
def test_text_files_are_decoded_in_their_encoding(tmp_path, name, raw, expected, guessed):
    path = tmp_path / name
    path.write_bytes(raw)
    articles, failures = split(load([str(path)]))
    # a guessed legacy encoding is named once (the user may need --encoding); BOM and UTF-8 are not
    assert [f.message for f in failures] == (
        ["not UTF-8: read as cp1252 (detected; --encoding names another)"] if guessed else [])
    assert failures == [] or failures[0].level == "warning"
    assert articles[0].text == expected
    assert "\ufffd" not in articles[0].text


def test_other_legacy_encodings_keep_the_detector_answer():
    polish = "Lech Wałęsa powiedział, że Gdańsk i Łódź są ważne dla rządu w Warszawie.\n"
    russian = "Президент России Владимир Путин заявил во вторник, что Москва готова к переговорам.\n"
    assert polish.encode("cp1250").decode(detect_encoding(polish.encode("cp1250"))) == polish
    assert russian.encode("cp1251").decode(detect_encoding(russian.encode("cp1251"))) == russian


def test_mostly_utf8_file_with_a_stray_byte_stays_utf8_and_warns(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(("“Quoted” café résumé naïve. " * 3).encode("utf-8") + b"One stray \xe9 byte.\n")
    articles, failures = split(load([str(path)]))
    assert "“Quoted” café" in articles[0].text  # not re-read as windows-1252 ("â€œQuotedâ€")
    assert articles[0].text.count("\ufffd") == 1
    assert [f.level for f in failures] == ["warning"] and "UTF-8 bytes replaced" in failures[0].message


def test_encoding_option_overrides_detection(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(SAO_PAULO.encode("latin-1"))
    assert _one(path, encoding="latin-1") == SAO_PAULO
    articles, failures = split(load([str(path)], encoding="utf-8"))  # named wrongly: replaced, and said
    assert "S\ufffdo Paulo" in articles[0].text
    assert failures[0].level == "warning" and "UTF-8" in failures[0].message
    with pytest.raises(ConfigError, match="unknown encoding"):
        load([str(path)], encoding="no-such-codec")


def test_html_without_a_declaration_and_with_meta_charset(tmp_path):
    body = ("<p>The mayor of São Paulo said on Tuesday that the city would extend its metro to the eastern "
            "districts before the end of next year, officials said.</p>")
    bare = f"<html><head><title>São Paulo</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "bare.html").write_bytes(bare.encode("latin-1"))
    declared = bare.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    (tmp_path / "declared.html").write_bytes(declared.encode("latin-1"))
    (tmp_path / "bom.html").write_bytes(codecs.BOM_UTF8 + bare.encode("utf-8"))
    for name in ("bare.html", "declared.html", "bom.html"):
        text = _one(tmp_path / name)
        assert "São Paulo" in text, (name, text)
    # only the guess is reported: the page that declares its charset is read without a word
    assert [f.origin.rsplit("/", 1)[-1] for f in split(load([str(tmp_path)]))[1]] == ["bare.html"]


def test_jsonl_in_a_named_encoding(tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes('{"id": "x1", "text": "Talks in São Paulo ended."}\n'.encode("cp1252"))
    assert "invalid UTF-8" in split(load([str(path)]))[1][0].message
    assert _one(path, encoding="cp1252") == "Talks in São Paulo ended."


def test_cli_extract_reads_latin1_and_finds_the_city(tmp_path):
    """The issue's case: "S\ufffdo Paulo" used to become an Organization."""
    path = tmp_path / "latin1.txt"
    path.write_bytes(SAO_PAULO.encode("latin-1"))
    result = CliRunner().invoke(main, ["extract", str(path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "\\ufffd" not in result.stdout and "\ufffd" not in result.stdout
    assert '"name": "São Paulo"' in result.stdout or '"name": "Sao Paulo"' in result.stdout
    bad = CliRunner().invoke(main, ["extract", str(path), "--encoding", "nope"])
    assert bad.exit_code == 2 and "unknown encoding" in bad.output
