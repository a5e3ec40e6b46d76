"""``kg viz`` and ``kg map`` write self-contained pages (nothing fetched) that draw the sample graph,
filter it by entity, time and source, and stay readable: the headless-browser tests read the
rendered page's bounding boxes (labels, circles, legend, drawing area) from the DOM."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.store.embedded import EmbeddedServer
from kg.store.falkor import FalkorStore
from kg.viz.graph import graph_from_result
from tests.analyst.crowd import crowd_batch
from tests.conftest import falkor_graph, point_cli_at

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


def _viz(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / f"{uuid.uuid4().hex[:8]}.html"
    res = CliRunner().invoke(main, ["viz", *args, "-o", str(out)])
    assert res.exit_code == 0, res.output
    return _page_data(out.read_text(encoding="utf-8"))


def test_viz_entity_and_cypher(sample_store, tmp_path):
    data = _viz(tmp_path, "--entity", "Kyiv")
    assert {n["caption"] for n in data["nodes"]} == {"Kyiv", "Russia", "Ukraine"}
    assert {r["type"] for r in data["rels"]} == {"ATTACKS", "IN_COUNTRY"}  # co-mentions only when asked
    data = _viz(tmp_path, "--entity", "Kyiv", "--co-mentions")
    assert {r["type"] for r in data["rels"]} == {"ATTACKS", "IN_COUNTRY", "CO_MENTIONED"}
    out2 = tmp_path / "c.html"
    res = CliRunner().invoke(main, ["viz", "MATCH (a:Country)-[r:ATTACKS]->(b) RETURN a, r, b", "-o", str(out2)])
    assert res.exit_code == 0, res.output
    assert [r["type"] for r in _page_data(out2.read_text(encoding="utf-8"))["rels"]] == ["ATTACKS"]


def test_viz_refuses_scalar_results(sample_store):
    with pytest.raises(QueryError, match="no nodes or relationships"):
        graph_from_result(sample_store, sample_store.read("MATCH (n:Person) RETURN n.name"))


def test_viz_overview_without_a_query(sample_store, tmp_path):
    data = _viz(tmp_path)
    assert {(r["type"], r["status"]) for r in data["rels"]} == {
        ("RECRUITS_FOR", "asserted"), ("TRAINS", "alleged"), ("TRAINS", "denied"), ("SUPPORTS", "asserted"),
        ("ATTACKS", "asserted")}  # every domain relation, no co-mention, no structural edge
    assert not data["notes"]
    data = _viz(tmp_path, "--co-mentions")
    assert "CO_MENTIONED" in {r["type"] for r in data["rels"]}
    capped = _viz(tmp_path, "--nodes", "2")
    assert len(capped["nodes"]) == 2 and "showing the 2 entities in the most relations, of 6" in capped["notes"][0]


def test_viz_says_when_a_query_hit_its_limit(sample_store, tmp_path):
    data = _viz(tmp_path, "MATCH (a)-[r:TRAINS]->(b) RETURN a, r, b LIMIT 1")
    assert data["notes"] == ["the query stopped at its LIMIT 1: there may be more"]
    assert not _viz(tmp_path, "MATCH (a)-[r:TRAINS]->(b) RETURN a, r, b LIMIT 5")["notes"]


def test_viz_scoped_by_time_and_source(sample_store, tmp_path):
    later = _viz(tmp_path, "--since", "2023-06-21")  # a2 (06-22) and a3 (07-01), not a1 (06-20)
    assert {(r["type"], r["status"]) for r in later["rels"]} == {("TRAINS", "denied"), ("SUPPORTS", "asserted"),
                                                                 ("ATTACKS", "asserted")}
    june = _viz(tmp_path, "--since", "2023-06", "--until", "2023-06")
    assert {r["type"] for r in june["rels"]} == {"RECRUITS_FOR", "TRAINS", "SUPPORTS"}
    reuters = _viz(tmp_path, "--source", "reuters")
    assert [r["type"] for r in reuters["rels"]] == ["ATTACKS"]
    kyiv = _viz(tmp_path, "--entity", "Kyiv", "--until", "2023-06-30")
    assert [r["type"] for r in kyiv["rels"]] == ["IN_COUNTRY"]  # the attack was reported in July


def test_viz_and_map_refuse_bad_dates_and_conflicting_options(sample_store, tmp_path):
    for args in (["viz", "--since", "2023-13"], ["map", "--until", "June"], ["viz", "--entity", "Kyiv", "--saved", "x"],
                 ["viz", "--saved", "recruitment-training-support-network", "--since", "2023"]):
        res = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "x.html")])
        assert res.exit_code in (1, 2) and isinstance(res.exception, SystemExit), (args, res.output)
        assert "Error" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()


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


def _map(tmp_path: Path, *args: str) -> str:
    out = tmp_path / f"{uuid.uuid4().hex[:8]}.html"
    res = CliRunner().invoke(main, ["map", *args, "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def _places(html: str) -> set[str]:
    return {m.split(" (")[0] for m in re.findall(r'<circle class="place"[^>]*><title>([^<]*)</title>', html)}


def _lines(html: str) -> list[tuple[str, str]]:
    """``("Source->Target", status)`` per drawn relation line, in drawing order."""
    out = []
    for m in re.finditer(r'<line class="rel" data-status="([^"]*)"[^>]*><title>([^<]*)</title>', html):
        tip = unescape(m.group(2))
        out.append((tip.split(" -[")[0] + "->" + tip.split("]-> ")[1].split(" (")[0], m.group(1)))
    return out


def test_map_filters(sample_store, tmp_path):
    html = _map(tmp_path, "--entity", "Patrushev")  # a1 and a3 mention him, a2 does not
    assert _places(html) == {"Bucha", "Ukraine", "Moscow", "Russia", "Kyiv"}
    assert [ln for ln, _ in _lines(html)] == ["Russia->Kyiv"]
    assert "articles that mention Nikolai Patrushev" in html
    html = _map(tmp_path, "--since", "2023-06-21", "--until", "2023-06-30")  # a2 only
    assert _places(html) == {"Ukraine", "Sweden", "Kyiv"} and [ln for ln, _ in _lines(html)] == ["Sweden->Ukraine"]
    assert _places(_map(tmp_path, "--source", "REUTERS")) == {"Moscow", "Russia", "Kyiv"}
    html = _map(tmp_path, "--saved", "recruitment-training-support-network")
    assert _places(html) == {"Ukraine", "Sweden"} and [ln for ln, _ in _lines(html)] == ["Sweden->Ukraine"]
    assert "2 of the query's entities have no coordinates" in unescape(html)
    res = CliRunner().invoke(main, ["map", "--entity", "Patrushev", "--source", "Nobody", "-o", str(tmp_path / "n.html")])
    assert res.exit_code == 1 and "no located entities" in res.output


@pytest.fixture(scope="module")
def crowd_graph(embedded_server: EmbeddedServer) -> Iterator[FalkorStore]:
    """300 located cities and 60 related actors in ten articles (tests/analyst/crowd.py)."""
    with falkor_graph(embedded_server, "crowd", crowd_batch()) as st:
        yield st


@pytest.fixture
def crowd_store(crowd_graph: FalkorStore, embedded_server: EmbeddedServer,
                monkeypatch: pytest.MonkeyPatch) -> FalkorStore:
    """The crowd graph for one test's CLI commands (the sample graph stays the module's default)."""
    point_cli_at(embedded_server, crowd_graph.graph_name, monkeypatch)
    return crowd_graph


def test_map_draws_denied_over_alleged(crowd_store, tmp_path):
    lines = _lines(_map(tmp_path))
    assert [status for _, status in lines] == ["asserted"] * (len(lines) - 2) + ["alleged", "denied"]
    assert lines[-1][0] == lines[-2][0]  # one pair of cities: the denial is drawn after (on top of) the allegation


# ---- the rendered pages, measured in headless Chromium -------------------------------------------
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1200,800"]
# Run after the page's own script: the boxes the browser laid out, in CSS px of the viewport.
PROBE = """<script>(() => {
  const R = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const svg = document.querySelector("svg");
  const shown = e => getComputedStyle(e).visibility !== "hidden" && getComputedStyle(e).display !== "none" &&
    e.textContent.trim() !== "" && e.getBoundingClientRect().width > 0;
  const texts = Array.from(svg.querySelectorAll("text"));
  const out = {svg: R(svg), legend: R(document.querySelector("#top, header")), texts: texts.length,
    labels: texts.filter(shown).map(t => ({text: t.textContent, box: R(t)})),
    circles: Array.from(svg.querySelectorAll("circle")).map(R),
    notes: (document.getElementById("notes") || {}).textContent || ""};
  const pre = document.createElement("pre"); pre.id = "kg-probe"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();</script>"""


def render(page: Path, tmp_path: Path) -> dict:
    """The page's layout as Chromium drew it (a copy of the page with PROBE appended, --dump-dom)."""
    probe = page.with_name(page.stem + "-probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    profile = tmp_path / f"chrome-{uuid.uuid4().hex[:6]}"
    try:
        dom = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000",
                              "--dump-dom", probe.as_uri()], check=True, capture_output=True, text=True,
                             timeout=120).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    match = re.search(r'<pre id="kg-probe">(.*?)</pre>', dom, re.S)
    assert match, dom[-2000:]
    return json.loads(match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
                      .replace("&amp;", "&"))


def _overlap(a: list[float], b: list[float], slack: float = 1.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _inside(a: list[float], outer: list[float]) -> bool:
    return a[0] >= outer[0] - 0.5 and a[1] >= outer[1] - 0.5 and a[2] <= outer[2] + 0.5 and a[3] <= outer[3] + 0.5


def assert_readable(layout: dict, circles_block_labels: bool) -> None:
    """No two shown labels overlap; labels and circles stay in the drawing area, which the legend
    never covers; labels are drawn at a readable size."""
    svg, legend, labels = layout["svg"], layout["legend"], layout["labels"]
    assert labels, "no label is shown"
    assert legend[3] <= svg[1] + 0.5 or legend[1] >= svg[3] - 0.5 or legend[0] >= svg[2] - 0.5, (legend, svg)
    for lab in labels:
        assert _inside(lab["box"], svg), lab
        assert not _overlap(lab["box"], legend, 0), lab
        assert lab["box"][3] - lab["box"][1] >= 10, lab  # ~11-12 px type, not the 4 px of a scaled-down graph
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a, b)
    if circles_block_labels:
        for lab in labels:
            for c in layout["circles"]:
                assert not _overlap(lab["box"], c), (lab, c)


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


@needs_chromium
def test_sample_pages_render_readably(sample_store, tmp_path):
    graph, world = tmp_path / "viz.html", tmp_path / "map.html"
    assert CliRunner().invoke(main, ["viz", "--saved", "recruitment-training-support-network", "-o", str(graph)]).exit_code == 0
    assert CliRunner().invoke(main, ["map", "-o", str(world)]).exit_code == 0
    layout = render(graph, tmp_path)
    assert len(layout["circles"]) == 4
    assert all(_inside(c, layout["svg"]) for c in layout["circles"])
    names = {lab["text"] for lab in layout["labels"]}
    assert names >= {"Ukraine", "Sweden", "Armed Forces of Ukraine", "Swedish mercenaries"}  # every node named
    assert_readable(layout, circles_block_labels=True)
    layout = render(world, tmp_path)
    assert len(layout["circles"]) == 6
    assert_readable(layout, circles_block_labels=False)
    shot = tmp_path / "viz.png"
    subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'shot'}", f"--screenshot={shot}",
                    graph.as_uri()], check=True, capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a blank page compresses far smaller


