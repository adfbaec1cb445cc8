"""The times package's stage (chronicle/registry.py): every temporal expression, normalised."""

from __future__ import annotations

from chronicle.nlp.analysis import Analysis
from chronicle.records import Time
from chronicle.registry import stage
from chronicle.times import extract_times


@stage("times", "times.rules", 1, reads=("article", "doc"), adds=("times",))
def times(analysis: Analysis) -> list[Time]:
    """Every temporal expression with its TIMEX3 type and value, anchored on the published date."""
    return extract_times(analysis)
