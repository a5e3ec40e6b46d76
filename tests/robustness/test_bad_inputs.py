"""Bad inputs never stop an import: each gets one clear error or warning line naming it, every
other input is imported, and the exit code is 1 when anything failed.

One ``kg import`` run holds all the bad inputs (the 50 MB file too) together with good ones
(module-scoped: every ``kg import`` pays for loading spaCy and the gazetteer); a warnings-only run
and a lone-surrogate JSON record get runs of their own.
"""

from __future__ import annotations

import json
import resource
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.robustness.helpers import (
    LEDGER,
    Homes,
    Snapshot,
    article_text,
    kg,
    outcome,
    report_lines,
    snapshot,
)

RSS_LIMIT_BYTES = 1536 * 1024 * 1024  # a generous memory bound for the kg process, not a timing
BIG_BYTES = 50 * 1024 * 1024


def png_bytes() -> bytes:
    """A valid 1x1 PNG, built here so no binary lives in the repository."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def html_page(body: str) -> str:
    return f"<!doctype html><html lang=\"en\"><head><title>Test page</title></head><body>{body}</body></html>"


def html_article(text: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return html_page(f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>"
                     f"{text.splitlines()[0]}</h1>{paras}</article><footer>Copyright 2024</footer>")


def rss(items: list[str]) -> str:
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
            "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Test feed</title>"
            "<link>https://news.example.org/</link><description>feed</description><language>en</language>"
            + "".join(items) + "</channel></rss>")


def rss_item(n: int, text: str | None) -> str:
    body = f"<description><![CDATA[{text}]]></description>" if text is not None else ""
    return (f"<item><title>Story {n}</title><link>https://news.example.org/story-{n}</link>"
            f"<guid>https://news.example.org/story-{n}</guid><pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate>"
            f"{body}</item>")


GERMAN = ("Bundeskanzler Friedrich Weber traf sich am Dienstag in der Hauptstadt mit Vertretern der "
          "Regierung. Die Gespräche über die Zukunft der Energieversorgung dauerten mehrere Stunden. "
          "Nach Angaben des Ministeriums wurde keine Einigung erzielt, die Verhandlungen sollen jedoch "
          "in der kommenden Woche fortgesetzt werden. Die Opposition kritisierte das Ergebnis scharf und "
          "forderte eine Erklärung im Parlament.\n")
RUSSIAN = ("Министр иностранных дел Сергей Лавров заявил во вторник, что переговоры в Москве будут "
           "продолжены. По словам представителя министерства, стороны обсудили вопросы безопасности и "
           "торговли. Официальные лица в Киеве отвергли эти заявления и назвали их пропагандой.\n")
NO_ENTITIES = ("it was a quiet day, quietmarker. nothing much happened and nobody said anything about it at all. the "
               "weather stayed mild, and the streets were calm until the evening.\n")

# name -> markers of its good records, each of which must be in the graph after the run
GOOD = {"good_a.txt": "GOOD-TXT-A", "good_b.txt": "GOOD-TXT-B", "good.html": "GOOD-HTML",
        "records.jsonl": "GOOD-JSONL-1 GOOD-JSONL-3", "feed.rss": "GOOD-RSS-1 GOOD-RSS-3",
        "invalid_utf8.txt": "GOOD-UTF8", "no_entities.txt": "quietmarker"}
# name -> the level of the one line that must name it
BAD = {"empty.txt": "error", "image.txt": "error", "no_article.html": "error", "records.jsonl": "error",
       "feed.rss": "error", "invalid_utf8.txt": "warning", "no_entities.txt": "warning",
       "cookie_banner.html": "error", "german.txt": "warning", "russian.txt": "warning", "big.txt": "error"}


def write_inputs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good_a.txt").write_text(article_text(101, "GOOD-TXT-A"), encoding="utf-8")
    (folder / "good_b.txt").write_text(article_text(102, "GOOD-TXT-B"), encoding="utf-8")
    (folder / "good.html").write_text(html_article(article_text(103, "GOOD-HTML")), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(png_bytes())
    good_utf8 = article_text(104, "GOOD-UTF8").encode("utf-8")
    (folder / "invalid_utf8.txt").write_bytes(good_utf8[:60] + b"\xff\xfe\xc3\x28" + good_utf8[60:])
    (folder / "no_article.html").write_text(html_page("<nav><a href='/'>Home</a> | <a href='/about'>About</a>"
                                                      "</nav>"), encoding="utf-8")
    (folder / "cookie_banner.html").write_text(html_page("<nav><a href='/'>Home</a> | <a href='/about'>About</a>"
                                                         "</nav><div class='cookie'>We use cookies.</div>"),
                                               encoding="utf-8")
    lines = [json.dumps({"id": "jsonl-good-1", "title": "One", "text": article_text(105, "GOOD-JSONL-1")}),
             '{"id": "jsonl-broken", "text": "an unterminated string',
             json.dumps({"id": "jsonl-good-3", "title": "Three", "text": article_text(106, "GOOD-JSONL-3")})]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = [rss_item(1, article_text(107, "GOOD-RSS-1")), rss_item(2, None), rss_item(3, article_text(108, "GOOD-RSS-3"))]
    (folder / "feed.rss").write_text(rss(items), encoding="utf-8")
    (folder / "no_entities.txt").write_text(NO_ENTITIES, encoding="utf-8")
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "russian.txt").write_text(RUSSIAN, encoding="utf-8")
    para = article_text(120).replace("\n", " ") + "\n\n"
    with (folder / "big.txt").open("w", encoding="utf-8") as fh:
        written = 0
        while written < BIG_BYTES:
            written += fh.write(para)


@dataclass
class Run:
    folder: Path
    exit_code: int
    stdout: str
    stderr: str
    snap: Snapshot
    text: str
    peak_rss: int  # bytes, the largest child process of this test session so far

    def article_with(self, needle: str) -> tuple[str, dict] | None:
        for aid, props in self.snap.articles().items():
            if needle in (props.get("text") or ""):
                return aid, props
        return None

    def mentions(self, article_id: str) -> int:
        return sum(1 for t, s, _d, _p in self.snap.rels if t == "MENTIONS" and s == article_id)


@pytest.fixture(scope="module")
def bad_run(homes: Homes, tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("bad-inputs")
    write_inputs(folder)
    home = homes.new()
    proc = kg(home, "import", "-q", str(folder))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    (folder / "big.txt").unlink()
    snap = snapshot(home) if (home / "store").exists() else Snapshot()
    return Run(folder, proc.returncode, proc.stdout, proc.stderr, snap, outcome(proc), peak)


def test_exit_code_is_1_when_anything_failed(bad_run: Run) -> None:
    assert bad_run.exit_code == 1, bad_run.text


def test_no_traceback(bad_run: Run) -> None:
    assert "Traceback" not in bad_run.stderr, bad_run.text


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_input_reported_by_name(bad_run: Run, name: str) -> None:
    level = BAD[name]
    lines = [ln for ln in report_lines(bad_run.stderr, name) if ln.lower().lstrip().startswith(level)]
    assert lines, f"no {level} line names {name}\n{bad_run.text}"
    if level == "error":
        assert len(lines) == 1, f"{name} should get one clear error line, got {lines}"


@pytest.mark.parametrize("name", sorted(GOOD))
def test_every_good_record_is_imported(bad_run: Run, name: str) -> None:
    for marker in GOOD[name].split():
        assert bad_run.article_with(marker), f"{marker} (from {name}) is not in the graph\n{bad_run.text}"


def test_malformed_jsonl_line_named_with_line_number(bad_run: Run) -> None:
    errors = [ln for ln in report_lines(bad_run.stderr, "records.jsonl:2") if ln.lower().lstrip().startswith("error")]
    assert errors, bad_run.text
    ids = set(bad_run.snap.articles())
    assert {"jsonl-good-1", "jsonl-good-3"} <= ids and "jsonl-broken" not in ids


def test_broken_rss_entry_named_and_others_imported(bad_run: Run) -> None:
    errors = [ln for ln in report_lines(bad_run.stderr, "feed.rss") if ln.lower().lstrip().startswith("error")]
    assert len(errors) == 1 and "#2" in errors[0], bad_run.text
    assert bad_run.article_with("GOOD-RSS-1") and bad_run.article_with("GOOD-RSS-3")


def test_article_with_no_entities_is_kept_without_mentions(bad_run: Run) -> None:
    found = bad_run.article_with("quietmarker")
    assert found, bad_run.text
    assert bad_run.mentions(found[0]) == 0


@pytest.mark.parametrize("needle", ["Bundeskanzler", "Лавров"])
def test_non_english_article_is_not_mis_extracted(bad_run: Run, needle: str) -> None:
    """The warning is tested above; here: English NER did not run on the text (no entities, no claims)."""
    assert "not english" in bad_run.stderr.lower(), bad_run.text
    found = bad_run.article_with(needle)
    if found:  # kept as an Article, but without English extraction
        assert bad_run.mentions(found[0]) == 0, f"{needle}: entities extracted from a non-English text"
        claims = [s for t, s, d, _p in bad_run.snap.rels if t == "IN_ARTICLE" and d == found[0]]
        assert not claims, f"{needle}: claims extracted from a non-English text"


def test_invalid_utf8_is_read_not_refused(bad_run: Run) -> None:
    """Bytes that are not UTF-8 are read in a detected legacy encoding (loaders.encoding), and the file
    is named with a warning (test_each_bad_input_reported_by_name); the article is kept whole."""
    found = bad_run.article_with("GOOD-UTF8")
    assert found and "met Eri" in found[1]["text"], bad_run.text


def test_graph_holds_no_duplicates(bad_run: Run) -> None:
    assert not bad_run.snap.duplicate_node_ids
    assert max(bad_run.snap.rel_multiplicity().values(), default=1) == 1


def test_tally(bad_run: Run) -> None:
    """Every input is accounted for: good records in the graph, bad ones reported by name."""
    good = [m for markers in GOOD.values() for m in markers.split()]
    kept = sum(1 for m in good if bad_run.article_with(m))
    unreported = [name for name in BAD if not report_lines(bad_run.stderr, name)]
    only_bad = [name for name in BAD if name not in GOOD]
    LEDGER.record("bad inputs (mixed run)", len(good) + len(only_bad), kept + len(only_bad), unreported=len(unreported))
    assert kept == len(good), bad_run.text
    assert not unreported, unreported


def test_warnings_alone_exit_0(homes: Homes, tmp_path: Path) -> None:
    """A warning is not a failure: good inputs plus warned ones import with exit code 0."""
    (tmp_path / "good.txt").write_text(article_text(111, "GOOD-W"), encoding="utf-8")
    (tmp_path / "no_entities.txt").write_text(NO_ENTITIES, encoding="utf-8")
    (tmp_path / "german.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "invalid_utf8.txt").write_bytes(b"Anna Kowalski met Boris Novak in Paris \xff on Monday.\n")
    home = homes.new()
    proc = kg(home, "import", "-q", str(tmp_path))
    texts = [p.get("text", "") for p in snapshot(home).articles().values()]
    kept = sum(any(m in t for t in texts) for m in ("GOOD-W", "quietmarker", "Boris Novak"))
    LEDGER.record("warnings only", 4, kept + 1, unreported=0 if report_lines(proc.stderr, "german.txt") else 1)
    assert proc.returncode == 0, outcome(proc)
    assert "not english" in proc.stderr.lower() and report_lines(proc.stderr, "invalid_utf8.txt"), outcome(proc)
    assert kept == 3, outcome(proc)


@pytest.mark.slow
def test_50mb_text_file_is_refused_with_bounded_memory(bad_run: Run) -> None:
    """The 50 MB file gets one error line naming it (over KG_MAX_ARTICLE_BYTES) while everything
    beside it is imported (tested above); the kg process's peak RSS stays under a generous bound."""
    lines = report_lines(bad_run.stderr, "big.txt")
    assert len(lines) == 1 and lines[0].lower().startswith("error"), bad_run.text
    LEDGER.notes.append(f"peak RSS of a kg import with a 50 MB input: {bad_run.peak_rss / 2**20:.0f} MiB")
    assert bad_run.peak_rss < RSS_LIMIT_BYTES, f"peak RSS of a kg process was {bad_run.peak_rss / 2**20:.0f} MiB"


def test_lone_surrogate_in_json_record(homes: Homes, tmp_path: Path) -> None:
    """A JSON ``\\ud800`` escape decodes to a lone surrogate, which UTF-8 cannot encode: that record
    may fail with an error line, but the import must go on and keep the record after it."""
    lines = [json.dumps({"id": "surrogate-1", "title": "Bad \ud800 title", "text": article_text(130) + " \ud800"}),
             json.dumps({"id": "plain-2", "text": article_text(131, "GOOD-PLAIN")})]
    (tmp_path / "surrogates.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = homes.new()
    proc = kg(home, "import", "-q", "--batch-size", "1", str(tmp_path))
    ids = set(snapshot(home).articles()) if (home / "store").exists() else set()
    handled = "surrogate-1" in ids or bool(report_lines(proc.stderr, "surrogates.jsonl:1"))
    LEDGER.record("lone surrogate record", 2, handled + ("plain-2" in ids), unreported=0 if handled else 1)
    assert "Traceback" not in proc.stderr, outcome(proc)
    assert proc.returncode in (0, 1), outcome(proc)
    assert "plain-2" in ids and handled, outcome(proc)
