"""Where articles come from: files, folders (recursive, sorted) and ``-`` for standard input.

Format choice for ``auto``: the file extension first, then sniffing the first bytes (JSON array ->
json, a JSON object on the first line -> jsonl, a feed root element -> rss, HTML markup -> html,
anything else -> txt). In folders only files with a known extension are read (``.xml`` only when it
sniffs as a feed); hidden files and folders are skipped, and the other skipped files are reported
as one warning per folder so nothing disappears without a word. An explicit format applies to
every file read, while folders still pick their files by extension.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from loaders.base import (
    Format,
    Item,
    LoadFailure,
    Prefixed,
    format_for_extension,
    get_format,
    looks_binary,
    max_article_bytes,
    too_large,
)

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_HEAD = 8192
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
_HTML_MARKS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<article",
    b"<p>",
    b"<p ",
    b"<div",
    b"<meta",
    b"<title",
)


def sniff(head: bytes) -> str | None:
    """The format the first bytes look like, ``"binary"`` for binary data, None for unknown XML/empty."""
    if not head.strip():
        return None
    if looks_binary(head):
        return "binary"
    body = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        first, newline, _ = body.partition(b"\n")
        if not newline:
            return "jsonl"  # one long line (or a one-line object): reading it as JSON Lines works
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "json"
        except ValueError:
            return "json"  # a pretty-printed object
    if body.startswith(b"<"):
        lower = body.lower()
        if any(mark in lower for mark in _FEED_MARKS):
            return "rss"
        if any(mark in lower for mark in _HTML_MARKS):
            return "html"
        return None
    return "txt"


def _read_head(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(_HEAD)


def load_file(path: str, fmt: Format | None, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """One file with a given format, or ``auto`` (None): extension, then content."""
    try:
        size = os.stat(path).st_size
        if fmt is None:
            fmt = format_for_extension(Path(path).suffix)
            if fmt is None:
                kind = sniff(_read_head(path))
                if kind == "binary":
                    yield LoadFailure(path, "binary file, not an article")
                    return
                if kind is None and Path(path).suffix.lower() == ".xml":
                    yield LoadFailure(path, "XML file is not an RSS or Atom feed")
                    return
                fmt = get_format(kind or "txt")
        limit = max_article_bytes()
        if fmt.whole_document and size > limit:
            yield LoadFailure(path, too_large(size, limit))
            return
        with open(path, "rb") as stream:
            if looks_binary(stream.read(_HEAD)) and not encoding:  # one failure, not one per "line" of a binary file
                yield LoadFailure(path, "binary file, not an article")
                return
            stream.seek(0)
            yield from _guarded(fmt, stream, path, fields, encoding)
    except OSError as exc:
        yield LoadFailure(path, exc.strerror or str(exc))


def _guarded(fmt: Format, stream: BinaryIO, origin: str, fields: dict[str, str],
             encoding: str | None = None) -> Iterator[Item]:
    """Run a loader so that nothing it meets in the input can escape as an exception."""
    try:
        yield from fmt.load(stream, origin, fields, encoding)
    except OSError as exc:
        yield LoadFailure(origin, f"read error: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - the contract: bad input is a LoadFailure, never a crash
        yield LoadFailure(origin, f"could not read as {fmt.name}: {type(exc).__name__}: {exc}")


def walk_folder(root: str) -> Iterator[tuple[str, bool]]:
    """Every non-hidden file under ``root``, sorted by name at each level, as (path, wanted).

    ``wanted`` is False for files of unknown type. Folder symlinks are followed once (loops are cut).
    """
    seen: set[tuple[int, int]] = set()

    def visit(folder: str) -> Iterator[tuple[str, bool]]:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        for entry in entries:
            if entry.is_dir():
                yield from visit(entry.path)
            elif entry.is_file():
                yield entry.path, _wanted(entry.path)

    yield from visit(root)


def _wanted(path: str) -> bool:
    suffix = Path(path).suffix.lower()
    if format_for_extension(suffix) is not None:
        return True
    if suffix == ".xml":
        try:
            return sniff(_read_head(path)) == "rss"
        except OSError:
            return True  # let loading report the error
    return False


def load_folder(root: str, fmt: Format | None, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    skipped: list[str] = []
    try:
        for path, wanted in walk_folder(root):
            if not wanted:
                skipped.append(path)
                continue
            chosen = fmt or format_for_extension(Path(path).suffix) or get_format("rss")
            yield from load_file(path, chosen, fields, encoding)
    except OSError as exc:
        yield LoadFailure(root, f"could not list folder: {exc.strerror or exc}")
    if skipped:
        example = os.path.relpath(skipped[0], root)
        yield LoadFailure(root, f"skipped {len(skipped)} file(s) of unknown type, e.g. {example}", "warning")


def load_stdin(fmt: Format | None, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """``-``: the given format, else JSON Lines when the first non-blank line is a JSON object,
    HTML or a feed when it looks like one, else plain text."""
    raw = getattr(sys.stdin, "buffer", None)
    stream: BinaryIO
    if raw is None:  # a text-only stand-in (tests, embedding): re-encode what it holds
        import io

        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    else:
        stream = raw
    if fmt is None:
        head = stream.readline()
        while head and not head.strip():
            head += stream.readline()
            if not head.strip() and len(head) > _HEAD:
                break
        if head.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
            head += stream.read(_HEAD)  # markup: look further for the feed or HTML root element
        kind = sniff(head) or "txt"
        fmt = get_format("txt" if kind == "binary" else kind)
        stream = Prefixed(head, stream)  # type: ignore[assignment]
    yield from _guarded(fmt, stream, STDIN_ORIGIN, fields, encoding)


def load_path(path: str, fmt: Format | None, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    if path == STDIN:
        yield from load_stdin(fmt, fields, encoding)
    elif os.path.isdir(path):
        yield from load_folder(path, fmt, fields, encoding)
    elif os.path.exists(path):
        yield from load_file(path, fmt, fields, encoding)
    else:
        yield LoadFailure(path, "no such file or folder")
