"""Cypher for writing a GraphBatch, shared by both stores (FalkorDB and Neo4j 5 speak it alike).

Labels and relationship types cannot be parameters, so they are the only names that reach query
text, and only after ``Schema.label``/``Schema.rel_type`` vetted them; property names in the text
come from the schema too and must look like identifiers. Every value is a parameter.

Each segment is ``(cypher, params)`` with parameter names unique across the whole list, so a store
can run them one by one in a transaction (Neo4j) or chain them into one query (FalkorDB).
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import SchemaError
from kg.graph import GraphBatch
from kg.schema import Schema

Segment = tuple[str, dict[str, Any]]
_PROP = re.compile(r"^[a-z_][a-z0-9_]*$")


def _prop(name: str) -> str:
    if not _PROP.match(name):
        raise SchemaError(f"property name {name!r} is not a plain identifier")
    return name


def _clauses(var: str, allowed: dict[str, str], list_names: set[str],
             extra: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """The clauses after a MERGE: compute every new value in WITHs, then ONE ``SET``, and only where
    something changed.

    Why: every SET rewrites the entity's entries in the store's indexes (about 0.1 ms a node on
    FalkorDB, whatever the value), and most entities and relations of a batch already exist
    unchanged; separate SET clauses per property multiplied that. Computing first also keeps FalkorDB
    and Neo4j alike: FalkorDB does not let a later clause of the same query read back a value an
    earlier SET gave a just-merged entity, so ``count = size(evidence)`` uses the computed list.
    ``extra`` is (property, expression) pairs set only on a change, e.g. a place's point.
    """
    unions = [_prop(name) for name in sorted(list_names) if name in allowed]  # GraphBatch kept only these
    values: list[str] = []
    sets = [f"{var} += row.props"]
    changed = [f"any(k IN keys(row.props) WHERE NOT coalesce({var}[k] = row.props[k], false))"]
    for p in unions:
        values.append(f"coalesce({var}.{p}, []) + [x IN coalesce(row.lists.{p}, []) "
                      f"WHERE NOT x IN coalesce({var}.{p}, [])] AS l_{p}")
        sets.append(f"{var}.{p} = l_{p}")
        changed.append(f"size(l_{p}) <> size(coalesce({var}.{p}, []))")
    if "evidence" in unions and "count" in allowed:
        sets.append(f"{var}.count = size(l_evidence)")
        changed.append(f"NOT coalesce({var}.count = size(l_evidence), false)")
    if "first_seen" in allowed:
        values.append(f"CASE WHEN row.seen IS NULL THEN {var}.first_seen WHEN {var}.first_seen IS NULL "
                      f"OR row.seen < {var}.first_seen THEN row.seen ELSE {var}.first_seen END AS v_first")
        sets.append(f"{var}.first_seen = v_first")
        changed.append(f"NOT coalesce(v_first = {var}.first_seen, v_first IS NULL)")
    if "last_seen" in allowed:
        values.append(f"CASE WHEN coalesce(row.last, row.seen) IS NULL THEN {var}.last_seen "
                      f"WHEN {var}.last_seen IS NULL OR coalesce(row.last, row.seen) > {var}.last_seen "
                      f"THEN coalesce(row.last, row.seen) ELSE {var}.last_seen END AS v_last")
        sets.append(f"{var}.last_seen = v_last")
        changed.append(f"NOT coalesce(v_last = {var}.last_seen, v_last IS NULL)")
    for prop, expr in extra:
        sets.append(f"{var}.{_prop(prop)} = {expr}")
        changed.append(f"{var}.{_prop(prop)} IS NULL")
    out = [f"WITH {var}, row" + "".join(f", {v}" for v in values)] if values else [f"WITH {var}, row"]
    out.append("WHERE " + " OR ".join(changed))
    out.append("SET " + ", ".join(sets))
    return out


def stale_article_segments(batch: GraphBatch, name: str = "stale") -> list[Segment]:
    """Delete the Claims and MENTIONS of articles whose stored text changed (they are re-extracted).

    The comparison happens in the store, inside the write transaction, so no separate read is needed.
    """
    if not batch.articles:
        return []
    arts = [{"id": a["id"], "content_hash": a["content_hash"]} for a in batch.articles]
    article, claim, mentions = batch.schema.label("Article"), batch.schema.label("Claim"), batch.schema.rel_type(
        "MENTIONS")
    return [
        (f"UNWIND ${name} AS art MATCH (a:{article} {{id: art.id}}) WHERE a.content_hash <> art.content_hash "
         f"MATCH (c:{claim} {{article_id: art.id}}) DETACH DELETE c", {name: arts}),
        (f"UNWIND ${name}_m AS art MATCH (a:{article} {{id: art.id}})-[m:{mentions}]->() "
         f"WHERE a.content_hash <> art.content_hash DELETE m", {f"{name}_m": arts}),
        # a changed text is compared again (kg.dedup): its old near-duplicate links go
        (f"UNWIND ${name}_s AS art MATCH (a:{article} {{id: art.id}})-[s:{batch.schema.rel_type('SAME_STORY')}]-() "
         f"WHERE a.content_hash <> art.content_hash DELETE s", {f"{name}_s": arts}),
    ]


def story_segments(batch: GraphBatch, name: str = "restory") -> list[Segment]:
    """Re-point stored articles whose story a batch article joined with a lower id, or merged with
    another story (``kg.dedup``): every article of story ``old`` gets story ``new`` (indexed)."""
    article = batch.schema.label("Article")
    out: list[Segment] = []
    if batch.story_sets:  # first: a story split by a changed article, then any rename of its parts
        sets = [{"id": aid, "story": sid} for aid, sid in sorted(batch.story_sets.items())]
        out.append((f"UNWIND ${name}_set AS r MATCH (a:{article} {{id: r.id}}) SET a.story_id = r.story",
                    {f"{name}_set": sets}))
    if batch.story_renames:
        rows = [{"old": old, "new": new} for old, new in sorted(batch.story_renames.items())]
        out.append((f"UNWIND ${name} AS r MATCH (a:{article} {{story_id: r.old}}) SET a.story_id = r.new",
                    {name: rows}))
    return out


def node_segments(batch: GraphBatch, label: str, prefix: str) -> list[Segment]:
    schema = batch.schema
    rows = list(batch.nodes.get(label, {}).values())
    if not rows:
        return []
    node_type = schema.nodes[schema.label(label)]
    allowed = node_type.properties
    labels = f"{schema.label(label)}:{schema.label(schema.entity_label)}" if node_type.entity else schema.label(label)
    key = _prop(node_type.key)
    list_names = {name for row in rows for name in (row.get("lists") or {})}

    def head(param: str) -> str:
        return f"UNWIND ${param} AS row MERGE (n:{labels} {{{key}: row.id}})"

    point = node_type.point_index
    if not point:
        return [(" ".join([head(prefix), *_clauses("n", allowed, list_names)]), {prefix: rows})]
    located = [r for r in rows if r["props"].get("lat") is not None and r["props"].get("lon") is not None]
    plain = [r for r in rows if not (r["props"].get("lat") is not None and r["props"].get("lon") is not None)]
    out: list[Segment] = []
    if plain:
        out.append((" ".join([head(prefix), *_clauses("n", allowed, list_names)]), {prefix: plain}))
    if located:
        set_point = ((_prop(point), "point({latitude: row.props.lat, longitude: row.props.lon})"),)
        out.append((" ".join([head(f"{prefix}_pt"), *_clauses("n", allowed, list_names, set_point)]),
                    {f"{prefix}_pt": located}))
    return out


def _end_label(schema: Schema, label: str) -> str:
    """The label a relationship's end is matched by: the entity label for every entity kind (one
    segment per relationship type instead of one per pair of kinds), else the node's own label."""
    return schema.entity_label if schema.nodes[schema.label(label)].entity else schema.label(label)


