"""Terminal tables (kg/table.py): they fit the width, cut at words, keep dates whole, name graph elements."""

from __future__ import annotations

from kg.table import ELLIPSIS, GAP, cell_text, column_widths, cut, render_table

CLAIM = ("the Armed Forces of Ukraine train Swedish mercenaries near Bucha, in a camp that the ministry "
         "says does not exist")
ROWS = [["Nikolai Patrushev", "claimed", "alleged", CLAIM, ["Armed Forces of Ukraine", "Swedish mercenaries"],
         "Patrushev on mercenaries: a long headline about recruitment", "2026-03-19T17:40:00Z"],
        ["Volodymyr Zelensky", "denied", "denied", "that it happened", [], "Zelensky denies", None],
        ["He", "said", "asserted", "Sweden supports Ukraine", ["Sweden"], "Strikes on Kyiv", "2023-07-01"]]
COLUMNS = ["speaker", "cue", "status", "claim", "about", "article", "published"]


def test_table_fits_80_columns_one_line_a_row():
    lines = render_table(COLUMNS, ROWS, 80)
    assert len(lines) == 2 + len(ROWS)
    assert max(len(line) for line in lines) <= 80


def test_cells_are_cut_at_a_word_and_dates_stay_whole():
    lines = render_table(COLUMNS, ROWS, 80)
    first, undated = lines[2], lines[3]
    assert "2026-03-19" in first and "unknown" in undated  # a missing date reads "unknown"
    assert "alleged" in first and "claimed" in first  # short tokens are never cut
    cells = [[cell_text(v, c) for v, c in zip(row, COLUMNS, strict=True)] for row in ROWS]
    widths = column_widths(COLUMNS, cells, 80)
    starts = [sum(widths[:i]) + GAP * i for i in range(len(widths))]
    cut_cells = 0
    for line, row in zip(lines[2:], cells, strict=True):
        for start, width, original in zip(starts, widths, row, strict=True):
            shown = line[start:start + width].rstrip()
            if shown.endswith(ELLIPSIS):
                cut_cells += 1
                kept = shown[:-1]
                assert original.startswith(kept) and original[len(kept)] in " ,;:-", (shown, original)
            else:
                assert shown == original
    assert cut_cells >= 3


def test_cut():
    assert cut("short", 10) == "short"
    assert cut("Armed Forces of Ukraine", 13) == "Armed Forces" + ELLIPSIS  # the cut falls between words
    assert cut("Armed Forces of Ukraine", 12) == "Armed" + ELLIPSIS  # never "Armed Force…"
    assert cut("https://example.org/a/long/path", 12) == "https://exa" + ELLIPSIS  # one token: cut where it must
    assert cut("Tillabéri région", 12) == "Tillabéri" + ELLIPSIS


def test_graph_elements_show_as_names():
    node = {"_labels": ["Country", "Entity"], "id": "country:1", "name": "Mali", "keys": ["mali"]}
    rel = {"_type": "SUPPORTS", "id": "r1", "status": "denied", "evidence": ["a:1:2"]}
    path = {"nodes": [node, {"_labels": ["Country"], "id": "c2", "name": "Russia"}], "relationships": [rel]}
    assert cell_text(node) == "Mali"
    assert cell_text(rel) == "SUPPORTS (denied)"
    assert cell_text(path) == "Mali -[SUPPORTS (denied)]- Russia"
    assert cell_text([node, node]) == "Mali, Mali"
    assert cell_text({"latitude": 50.45, "longitude": 30.52}) == "50.4500, 30.5200"
    assert cell_text("line\n  break") == "line break" and cell_text(None, "published") == "unknown"
