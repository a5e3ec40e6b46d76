"""Offline views of the graph: an interactive graph page (``kg viz``) and a world map (``kg map``)."""