def _end_key(schema: Schema, label: str) -> str:
    keys = {n.key for n in schema.nodes.values() if n.entity} if label == schema.entity_label \
        else {schema.nodes[label].key}
    if len(keys) != 1:
        raise SchemaError(f"entity kinds must share one key property to be matched as {label}: {sorted(keys)}")
    return _prop(keys.pop())


def rel_segments(schema: Schema, key: tuple[str, str, str], prefix: str, rows: list[dict[str, Any]]) -> list[Segment]:
    """One statement for the ``rows`` of a relationship type between two end labels (see ``_end_label``).

    Why grouped: each statement costs the store a few milliseconds whatever its size (measured on
    FalkorDB 4: 2-5 ms per segment), and a batch's domain relations and co-mentions spread over dozens
    of pairs of kinds (Person-Place, Country-Person, ...) with a handful of rows each. The schema
    checked each row's pair of kinds when it was added (``GraphBatch.add_rel``).
    """
    if not rows:
        return []
    type_, src_label, dst_label = key
    allowed = schema.rel_properties(type_)
    list_names = {name for row in rows for name in (row.get("lists") or {})}
    # a bare link (ABOUT, IN_ARTICLE, ...) has nothing to set: its rows are just id and ends (GraphBatch)
    tail = _clauses("r", allowed, list_names) if allowed.keys() != {"id"} else []
    text = " ".join([
        f"UNWIND ${prefix} AS row",
        f"MATCH (a:{schema.label(src_label)} {{{_end_key(schema, src_label)}: row.src}})",
        f"MATCH (b:{schema.label(dst_label)} {{{_end_key(schema, dst_label)}: row.dst}})",
        f"MERGE (a)-[r:{schema.rel_type(type_)} {{id: row.id}}]->(b)",
        *tail,
    ])
    return [(text, {prefix: rows})]


