"""Post-ingest deduplication: near-duplicate articles and one event per real-world happening.

Reads the store (articles, events, event parties) after `Store.ingest`;
writes the derived tables `dedup_articles` (with the view `duplicates`),
`article_sources`, `event_groups` and `merged_events`, and `events.copy_of`,
through the store's own (single writer) connection. The per-article records
are left exactly as extracted, so `chronicle extract` output and
`Store.article_record` agree.

    articles.py     MinHash signatures, LSH candidates, copies -> canonical article
    events.py       compatibility of two events, greedy grouping, representatives
    incremental.py  only what an ingest changed, with a rebuild's result; the copy replay
    regroup.py      the event-group replay, differential
    rebuild.py      the whole store, streamed
    tables.py       the SQL and rows both paths share

The transaction that runs them over a store is `chronicle.store.dedup.dedup_store`.
"""
