"""A small hand-built news graph: three articles, built as kg.model Extractions (no extractor).

Why by hand: the analyst queries must be tested on known facts. The graph has a claim and its
denial (a contradiction), a cross-border relation, geocoded places near Kyiv, co-mentions and a
directed chain Sweden -> Swedish mercenaries for shortest-connection.
"""

from __future__ import annotations

from kg.model import Article, Claim, Entity, Extraction, Geo, Relation, Span, Speaker, entity_id

A1 = ("Nikolai Patrushev said that Ukraine recruits Swedish mercenaries. "
      "He claimed that the Armed Forces of Ukraine train Swedish mercenaries near Bucha.")
A2 = ("Volodymyr Zelensky denied that the Armed Forces of Ukraine train Swedish mercenaries. "
      "Sweden supports Ukraine, he said in Kyiv.")
A3 = "Patrushev met officials in Moscow. Russia attacks Kyiv, Ukrainian officials said."


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _sentence(text: str, needle: str) -> tuple[int, int]:
    pos = text.index(needle)
    start = text.rfind(". ", 0, pos)
    start = 0 if start < 0 else start + 2
    end = text.find(".", pos) + 1
    return start, end


def _ent(label: str, name: str, text: str, *needles: str, geo: Geo | None = None,
         aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id=entity_id(label, name, geo), label=label, name=name, aliases=list(aliases),
                  mentions=[_span(text, n) for n in needles if n in text], geo=geo)


GEO = {
    "Kyiv": Geo(703448, 50.4501, 30.5234, "UA", "PPLC", 0.95, "Kyiv"),
    "Bucha": Geo(711660, 50.5436, 30.2120, "UA", "PPLA3", 0.9, "Bucha"),
    "Moscow": Geo(524901, 55.7522, 37.6156, "RU", "PPLC", 0.95, "Moscow"),
    "Ukraine": Geo(690791, 49.0, 32.0, "UA", "PCLI", 0.99, "Ukraine"),
    "Russia": Geo(2017370, 60.0, 100.0, "RU", "PCLI", 0.99, "Russia"),
    "Sweden": Geo(2661886, 62.0, 15.0, "SE", "PCLI", 0.99, "Sweden"),
}


def entities(text: str) -> dict[str, Entity]:
    """Every sample entity that ``text`` mentions, by short key."""
    out = {
        "patrushev": _ent("Person", "Nikolai Patrushev", text, "Nikolai Patrushev", "Patrushev",
                          aliases=("Patrushev",)),
        "zelensky": _ent("Person", "Volodymyr Zelensky", text, "Volodymyr Zelensky", aliases=("Zelenskyy",)),
        "ukraine": _ent("Country", "Ukraine", text, "Ukraine", geo=GEO["Ukraine"]),
        "russia": _ent("Country", "Russia", text, "Russia", geo=GEO["Russia"]),
        "sweden": _ent("Country", "Sweden", text, "Sweden ", geo=GEO["Sweden"]),
        "mercs": _ent("Group", "Swedish mercenaries", text, "Swedish mercenaries"),
        "afu": _ent("Organization", "Armed Forces of Ukraine", text, "Armed Forces of Ukraine"),
        "kyiv": _ent("Place", "Kyiv", text, "Kyiv", geo=GEO["Kyiv"]),
        "bucha": _ent("Place", "Bucha", text, "Bucha", geo=GEO["Bucha"]),
        "moscow": _ent("Place", "Moscow", text, "Moscow", geo=GEO["Moscow"]),
    }
    return {k: e for k, e in out.items() if e.mentions}


def _rel(type_: str, src: Entity, dst: Entity, status: str, text: str, needle: str, claim: Claim | None = None,
         speaker: Entity | None = None) -> Relation:
    return Relation(id=Relation.make_id(type_, src.id, dst.id, status), type=type_, source=src.id, target=dst.id,
                    evidence=_sentence(text, needle), status=status, claim=claim.id if claim else None,
                    asserted_by=speaker.id if speaker else None)


def _claim(cid: str, text: str, cue: str, status: str, speaker: Entity | None, speaker_text: str,
           content: str, about: list[Entity]) -> Claim:
    spk = _span(text, speaker_text)
    return Claim(id=cid, cue=_span(text, cue), sentence=_sentence(text, cue), status=status,
                 speaker=Speaker(spk.start, spk.end, speaker_text, speaker.id if speaker else None),
                 content=_span(text, content), about=[e.id for e in about])


def extractions() -> list[Extraction]:
    art1 = Article(id="a1", text=A1, title="Patrushev on mercenaries", published="2023-06-20", source="TASS",
                   url="https://example.org/a1")
    e = entities(A1)
    c1 = _claim("claim:a1-1", A1, "said", "asserted", e["patrushev"], "Nikolai Patrushev",
                "Ukraine recruits Swedish mercenaries", [e["ukraine"], e["mercs"]])
    c2 = _claim("claim:a1-2", A1, "claimed", "alleged", e["patrushev"], "He",
                "the Armed Forces of Ukraine train Swedish mercenaries near Bucha", [e["afu"], e["mercs"], e["bucha"]])
    ex1 = Extraction(article=art1, entities=list(e.values()), claims=[c1, c2], relations=[
        _rel("RECRUITS_FOR", e["ukraine"], e["mercs"], "asserted", A1, "recruits", c1, e["patrushev"]),
        _rel("TRAINS", e["afu"], e["mercs"], "alleged", A1, "train", c2, e["patrushev"]),
        Relation(id=Relation.make_id("AFFILIATED_WITH", e["afu"].id, e["ukraine"].id, "asserted"),
                 type="AFFILIATED_WITH", source=e["afu"].id, target=e["ukraine"].id, evidence=_sentence(A1, "train")),
    ], comentions=[(e["patrushev"].id, e["ukraine"].id, *_sentence(A1, "recruits")),
                   (e["patrushev"].id, e["mercs"].id, *_sentence(A1, "recruits")),
                   (e["afu"].id, e["mercs"].id, *_sentence(A1, "train"))])

    art2 = Article(id="a2", text=A2, title="Zelensky denies", published="2023-06-22", source="Kyiv Independent")
    e = entities(A2)
    c3 = _claim("claim:a2-1", A2, "denied", "denied", e["zelensky"], "Volodymyr Zelensky",
                "the Armed Forces of Ukraine train Swedish mercenaries", [e["afu"], e["mercs"]])
    c4 = _claim("claim:a2-2", A2, "said", "asserted", None, "he", "Sweden supports Ukraine", [e["sweden"], e["ukraine"]])
    ex2 = Extraction(article=art2, entities=list(e.values()), claims=[c3, c4], relations=[
        _rel("TRAINS", e["afu"], e["mercs"], "denied", A2, "denied", c3, e["zelensky"]),
        _rel("SUPPORTS", e["sweden"], e["ukraine"], "asserted", A2, "supports", c4),
    ], comentions=[(e["sweden"].id, e["ukraine"].id, *_sentence(A2, "supports")),
                   (e["zelensky"].id, e["afu"].id, *_sentence(A2, "denied"))])

    art3 = Article(id="a3", text=A3, title="Strikes on Kyiv", published="2023-07-01", source="Reuters")
    e = entities(A3)
    ex3 = Extraction(article=art3, entities=list(e.values()), relations=[
        _rel("ATTACKS", e["russia"], e["kyiv"], "asserted", A3, "attacks"),
    ], comentions=[(e["russia"].id, e["kyiv"].id, *_sentence(A3, "attacks"))])
    return [ex1, ex2, ex3]