def _degree(var: str, rel: str, incoming: bool, dialect: str) -> str:
    """Number of ``rel`` edges at a node: FalkorDB reads it off its adjacency matrices
    (``indegree``/``outdegree``), Neo4j 5 counts with a ``COUNT {}`` subquery."""
    if dialect == "neo4j":
        return f"COUNT {{ ({var})<-[:{rel}]-() }}" if incoming else f"COUNT {{ ({var})-[:{rel}]->() }}"
    return f"{'indegree' if incoming else 'outdegree'}({var}, '{rel}')"


def count_segments(batch: GraphBatch, dialect: str = "falkordb") -> list[Segment]:
    """Recount the ranking properties of the entities the batch touched, from their edges:
    ``article_count`` (stories mentioning it: near-duplicate articles, one ``story_id``, count once;
    see ``kg.dedup``) and ``claim_count`` for every entity, and
    ``alleged_count``/``denied_count`` for the speakers of the batch's claims. Run AFTER the batch's
    own segments, as a separate statement (FalkorDB: the next command of the same pipeline, see
    ``FalkorStore.write``; Neo4j: the same transaction), and set only where a value changed.

    Why stored, not computed per query: "most mentioned" and "top speakers" would otherwise read
    every MENTIONS and ASSERTS edge of the graph. Why recounted rather than incremented: the values
    stay functions of the graph, so re-imports and concurrent imports cannot drift them. Why a
    separate statement: FalkorDB's traversals do not reliably see edges written earlier in the same
    query. A copy of stored nodes (``kg push``, export import) carries its counts and is not recounted.
    Entities of stored articles whose story was re-pointed (``GraphBatch.recount_stories``) are
    recounted too, since merging two stories changes their counts.
    """
    schema = batch.schema
    ids = sorted({eid for label in schema.entity_labels for eid in batch.nodes.get(label, {})})
    if not batch.articles or not ids:
        return []
    entity, claim, article = schema.label(schema.entity_label), schema.label("Claim"), schema.label("Article")
    mentions, asserts = schema.rel_type("MENTIONS"), schema.rel_type("ASSERTS")
    claims = _degree("e", asserts, False, dialect)
    recount = (
        f"OPTIONAL MATCH (e)<-[:{mentions}]-(a:{article}) "
        f"WITH e, count(DISTINCT coalesce(a.story_id, a.id)) AS articles WITH e, articles, {claims} AS claims "
        "WHERE NOT coalesce(e.article_count = articles, false) OR NOT coalesce(e.claim_count = claims, false) "
        "SET e.article_count = articles, e.claim_count = claims")
    out: list[Segment] = [(f"UNWIND $counted AS eid MATCH (e:{entity} {{id: eid}}) {recount}", {"counted": ids})]
    if batch.recount_stories:
        out.append((f"UNWIND $stories AS sid MATCH (:{article} {{story_id: sid}})-[:{mentions}]->(e:{entity}) "
                    f"WITH DISTINCT e {recount}", {"stories": sorted(batch.recount_stories)}))
    speakers = sorted({row["src"] for (type_, _s, _d), rows in batch.rels.items() if type_ == "ASSERTS"
                       for row in rows.values()})
    if speakers:
        out.append((
            f"UNWIND $speakers AS eid MATCH (e:{entity} {{id: eid}}) "
            f"WITH e, [(e)-[:{asserts}]->(c:{claim}) | c.status] AS cs "
            "WITH e, size([s IN cs WHERE s = 'alleged']) AS alleged, size([s IN cs WHERE s = 'denied']) AS denied "
            "WHERE NOT coalesce(e.alleged_count = alleged, false) OR NOT coalesce(e.denied_count = denied, false) "
            "SET e.alleged_count = alleged, e.denied_count = denied", {"speakers": speakers}))
    return out


def batch_segments(batch: GraphBatch) -> list[Segment]:
    """All the statements that write ``batch``: stale-article clean-up, then nodes, then relationships
    (``count_segments`` follow as a separate statement)."""
    segments = stale_article_segments(batch)
    for i, label in enumerate(sorted(batch.nodes)):
        segments.extend(node_segments(batch, label, f"n{i}"))
    segments.extend(story_segments(batch))
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for type_, src, dst in sorted(batch.rels):
        key = (type_, _end_label(batch.schema, src), _end_label(batch.schema, dst))
        groups.setdefault(key, []).extend(batch.rels[(type_, src, dst)].values())
    for i, key in enumerate(sorted(groups)):
        segments.extend(rel_segments(batch.schema, key, f"r{i}", groups[key]))
    return segments


def chain(segments: list[Segment]) -> Segment:
    """One query from many segments (``WITH count(*) AS _`` between them), for a single atomic call."""
    params: dict[str, Any] = {}
    for _text, p in segments:
        clash = set(p) & set(params)
        if clash:
            raise ValueError(f"parameter names used twice: {sorted(clash)}")
        params.update(p)
    return " WITH count(*) AS _ ".join(text for text, _ in segments), params
