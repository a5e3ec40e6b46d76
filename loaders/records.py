"""Article records in JSON Lines (``.jsonl``, ``.ndjson``) and JSON (``.json``: an array or one object).

Each record has ``id``, ``title``, ``text``, ``url``, ``published``, ``source`` (and optionally
``language``); ``fields`` maps our names to the input's (``{"text": "body"}``; dotted names reach
into nested objects: ``{"published": "meta.date"}``). The text is kept exactly as given, with no
furniture stripping and no trimming: gold offsets of evaluation corpora index into it.

Both formats stream: JSON Lines line by line; a JSON array object by object with
``json.JSONDecoder.raw_decode`` over a growing buffer, so a large dump is never held whole. Both are
UTF-8 (RFC 8259) unless ``--encoding`` names another encoding.

Records without usable text are reported once per file and problem, at the end of the file, with
the first one's line (or item) number, how many there were, the first one's fields and the
``--field text=...`` mapping that would read it: a feed whose text is called ``body`` is one line
that says how to fix it, not one identical line per record.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, BinaryIO

from kg.errors import ConfigError
from kg.model import Article
from loaders.base import READ_CHUNK, Format, Item, LoadFailure, iso_published, max_article_bytes, register

FIELDS = ("id", "title", "text", "url", "published", "source", "language")
_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a field mapping (our name -> input name); unknown names of ours are a ConfigError."""
    fields = dict(fields or {})
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ConfigError(f"unknown article field(s) {', '.join(unknown)}; valid fields: {', '.join(FIELDS)}")
    bad = [ours for ours, theirs in fields.items() if not isinstance(theirs, str) or not theirs]
    if bad:
        raise ConfigError(f"field mapping for {', '.join(bad)} must name an input field")
    return fields


def _lookup(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    node: Any = record
    for part in name.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value).strip()
    return text or None


