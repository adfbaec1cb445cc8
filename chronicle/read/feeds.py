"""RSS and Atom feeds (feedparser): one document per entry, its title, link, date and summary.

Reads a feed file (`.rss`, `.atom`, or `.xml` holding a feed) or feed bytes
fetched by the watcher; yields one `Document` per entry whose summary holds
text: kind "jsonl" (a single article, its text taken as given), `title`,
`url` (the entry's link), `published` (ISO 8601 UTC), `source` (the feed's
title) and `position` "entry N". `feed_entries` gives the entries themselves
(link, title, date, summary) for the watcher, which fetches each article page.
"""

from __future__ import annotations

import calendar
import html
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.read.capped import read_capped
from chronicle.records import Document, Failure

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")


def is_feed(name: str) -> bool:
    return name.lower().endswith((".rss", ".atom", ".xml"))


@dataclass(frozen=True)
class Entry:
    """One feed entry: what the feed says about an article."""

    number: int  # 1-based position in the feed
    url: str | None
    title: str | None
    published: str | None  # ISO 8601, UTC
    summary: str  # plain text (markup removed), may be ""


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: list[Entry]
    problem: str | None  # why the bytes are no feed, when they are not


def parse_feed(data: bytes | str) -> Feed:
    """Parse feed bytes or text; `problem` is set (and `entries` empty) when it is not a feed."""
    import feedparser

    parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    version = parsed.get("version") or ""
    entries = [_entry(n, e) for n, e in enumerate(parsed.entries, start=1)]
    if not version and not entries:
        reason = parsed.get("bozo_exception")
        return Feed(None, [], f"not an RSS or Atom feed ({reason})" if reason else "not an RSS or Atom feed")
    title = parsed.feed.get("title") or None
    return Feed(title.strip() if isinstance(title, str) else None, entries, None)


def _entry(number: int, e: Any) -> Entry:
    stamp = e.get("published_parsed") or e.get("updated_parsed")
    published = None
    if stamp:
        # feedparser gives a UTC struct_time; timegm keeps it in UTC.
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(stamp)))
    summary = e.get("summary") or ""
    content = e.get("content") or []
    # Atom <content> is the fuller text when present.
    if content and isinstance(content[0].get("value"), str) and len(content[0]["value"]) > len(summary):
        summary = content[0]["value"]
    title = e.get("title")
    return Entry(number=number, url=e.get("link") or None, title=title.strip() if title else None,
                 published=published, summary=markup_to_text(summary))


def markup_to_text(markup: str) -> str:
    """Plain text of a summary's HTML: block tags become line breaks, other tags go, entities are decoded."""
    text = _BLOCK.sub("\n", markup)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def read_feed(path: str, config: Config) -> Iterator[Document | Failure]:
    """One document per entry with summary text in the feed file `path`; entries without any are passed over."""
    data = read_capped(path, config)
    if isinstance(data, Failure):
        yield data
        return
    feed = parse_feed(data)
    if feed.problem is not None:
        yield failure(path, None, "bad_feed", feed.problem)
        return
    found = False
    for entry in feed.entries:
        doc = entry_document(entry, feed.title, path, config)
        if doc is not None:
            found = True
            yield doc
    if not found:
        yield failure(path, None, "empty", "no feed entry has summary text")


def entry_document(entry: Entry, feed_title: str | None, name: str, config: Config) -> Document | Failure | None:
    """A one-article document from an entry's summary; None when the entry has no text."""
    text = entry.summary
    if not text.strip():
        return None
    position = f"entry {entry.number}"
    input_id = entry.url or f"{name}#{entry.number}"
    if len(text) > config.max_chars:
        return failure(input_id, position, "too_large", f"{len(text):,} characters > {config.max_chars:,}")
    return Document(input_id=input_id, kind="jsonl", text=text, title=entry.title, url=entry.url,
                    source=feed_title, published=entry.published, path=name, position=position)
