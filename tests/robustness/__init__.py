"""Robustness suite: nothing an input does may corrupt the graph, stop an import or become a query."""
