"""Cold start: one-article ``kg extract`` in a new process vs raw spaCy load + parse of that article.

Why: an analyst runs ``kg extract article.txt`` (or imports one article) many times a day, and
each run is a new process. What it should cost is the spaCy model's load and one parse; everything
kg builds on top (gazetteer ruler patterns, the gazetteer index) comes from the on-disk cache in
``settings.cache_dir()``. Both sides are whole-process wall times (interpreter start included), run
alternately ``--rounds`` times, medians compared; the first kg run in an empty cache dir (which
builds every cache) is reported apart.

Usage: ``python bench/coldstart.py [--rounds 5] [--article examples/01_vilnius_air_patrols.txt]``
(``run.py`` calls ``measure`` as part of ``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "01_vilnius_air_patrols.txt"
TARGET = 1.5

RAW = """import importlib, sys
from pathlib import Path
from kg.extract.nlp import MODEL_PACKAGE
nlp = importlib.import_module(MODEL_PACKAGE).load()
doc = nlp(Path(sys.argv[1]).read_text(encoding="utf-8"))
print(len(doc))
"""
KG = "import sys\nfrom kg.cli import main\nsys.exit(main())\n"


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    return time.perf_counter() - start


def measure(article: Path = ARTICLE, rounds: int = 5) -> dict[str, Any]:
    """Medians of whole-process wall seconds; ``ratio`` = kg extract (one worker) / raw spaCy."""
    cache = Path(tempfile.mkdtemp(prefix="kg-cold-"))
    env = dict(os.environ, KG_CACHE_DIR=str(cache), PYTHONHASHSEED="0")
    kg1 = [sys.executable, "-c", KG, "extract", str(article), "--format", "jsonl", "--workers", "1"]
    kg_default = kg1[:-2]  # as a user types it: KG_WORKERS / both cores
    raw = [sys.executable, "-c", RAW, str(article)]
    try:
        first = _wall(kg1, env)  # empty cache: builds the gazetteer index and the ruler patterns
        times: dict[str, list[float]] = {"raw": [], "kg_workers_1": [], "kg_default": []}
        for _ in range(rounds):
            times["raw"].append(_wall(raw, env))
            times["kg_workers_1"].append(_wall(kg1, env))
            times["kg_default"].append(_wall(kg_default, env))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"article": str(article.relative_to(ROOT) if article.is_relative_to(ROOT) else article),
            "rounds": rounds, "first_run_empty_cache_s": first, "raw_s": med["raw"],
            "kg_workers_1_s": med["kg_workers_1"], "kg_default_s": med["kg_default"],
            "ratio": med["kg_workers_1"] / med["raw"], "ratio_default_workers": med["kg_default"] / med["raw"],
            "target": f"<= {TARGET}", "runs": times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    result = measure(args.article.resolve(), args.rounds)
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
