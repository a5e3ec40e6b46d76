"""What every loader shares: the failure record, the size limit, the format registry, byte helpers.

A loader turns one byte stream into Articles. It never raises for bad input: it yields a
``LoadFailure`` instead, so one broken file (or line, or feed entry) never stops an import.
Loaders are chosen by name from a small registry (the geopy ``get_geocoder_for_service`` pattern);
an unknown name is a ``ConfigError`` listing the valid ones.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Literal, Protocol

from kg.errors import ConfigError
from kg.model import Article
from loaders.encoding import detect_encoding

MAX_ARTICLE_BYTES_DEFAULT = 20 * 1024 * 1024
READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class LoadFailure:
    """An input (file, line, record, feed entry) that could not be read, or was read with a caveat.

    ``level`` is ``"error"`` when nothing was loaded from ``origin``, ``"warning"`` when the input
    was loaded anyway (e.g. invalid UTF-8 replaced, a malformed feed that still had entries).
    ``count`` is how many records one failure stands for (records of a file with the same problem
    are reported together, see ``loaders.records``).
    """

    origin: str
    message: str
    level: Literal["error", "warning"] = "error"
    count: int = 1

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


Item = Article | LoadFailure


class LoadFn(Protocol):
    """(stream, origin, fields, encoding) -> Articles and failures. ``stream`` is binary and at its
    start; ``encoding`` is ``--encoding`` (None: detect) for the formats that read text."""

    def __call__(self, stream: BinaryIO, origin: str, fields: dict[str, str],
                 encoding: str | None = None) -> Iterator[Item]: ...


@dataclass(frozen=True)
class Format:
    """One input format: its name, the file extensions that select it, and its loader."""

    name: str
    extensions: tuple[str, ...]
    load: LoadFn
    # Whole-document formats are refused above the size limit before reading; record formats
    # (JSON, JSON Lines) stream and check each record instead.
    whole_document: bool = True
    aliases: tuple[str, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    _REGISTRY[fmt.name] = fmt
    for alias in fmt.aliases:
        _REGISTRY[alias] = fmt
    return fmt


def format_names() -> list[str]:
    """Canonical format names (aliases left out), the common ones first."""
    names = {fmt.name for fmt in _REGISTRY.values()}
    preferred = [name for name in ("txt", "html", "jsonl", "json", "rss") if name in names]
    return preferred + sorted(names - set(preferred))


def get_format(name: str) -> Format:
    """The format called ``name``; a ``ConfigError`` naming the valid ones otherwise."""
    key = (name or "").strip().lower()
    if key not in _REGISTRY:
        valid = ", ".join(["auto", *format_names()])
        raise ConfigError(f"unknown input format {name!r}; valid formats: {valid}")
    return _REGISTRY[key]


def format_for_extension(ext: str) -> Format | None:
    ext = ext.lower()
    for fmt in _REGISTRY.values():
        if ext in fmt.extensions:
            return fmt
    return None


# --- settings -----------------------------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


def max_article_bytes() -> int:
    """``KG_MAX_ARTICLE_BYTES``: the largest article (file, or record text) loaders accept.

    Plain bytes or with a binary suffix (``512K``, ``20MB``, ``1GiB``); default 20 MiB. Larger inputs
    become a ``LoadFailure`` here instead of exhausting memory in spaCy later. Read per call so tests
    can change the environment.
    """
    raw = os.environ.get("KG_MAX_ARTICLE_BYTES", "").strip()
    if not raw:
        return MAX_ARTICLE_BYTES_DEFAULT
    match = _SIZE.match(raw)
    if not match or int(match.group(1)) <= 0:
        raise ConfigError(
            f"KG_MAX_ARTICLE_BYTES must be a positive size such as 20971520 or 20MB, got {raw!r}"
        )
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[match.group(2).lower()]
    return int(match.group(1)) * scale


def too_large(size: int | None, limit: int) -> str:
    """The message for an input over the limit; ``size`` is None when it is unknown (stdin)."""
    what = f"{size:,} bytes" if size is not None else "input"
    return f"{what} is larger than KG_MAX_ARTICLE_BYTES ({limit:,} bytes); raise the limit to load it"


# --- bytes -> text --------------------------------------------------------------------------------

_MAGIC = (
    b"\x89PNG",
    b"%PDF",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"II*\x00",
    b"MM\x00*",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(head: bytes) -> bool:
    """A known binary signature, or NUL bytes in the first block (text never has them; UTF-16 aside)."""
    if head.startswith(_UTF16_BOMS):
        return False
    return head.startswith(_MAGIC) or b"\x00" in head[:8192]


def read_text_parts(stream: BinaryIO, limit: int | None = None,
                    encoding: str | None = None) -> tuple[list[str], str | None, int]:
    """Decode a whole stream as text, chunk by chunk, so the raw bytes are never held beside the text.

    Returns ``(text chunks, warning, bytes read)``; the chunks are about ``READ_CHUNK`` long, so a
    caller can work on the head and tail before joining them once. ``encoding`` (``--encoding``,
    checked by ``loaders.encoding.check_encoding``) is used as given; otherwise the first chunk
    decides (``loaders.encoding.detect_encoding``: BOM, UTF-8, charset-normalizer biased to
    windows-1252). Bytes the chosen encoding cannot decode are replaced with U+FFFD and reported as a
    warning rather than refused: a news text with one bad byte is still worth reading. ``limit``
    bounds how many bytes are read (callers check sizes first).
    """
    first = stream.read(min(READ_CHUNK, limit) if limit else READ_CHUNK)
    detected = None if encoding else detect_encoding(first)
    encoding = encoding or detected or "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    parts: list[str] = []
    replaced = False
    chunk = first
    total = len(first)
    while chunk:
        try:
            parts.append(decoder.decode(chunk))
        except UnicodeDecodeError:
            replaced = True
            # Re-decode this chunk with replacement; keep going with a tolerant decoder.
            state = decoder.getstate()
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            decoder.setstate(state)
            parts.append(decoder.decode(chunk))
        if limit is not None and total >= limit:
            break
        chunk = stream.read(READ_CHUNK if limit is None else min(READ_CHUNK, limit - total))
        total += len(chunk)
    try:
        parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        replaced = True
        parts.append("\ufffd")
    notes = [detected_warning(detected) if detected else None, replaced_warning(encoding) if replaced else None]
    return [part for part in parts if part], "; ".join(n for n in notes if n) or None, total


def detected_warning(codec: str) -> str | None:
    """Say which encoding a file that is not UTF-8 was read in: a guess the user may need to correct
    (and a file of UTF-8 with stray bytes, read as a legacy encoding, is then named)."""
    if codecs.lookup(codec).name in ("utf-8", "utf-8-sig", "utf-16"):
        return None
    return f"not UTF-8: read as {codecs.lookup(codec).name} (detected; --encoding names another)"


def replaced_warning(encoding: str) -> str:
    name = codecs.lookup(encoding).name.removesuffix("-sig").upper()
    return f"invalid {name} bytes replaced with U+FFFD (--encoding names the file's encoding)"


class Prefixed:
    """A stream with its already-read first bytes put back (stdin cannot seek)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._stream.read(size)
        if size < 0:
            out, self._head = self._head + self._stream.read(), b""
            return out
        out, self._head = self._head[:size], self._head[size:]
        if len(out) < size:
            out += self._stream.read(size - len(out))
        return out

    def readline(self, size: int = -1) -> bytes:
        if not self._head:
            return self._stream.readline(size)
        limit = len(self._head) if size < 0 else min(size, len(self._head))
        nl = self._head.find(b"\n", 0, limit)
        if nl >= 0 or limit < len(self._head):
            cut = nl + 1 if nl >= 0 else limit
            out, self._head = self._head[:cut], self._head[cut:]
            return out
        out, self._head = self._head, b""
        more = -1 if size < 0 else size - len(out)
        return out + (self._stream.readline(more) if more != 0 else b"")

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line


_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?([T ]|$)")


def iso_published(value: str | None) -> str | None:
    """A publication date as ISO 8601, which is how every date filter compares it (kg/scope.py).

    Feeds and JSON records carry dates as their publisher wrote them ("March 3, 2017", "Fri, 03 Mar
    2017 10:00:00 GMT"); kept like that, ``--since 2017-03`` would compare letters with digits. An
    ISO value is kept as given; another is parsed (python-dateutil, month first for "03/04/2017");
    one that does not parse is no date at all (undated articles are left out of date filters)."""
    text = (value or "").strip()
    if not text:
        return None
    if _ISO_DAY.match(text):
        return text
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(text)
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None and (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat().replace("+00:00", "Z")