def _published(value: Any) -> str | None:
    """Dates become ISO 8601 (``loaders.base.iso_published``); a number is a Unix timestamp (UTC)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC).isoformat().replace("+00:00", "Z")
        except (OverflowError, OSError, ValueError):
            return None
    return iso_published(_scalar(value))


_SURROGATES = re.compile("[\ud800-\udfff]")


def _scrub(value: str | None) -> str | None:
    """JSON can carry lone surrogates (``"\\ud800"``) that no UTF-8 consumer (spaCy, the store) accepts;
    each becomes U+FFFD, one character for one, so offsets into the text stay valid."""
    return _SURROGATES.sub("\ufffd", value) if value else value


def text_problem(record: Mapping[str, Any], fields: Mapping[str, str]) -> str | None:
    """Why a record has no article text ("missing", "empty", "not a string"), or None when it has."""
    text = _lookup(record, fields.get("text", "text"))
    if isinstance(text, str) and text.strip():
        return None
    return "missing" if text is None else ("empty" if isinstance(text, str) else "not a string")


def record_to_article(record: Any, origin: str, fields: Mapping[str, str], limit: int) -> Item:
    """One JSON value -> an Article, or a LoadFailure saying why not."""
    if not isinstance(record, Mapping):
        return LoadFailure(origin, f"expected a JSON object, got {type(record).__name__}")
    name = {ours: fields.get(ours, ours) for ours in FIELDS}
    problem = text_problem(record, fields)
    if problem:
        return LoadFailure(origin, f"text field {name['text']!r} is {problem}")
    text = _lookup(record, name["text"])
    if len(text) > limit // 4 and len(text.encode("utf-8", "surrogatepass")) > limit:
        return LoadFailure(origin, f"text is larger than KG_MAX_ARTICLE_BYTES ({limit:,} bytes)")
    text = _scrub(text) or ""
    url = _scrub(_scalar(_lookup(record, name["url"])))
    language = _scrub(_scalar(_lookup(record, name["language"])))
    return Article(
        id=Article.make_id(text, url, _scrub(_scalar(_lookup(record, name["id"])))),
        text=text,
        title=_scrub(_scalar(_lookup(record, name["title"]))),
        url=url,
        published=_scrub(_published(_lookup(record, name["published"]))),
        source=_scrub(_scalar(_lookup(record, name["source"]))),
        origin=origin,
        language=language.lower() if language else None,
    )


class TextProblems:
    """Records of one file without usable text, grouped by problem and reported once per group."""

    MAX_KEYS = 12

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.field = fields.get("text", "text")
        self.fields = fields
        self.groups: dict[str, tuple[list[int], Mapping[str, Any]]] = {}

    def add(self, record: Any, number: int) -> bool:
        """Keep ``record`` (number ``number`` in its file) if it lacks text; True when it was kept."""
        if not isinstance(record, Mapping):
            return False
        problem = text_problem(record, self.fields)
        if problem is None:
            return False
        numbers, _first = self.groups.setdefault(problem, ([], record))
        numbers.append(number)
        return True

    def failures(self, origin: str, sep: str, unit: str) -> Iterator[LoadFailure]:
        """One failure per problem, named ``origin{sep}FIRST`` (``sep`` ":" for lines, "#" for items)."""
        for problem, (numbers, first) in self.groups.items():
            message = f"text field {self.field!r} is {problem}"
            if len(numbers) > 1:
                message += f" in {len(numbers):,} records ({unit} {_ranges(numbers)})"
            keys = [str(k) for k in first]
            if problem != "empty" or self.field not in first:
                shown = ", ".join(keys[: self.MAX_KEYS]) + (", ..." if len(keys) > self.MAX_KEYS else "")
                message += f"; {'the first' if len(numbers) > 1 else 'the record'} has fields: {shown or '(none)'}"
                guess = _text_like(first, exclude=self.field)
                if guess:
                    message += f"; if its text is in {guess!r}, map it with --field text={guess}"
            yield LoadFailure(f"{origin}{sep}{numbers[0]}", message, count=len(numbers))


def _text_like(record: Mapping[str, Any], exclude: str) -> str | None:
    """The top-level field holding the longest string: where an article's text usually is."""
    best, size = None, 0
    for key, value in record.items():
        if isinstance(value, str) and key != exclude and len(value) > size:
            best, size = str(key), len(value)
    return best


