"""The waiting notice: stderr only, one line per activity in a pipe, a self-erasing spinner on a terminal."""

from __future__ import annotations

import io

from kg.store.waiting import Waiting


class _Server:
    def data_files(self) -> dict[str, int]:
        return {"appendonly.aof.1.base.rdb": 2_500_000, "appendonly.aof.1.incr.aof": 500_000}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pipe_gets_one_line_per_activity_and_only_after_a_while() -> None:
    out = io.StringIO()
    with Waiting(_Server(), stream=out) as waiting:
        waiting.tick("loading its data files")
        assert out.getvalue() == ""  # a short wait shows nothing
        waiting.start -= 60  # as if a minute had passed
        for _ in range(3):
            waiting.tick("loading its data files")
        waiting.tick("compacting its data files")
    lines = out.getvalue().splitlines()
    assert lines == ["kg: the embedded store is loading its data files (3.0 MB of data files); waiting",
                     "kg: the embedded store is compacting its data files (3.0 MB of data files); waiting"]


def test_a_terminal_gets_a_spinner_that_erases_itself() -> None:
    out = _Tty()
    with Waiting(_Server(), stream=out) as waiting:
        waiting.start -= 5
        waiting.tick("loading its data files")
        waiting.tick("loading its data files")
    text = out.getvalue()
    assert text.count("\r") >= 3 and "\n" not in text and "loading its data files" in text
    assert text.endswith("\r") and text.rstrip("\r").endswith(" ")  # the last write blanks the line
