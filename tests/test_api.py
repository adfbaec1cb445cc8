"""The HTTP API over a real DuckDB store of hand-built articles: every endpoint, filter, page and error."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fixtures.store.builders import article_a, article_b
from helpers import TOKEN

from chronicle.api import Settings, create_app
from chronicle.export import write_csv, write_jsonl, write_plover
from chronicle.records import Article
from chronicle.store import Store


@pytest.fixture
def store_articles() -> list[Article]:
    """conftest's `store` and `client` over these: a third article, dated later, to page and filter by date."""
    return [article_a(), article_b(), article_a("art-c", published="2025-05-01")]


def ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


def error_of(response: Any, status: int) -> dict[str, str]:
    """The common error shape, checked: {"error": {"code", "message"}} and nothing else at the top."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and len(body["error"]["message"]) > 20
    return dict(body["error"])


def test_events_are_spec_events_plus_article(client: TestClient) -> None:
    body = client.get("/events").json()
    assert body["count"] == 6 and body["next_cursor"] is None and body["limit"] == 100
    (event,) = [e for e in body["events"] if e["id"] == "art-a:e1"]
    assert {k: v for k, v in event.items() if k not in ("article_id", "title")} == article_a().events[0].to_dict()
    assert event["article_id"] == "art-a" and event["title"] == "Market attack in Dorrin"


def test_every_filter(client: TestClient) -> None:
    assert set(ids(client, country="ost")) == {"art-a:e2", "art-c:e2"}
    assert ids(client, type="PROTEST") == ["art-b:e1"]
    assert ids(client, mode="arrest") == ["art-b:e2"]
    assert set(ids(client, status="alleged")) == {"art-a:e2", "art-c:e2"}
    assert ids(client, actor="organisers") == ["art-b:e2"]
    assert set(ids(client, actor_code="KLVMIL")) == {"art-a:e1", "art-a:e2", "art-c:e1", "art-c:e2"}
    assert set(ids(client, actor_code="VRA")) == {"art-b:e1", "art-b:e2"}
    assert ids(client, actor_code="VRAMIL") == []
    assert set(ids(client, place="veyr")) == {"art-b:e1", "art-b:e2"}
    assert set(ids(client, place="1001")) == {"art-a:e1", "art-c:e1"}  # a GeoNames id
    assert set(ids(client, bbox="-10,10,0,15")) == {"art-a:e1", "art-c:e1"}  # Dorrin at (-8.25, 12.5)
    assert set(ids(client, bbox="170,-10,50,0")) == {"art-b:e1", "art-b:e2"}  # across the antimeridian
    assert ids(client, since="2025-04") == ["art-b:e2"]
    assert ids(client, until="2025-03-31") == ["art-a:e1", "art-c:e1"]
    assert ids(client, text="marched THROUGH") == ["art-b:e1"]
    assert set(ids(client, quad=3)) == {"art-a:e2", "art-c:e2"}
    assert ids(client, country="KLV", type="ASSAULT", since="2025-03-01", until="2025-03-31") == \
        ["art-a:e1", "art-c:e1"]
    assert ids(client, country="", type="") == ids(client)  # empty form fields mean "no filter"


def test_order_by_confidence(client: TestClient) -> None:
    confidences = [e["confidence"] for e in client.get("/events", params={"order": "confidence"}).json()["events"]]
    assert confidences == sorted(confidences, reverse=True)


@pytest.mark.parametrize("order", ["date", "confidence"])
def test_cursor_pages_cover_everything_once(client: TestClient, order: str) -> None:
    everything = ids(client, order=order)
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2, "order": order}
    while True:
        body = client.get("/events", params=params).json()
        seen.extend(e["id"] for e in body["events"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == everything and len(seen) == 6


def test_limit_is_capped(client: TestClient) -> None:
    assert client.get("/events", params={"limit": 50_000}).json()["limit"] == 1000


@pytest.mark.parametrize(("params", "status"), [
    ({"limit": 0}, 422), ({"limit": "ten"}, 422), ({"quad": 5}, 422), ({"order": "title"}, 422),
    ({"type": "FIGHT"}, 400), ({"country": "Mali"}, 400), ({"status": "rumoured"}, 400),
    ({"since": "03/04/2025"}, 400), ({"until": "2025-02-30"}, 400), ({"since": "2025-05", "until": "2025-04"}, 400),
    ({"cursor": "not-a-cursor"}, 400), ({"bbox": "1,2,3"}, 400), ({"bbox": "a,b,c,d"}, 400),
    ({"bbox": "0,95,10,96"}, 400), ({"actor_code": "mali army"}, 400),
])
def test_bad_parameters_answer_400_or_422_in_the_error_shape(client: TestClient, params: dict[str, Any],
                                                             status: int) -> None:
    error = error_of(client.get("/events", params=params), status)
    assert error["code"] == "bad_parameter"
    name = next(iter(params))
    assert name in error["message"] or str(params[name]) in error["message"]


@pytest.mark.parametrize("path", ["/actors?type=FIGHT", "/places?bbox=1", "/stats/timeline?interval=year",
                                  "/stats/timeline?by=actor", "/actors?role=victim", "/export?format=xml",
                                  "/export", "/actors?limit=-1"])
def test_bad_parameters_on_every_endpoint(client: TestClient, path: str) -> None:
    assert error_of(client.get(path), 422 if "interval" in path or "by=" in path or "role" in path
                    or "format" in path or path == "/export" or "limit" in path else 400)["code"] == "bad_parameter"


def test_unknown_paths_and_methods_use_the_error_shape(client: TestClient) -> None:
    assert error_of(client.get("/no/such/thing"), 404)["code"] == "not_found"
    assert error_of(client.delete("/events"), 405)["code"] == "method_not_allowed"


def test_event_detail_has_every_sentence_with_its_excerpt(client: TestClient) -> None:
    event = client.get("/events/art-a:e1").json()
    text = article_a().text
    assert event["id"] == "art-a:e1" and event["article"]["url"] == "https://example.org/a"
    assert [s["role"] for s in event["sentences"]] == ["evidence", "mention"]
    for sentence in event["sentences"]:
        excerpt = sentence["excerpt"]
        assert text[excerpt["start"]:excerpt["end"]] == excerpt["text"]
        assert excerpt["start"] <= sentence["start"] < sentence["end"] <= excerpt["end"]
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
    assert error_of(client.get("/events/art-a:e9"), 404)["code"] == "not_found"


def test_ids_with_slashes_and_hashes_are_reachable(store: Store, client: TestClient) -> None:
    store.ingest([article_b("dump/7f3a#2")])
    assert client.get("/events/dump%2F7f3a%232:e1").json()["id"] == "dump/7f3a#2:e1"
    assert client.get("/articles/dump%2F7f3a%232").json()["id"] == "dump/7f3a#2"


def test_article_is_the_stored_record(store: Store, client: TestClient) -> None:
    assert client.get("/articles/art-a").json() == store.article_record("art-a")
    assert error_of(client.get("/articles/nope"), 404)["code"] == "not_found"


def test_actors_top_by_events_and_filterable(client: TestClient) -> None:
    actors = client.get("/actors").json()["actors"]
    assert actors[0] == {"name": "Kelvanian Armed Forces", "country": "KLV", "sector": "MIL", "events": 4,
                         "as_actor": 2, "as_recipient": 2, "code": "KLVMIL"}
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    assert [a["name"] for a in client.get("/actors", params={"country": "VRA"}).json()["actors"]] == \
        ["organisers", "police", "teachers"]
    only = client.get("/actors", params={"name": "kelvan", "role": "recipient"}).json()["actors"]
    assert [(a["name"], a["events"]) for a in only] == [("Kelvanian Armed Forces", 2)]
    assert len(client.get("/actors", params={"limit": 1}).json()["actors"]) == 1


def test_places_top_by_events_with_quads(client: TestClient) -> None:
    places = client.get("/places").json()["places"]
    assert [(p["name"], p["events"], p["quad4"]) for p in places] == [("Dorrin", 2, 2), ("Veyra", 2, 2)]
    assert places[0]["lat"] == 12.5 and places[0]["lon"] == -8.25 and places[0]["geonameid"] == 1001
    assert [p["name"] for p in client.get("/places", params={"type": "PROTEST"}).json()["places"]] == ["Veyra"]
    assert [p["name"] for p in client.get("/places", params={"name": "dor"}).json()["places"]] == ["Dorrin"]


def test_timeline_per_day_week_month_by_field(client: TestClient) -> None:
    day = client.get("/stats/timeline").json()
    assert day == {"interval": "day", "by": None, "total": 6, "undated": 3,
                   "buckets": [{"date": "2025-03-03", "count": 2}, {"date": "2025-04-07", "count": 1}]}
    week = client.get("/stats/timeline", params={"interval": "week", "by": "type"}).json()
    assert week["buckets"] == [{"date": "2025-03-03", "count": 2, "by": {"ASSAULT": 2}},
                               {"date": "2025-04-07", "count": 1, "by": {"COERCE": 1}}]
    month = client.get("/stats/timeline", params={"interval": "month", "by": "quad", "country": "VRA"}).json()
    assert month["buckets"] == [{"date": "2025-04-01", "count": 1, "by": {"4": 1}}]
    assert month["total"] == 2 and month["undated"] == 1


def test_facets(client: TestClient) -> None:
    facets = client.get("/stats/facets").json()
    assert facets["events"] == 6 and facets["first_date"] == "2025-03-03" and facets["last_date"] == "2025-04-07"
    assert {c["value"]: c["events"] for c in facets["countries"]} == {"KLV": 4, "OST": 2, "VRA": 2}


def test_exports_stream_what_the_cli_writes(store: Store, client: TestClient) -> None:
    for fmt, write in (("csv", lambda out: write_csv(store.conn, out)), ("jsonl", lambda out: write_jsonl(store, out)),
                       ("plover", lambda out: write_plover(store, out))):
        expected = io.StringIO()
        write(expected)
        response = client.get("/export", params={"format": fmt})
        assert response.status_code == 200
        assert response.text == expected.getvalue()
        assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(client.get("/export?format=csv").text)))
    assert len(rows) == 7 and rows[0][0] == "id"


def test_export_of_a_big_store_comes_in_chunks(store: Store, client: TestClient) -> None:
    store.ingest([article_a(f"bulk-{i}") for i in range(400)])
    with client.stream("GET", "/export", params={"format": "jsonl"}) as response:
        chunks = list(response.iter_bytes())
    lines = b"".join(chunks).decode().splitlines()
    assert len(lines) == 403 and json.loads(lines[-1])["id"] == "bulk-399"
    assert len(chunks) > 1


def test_openapi_and_docs_are_served_without_a_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/actors", "/places", "/stats/timeline",
            "/export", "/ingest"} <= set(spec["paths"])
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


# --- POST /ingest: auth, limits (no model needed: refused before any processing) --------------------


def test_ingest_is_off_without_a_token(store: Store) -> None:
    with TestClient(create_app(store)) as c:
        error = error_of(c.post("/ingest", content=b'{"text": "x"}\n', headers={"Authorization": "Bearer x"}), 403)
    assert error["code"] == "ingest_disabled" and "--token" in error["message"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_ingest_needs_the_token(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.post("/ingest", content=b'{"text": "x"}\n', headers=headers)
    assert error_of(response, 401)["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_body_is_size_limited_and_utf8(store: Store) -> None:
    with TestClient(create_app(store, Settings(token=TOKEN, max_body=1000))) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        big = (json.dumps({"text": "word " * 300}) + "\n").encode()
        assert error_of(c.post("/ingest", content=big, headers=auth), 413)["code"] == "too_large"
        chunked = c.post("/ingest", content=iter([big[:600], big[600:]]), headers=auth)  # no Content-Length
        assert error_of(chunked, 413)["code"] == "too_large"
        assert error_of(c.post("/ingest", content=b'{"text": "caf\xe9"}', headers=auth), 400)["code"] == "bad_body"


# --- the one writer -------------------------------------------------------------------------------


def test_reads_during_a_write_see_no_half_written_batch(store: Store, client: TestClient) -> None:
    """A 300-article batch goes in through the writer thread while readers poll: each read sees all or none."""
    import threading

    writer = client.app.state.writer  # type: ignore[attr-defined]
    before = client.get("/stats/timeline").json()["total"]
    batch = [article_a(f"w-{i}") for i in range(300)]
    seen: list[tuple[int, int]] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            total = client.get("/stats/timeline").json()["total"]
            articles = len({e["article_id"] for e in client.get("/events", params={"limit": 1000}).json()["events"]})
            seen.append((total, articles))

    readers = [threading.Thread(target=poll) for _ in range(2)]
    for r in readers:
        r.start()
    stats = writer.submit(lambda s: s.ingest(batch, batch_size=len(batch) + 1)).result(timeout=120)
    done.set()
    for r in readers:
        r.join()
    after = client.get("/stats/timeline").json()["total"]
    assert stats.new == 300 and after == before + 600
    assert seen and all(total in (before, after) for total, _ in seen)
    assert all(articles in (3, 303) for _, articles in seen)


def test_writer_jobs_run_one_at_a_time_in_order(client: TestClient) -> None:
    import threading

    writer = client.app.state.writer  # type: ignore[attr-defined]
    threads: set[str] = set()
    order: list[int] = []

    def job(n: int) -> Any:
        def run(store: Store) -> int:
            threads.add(threading.current_thread().name)
            order.append(n)
            return n
        return run

    futures = [writer.submit(job(n)) for n in range(20)]
    assert [f.result(timeout=10) for f in futures] == list(range(20))
    assert order == list(range(20)) and threads == {"chronicle-writer"}
    failing = writer.submit(lambda store: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failing.result(timeout=10)
    assert writer.submit(lambda store: "still alive").result(timeout=10) == "still alive"
