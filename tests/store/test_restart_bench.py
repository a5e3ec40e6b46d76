"""The restart measurement of ``make bench`` runs on a real (tiny, synthetic) store and reports every figure.

No timing is asserted (the machine is shared): only that each start happened and was measured, and
that the graph the bench restarted is the graph it wrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import restart  # noqa: E402


def test_restart_figures_on_a_synthetic_store() -> None:
    figures = restart.synthetic(300, legacy=False)
    assert figures["articles"] == figures["articles_after_restart"] == 300
    for key in ("after_kill_s", "after_stop_s", "snapshot_s", "stop_s", "write_s"):
        assert figures[key] > 0, key
    assert figures["bytes_after_stop"] > 0 and figures["bytes_per_article"] == figures["bytes_after_stop"] / 300
    assert figures["bytes_as_imported"] >= figures["bytes_after_stop"]  # stop compacted the log
    assert figures["restart_vs_snapshot"] > 0
    assert set(restart.targets(figures)) == {"restart_s", "restart_vs_snapshot"}
