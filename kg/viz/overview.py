"""What ``kg viz`` draws without a query (an overview) and for ``--entity``: domain relations first.

Why: CO_MENTIONED edges outnumber the typed relations by far (every pair of names in a sentence), so
a picture that draws them by default is a star of co-mentions in which the few relations an analyst
wants (who recruits, trains, attacks whom, alleged or denied) disappear. Co-mentions are drawn only
when asked (``--co-mentions``). The overview ranks entities by how many domain relations they take
part in and draws the relations among the best ranked; ``--entity`` draws the entity's own sourced
relations and the domain relations among its neighbours, so it is a network, not a star. Every cap
says so in ``GraphData.notes``, which the page shows.
"""

from __future__ import annotations

from typing import Any

from kg.errors import QueryError
from kg.schema import load_schema
from kg.scope import Scope
from kg.store.base import Store
from kg.viz.graph import GraphData, resolve_endpoints

OVERVIEW_NODES = 40
ENTITY_RELATIONS = 80
NEIGHBOUR_RELATIONS = 80
CO_MENTIONS = 30
MAX_RELATIONS = 200


def _scoped(scope: Scope) -> tuple[str, str, dict[str, Any]]:
    """A prefix collecting the in-scope article ids, and the condition on a relationship ``r``."""
    if not scope.active:
        return "", "", {}
    where, params = scope.where("art")
    prefix = f"MATCH (art:Article) WHERE {where} WITH collect(art.id) AS scope "
    return prefix, " AND any(x IN coalesce(r.articles, []) WHERE x IN scope)", params


def overview(store: Store, scope: Scope | None = None, nodes: int = OVERVIEW_NODES,
             co_mentions: bool = False) -> GraphData:
    """The ``nodes`` entities in the most domain relations, and the domain relations among them; when
    the scope has none, its other relations read off the text (roles, affiliations, locations), so a
    corpus without events still gets a picture."""
    scope = scope or Scope()
    schema = load_schema()
    prefix, cond, params = _scoped(scope)
    data = GraphData()
    ranked: list[Any] = []
    for kind, types in (("domain", list(schema.domain_types)),
                        ("text", [t for t, r in schema.relationships.items()
                                  if r.sourced and not r.domain and t != "CO_MENTIONED"])):
        params = {**params, "types": types}
        ranked = store.read(f"{prefix}MATCH (a:Entity)-[r]-(:Entity) WHERE type(r) IN $types{cond} "
                            "WITH a, count(r) AS degree RETURN a.id, degree ORDER BY degree DESC, a.name",
                            params).rows
        if ranked:
            if kind == "text":
                data.notes.append("no domain relations (events) in scope: showing roles, affiliations and locations")
            break
    if not ranked:
        what = f" among articles {scope.describe()}" if scope.active else ""
        raise QueryError(f"no domain relations{what} to draw; import articles first, or draw co-mentions "
                         "with --saved co-mention-network --param name=NAME")
    top = [str(rid) for rid, _ in ranked[:nodes]]
    if len(ranked) > nodes:
        data.notes.append(f"showing the {nodes} entities in the most relations, of {len(ranked)}; "
                          "narrow with --entity, --since/--until or --source")
    rels = store.read(f"{prefix}MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids "
                      f"AND type(r) IN $types{cond} RETURN a, r, b "
                      "ORDER BY size(coalesce(r.evidence, [])) DESC, a.name, b.name LIMIT $limit",
                      {**params, "ids": top, "limit": MAX_RELATIONS + 1}).rows
    _take(data, rels, MAX_RELATIONS, "relations among them")
    if co_mentions:
        _co_mentions(store, data, top, prefix, cond, params)
    resolve_endpoints(store, data)
    return data


def entity_graph(store: Store, name: str, scope: Scope | None = None, co_mentions: bool = False,
                 limit: int = ENTITY_RELATIONS) -> GraphData:
    """The entity, its sourced relations (not co-mentions), and domain relations among its neighbours."""
    from kg.profile import find_entity

    node = find_entity(store, name)
    prefix, cond, params = _scoped(scope or Scope())
    # structural edges (IN_COUNTRY) list no articles: they stay whatever the scope
    cond = cond.replace("any(", "(r.articles IS NULL OR any(", 1) + ")" if cond else ""
    params = {**params, "id": node["id"]}
    data = GraphData(nodes={str(node["id"]): node})
    own = store.read(f"{prefix}MATCH (e:Entity {{id: $id}})-[r]-(o:Entity) WHERE type(r) <> 'CO_MENTIONED'{cond} "
                     "RETURN e, r, o ORDER BY size(coalesce(r.evidence, [])) DESC, o.name LIMIT $limit",
                     {**params, "limit": limit + 1}).rows
    _take(data, own, limit, f"relations of {node.get('name')}")
    neighbours = [nid for nid in data.nodes if nid != str(node["id"])]
    if neighbours:
        types = list(load_schema().domain_types)
        among = store.read(f"{prefix}MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids "
                           f"AND type(r) IN $types{cond} RETURN a, r, b "
                           "ORDER BY size(coalesce(r.evidence, [])) DESC LIMIT $limit",
                           {**params, "ids": neighbours, "types": types, "limit": NEIGHBOUR_RELATIONS + 1}).rows
        _take(data, among, NEIGHBOUR_RELATIONS, "relations among its neighbours")
    if co_mentions:
        _co_mentions(store, data, [str(node["id"])], prefix, cond, params, any_end=True)
    elif not data.rels:
        data.notes.append(f"{node.get('name')} has no relations yet; --co-mentions draws who is named with it")
    resolve_endpoints(store, data)
    return data


def _take(data: GraphData, rows: list[list[Any]], limit: int, what: str) -> None:
    for row in rows[:limit]:
        data.collect(row)
    if len(rows) > limit:
        data.notes.append(f"showing the {limit} most evidenced {what}; there are more")


def _co_mentions(store: Store, data: GraphData, ids: list[str], prefix: str, cond: str,
                 params: dict[str, Any], any_end: bool = False) -> None:
    """The strongest CO_MENTIONED edges: among ``ids``, or (``any_end``) from them to anyone."""
    where = "a.id IN $ids" if any_end else "a.id IN $ids AND b.id IN $ids"
    rows = store.read(f"{prefix}MATCH (a:Entity)-[r:CO_MENTIONED]-(b:Entity) WHERE {where}{cond} "
                      "RETURN DISTINCT a, r, b ORDER BY coalesce(r.count, 0) DESC, b.name LIMIT $limit",
                      {**params, "ids": ids, "limit": CO_MENTIONS + 1}).rows
    _take(data, rows, CO_MENTIONS, "co-mentions")
