"""Post-ingest deduplication: near-duplicate articles and one event per real-world happening.

Reads the store (articles, events, event parties) after `Store.ingest`;
writes the derived tables `article_signatures`, `duplicates`,
`article_sources`, `event_groups` and `merged_events` through the store's own
(single writer) connection. The per-article records are left exactly as
extracted, so `chronicle extract` output and `Store.article_record` agree.

    articles.py  MinHash signatures, LSH candidates, copies -> canonical article
    events.py    compatibility of two events, greedy grouping, merged rows
    store.py     reading and writing those tables
"""

from chronicle.dedup.store import DedupStats, dedup_store

__all__ = ["DedupStats", "dedup_store"]
