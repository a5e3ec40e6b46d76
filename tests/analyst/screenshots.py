"""Regenerate docs/img from the bundled corpus: ``kg import examples/``, then ``kg viz`` (the
overview), ``kg viz --entity Russia`` and ``kg map``, rendered in headless Chromium.

Run: ``make screenshots`` or ``python -m tests.analyst.screenshots [OUT_DIR]`` (needs Debian's
``chromium``). The real commands run in a private KG_HOME (its embedded server is stopped
afterwards), so the pictures show what a user of the bundled examples sees. The pages are loaded
from file:// with background networking off, so the screenshots also prove they draw offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1200,800"]
KG = "import sys\nfrom kg.cli import main\nsys.exit(main())\n"
PAGES = {"graph": ["viz"], "entity": ["viz", "--entity", "Russia"], "map": ["map"]}


def kg(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-c", KG, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def screenshot(page: Path, png: Path, profile: Path) -> None:
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def main(out: Path) -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="kgshot-", dir="/tmp"))
    env = dict(os.environ, KG_HOME=str(home), KG_STORE="embedded", KG_GRAPH="kg")
    try:
        kg(env, "import", str(ROOT / "examples"))
        for name, args in PAGES.items():
            kg(env, *args, "-o", str(home / f"{name}.html"))
            screenshot(home / f"{name}.html", out / f"{name}.png", home / "chrome")
            print(f"wrote {out / name}.png")
    finally:
        subprocess.run([sys.executable, "-c", KG, "store", "stop"], env=env, cwd=ROOT, capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"))
