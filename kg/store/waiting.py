"""A spinner on stderr while a command waits for the embedded store (loading, compacting, stopping).

Why stderr only: stdout may carry JSON or CSV that another program reads. Why at all: a store written
by an older kg can take minutes to read once, and a silent command looks hung, which is what led a user
to think the data was damaged. Not a terminal (a pipe, a log file): one line per change of activity,
no carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO

_DELAY = 0.7  # waits shorter than this show nothing on a terminal ...
_DELAY_LOG = 3.0  # ... and in a pipe or log file, where every line stays
_FRAMES = "|/-\\"


class _Sized(Protocol):
    def data_files(self) -> dict[str, int]: ...


class Waiting:
    """``with Waiting(server) as w: ... w.tick("loading its data files")`` inside a polling loop."""

    def __init__(self, server: _Sized, stream: TextIO | None = None) -> None:
        self.server = server
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.shown = ""
        self.width = 0
        self._size_at = 0.0
        self._size = 0

    def __enter__(self) -> Waiting:
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.width and self._tty():
            self._write("\r" + " " * self.width + "\r")

    def _tty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError):
            return False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # a closed stderr must not break the command

    def _megabytes(self) -> float:
        now = time.monotonic()
        if now - self._size_at > 1.0:
            self._size, self._size_at = sum(self.server.data_files().values()), now
        return self._size / 1e6

    def tick(self, doing: str) -> None:
        elapsed = time.monotonic() - self.start
        tty = self._tty()
        if elapsed < (_DELAY if tty else _DELAY_LOG):
            return
        text = f"the embedded store is {doing} ({self._megabytes():.1f} MB of data files)"
        if tty:
            line = f"{_FRAMES[int(elapsed * 8) % 4]} {text}, {elapsed:.0f}s"
            self._write("\r" + line.ljust(self.width))
            self.width = max(self.width, len(line))
        elif doing != self.shown:
            self._write(f"kg: {text}; waiting\n")
        self.shown = doing
