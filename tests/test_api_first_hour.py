"""What a new user of the API meets (issue 12), over a real HTTP server on a real DuckDB store:
unknown parameters refused, totals, list and single events alike, filtered exports, ids with '#',
the OpenAPI description of every answer."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from fixtures.store.builders import article_a, article_b

from chronicle.api.background import served
from chronicle.export import EVENT_COLUMNS
from chronicle.store import Store
from chronicle.store.dedup import dedup_store


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("api") / "first.duckdb"
    with Store.open(str(db)) as store:
        # art-c copies art-a's text under another id: deduplication merges their events
        store.ingest([article_a(), article_b(), article_a("art-c", published="2025-05-01"),
                      article_a("dump0#2", published="2025-05-02")])
        dedup_store(store)
        with served(store) as base:
            yield base


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def get(url: str) -> Any:
    status, body, _ = fetch(url)
    assert status == 200, body
    return json.loads(body)


@pytest.mark.parametrize("path", ["/events?contry=MLI", "/events/art-a:e1?x=1", "/stats/timeline?intervall=week",
                                  "/export?format=csv&countri=KLV", "/stats/facets?tipe=ASSAULT"])
def test_an_unknown_parameter_is_refused_naming_the_valid_ones(url: str, path: str) -> None:
    status, body, _ = fetch(url + path)
    assert status == 400
    error = json.loads(body)
    assert set(error) == {"error"} and error["error"]["code"] == "bad_parameter"
    message = error["error"]["message"]
    bad = urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query)[-1][0]
    assert f"`{bad}`" in message
    if path.startswith("/events?"):
        assert "country" in message and "since" in message and "limit" in message


def test_events_gives_the_total_of_every_page(url: str) -> None:
    first = get(url + "/events?limit=2")
    # art-a, art-c and dump0#2 hold one text: their dated assault merges into one event
    assert first["count"] == 2 and first["total"] == 5 == len(get(url + "/events")["events"])
    assert get(url + "/events?limit=2&type=PROTEST")["total"] == 1
    assert get(url + "/events?copies=true")["total"] == 8


def test_list_and_single_event_share_their_fields(url: str) -> None:
    listed = get(url + "/events")["events"]
    for event in listed:
        one = get(url + "/events/" + urllib.parse.quote(event["id"], safe=""))
        assert {k: one[k] for k in event} == event
        assert {"article", "sentences"} <= set(one)
        assert "group_id" in one and "num_articles" in one


def test_an_id_with_a_hash_is_reachable_encoded_and_explained_plain(url: str) -> None:
    assert get(url + "/events/dump0%232:e1")["id"] == "dump0#2:e1"
    status, body, _ = fetch(url + "/events/dump0#2:e1")  # urllib drops the fragment, as a browser does
    assert status == 404
    message = json.loads(body)["error"]["message"]
    assert "%23" in message and "dump0#" in message


def test_export_honours_the_filters(url: str) -> None:
    status, body, _ = fetch(url + "/export?format=csv&type=PROTEST")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["id"] for r in rows] == ["art-b:e1"]
    listed = {e["id"] for e in get(url + "/events?country=KLV")["events"]}
    rows = list(csv.DictReader(io.StringIO(fetch(url + "/export?format=csv&country=KLV")[1].decode())))
    assert {r["id"] for r in rows} == listed
    _, body, _ = fetch(url + "/export?format=jsonl&type=PROTEST")
    assert [json.loads(line)["id"] for line in body.decode().splitlines()] == ["art-b"]
    _, body, _ = fetch(url + "/export?format=plover&type=COERCE")
    assert [json.loads(line)["id"] for line in body.decode().splitlines()] == ["art-b:e2"]
    everything = list(csv.DictReader(io.StringIO(fetch(url + "/export?format=csv")[1].decode())))
    assert len(everything) == 8  # no filter: the whole store, as `chronicle export` writes it


def test_export_rows_say_how_date_and_place_were_found(url: str) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(fetch(url + "/export?format=csv")[1].decode()))}
    assert {"date_text", "precision", "date_basis", "place_resolution", "place_basis"} <= set(EVENT_COLUMNS)
    assert (rows["art-a:e1"]["date_text"], rows["art-a:e1"]["date_basis"]) == ("Monday", "text")
    assert rows["art-a:e2"]["date_basis"] == "unknown"
    assert rows["art-b:e2"]["date_basis"] == "context"


def test_openapi_documents_the_answers(url: str) -> None:
    spec = get(url + "/openapi.json")
    schemas = spec["components"]["schemas"]
    assert {"EventPage", "EventDetail", "Event", "EventDate", "Timeline", "Facets", "Error"} <= set(schemas)
    ok = spec["paths"]["/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/EventPage"}
    assert "total" in schemas["EventPage"]["properties"]
    assert "basis" in schemas["EventDate"]["properties"]
    bad = spec["paths"]["/events"]["get"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad == {"$ref": "#/components/schemas/Error"}


def test_facets_honour_the_other_filters_and_count_merged_events_once(url: str) -> None:
    def by_type(events: list[dict[str, Any]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in events:
            out[e["type"]] = out.get(e["type"], 0) + 1
        return out

    everything = get(url + "/stats/facets")
    listed = get(url + "/events")["events"]
    assert everything["events"] == len(listed) == 5  # the merged assault once, not three times
    assert {t["value"]: t["events"] for t in everything["types"]} == by_type(listed)
    klv = get(url + "/stats/facets?country=KLV")
    types = {t["value"]: t["events"] for t in klv["types"]}
    assert types == by_type(get(url + "/events?country=KLV")["events"]) == {"ASSAULT": 1, "ACCUSE": 2}
    # the type menu ignores only the type filter: every type stays pickable, counted under the country
    assaults = get(url + "/stats/facets?country=KLV&type=ASSAULT")
    assert {t["value"]: t["events"] for t in assaults["types"]} == types
    assert assaults["events"] == 1
    assert {c["value"] for c in assaults["countries"]} >= {"KLV"}
    for value, n in types.items():
        assert get(url + f"/events?country=KLV&type={value}")["total"] == n