def _ranges(numbers: list[int], shown: int = 6) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``; at most ``shown`` runs, then ``...``."""
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(runs[:shown]) + (", ..." if len(runs) > shown else "")


def load_jsonl(stream: BinaryIO, origin: str, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """One article per line; a bad line is one failure ("path:LINE: invalid JSON"), the rest load.

    A line is read at most ``2 * KG_MAX_ARTICLE_BYTES`` (plus 1 MiB for the other fields) at a time;
    a longer one is refused and skipped without being held whole.
    """
    limit = max_article_bytes()
    max_line = 2 * limit + READ_CHUNK
    codec = encoding or "utf-8"
    problems = TextProblems(fields)
    number = 0
    while raw := stream.readline(max_line):
        number += 1
        where = f"{origin}:{number}"
        if len(raw) >= max_line and not raw.endswith(b"\n"):
            while (rest := stream.readline(max_line)) and not rest.endswith(b"\n"):
                pass
            yield LoadFailure(where, f"line longer than {max_line:,} bytes (see KG_MAX_ARTICLE_BYTES)")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf") and codec in ("utf-8", "utf-8-sig"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode(codec.removesuffix("-sig")))
        except UnicodeDecodeError:
            yield LoadFailure(where, f"invalid {codec.removesuffix('-sig').upper()} (--encoding names the file's encoding)")
            continue
        except ValueError as exc:
            yield LoadFailure(where, f"invalid JSON ({_reason(exc)})")
            continue
        if not problems.add(record, number):
            yield record_to_article(record, where, fields, limit)
    yield from problems.failures(origin, ":", "lines")


def _reason(exc: ValueError) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)


def iter_json_values(stream: BinaryIO, max_value_chars: int,
                     encoding: str | None = None) -> Iterator[tuple[int, Any, bool] | ValueError]:
    """Top-level values of a JSON document, streamed: the items of an array, else each value.

    Yields ``(line, value, in_array)`` per value (``line`` where it starts, for messages) and, at
    the first syntax error, a ``ValueError``; nothing is read after it since the rest cannot be
    framed reliably. A value is never buffered beyond ``max_value_chars``, so a broken or huge
    record costs bounded memory.
    """
    decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")(errors="replace")
    buf, pos, line, eof = "", 0, 1, False
    in_array = started = False

    def fill(size: int = READ_CHUNK) -> bool:
        nonlocal buf, pos, eof
        chunk = b"" if eof else stream.read(size)
        eof = not chunk
        buf = buf[pos:] + decoder.decode(chunk, final=eof)
        pos = 0
        return bool(chunk)

    while True:
        # skip whitespace and, inside an array, separators, up to the next value's start
        while True:
            while pos < len(buf) and buf[pos] in _WS:
                line += buf[pos] == "\n"
                pos += 1
            if pos < len(buf):
                char = buf[pos]
                if not started and char == "[":
                    in_array = started = True
                    pos += 1
                elif in_array and char == ",":
                    pos += 1
                elif in_array and char == "]":
                    return
                else:
                    break
            elif not fill():
                if in_array:
                    yield ValueError(f"line {line}: unterminated array")
                return
        started = True
        try:
            value, end = _DECODER.raw_decode(buf, pos)
        except json.JSONDecodeError as exc:
            where = line + buf.count("\n", pos, exc.pos)
            too_big = len(buf) - pos > max_value_chars
            if not too_big and fill(max(READ_CHUNK, len(buf) - pos)):
                continue  # the value runs past the buffer: read more (doubling) and try again
            if too_big:
                yield ValueError(f"line {line}: a record larger than KG_MAX_ARTICLE_BYTES, or not JSON")
            else:
                yield ValueError(f"line {where}: {exc.msg}")
            return
        if end == len(buf) and not isinstance(value, (dict, list, str)) and fill():
            continue  # a bare number or literal may go on in the next chunk
        yield line, value, in_array
        line += buf.count("\n", pos, end)
        pos = end


def load_json(stream: BinaryIO, origin: str, fields: dict[str, str], encoding: str | None = None) -> Iterator[Item]:
    """An array of article objects ("path#N", N from 1), or one object ("path").

    Several top-level objects one after another are read too ("path", "path#2", ...).
    """
    limit = max_article_bytes()
    count = 0
    problems = TextProblems(fields)
    numbered = False
    for item in iter_json_values(stream, 2 * limit + READ_CHUNK, encoding):
        if isinstance(item, ValueError):
            yield from problems.failures(origin, "#", "items")
            yield LoadFailure(f"{origin}#{count + 1}" if count else origin, f"invalid JSON ({item})")
            return
        _line, value, in_array = item
        count += 1
        numbered = numbered or in_array or count > 1
        where = f"{origin}#{count}" if numbered else origin
        if not problems.add(value, count):
            yield record_to_article(value, where, fields, limit)
    if count == 1 and not numbered and problems.groups:  # one object: name the file alone
        for failure in problems.failures(origin, "#", "items"):
            yield LoadFailure(origin, failure.message)
    else:
        yield from problems.failures(origin, "#", "items")
    if count == 0:
        yield LoadFailure(origin, "no JSON records (empty file or empty array)")


JSONL = register(
    Format("jsonl", (".jsonl", ".ndjson"), load_jsonl, whole_document=False, aliases=("ndjson",))
)
JSON = register(Format("json", (".json",), load_json, whole_document=False))