@needs_chromium
def test_crowded_overview_is_readable_and_says_it_was_capped(crowd_store, tmp_path):
    page = tmp_path / "overview.html"
    res = CliRunner().invoke(main, ["viz", "-o", str(page)])
    assert res.exit_code == 0, res.output
    layout = render(page, tmp_path)
    assert len(layout["circles"]) == 40
    assert "showing the 40 entities in the most relations, of 62" in layout["notes"]
    assert_readable(layout, circles_block_labels=True)
    node_labels = [lab for lab in layout["labels"] if lab["text"].startswith("Actor")]
    assert len(node_labels) >= 20, len(node_labels)  # most of the 40 are named at the default size


@needs_chromium
def test_crowded_map_declutters_labels(crowd_store, tmp_path):
    page = tmp_path / "map.html"
    assert CliRunner().invoke(main, ["map", "-o", str(page)]).exit_code == 0
    layout = render(page, tmp_path)
    assert len(layout["circles"]) == 300
    assert_readable(layout, circles_block_labels=False)
    assert 25 <= len(layout["labels"]) < 300, len(layout["labels"])  # many named, the crowd decluttered


def test_overview_of_a_corpus_without_events_shows_roles(store, tmp_path):
    from kg.extract import Extractor
    from kg.pipeline import Importer
    from loaders import load

    (tmp_path / "roles.txt").write_text(
        "Alliance talks\n\nNATO Secretary General Jens Stoltenberg spoke in Brussels on Monday. "
        "German Chancellor Olaf Scholz spoke later.\n", encoding="utf-8")
    assert Importer(store, Extractor(), batch_size=2).run(load([str(tmp_path / "roles.txt")])).failed == 0
    data = _viz(tmp_path)
    assert "HOLDS_ROLE" in {r["type"] for r in data["rels"]}
    assert any("no domain relations" in n for n in data["notes"]), data["notes"]
