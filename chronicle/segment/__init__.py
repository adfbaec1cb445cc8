"""Stage "segment": a `Document` to its `Article`s (or a `Failure`).

Reads one Document from the reader. Plain-text dumps are split into their
articles and cleaned of page chrome; HTML goes through trafilatura, then the
same cleaning; a JSON Lines document is one article, its text taken as given.
Adds to each Article: id, input_id, title, url, source, byline, credit,
published + published_from, dateline, summary, language and the body `text`.
Entities, places, events and the rest stay empty for later stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from chronicle.config import Config
from chronicle.records import Article, Document, Failure
from chronicle.segment.build import segment_document

__all__ = ["segment"]


def segment(doc: Document, config: Config) -> list[Article] | Failure:
    """The articles of `doc`; a Failure (no_article) when none holds any body text."""
    return segment_document(doc, config)


def segment_stream(items: Iterable[Document | Failure], config: Config) -> Iterator[Article | Failure]:
    """Segment documents from any source (files, a feed, an HTTP body): articles and failures, in order."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        result = segment(item, config)
        if isinstance(result, Failure):
            yield result
        else:
            yield from result
