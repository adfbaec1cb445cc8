"""One round of the feed watcher: feeds -> new article URLs -> pages -> the store.

Reads feed URLs (or local feed files) and the store; for every entry whose
link is not stored yet, fetches the article page and ingests it (segment,
annotate, store, dedup) in this process, which holds the store as its one
writer. A page that cannot be fetched becomes a `Failure` (fetch_failed) and is
tried again next round; a page with no article in it is not fetched again.
An unreachable feed is reported and the round goes on with the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.read.feeds import Entry, Feed, entry_document, parse_feed
from chronicle.records import Document, Failure
from chronicle.store import Store
from chronicle.watch.fetch import Fetcher, FetchError

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_HTML_TYPES = ("text/html", "application/xhtml+xml")

Report = Callable[[str], None]


def parse_every(value: str) -> float:
    """Seconds in "15m", "1h", "90s", "2d" or a bare number of seconds; ValueError otherwise."""
    match = _EVERY.match(value)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{value!r} is not a duration such as 90s, 15m, 1h")
    return float(match.group(1)) * _UNIT_S[match.group(2).lower()]


@dataclass
class RoundStats:
    feeds: int = 0
    feeds_failed: int = 0
    entries: int = 0
    new: int = 0  # entry URLs not stored before this round
    articles: int = 0  # articles ingested
    events: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass
class WatchState:
    """What the watcher remembers between rounds: feeds' validators, URLs given up on this session."""

    etags: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)


def _load_feed(source: str, fetcher: Fetcher, state: WatchState) -> Feed | None:
    """The feed at a URL (None when unchanged since the last round) or in a local file."""
    if not source.startswith(("http://", "https://")):
        with open(source, "rb") as fh:
            return parse_feed(fh.read())
    etag, modified = state.etags.get(source, (None, None))
    fetched = fetcher.get(source, etag=etag, last_modified=modified)
    if fetched.status == 304:
        return None
    state.etags[source] = (fetched.etag, fetched.last_modified)
    return parse_feed(fetched.body)


def _stored(store: Store, urls: Sequence[str]) -> set[str]:
    """URLs among `urls` that the store has an article for, or gave up on (no article in the page)."""
    if not urls:
        return set()
    found = store.conn.execute(
        """SELECT url FROM articles WHERE url IN (SELECT unnest($urls))
           UNION SELECT input FROM failures WHERE code = 'no_article' AND input IN (SELECT unnest($urls))""",
        {"urls": list(urls)}).fetchall()
    return {r[0] for r in found}


def _page_document(entry: Entry, feed: Feed, fetcher: Fetcher, config: Config) -> Document | Failure:
    assert entry.url is not None
    try:
        page = fetcher.get(entry.url)
    except FetchError as exc:
        return failure(entry.url, None, "fetch_failed", exc.reason)
    fetched = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not page.content_type.lower().startswith(_HTML_TYPES):
        # Not a page (a PDF, a video): the entry's own summary is all there is to read.
        doc = entry_document(entry, feed.title, entry.url, config)
        return doc if doc is not None else failure(entry.url, None, "no_article", f"{page.content_type} page")
    from chronicle.read.decode import decode

    text = decode(page.body[: 4 * config.max_chars]).text
    if text is None or not text.strip():
        return failure(entry.url, None, "no_article", "the page is empty or binary")
    return Document(input_id=entry.url, kind="html", html=text, url=entry.url, title=entry.title,
                    source=feed.title or urlsplit(entry.url).netloc, published=entry.published, fetched=fetched)


def watch_round(sources: Sequence[str], store: Store, config: Config, fetcher: Fetcher,
                state: WatchState | None = None, report: Report | None = None) -> RoundStats:
    """Fetch every feed once and ingest the articles of its new entries; never raises for a bad feed or page."""
    from chronicle.pipeline import process_items, segment_documents
    from chronicle.store.dedup import dedup_store

    state = state or WatchState()
    say: Report = report or (lambda message: None)
    stats = RoundStats()
    queued: set[str] = set()

    def documents() -> Iterator[Document | Failure]:
        for source in sources:
            stats.feeds += 1
            try:
                feed = _load_feed(source, fetcher, state)
            except (FetchError, OSError) as exc:
                stats.feeds_failed += 1
                say(f"feed {source}: cannot fetch — {exc}; trying again next round")
                continue
            if feed is None:
                say(f"feed {source}: unchanged")
                continue
            if feed.problem:
                stats.feeds_failed += 1
                say(f"feed {source}: {feed.problem}")
                continue
            entries = [e for e in feed.entries if e.url]
            stats.entries += len(entries)
            known = _stored(store, [e.url for e in entries if e.url]) | state.done | queued
            fresh = list({e.url: e for e in entries if e.url not in known}.values())
            queued.update(e.url for e in fresh if e.url)  # another feed of this round may list it too
            stats.new += len(fresh)
            say(f"feed {source}: {len(entries)} entries, {len(fresh)} new")
            for entry in fresh:
                item = _page_document(entry, feed, fetcher, config)
                if isinstance(item, Failure):
                    say(f"  {item.input}: {item.code} — {item.message}")
                yield item

    items = process_items(segment_documents(documents(), config), config, progress=False)
    ingest = store.ingest(items)
    stats.articles, stats.events, stats.failures = ingest.articles, ingest.events, ingest.failures
    for f in ingest.failures:
        if f.code == "no_article":
            state.done.add(f.input)
    if ingest.articles:
        dedup_store(store)
    return stats
