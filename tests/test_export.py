"""Exports from a real store: JSON Lines round trip, CSV, Parquet, PLOVER records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from fixtures.store.builders import article_a, article_b

from chronicle.export import EVENT_COLUMNS, plover_event, write_csv, write_jsonl, write_parquet, write_plover
from chronicle.export.plover import AUXILIARY_CONTEXT
from chronicle.store import Store

# `store` (conftest.py): a real store in tmp_path holding article_a and article_b.


def test_jsonl_round_trip_is_byte_identical(store: Store) -> None:
    out = io.StringIO()
    assert write_jsonl(store, out) == 2
    expected = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in (article_a(), article_b()))
    assert out.getvalue() == expected


def test_csv_header_and_rows(store: Store) -> None:
    out = io.StringIO()
    assert write_csv(store.conn, out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r["id"] for r in rows] == ["art-a:e1", "art-a:e2", "art-b:e1", "art-b:e2"]
    assault = rows[0]
    assert assault["actor_names"] == "Kelvanian Armed Forces"
    assert assault["recipient_countries"] == "KLV"
    assert (assault["place_name"], assault["place_country"], assault["place_lat"]) == ("Dorrin", "KLV", "12.5")
    assert (assault["killed"], assault["injured"], assault["arrested"]) == ("12", "30", "")
    assert assault["context"] == "military"
    assert assault["url"] == "https://example.org/a"
    arrest = rows[3]
    assert (arrest["recipient_names"], arrest["recipient_countries"], arrest["recipient_sectors"]) == \
        ("organisers", "", "LAB")
    assert arrest["date_end"] == "2025-04-13"


def test_csv_joins_several_parties_in_order(tmp_path: Path) -> None:
    article = article_b()
    protest = article.events[0]
    protest.actor = protest.actor + article.events[1].actor + article.events[1].recipient
    with Store.open(str(tmp_path / "m.duckdb")) as s:
        s.ingest([article])
        out = io.StringIO()
        write_csv(s.conn, out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor_names"] == "teachers;police;organisers"
    assert row["actor_countries"] == "VRA;VRA;"
    assert row["actor_sectors"] == "EDU;COP;LAB"


def test_parquet_is_readable_by_duckdb(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(store.conn, str(path)) == 4
    conn = duckdb.connect()
    names = [r[0] for r in conn.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
    assert tuple(names) == EVENT_COLUMNS
    rows = conn.execute("SELECT id, killed, place_lat FROM read_parquet(?) ORDER BY id", [str(path)]).fetchall()
    assert rows[0] == ("art-a:e1", 12, 12.5)


def test_plover_records(store: Store) -> None:
    out = io.StringIO()
    stats = write_plover(store, out)
    records = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    # art-b:e1 has no date and art-b no published date: left out and counted
    assert (stats.written, stats.left_out) == (3, 1)
    assert set(records) == {"art-a:e1", "art-a:e2", "art-b:e2"}
    assault = records["art-a:e1"]
    assert assault["date"] == "2025-03-03"
    assert assault["event"] == "ASSAULT" and assault["quad_code"] == 4 and assault["mode"] == "firearms"
    assert assault["actor"] == [{"code": "KLV", "sector": "MIL", "entity_text": "Soldiers of the Kelvanian army",
                                 "identifier_id": None, "identifier_text": "Kelvanian Armed Forces"}]
    assert assault["size"] == {"dead": 12, "injured": 30, "arrested": None}
    assert assault["event_loc"]["geonameid"] == 1001 and assault["event_loc"]["cc3"] == "KLV"
    assert assault["event_text"].startswith("Soldiers of the Kelvanian army attacked")
    assert assault["link"] == "https://example.org/a"
    assert assault["coder"] == "chronicle 0.1.0 (events.rules.v1)"
    assert len(assault["coded_date"]) == 10
    # no event date: the article's published date
    assert records["art-a:e2"]["date"] == "2025-03-04"
    assert records["art-a:e2"]["context"] == []  # alleged: no auxiliary context (documented choice)
    assert records["art-b:e2"]["context"] == ["historical"]
    assert records["art-b:e2"]["enddate"] == "2025-04-13"


@pytest.mark.parametrize(("status", "context"), [
    ("asserted", []), ("historical", ["historical"]), ("planned", ["future"]),
    ("hypothetical", ["hypothetical"]), ("negated", ["negation"]), ("denied", ["negation"]), ("alleged", []),
])
def test_status_becomes_auxiliary_context(status: str, context: list[str]) -> None:
    article = article_a().to_dict()
    event = article["events"][0]
    event["status"] = status
    record = plover_event(event, article)
    assert record is not None
    assert record["context"] == ["military", *context]
    assert set(AUXILIARY_CONTEXT) <= {"historical", "planned", "hypothetical", "negated", "denied"}


def test_country_code_is_alpha2_for_real_countries() -> None:
    article = article_a().to_dict()
    event = article["events"][0]
    event["place"]["country"] = "MLI"
    record = plover_event(event, article)
    assert record is not None
    assert (record["event_loc"]["country_code"], record["event_loc"]["cc3"]) == ("ML", "MLI")


def test_datetime_published_is_cut_to_a_day() -> None:
    article = article_a(published="2025-03-04T08:15:00Z").to_dict()
    event = article["events"][1]
    record = plover_event(event, article)
    assert record is not None and record["date"] == "2025-03-04"
    article["published"] = None
    assert plover_event(event, article) is None
