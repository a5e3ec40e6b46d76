"""Extraction -> GraphBatch: the rows a store writes, shaped by ``schema/``."""

from kg.graph.batch import GraphBatch

__all__ = ["GraphBatch"]
