"""No command shows a traceback: every command of the click tree is driven through bad paths, existing
outputs, unknown options and missing or misspelled parameters, on a real store holding the sample graph.

The table ``CASES`` must name every command (a new command fails ``test_every_command_has_cases``
until its error cases are written); each case says what the one-line error must mention.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.analyst.conftest import sample_batch


def _leaves(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out.extend(_leaves(cmd, (*prefix, name)))
        else:
            out.append((*prefix, name))
    return out


LEAVES = _leaves(main)

# command -> [(arguments, extra environment, text the error must contain)]; {dir} is an existing folder with a
# file in it, {file} an existing file, {missing} a path that does not exist.
CASES: dict[tuple[str, ...], list[tuple[list[str], dict[str, str], str]]] = {
    ("import",): [(["{missing}/a.txt"], {}, "no such file or folder"),
                  (["{file}", "--field", "text"], {}, "OURS=THEIRS")],
    ("extract",): [(["{missing}/a.txt"], {}, "no such file or folder"),
                   (["{file}", "-o", "{dir}"], {}, "Is a directory")],
    ("queries",): [(["claims-by-speakr"], {}, "did you mean claims-by-speaker"),
                   ([], {"KG_QUERIES_DIR": "{missing}"}, "no saved-query folder")],
    ("entity",): [(["Nobody At All"], {}, "no entity named"),
                  (["Kyiv", "--since", "last week"], {}, "not a date")],
    ("article",): [(["no-such-article"], {}, "no article with id or url"),
                   (["a1", "-o", "{dir}"], {}, "is a folder")],
    ("viz",): [(["--saved", "no-such-query"], {}, "no saved query named"),
               (["--saved", "co-mention-network", "--param", "nmae=Kyiv"], {}, "did you mean name?"),
               (["MATCH (n:Place) RETURN n", "-o", "{dir}"], {}, "directory"),
               (["MATCH (n:Place) RETURN n", "-o", "{file}/graph.html"], {}, "{file}")],
    ("map",): [(["-o", "{dir}"], {}, "directory")],
    ("export",): [(["--format", "cypher", "-o", "{dir}"], {}, "is a folder"),
                  (["--format", "csv", "-o", "{file}"], {}, "is a file"),
                  (["--format", "jsonl", "-o", "{file}"], {}, "--force"),
                  (["--format", "csv", "-o", "{dir}"], {}, "--force"),
                  (["--format", "jsonl", "-o", "{file}/sub.jsonl", "--force"], {}, "{file}"),
                  (["--format", "jsonl", "-o", "{missing}.jsonl", "--until", "2023-13"], {}, "not a date")],
    ("push",): [([], {"NEO4J_URI": "neo4j://127.0.0.1:9"}, "cannot reach Neo4j")],
    ("query",): [(["--saved", "claims-by-speaker", "--param", "spaeker=Zongo"], {},
                  "did you mean speaker? (its parameters: speaker (e.g. Patrushev), since (optional)"),
                 (["MATCH (e:Entity) WHERE e.name = $name AND e.norm = $norm RETURN e"], {},
                  "missing parameter(s): $name, $norm"),
                 (["RETURN 1", "--param", "novalue"], {}, "is not KEY=VALUE"),
                 (["CREATE (n:Person {id: 'x'})"], {}, "")],
    ("stats",): [(["--since", "2023-02-30x"], {}, "not a date")],
    ("schema", "show"): [(["--format", "sql"], {}, "Invalid value")],
    ("schema", "apply"): [([], {"KG_SCHEMA_DIR": "{missing}"}, "cannot read schema")],
    ("store", "status"): [(["--format", "xml"], {}, "Invalid value")],
    ("store", "start"): [([], {"KG_HOME": "{file}"}, "{file}")],
    ("store", "stop"): [(["now"], {}, "unexpected extra argument")],
    ("store", "check"): [(["now"], {}, "unexpected extra argument")],
    ("store", "backup"): [(["{file}"], {}, "--force"), (["{dir}"], {}, "directory")],
    ("store", "restore"): [(["{missing}.rdb"], {}, "does not exist"), (["{dir}"], {}, "directory")],
}


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("cli-errors")
    folder = root / "existing"
    folder.mkdir()
    (folder / "old.txt").write_text("old\n", encoding="utf-8")
    existing = root / "existing.txt"
    existing.write_text("An article about Kyiv.\n", encoding="utf-8")
    return {"dir": str(folder), "file": str(existing), "missing": str(root / "missing" / "nothing")}


def test_every_command_has_cases() -> None:
    assert set(LEAVES) == set(CASES), "add error cases for new commands to CASES"


def _fill(text: str, places: dict[str, str]) -> str:
    for key, value in places.items():
        text = text.replace("{" + key + "}", value)
    return text


@pytest.mark.parametrize("command", LEAVES, ids=" ".join)
def test_errors_are_one_line_never_a_traceback(command: tuple[str, ...], store, places: dict[str, str]) -> None:
    store.write(sample_batch())
    runner = CliRunner()
    cases = [*CASES.get(command, []), (["--no-such-option"], {}, "No such option")]
    for args, env, wanted in cases:
        argv = [*command, *(_fill(a, places) for a in args)]
        result = runner.invoke(main, argv, env={k: _fill(v, places) for k, v in env.items()})
        assert isinstance(result.exception, SystemExit), (argv, result.output, result.exception)
        assert result.exit_code in (1, 2), (argv, result.exit_code, result.output)
        assert "Traceback" not in result.output and "error" in result.output.lower(), (argv, result.output)
        assert _fill(wanted, places) in result.output, (argv, result.output)


def test_push_without_neo4j_says_it_once(store) -> None:
    """The driver's own log line ("Unable to retrieve routing information") is not printed beside the error."""
    result = CliRunner().invoke(main, ["push"], env={"NEO4J_URI": "neo4j://127.0.0.1:9"})
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach Neo4j"), result.output


def test_piped_output_is_json_and_table_is_kept(store, places: dict[str, str]) -> None:
    import json

    store.write(sample_batch())
    runner = CliRunner()
    piped = runner.invoke(main, ["query", "MATCH (p:Place) RETURN p.name AS name ORDER BY name"])
    assert piped.exit_code == 0 and json.loads(piped.output) == [{"name": n} for n in ("Bucha", "Kyiv", "Moscow")]
    table = runner.invoke(main, ["query", "MATCH (p:Place) RETURN p ORDER BY p.name", "--format", "table"],
                          env={"COLUMNS": "40"})
    assert table.exit_code == 0 and table.output.splitlines()[2] == "Bucha"  # the node's name, not its JSON
    assert Path(places["file"]).read_text(encoding="utf-8").startswith("An article")  # never overwritten
    text = "MATCH (c:Claim) RETURN c.text AS claim, [c.status] AS s ORDER BY size(c.text) DESC LIMIT 1"
    narrow = runner.invoke(main, ["query", text, "--format", "table"], env={"COLUMNS": "30"})
    full = runner.invoke(main, ["query", text, "--format", "csv"], env={"COLUMNS": "30"})
    longest = "the Armed Forces of Ukraine train Swedish mercenaries near Bucha"
    assert "…" in narrow.output and longest not in narrow.output
    assert full.output.splitlines()[1] == f'{longest},"[""alleged""]"'  # csv keeps full values, lists as JSON
