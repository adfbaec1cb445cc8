"""The store's tables: one row per article, entity, place, event, event party, quote, time and failure.

The layout is flat on purpose: every field a query filters or sorts on
(event type, date, country, status, confidence) is its own column, so
DuckDB's column scans and zone maps answer `chronicle events` without
parsing JSON. Lists that are only ever read back whole (mentions, summary,
coder) are JSON; short lists of codes (context, other_sectors) are VARCHAR[].

Two columns of `events` repeat what `event_actors` holds, because the common
filters should not have to search the party table: `countries` (every country of the
actor, recipient and place) and `parties` (their names and texts, lower-cased,
one per line, for substring search). Measured on 1M events, 2 cores: the
country filter went from ~140 ms (semi-join) to a column scan.

A third, `copy_of`, is written by deduplication (chronicle/dedup), not by
ingest: the representative event's id when this event is another report of
a merged event, else null. `chronicle events` lists `copy_of IS NULL` by
default, a filter on one column of the scan it does anyway (on 1M events:
+2 to +7 ms, where an anti-join with a table of copies cost +50 ms).

"start" and "end" are SQL keywords, so they are always quoted.
"""

from __future__ import annotations

# The store layout's own version, recorded in `meta` with the record schema (chronicle.records.SCHEMA_VERSION).
# A change of the layout that old stores cannot be read with is a new number.
STORE_VERSION = 1

