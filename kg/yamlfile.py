"""YAML data files (``schema/*.yaml``) read with libyaml's C parser when PyYAML was built with it.

Why: the ontology and the lexicons are read at every start; PyYAML's pure-Python parser took
about 0.9 s for them, a third of a one-article ``kg extract``. The C parser reads the same safe
subset (no arbitrary objects) in a fraction of that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def loads(text: str) -> Any:
    """``yaml.safe_load`` of ``text``, with the C parser when available."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader


def read(path: Path) -> Any:
    """The YAML document in ``path`` (UTF-8)."""
    return loads(path.read_text(encoding="utf-8"))
