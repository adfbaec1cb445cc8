"""`chronicle watch`: poll news feeds, fetch their new articles politely, ingest them.

    fetch.py    HTTP with a user agent, timeouts, retries with backoff, robots.txt,
                a per-host pause between requests, conditional GETs for feeds
    watcher.py  one round: feeds -> new entry URLs (not yet stored) -> pages -> store
"""

from chronicle.watch.fetch import Fetcher, FetchError, Politeness
from chronicle.watch.watcher import RoundStats, parse_every, watch_round

__all__ = ["FetchError", "Fetcher", "Politeness", "RoundStats", "parse_every", "watch_round"]
