"""Read the misses of PolNeAR's ``speaker_entity_acc`` (../shared/eval/kgeval.py claims) by kind.

The score asks, for each matched claim whose gold source "names someone", whether the predicted
speaker entity carries the last run of capitalised words of that source. Many misses are then not
wrong speakers: the source is a common noun phrase whose first word is capitalised ("Several
experts", "Polls"), the scorer keeps a hyphenated name whole while entity names are split at
hyphens ("Lopez-Vidal"), or it takes the last of several names ("Mr. Hale and Mr. Ortiz",
"Ms. Lutz of the Ramblers' Club") while kg's speaker is the first. This script sorts every miss:

- ``hyphen``: the wanted words, split at hyphens, are all in the predicted entity's name;
- ``other_name_in_source``: a word of the predicted entity's name is written inside the gold
  source span: kg chose a speaker the source names, not the word the scorer picked (mostly right:
  "Ruiz of Ohio", the first of "Mr. Hale and Mr. Ortiz"; sometimes not: the body in an
  apposition, "Ana Ruiz, the director of the World Bank");
- ``description``: the gold source is a description ("the Oregon senator", "The GOP
  nominee") and kg's speaker is the person it describes; the scorer wants the description's place
  or party word, which is right only if the place itself spoke (read them: kg's person is the
  article's salient one, and can be the wrong one);
- ``names_no_entity``: no entity of the article (name or alias) has any wanted word: the scorer
  asked for a word that names nothing ("Several", "Twelve", "Polls"), or NER and kg both missed
  the name (these include real misses; read them);
- ``error``: everything else: a wrong or missing speaker entity.

Usage (from the project root): ``python tools/speaker_audit.py [--kg .venv/bin/kg] [--list]``.
It reads the evaluation data where it lies (../shared/eval); nothing is copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _scorer():
    spec = importlib.util.spec_from_file_location("kgeval", EVAL / "kgeval.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no scorer at {EVAL / 'kgeval.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _words(name: str) -> set[str]:
    return {w.strip(".,'\"").lower() for w in name.replace("-", " ").split()}


def kind_of(want: set[str], got: set[str], source: str, rec: dict, entity: dict | None) -> str:
    """Which kind of miss (see the module docstring)."""
    split = {p for w in want for p in w.split("-")}
    if got and split <= got:
        return "hyphen"
    if entity is not None and {w for w in _words(entity.get("name") or "") if len(w) > 2} & _words(source):
        return "other_name_in_source"
    if (entity is not None and entity.get("label") == "Person"
            and source.split()[0].lower() in ("the", "a", "an", "one", "another")):
        return "description"
    known = set().union(*(_words(n) for e in rec.get("entities", [])
                          for n in [e.get("name") or "", *(e.get("aliases") or [])])) if rec.get("entities") else set()
    if not (split & known):
        return "names_no_entity"
    return "error"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kg", default=".venv/bin/kg")
    ap.add_argument("--list", action="store_true", help="print every miss with its kind")
    args = ap.parse_args(argv)
    K = _scorer()
    docs = list(K.read_claims(EVAL / "polnear-dev"))
    out = K.run_kg(args.kg, docs)
    kinds: Counter[str] = Counter()
    n = ok = 0
    for doc_id, _title, text, gold in docs:
        rec = out.get(doc_id, {})
        preds = rec.get("claims", [])
        ents = {e["id"]: e for e in rec.get("entities", [])}
        used: set[int] = set()
        for g in gold:  # the scorer's own matching, claim by claim
            for i, p in enumerate(preds):
                pc, gc = p.get("content"), g["content"]
                hit = bool(pc and gc) and K._olen(pc, gc) >= 0.5 * min(pc["end"] - pc["start"], gc["end"] - gc["start"])
                if i in used or not (K._ov(p.get("cue"), g["cue"]) or hit):
                    continue
                used.add(i)
                if g["source"]:
                    source = text[g["source"]["start"]:g["source"]["end"]]
                    want = K._name_words(source, text)
                    if want:
                        n += 1
                        eid = (p.get("speaker") or {}).get("entity")
                        got = K._entity_words(rec, eid)
                        if want & got:
                            ok += 1
                        else:
                            kind = kind_of(want, got, source, rec, ents.get(eid))
                            kinds[kind] += 1
                            if args.list:
                                print(f"{kind:22} {doc_id}@{g['source']['start']} source={source[:70]!r} "
                                      f"kg={(ents.get(eid) or {}).get('name')!r}")
                break
    if not n:
        print("no matched claims with a named source")
        return 1
    artefacts = kinds["hyphen"] + kinds["other_name_in_source"]
    print(f"speaker_entity_acc {ok / n:.3f} ({ok}/{n}); misses by kind: {dict(kinds.most_common())}")
    print(f"counting a speaker the source names as right: {(ok + artefacts) / n:.3f}; "
          f"and the person a description stands for too: {(ok + artefacts + kinds['description']) / n:.3f}; "
          f"leaving out sources that name no entity: "
          f"{(ok + artefacts + kinds['description']) / (n - kinds['names_no_entity']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
