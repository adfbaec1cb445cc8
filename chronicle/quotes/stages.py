"""The quotes package's stage (chronicle/registry.py): who said what."""

from __future__ import annotations

from chronicle.nlp.analysis import Analysis
from chronicle.quotes import extract_quotes
from chronicle.records import Quote
from chronicle.registry import stage


@stage("quotes", "quotes.rules", 2, reads=("article", "doc", "entities"), adds=("quotes",))
def quotes(analysis: Analysis) -> list[Quote]:
    """Every direct and indirect quotation with its speaker, linked to an entity where one is known."""
    return extract_quotes(analysis)
