"""Extraction: Article -> Extraction. ``from kg.extract import Extractor``."""

from kg.extract.extractor import Extractor

__all__ = ["Extractor"]
