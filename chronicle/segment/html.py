"""HTML pages to text and metadata through trafilatura.

Reads raw HTML; gives the main text (one paragraph a line) and the page's
title, author, date, URL and site name, or None when trafilatura finds no body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    sitename: str | None


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """The article text and metadata of a page; None when it holds no article body."""
    import trafilatura  # imported on first use: it is heavy and only HTML input needs it

    result: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if result is None:
        return None
    data: dict[str, Any] = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        return None
    return Extracted(
        text=text,
        title=_clean(data.get("title")),
        author=_clean(data.get("author")),
        # `date` only: trafilatura's `filedate` is the extraction day, never the publication date.
        date=_clean(data.get("date")),
        url=_clean(data.get("url")),
        sitename=_clean(data.get("sitename")),
    )


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
