"""Stage "segment": a `Document` to its `Article`s (or a `Failure`).

Reads one Document from the reader. Plain-text dumps are split into their
articles and cleaned of page chrome; HTML goes through trafilatura, then the
same cleaning; a JSON Lines document is one article, its text taken as given.
Adds to each Article: id, input_id, title, url, source, byline, credit,
published + published_from, dateline, summary, language and the body `text`.
Entities, places, events and the rest stay empty for later stages.
"""

from __future__ import annotations

from chronicle.config import Config
from chronicle.records import Article, Document, Failure
from chronicle.segment.build import segment_document

__all__ = ["segment"]


def segment(doc: Document, config: Config) -> list[Article] | Failure:
    """The articles of `doc`; a Failure (no_article) when none holds any body text."""
    return segment_document(doc, config)
