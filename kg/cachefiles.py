"""Files in kg's cache folder (``settings.cache_dir()``): written atomically, old versions pruned.

Both caches (the gazetteer index, kg/geo/gazetteer.py; the spaCy ruler patterns,
kg/extract/pipeline_cache.py) are built by one process and read by many that may start at the same
moment, so a file appears whole or not at all; and each is keyed by the data it was built from, so
older keys pile up unless the newest few are kept and the rest removed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], None], prefix: str) -> None:
    """``write(tmp)`` fills a temporary file beside ``path``, which then replaces ``path`` in one
    rename: readers see no file, the old one or the whole new one. The temporary file never stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def keep_newest(folder: Path, patterns: Iterable[str], keep: int, current: Path | None = None) -> None:
    """Remove all but the ``keep`` most recently written files matching ``patterns`` (never ``current``):
    two checkouts or versions used on one machine keep their own files instead of rebuilding each other's."""
    found = sorted((p for pattern in patterns for p in folder.glob(pattern)),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in found[keep:]:
        if stale != current:
            stale.unlink(missing_ok=True)
