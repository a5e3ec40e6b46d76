"""Render the sample graph's ``kg viz`` and ``kg map`` pages in headless Chromium, into docs/img/.

Run: ``python -m tests.analyst.screenshots [OUT_DIR]`` (needs Debian's ``chromium``). The pages are
loaded from file:// with background networking off, so the screenshots prove they draw offline.
A private KG_HOME and embedded server are used and stopped afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.queries import get_saved
from kg.store.embedded import EmbeddedServer
from kg.store.falkor import FalkorStore
from kg.viz.graph import graph_from_result, write_graph
from kg.viz.map import write_map
from tests.analyst.conftest import sample_batch

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--window-size=1200,800"]


def screenshot(page: Path, png: Path, profile: Path) -> None:
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def main(out: Path) -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="kgshot-", dir="/tmp"))
    server = EmbeddedServer(home)
    try:
        server.start()
        with FalkorStore(graph="screenshots", server=server) as store:
            store.write(sample_batch())
            query = get_saved("recruitment-training-support-network")
            data = graph_from_result(store, store.read(query.text_for(store.name)))
            write_graph(store, data, home / "graph.html", "kg viz --saved recruitment-training-support-network")
            write_map(store, home / "map.html")
        for name in ("graph", "map"):
            screenshot(home / f"{name}.html", out / f"{name}.png", home / "chrome")
            print(f"wrote {out / name}.png")
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/img")))
