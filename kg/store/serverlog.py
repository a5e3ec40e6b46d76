"""What the embedded server's log says: whether its latest start is done loading, and why it failed.

Why a module of its own: these few lines decide whether kg tells a user their data is damaged, the
most consequential message kg prints. Damage is named only in Redis's own words for files it cannot
read; everything else (an error replayed from the log, a warning about memory overcommit) is not.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_PREFIX = re.compile(r"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] ")
_PROBLEM = re.compile(r"Bad|rror|corrupt|Fatal|[Ff]ail|Can't|denied|Short read")
# What Redis says when it cannot read its data files; nothing else is called damage
DAMAGE = re.compile(r"Bad file format|Unrecoverable error|Short read")
# Harmless: a store written before constraints were sent once replays "already exists" errors
_HARMLESS = re.compile(r"AOF-loading-client.*already (exists|indexed)", re.IGNORECASE)
_READY = "Ready to accept connections"
_STARTED = ("Server initialized", "oO0OoO0OoO0Oo")


def _read(logfile: Path, since: int | None, tail: int = 256 * 1024) -> str:
    try:
        with open(logfile, "rb") as fh:
            end = fh.seek(0, os.SEEK_END)
            fh.seek(since if since is not None else max(0, end - tail))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def ready_logged(logfile: Path, since: int | None = None) -> bool:
    """The log says the server's latest start (the one after byte ``since``, when given) finished
    reading its data files."""
    text = _read(logfile, since)
    started = max(text.rfind(marker) for marker in _STARTED)
    if started < 0 and since is None:
        return True  # no start in the tail read: say nothing of loading, so a silent server is reported
    return text.rfind(_READY) > started


def why(logfile: Path, since: int, output: str, data_dir: Path) -> str:
    """The useful part of what the server said since byte ``since`` (plus its own ``output``)."""
    text = output + (_read(logfile, since) if since >= 0 else "")
    lines = [_PREFIX.sub("", ln).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and "overcommit" not in ln and not _HARMLESS.search(ln)]
    picked = [ln for ln in lines if _PROBLEM.search(ln)]
    message = " | ".join((picked or lines)[-4:]) or "no log output"
    if any(DAMAGE.search(ln) for ln in lines):
        message = (f"it could not read its data files in {data_dir}: {message}. Nothing was changed or "
                   "removed; 'kg store check' diagnoses the files without changing them, and "
                   "'kg store check --repair' first copies them aside")
    return message + f" (log: {logfile})"