# A Place folded into its parent row: (field, SQL type), stored as <prefix><field>.
PLACE_FIELDS = (
    ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("name", "VARCHAR"),
    ("geonameid", "BIGINT"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("country", "VARCHAR"),
    ("admin1", "VARCHAR"), ("feature_code", "VARCHAR"), ("resolution", "INTEGER"),
    ("basis", "VARCHAR"), ("confidence", "DOUBLE"),
)
# Columns added after store_version 1 was out: a store written before gets them when opened
# for writing; read-only, their values read as null.
ADDED_COLUMNS = (("places", "basis", "VARCHAR"), ("places", "confidence", "DOUBLE"),
                 ("events", "place_basis", "VARCHAR"), ("events", "place_confidence", "DOUBLE"))


def _place(prefix: str) -> str:
    return ", ".join(f'"{prefix}{name}" {sql_type}' for name, sql_type in PLACE_FIELDS)


TABLES: dict[str, str] = {
    "meta": """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    "articles": """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, input_id VARCHAR, title VARCHAR, url VARCHAR,
        source VARCHAR, byline VARCHAR, credit VARCHAR, published VARCHAR, published_from VARCHAR,
        dateline VARCHAR, dateline_place JSON, summary JSON, language VARCHAR, text VARCHAR,
        text_hash VARCHAR, record_hash VARCHAR, coder JSON, ingested_at TIMESTAMPTZ)""",
    "entities": """CREATE TABLE IF NOT EXISTS entities (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, id VARCHAR, label VARCHAR, text VARCHAR,
        "start" INTEGER, "end" INTEGER, name VARCHAR, country VARCHAR, sector VARCHAR,
        other_sectors VARCHAR[], mentions JSON)""",
    "places": f"""CREATE TABLE IF NOT EXISTS places (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, {_place("")})""",
    "events": f"""CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, type VARCHAR,
        mode VARCHAR, context VARCHAR[], quad INTEGER, status VARCHAR,
        date_start VARCHAR, date_end VARCHAR, precision VARCHAR, date_text VARCHAR, date_basis VARCHAR,
        {_place("place_")},
        killed INTEGER, injured INTEGER, arrested INTEGER, count INTEGER,
        trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
        mentions JSON, confidence DOUBLE, acled_event_type VARCHAR, acled_sub_event_type VARCHAR,
        countries VARCHAR[], parties VARCHAR, copy_of VARCHAR)""",
    "event_actors": """CREATE TABLE IF NOT EXISTS event_actors (
        event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, role VARCHAR NOT NULL, idx INTEGER NOT NULL,
        text VARCHAR, "start" INTEGER, "end" INTEGER, name VARCHAR, country VARCHAR, sector VARCHAR,
        other_sectors VARCHAR[], entity VARCHAR)""",
    "quotes": """CREATE TABLE IF NOT EXISTS quotes (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, text VARCHAR, "start" INTEGER, "end" INTEGER,
        direct BOOLEAN, speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
        speaker_name VARCHAR, speaker_entity VARCHAR, has_speaker BOOLEAN,
        cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR)""",
    "times": """CREATE TABLE IF NOT EXISTS times (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, text VARCHAR, "start" INTEGER, "end" INTEGER,
        type VARCHAR, value VARCHAR)""",
    # Every input (file, JSON Lines line, WARC record) and the article it became: an exact copy of a
    # stored article links to that article, so each input is named here or in `failures`.
    "inputs": """CREATE TABLE IF NOT EXISTS inputs (
        input VARCHAR NOT NULL, article_id VARCHAR NOT NULL, outcome VARCHAR,
        first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ, PRIMARY KEY (input, article_id))""",
    "failures": """CREATE TABLE IF NOT EXISTS failures (
        id VARCHAR PRIMARY KEY, input VARCHAR, position VARCHAR, code VARCHAR, message VARCHAR,
        first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ)""",
}

# Near-duplicate articles and merged events (chronicle/dedup): derived from the tables above and
# kept up to date by `chronicle.dedup.dedup_store` after each ingest (so not part of TABLES: a store
# that was never deduplicated simply lacks them); the per-article tables stay as extracted, except
# for `events.copy_of` (see the module docstring). DEDUP_VERSION is their layout's version, recorded in `meta` as
# `dedup_version`: a store with another number has them dropped and rebuilt whole.
DEDUP_VERSION = 2
DERIVED_TABLES: dict[str, str] = {
    # Every deduplicated article: its place in the copy stream (seq and publication day number, as
    # when it was last deduplicated), its text's MinHash signature, and its canonical article (itself
    # when it copies nothing). An article whose (id, seq) no longer matches `articles` was replaced.
    "dedup_articles": """CREATE TABLE IF NOT EXISTS dedup_articles (
        article_id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, day INTEGER NOT NULL, text_hash VARCHAR,
        signature BLOB, canonical VARCHAR NOT NULL, similarity DOUBLE)""",
    "duplicates": """CREATE VIEW IF NOT EXISTS duplicates AS
        SELECT article_id, canonical AS duplicate_of, similarity FROM dedup_articles WHERE canonical <> article_id""",
    "article_sources": """CREATE TABLE IF NOT EXISTS article_sources (
        article_id VARCHAR PRIMARY KEY, num_articles INTEGER, num_sources INTEGER, sources VARCHAR[])""",
    # Every grouped event, with its place in the grouping stream (type, start and end dates used for
    # grouping, seq, idx) and the country it is compared within (block, "" for none), so a later run
    # can tell which groups were open at any date and which events a new group could take.
    "event_groups": """CREATE TABLE IF NOT EXISTS event_groups (
        event_id VARCHAR PRIMARY KEY, group_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, reason VARCHAR,
        type VARCHAR, d0 DATE, d1 DATE, seq BIGINT, idx INTEGER, block VARCHAR)""",
    "merged_events": """CREATE TABLE IF NOT EXISTS merged_events (
        group_id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, status VARCHAR,
        date_start VARCHAR, date_end VARCHAR, place_name VARCHAR, place_country VARCHAR,
        place_admin1 VARCHAR, place_lat DOUBLE, place_lon DOUBLE, num_events INTEGER,
        num_articles INTEGER, num_sources INTEGER, num_mentions INTEGER, sources VARCHAR[],
        event_ids VARCHAR[], representative VARCHAR)""",
}
# Tables of earlier layouts, dropped on rebuild.
OLD_DERIVED = ("article_signatures",)

# Point lookups and the API's common filters. Article children are found by article_id when an
# article is replaced or read back; event parties by event_id when a page of events is assembled.
INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_type ON events (type)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date_start)",
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
    "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id)",
    "CREATE INDEX IF NOT EXISTS event_actors_country ON event_actors (country)",
    "CREATE INDEX IF NOT EXISTS event_actors_article ON event_actors (article_id)",
    "CREATE INDEX IF NOT EXISTS entities_article ON entities (article_id)",
    "CREATE INDEX IF NOT EXISTS places_article ON places (article_id)",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id)",
    "CREATE INDEX IF NOT EXISTS times_article ON times (article_id)",
    "CREATE INDEX IF NOT EXISTS articles_seq ON articles (seq)",
)

# Tables whose rows belong to one article and go when it is replaced.
ARTICLE_CHILDREN = ("entities", "places", "events", "event_actors", "quotes", "times")
