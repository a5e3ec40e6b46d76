"""Whether a trigger word is used in the sense its class needs ("fired on the patrol" attacks,
"fired the minister" does not; "called on X to" requests, "called X" does not). Read by
kg.extract.events before any argument rule: a word in the wrong sense starts no event."""

from __future__ import annotations

from typing import Any

from kg.extract.event_lexicon import TriggerClass


def sense_ok(tok: Any, cls: TriggerClass) -> bool:
    """True when ``tok`` may announce an event of ``cls`` (every listed word does, for now)."""
    return True
