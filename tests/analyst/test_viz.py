"""``kg viz`` and ``kg map`` write self-contained pages (nothing fetched) that draw the sample graph."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.viz.graph import graph_from_result

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
CHROMIUM = Path("/usr/bin/chromium")


def _page_data(html: str) -> dict:
    match = re.search(r"const DATA = (\{.*?\});\n", html, re.S)
    assert match, "no inline data"
    return json.loads(match.group(1).replace("<\\/", "</"))


def assert_self_contained(html: str) -> None:
    assert not EXTERNAL.search(html), "page loads something from the network"
    assert "<link" not in html and "@import" not in html and "url(http" not in html


def test_viz_saved_network(sample_store, tmp_path):
    out = tmp_path / "out" / "graph.html"  # a folder that does not exist yet, as in `make demo`
    res = CliRunner().invoke(main, ["viz", "--saved", "recruitment-training-support-network", "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    data = _page_data(html)
    assert {n["caption"] for n in data["nodes"]} == {"Ukraine", "Sweden", "Armed Forces of Ukraine",
                                                    "Swedish mercenaries"}
    statuses = sorted((r["type"], r["status"]) for r in data["rels"])
    assert statuses == [("RECRUITS_FOR", "asserted"), ("SUPPORTS", "asserted"), ("TRAINS", "alleged"),
                        ("TRAINS", "denied")]
    denied = next(r for r in data["rels"] if r["status"] == "denied")
    assert denied["evidence"][0]["sentence"].startswith("Volodymyr Zelensky denied")
    assert denied["evidence"][0]["source"] == "Kyiv Independent"
    assert '"denied") return {c: "#d62728", d: "6,4"' in html  # dashed red


def test_viz_entity_and_cypher(sample_store, tmp_path):
    out = tmp_path / "e.html"
    res = CliRunner().invoke(main, ["viz", "--entity", "Kyiv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = _page_data(out.read_text(encoding="utf-8"))
    assert {n["caption"] for n in data["nodes"]} >= {"Kyiv", "Russia", "Ukraine"}
    out2 = tmp_path / "c.html"
    res = CliRunner().invoke(main, ["viz", "MATCH (a:Country)-[r:ATTACKS]->(b) RETURN a, r, b", "-o", str(out2)])
    assert res.exit_code == 0, res.output
    assert [r["type"] for r in _page_data(out2.read_text(encoding="utf-8"))["rels"]] == ["ATTACKS"]


def test_viz_refuses_scalar_results(sample_store):
    with pytest.raises(QueryError, match="no nodes or relationships"):
        graph_from_result(sample_store, sample_store.read("MATCH (n:Person) RETURN n.name"))


def test_map_page(sample_store, tmp_path):
    out = tmp_path / "out" / "map.html"
    res = CliRunner().invoke(main, ["map", "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    assert html.count("<path d=") > 150  # Natural Earth country outlines
    assert len(re.findall(r'<circle class="place"', html)) == 6  # Kyiv, Bucha, Moscow + 3 countries
    assert "Kyiv (Place, UA): 2 mention(s)" in html
    lines = re.findall(r'<line class="rel"[^>]*>', html)
    assert len(lines) == 2  # Russia -> Kyiv, Sweden -> Ukraine


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
@pytest.mark.parametrize("command", ["viz", "map"])
def test_pages_render_in_headless_chromium(sample_store, tmp_path, command):
    page = tmp_path / f"{command}.html"
    args = [command, "-o", str(page)] + (["--saved", "recruitment-training-support-network"] if command == "viz" else [])
    assert CliRunner().invoke(main, args).exit_code == 0
    shot = tmp_path / f"{command}.png"
    profile = tmp_path / "chrome-profile"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
                    f"--screenshot={shot}", "--window-size=1200,800", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a blank page compresses far smaller
    # the DOM after the page's own script ran: every node and relationship was drawn, placed on screen
    dom = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
                          "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    circles = re.findall(r"<circle[^>]*>", dom)
    if command == "viz":
        placed = [c for c in circles if re.search(r'cx="-?\d', c)]
        lines = [ln for ln in re.findall(r"<line[^>]*>", dom) if re.search(r'x1="-?\d', ln)]
        assert len(placed) == 4 and len(lines) == 4, dom[-2000:]  # Sweden, Ukraine, AFU, mercenaries; 4 relations
    else:
        assert len([c for c in circles if 'class="place"' in c]) == 6
    shutil.rmtree(profile, ignore_errors=True)
