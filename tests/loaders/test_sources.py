"""Folders, standard input, format choice, and ids that stay the same from run to run."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import ConfigError
from loaders import LoadFailure, format_names, load, sniff
from tests.loaders.conftest import split

ROOT = Path(__file__).resolve().parents[2]


def _folder(tmp_path: Path, data: Path) -> Path:
    root = tmp_path / "news"
    (root / "b_sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("Alpha\n\nThe first story.\n", encoding="utf-8")
    (root / "b_sub" / "c.jsonl").write_text(json.dumps({"text": "Third story."}) + "\n", encoding="utf-8")
    (root / "b_sub" / "feed.xml").write_bytes((data / "feed.atom").read_bytes())
    (root / "b.txt").write_text("Beta\n\nThe second story.\n", encoding="utf-8")
    (root / ".draft.txt").write_text("Hidden\n\nNot loaded.\n", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("Hidden too\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    (root / "settings.xml").write_text("<?xml version='1.0'?><settings/>", encoding="utf-8")
    return root


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path, data):
    root = _folder(tmp_path, data)
    articles, failures = split(load([str(root)]))
    assert [Path(a.origin).name for a in articles] == ["a.txt", "b.txt", "c.jsonl:1", "feed.xml#1"]
    assert all("Hidden" not in a.text for a in articles)
    (warning,) = failures
    assert warning.level == "warning" and warning.origin == str(root)
    assert warning.message.startswith("skipped 2 file(s) of unknown type")


def test_explicit_format_applies_to_every_input(tmp_path):
    path = tmp_path / "article.data"
    path.write_text('{"text": "Read as JSON Lines."}\n', encoding="utf-8")
    (article,) = split(load([str(path)], format="jsonl"))[0]
    assert article.origin == f"{path}:1"
    (as_text,) = split(load([str(path)], format="txt"))[0]
    assert as_text.text.startswith('{"text"')


def test_auto_sniffs_files_without_a_known_extension(tmp_path, data):
    names = {
        "story": "Just a title\n\nAnd a body.\n",
        "lines": '{"text": "A line."}\n',
        "array": '[{"text": "An item."}]',
        "page": (data / "page.html").read_text(encoding="utf-8"),
        "feed": (data / "feed.rss").read_text(encoding="utf-8"),
    }
    for name, content in names.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    origins = [item.origin for item in load([str(tmp_path / n) for n in names])]
    assert [Path(o).name for o in origins] == [
        "story",
        "lines:1",
        "array#1",
        "page",
        "feed#1",
        "feed#2",
        "feed#3",
    ]
    assert sniff(b"\x89PNG\r\n") == "binary" and sniff(b"") is None


def test_unknown_format_is_a_config_error_listing_the_valid_ones():
    with pytest.raises(ConfigError) as err:
        load(["x"], format="docx")
    for name in ["auto", *format_names()]:
        assert name in str(err.value)
    assert set(format_names()) == {"txt", "html", "jsonl", "json", "rss"}


def test_invalid_size_setting_is_a_config_error(monkeypatch):
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "lots")
    with pytest.raises(ConfigError, match="KG_MAX_ARTICLE_BYTES"):
        load(["x"])


def test_missing_and_unreadable_inputs_fail_alone(tmp_path, data):
    missing = tmp_path / "nope.txt"
    locked = tmp_path / "locked.txt"
    locked.write_text("Locked\n\nBody.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(load([str(missing), str(locked), str(data / "plain.txt")]))
    finally:
        locked.chmod(0o644)
    articles, failures = split(items)
    assert [a.title for a in articles][-1] == "Plain headline"
    assert failures[0].origin == str(missing) and "no such file" in failures[0].message
    if os.geteuid() != 0:  # root reads anything
        assert failures[1].origin == str(locked)


def test_stdin_monkeypatched_jsonl_and_text(monkeypatch):
    lines = "\n" + json.dumps({"text": "From a pipe."}) + "\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode()), encoding="utf-8"))
    articles, failures = split(load(["-"]))
    assert [(a.origin, a.text) for a in articles] == [("<stdin>:2", "From a pipe.")]
    assert [f.origin for f in failures] == ["<stdin>:3"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("Piped title\n\nPiped body.\n"))
    (article,) = split(load(["-"]))[0]
    assert (article.origin, article.title, article.text) == (
        "<stdin>",
        "Piped title",
        "Piped title\n\nPiped body.\n",
    )


_SCRIPT = """
import sys
from loaders import load
for item in load(sys.argv[2:], format=sys.argv[1]):
    print(getattr(item, "id", None), item.origin, getattr(item, "message", ""))
"""


def _run(args: list[str], stdin: bytes | None = None) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    return done.stdout.decode().splitlines()


def test_stdin_subprocess_with_format_and_sniffed_feed(data):
    out = _run(["auto", "-"], stdin=(data / "feed.rss").read_bytes())
    assert [line.split()[1] for line in out] == ["<stdin>#1", "<stdin>#2", "<stdin>#3"]
    out = _run(["json", "-"], stdin=(data / "array.json").read_bytes())
    assert out[0].split()[:2] == ["a1", "<stdin>#1"] and len(out) == 3


def test_ids_are_stable_across_runs(data):
    """Ids come from content and URLs only: two fresh interpreters agree, and so does this one."""
    first = _run(["auto", str(data)])
    second = _run(["auto", str(data)])
    assert first == second
    here = [f"{getattr(i, 'id', None)} {i.origin} {getattr(i, 'message', '')}" for i in load([str(data)])]
    assert [line.rstrip() for line in here] == [line.rstrip() for line in first]
    assert sum(1 for item in load([str(data)]) if not isinstance(item, LoadFailure)) >= 10


def test_binary_file_with_a_record_extension_is_one_failure(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"PK\x03\x04" + b"\x00\n\x01\n" * 50)
    (failure,) = list(load([str(path)]))
    assert isinstance(failure, LoadFailure) and failure.origin == str(path)
    assert "binary file" in failure.message
