"""kg — news articles to a sourced, geocoded knowledge graph with attributed claims.

The flow is visible in the folders::

    loaders/ -> Article -> kg/extract -> Extraction -> kg/graph (GraphBatch) -> kg/store -> FalkorDB | Neo4j
"""

__version__ = "0.1.0"
