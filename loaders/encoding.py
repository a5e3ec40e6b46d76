"""Which character encoding a text or HTML file is in: BOM, then UTF-8, then a declared charset, then
charset-normalizer, with a bias towards windows-1252 that charset-normalizer lacks.

Why not charset-normalizer alone: on short, mostly-ASCII text it often prefers a multibyte East Asian
code page because every candidate decodes "cleanly" (a Latin-1 "São Paulo" came back as big5
"S緌 Paulo"). A Latin-script text in a legacy single-byte encoding has its few high bytes between ASCII
letters; windows-1252 is what the WHATWG encoding standard falls back to for such bytes (and what it
reads "iso-8859-1" as). So windows-1252 is scored alongside charset-normalizer's own candidates and
wins whenever it is no messier than the best of them; a Polish or Russian text, which windows-1252
turns into "Wa³êsa" or "Ïðåçèäåíò", keeps charset-normalizer's answer. A text in another legacy
Latin code page that windows-1252 reads without mess (ISO-8859-2 Czech: "Pøedseda") needs
``--encoding``; no detector tells those apart on a few accented letters.

Why UTF-8 first: almost every file is UTF-8, and a file that decodes as UTF-8 is UTF-8 in practice
(legacy text almost never forms valid multibyte sequences). A mostly-UTF-8 file with a few stray
bytes stays UTF-8 (those bytes are replaced with U+FFFD and reported) rather than being re-read as
windows-1252, which would turn every correct "é" into "Ã©".
"""

from __future__ import annotations

import codecs
import re

from kg.errors import ConfigError

WESTERN = "cp1252"  # the WHATWG default for legacy Latin-script text
# Latin-script code pages, for text whose bytes are mostly ASCII: Cyrillic, Greek, Arabic, Hebrew and
# East Asian texts have most of their bytes above 0x7F (measured: 67-83%), Latin-script ones few
# (German 7%, Polish 15%, Czech 17%); an English file with stray bytes is not Urdu (cp1006).
LATIN_HIGH_SHARE = 0.3
LATIN_PAGES = ["cp1252", "cp1250", "cp1257", "cp1254", "iso8859_15", "iso8859_2", "iso8859_13"]
_ASCII = bytes(range(128))
DETECT_BYTES = 1 << 16  # charset-normalizer samples this much: the decision needs no more
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# labels the WHATWG encoding standard reads as windows-1252 (browsers never use true Latin-1)
_WESTERN_LABELS = {"latin_1", "iso8859_1", "ascii", "cp1252"}


def check_encoding(name: str | None) -> str | None:
    """``--encoding``: a codec Python knows, by its canonical name; a ConfigError otherwise.

    ``utf-8`` becomes ``utf-8-sig`` so a BOM is still dropped when the user names UTF-8.
    """
    if name is None or not name.strip():
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        raise ConfigError(f"unknown encoding {name!r}; use a Python codec name such as utf-8, "
                          "cp1252, latin-1, utf-16, shift_jis") from None
    return "utf-8-sig" if codec == "utf-8" else codec


def bom_encoding(head: bytes) -> str | None:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return None


def mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few bad bytes: more well-formed multibyte characters than errors.

    A cut at the end of ``sample`` (a character split by the read) is not an error.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        decoder.decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        pass
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > bad


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, when Python has that codec."""
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return None
    return WESTERN if codec in _WESTERN_LABELS else codec


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def detect_encoding(head: bytes, declared: str | None = None) -> str:
    """The codec to read a document whose first bytes are ``head`` (see the module docstring).

    ``declared`` (an HTML page's meta charset) is trusted when the bytes are not UTF-8 and decode
    with it. Returns a Python codec name; never fails (windows-1252 is the last resort).
    """
    bom = bom_encoding(head)
    if bom:
        return bom
    sample = head[:DETECT_BYTES]
    if mostly_utf8(sample):
        return "utf-8"
    if declared and _decodes(sample, declared):
        return declared
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    high = len(sample.translate(None, _ASCII))
    if high <= LATIN_HIGH_SHARE * len(sample):
        # the letters are mostly ASCII: a Latin-script language in a single-byte code page, or a
        # corrupt file (no code page reads it cleanly: kept as UTF-8, bad bytes replaced and reported)
        matches = list(from_bytes(sample, cp_isolation=LATIN_PAGES))
    else:
        matches = list(from_bytes(sample))
    if not any(m.encoding == WESTERN for m in matches):  # charset-normalizer stops at a good enough one
        matches += list(from_bytes(sample, cp_isolation=[WESTERN]))
    if not matches:
        return "utf-8" if high <= LATIN_HIGH_SHARE * len(sample) else WESTERN

    def score(match: object) -> tuple[float, int, float]:
        # coherence (charset-normalizer's language fit) ranks last: on a short text it is noise
        # ("Indonesian" cp1250 0.70 over "Portuguese" cp1252 0.65 for a Latin-1 "São Paulo")
        chaos, coherence = getattr(match, "chaos", 1.0), getattr(match, "coherence", 0.0)
        western = 0 if getattr(match, "encoding", "") == WESTERN else 1
        return (round(chaos, 2), western, -coherence)

    best = min(matches, key=score)
    return str(best.encoding)
